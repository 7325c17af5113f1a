"""The input formats, in one table, and which of them reads a given file.

Each format is one module of this package with the same small interface (`Format`): `sheets(path,
data, issues)` gives the file's sheets as `RawSheet`s, appending to `issues` what it notices on
the way (a hidden sheet, a corrupt one). A format module is imported only when a file of its
format is read, so that `yiyang --help` does not pay for the spreadsheet libraries. Adding a
format is a new module and a line in `FORMATS`.

A file is chosen a format by its suffix, but a workbook's name is not trusted blindly: an HTML page
saved as .xls is read as HTML (as Excel opens it), and a file that is empty, password-protected or
a zip bomb is refused before any library parses it.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, cast

from ..errors import InputError
from ..result import DataIssue
from .dataset import RawSheet

# File suffix -> the module under yiyang_cli/reader/ that reads it.
FORMATS: dict[str, str] = {
    ".csv": "csvfile",
    ".tsv": "csvfile",
    ".txt": "csvfile",
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".xlsb": "excel",
    ".xls": "excel",
    ".ods": "excel",
}
WORKBOOK = "excel"  # files with its suffixes are looked into before it is trusted with them
HTML = "htmlfile"  # an HTML page saved with a workbook's suffix

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .xls, or an encrypted .xlsx
MAX_UNCOMPRESSED = 1 << 30  # 1 GiB: far beyond Excel's own limits for a real submission
MAX_RATIO = 1000  # xlsx compresses well, but not a thousandfold


class Format(Protocol):
    """What every format module offers."""

    def sheets(self, path: Path, data: bytes, issues: list[DataIssue]) -> Iterator[RawSheet]:
        """The file's sheets in order, read lazily: the caller recognises each before the next is read."""
        ...


def format_for(path: Path, data: bytes) -> Format:
    """The format module that reads the file at `path`, whose bytes are `data`."""
    suffix = path.suffix.lower()
    module = FORMATS.get(suffix)
    if module is None:
        raise InputError("input.unknown_format", str(path), suffix=suffix or "(none)")
    if module == WORKBOOK:
        module = _sniff_workbook(path, data)
    return cast(Format, importlib.import_module(f"{__package__}.{module}"))


def _sniff_workbook(path: Path, data: bytes) -> str:
    """The module for a file named as a workbook, after looking at what it holds."""
    if not data:
        raise InputError("input.empty", str(path))
    if _looks_like_html(data):
        return HTML
    if data.startswith(CFB_MAGIC) and path.suffix.lower() in (".xlsx", ".xlsm"):
        # An .xlsx inside an OLE container is how Office stores a workbook encrypted with a password.
        raise InputError("input.password", str(path))
    _refuse_zip_bomb(path, data)
    return WORKBOOK


def _looks_like_html(data: bytes) -> bool:
    """A file that starts with markup and holds a <table> (what Excel would open as a sheet)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<table" in data[: 1 << 20].lower()


def _refuse_zip_bomb(path: Path, data: bytes) -> None:
    """xlsx/ods are zip files: refuse one that would inflate past a sane size, before inflating it."""
    import zipfile

    if not data.startswith(b"PK"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: calamine reports the damage
    if total > MAX_UNCOMPRESSED or (total > 50 * (1 << 20) and total > MAX_RATIO * len(data)):
        raise InputError("input.zip_bomb", str(path), size=total // (1 << 20), limit=MAX_UNCOMPRESSED // (1 << 20))
