"""The OpenAPI description at /openapi.json, made true to what the routes answer.

FastAPI describes a route from its signature: every answer as JSON, a 422 for invalid
parameters, and nothing of the formats, statuses, parameters and bodies a route reads by hand.
Routes therefore declare what they answer with `answers(...)` (from the one format table) and
what they read with `openapi_extra`; `install` then gives every operation the errors any
request can meet, as the one error handler (`kgserver/web/errors.py`) writes them.
Checked by the schemathesis run of tests/web/test_openapi.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI

from kgserver.rdf.formats import FORMAT_PARAMETERS, HTML, JSON, PLAIN, Format

ERROR_FORMATS = (PLAIN, JSON, HTML)
"""What `error_response` answers errors in (negotiated)."""
EVERY_OPERATION = (400, 406, 429, 503)
"""Statuses any operation may answer: a bad parameter (400, not FastAPI's 422), nothing
acceptable (406), over the client's rate (429), at capacity (503)."""
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "status": {"type": "integer"},
        "error": {"type": "string"},
        "message": {"type": "string"},
    },
    "required": ["status", "error", "message"],
}

Operation = dict[str, Any]


def media_schema(fmt: Format) -> dict[str, Any]:
    """The schema of a body in `fmt`: JSON documents are objects or arrays, the rest text."""
    if fmt.media_type.endswith("json"):
        return {"schema": {"type": ["object", "array"]}}
    return {"schema": {"type": "string"}}


def content(formats: Iterable[Format]) -> dict[str, Any]:
    return {fmt.media_type: media_schema(fmt) for fmt in formats}


def error(status: int) -> dict[str, Any]:
    body = {fmt.media_type: media_schema(fmt) for fmt in ERROR_FORMATS}
    body[JSON.media_type] = {"schema": ERROR_SCHEMA}
    return {"description": HTTPStatus(status).phrase, "content": body}


def answers(
    formats: Iterable[Format], *statuses: int, description: str = "The answer"
) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: 200 in `formats`, and the error statuses it may add to
    those of every operation."""
    described: dict[int | str, dict[str, Any]] = {
        200: {"description": description, "content": content(formats)}
    }
    described.update({status: error(status) for status in statuses})
    return described


def query_parameter(name: str, description: str, many: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if many:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def format_parameters() -> list[dict[str, Any]]:
    """`format`, `output`, `results`: a format name or media type that wins over Accept
    (values we do not know leave the choice to Accept)."""
    return [
        query_parameter(name, "A format name or media type chosen instead of Accept")
        for name in FORMAT_PARAMETERS
    ]


def install(app: FastAPI) -> None:
    """Serve the corrected description as `/openapi.json` (built once, on first request)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = corrected(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def corrected(schema: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's description with its 422 replaced by our 400, and every operation's errors."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if "HTTPValidationError" in str(responses.get("422", "")):
                del responses["422"]  # FastAPI's own, for invalid parameters: we answer 400
            for status in EVERY_OPERATION:
                responses.setdefault(str(status), error(status))
            ok = responses.get("200", {})
            if ok.get("content") == {"application/json": {"schema": {}}}:
                ok["content"] = content([JSON])
    components = schema.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    if "components" in schema and not components:
        schema["components"].pop("schemas", None)
        if not schema["components"]:
            del schema["components"]
    return schema
