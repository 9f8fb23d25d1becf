"""The web app's calls into the engine and the report module, in one place.

`screen()` takes a `language` for the wording of reasons where the installed erpath
offers it; the determination report (`erpath.report.determination`) is looked up when a
report is asked for, so the pages work before that module exists (its routes then answer
503 and say so)."""

from __future__ import annotations

import importlib
import inspect
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, cast

from erpath.determination import Determination
from erpath.facts import Facts
from erpath.i18n import LANGUAGES
from erpath.screen import screen

REPORT_MODULE = "erpath.report.determination"


class ReportUnavailable(RuntimeError):
    """The determination report module is not installed in this erpath."""


@cache
def _screen_takes_language() -> bool:
    return "language" in inspect.signature(screen).parameters


def determine(facts: Facts, language: str = "en") -> Determination:
    """The determination, its reasons worded in `language` where the engine can."""
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    if language != "en" and _screen_takes_language():
        call = cast(Callable[..., Determination], screen)
        return call(facts, language=language)
    return screen(facts)


def _report() -> Any:
    try:
        return importlib.import_module(REPORT_MODULE)
    except ImportError:
        raise ReportUnavailable(f"{REPORT_MODULE} is not available in this erpath") from None


def report_html(determination: Determination, language: str) -> str:
    render = cast(Callable[..., str], _report().render_report_html)
    return render(determination, language=language)


def report_pdf(determination: Determination, language: str) -> bytes:
    write = cast(Callable[..., Path], _report().write_report)
    with tempfile.TemporaryDirectory(prefix="erpath-report-") as tmp:
        path = write(determination, Path(tmp) / "report.pdf", language=language)
        return Path(path).read_bytes()
