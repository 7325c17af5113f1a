"""The text of a text file (CSV, TSV, an HTML page saved as .xls), in the encodings its writers use.

A byte-order mark is believed first; then strict UTF-8, then GB18030, which is what Chinese Excel
and WPS save. Nothing is guessed beyond that: a file that is neither is refused.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def decode_text(data: bytes, path: Path) -> str:
    """BOM first, then strict UTF-8, then GB18030 (what Chinese Excel saves)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")  # what Excel's "Unicode text" export writes
        except UnicodeDecodeError:
            raise InputError("input.encoding", str(path)) from None
    if b"\x00" in data[:4096]:
        raise InputError("input.binary", str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("input.encoding", str(path)) from None
