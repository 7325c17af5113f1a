"""summary.html: one page with the submissions, each indicator's counts and a heat map."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...batch.summary import BatchSummary, IndicatorTally
from ...errors import EXIT_OK
from ...result import TargetInfo
from ...status import STATUSES
from ..common import fmt_value
from ..palette import STATUS_RGB
from ..templating import environment, html_lang
from .common import share_text, summary_words, target_text, unit, verdict


def render(summary: BatchSummary, lang: str) -> str:
    return "".join(chunks(summary, lang))


def chunks(summary: BatchSummary, lang: str) -> Iterator[str]:
    """The page, generated piece by piece (rows are prepared as the template reaches them)."""
    w = summary_words(lang)
    names = {i.id: i.name for i in summary.indicators}
    submissions = (
        {
            **s.to_dict(),
            "status_text": w["batch.status." + s.status],
            "failure_names": [names[f] for f in s.failures],
            "link": s.reports.get("html"),
        }
        for s in summary.submissions
    )
    return (
        environment()
        .get_template("summary.html.j2")
        .generate(
            lang=html_lang(lang),
            w=w,
            s=_page(summary),
            plan=summary.plan,
            plan_title=summary.plan_title,
            verdict=verdict(summary, lang),
            failed=summary.exit_code != EXIT_OK,
            submissions=submissions,
            indicators=[_indicator(i, w) for i in summary.indicators],
            league=_league(summary, w),
            ranked=bool(summary.ranking),
            statuses=[(st, w["status." + st]) for st in STATUSES],
            cards=[(k, w["batch.status." + k], summary.totals.of(k)) for k in ("ok", "failed", "error")],
        )
    )


def _page(summary: BatchSummary) -> dict[str, Any]:
    """What the template reads of the summary as a whole (not its rows: they are streamed)."""
    return {"tool": {"version": summary.tool_version}, "as_of": summary.as_of, "totals": summary.totals.to_dict()}


def _indicator(tally: IndicatorTally, w: dict[str, str]) -> dict[str, Any]:
    """An indicator's row, with its bar of statuses (segments in percent of the bar's width)."""
    total = tally.checked or 1
    segments, x = [], 0.0
    for st in STATUSES:
        n = tally.counts[st]
        width = n / total * 100
        if n:
            segments.append({"status": st, "x": x, "width": width, "n": n})
        x += width
    return {
        **tally.to_dict(),
        "severity_text": w["severity." + tally.severity],
        "target_text": target_text(tally),
        "share_text": share_text(tally.share_met),
        "segments": segments,
    }


def _league(summary: BatchSummary, w: dict[str, str]) -> Iterator[dict[str, Any]]:
    """The ranking with every indicator's value side by side, coloured by status and distance."""
    by_name = summary.by_submitter()
    for r in summary.ranking:
        s = by_name[r.submitter]
        cells: list[dict[str, str] | None] = []
        for i in summary.indicators:
            got = s.indicators.get(i.id)
            if got is None:
                cells.append(None)
                continue
            cells.append(
                {
                    "text": fmt_value(got.value, unit(i)),
                    "status": got.status,
                    "title": f"{i.name}: {w['status.' + got.status]}",
                    "style": _cell_style(got.status, _heat(got.status, got.value, i.target)),
                }
            )
        yield {
            **r.to_dict(),
            "share_text": share_text(r.share_met),
            "cells": cells,
            "link": s.reports.get("html"),
            "status_text": w["batch.status." + s.status],
        }


def _heat(status: str, value: float | None, target: TargetInfo | None) -> float:
    """How far a cell is from its target, 0 (there) to 1 (nowhere near): the depth of its colour."""
    if status != "not_met" or value is None or not target or target.value in (None, 0):
        return 0.0
    goal = float(target.value)
    if target.comparator in (">=", ">"):
        reach = value / goal if goal > 0 else 0.0
    elif target.comparator in ("<=", "<"):
        reach = goal / value if value > 0 else 0.0
    else:
        reach = 1 - min(1.0, abs(value - goal) / abs(goal))
    return max(0.0, min(1.0, 1 - reach))


def _cell_style(status: str, heat: float) -> str:
    r, g, b = STATUS_RGB[status]
    alpha = 0.18 if status != "not_met" else 0.25 + 0.65 * heat
    ink = "#fff" if status == "not_met" and alpha > 0.55 else "#1f2328"
    return f"background: rgba({r},{g},{b},{alpha:.2f}); color: {ink}"
