"""Reading submitted spreadsheets into typed tables (a `Dataset`).

    read.py        the entry point: files -> Dataset
    formats.py     the table of input formats and which one reads a file; one module per format:
                   csvfile.py, excel.py (with xlsx_arrow.py for large sheets), htmlfile.py
    dataset.py     what was read: RawSheet (a format's output), Table, Dataset
    recognise.py   one raw sheet -> one typed Table, with header.py (the header band and what its
                   columns mean), rows.py (units, totals, sub-items, footers), values.py (typing
                   cells) and plausibility.py
    mapping.py     the user's mapping file; charset.py the encodings of text files

Names are imported from their modules when first used, so that importing a value parser does
not import pandas and the spreadsheet readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dataset import Dataset, Table
    from .mapping import Mapping, load_mapping
    from .read import read_inputs

_EXPORTS = {"Dataset": "dataset", "Table": "dataset", "Mapping": "mapping", "load_mapping": "mapping",
            "read_inputs": "read"}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
