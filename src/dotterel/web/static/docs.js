// Swagger UI over this server's OpenAPI schema (kept out of docs.html: the CSP forbids inline scripts).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
