"""Errors as the client prefers them: one negotiated response (HTML, JSON or plain text) for
every failure, and the handlers that map the error tree (`kgserver/errors.py`) onto it."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from kgserver.errors import KGError, NotAcceptable
from kgserver.rdf.formats import HTML, JSON, PLAIN
from kgserver.web.context import AppContext
from kgserver.web.negotiation import negotiate
from kgserver.web.responses import json_bytes, respond


def error_response(request: Request, status: int, message: str) -> Response:
    """Render an error in the format the client prefers: HTML, JSON or plain text."""
    try:
        fmt = negotiate(request.headers.get("accept"), (PLAIN, JSON, HTML))
    except NotAcceptable:
        fmt = PLAIN
    reason = HTTPStatus(status).phrase
    if fmt is HTML:
        context: AppContext = request.app.state.context
        body = context.render(request, "error.html", status=status, reason=reason, message=message)
    elif fmt is JSON:
        body = json_bytes({"status": status, "error": reason, "message": message})
    else:
        body = f"{status} {reason}: {message}\n".encode()
    return respond(request, body, fmt.content_type, negotiated=True, status=status)


async def _kg_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, KGError)
    response = error_response(request, error.status, error.message)
    response.headers.update(error.headers)
    return response


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    response = error_response(request, error.status_code, str(error.detail))
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    return response


async def _validation_error(request: Request, error: Exception) -> Response:
    return error_response(request, 400, str(error))


def install_error_handlers(app: FastAPI) -> None:
    """Answer every KGError, HTTP error and invalid parameter through `error_response`."""
    app.add_exception_handler(KGError, _kg_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
