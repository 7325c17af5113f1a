"""JUnit XML: one test case per indicator, for CI systems that show test reports.

A binding target that is due and not met (or lacks the data to decide) is a failure; an
advisory one is reported in system-out; not_due and not_applicable are skipped. Each case
carries the numbers as properties.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..messages import t
from .common import fmt_actual, fmt_deadline, fmt_target

MAX_LISTED = 50


def _case_text(r, lang: str) -> str:
    lines = [f"{t('report.target', lang)}: {fmt_target(r.target, lang)} ({fmt_deadline(r.target, lang)})",
             f"{t('report.actual', lang)}: {fmt_actual(r, lang)}",
             f"{t('report.quote', lang)}: {r.indicator.quote}"]
    if r.reason_key:
        lines.append(f"{t('report.reason', lang)}: {t(r.reason_key, lang, **r.reason_args)}")
    for f in r.failing[:MAX_LISTED]:
        detail = f" — {t(f.detail_key, lang, **f.detail_args)}" if f.detail_key else ""
        lines.append(f"- {f.name} [{f.location}]{detail}")
    if r.failing_total > MAX_LISTED:
        lines.append(t("report.more", lang, n=r.failing_total - MAX_LISTED))
    return "\n".join(lines)


def render(result, lang: str) -> str:
    data = result.to_dict(lang)
    plan_id = result.plan.id
    failures = sum(1 for r in result.indicators if r.blocking)
    skipped = sum(1 for r in result.indicators if r.status in ("not_due", "not_applicable"))
    suites = ET.Element("testsuites", name="yiyang", tests=str(len(result.indicators)),
                        failures=str(failures), errors="0", skipped=str(skipped))
    suite = ET.SubElement(suites, "testsuite", name=plan_id, tests=str(len(result.indicators)),
                          failures=str(failures), errors="0", skipped=str(skipped), time="0")
    props = ET.SubElement(suite, "properties")
    for name, value in [("plan", plan_id), ("plan_title", result.plan.title), ("as_of", data["as_of"]),
                        ("tool_version", result.tool_version)] + \
            [(f"input.{i}", f"{inp.path} sha256:{inp.sha256}") for i, inp in enumerate(result.inputs)]:
        ET.SubElement(props, "property", name=name, value=str(value))
    for r, item in zip(result.indicators, data["indicators"]):
        case = ET.SubElement(suite, "testcase", classname=f"{plan_id}.{r.indicator.severity}",
                             name=f"{r.indicator.id}: {r.indicator.label(lang)}", time="0")
        cprops = ET.SubElement(case, "properties")
        for key in ("status", "severity", "value", "numerator", "denominator", "gap", "unknown", "failing_total"):
            if item.get(key) is not None:
                ET.SubElement(cprops, "property", name=key, value=str(item[key]))
        target = item["target"]
        for key in ("comparator", "value", "unit", "deadline"):
            ET.SubElement(cprops, "property", name=f"target.{key}", value=str(target[key]))
        text = _case_text(r, lang)
        status_word = t(f"status.{r.status}", lang)
        if r.blocking:
            failure = ET.SubElement(case, "failure", type=r.status,
                                    message=f"{r.indicator.label(lang)}: {status_word} ({fmt_actual(r, lang)})")
            failure.text = text
        elif r.status in ("not_due", "not_applicable"):
            ET.SubElement(case, "skipped", message=f"{status_word}: {fmt_deadline(r.target, lang)}")
        elif r.status in ("not_met", "no_data"):
            out = ET.SubElement(case, "system-out")
            out.text = f"[{t('severity.advisory', lang)}] {status_word}\n{text}"
    if result.data_issues:
        out = ET.SubElement(suite, "system-err")
        out.text = "\n".join(f"{d['severity']} {d['code']} {d['location']} {d['message']}" for d in data["data_issues"])
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
