"""GitHub-flavoured Markdown, fit for $GITHUB_STEP_SUMMARY and for pasting into a document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages import t
from .palette import STATUS_ICONS as ICONS
from .sanitize import markdown as cell
from .sanitize import markdown_code as code
from .sanitize import markdown_head, markdown_row
from .view import report_view

if TYPE_CHECKING:
    from ..result import CheckResult

MAX_LISTED = 50


def render(result: CheckResult, lang: str) -> str:
    v = report_view(result, lang)
    out = [f"# {t('report.title', lang)}", ""]
    out.append(f"- **{t('report.plan', lang)}**: {cell(v.plan_title_zh)} ({code(v.plan_id)})")
    if v.doc_no:
        out.append(f"- **{t('report.doc_no', lang)}**: {cell(v.doc_no)}")
    out.append(f"- **{t('report.as_of', lang)}**: {v.as_of}")
    for inp in v.inputs:
        out.append(f"- **{t('report.inputs', lang)}**: {code(inp.path)} (sha256 {code(inp.sha256[:16] + '…')})")
    out.append("")
    out.append(f"**{v.verdict}**")
    out.append("")
    out.append(f"## {t('report.summary', lang)}")
    out.append("")
    out += markdown_head([f"{ICONS[s]} {word}" for s, word, _ in v.summary])
    out.append(markdown_row(n for _, _, n in v.summary))
    out.append("")
    out.append(f"## {t('report.indicator', lang)}")
    out.append("")
    heads = [
        "report.indicator",
        "report.severity",
        "report.target",
        "report.deadline",
        "report.actual",
        "report.gap",
        "report.status",
    ]
    out += markdown_head([t(h, lang) for h in heads])
    for i in v.indicators:
        texts = (i.severity_text, i.target_text, i.deadline_text, i.actual_text, i.gap_text)
        name = f"{cell(i.name)} ({code(i.id, in_table=True)})"
        out.append(markdown_row([name, *(cell(x) for x in texts), f"{ICONS[i.status]} {cell(i.status_text)}"]))
    out.append("")
    listed = [i for i in v.indicators if i.needs_action or (i.failing and i.status == "not_due")]
    if listed:
        out.append(f"## {t('report.failing', lang)}")
        out.append("")
        for i in listed:
            out.append(f"### {ICONS[i.status]} {cell(i.name)}")
            out.append("")
            out.append(f"> {t('report.quote', lang)}: {cell(i.quote)}")
            out.append("")
            if i.reason:
                out.append(f"- {t('report.reason', lang)}: {cell(i.reason)}")
            for f in i.failing[:MAX_LISTED]:
                detail = f" — {f.detail}" if f.detail else ""
                out.append(f"- {cell(f.name)} {code(f.location)}{cell(detail)}")
            if i.failing_total > MAX_LISTED:
                out.append(f"- {t('report.more', lang, n=i.failing_total - MAX_LISTED)}")
            if i.breakdown:
                out.append(f"- {t('report.groups', lang)}: {cell(' · '.join(i.breakdown))}")
            out.append("")
    out.append(f"## {t('report.data_issues', lang)}")
    out.append("")
    if not v.issues:
        out.append(t("report.no_issues", lang))
    else:
        out += markdown_head(
            [t("report.severity", lang), "code", t("report.location", lang), t("report.message", lang)]
        )
        for d in v.issues:
            out.append(markdown_row([d.severity, d.code, code(d.location, in_table=True), cell(d.message)]))
    out.append("")
    return "\n".join(out)
