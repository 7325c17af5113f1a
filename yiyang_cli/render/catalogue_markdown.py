"""docs/plans.md: every plan and indicator of the catalogue, reviewable without running anything
(written by scripts/make_docs.py; a test fails when it is stale)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import fmt_target
from .sanitize import markdown_authored as _md

if TYPE_CHECKING:
    from ..plan.model import Indicator, Plan


def _stages(ind: Indicator) -> str:
    return "; ".join(
        f"{fmt_target(tg, 'zh')}"
        + (f" ({tg.deadline.isoformat()})" if tg.deadline else "")
        + (f" [{tg.deadline_note}]" if tg.deadline_note else "")
        for tg in ind.targets
    )


def catalogue_markdown(plans: list[Plan]) -> str:
    """docs/plans.md: every plan and indicator, reviewable without running anything."""
    out = [
        "# The plan catalogue",
        "",
        "Generated from `rules/*.yaml` by `python scripts/make_docs.py`; do not edit by hand",
        "(a test fails when this file is stale).",
        "",
        "| id | plan | region | document | issued | source | indicators | commitments |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in plans:
        source = p.source_file + (f" {p.source_part}" if p.source_part else "")
        out.append(
            f"| [`{p.id}`](#{p.id}) | {_md(p.title)} | {_md(p.region)} | {_md(p.doc_no)} | "
            f"{p.issued or ''} | {_md(source)} | {len(p.indicators)} | {len(p.commitments)} |"
        )
    for p in plans:
        out += [
            "",
            f"## {p.id}",
            "",
            f"**{_md(p.title)}**" + (f" ({_md(p.title_en)})" if p.title_en else ""),
            "",
            f"{_md(p.region)} · {_md(p.issuer)}"
            + (f" · {_md(p.doc_no)}" if p.doc_no else "")
            + (f" · issued {p.issued}" if p.issued else "")
            + (f" · in force {p.effective}" if p.effective else "")
            + f" · source `{p.source_file}`"
            + (f" {_md(p.source_part)}" if p.source_part else ""),
        ]
        if p.notes:
            out += ["", _md(p.notes)]
        out += [
            "",
            "| indicator | severity | scope | table | in scope | measure | target (deadline) |",
            "|---|---|---|---|---|---|---|",
        ]
        for ind in p.indicators:
            out.append(
                f"| {_md(ind.name)} `{ind.id}` | {ind.severity} | {ind.scope} | {ind.entity} | "
                f"{_md(ind.where or 'all')} | {ind.measure.kind} | {_md(_stages(ind))} |"
            )
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
                out.append(
                    f"- ({_md(c.clause)}) 「{_md(c.quote)}」"
                    + (f" — {_md(c.why_not_checked)}" if c.why_not_checked else "")
                )
    return "\n".join(out) + "\n"
