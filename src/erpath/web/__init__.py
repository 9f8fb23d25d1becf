"""The web app: server-rendered pages and the JSON API (docs/adr/0009-web-app.md).

`create_app` is imported on first use, so that `erpath` commands other than `web` do not
load the web framework."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from erpath.web.settings import ConfigError, Settings

if TYPE_CHECKING:
    from erpath.web.app import create_app

__all__ = ["ConfigError", "Settings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from erpath.web.app import create_app

        return create_app
    raise AttributeError(f"module 'erpath.web' has no attribute {name!r}")
