"""Reading a posted form, with its CSRF token checked first."""

from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.datastructures import FormData

from erpath.web.i18n import gettext
from erpath.web.security import CSRF_FIELD
from erpath.web.state import session_of, state_of

MAX_FIELDS = 2000


async def checked_form(request: Request) -> FormData:
    """The posted form; 403 unless it carries this session's CSRF token."""
    form = await request.form(max_files=1, max_fields=MAX_FIELDS)
    if not state_of(request).sessions.csrf_ok(session_of(request), form.get(CSRF_FIELD)):
        _ = gettext(request)
        raise HTTPException(
            status_code=403,
            detail=_(
                "This form has expired or did not come from this site: "
                "go back, reload the page and send it again."
            ),
        )
    return form


def text(form: FormData, name: str) -> str:
    """A text field, stripped ("" when missing or a file)."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""
