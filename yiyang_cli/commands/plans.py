"""`yiyang plans list` and `yiyang plans show ID`: the catalogue, as tables or JSON."""

from __future__ import annotations

import json

from ..messages import t


def plan_summary(plan) -> dict:
    return {"id": plan.id, "title": plan.title, "region": plan.region, "year": plan.year,
            "indicators": len(plan.indicators), "source": plan.source_file}


def plan_detail(plan) -> dict:
    return {
        "id": plan.id, "title": plan.title, "region": plan.region, "issuer": plan.issuer,
        "doc_no": plan.doc_no, "issued": plan.issued.isoformat() if plan.issued else None,
        "effective": plan.effective.isoformat() if plan.effective else None,
        "source_file": plan.source_file, "source_part": plan.source_part,
        "indicators": [{
            "id": ind.id, "name": ind.name, "name_en": ind.name_en, "scope": ind.scope,
            "severity": ind.severity, "entity": ind.entity, "measure": ind.measure.kind,
            "targets": [{"comparator": tg.comparator, "value": tg.value, "unit": tg.unit,
                         "deadline": tg.deadline.isoformat() if tg.deadline else None,
                         **({"deadline_note": tg.deadline_note} if tg.deadline_note else {})}
                        for tg in ind.targets],
            "applies_to": ind.where or "", "clause": ind.clause, "quote": ind.quote, "reading": ind.reading,
            "reading_zh": ind.reading_zh,
            "origin": plan.origin(ind.id),
        } for ind in plan.indicators],
        "extends": plan.extends,
        "commitments": [{"clause": c.clause, "quote": c.quote, "why_not_checked": c.why_not_checked}
                        for c in plan.commitments],
    }


def load_all():
    from ..plan import catalogue_dir, load_file

    return [load_file(p) for p in sorted(catalogue_dir().glob("*.yaml"))]


def catalogue_summaries() -> list[tuple[dict, dict]]:
    """(summary, English labels) of every shipped plan, for `plans list`.

    Listing only needs a few top-level keys, so the files are read with the same safe loader as
    always (size cap, no aliases, no object tags) but not validated: the shipped files are
    validated in full by the test suite and by every `check`, and `plans list` must stay well
    under 0.3 s. A plan that extends another, or a file the loader refuses, is loaded in full (its
    indicators are the merged ones; its problems are reported with their location).
    """
    import datetime as dt

    from ..plan.catalogue import catalogue_dir
    from ..plan.yamlsrc import YamlProblem, load

    out = []
    for path in sorted(catalogue_dir().glob("*.yaml")):
        try:
            data, _ = load(path)
        except YamlProblem:
            data = None
        if not isinstance(data, dict) or data.get("extends"):
            from ..plan import load_file

            plan = load_file(path)
            out.append((plan_summary(plan), {"title": plan.title_en, "region": plan.region_en}))
            continue
        issued = data.get("issued")
        if isinstance(issued, str):
            issued = dt.date.fromisoformat(issued)
        out.append(({"id": data["id"], "title": data["title"], "region": data["region"],
                     "year": issued.year if isinstance(issued, dt.date) else None,
                     "indicators": len(data.get("indicators") or []), "source": data.get("source_file")},
                    {"title": data.get("title_en"), "region": data.get("region_en")}))
    return out


def list_plans(fmt: str, lang: str) -> None:
    summaries = catalogue_summaries()
    if fmt == "json":
        print(json.dumps([s for s, _ in summaries], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    for head in ("id", t("report.plan", lang), t("plans.column_region", lang), t("plans.column_year", lang),
                 t("plans.column_indicators", lang), t("plans.column_source", lang)):
        table.add_column(head)
    for s, en in summaries:
        table.add_row(s["id"], en["title"] if lang == "en" and en["title"] else s["title"],
                      en["region"] if lang == "en" and en["region"] else s["region"],
                      str(s["year"] or ""), str(s["indicators"]), s["source"])
    Console(highlight=False).print(table)


def show_plan(plan_id: str, fmt: str, lang: str) -> None:
    from ..plan import load_plan
    from ..render.common import fmt_deadline, fmt_target

    plan = load_plan(plan_id)
    if fmt == "json":
        print(json.dumps(plan_detail(plan), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    console.print(f"[bold]{escape(plan.title)}[/bold] ({plan.id})")
    console.print(f"{escape(plan.issuer)}  {escape(plan.doc_no)}  {plan.issued or ''}  source: {plan.source_file}")
    for ind in plan.indicators:
        stages = "; ".join(f"{fmt_target(tg, lang)} @ {fmt_deadline(tg, lang)}"
                           + (f" ({tg.deadline_note})" if tg.deadline_note else "") for tg in ind.targets)
        console.print(f"\n[bold]{escape(ind.label(lang))}[/bold] [dim]({ind.id}, {ind.clause})[/dim]")
        console.print(f"  {t('report.severity', lang)}: {t('severity.' + ind.severity, lang)}   "
                      f"{t('report.target', lang)}: {escape(stages)}   scope: {ind.scope} / {ind.entity}"
                      + (f" where {escape(ind.where)}" if ind.where else ""))
        console.print(f"  {t('report.quote', lang)}: {escape(ind.quote)}")
        if ind.reading_in(lang):
            console.print(f"  {t('report.reading', lang)}: {escape(ind.reading_in(lang))}", style="dim")
        origin = plan.origin(ind.id)
        if origin["defined_in"] != plan.id or origin["overrides"]:
            changed = "、".join(f"{key}（{by}）" for key, by in origin["overrides"].items()) or "-"
            console.print("  " + escape(t("report.origin", lang, plan=origin["defined_in"], changed=changed)),
                          style="cyan")
    for c in plan.commitments:
        console.print(f"\n[dim]· {escape(c.clause)} {escape(c.quote)}[/dim]")


def _stages(ind) -> str:
    from ..render.common import fmt_target

    return "; ".join(f"{fmt_target(tg, 'zh')}" + (f" ({tg.deadline.isoformat()})" if tg.deadline else "")
                     + (f" [{tg.deadline_note}]" if tg.deadline_note else "") for tg in ind.targets)


def _md(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def catalogue_markdown(plans) -> str:
    """docs/plans.md: every plan and indicator, reviewable without running anything."""
    out = ["# The plan catalogue", "",
           "Generated from `rules/*.yaml` by `python scripts/make_docs.py`; do not edit by hand",
           "(a test fails when this file is stale).", "",
           "| id | plan | region | document | issued | source | indicators | commitments |",
           "|---|---|---|---|---|---|---|---|"]
    for p in plans:
        source = p.source_file + (f" {p.source_part}" if p.source_part else "")
        out.append(f"| [`{p.id}`](#{p.id}) | {_md(p.title)} | {_md(p.region)} | {_md(p.doc_no)} | "
                   f"{p.issued or ''} | {_md(source)} | {len(p.indicators)} | {len(p.commitments)} |")
    for p in plans:
        out += ["", f"## {p.id}", "", f"**{_md(p.title)}**" + (f" ({_md(p.title_en)})" if p.title_en else ""), "",
                f"{_md(p.region)} · {_md(p.issuer)}" + (f" · {_md(p.doc_no)}" if p.doc_no else "")
                + (f" · issued {p.issued}" if p.issued else "") + (f" · in force {p.effective}" if p.effective else "")
                + f" · source `{p.source_file}`" + (f" {_md(p.source_part)}" if p.source_part else "")]
        if p.notes:
            out += ["", _md(p.notes)]
        out += ["", "| indicator | severity | scope | table | in scope | measure | target (deadline) |",
                "|---|---|---|---|---|---|---|"]
        for ind in p.indicators:
            out.append(f"| {_md(ind.name)} `{ind.id}` | {ind.severity} | {ind.scope} | {ind.entity} | "
                       f"{_md(ind.where or 'all')} | {ind.measure.kind} | {_md(_stages(ind))} |")
        out += ["", "Quotes and readings:", ""]
        for ind in p.indicators:
            out.append(f"- `{ind.id}` ({_md(ind.clause)}): 「{_md(ind.quote)}」")
            if ind.reading:
                out.append(f"  Reading: {_md(ind.reading)}")
            if ind.reading_zh:
                out.append(f"  解读：{_md(ind.reading_zh)}")
        if p.commitments:
            out += ["", "Commitments that data cannot check:", ""]
            for c in p.commitments:
                out.append(f"- ({_md(c.clause)}) 「{_md(c.quote)}」" + (f" — {_md(c.why_not_checked)}" if c.why_not_checked else ""))
    return "\n".join(out) + "\n"
