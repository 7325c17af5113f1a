"""JUnit XML: one test case per indicator, for CI systems that show test reports.

A binding target that is due and not met (or lacks the data to decide) is a failure; an
advisory one is reported in system-out; not_due and not_applicable are skipped. Each case
carries the numbers as properties.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..messages import t
from ..status import FAILING, SKIPPED
from .view import IndicatorView, report_view

if TYPE_CHECKING:
    from ..result import CheckResult

MAX_LISTED = 50


def _case_text(i: IndicatorView, lang: str) -> str:
    lines = [
        f"{t('report.target', lang)}: {i.target_text} ({i.deadline_text})",
        f"{t('report.actual', lang)}: {i.actual_text}",
        f"{t('report.quote', lang)}: {i.quote}",
    ]
    if i.reason:
        lines.append(f"{t('report.reason', lang)}: {i.reason}")
    for f in i.failing[:MAX_LISTED]:
        detail = f" — {f.detail}" if f.detail else ""
        lines.append(f"- {f.name} [{f.location}]{detail}")
    if i.failing_total > MAX_LISTED:
        lines.append(t("report.more", lang, n=i.failing_total - MAX_LISTED))
    return "\n".join(lines)


def render(result: CheckResult, lang: str) -> str:
    v = report_view(result, lang)
    failures = sum(1 for i in v.indicators if i.blocking)
    skipped = sum(1 for i in v.indicators if i.status in SKIPPED)
    counts = {"tests": str(len(v.indicators)), "failures": str(failures), "errors": "0", "skipped": str(skipped)}
    suites = ET.Element("testsuites", {"name": "yiyang", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": v.plan_id, **counts, "time": "0"})
    props = ET.SubElement(suite, "properties")
    for name, value in [
        ("plan", v.plan_id),
        ("plan_title", v.plan_title_zh),
        ("as_of", v.as_of),
        ("tool_version", v.version),
    ] + [(f"input.{n}", f"{inp.path} sha256:{inp.sha256}") for n, inp in enumerate(v.inputs)]:
        ET.SubElement(props, "property", name=name, value=str(value))
    for i in v.indicators:
        case = ET.SubElement(
            suite, "testcase", classname=f"{v.plan_id}.{i.severity}", name=f"{i.id}: {i.name}", time="0"
        )
        cprops = ET.SubElement(case, "properties")
        for key in ("status", "severity", "value", "numerator", "denominator", "gap", "unknown", "failing_total"):
            if i.item.get(key) is not None:
                ET.SubElement(cprops, "property", name=key, value=str(i.item[key]))
        target = i.item["target"]
        for key in ("comparator", "value", "unit", "deadline"):
            ET.SubElement(cprops, "property", name=f"target.{key}", value=str(target[key]))
        text = _case_text(i, lang)
        if i.blocking:
            failure = ET.SubElement(
                case, "failure", type=i.status, message=f"{i.name}: {i.status_text} ({i.actual_text})"
            )
            failure.text = text
        elif i.status in SKIPPED:
            ET.SubElement(case, "skipped", message=f"{i.status_text}: {i.deadline_text}")
        elif i.status in FAILING:
            out = ET.SubElement(case, "system-out")
            out.text = f"[{t('severity.advisory', lang)}] {i.status_text}\n{text}"
    if v.issues:
        out = ET.SubElement(suite, "system-err")
        out.text = "\n".join(f"{d.severity} {d.code} {d.location} {d.message}" for d in v.issues)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
