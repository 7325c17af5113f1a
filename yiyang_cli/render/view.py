"""The view model of a check report: a result in one language, every number formatted.

Every report renderer (terminal, Markdown, HTML, JUnit, GitHub) reads this and nothing else, so
a target, a gap or a reason is worded the same way in all of them, and no renderer chooses a
language or touches the plan. (The JSON renderer writes the result's own `to_dict`, the contract.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..fields import ENTITIES
from ..messages import pick, t
from ..result import CheckResult, Group, IndicatorResult, TargetInfo
from ..status import FAILING
from .common import fmt_actual, fmt_deadline, fmt_gap, fmt_target, fmt_value, group_lines, status_text


@dataclass(frozen=True)
class FailingView:
    name: str
    location: str
    detail: str


@dataclass(frozen=True)
class IssueView:
    severity: str
    code: str
    message: str
    location: str


@dataclass(frozen=True)
class InputView:
    path: str
    sha256: str
    tables: list[str]  # one line per table read: sheet, table, header row, rows, rows skipped


@dataclass(frozen=True)
class IndicatorView:
    id: str
    name: str
    other_name: str  # the name in the other language
    severity: str
    severity_text: str
    status: str
    status_text: str
    kind: str
    clause: str
    quote: str
    reading: str
    unit: str
    value: float | None
    target: TargetInfo | None
    target_text: str
    deadline_text: str
    next_text: str
    actual_text: str
    gap_text: str
    value_text: str
    target_value_text: str
    reason: str
    failing: list[FailingView]
    failing_total: int
    groups: list[Group]
    breakdown: list[str]  # the per-area lines worth showing beside a failure
    blocking: bool
    item: dict[str, Any] = field(repr=False)  # the indicator as the JSON result has it

    @property
    def needs_action(self) -> bool:
        return self.status in FAILING


@dataclass(frozen=True)
class ReportView:
    lang: str
    plan_id: str
    plan_title: str
    plan_title_zh: str
    doc_no: str
    issuer: str
    as_of: str
    version: str
    inputs: list[InputView]
    summary: list[tuple[str, str, int]]  # status, its word, how many indicators
    blocking: int
    verdict: str
    indicators: list[IndicatorView]
    issues: list[IssueView]

    @property
    def failed(self) -> bool:
        return bool(self.blocking)


def report_view(result: CheckResult, lang: str) -> ReportView:
    plan = result.plan
    items = [r.to_dict(lang) for r in result.indicators]
    n = result.blocking_count()
    return ReportView(
        lang=lang,
        plan_id=plan.id,
        plan_title=plan.title_in(lang),
        plan_title_zh=plan.title,
        doc_no=plan.doc_no,
        issuer=plan.issuer,
        as_of=result.as_of.isoformat(),
        version=result.tool_version,
        inputs=[InputView(i.path, i.sha256, [_table_line(tb, i.path, lang) for tb in i.tables]) for i in result.inputs],
        summary=[(k, status_text(k, lang), v) for k, v in result.summary().items()],
        blocking=n,
        verdict=t("report.verdict_fail", lang, n=n) if n else t("report.verdict_pass", lang),
        indicators=[_indicator(r, item, lang) for r, item in zip(result.indicators, items)],
        issues=[IssueView(d.severity, d.code, d.message(lang), d.location) for d in result.data_issues],
    )


def _table_line(tb: dict[str, Any], path: str, lang: str) -> str:
    return t(
        "report.rows_read",
        lang,
        sheet=tb["sheet"] or path,
        entity=ENTITIES[tb["entity"]].label(lang),
        header=tb["header_row"],
        rows=tb["rows"],
        skipped=len(tb["skipped_rows"]),
    )


def _indicator(r: IndicatorResult, item: dict[str, Any], lang: str) -> IndicatorView:
    ind = r.indicator
    unit = r.target.unit if r.target else "ratio"
    return IndicatorView(
        id=ind.id,
        name=ind.label(lang),
        other_name=pick(lang, ind.name_en, ind.name),
        severity=ind.severity,
        severity_text=t(f"severity.{ind.severity}", lang),
        status=r.status,
        status_text=status_text(r.status, lang),
        kind=ind.kind,
        clause=ind.clause,
        quote=ind.quote,
        reading=ind.reading_in(lang),
        unit=unit,
        value=r.value,
        target=r.target,
        target_text=fmt_target(r.target, lang),
        deadline_text=fmt_deadline(r.target, lang),
        next_text=f"{fmt_target(r.next_target, lang)} ({fmt_deadline(r.next_target, lang)})" if r.next_target else "",
        actual_text=fmt_actual(r, lang),
        gap_text=fmt_gap(r.gap, unit),
        value_text=fmt_value(r.value, unit),
        target_value_text=fmt_value(r.target.value, unit) if r.target else "",
        reason=r.reason(lang),
        failing=[FailingView(f.name, f.location, f.detail(lang)) for f in r.failing],
        failing_total=r.failing_total,
        groups=r.groups,
        breakdown=group_lines(r, lang),
        blocking=r.blocking,
        item=item,
    )
