"""The batch summary on the terminal: a table of the submissions and the totals."""

from __future__ import annotations

from ...batch.summary import BatchSummary
from ...errors import EXIT_OK
from ...messages import t
from ..sanitize import terminal as esc
from .common import failure_names, summary_words

MAX_TERMINAL_ROWS = 60
STYLES = {"ok": "green", "failed": "bold red", "error": "yellow"}


def show(summary: BatchSummary, lang: str) -> None:
    """Print the summary to stdout."""
    from rich.table import Table

    from ..terminal import make_console

    w = summary_words(lang)
    console = make_console()
    names = {i.id: i.name for i in summary.indicators}
    table = Table(header_style="bold")
    for head in (
        w["summary.submitter"],
        w["report.status"],
        w["status.met"],
        w["status.not_met"],
        w["status.no_data"],
        w["summary.failures"],
    ):
        table.add_column(head, overflow="fold")
    shown = summary.submissions[:MAX_TERMINAL_ROWS]
    for s in shown:
        c = s.counts or {}
        detail = s.error or failure_names(s, names, w["summary.sep"])
        table.add_row(
            esc(s.submitter),
            f"[{STYLES[s.status]}]{w['batch.status.' + s.status]}[/]",
            str(c.get("met", "")),
            str(c.get("not_met", "")),
            str(c.get("no_data", "")),
            esc(detail),
        )
    console.print(table)
    if len(summary.submissions) > len(shown):
        console.print(t("report.more", lang, n=len(summary.submissions) - len(shown)))
    totals = summary.totals
    style = "bold green" if summary.exit_code == EXIT_OK else "bold red"
    console.print(
        f"[{style}]"
        + esc(t("batch.totals", lang, n=totals.submissions, ok=totals.ok, failed=totals.failed, errors=totals.error))
        + "[/]"
    )
