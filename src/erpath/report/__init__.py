"""Printable documents: HTML rendered from templates, and PDF from that HTML."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from erpath.i18n import translations


def environment(language: str) -> Environment:
    """The templates of erpath.report, with gettext in `language`."""
    env = Environment(
        loader=PackageLoader("erpath.report"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env
