"""Security headers on every response: Content-Security-Policy, nosniff, no framing, referrer.

A pure ASGI middleware, outermost in `kgserver/app.py`, so error answers, 304s and the 429s of
`kgserver/web/rate_limits.py` carry the headers too. The policy is
`kgserver.settings.CONTENT_SECURITY_POLICY` unless set; tested in Chromium by
tests/web/test_security_headers_browser.py.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class SecurityHeaders:
    """Adds the security headers to every HTTP response the app sends, unless already set."""

    def __init__(self, app: ASGIApp, content_security_policy: str, referrer_policy: str) -> None:
        self.app = app
        self.headers = [
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", referrer_policy.encode("latin-1")),
        ]
        if content_security_policy:
            self.headers.append(
                (b"content-security-policy", content_security_policy.encode("latin-1"))
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(pair for pair in self.headers if pair[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
