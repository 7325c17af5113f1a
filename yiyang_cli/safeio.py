"""Files in and out: the one place that reads an input file's bytes and the one atomic writer
every report, summary and template goes through.

A file is written to a temporary file in the same folder and renamed over the target, so a
failed write (a full disk, a folder named like the report, Ctrl-C) leaves neither a half-written
report nor a stray temporary file. The result is an ordinary file that honours the umask, not a
private temporary one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, YiyangError


def read_bytes(path: Path) -> bytes:
    """An input file's bytes, or the tool's own error saying why not (missing, a folder, unreadable)."""
    if not path.exists():
        raise InputError("input.not_found", str(path))
    if path.is_dir():
        raise InputError("input.is_dir", str(path))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError("input.unreadable", str(path), reason=exc.strerror or str(exc)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_with(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Create `path` atomically from what `write(stream)` writes into a binary stream."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise YiyangError("cli.write_failed", path=str(path), reason=exc.strerror or str(exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_text(path: Path, text: str | Iterable[str]) -> None:
    """Write text (a string, or pieces as they are generated) as UTF-8 with `\\n` line ends.

    A file name that is not valid UTF-8 (unzipped from a GBK archive) is written as escapes
    (`backslashreplace`) instead of making the whole report fail.
    """
    pieces = [text] if isinstance(text, str) else text

    def write(fh: BinaryIO) -> None:
        for piece in pieces:
            fh.write(piece.encode("utf-8", errors="backslashreplace"))

    write_with(path, write)


def write_bytes(path: Path, data: bytes) -> None:
    def write(fh: BinaryIO) -> None:
        fh.write(data)

    write_with(path, write)
