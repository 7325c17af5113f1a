"""summary.xlsx: the summary's tables as a workbook: submissions, indicators, and the league
table with every indicator's value side by side, coloured by status. Every string from the data is
stored as a string (`sanitize.XLSX_OPTIONS`, `sanitize.xlsx`): never a formula, a link or a number."""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ...batch.summary import BatchSummary
from ...safeio import write_with
from ...status import STATUSES
from ..palette import STATUS_RGB
from ..sanitize import XLSX_OPTIONS
from ..sanitize import xlsx as text
from .common import failure_names, summary_words, target_text, unit

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook


def write(summary: BatchSummary, path: Path, lang: str) -> None:
    """Write the workbook (to a temporary file first, renamed into place)."""
    import xlsxwriter

    w = summary_words(lang)

    def fill(fh: IO[bytes]) -> None:
        # constant_memory: each row goes to disk once the next one starts (rows are written in order)
        # every string is written as a string: a submitter named `=HYPERLINK(…)` is not a formula
        wb = xlsxwriter.Workbook(fh, {"nan_inf_to_errors": True, "constant_memory": True, **XLSX_OPTIONS})
        head = wb.add_format({"bold": True, "bg_color": "#f6f8fa", "border": 1, "text_wrap": True, "valign": "top"})
        pct = wb.add_format({"num_format": "0.0%"})
        fills = {st: wb.add_format({"bg_color": _pale(rgb)}) for st, rgb in STATUS_RGB.items()}
        fills_pct = {
            st: wb.add_format({"bg_color": _pale(rgb), "num_format": "0.0%"}) for st, rgb in STATUS_RGB.items()
        }
        _submissions(wb, summary, w, head)
        _indicators(wb, summary, w, head, pct)
        _ranking(wb, summary, w, head, pct, {False: fills, True: fills_pct})
        wb.close()

    write_with(path, fill)


def _pale(rgb: tuple[int, int, int]) -> str:
    """A status colour lightened to 35% strength, as a cell's background."""
    return "#" + "".join(f"{int(255 - (255 - c) * 0.35):02x}" for c in rgb)


def _submissions(wb: Workbook, summary: BatchSummary, w: dict[str, str], head: Format) -> None:
    names = {i.id: i.name for i in summary.indicators}
    ws = wb.add_worksheet(w["summary.sheet_submissions"][:31])
    heads = (
        [w["summary.submitter"], w["report.status"], "exit_code"]
        + [w["status." + s] for s in STATUSES]
        + [w["summary.failures"], w["summary.error"], w["summary.files"], "sha256"]
    )
    ws.write_row(0, 0, heads, head)
    for n, s in enumerate(summary.submissions, start=1):
        counts = [s.counts[k] if s.counts else None for k in STATUSES]
        ws.write_row(n, 0, [text(s.submitter), w["batch.status." + s.status], s.exit_code])
        for c, v in enumerate(counts, start=3):
            if v is not None:
                ws.write_number(n, c, v)
        ws.write_row(
            n,
            3 + len(STATUSES),
            [
                text(x)
                for x in (
                    failure_names(s, names, w["summary.sep"]),
                    s.error or "",
                    "; ".join(s.files),
                    s.input_hash or "",
                )
            ],
        )
    ws.freeze_panes(1, 1)
    ws.set_column(0, 0, 20)
    ws.set_column(3 + len(STATUSES), 5 + len(STATUSES), 40)


def _indicators(wb: Workbook, summary: BatchSummary, w: dict[str, str], head: Format, pct: Format) -> None:
    ws = wb.add_worksheet(w["summary.sheet_indicators"][:31])
    heads = (
        ["id", w["report.indicator"], w["report.severity"], w["report.target"], w["report.deadline"]]
        + [w["status." + s] for s in STATUSES]
        + [w["summary.share"]]
    )
    ws.write_row(0, 0, heads, head)
    for n, i in enumerate(summary.indicators, start=1):
        deadline = i.target.deadline.isoformat() if i.target and i.target.deadline else ""
        ws.write_row(
            n,
            0,
            [i.id, text(i.name), w["severity." + i.severity], target_text(i), deadline]
            + [i.counts[s] for s in STATUSES],
        )
        if i.share_met is not None:
            ws.write_number(n, 5 + len(STATUSES), i.share_met, pct)
    ws.freeze_panes(1, 2)
    ws.set_column(0, 1, 30)


def _ranking(
    wb: Workbook,
    summary: BatchSummary,
    w: dict[str, str],
    head: Format,
    pct: Format,
    fills: dict[bool, dict[str, Format]],
) -> None:
    """`fills[is_ratio][status]`: a cell's format, coloured by its status."""
    inds = summary.indicators
    by_name = summary.by_submitter()
    ws = wb.add_worksheet(w["summary.sheet_ranking"][:31])
    heads: list[Any] = [
        w["summary.rank"],
        w["summary.submitter"],
        w["summary.met"],
        w["summary.failed"],
        w["summary.share"],
    ] + [text(i.name) for i in inds]
    ws.write_row(0, 0, heads, head)
    ws.set_row(0, 60)
    for n, r in enumerate(summary.ranking, start=1):
        ws.write_row(n, 0, [r.rank, text(r.submitter), r.met, r.failed])
        if r.share_met is not None:
            ws.write_number(n, 4, r.share_met, pct)
        s = by_name[r.submitter]
        for c, i in enumerate(inds, start=5):
            got = s.indicators.get(i.id)
            if got is None:
                continue
            fmt = fills[unit(i) == "ratio"][got.status]
            if got.value is None:
                ws.write_string(n, c, "—", fmt)
            else:
                ws.write_number(n, c, got.value, fmt)
    ws.freeze_panes(1, 2)
    ws.set_column(1, 1, 20)
    ws.set_column(5, 4 + len(inds), 14)
