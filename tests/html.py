"""Reading pages as a parser does, not by substrings."""

from __future__ import annotations

from bs4 import BeautifulSoup


def parse_html(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def texts(elements: object) -> list[str]:
    """The whitespace-normalised text of each element."""
    return [" ".join(e.get_text(" ").split()) for e in elements]  # type: ignore[attr-defined]
