"""What keeps the API safe to expose: write tokens, body size limits and browser security headers.

* Reading is open. Every write (ingest, merge, split) needs ``Authorization: Bearer <token>`` with
  the operator's token (``WARWATCH_TOKEN``), compared in constant time; without a configured token
  the server refuses all writes.
* A request body over the size limit is refused with 413: at once when its ``Content-Length``
  says so, else as soon as the bytes read pass the limit.
* Every response carries a Content-Security-Policy without inline script or style, and headers
  against sniffing, framing and referrer leaks.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError, envelope

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "geolocation=(), camera=(), microphone=()",
}

_bearer = HTTPBearer(auto_error=False, description="The operator's WARWATCH_TOKEN; needed for every write.")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """A dependency of every write route: the request must carry the server's token."""
    expected: str | None = request.app.state.token
    if not expected:
        raise ApiError(403, "writes are disabled on this server; start it with WARWATCH_TOKEN set to allow them")
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        raise ApiError(401, "this write needs the header 'Authorization: Bearer <WARWATCH_TOKEN>'", headers=challenge)
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise ApiError(401, "the bearer token is not this server's WARWATCH_TOKEN", headers=challenge)


class SecurityHeaders:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` with a 413 envelope.

    A declared ``Content-Length`` over the limit is refused before anything is read; a body without
    one is counted as it streams, and reading past the limit raises a 413 ``ApiError`` in the route,
    which the error handlers turn into the envelope.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            shown = declared.decode(errors="replace")[:20]
            await envelope(413, self._message(f"{shown} bytes"))(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise ApiError(413, self._message(f"at least {received} bytes"))
            return message

        await self.app(scope, counted, send)

    def _message(self, size: str) -> str:
        return f"the request body ({size}) is over the limit of {self.max_bytes} bytes; send a smaller article"
