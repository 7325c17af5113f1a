"""Measure kinds, one module each, registered in one table.

A measure module is the whole of one kind: its rule-file syntax (`Spec`, a pydantic model with
`kind` as its tag), what it reads (`reads`), how it is checked when a rule file is loaded
(`lint`, `expected_unit`), how it is computed (`evaluate`, given the evaluator's context), and
its user documentation (the module docstring, which `scripts/make_docs.py` copies into
docs/rules.md). Module constants: `SCOPE` (institution: each unit is judged on its own;
area; region) and `PARTIAL` (whether the kind may still be decided when a column is missing but
the columns there decide it). Adding a kind is adding a module and a line in `MEASURES`.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

# kind -> module in this package, in the order the documentation and the rule-file schema list them
MEASURES: dict[str, str] = {
    "share": "share",
    "ratio": "ratio",
    "count": "count",
    "sum": "sum",
    "coverage": "coverage",
    "criteria": "criteria",
}


@cache
def get(kind: str) -> ModuleType:
    """The module of one measure kind."""
    return importlib.import_module(f"{__name__}.{MEASURES[kind]}")


def all_modules() -> list[ModuleType]:
    return [get(kind) for kind in MEASURES]
