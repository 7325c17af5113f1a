"""The terminal report, drawn with rich."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..messages import t
from .sanitize import terminal as esc
from .view import ReportView, report_view

if TYPE_CHECKING:
    from rich.console import Console

    from ..result import CheckResult

STYLES = {"met": "green", "not_met": "bold red", "not_due": "cyan", "no_data": "yellow", "not_applicable": "dim"}
MAX_LISTED = 15
MAX_ISSUES = 30


def render(result: CheckResult, lang: str) -> str:
    """Return the report as text (with colour codes when the console supports them)."""
    console = make_console()
    with console.capture() as cap:
        draw(console, report_view(result, lang))
    return cap.get()


def make_console() -> Console:
    """A console for reports: as wide as the terminal, or 140 columns when piped to a file or CI log.

    Neither highlighting nor emoji codes: a name like `:warning:` from the data is printed as it is."""
    from rich.console import Console

    return Console(highlight=False, emoji=False, width=None if sys.stdout.isatty() else 140)


def draw(console: Console, v: ReportView) -> None:
    from rich.table import Table

    lang = v.lang
    console.print(f"[bold]{esc(t('report.title', lang))}[/bold]")
    console.print(f"{t('report.plan', lang)}: {esc(v.plan_title_zh)} ({esc(v.plan_id)})  {esc(v.doc_no)}")
    console.print(f"{t('report.as_of', lang)}: {v.as_of}")
    for info in v.inputs:
        console.print(f"{t('report.inputs', lang)}: {esc(info.path)}")
        for line in info.tables:
            console.print("  " + esc(line), style="dim")
    table = Table(show_lines=False, header_style="bold")
    for key in (
        "report.indicator",
        "report.severity",
        "report.target",
        "report.actual",
        "report.status",
        "report.gap",
        "report.deadline",
    ):
        table.add_column(t(key, lang), overflow="fold")
    for i in v.indicators:
        table.add_row(
            esc(i.name),
            i.severity_text,
            i.target_text,
            esc(i.actual_text),
            f"[{STYLES[i.status]}]{i.status_text}[/]",
            i.gap_text,
            i.deadline_text,
        )
    console.print(table)
    for i in v.indicators:
        if not i.needs_action:
            continue
        console.print(f"[{STYLES[i.status]}]● {esc(i.name)}[/]")
        if i.reason:
            console.print("  " + esc(i.reason))
        for f in i.failing[:MAX_LISTED]:
            detail = f"  {f.detail}" if f.detail else ""
            console.print(f"  - {esc(f.name)}  [dim]{esc(f.location)}[/]{esc(detail)}")
        if i.failing_total > MAX_LISTED:
            console.print("  " + t("report.more", lang, n=i.failing_total - MAX_LISTED))
        if i.breakdown:
            console.print(f"  {t('report.groups', lang)}: " + esc(" · ".join(i.breakdown)), style="dim")
    if v.issues:
        console.print(f"[bold]{t('report.data_issues', lang)}[/bold] ({len(v.issues)})")
        for d in v.issues[:MAX_ISSUES]:
            style = "red" if d.severity == "error" else "yellow"
            console.print(f"  [{style}]{d.severity}[/] {esc(d.location)} {esc(d.message)}")
        if len(v.issues) > MAX_ISSUES:
            console.print("  " + t("report.more", lang, n=len(v.issues) - MAX_ISSUES))
    style = "bold red" if v.failed else "bold green"
    console.print(f"[{style}]{v.verdict}[/]")
