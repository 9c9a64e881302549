"""The routers: each parses its requests, calls a service that knows nothing of HTTP, and
chooses the representation (`kgserver/web/responses.py` sends it)."""
