"""The server's log names requests by method, route template and status, and holds no facts,
labels or query strings: `erpath web` runs as a real process, screens invented facts
with distinctive values, and its whole log is searched for them afterwards."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from erpath.web import Settings, create_app
from web.webtools import Browser, LiveServer, csrf_of, erpath_web, screen_through

DISTINCT = "Zqxv-4417"  # invented; appears in the note, the label and the query string


def test_the_log_holds_no_personal_facts(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    with erpath_web(["--demo", "--data-dir", str(tmp_path / "demo")], log) as base:
        browser = Browser(base)
        answer = screen_through(
            browser,
            {
                "as_of": "2025-06-10",
                "arrivals-0-date": "2024-03-01",
                "person-citizenship": "HND",
                "person-birth_date": "1991-07-19",
                "proceedings-section_240": "pending",
                "evidence-0-kind": "lease",
                "evidence-0-from": "2024-03-05",
                "evidence-0-to": "2025-03-04",
                "evidence-0-note": f"lease of {DISTINCT}",
            },
        )
        assert 'id="answer"' in answer
        page = browser.get("/cases").text
        browser.post("/cases", data={"csrf": csrf_of(page), "label": f"Client {DISTINCT}"})
        browser.get(f"/law?on=2025-06-10&who={DISTINCT}")
        browser.post("/api/screen", json={"as_of": "2025-06-10", "person": {"x": DISTINCT}})
        browser.close()
    text = log.read_text(encoding="utf-8")
    assert "POST /screen 303" in text
    assert "GET /screen/{token} 200" in text
    assert "POST /cases 303" in text
    assert "POST /api/screen 422" in text
    for secret in (DISTINCT, "1991-07-19", "HND", "2024-03-05"):
        assert secret not in text, secret
    assert (tmp_path / "demo" / "passphrase").read_text().strip() not in text


def test_an_unexpected_error_is_logged_without_its_text(caplog: pytest.LogCaptureFixture) -> None:
    """An exception's message may quote what the user typed: the log gets its type."""
    app = create_app(Settings())

    @app.get("/test-only/boom")
    def boom() -> None:
        raise RuntimeError(f"facts of {DISTINCT}")

    caplog.set_level(logging.INFO)
    with LiveServer(app) as server:
        response = httpx.get(server.url + "/test-only/boom", timeout=10)
    assert response.status_code == 500
    assert DISTINCT not in response.text
    assert "GET /test-only/boom failed: RuntimeError" in caplog.text
    assert DISTINCT not in caplog.text
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
