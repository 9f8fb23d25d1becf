"""The app's routes, one module per area: pages (home, glossary, login), screening,
evidence, cases, the law, and the JSON API."""

from __future__ import annotations

from fastapi import Response


def attachment(body: bytes, media_type: str, name: str) -> Response:
    """A file to download as `name` (a report, an index, a calendar)."""
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
