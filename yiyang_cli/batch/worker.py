"""The worker: check one submission through the API, write its reports, return its row.

Tasks and rows cross a process boundary, so they are plain dicts (typed as TypedDicts): cheap to
pickle and free of anything a worker could not send back. The plan and the mapping are loaded once
per worker process and kept for the next submission it checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from ..errors import EXIT_INPUT, EXIT_NOT_MET, EXIT_OK, YiyangError
from ..history import IndicatorRecord, RunRecord, TargetRecord
from ..messages import t
from ..result import json_number
from ..safeio import write_text

if TYPE_CHECKING:
    from ..plan import Plan
    from ..reader import Dataset, Mapping
    from .discover import Submission


class Task(TypedDict):
    """One submission to check, and how."""

    name: str  # the submitter, and the stem of its report files
    files: list[str]
    plan: str  # the rule file's absolute path
    as_of: str
    mapping: str | None
    formats: list[str]  # keys of render.FILE_FORMATS
    outdir: str
    lang: str
    fail_on: str


class Row(RunRecord):
    """A worker's answer: what the history records, plus the data issues and the reports written."""

    issues: dict[str, int]  # severity -> data issues found
    reports: dict[str, str]  # format -> report file name


# One plan and one mapping per batch: each worker process loads them for its first task only.
_PLANS: dict[str, Plan] = {}
_MAPPINGS: dict[str, Mapping] = {}


def init_worker() -> None:
    """Ctrl-C is the parent's to handle: it stops handing out work and the workers finish quietly."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def files_hash(infos: list[tuple[str, str]]) -> str:
    """One file: its own sha256. Several: sha256 over `name sha256` lines, sorted by name."""
    if len(infos) == 1:
        return infos[0][1]
    text = "".join(f"{Path(p).name}\x00{h}\n" for p, h in sorted(infos, key=lambda x: (Path(x[0]).name, x[0])))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hash_files(files: list[Path]) -> str:
    infos = []
    for f in files:
        h = hashlib.sha256()
        try:
            with open(f, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
        except OSError:
            h.update(b"unreadable:" + str(f).encode("utf-8", "replace"))
        infos.append((str(f), h.hexdigest()))
    return files_hash(infos)


def _area(data: Dataset) -> str | None:
    """The one county (or area) the submission's tables name, if they name exactly one."""
    names: set[str] = set()
    for table in data.tables:
        frame: Any = table.frame  # a pandas DataFrame
        for column in ("county", "area"):
            if column in frame.columns:
                names.update(str(v).strip() for v in frame[column].dropna() if str(v).strip())
    return names.pop() if len(names) == 1 else None


def _plan(path: str) -> Plan:
    from ..api import load_plan

    plan = _PLANS.get(path)
    if plan is None:
        plan = _PLANS[path] = load_plan(Path(path))
    return plan


def _mapping(path: str | None) -> Mapping | None:
    from ..api import load_mapping

    if not path:
        return None
    mapping = _MAPPINGS.get(path)
    if mapping is None:
        mapping = _MAPPINGS[path] = load_mapping(Path(path))
    return mapping


def _error_row(task: Task, error: str | None, input_hash: str | None = None) -> Row:
    return {
        "submitter": task["name"],
        "files": task["files"],
        "input_hash": input_hash,
        "area": None,
        "status": "error",
        "exit_code": EXIT_INPUT,
        "summary": None,
        "indicators": {},
        "issues": {"error": 0, "warning": 0},
        "error": error,
        "reports": {},
    }


def _fail(row: Row, exit_code: int, error: str) -> None:
    """Turn a row into an error row. What was learnt before the failure (the input hash, the area,
    the data issues) stays."""
    row["status"], row["exit_code"], row["error"] = "error", exit_code, error
    row["summary"], row["indicators"], row["reports"] = None, {}, {}


def check_submission(task: Task) -> Row:
    """Check one submission, write its reports, return its row. Never raises."""
    lang = task["lang"]
    files = [Path(f) for f in task["files"]]
    row = _error_row(task, None)
    try:
        from ..api import evaluate, read
        from ..render import FILE_FORMATS, RENDERERS

        plan = _plan(task["plan"])
        data = read(files, _mapping(task.get("mapping")))
        result = evaluate(plan, data, task["as_of"], lang)
        row["input_hash"] = files_hash([(i.path, i.sha256) for i in result.inputs])
        row["area"] = _area(data)
        del data
        code = result.exit_code(task["fail_on"])
        row["status"], row["exit_code"], row["summary"] = "ok" if code == EXIT_OK else "failed", code, result.summary()
        for d in result.data_issues:
            row["issues"][d.severity] = row["issues"].get(d.severity, 0) + 1
        for r in result.indicators:
            target: TargetRecord | None = r.target.to_dict() if r.target else None  # type: ignore[assignment]
            got: IndicatorRecord = {
                "status": r.status,
                "value": json_number(r.value),
                "numerator": json_number(r.numerator),
                "denominator": json_number(r.denominator),
                "target": target,
            }
            row["indicators"][r.indicator.id] = got
        outdir = Path(task["outdir"])
        for fmt in task["formats"]:
            renderer, ext = FILE_FORMATS[fmt]
            path = outdir / f"{task['name']}.{ext}"
            write_text(path, RENDERERS[renderer].render(result, lang))
            row["reports"][fmt] = path.name
    except YiyangError as err:
        _fail(row, err.exit_code if err.exit_code > EXIT_NOT_MET else EXIT_INPUT, err.render(lang))
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        _fail(row, EXIT_INPUT, t("cli.internal", lang, reason=f"{type(exc).__name__}: {exc}"))
    if row["input_hash"] is None:
        row["input_hash"] = _hash_files(files)
    return row


def crash_row(task: Task, error: str | None = None) -> Row:
    """The row of a submission whose worker died (or could not send its row back)."""
    return _error_row(
        task, error or t("batch.crashed", task["lang"]), input_hash=_hash_files([Path(f) for f in task["files"]])
    )


def plan_file(plan_ref: str) -> Path:
    """The rule file a --plan names, as an absolute path: every worker loads that very file, and
    messages about it name it in full."""
    from ..plan import resolve

    return resolve(plan_ref).resolve()


def make_tasks(
    submissions: Sequence[Submission],
    plan_path: Path,
    as_of: dt.date,
    mapping: Path | None,
    formats: list[str],
    outdir: Path,
    lang: str,
    fail_on: str,
) -> list[Task]:
    return [
        {
            "name": s.name,
            "files": [str(f) for f in s.files],
            "plan": str(plan_path),
            "as_of": as_of.isoformat(),
            "mapping": str(mapping.resolve()) if mapping else None,
            "formats": formats,
            "outdir": str(outdir),
            "lang": lang,
            "fail_on": fail_on,
        }
        for s in submissions
    ]
