"""Reading submitted spreadsheets into typed tables (a `Dataset`).

Names are imported from their modules when first used, so that importing a value parser does
not import pandas and the spreadsheet readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .reader import Dataset, Mapping, Table, load_mapping, read_inputs

_EXPORTS = {name: "reader" for name in ("Dataset", "Mapping", "Table", "load_mapping", "read_inputs")}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
