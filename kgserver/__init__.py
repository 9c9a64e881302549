"""kgserver: the open knowledge graph of open research infrastructure."""

from __future__ import annotations

__version__ = "0.1.0"
