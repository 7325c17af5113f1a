"""`yiyang batch`: one plan over many submissions, in parallel, with a summary.

A submission is one file, or one folder of files from the same submitter. Worker processes check
submissions one at a time, write that submission's reports themselves and send back a small row
(statuses and numbers, never a DataFrame), so the parent's memory does not grow with the data.
A file that cannot be read becomes an error row; a worker that dies takes nothing else with it.
Rows are sorted by submitter name, so the output does not depend on the scheduling.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import math
import os
import re
import sys
import tempfile
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..errors import EXIT_INPUT, EXIT_NOT_MET, EXIT_OK, InputError, UsageError, YiyangError
from ..messages import t
from ..api import parse_as_of
from ..safeio import write_text, write_with

# --format value -> (renderer name, file extension)
REPORT_FORMATS = {"json": ("json", "json"), "md": ("md", "md"), "html": ("html", "html"), "xml": ("junit", "xml")}
# What a folder is searched for. (.txt is read when named on the command line, but in a folder it is
# far more often a note than a table.)
DATA_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv")
SUMMARY_STEM = "summary"
STATUS_ORDER = ("met", "not_met", "not_due", "no_data", "not_applicable")
SCHEMA_VERSION = 1
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


# ---------------------------------------------------------------- finding the submissions

@dataclass
class Submission:
    name: str  # unique; also the stem of its report files
    files: list[Path]
    source: Path  # the file, or the folder


def _skip(path: Path) -> bool:
    """Hidden files and the lock files Office leaves next to an open workbook."""
    return path.name.startswith((".", "~$"))


def _excluded(path: Path, outdir: Optional[Path], root: Path) -> bool:
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


def _folder_files(folder: Path, outdir: Optional[Path]) -> list[Path]:
    found = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.suffix.lower() in DATA_SUFFIXES and not _excluded(p, outdir, folder) \
                and not any(_skip(Path(part)) for part in p.relative_to(folder).parts):
            found.append(p)
    return found


def discover(inputs: list[str], exclude: Optional[Path] = None) -> tuple[list[Submission], list[Path]]:
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
    """Names that are safe as file names and unique (ignoring case): `x`, then `x.csv`, then `x (2)`."""
    for s in subs:
        s.name = _UNSAFE.sub("_", s.name).strip() or "_"
        if s.name.casefold() == SUMMARY_STEM:
            s.name = f"{s.name} (submission)"

    def clashes() -> dict[str, list[Submission]]:
        groups: dict[str, list[Submission]] = {}
        for s in subs:
            groups.setdefault(s.name.casefold(), []).append(s)
        return {k: v for k, v in groups.items() if len(v) > 1}

    for group in clashes().values():
        for s in group:
            if s.source.is_file():
                s.name = _UNSAFE.sub("_", s.source.name)
    for group in clashes().values():
        for n, s in enumerate(sorted(group, key=lambda s: str(s.source)), start=1):
            if n > 1:
                s.name = f"{s.name} ({n})"


def sort_key(name: str):
    """Natural order: county-2 before county-10; ties broken by the exact name."""
    parts = re.split(r"(\d+)", name.casefold())
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p], name


# ---------------------------------------------------------------- the worker

_PLANS: dict = {}
_MAPPINGS: dict = {}


def init_worker() -> None:
    """Ctrl-C is the parent's to handle: it stops handing out work and the workers finish quietly."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _finite(v):
    if v is None:
        return None
    f = float(v)
    if not math.isfinite(f):
        return None
    return int(f) if f.is_integer() and abs(f) < 2**53 else round(f, 6)


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


def _area(data) -> Optional[str]:
    """The one county (or area) the submission's tables name, if they name exactly one."""
    names: set[str] = set()
    for table in data.tables:
        for column in ("county", "area"):
            if column in table.frame.columns:
                names.update(str(v).strip() for v in table.frame[column].dropna() if str(v).strip())
    return names.pop() if len(names) == 1 else None


def check_submission(task: dict) -> dict:
    """Check one submission, write its reports, return its row. Never raises."""
    lang = task["lang"]
    files = [Path(f) for f in task["files"]]
    row = {"submitter": task["name"], "files": task["files"], "input_hash": None, "area": None,
           "status": "error", "exit_code": EXIT_INPUT, "summary": None, "indicators": {},
           "issues": {"error": 0, "warning": 0}, "error": None, "reports": {}}
    try:
        from ..api import evaluate, load_mapping, load_plan, read
        from ..render import RENDERERS

        plan = _PLANS.get(task["plan"])
        if plan is None:
            plan = _PLANS[task["plan"]] = load_plan(Path(task["plan"]))
        mapping = None
        if task.get("mapping"):
            mapping = _MAPPINGS.get(task["mapping"])
            if mapping is None:
                mapping = _MAPPINGS[task["mapping"]] = load_mapping(Path(task["mapping"]))
        data = read(files, mapping)
        result = evaluate(plan, data, task["as_of"], lang)
        row["input_hash"] = files_hash([(i.path, i.sha256) for i in result.inputs])
        row["area"] = _area(data)
        del data
        code = result.exit_code(task["fail_on"])
        row.update(status="ok" if code == EXIT_OK else "failed", exit_code=code, summary=result.summary())
        for d in result.data_issues:
            row["issues"][d.severity] = row["issues"].get(d.severity, 0) + 1
        for r in result.indicators:
            row["indicators"][r.indicator.id] = {
                "status": r.status, "value": _finite(r.value), "numerator": _finite(r.numerator),
                "denominator": _finite(r.denominator), "target": _target(r.target)}
        outdir = Path(task["outdir"])
        for fmt in task["formats"]:
            renderer, ext = REPORT_FORMATS[fmt]
            path = outdir / f"{task['name']}.{ext}"
            write_text(path, RENDERERS[renderer].render(result, lang))
            row["reports"][fmt] = path.name
    except YiyangError as err:
        row.update(status="error", exit_code=err.exit_code if err.exit_code > EXIT_NOT_MET else EXIT_INPUT,
                   error=err.render(lang), summary=None, indicators={}, reports={})
    except BaseException as exc:  # noqa: BLE001 - a Rust panic in a reader is a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        row.update(status="error", exit_code=EXIT_INPUT, summary=None, indicators={}, reports={},
                   error=t("cli.internal", lang, reason=f"{type(exc).__name__}: {exc}"))
    if row["input_hash"] is None:
        row["input_hash"] = _hash_files(files)
    return row


def _target(tg) -> Optional[dict]:
    if tg is None:
        return None
    return {"comparator": tg.comparator, "value": tg.value, "unit": tg.unit,
            "deadline": tg.deadline.isoformat() if tg.deadline else None}


def crash_row(task: dict) -> dict:
    return {"submitter": task["name"], "files": task["files"],
            "input_hash": _hash_files([Path(f) for f in task["files"]]),
            "area": None, "status": "error", "exit_code": EXIT_INPUT, "summary": None, "indicators": {},
            "issues": {"error": 0, "warning": 0}, "error": t("batch.crashed", task["lang"]), "reports": {}}


# ---------------------------------------------------------------- running the workers

def execute(tasks: list[dict], jobs: int, on_row: Callable[[dict], None],
            worker: Callable[[dict], dict] = check_submission) -> None:
    """Run every task in worker processes and call on_row(row) in the parent as each finishes.

    At most a few tasks per worker are queued at a time. If a worker process dies (a crash, the
    out-of-memory killer), the pool breaks: the tasks that were queued or running are then re-run
    one by one in a fresh process each, so the one that kills its worker is found and becomes an
    error row, and the rest of the batch carries on in a new pool.
    """
    todo = list(tasks)
    while todo:
        suspects, todo = _run_pool(todo, jobs, on_row, worker)
        for task in suspects:
            _run_alone(task, on_row, worker)


def _run_pool(tasks, jobs, on_row, worker):
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    queue = deque(tasks)
    inflight: dict = {}
    suspects: list[dict] = []
    broken = False
    window = 2 * jobs + 1
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(tasks))), initializer=init_worker)
    try:
        while inflight or (queue and not broken):
            while queue and not broken and len(inflight) < window:
                task = queue.popleft()
                try:
                    inflight[pool.submit(worker, task)] = task
                except BrokenProcessPool:
                    queue.appendleft(task)
                    broken = True
            if not inflight:
                break
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: inflight[f]["name"]):
                task = inflight.pop(fut)
                try:
                    row = fut.result()
                except BrokenProcessPool:
                    broken = True
                    suspects.append(task)
                    continue
                except Exception as exc:  # the worker catches everything; this is a failure to send the row
                    row = crash_row(task)
                    row["error"] = t("cli.internal", task["lang"], reason=f"{type(exc).__name__}: {exc}")
                on_row(row)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return suspects, list(queue)


def _run_alone(task, on_row, worker) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=init_worker) as pool:
        try:
            row = pool.submit(worker, task).result()
        except BrokenProcessPool:
            row = crash_row(task)
    on_row(row)


class _Progress:
    """A progress bar with a live count of failures, on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, lang: str):
        from rich.console import Console

        self.console = Console(stderr=True)
        self.total, self.lang = total, lang
        self.failed = self.errors = 0
        self.bar = None

    def __enter__(self):
        if self.console.is_terminal:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("[red]{task.fields[counts]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                                console=self.console, transient=False)
            self.bar.start()
            self.task = self.bar.add_task(t("batch.progress", self.lang), total=self.total, counts=self._counts())
        return self

    def _counts(self) -> str:
        return t("batch.progress_counts", self.lang, failed=self.failed, errors=self.errors)

    def advance(self, row: dict) -> None:
        self.failed += row["status"] == "failed"
        self.errors += row["status"] == "error"
        if self.bar is not None:
            self.bar.update(self.task, advance=1, counts=self._counts())

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


# ---------------------------------------------------------------- the command

def parse_formats(values: list[str]) -> list[str]:
    chosen: list[str] = []
    for value in values or ["json"]:
        for part in str(value).split(","):
            part = part.strip().lower()
            if not part:
                continue
            if part not in REPORT_FORMATS:
                raise UsageError("batch.bad_format", value=part)
            if part not in chosen:
                chosen.append(part)
    return chosen


def run(inputs: list[str], plan_ref: str, outdir: Path, as_of_text: Optional[str], formats: list[str],
        mapping: Optional[Path], fail_on: str, lang: str, jobs: Optional[int], history_path: Optional[Path]) -> int:
    from .._version import __version__
    from ..plan import load_file, resolve
    from ..reader import load_mapping

    as_of = parse_as_of(as_of_text)
    fmts = parse_formats(formats)
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs < 1:
        raise UsageError("batch.bad_jobs", value=jobs)
    plan_path = resolve(plan_ref).resolve()
    plan = load_file(plan_path)  # a bad plan or mapping stops here, before any work starts
    if mapping is not None:
        load_mapping(mapping)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError("batch.outdir_is_file", str(outdir))
    subs, skipped = discover(inputs, outdir)
    if not subs:
        raise InputError("batch.none", inputs=", ".join(inputs))
    store = None
    if history_path is not None:
        from ..history import History

        store = History.open(history_path, create=True)
    try:
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise YiyangError("cli.write_failed", path=str(outdir), reason=exc.strerror or str(exc)) from None
        if skipped:
            print(t("batch.skipped", lang, n=len(skipped), example=str(skipped[0])), file=sys.stderr)
        indicators_meta = [{"id": i.id, "name": i.name, "name_en": i.name_en, "severity": i.severity}
                           for i in plan.indicators]
        batch_id = store.start_batch(plan.id, as_of.isoformat(), __version__, len(subs)) if store else None
        tasks = [{"name": s.name, "files": [str(f) for f in s.files], "plan": str(plan_path),
                  "as_of": as_of.isoformat(),
                  "mapping": str(mapping.resolve()) if mapping else None, "formats": fmts, "outdir": str(outdir),
                  "lang": lang, "fail_on": fail_on} for s in subs]
        rows: list[dict] = []
        targets: dict[str, dict] = {}  # indicator id -> the target that applied, kept once, not per row
        with _Progress(len(tasks), lang) as progress:
            def on_row(row: dict) -> None:
                if store is not None:
                    store.record(row, plan_id=plan.id, plan_title=plan.title, as_of=as_of.isoformat(),
                                 tool_version=__version__, indicators=indicators_meta, batch_id=batch_id)
                for ind_id, got in row["indicators"].items():
                    target = got.pop("target", None)
                    if target and ind_id not in targets:
                        targets[ind_id] = target
                rows.append(row)
                progress.advance(row)

            execute(tasks, jobs, on_row)
        rows.sort(key=lambda r: sort_key(r["submitter"]))
        summary = build_summary(plan, as_of, rows, lang, fail_on, __version__, targets)
        written = write_summary(summary, outdir, lang)
        if store is not None:
            store.finish_batch(batch_id, summary["exit_code"])
    finally:
        if store is not None:
            store.close()
    _print_terminal(summary, lang)
    for path in written:
        print(t("cli.written", lang, path=str(path)), file=sys.stderr)
    if history_path is not None:
        print(t("history.recorded", lang, path=str(history_path), n=len(rows)), file=sys.stderr)
    return summary["exit_code"]


# ---------------------------------------------------------------- the summary

def build_summary(plan, as_of: dt.date, rows: list[dict], lang: str, fail_on: str, version: str,
                  targets: Optional[dict] = None) -> dict:
    """The summary as a JSON-ready dict; every other summary format is drawn from it. `targets`
    holds the target that applied to each indicator (else it is taken from the rows)."""
    indicators = []
    for ind in plan.indicators:
        counts = {s: 0 for s in STATUS_ORDER}
        target = (targets or {}).get(ind.id)
        for row in rows:
            got = row["indicators"].get(ind.id)
            if got is None:
                continue
            counts[got["status"]] += 1
            target = target or got.get("target")
        checked = sum(counts.values())
        due = counts["met"] + counts["not_met"] + counts["no_data"]
        indicators.append({"id": ind.id, "name": ind.label(lang), "name_zh": ind.name, "name_en": ind.name_en,
                           "scope": ind.scope, "severity": ind.severity, "target": target, **counts,
                           "checked": checked, "share_met": round(counts["met"] / due, 6) if due else None})
    submissions = []
    for row in rows:
        failures = [i["id"] for i in indicators
                    if row["indicators"].get(i["id"], {}).get("status") in ("not_met", "no_data")]
        submissions.append({
            "submitter": row["submitter"], "files": row["files"], "input_hash": row["input_hash"],
            "area": row.get("area"), "status": row["status"], "exit_code": row["exit_code"],
            "summary": row["summary"],
            "indicators": {k: {"status": v["status"], "value": v["value"], "numerator": v["numerator"],
                               "denominator": v["denominator"]} for k, v in row["indicators"].items()},
            "failures": failures, "data_issues": row.get("issues") or {}, "error": row["error"],
            "reports": row.get("reports") or {}})
    totals = {"submissions": len(rows), "ok": sum(r["status"] == "ok" for r in rows),
              "failed": sum(r["status"] == "failed" for r in rows), "error": sum(r["status"] == "error" for r in rows)}
    exit_code = EXIT_INPUT if totals["error"] else EXIT_NOT_MET if totals["failed"] else EXIT_OK
    return {
        "schema_version": SCHEMA_VERSION, "kind": "batch_summary",
        "tool": {"name": "yiyang", "version": version},
        "plan": {"id": plan.id, "title": plan.title_en if lang == "en" and plan.title_en else plan.title,
                 "source": plan.source_file, "region": plan.region, "issuer": plan.issuer, "doc_no": plan.doc_no},
        "as_of": as_of.isoformat(), "lang": lang, "fail_on": fail_on, "exit_code": exit_code, "totals": totals,
        "submissions": submissions, "indicators": indicators, "ranking": _ranking(submissions),
    }


def _ranking(submissions: list[dict]) -> list[dict]:
    """Checked submissions by targets met (more is better), then by targets failed (fewer is
    better); equal scores share a rank (1, 1, 3)."""
    scored = []
    for s in submissions:
        if s["status"] == "error":
            continue
        c = s["summary"]
        failed = c["not_met"] + c["no_data"]
        due = c["met"] + failed
        scored.append({"submitter": s["submitter"], "met": c["met"], "failed": failed, "due": due,
                       "share_met": round(c["met"] / due, 6) if due else None, "status": s["status"]})
    scored.sort(key=lambda r: (-r["met"], r["failed"], sort_key(r["submitter"])))
    for i, r in enumerate(scored):
        prev = scored[i - 1] if i else None
        r["rank"] = prev["rank"] if prev and (prev["met"], prev["failed"]) == (r["met"], r["failed"]) else i + 1
    return [{"rank": r.pop("rank"), **r} for r in scored]


def write_summary(summary: dict, outdir: Path, lang: str) -> list[Path]:
    """summary.json, .md, .html and .xlsx. The big ones are streamed to disk, not built in memory."""
    import json

    def json_chunks():
        yield from json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False).iterencode(summary)
        yield "\n"

    paths = []
    for ext, chunks in (("json", json_chunks()), ("md", [render_markdown(summary, lang)]),
                        ("html", html_chunks(summary, lang))):
        path = outdir / f"{SUMMARY_STEM}.{ext}"
        write_text(path, chunks)
        paths.append(path)
    path = outdir / f"{SUMMARY_STEM}.xlsx"
    write_xlsx(summary, path, lang)
    paths.append(path)
    return paths


def _words(lang: str) -> dict:
    from ..messages import MESSAGES

    return {key: pair[1] if lang == "en" else pair[0] for key, pair in MESSAGES.items()
            if key.startswith(("summary.", "report.", "status.", "severity.", "batch.status."))}


def _unit(ind: dict) -> str:
    return (ind.get("target") or {}).get("unit") or "ratio"


def _target_text(ind: dict, lang: str) -> str:
    from ..render.common import SYMBOLS, fmt_value

    tg = ind.get("target")
    if not tg:
        return "—"
    return f"{SYMBOLS.get(tg['comparator'], tg['comparator'])} {fmt_value(tg['value'], tg['unit'])}"


def _share_text(share) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _heat(status: str, value, target: Optional[dict]) -> float:
    """How far a cell is from its target, 0 (there) to 1 (nowhere near): the depth of its colour."""
    if status != "not_met" or value is None or not target or target.get("value") in (None, 0):
        return 0.0
    goal = float(target["value"])
    if target["comparator"] in (">=", ">"):
        reach = value / goal if goal > 0 else 0.0
    elif target["comparator"] in ("<=", "<"):
        reach = goal / value if value > 0 else 0.0
    else:
        reach = 1 - min(1.0, abs(value - goal) / abs(goal))
    return max(0.0, min(1.0, 1 - reach))


ICONS = {"met": "✅", "not_met": "❌", "not_due": "⏳", "no_data": "❔", "not_applicable": "➖"}
SUB_ICONS = {"ok": "✅", "failed": "❌", "error": "⚠️"}


def _md_cell(text) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\n", " "))


def render_markdown(summary: dict, lang: str) -> str:
    from ..render.common import fmt_value

    w = _words(lang)
    plan = summary["plan"]
    inds = summary["indicators"]
    by_name = {s["submitter"]: s for s in summary["submissions"]}
    out = [f"# {w['summary.title']}", ""]
    out.append(f"- **{w['report.plan']}**: {_md_cell(plan['title'])} (`{plan['id']}`)")
    if plan.get("doc_no"):
        out.append(f"- **{w['report.doc_no']}**: {_md_cell(plan['doc_no'])}")
    out.append(f"- **{w['report.as_of']}**: {summary['as_of']}")
    out.append(f"- yiyang {summary['tool']['version']}")
    out.append("")
    out.append(f"**{_verdict(summary, lang)}**")
    out.append("")
    out.append(f"## {w['summary.submissions']}")
    out.append("")
    heads = [w["summary.submitter"], w["report.status"]] + [f"{ICONS[s]} {w['status.' + s]}" for s in STATUS_ORDER] \
        + [w["summary.failures"], w["summary.error"]]
    out.append("| " + " | ".join(heads) + " |")
    out.append("|" + "---|" * len(heads))
    names = {i["id"]: i["name"] for i in inds}
    for s in summary["submissions"]:
        counts = [str(s["summary"][k]) if s["summary"] else "" for k in STATUS_ORDER]
        status = f"{SUB_ICONS[s['status']]} {w['batch.status.' + s['status']]}"
        out.append("| " + " | ".join([_md_cell(s["submitter"]), status]
                                     + counts + [_md_cell(w["summary.sep"].join(names[f] for f in s["failures"])),
                                                 _md_cell(s["error"] or "")]) + " |")
    out.append("")
    out.append(f"## {w['summary.indicators']}")
    out.append("")
    heads = [w["report.indicator"], w["report.severity"], w["report.target"]] \
        + [f"{ICONS[s]} {w['status.' + s]}" for s in STATUS_ORDER] + [w["summary.share"]]
    out.append("| " + " | ".join(heads) + " |")
    out.append("|" + "---|" * len(heads))
    for i in inds:
        out.append("| " + " | ".join([f"{_md_cell(i['name'])} (`{i['id']}`)", w["severity." + i["severity"]],
                                      _target_text(i, lang)] + [str(i[s]) for s in STATUS_ORDER]
                                     + [_share_text(i["share_met"])]) + " |")
    out.append("")
    out.append(f"## {w['summary.ranking']}")
    out.append("")
    if not summary["ranking"]:
        out.append(w["summary.no_ranking"])
    else:
        heads = [w["summary.rank"], w["summary.submitter"], w["summary.met"], w["summary.failed"], w["summary.share"]] \
            + [f"{n}" for n in range(1, len(inds) + 1)]
        out.append("| " + " | ".join(heads) + " |")
        out.append("|" + "---|" * len(heads))
        for r in summary["ranking"]:
            s = by_name[r["submitter"]]
            cells = []
            for i in inds:
                got = s["indicators"].get(i["id"])
                cells.append(f"{ICONS[got['status']]} {fmt_value(got['value'], _unit(i))}" if got else "")
            out.append("| " + " | ".join([str(r["rank"]), _md_cell(r["submitter"]), str(r["met"]), str(r["failed"]),
                                          _share_text(r["share_met"])] + cells) + " |")
        out.append("")
        for n, i in enumerate(inds, start=1):
            out.append(f"{n}. {_md_cell(i['name'])} (`{i['id']}`)")
    out.append("")
    return "\n".join(out)


def _verdict(summary: dict, lang: str) -> str:
    totals = summary["totals"]
    if summary["exit_code"] == EXIT_OK:
        return t("summary.verdict_pass", lang, n=totals["submissions"])
    return t("summary.verdict_fail", lang, n=totals["submissions"], failed=totals["failed"], errors=totals["error"])


COLOURS = {"met": (26, 127, 55), "not_met": (207, 34, 46), "not_due": (9, 105, 218), "no_data": (154, 103, 0),
           "not_applicable": (110, 119, 129)}


def _cell_style(status: str, heat: float) -> str:
    r, g, b = COLOURS[status]
    alpha = 0.18 if status != "not_met" else 0.25 + 0.65 * heat
    ink = "#fff" if status == "not_met" and alpha > 0.55 else "#1f2328"
    return f"background: rgba({r},{g},{b},{alpha:.2f}); color: {ink}"


def render_html(summary: dict, lang: str) -> str:
    return "".join(html_chunks(summary, lang))


def html_chunks(summary: dict, lang: str):
    """The summary page, generated piece by piece (rows are prepared as the template reaches them)."""
    from ..render.common import fmt_value
    from ..render.templating import environment

    w = _words(lang)
    inds = summary["indicators"]
    by_name = {s["submitter"]: s for s in summary["submissions"]}
    names = {i["id"]: i["name"] for i in inds}
    subs = ({**s, "status_text": w["batch.status." + s["status"]], "failure_names": [names[f] for f in s["failures"]],
             "link": s["reports"].get("html")} for s in summary["submissions"])
    indicators = []
    for i in inds:
        total = i["checked"] or 1
        segments, x = [], 0.0
        for st in STATUS_ORDER:
            width = i[st] / total * 100
            if i[st]:
                segments.append({"status": st, "x": x, "width": width, "n": i[st]})
            x += width
        indicators.append({**i, "severity_text": w["severity." + i["severity"]], "target_text": _target_text(i, lang),
                           "share_text": _share_text(i["share_met"]), "segments": segments})
    def league():
        for r in summary["ranking"]:
            s = by_name[r["submitter"]]
            cells = []
            for i in inds:
                got = s["indicators"].get(i["id"])
                if got is None:
                    cells.append(None)
                    continue
                cells.append({"text": fmt_value(got["value"], _unit(i)), "status": got["status"],
                              "title": f"{i['name']}: {w['status.' + got['status']]}",
                              "style": _cell_style(got["status"], _heat(got["status"], got["value"], i.get("target")))})
            yield {**r, "share_text": _share_text(r["share_met"]), "cells": cells,
                   "link": s["reports"].get("html"), "status_text": w["batch.status." + s["status"]]}

    return environment().get_template("summary.html.j2").generate(
        lang="en" if lang == "en" else "zh-CN", w=w, s=summary, plan=summary["plan"], verdict=_verdict(summary, lang),
        failed=summary["exit_code"] != EXIT_OK, submissions=subs, indicators=indicators, league=league(),
        ranked=bool(summary["ranking"]),
        statuses=[(st, w["status." + st]) for st in STATUS_ORDER],
        cards=[(k, w["batch.status." + k], summary["totals"][k]) for k in ("ok", "failed", "error")])


def write_xlsx(summary: dict, path: Path, lang: str) -> None:
    """The summary's tables as a workbook: submissions, indicators, and the league table with
    every indicator's value side by side, coloured by status. Written to a temporary file first."""
    import xlsxwriter

    w = _words(lang)
    inds = summary["indicators"]
    by_name = {s["submitter"]: s for s in summary["submissions"]}
    names = {i["id"]: i["name"] for i in inds}

    def write(fh) -> None:
        # constant_memory: each row goes to disk once the next one starts (rows are written in order)
        wb = xlsxwriter.Workbook(fh, {"nan_inf_to_errors": True, "constant_memory": True})
        head = wb.add_format({"bold": True, "bg_color": "#f6f8fa", "border": 1, "text_wrap": True, "valign": "top"})
        pct = wb.add_format({"num_format": "0.0%"})
        fills = {st: wb.add_format({"bg_color": "#%02x%02x%02x" % tuple(int(255 - (255 - c) * 0.35) for c in rgb)})
                 for st, rgb in COLOURS.items()}
        fills_pct = {st: wb.add_format({"bg_color": "#%02x%02x%02x" % tuple(int(255 - (255 - c) * 0.35) for c in rgb),
                                        "num_format": "0.0%"}) for st, rgb in COLOURS.items()}

        ws = wb.add_worksheet(w["summary.sheet_submissions"][:31])
        heads = [w["summary.submitter"], w["report.status"], "exit_code"] + [w["status." + s] for s in STATUS_ORDER] \
            + [w["summary.failures"], w["summary.error"], w["summary.files"], "sha256"]
        ws.write_row(0, 0, heads, head)
        for n, s in enumerate(summary["submissions"], start=1):
            counts = [s["summary"][k] if s["summary"] else None for k in STATUS_ORDER]
            ws.write_row(n, 0, [s["submitter"], w["batch.status." + s["status"]], s["exit_code"]])
            for c, v in enumerate(counts, start=3):
                if v is not None:
                    ws.write_number(n, c, v)
            failures = w["summary.sep"].join(names[f] for f in s["failures"])
            ws.write_row(n, 3 + len(STATUS_ORDER), [failures, s["error"] or "",
                                                    "; ".join(s["files"]), s["input_hash"] or ""])
        ws.freeze_panes(1, 1)
        ws.set_column(0, 0, 20)
        ws.set_column(3 + len(STATUS_ORDER), 5 + len(STATUS_ORDER), 40)

        ws = wb.add_worksheet(w["summary.sheet_indicators"][:31])
        heads = ["id", w["report.indicator"], w["report.severity"], w["report.target"], w["report.deadline"]] \
            + [w["status." + s] for s in STATUS_ORDER] + [w["summary.share"]]
        ws.write_row(0, 0, heads, head)
        for n, i in enumerate(inds, start=1):
            deadline = (i.get("target") or {}).get("deadline") or ""
            ws.write_row(n, 0, [i["id"], i["name"], w["severity." + i["severity"]], _target_text(i, lang), deadline]
                         + [i[s] for s in STATUS_ORDER])
            if i["share_met"] is not None:
                ws.write_number(n, 5 + len(STATUS_ORDER), i["share_met"], pct)
        ws.freeze_panes(1, 2)
        ws.set_column(0, 1, 30)

        ws = wb.add_worksheet(w["summary.sheet_ranking"][:31])
        heads = [w["summary.rank"], w["summary.submitter"], w["summary.met"], w["summary.failed"], w["summary.share"]] \
            + [i["name"] for i in inds]
        ws.write_row(0, 0, heads, head)
        ws.set_row(0, 60)
        for n, r in enumerate(summary["ranking"], start=1):
            ws.write_row(n, 0, [r["rank"], r["submitter"], r["met"], r["failed"]])
            if r["share_met"] is not None:
                ws.write_number(n, 4, r["share_met"], pct)
            s = by_name[r["submitter"]]
            for c, i in enumerate(inds, start=5):
                got = s["indicators"].get(i["id"])
                if got is None:
                    continue
                fmt = (fills_pct if _unit(i) == "ratio" else fills)[got["status"]]
                if got["value"] is None:
                    ws.write_string(n, c, "—", fmt)
                else:
                    ws.write_number(n, c, got["value"], fmt)
        ws.freeze_panes(1, 2)
        ws.set_column(1, 1, 20)
        ws.set_column(5, 4 + len(inds), 14)
        wb.close()

    write_with(path, write)


MAX_TERMINAL_ROWS = 60


def _print_terminal(summary: dict, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    from ..render.terminal import make_console

    w = _words(lang)
    console = make_console()
    styles = {"ok": "green", "failed": "bold red", "error": "yellow"}
    names = {i["id"]: i["name"] for i in summary["indicators"]}
    table = Table(header_style="bold")
    for head in (w["summary.submitter"], w["report.status"], w["status.met"], w["status.not_met"],
                 w["status.no_data"], w["summary.failures"]):
        table.add_column(head, overflow="fold")
    shown = summary["submissions"][:MAX_TERMINAL_ROWS]
    for s in shown:
        c = s["summary"] or {}
        detail = s["error"] or w["summary.sep"].join(names[f] for f in s["failures"])
        table.add_row(escape(s["submitter"]), f"[{styles[s['status']]}]{w['batch.status.' + s['status']]}[/]",
                      str(c.get("met", "")), str(c.get("not_met", "")), str(c.get("no_data", "")), escape(detail))
    console.print(table)
    if len(summary["submissions"]) > len(shown):
        console.print(t("report.more", lang, n=len(summary["submissions"]) - len(shown)))
    totals = summary["totals"]
    style = "bold green" if summary["exit_code"] == EXIT_OK else "bold red"
    console.print(f"[{style}]" + escape(t("batch.totals", lang, n=totals["submissions"], ok=totals["ok"],
                                          failed=totals["failed"], errors=totals["error"])) + "[/]")
