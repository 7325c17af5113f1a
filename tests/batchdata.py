"""County submissions for the batch and history tests, built with scripts/samples/counties.py.

`make_year(folder, year)` writes 30 counties for yiwu-2023: every third one a folder of CSV files,
the others one workbook each, and two broken files (county-13.xlsx is not a workbook, county-27.csv
is binary). In 2025 four counties change on purpose (see CHANGES_2025).
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from samples.counties import County, profile, write_county

COUNTIES = 30


def yiwu_indicators() -> int:
    """How many indicators yiwu-2023 has: each submission records one result per indicator."""
    from yiyang_cli.plan import load_plan

    return len(load_plan("yiwu-2023").indicators)


BROKEN = {"county-13": "county-13.xlsx", "county-27": "county-27.csv"}
# county -> change made in 2025, and what it does to the targets (as of 2025-12-31 against 2024-12-31)
CHANGES_2025 = {
    0: {"signed": 9},  # signing 100% -> 90%: newly failed
    1: {"signed": 10},  # 90% -> 100%: resolved
    2: {"signed": 9},  # 80% -> 90%: improved, still not met
    10: {"lottery_elderly": 1150},  # lottery share 60% -> 57.5%: regressed, still met
}


def county(k: int, year: int, homes: int = 10) -> County:
    c = profile(k, year, homes=homes)
    if year == 2025:
        for key, value in CHANGES_2025.get(k, {}).items():
            setattr(c, key, value)
    return c


def make_year(folder: Path, year: int, n: int = COUNTIES, broken: bool = True, homes: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        c = county(k, year, homes)
        if broken and c.name in BROKEN:
            continue
        write_county(folder / (c.name if k % 3 == 0 else f"{c.name}.xlsx"), c)
    if broken:
        (folder / BROKEN["county-13"]).write_bytes(b"PK\x03\x04 this is not a workbook" * 10)
        (folder / BROKEN["county-27"]).write_bytes(b"\x00\x01\x02" * 500)
    return folder
