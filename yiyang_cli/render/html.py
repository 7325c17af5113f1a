"""A self-contained HTML report: inline CSS and SVG charts, nothing loaded from the network.

The numbers for the charts are prepared here; the template (templates/report.html.j2) only lays
them out. Jinja2 autoescaping is on, so any text from the data appears as text.
"""

from __future__ import annotations

from pathlib import Path

from ..messages import MESSAGES, t
from .common import blocking_count, fmt_actual, fmt_deadline, fmt_gap, fmt_target, fmt_value, status_text

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAX_FAILING = 200
MAX_GROUPS = 40
ORDER = {"not_met": 0, "no_data": 1, "not_due": 2, "met": 3, "not_applicable": 4}


def _bar(value, target) -> dict | None:
    """Positions (0-100) of the actual value and the target on one axis."""
    if value is None or target is None or value == float("inf"):
        return None
    top = max(value, target.value, 1e-9) * 1.1
    if target.unit == "ratio":
        top = max(1.0, top) if max(value, target.value) > 0.9 else top
    return {"actual": min(100.0, value / top * 100), "target": min(100.0, target.value / top * 100)}


def _indicator(r, lang: str, as_of) -> dict:
    ind = r.indicator
    unit = r.target.unit if r.target else "ratio"
    groups = []
    values = [g.value for g in r.groups if g.value is not None and g.value != float("inf")]
    top = max(values + [r.target.value if r.target else 0, 1e-9])
    for g in r.groups[:MAX_GROUPS]:
        groups.append({"name": g.group, "value": fmt_value(g.value, unit),
                       "width": 0 if g.value is None else min(100.0, g.value / top * 100),
                       "status": g.status or "", "status_text": status_text(g.status, lang) if g.status else "",
                       "counts": f"{fmt_value(g.numerator, 'count')}/{fmt_value(g.denominator, 'count')}"
                       if g.numerator is not None and g.denominator is not None else ""})
    progress = None
    if r.status == "not_due" and r.target and r.target.deadline and r.value is not None and r.target.value:
        share = max(0.0, min(100.0, r.value / r.target.value * 100))
        progress = {"share": share,
                    "text": t("report.progress", lang, share=f"{share:.0f}", days=(r.target.deadline - as_of).days)}
    return {
        "id": ind.id, "name": ind.label(lang), "other_name": ind.name_en if lang != "en" else ind.name,
        "severity": ind.severity, "severity_text": t(f"severity.{ind.severity}", lang),
        "status": r.status, "status_text": status_text(r.status, lang),
        "clause": ind.clause, "quote": ind.quote, "reading": ind.reading_in(lang),
        "target": fmt_target(r.target, lang), "deadline": fmt_deadline(r.target, lang),
        "next": f"{fmt_target(r.next_target, lang)} ({fmt_deadline(r.next_target, lang)})" if r.next_target else "",
        "actual": fmt_actual(r, lang), "gap": fmt_gap(r.gap, unit),
        "target_label": fmt_value(r.target.value, unit) if r.target else "",
        "value_label": fmt_value(r.value, unit),
        "bar": _bar(r.value, r.target), "groups": groups, "groups_more": max(0, len(r.groups) - MAX_GROUPS),
        "progress": progress,
        "reason": t(r.reason_key, lang, **r.reason_args) if r.reason_key else "",
        "failing": [{"name": f.name, "location": f.location,
                     "detail": t(f.detail_key, lang, **f.detail_args) if f.detail_key else ""}
                    for f in r.failing[:MAX_FAILING]],
        "failing_more": max(0, r.failing_total - MAX_FAILING),
        "blocking": r.blocking and r.due,
    }


def render(result, lang: str) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    plan = result.plan
    indicators = sorted((_indicator(r, lang, result.as_of) for r in result.indicators),
                        key=lambda i: (not i["blocking"], ORDER[i["status"]]))
    words = {key.split(".", 1)[1]: pair[1] if lang == "en" else pair[0]
             for key, pair in MESSAGES.items() if key.startswith(("report.", "status.", "severity."))}
    n = blocking_count(result)
    return env.get_template("report.html.j2").render(
        lang="en" if lang == "en" else "zh-CN", w=words, plan=plan,
        plan_title=plan.title_en if lang == "en" and plan.title_en else plan.title,
        as_of=result.as_of.isoformat(), version=result.tool_version, inputs=result.inputs,
        summary=[(k, status_text(k, lang), v) for k, v in result.summary().items()],
        verdict=t("report.verdict_fail", lang, n=n) if n else t("report.verdict_pass", lang), failed=bool(n),
        indicators=indicators, issues=[d.to_dict(lang) for d in result.data_issues],
    )
