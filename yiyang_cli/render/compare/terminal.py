"""The comparison on the terminal."""

from __future__ import annotations

from ...compare.model import CHANGES, CompareResult
from ...messages import t
from ..sanitize import terminal as esc
from .common import delta_text, outcome_text, value_text

STYLES = {
    "newly_failed": "bold red",
    "regressed": "red",
    "improved": "green",
    "resolved": "bold green",
    "changed": "cyan",
    "added": "dim",
    "removed": "dim",
    "unchanged": "dim",
}


def show(result: CompareResult, lang: str, show_all: bool) -> None:
    """Print the comparison to stdout."""
    from rich.table import Table

    from ..terminal import make_console

    console = make_console()
    console.print(f"[bold]{esc(t('compare.title', lang))}[/bold]")
    console.print(f"{t('report.plan', lang)}: {esc(result.plan_title)} ({esc(result.plan_id)})")
    console.print(
        f"{t('compare.from', lang)}: {esc(result.before.label)} ({esc(result.before.as_of)})  →  "
        f"{t('compare.to', lang)}: {esc(result.after.label)} ({esc(result.after.as_of)})"
    )
    listed = result.listed(show_all)
    if listed:
        table = Table(header_style="bold")
        for head in (
            t("summary.submitter", lang),
            t("report.indicator", lang),
            t("compare.change", lang),
            t("compare.from", lang),
            t("compare.to", lang),
            t("compare.delta", lang),
        ):
            table.add_column(head, overflow="fold")
        for x in listed:
            table.add_row(
                esc(x.submitter),
                esc(x.name),
                f"[{STYLES[x.change]}]{t('change.' + x.change, lang)}[/]",
                esc(value_text(x.before, x.unit, lang)),
                esc(value_text(x.after, x.unit, lang)),
                delta_text(x),
            )
        console.print(table)
    if result.submissions:
        table = Table(title=t("compare.submissions", lang), header_style="bold")
        for head in (
            t("summary.submitter", lang),
            t("compare.from", lang),
            t("compare.to", lang),
            t("summary.error", lang),
        ):
            table.add_column(head, overflow="fold")
        for s in result.submissions:
            table.add_row(
                esc(s.submitter), outcome_text(s.before, lang), outcome_text(s.after, lang), esc(s.error or "")
            )
        console.print(table)
    if not listed and not result.submissions:
        console.print(t("compare.nothing", lang))
    counts = result.counts
    console.print(" · ".join(f"[{STYLES[c]}]{t('change.' + c, lang)} {counts[c]}[/]" for c in CHANGES if counts[c]))
    hidden = result.hidden(show_all)
    if hidden:
        console.print(t("compare.hidden", lang, n=hidden), style="dim")
