"""summary.md: the batch summary as Markdown tables."""

from __future__ import annotations

from ...batch.summary import BatchSummary
from ...status import STATUSES
from ..common import fmt_value
from ..palette import STATUS_ICONS, SUBMISSION_ICONS
from ..sanitize import markdown as md
from ..sanitize import markdown_code as code
from ..sanitize import markdown_head, markdown_row
from .common import failure_names, share_text, summary_words, target_text, unit, verdict


def render(summary: BatchSummary, lang: str) -> str:
    w = summary_words(lang)
    plan = summary.plan
    out = [f"# {w['summary.title']}", ""]
    out.append(f"- **{w['report.plan']}**: {md(summary.plan_title)} ({code(plan.id)})")
    if plan.doc_no:
        out.append(f"- **{w['report.doc_no']}**: {md(plan.doc_no)}")
    out.append(f"- **{w['report.as_of']}**: {summary.as_of}")
    out.append(f"- yiyang {summary.tool_version}")
    out.append("")
    out.append(f"**{verdict(summary, lang)}**")
    out.append("")
    out += _submissions(summary, w)
    out += _indicators(summary, w)
    out += _ranking(summary, w)
    out.append("")
    return "\n".join(out)


def _status_heads(w: dict[str, str]) -> list[str]:
    return [f"{STATUS_ICONS[s]} {w['status.' + s]}" for s in STATUSES]


def _submissions(summary: BatchSummary, w: dict[str, str]) -> list[str]:
    out = [f"## {w['summary.submissions']}", ""]
    out += markdown_head(
        [w["summary.submitter"], w["report.status"]] + _status_heads(w) + [w["summary.failures"], w["summary.error"]]
    )
    names = {i.id: i.name for i in summary.indicators}
    for s in summary.submissions:
        counts = [str(s.counts[k]) if s.counts else "" for k in STATUSES]
        status = f"{SUBMISSION_ICONS[s.status]} {w['batch.status.' + s.status]}"
        out.append(
            markdown_row(
                [md(s.submitter), status] + counts + [md(failure_names(s, names, w["summary.sep"])), md(s.error or "")]
            )
        )
    out.append("")
    return out


def _indicators(summary: BatchSummary, w: dict[str, str]) -> list[str]:
    out = [f"## {w['summary.indicators']}", ""]
    out += markdown_head(
        [w["report.indicator"], w["report.severity"], w["report.target"]] + _status_heads(w) + [w["summary.share"]]
    )
    for i in summary.indicators:
        out.append(
            markdown_row(
                [f"{md(i.name)} ({code(i.id, in_table=True)})", w["severity." + i.severity], target_text(i)]
                + [str(i.counts[s]) for s in STATUSES]
                + [share_text(i.share_met)]
            )
        )
    out.append("")
    return out


def _ranking(summary: BatchSummary, w: dict[str, str]) -> list[str]:
    out = [f"## {w['summary.ranking']}", ""]
    if not summary.ranking:
        out.append(w["summary.no_ranking"])
        return out
    inds = summary.indicators
    out += markdown_head(
        [w["summary.rank"], w["summary.submitter"], w["summary.met"], w["summary.failed"], w["summary.share"]]
        + [f"{n}" for n in range(1, len(inds) + 1)]
    )
    by_name = summary.by_submitter()
    for r in summary.ranking:
        s = by_name[r.submitter]
        cells = []
        for i in inds:
            got = s.indicators.get(i.id)
            cells.append(f"{STATUS_ICONS[got.status]} {fmt_value(got.value, unit(i))}" if got else "")
        out.append(
            markdown_row([str(r.rank), md(r.submitter), str(r.met), str(r.failed), share_text(r.share_met)] + cells)
        )
    out.append("")
    for n, i in enumerate(inds, start=1):
        out.append(f"{n}. {md(i.name)} ({code(i.id)})")
    return out
