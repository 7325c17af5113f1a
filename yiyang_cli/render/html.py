"""A self-contained HTML report: inline CSS and SVG charts, nothing loaded from the network.

The numbers for the charts are prepared here; the template (templates/report.html.j2) only lays
them out. Jinja2 autoescaping is on, so any text from the data appears as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..messages import t, words
from ..status import ACTION_ORDER
from .common import fmt_value, status_text
from .templating import environment, html_lang
from .view import IndicatorView, ReportView, report_view

if TYPE_CHECKING:
    from ..result import CheckResult, TargetInfo

MAX_FAILING = 200
MAX_GROUPS = 40


def _bar(value: float | None, target: TargetInfo | None) -> dict[str, float] | None:
    """Positions (0-100) of the actual value and the target on one axis."""
    if value is None or target is None or value == float("inf"):
        return None
    top = max(value, target.value, 1e-9) * 1.1
    if target.unit == "ratio":
        top = max(1.0, top) if max(value, target.value) > 0.9 else top
    return {"actual": min(100.0, value / top * 100), "target": min(100.0, target.value / top * 100)}


def _card(i: IndicatorView, v: ReportView) -> dict[str, Any]:
    """One indicator's card: the view, and the geometry of its charts."""
    lang, target = v.lang, i.target
    groups = []
    values = [g.value for g in i.groups if g.value is not None and g.value != float("inf")]
    top = max(values + [target.value if target else 0, 1e-9])
    for g in i.groups[:MAX_GROUPS]:
        groups.append(
            {
                "name": g.group,
                "value": fmt_value(g.value, i.unit),
                "width": 0 if g.value is None else min(100.0, g.value / top * 100),
                "status": g.status or "",
                "status_text": status_text(g.status, lang) if g.status else "",
                "counts": f"{fmt_value(g.numerator, 'count')}/{fmt_value(g.denominator, 'count')}"
                if g.numerator is not None and g.denominator is not None
                else "",
            }
        )
    progress = None
    if i.status == "not_due" and target and target.deadline and i.value is not None and target.value:
        share = max(0.0, min(100.0, i.value / target.value * 100))
        days = (target.deadline - _date(v.as_of)).days
        progress = {"share": share, "text": t("report.progress", lang, share=f"{share:.0f}", days=days)}
    return {
        "id": i.id,
        "name": i.name,
        "other_name": i.other_name,
        "severity": i.severity,
        "severity_text": i.severity_text,
        "status": i.status,
        "status_text": i.status_text,
        "clause": i.clause,
        "quote": i.quote,
        "reading": i.reading,
        "target": i.target_text,
        "deadline": i.deadline_text,
        "next": i.next_text,
        "actual": i.actual_text,
        "gap": i.gap_text,
        "target_label": i.target_value_text,
        "value_label": i.value_text,
        "bar": _bar(i.value, target),
        "groups": groups,
        "groups_more": max(0, len(i.groups) - MAX_GROUPS),
        "progress": progress,
        "reason": i.reason,
        "failing": [{"name": f.name, "location": f.location, "detail": f.detail} for f in i.failing[:MAX_FAILING]],
        "failing_more": max(0, i.failing_total - MAX_FAILING),
        "blocking": i.blocking,
    }


def _date(iso: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(iso)


def render(result: CheckResult, lang: str) -> str:
    v = report_view(result, lang)
    cards = sorted((_card(i, v) for i in v.indicators), key=lambda c: (not c["blocking"], ACTION_ORDER[c["status"]]))
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            lang=html_lang(lang),
            w=words(lang, "report.", "status.", "severity.", strip=True),
            plan_id=v.plan_id,
            plan_title=v.plan_title,
            doc_no=v.doc_no,
            issuer=v.issuer,
            as_of=v.as_of,
            version=v.version,
            inputs=v.inputs,
            summary=v.summary,
            verdict=v.verdict,
            failed=v.failed,
            indicators=cards,
            issues=v.issues,
        )
    )
