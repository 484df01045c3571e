"""The door of the web app, one ASGI middleware: allowed hosts, the write token, security headers on every
response, and no unhandled exception ever reaching the server.

- Host: a request must name an allowed host (loopback names by default), so a web page on another site cannot
  reach the store through DNS rebinding.
- Token: writes (any method but GET, HEAD, OPTIONS) need ``Authorization: Bearer <token>``; a server started
  without a token refuses every write.
- Headers: CSP, nosniff and friends go on every response, errors included.
- Errors: an exception an endpoint did not turn into a 4xx becomes a JSON 500 with those headers, and the
  connection stays usable (uvicorn closes it when an exception escapes the app).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
log = logging.getLogger("dotterel.web")


def is_loopback(host: str) -> bool:
    """``host`` (a bind address or a Host header name) stays on this machine."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The name of a Host header, without its port: "[::1]:8000" -> "::1", "Example.org:80" -> "example.org"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    def __init__(self, app, allowed_hosts: list[str], token: str | None, headers: dict[str, str]):
        self.app = app
        self.any_host = "*" in allowed_hosts
        self.allowed = {host_name(h) for h in allowed_hosts if h != "*"}
        self.token = token.encode("utf-8") if token else None
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in self.headers if h[0] not in present]
            await send(message)

        refusal = self.refusal(scope)
        if refusal is not None:
            await self.respond(send_with_headers, *refusal)
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await self.respond(send_with_headers, 500, "internal error: the request could not be answered "
                                                            "(a bug in dotterel; the server log has the details)")

    def refusal(self, scope) -> tuple[int, str] | None:
        """Why this request is refused before it reaches an endpoint (status, message), or None."""
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if not self.any_host and host not in self.allowed:
            return 400, (f"host {host!r} is not allowed: the server answers to {', '.join(sorted(self.allowed))} "
                         f"(start it with --allow-host NAME to add one)")
        if scope.get("method", "GET") in SAFE_METHODS:
            return None
        if self.token is None:
            return 403, "writes are disabled: start the server with --token (or DOTTEREL_TOKEN) and send it as " \
                        "'Authorization: Bearer <token>'"
        given = headers.get(b"authorization", b"")
        if not (given[:7].lower() == b"bearer " and hmac.compare_digest(given[7:].strip(), self.token)):
            return 401, "writes need the server's token: send 'Authorization: Bearer <token>'"
        return None

    @staticmethod
    async def respond(send, status: int, message: str) -> None:
        body = json.dumps({"detail": message}).encode("utf-8")
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        if status == 401:
            headers.append((b"www-authenticate", b"Bearer"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def bind_policy(bind: str, token: str | None, extra_hosts: list[str]) -> tuple[list[str], list[str]]:
    """The Host names a server bound to ``bind`` answers to, and what to warn about.

    Raises ValueError for a bind beyond loopback without a token: the store would take writes from anyone.
    """
    hosts = list(LOOPBACK_HOSTS) + list(extra_hosts)
    if is_loopback(bind):
        return hosts, []
    if not token:
        raise ValueError(f"--host {bind} makes the server reachable from other machines: set a token with --token "
                         f"(or DOTTEREL_TOKEN) first; writes then need it")
    wildcard = bind in ("0.0.0.0", "::", "")
    if not wildcard:
        hosts.append(bind)
    warnings = [f"serving on {bind}, beyond this machine: anyone who can reach it can read the store; writes need "
                f"the token"]
    if wildcard and not extra_hosts:
        warnings.append("requests must name an allowed host: add the names clients use with --allow-host NAME")
    return hosts, warnings
