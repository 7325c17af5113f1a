"""Where the shipped plan files are. Kept apart from plan.py so listing the catalogue needs no pydantic."""

from __future__ import annotations

from pathlib import Path


def catalogue_dir() -> Path:
    """Inside the installed package, or rules/ in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"
