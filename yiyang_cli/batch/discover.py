"""Finding the submissions among the command-line arguments, and naming them safely."""

from __future__ import annotations

import glob
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..safeio import NAME_MAX, fit_name

# What a folder is searched for. (.txt is read when named on the command line, but in a folder it is
# far more often a note than a table.)
DATA_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv")
# The summary's file names (summary.json, summary.xlsx, …); no submission may take this name.
SUMMARY_STEM = "summary"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]')
# The longest suffix a report file takes (`.html`): a report name fits in a file name with it.
REPORT_SUFFIX_BYTES = len(".html")


@dataclass
class Submission:
    name: str  # unique; also the stem of its report files
    files: list[Path]
    source: Path  # the file, or the folder


def _skip(path: Path) -> bool:
    """Hidden files and the lock files Office leaves next to an open workbook."""
    return path.name.startswith((".", "~$"))


def _excluded(path: Path, outdir: Path | None, root: Path) -> bool:
    """Is this yiyang's own output rather than a submission? The output folder (when it sits among
    the submissions), anything in it, and the summary workbook, which is the one output with a
    spreadsheet's suffix. When the output folder is the folder being read (or holds it), only the
    summary workbook is left out."""
    if outdir is None:
        return False
    p = path.resolve()
    if p == outdir / f"{SUMMARY_STEM}.xlsx" or p == outdir:
        return True
    root = root.resolve()
    return outdir in p.parents and not (root == outdir or outdir in root.parents)


def _folder_files(folder: Path, outdir: Path | None) -> list[Path]:
    found = []
    for p in sorted(folder.rglob("*")):
        if (
            p.is_file()
            and p.suffix.lower() in DATA_SUFFIXES
            and not _excluded(p, outdir, folder)
            and not any(_skip(Path(part)) for part in p.relative_to(folder).parts)
        ):
            found.append(p)
    return found


def discover(inputs: list[str], exclude: Path | None = None) -> tuple[list[Submission], list[Path]]:
    """Submissions from the command-line arguments, and the files skipped as not being data.

    A folder argument holds submissions: each data file directly in it is one, each sub-folder is
    one (all data files inside it). A file argument is one submission. A glob pattern stands for
    what it matches, each match being one submission (a file, or a folder of files).
    """
    exclude = exclude.resolve() if exclude is not None else None
    found: list[Submission] = []
    skipped: list[Path] = []
    seen: set[Path] = set()

    def add(source: Path, files: list[Path]) -> None:
        key = source.resolve()
        if key in seen or not files:
            return
        seen.add(key)
        found.append(Submission(source.stem if source.is_file() else source.name, files, source))

    for arg in inputs:
        path = Path(arg)
        if path.exists():
            if path.is_dir():
                for child in sorted(path.iterdir()):
                    if _skip(child) or _excluded(child, exclude, path):
                        continue
                    if child.is_dir():
                        files = _folder_files(child, exclude)
                        if files:
                            add(child, files)
                        else:
                            skipped.append(child)
                    elif child.suffix.lower() in DATA_SUFFIXES:
                        add(child, [child])
                    else:
                        skipped.append(child)
            else:
                add(path, [path])
        elif glob.has_magic(arg):
            matches = [Path(m) for m in sorted(glob.glob(arg, recursive=True))]
            matches = [m for m in matches if not _skip(m) and not _excluded(m, exclude, m.parent)]
            if not matches:
                raise InputError("batch.no_match", arg)
            for m in matches:
                if m.is_dir():
                    files = _folder_files(m, exclude)
                    if files:
                        add(m, files)
                    else:
                        skipped.append(m)
                elif m.suffix.lower() in DATA_SUFFIXES or m.suffix.lower() == Path(arg).suffix.lower():
                    add(m, [m])
                else:
                    skipped.append(m)
        else:
            raise InputError("batch.not_found", arg)
    _name_uniquely(found)
    return found, skipped


def _name_uniquely(subs: list[Submission]) -> None:
    """Names that are safe and unique as the stems of report files: `x`, then `x.csv` for files that
    share a stem, then `x (2)`, `x (3)`… skipping any name already taken. Unique ignoring case and
    Unicode normalisation (as macOS and Windows compare file names), never `summary`, and short
    enough for a file name with its longest suffix (a long name keeps its beginning and a hash)."""
    for s in subs:
        s.name = _clean(s.name)
        if _key(s.name) == SUMMARY_STEM:
            s.name = f"{s.name} (submission)"
    for group in _clashes(subs):
        for s in group:
            if s.source.is_file():
                s.name = _clean(s.source.name)
    clashing = {id(s) for group in _clashes(subs) for s in group}
    taken = {_key(SUMMARY_STEM)} | {_key(s.name) for s in subs if id(s) not in clashing}
    for s in sorted((s for s in subs if id(s) in clashing), key=lambda s: str(s.source)):
        name, n = s.name, 1
        while _key(name) in taken:
            n += 1
            name = _fit(f"{s.name} ({n})")
        taken.add(_key(name))
        s.name = name


def _clean(name: str) -> str:
    """A name without the characters file systems refuse or terminals act on, fit for a report name."""
    return _fit(_UNSAFE.sub("_", name).strip() or "_")


def _fit(name: str) -> str:
    return fit_name(name, NAME_MAX - REPORT_SUFFIX_BYTES)


def _key(name: str) -> str:
    """What two names must not share: equal ignoring case and Unicode normalisation."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _clashes(subs: list[Submission]) -> list[list[Submission]]:
    groups: dict[str, list[Submission]] = {}
    for s in subs:
        groups.setdefault(_key(s.name), []).append(s)
    return [group for group in groups.values() if len(group) > 1]


def sort_key(name: str) -> tuple[list[tuple[int, int, str]], str]:
    """Natural order: county-2 before county-10; ties broken by the exact name."""
    parts = re.split(r"(\d+)", name.casefold())
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p], name
