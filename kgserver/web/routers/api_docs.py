"""`GET /api`: FastAPI's interactive API docs (Swagger UI), served from the front-end bundle.

Swagger UI's script, stylesheet and icon come from `swagger-ui-dist`, installed from the npm
registry and bundled at install time (`kgserver/web/frontend.py`), never from a CDN; its
validator badge, which would ask validator.swagger.io, is off. The page is ours, not FastAPI's
`get_swagger_ui_html`, whose inline script the Content-Security-Policy refuses. Without the
bundle, a page says that the docs need the front-end build and links the OpenAPI description.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from kgserver.rdf.formats import HTML
from kgserver.web import frontend
from kgserver.web.context import ContextDep
from kgserver.web.responses import respond

router = APIRouter()


@router.get("/api", include_in_schema=False)
async def api_docs(request: Request, context: ContextDep) -> Response:
    """Swagger UI over /openapi.json, or the page that explains its absence."""
    # As FastAPI's own docs route does: the description under this app's root path.
    openapi_url = request.scope.get("root_path", "").rstrip("/") + (request.app.openapi_url or "")
    built = frontend.bundle()
    if built is None:
        html = context.render(request, "api_docs_unbuilt.html", openapi_url=openapi_url)
        return respond(request, html, HTML.content_type)
    root = context.urls(request).root
    html = context.render(
        request,
        "api_docs.html",
        title=f"{request.app.title} — API",
        js=built.url(root, "swagger.js"),
        css=built.url(root, "swagger.css"),
        icon=built.url(root, "swagger.icon"),
        config={
            "url": openapi_url,
            "dom_id": "#swagger-ui",
            "layout": "BaseLayout",
            "deepLinking": True,
            "showExtensions": True,
            "showCommonExtensions": True,
            "validatorUrl": None,
        },
    )
    return respond(request, html, HTML.content_type)
