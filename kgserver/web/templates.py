"""The Jinja2 environment of the pages (kgserver/web/templates), every value escaped."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape


def template_environment() -> Environment:
    """Templates from kgserver/web/templates, autoescaped, with tidy whitespace."""
    return Environment(
        loader=PackageLoader("kgserver.web", "templates"),
        autoescape=select_autoescape(("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
