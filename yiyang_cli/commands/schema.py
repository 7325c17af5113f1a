"""`yiyang schema result|rules`: the JSON Schemas of the result and of rule files."""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def result_schema() -> dict:
    return json.loads((SCHEMA_DIR / "result.schema.json").read_text(encoding="utf-8"))


def rules_schema() -> dict:
    """Generated from the pydantic models that validate rule files, so it cannot drift from them."""
    from ..plan import Plan

    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "yiyang plan (rule) file"
    return schema


def print_schema(which: str) -> None:
    print(json.dumps(result_schema() if which == "result" else rules_schema(), ensure_ascii=False, indent=2))
