"""Reading one submission's files into a `Dataset`: each file by its format module, each sheet
recognised as a table or passed over, every data issue collected on the way."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from ..fields import ENTITIES
from ..result import DataIssue, InputInfo
from ..safeio import read_bytes
from .dataset import Dataset, Table
from .formats import format_for
from .mapping import Mapping
from .recognise import recognise


def read_inputs(paths: list[Path], mapping: Mapping | None = None) -> Dataset:
    mapping = mapping or Mapping()
    tables: list[Table] = []
    issues: list[DataIssue] = []
    inputs: list[InputInfo] = []
    for path in paths:
        data = read_bytes(path)
        info = InputInfo(str(path), hashlib.sha256(data).hexdigest())
        for sheet in format_for(path, data).sheets(path, data, issues):
            table = recognise(path, sheet, mapping, issues)
            if table is not None:
                tables.append(table)
                info.tables.append(table.describe())
        inputs.append(info)
    if not tables:
        raise InputError(
            "input.no_tables",
            "",
            files=", ".join(str(p) for p in paths),
            known=", ".join(f"{e.zh}/{e.id}" for e in ENTITIES.values()),
        )
    return Dataset(tables, issues, inputs)
