"""`yiyang batch`: one plan over many submissions, in parallel, with a summary.

The work is done in `yiyang_cli.batch` (finding the submissions, the worker pool, the summary);
this module checks the options, wires the pieces together and hands the summary to its renderers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError, YiyangError
from ..messages import t

if TYPE_CHECKING:
    from ..batch.discover import Submission
    from ..batch.summary import BatchSummary

# The summary's files, in the order they are written.
SUMMARY_FORMATS = ("json", "md", "html", "xlsx")


def parse_formats(values: list[str]) -> list[str]:
    """The per-submission report formats from `--format` (repeated or comma-separated)."""
    from ..render import FILE_FORMATS

    chosen: list[str] = []
    for value in values or ["json"]:
        for part in str(value).split(","):
            part = part.strip().lower()
            if not part:
                continue
            if part not in FILE_FORMATS:
                raise UsageError("batch.bad_format", value=part)
            if part not in chosen:
                chosen.append(part)
    return chosen


def run(
    inputs: list[str],
    plan_ref: str,
    outdir: Path,
    as_of_text: str | None,
    formats: list[str],
    mapping: Path | None,
    fail_on: str,
    lang: str,
    jobs: int | None,
    history_path: Path | None,
) -> int:
    from .._version import __version__
    from ..api import load_mapping, load_plan, parse_as_of
    from ..batch.discover import discover
    from ..batch.pool import execute
    from ..batch.record import BatchRecorder
    from ..batch.summary import RowCollector, build_summary
    from ..batch.worker import Row, make_tasks, plan_file
    from ..render.batch import terminal
    from ..render.batch.progress import Progress

    as_of = parse_as_of(as_of_text)
    fmts = parse_formats(formats)
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs < 1:
        raise UsageError("batch.bad_jobs", value=jobs)
    plan_path = plan_file(plan_ref)
    plan = load_plan(plan_path)  # a bad plan or mapping stops here, before any work starts
    if mapping is not None:
        load_mapping(mapping)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError("batch.outdir_is_file", str(outdir))
    subs, skipped = discover(inputs, outdir)
    if not subs:
        raise InputError("batch.none", inputs=", ".join(inputs))
    check_written(subs, inputs, plan_path, mapping, fmts, outdir, history_path)
    recorder = BatchRecorder(history_path, plan, as_of, __version__) if history_path is not None else None
    try:
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise YiyangError("cli.write_failed", path=str(outdir), reason=exc.strerror or str(exc)) from None
        if skipped:
            say(t("batch.skipped", lang, n=len(skipped), example=str(skipped[0])))
        if recorder is not None:
            recorder.start(len(subs))
        tasks = make_tasks(subs, plan_path, as_of, mapping, fmts, outdir, lang, fail_on)
        collected = RowCollector([i.id for i in plan.indicators])
        with Progress(len(tasks), lang) as progress:

            def on_row(row: Row) -> None:
                if recorder is not None:
                    recorder.record(row)
                collected.add(row)
                progress.advance(row["status"])

            execute(tasks, jobs, on_row)
        summary = build_summary(plan, as_of, collected.rows, collected.targets, lang, fail_on, __version__)
        written = write_summary(summary, outdir, lang)
        if recorder is not None:
            recorder.finish(summary.exit_code)
    finally:
        if recorder is not None:
            recorder.close()
    terminal.show(summary, lang)
    for path in written:
        say(t("cli.written", lang, path=str(path)))
    if history_path is not None:
        say(t("history.recorded", lang, path=str(history_path), n=summary.totals.submissions))
    return summary.exit_code


def say(text: str) -> None:
    """A line on stderr; the paths it quotes may hold control sequences."""
    from ..render.sanitize import terminal_plain

    print(terminal_plain(text), file=sys.stderr)


def check_written(
    subs: list[Submission],
    inputs: list[str],
    plan: Path,
    mapping: Path | None,
    formats: list[str],
    outdir: Path,
    history: Path | None,
) -> None:
    """Before any work: the output folder is neither an input folder nor inside one, and no file the
    batch would write (a report, the summary, the history) is an input or another of its outputs."""
    from ..batch.discover import SUMMARY_STEM
    from ..render import FILE_FORMATS
    from ..safeio import check_output_folder, check_outputs

    folders = [Path(arg) for arg in inputs if Path(arg).is_dir()] + [s.source for s in subs if s.source.is_dir()]
    check_output_folder(outdir, folders)
    reports = [outdir / f"{s.name}.{FILE_FORMATS[fmt][1]}" for s in subs for fmt in formats]
    summaries = [outdir / f"{SUMMARY_STEM}.{ext}" for ext in SUMMARY_FORMATS]
    read = [f for s in subs for f in s.files] + [plan] + ([mapping] if mapping else [])
    check_outputs(summaries + reports + ([history] if history else []), read)


def write_summary(summary: BatchSummary, outdir: Path, lang: str) -> list[Path]:
    """summary.json, .md, .html and .xlsx. The big ones are streamed to disk, not built in memory."""
    import json
    from collections.abc import Callable, Iterable, Iterator

    from ..batch.discover import SUMMARY_STEM
    from ..render.batch import html, markdown, xlsx
    from ..render.sanitize import json_text
    from ..safeio import write_text

    def json_chunks() -> Iterator[str]:
        pieces: list[str] = []  # escaped a few thousand tokens at a time, not one by one
        for piece in json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False).iterencode(summary.to_dict()):
            pieces.append(piece)
            if len(pieces) == 4096:
                yield json_text("".join(pieces))
                pieces.clear()
        yield json_text("".join(pieces)) + "\n"

    texts: dict[str, Callable[[], Iterable[str]]] = {
        "json": json_chunks,
        "md": lambda: [markdown.render(summary, lang)],
        "html": lambda: html.chunks(summary, lang),
    }
    paths = []
    for ext in SUMMARY_FORMATS:
        path = outdir / f"{SUMMARY_STEM}.{ext}"
        if ext == "xlsx":
            xlsx.write(summary, path, lang)
        else:
            write_text(path, texts[ext]())
        paths.append(path)
    return paths
