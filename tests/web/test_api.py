"""The JSON API: the contract documents (CONTRACT.md), 422 naming the field, the law on a
date, presence, the OpenAPI description, and a schemathesis run finding no server error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance

from web.webtools import EXAMPLES, LiveServer


@pytest.fixture(scope="module")
def api(local_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=local_server.url, timeout=30) as client:
        yield client


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def test_the_contract_example(api: httpx.Client) -> None:
    response = api.post("/api/screen", json=_example("01-interior-pending-240"))
    assert response.status_code == 200
    d = response.json()
    assert d["er_applicable"] == "no"
    assert d["blocking"] == ["pending_240_proceedings"]
    assert d["category"] == "designated_interior"
    # by alias, as the contract writes it
    assert d["presence"]["gaps"][0] == {"from": "2024-03-01", "to": "2024-03-04"}
    assert {"code", "holds", "text", "sources"} <= set(d["reasons"][0])


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_example_screens(api: httpx.Client, path: Path) -> None:
    response = api.post("/api/screen", json=json.loads(path.read_text(encoding="utf-8")))
    assert response.status_code == 200
    assert response.json()["er_applicable"] in ("yes", "no", "depends")


def test_a_malformed_document_gets_422_naming_the_field(api: httpx.Client) -> None:
    document = _example("01-interior-pending-240")
    document["departures"] = ["2024-12-20"]
    document["arrivals"][0]["manner"] = "swam"
    response = api.post("/api/screen", json=document)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert any(line.startswith("arrivals[0].manner: ") for line in errors), errors
    document["arrivals"][0]["manner"] = "without_inspection"
    response = api.post("/api/screen", json=document)
    assert response.json() == {"errors": ["departures[0]: no arrival after 2024-12-20"]}
    missing = api.post("/api/screen", json={"person": {}})
    assert missing.json()["errors"] == ["as_of: required, missing"]
    broken = api.post(
        "/api/screen", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422
    assert broken.json()["errors"][0].startswith("body: not valid JSON")
    plain = api.post(
        "/api/screen", content=json.dumps(document).encode(), headers={"content-type": "text/plain"}
    )
    assert plain.status_code == 422  # a cross-site form cannot send JSON
    assert plain.json()["errors"] == [
        "body: a facts document is a JSON object (Content-Type: application/json)"
    ]


MALFORMED = Path(__file__).parents[1] / "law" / "malformed"


@pytest.mark.parametrize(
    ("name", "field"),
    sorted(yaml.safe_load((MALFORMED / "expected.yaml").read_text(encoding="utf-8")).items()),
)
def test_every_malformed_document_gets_422_naming_what_the_cli_names(
    api: httpx.Client, name: str, field: str
) -> None:
    body = (MALFORMED / name).read_bytes()  # as sent: NaN and deep nesting included
    response = api.post("/api/screen", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert any(field in line for line in response.json()["errors"]), response.json()


def test_the_law_on_a_date(api: httpx.Client) -> None:
    law = api.get("/api/law", params={"on": "2025-06-10"}).json()
    ids = [d["id"] for d in law["designations"]]
    assert "d4-nationwide-2025" in ids
    assert all(d["sources"] and d["sources"][0]["cite"] for d in law["designations"])
    assert api.get("/api/law", params={"on": "1996-01-01"}).json()["designations"] == []
    bad = api.get("/api/law", params={"on": "June"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0].startswith("on: ")


def test_the_law_on_a_date_says_how_each_entry_bears_on_it(api: httpx.Client) -> None:
    """Law.standing: on 21 January 2025 the 2025 designation is in force only from 6:00
    p.m. EST, and after the law's verified date the stay's effect is unknown, with why."""
    law = api.get("/api/law", params={"on": "2025-01-21"}).json()
    d4 = next(d for d in law["designations"] if d["id"] == "d4-nationwide-2025")
    assert (d4["standing"], d4["at"]) == ("from", "2025-01-21T18:00:00-05:00")
    later = api.get("/api/law", params={"on": "2026-07-15"}).json()
    stay = next(o for o in later["orders"] if o["id"] == "mtr-2025-stay")
    assert stay["standing"] == "unknown"
    assert stay["contested"] == "d4-after-verified-through"
    assert "still operative after June 29, 2026" in stay["question"]
    assert later["beyond_verified"] is True


def test_presence_summary(api: httpx.Client) -> None:
    summary = api.post("/api/presence", json=_example("01-interior-pending-240"))
    assert summary.status_code == 200
    body = summary.json()
    assert body["since"] == "2024-03-01"
    assert body["shown_days"] == 366
    assert body["gaps"][0]["from"] == "2024-03-01"
    none = api.post("/api/presence", json={"as_of": "2025-06-10"})
    assert none.status_code == 422
    assert none.json()["errors"][0].startswith("arrivals: ")


def test_openapi_publishes_the_documents(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert {"Facts", "Determination", "Problems"} <= set(schemas)
    assert "from" in schemas["Evidence"]["properties"]
    screen = spec["paths"]["/api/screen"]["post"]
    assert "422" in screen["responses"]
    assert set(spec["paths"]) == {"/api/screen", "/api/law", "/api/presence"}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_finds_no_server_error(local_server: LiveServer, mode: GenerationMode) -> None:
    """Requests generated from the live /openapi.json (valid ones, and ones that break
    the schema) never get a 500, and every answer matches the published schema."""
    schema = schemathesis.openapi.from_url(f"{local_server.url}/openapi.json")
    operations = [r.ok() for r in schema.get_all_operations() if isinstance(r, Ok)]
    assert len(operations) == 3
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=25,
            deadline=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case: Case[Any]) -> None:
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        run()
