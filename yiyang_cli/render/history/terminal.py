"""The runs recorded in a history database, as a table on the terminal. Every text in a row comes
from the database, which anyone may have written: all of it is escaped."""

from __future__ import annotations

from collections.abc import Sequence

from ...history import HistoryRun
from ...messages import t
from ..sanitize import terminal as esc

STYLES = {"ok": "green", "failed": "red", "error": "yellow"}


def show(runs: Sequence[HistoryRun], lang: str) -> None:
    """Print the runs to stdout."""
    from rich.table import Table

    from ..terminal import make_console

    table = Table(header_style="bold")
    for head in (
        "#",
        t("history.recorded_at", lang),
        t("report.plan", lang),
        t("report.as_of", lang),
        t("summary.submitter", lang),
        t("history.area", lang),
        t("report.status", lang),
        t("status.met", lang),
        t("status.not_met", lang),
        t("status.no_data", lang),
        t("history.hash", lang),
        t("history.version", lang),
    ):
        table.add_column(head, overflow="fold")
    for r in runs:
        table.add_row(
            str(r.id),
            esc(_local_time(r.recorded_at)),
            esc(r.plan_id),
            esc(r.as_of),
            esc(r.submitter),
            esc(r.area or ""),
            f"[{STYLES[r.status]}]{t('batch.status.' + r.status, lang)}[/]",
            str(r.met),
            str(r.not_met),
            str(r.no_data),
            esc(r.input_hash[:12]),
            esc(r.tool_version),
        )
    console = make_console()
    console.print(table)
    console.print(t("history.runs", lang, n=len(runs)))


def _local_time(stamp: str) -> str:
    """A stored UTC timestamp in the local time zone, to the second."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp
