"""The csv/tsv/txt format: one sheet of text cells, named after the file.

A `.tsv` is split at tabs, a `.txt` at tabs when its first lines hold one (what Excel's "Unicode
text" export writes), anything else at commas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..result import DataIssue
from .charset import decode_text
from .dataset import Cell, RawSheet


def sheets(path: Path, data: bytes, issues: list[DataIssue]) -> Iterator[RawSheet]:
    yield RawSheet(path.stem, _rows(path, data), True, [])


def _rows(path: Path, data: bytes) -> list[list[Cell]]:
    text = decode_text(data, path)
    if not text.strip():
        raise InputError("input.empty", str(path))
    suffix = path.suffix.lower()
    delimiter = "\t" if suffix == ".tsv" or (suffix == ".txt" and "\t" in text[:2000]) else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError("input.bad_csv", str(path), reason=str(exc)) from None
