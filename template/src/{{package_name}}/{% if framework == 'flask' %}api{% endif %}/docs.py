"""`/openapi.json` and the `/docs` page, when the settings enable them.

The document is built once, on first request, from the routers' declarations; the page is
Swagger UI's standard bundle from a CDN, so the image ships no static assets for it.
"""

from __future__ import annotations

import html
from functools import cache
from string import Template
from typing import Any

from flask import Flask, Response

from .. import __version__
from ..core.config import Settings
from .endpoints import Router
from .openapi import openapi_document

SWAGGER = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5"
PAGE = Template("""<!doctype html>
<html><head><meta charset="utf-8"><title>$title</title>
<link rel="stylesheet" href="$cdn/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="$cdn/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui"})</script>
</body></html>
""")


def document_of(routers: list[Router], settings: Settings) -> dict[str, Any]:
    api = settings.api
    operations = [operation for router in routers for operation in router.operations]
    return openapi_document(
        operations, title=api.title, version=__version__, description=api.description
    )


def install_docs(app: Flask, routers: list[Router], settings: Settings) -> None:
    if not settings.docs_enabled:
        return
    document = cache(lambda: document_of(routers, settings))

    def openapi_json() -> dict[str, Any]:
        return document()

    def docs() -> Response:
        page = PAGE.substitute(title=html.escape(settings.api.title), cdn=SWAGGER)
        return Response(page, mimetype="text/html")

    app.add_url_rule("/openapi.json", "openapi_json", openapi_json, methods=["GET"])
    app.add_url_rule("/docs", "docs", docs, methods=["GET"])
