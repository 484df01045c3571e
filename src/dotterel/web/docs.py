"""OpenAPI docs at /docs from the vendored Swagger UI: no CDN, no inline script (the strict CSP holds here too)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse


def mount_docs(app: FastAPI, static: Path) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(static / "docs.html")
