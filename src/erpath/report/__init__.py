"""Printable documents: HTML rendered from templates, and PDF from that HTML."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from erpath.report.strip import drawing, swatch
from erpath.wording import words
from erpath.wording.catalogs import translations


def environment(language: str) -> Environment:
    """The templates of erpath.report, with gettext in `language`, the wording set as `w`
    and the timeline strip's drawing (`drawing`, `swatch`)."""
    env = Environment(
        loader=PackageLoader("erpath.report"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(w=words(language), drawing=drawing, swatch=swatch)
    return env


def write_document(html: str, path: Path) -> Path:
    """Write `html` as PDF (a .pdf path) or as it is (any other suffix)."""
    if path.suffix.lower() == ".pdf":
        from weasyprint import HTML

        HTML(string=html).write_pdf(path)
    else:
        path.write_text(html, encoding="utf-8")
    return path
