"""GitHub-flavoured Markdown, fit for $GITHUB_STEP_SUMMARY and for pasting into a document."""

from __future__ import annotations

from ..messages import t
from .common import blocking_count, fmt_actual, fmt_deadline, fmt_gap, fmt_target, group_lines, status_text

ICONS = {"met": "✅", "not_met": "❌", "not_due": "⏳", "no_data": "❔", "not_applicable": "➖"}
MAX_LISTED = 50


def _cell(text) -> str:
    """Table-safe text: pipes escaped, and no raw HTML from the data (some viewers would render it)."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\n", " "))


def render(result, lang: str) -> str:
    plan = result.plan
    out = [f"# {t('report.title', lang)}", ""]
    out.append(f"- **{t('report.plan', lang)}**: {_cell(plan.title)} (`{plan.id}`)")
    if plan.doc_no:
        out.append(f"- **{t('report.doc_no', lang)}**: {_cell(plan.doc_no)}")
    out.append(f"- **{t('report.as_of', lang)}**: {result.as_of.isoformat()}")
    for i in result.inputs:
        out.append(f"- **{t('report.inputs', lang)}**: `{_cell(i.path)}` (sha256 `{i.sha256[:16]}…`)")
    out.append("")
    n = blocking_count(result)
    out.append(f"**{t('report.verdict_fail', lang, n=n) if n else t('report.verdict_pass', lang)}**")
    out.append("")
    out.append(f"## {t('report.summary', lang)}")
    out.append("")
    summary = result.summary()
    out.append("| " + " | ".join(f"{ICONS[s]} {status_text(s, lang)}" for s in summary) + " |")
    out.append("|" + "---|" * len(summary))
    out.append("| " + " | ".join(str(v) for v in summary.values()) + " |")
    out.append("")
    out.append(f"## {t('report.indicator', lang)}")
    out.append("")
    heads = ["report.indicator", "report.severity", "report.target", "report.deadline", "report.actual",
             "report.gap", "report.status"]
    out.append("| " + " | ".join(t(h, lang) for h in heads) + " |")
    out.append("|" + "---|" * len(heads))
    for r in result.indicators:
        ind = r.indicator
        unit = r.target.unit if r.target else "ratio"
        out.append("| " + " | ".join(_cell(x) for x in (
            f"{ind.label(lang)} (`{ind.id}`)", t(f"severity.{ind.severity}", lang), fmt_target(r.target, lang),
            fmt_deadline(r.target, lang), fmt_actual(r, lang), fmt_gap(r.gap, unit),
            f"{ICONS[r.status]} {status_text(r.status, lang)}")) + " |")
    out.append("")
    failed = [r for r in result.indicators if r.status in ("not_met", "no_data") or (r.failing and r.status == "not_due")]
    if failed:
        out.append(f"## {t('report.failing', lang)}")
        out.append("")
        for r in failed:
            ind = r.indicator
            out.append(f"### {ICONS[r.status]} {_cell(ind.label(lang))}")
            out.append("")
            out.append(f"> {t('report.quote', lang)}: {_cell(ind.quote)}")
            out.append("")
            if r.reason_key:
                out.append(f"- {t('report.reason', lang)}: {_cell(t(r.reason_key, lang, **r.reason_args))}")
            for f in r.failing[:MAX_LISTED]:
                detail = f" — {t(f.detail_key, lang, **f.detail_args)}" if f.detail_key else ""
                out.append(f"- {_cell(f.name)} `{_cell(f.location)}`{_cell(detail)}")
            if r.failing_total > MAX_LISTED:
                out.append(f"- {t('report.more', lang, n=r.failing_total - MAX_LISTED)}")
            groups = group_lines(r, lang)
            if groups:
                out.append(f"- {t('report.groups', lang)}: {_cell(' · '.join(groups))}")
            out.append("")
    out.append(f"## {t('report.data_issues', lang)}")
    out.append("")
    if not result.data_issues:
        out.append(t("report.no_issues", lang))
    else:
        out.append(f"| {t('report.severity', lang)} | code | {t('report.location', lang)} | {t('report.message', lang)} |")
        out.append("|---|---|---|---|")
        for d in result.data_issues:
            item = d.to_dict(lang)
            out.append(f"| {item['severity']} | {item['code']} | `{_cell(item['location'])}` | {_cell(item['message'])} |")
    out.append("")
    return "\n".join(out)
