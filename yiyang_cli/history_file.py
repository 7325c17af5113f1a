"""The history's file before SQLite reads it: is it a database at all, and how to open it for
reading without writing anything beside it."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"


def is_database(path: Path) -> bool:
    """Does the file start like an SQLite database?"""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def check_file(path: Path, create: bool) -> None:
    """What can be told before SQLite opens the file: a folder, nothing there, not a database."""
    if path.is_dir():
        raise InputError("input.is_dir", str(path))
    if not path.exists() and not create:
        raise InputError("history.not_found", str(path))
    if path.exists() and path.stat().st_size and not is_database(path):
        raise InputError("history.not_db", str(path))


def read_only_uri(path: Path) -> str:
    """The URI that reads `path` without writing anything beside it.

    `mode=ro` alone is not enough for a database in WAL mode: a reader maps the -shm file and
    opens the -wal file, creating both when they are missing (and leaving them behind). They
    exist while a writer has the file open, and then they are needed, since committed
    transactions may still be in the -wal. When there is no -wal, everything is in the main file:
    `immutable=1` reads it without the WAL machinery and without locks. (A batch that starts while
    such a read is under way writes to a new -wal; the main file changes only at a checkpoint,
    and a read takes a moment.)
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if _is_wal(path) and not wal.exists():
        uri += "&immutable=1"
    return uri


def _is_wal(path: Path) -> bool:
    """Bytes 18 and 19 of the header are 2 in a database in WAL mode."""
    try:
        with open(path, "rb") as fh:
            return fh.read(20)[18:20] == b"\x02\x02"
    except OSError:
        return False
