"""The comparison as one HTML page, with a small chart per indicator."""

from __future__ import annotations

from typing import Any

from ...compare.model import CHANGES, CompareResult, IndicatorChanges, Reading
from ...messages import t, words
from ..templating import environment, html_lang
from .common import delta_text, outcome_text, value_text

CHANGE_COLOURS = {
    "newly_failed": "#cf222e",
    "regressed": "#fb8f44",
    "improved": "#4ac26b",
    "resolved": "#1a7f37",
    "changed": "#0969da",
    "added": "#8c959f",
    "removed": "#8c959f",
    "unchanged": "#d0d7de",
}
# The changes a chart shows: those that moved a value towards or away from its target.
CHARTED = ("newly_failed", "regressed", "improved", "resolved")
MAX_DOTS = 40


def render(result: CompareResult, lang: str, show_all: bool) -> str:
    w = words(lang, "compare.", "change.", "summary.", "report.", "status.", "batch.status.")
    indicators = [
        {**ind.to_dict(), "segments": _segments(ind, w), "chart": _dumbbells(result, ind)} for ind in result.indicators
    ]
    rows = [
        {
            **x.to_dict(),
            "change_text": w["change." + x.change],
            "colour": CHANGE_COLOURS[x.change],
            "from_text": value_text(x.before, x.unit, lang),
            "to_text": value_text(x.after, x.unit, lang),
            "delta_text": delta_text(x),
        }
        for x in result.listed(show_all)
    ]
    subs = [
        {**s.to_dict(), "from_text": outcome_text(s.before, lang), "to_text": outcome_text(s.after, lang)}
        for s in result.submissions
    ]
    page = {
        "plan": {"id": result.plan_id, "title": result.plan_title},
        "from": result.before.to_dict(),
        "to": result.after.to_dict(),
    }
    hidden = result.hidden(show_all)
    return (
        environment()
        .get_template("compare.html.j2")
        .render(
            lang=html_lang(lang),
            w=w,
            r=page,
            indicators=indicators,
            rows=rows,
            subs=subs,
            cards=[(c, w["change." + c], result.counts[c], CHANGE_COLOURS[c]) for c in CHANGES],
            hidden=hidden,
            hidden_text=t("compare.hidden", lang, n=hidden),
        )
    )


def _segments(ind: IndicatorChanges, w: dict[str, str]) -> list[dict[str, Any]]:
    """A bar of the kinds of change, 300 units wide."""
    total = sum(ind.counts.values()) or 1
    segments, x0 = [], 0.0
    for c in CHANGES:
        if ind.counts[c]:
            width = ind.counts[c] / total * 300
            segments.append(
                {"x": x0, "width": width, "colour": CHANGE_COLOURS[c], "n": ind.counts[c], "label": w["change." + c]}
            )
            x0 += width
    return segments


def _value(reading: Reading | None) -> float | None:
    return reading.value if reading else None


def _dumbbells(result: CompareResult, ind: IndicatorChanges) -> dict[str, Any] | None:
    """A small chart for one indicator: each changed submitter's value before (hollow) and after
    (filled), on one axis with the target."""
    rows = [
        x
        for x in result.changes
        if x.indicator == ind.id
        and x.change in CHARTED
        and (_value(x.before) is not None or _value(x.after) is not None)
    ]
    if not rows:
        return None
    rows = rows[:MAX_DOTS]
    values = [v for x in rows for v in (_value(x.before), _value(x.after)) if v is not None]
    if ind.target is not None:
        values.append(ind.target)
    lo, hi = min(values + [0.0]), max(values)
    if ind.unit == "ratio":
        hi = max(hi, 1.0)
    span = (hi - lo) or 1.0

    def x(v: float | None) -> float | None:
        return None if v is None else 150 + (v - lo) / span * 420

    items = [
        {
            "y": n * 16 + 10,
            "label": r.submitter,
            "a": x(_value(r.before)),
            "b": x(_value(r.after)),
            "colour": CHANGE_COLOURS[r.change],
            "change": r.change,
        }
        for n, r in enumerate(rows)
    ]
    return {"height": len(rows) * 16 + 8, "items": items, "target": x(ind.target)}
