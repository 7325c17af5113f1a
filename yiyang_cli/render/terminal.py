"""The terminal report, drawn with rich."""

from __future__ import annotations

from ..fields import ENTITIES
from ..messages import t
from .common import blocking_count, fmt_actual, fmt_deadline, fmt_gap, fmt_target, group_lines, status_text

STYLES = {"met": "green", "not_met": "bold red", "not_due": "cyan", "no_data": "yellow",
          "not_applicable": "dim"}
MAX_LISTED = 15
MAX_ISSUES = 30


def render(result, lang: str) -> str:
    """Return the report as text (with colour codes when the console supports them)."""

    console = make_console()
    with console.capture() as cap:
        draw(console, result, lang)
    return cap.get()


def make_console():
    """A console for reports: as wide as the terminal, or 140 columns when piped to a file or CI log."""
    import sys

    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else 140)


def draw(console, result, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    plan = result.plan
    console.print(f"[bold]{escape(t('report.title', lang))}[/bold]")
    console.print(f"{t('report.plan', lang)}: {escape(plan.title)} ({plan.id})  {escape(plan.doc_no)}")
    console.print(f"{t('report.as_of', lang)}: {result.as_of.isoformat()}")
    for info in result.inputs:
        console.print(f"{t('report.inputs', lang)}: {escape(info.path)}")
        for tb in info.tables:
            entity = ENTITIES[tb["entity"]].label(lang)
            console.print("  " + escape(t("report.rows_read", lang, sheet=tb["sheet"] or info.path,
                                            entity=entity, header=tb["header_row"], rows=tb["rows"],
                                            skipped=len(tb["skipped_rows"]))), style="dim")
    table = Table(show_lines=False, header_style="bold")
    for key in ("report.indicator", "report.severity", "report.target", "report.actual", "report.status",
                "report.gap", "report.deadline"):
        table.add_column(t(key, lang), overflow="fold")
    for r in result.indicators:
        unit = r.target.unit if r.target else "ratio"
        table.add_row(escape(r.indicator.label(lang)), t(f"severity.{r.indicator.severity}", lang),
                      fmt_target(r.target, lang), escape(fmt_actual(r, lang)),
                      f"[{STYLES[r.status]}]{status_text(r.status, lang)}[/]", fmt_gap(r.gap, unit),
                      fmt_deadline(r.target, lang))
    console.print(table)
    for r in result.indicators:
        if r.status not in ("not_met", "no_data"):
            continue
        console.print(f"[{STYLES[r.status]}]● {escape(r.indicator.label(lang))}[/]")
        if r.reason_key:
            console.print("  " + escape(t(r.reason_key, lang, **r.reason_args)))
        for f in r.failing[:MAX_LISTED]:
            detail = f"  {t(f.detail_key, lang, **f.detail_args)}" if f.detail_key else ""
            console.print(f"  - {escape(f.name)}  [dim]{escape(f.location)}[/]{escape(detail)}")
        if r.failing_total > MAX_LISTED:
            console.print("  " + t("report.more", lang, n=r.failing_total - MAX_LISTED))
        groups = group_lines(r, lang)
        if groups:
            console.print(f"  {t('report.groups', lang)}: " + escape(" · ".join(groups)), style="dim")
    if result.data_issues:
        console.print(f"[bold]{t('report.data_issues', lang)}[/bold] ({len(result.data_issues)})")
        for d in result.data_issues[:MAX_ISSUES]:
            item = d.to_dict(lang)
            style = "red" if item["severity"] == "error" else "yellow"
            console.print(f"  [{style}]{item['severity']}[/] {escape(item['location'])} {escape(item['message'])}")
        if len(result.data_issues) > MAX_ISSUES:
            console.print("  " + t("report.more", lang, n=len(result.data_issues) - MAX_ISSUES))
    n = blocking_count(result)
    if n:
        console.print(f"[bold red]{t('report.verdict_fail', lang, n=n)}[/]")
    else:
        console.print(f"[bold green]{t('report.verdict_pass', lang)}[/]")
