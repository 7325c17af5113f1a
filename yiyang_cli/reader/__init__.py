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

from typing import TYPE_CHECKING

from .._lazy import exports

if TYPE_CHECKING:
    from .dataset import Dataset, Table
    from .mapping import Mapping, load_mapping
    from .read import read_inputs

__all__ = ["Dataset", "Mapping", "Table", "load_mapping", "read_inputs"]
__getattr__ = exports(
    __name__,
    {
        "Dataset": ("dataset", "Dataset"),
        "Table": ("dataset", "Table"),
        "Mapping": ("mapping", "Mapping"),
        "load_mapping": ("mapping", "load_mapping"),
        "read_inputs": ("read", "read_inputs"),
    },
)
