"""`yiyang plans list` and `yiyang plans show ID`: the catalogue, as tables or JSON."""

from __future__ import annotations

import json

from ..messages import pick, t
from ..render.sanitize import terminal as esc


def list_plans(fmt: str, lang: str) -> None:
    from ..plan.describe import catalogue_summaries

    summaries = catalogue_summaries()
    if fmt == "json":
        print(json.dumps([s for s, _ in summaries], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    for head in (
        "id",
        t("report.plan", lang),
        t("plans.column_region", lang),
        t("plans.column_year", lang),
        t("plans.column_indicators", lang),
        t("plans.column_source", lang),
    ):
        table.add_column(head)
    for s, en in summaries:
        table.add_row(
            s["id"],
            pick(lang, s["title"], en["title"]),
            pick(lang, s["region"], en["region"]),
            str(s["year"] or ""),
            str(s["indicators"]),
            s["source"],
        )
    Console(highlight=False).print(table)


def show_plan(plan_id: str, fmt: str, lang: str) -> None:
    from ..api import load_plan
    from ..plan.describe import plan_detail
    from ..render.common import fmt_deadline, fmt_target

    plan = load_plan(plan_id)
    if fmt == "json":
        print(json.dumps(plan_detail(plan), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    console = Console(highlight=False)
    console.print(f"[bold]{esc(plan.title)}[/bold] ({plan.id})")
    console.print(f"{esc(plan.issuer)}  {esc(plan.doc_no)}  {plan.issued or ''}  source: {plan.source_file}")
    for ind in plan.indicators:
        stages = "; ".join(
            f"{fmt_target(tg, lang)} @ {fmt_deadline(tg, lang)}"
            + (f" ({tg.deadline_note})" if tg.deadline_note else "")
            for tg in ind.targets
        )
        console.print(f"\n[bold]{esc(ind.label(lang))}[/bold] [dim]({ind.id}, {ind.clause})[/dim]")
        console.print(
            f"  {t('report.severity', lang)}: {t('severity.' + ind.severity, lang)}   "
            f"{t('report.target', lang)}: {esc(stages)}   scope: {ind.scope} / {ind.entity}"
            + (f" where {esc(ind.where)}" if ind.where else "")
        )
        console.print(f"  {t('report.quote', lang)}: {esc(ind.quote, lines=True)}")
        if ind.reading_in(lang):
            console.print(f"  {t('report.reading', lang)}: {esc(ind.reading_in(lang), lines=True)}", style="dim")
        origin = plan.origin(ind.id)
        if origin["defined_in"] != plan.id or origin["overrides"]:
            changed = "、".join(f"{key}（{by}）" for key, by in origin["overrides"].items()) or "-"
            console.print(
                "  " + esc(t("report.origin", lang, plan=origin["defined_in"], changed=changed)), style="cyan"
            )
    for c in plan.commitments:
        console.print(f"\n[dim]· {esc(c.clause)} {esc(c.quote, lines=True)}[/dim]")
