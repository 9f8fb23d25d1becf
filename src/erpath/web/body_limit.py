"""Request bodies are capped before anything parses them (docs/adr/0015-login-limiter.md).

A form, an upload or a JSON document is read from the socket only as far as the cap of its
path: a login form is small, the evidence page takes one spreadsheet, every other body at
most one facts document. A request that declares a longer body is refused by the app's
guard before a byte of it is read; a streamed (chunked) one is refused here as soon as it
passes the cap, so nothing past the cap is ever spooled to disk or held in memory. Either
way the app answers 413; what the client still sends is read and thrown away.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from erpath.presence.importing import MAX_FILE_BYTES
from erpath.validation import MAX_DOCUMENT_BYTES

SMALL_FORM_BYTES = 16 * 2**10  # a login or logout form: a token, a name, a password
FORM_MARGIN = 2**20  # the other fields of a form beside its file or document
SMALL_FORMS = frozenset({"/login", "/logout"})


class BodyTooLarge(Exception):
    """The request's body is longer than `cap` bytes, the most its path takes."""

    def __init__(self, cap: int) -> None:
        super().__init__(f"the body is longer than {cap:,} bytes")
        self.cap = cap


def body_cap(path: str) -> int:
    """The most bytes of body a request to `path` may carry."""
    if path in SMALL_FORMS:
        return SMALL_FORM_BYTES
    if path == "/evidence":
        return MAX_FILE_BYTES + FORM_MARGIN
    return MAX_DOCUMENT_BYTES + FORM_MARGIN


def declared_length(headers: Headers) -> int | None:
    """The Content-Length a request declares (None: none, or not a number)."""
    value = headers.get("content-length", "")
    return int(value) if value.isdecimal() else None


def size_text(cap: int) -> str:
    """`cap` bytes as people say it: 16 KB, 6 MB."""
    return f"{cap // 2**20} MB" if cap >= 2**20 else f"{cap // 2**10} KB"


class BodyLimit:
    """ASGI middleware: the app's `receive` raises BodyTooLarge instead of giving it more
    than the path's cap, and keeps raising once it has (the declared length is the
    guard's to check, with the same `body_cap`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = body_cap(scope["path"])
        received = 0

        async def limited() -> Message:
            nonlocal received
            if received > cap:
                raise BodyTooLarge(cap)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(cap)
            return message

        await self.app(scope, limited, send)
