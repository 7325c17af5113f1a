"""JUnit XML: one test case per indicator, for CI systems that show test reports.

A binding target that is due and not met (or lacks the data to decide) is a failure; an
advisory one is reported in system-out; not_due and not_applicable are skipped. Each case
carries the numbers as properties. Every text put in the tree goes through `sanitize.xml`, so
control characters in a name or a cell cannot make the file invalid XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..messages import t
from ..status import FAILING, SKIPPED
from .sanitize import xml
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


def _add(parent: ET.Element, tag: str, text: str | None = None, /, **attrs: object) -> ET.Element:
    """A child element; every attribute and its text pass through the XML escaper (they hold names,
    paths and messages from the data)."""
    element = ET.SubElement(parent, tag, {k: xml(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml(text)
    return element


def render(result: CheckResult, lang: str) -> str:
    v = report_view(result, lang)
    failures = sum(1 for i in v.indicators if i.blocking)
    skipped = sum(1 for i in v.indicators if i.status in SKIPPED)
    counts = {"tests": len(v.indicators), "failures": failures, "errors": 0, "skipped": skipped}
    suites = ET.Element("testsuites", {"name": "yiyang", **{k: str(n) for k, n in counts.items()}})
    suite = _add(suites, "testsuite", name=v.plan_id, **counts, time="0")
    props = _add(suite, "properties")
    for name, value in [
        ("plan", v.plan_id),
        ("plan_title", v.plan_title_zh),
        ("as_of", v.as_of),
        ("tool_version", v.version),
    ] + [(f"input.{n}", f"{inp.path} sha256:{inp.sha256}") for n, inp in enumerate(v.inputs)]:
        _add(props, "property", name=name, value=value)
    for i in v.indicators:
        case = _add(suite, "testcase", classname=f"{v.plan_id}.{i.severity}", name=f"{i.id}: {i.name}", time="0")
        cprops = _add(case, "properties")
        for key in ("status", "severity", "value", "numerator", "denominator", "gap", "unknown", "failing_total"):
            if i.item.get(key) is not None:
                _add(cprops, "property", name=key, value=i.item[key])
        target = i.item["target"]
        for key in ("comparator", "value", "unit", "deadline"):
            _add(cprops, "property", name=f"target.{key}", value=target[key])
        text = _case_text(i, lang)
        if i.blocking:
            _add(case, "failure", text, type=i.status, message=f"{i.name}: {i.status_text} ({i.actual_text})")
        elif i.status in SKIPPED:
            _add(case, "skipped", message=f"{i.status_text}: {i.deadline_text}")
        elif i.status in FAILING:
            _add(case, "system-out", f"[{t('severity.advisory', lang)}] {i.status_text}\n{text}")
    if v.issues:
        _add(suite, "system-err", "\n".join(f"{d.severity} {d.code} {d.location} {d.message}" for d in v.issues))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
