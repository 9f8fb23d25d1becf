"""The JSON Schemas of the contract documents, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path

from erpath.contract.determination import Determination
from erpath.contract.facts import Facts

SCHEMA_DIR = Path(__file__).parent


def schemas() -> dict[str, str]:
    """File name -> schema text, as shipped in this folder."""
    return {
        "facts.schema.json": json.dumps(
            Facts.model_json_schema(by_alias=True, mode="validation"), indent=2
        )
        + "\n",
        "determination.schema.json": json.dumps(
            Determination.model_json_schema(by_alias=True, mode="serialization"), indent=2
        )
        + "\n",
    }
