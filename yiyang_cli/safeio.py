"""Files in and out: the one place that reads an input file's bytes, the one atomic writer every
report, summary and template goes through, and the check that no output is an input.

A file is written to a temporary file in the same folder and renamed over the target, so a
failed write (a full disk, a folder named like the report, Ctrl-C) leaves neither a half-written
report nor a stray temporary file. The result is an ordinary file that honours the umask, not a
private temporary one.

Before a command does any work, `check_outputs` compares every file it would write with every file
it reads, and with each other, by what they are on disk (device and inode), not by how they are
spelt: a symlink, a hard link, `..` or another spelling of an input is still that input.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, UsageError, YiyangError

# The longest file name, in bytes, that the usual file systems take (ext4, XFS, APFS, NTFS).
NAME_MAX = 255


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
        # the temporary name adds 14 bytes to the report's: shortened, so a name that fits still fits
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{fit_name(path.name, NAME_MAX - 64)}.", suffix=".tmp")
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


def name_bytes(name: str) -> int:
    """A file name's length on disk, in bytes (UTF-8; a lone surrogate counted at its widest)."""
    return len(name.encode("utf-8", "surrogatepass"))


def fit_name(name: str, room: int = NAME_MAX) -> str:
    """`name` when it fits in `room` bytes; else as much of its beginning as fits with `~` and a short
    hash of the whole name, so two long names that begin alike still get different names."""
    if name_bytes(name) <= room:
        return name
    digest = "~" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    head, used = [], 0
    for char in name:
        used += name_bytes(char)
        if used > room - len(digest):
            break
        head.append(char)
    return "".join(head) + digest


def _where(path: Path) -> tuple[object, ...]:
    """What a path names on disk: (device, inode) of an existing file, through every symlink and `..`;
    for a file not yet written, (device, inode) of the nearest existing folder and the names below it."""
    real = Path(os.path.realpath(path))
    below: list[str] = []
    while True:
        try:
            st = real.stat()
        except OSError:
            if real.parent == real:
                return (None, None, *below)
            below.insert(0, real.name)
            real = real.parent
            continue
        return (st.st_dev, st.st_ino, *below)


def _folders(path: Path) -> set[tuple[object, ...]]:
    """Where a path and every folder above it are on disk."""
    real = Path(os.path.realpath(path))
    return {_where(p) for p in (real, *real.parents) if p.exists()}


def check_outputs(outputs: Sequence[Path], inputs: Sequence[Path]) -> None:
    """Refuse (exit 2) a run in which a file it would write is a file it reads, or two files it would
    write are one. The message names both."""
    read: dict[tuple[object, ...], Path] = {}
    for path in inputs:
        if path.exists():
            read.setdefault(_where(path), path)
    written: dict[tuple[object, ...], Path] = {}
    for path in outputs:
        key = _where(path)
        if key in read:
            raise UsageError("cli.same_as_input", path=str(path), input=str(read[key]))
        if key in written:
            raise UsageError("cli.same_output", path=str(path), other=str(written[key]))
        written[key] = path


def check_output_folder(outdir: Path, folders: Sequence[Path]) -> None:
    """Refuse (exit 2) an output folder that is one of the input `folders` or lies inside one."""
    around = _folders(outdir)
    for folder in folders:
        if folder.is_dir() and _where(folder) in around:
            raise UsageError("batch.outdir_in_input", path=str(outdir), folder=str(folder))
