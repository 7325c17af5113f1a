"""Every report format for every sample: the JSON validates, the JUnit parses with the right
failures, the HTML is self-contained and escapes what the data says."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from conftest import ROOT
from junitparser import Failure, JUnitXml, Skipped

from yiyang_cli import check
from yiyang_cli.commands.schema import result_schema, rules_schema
from yiyang_cli.plan import catalogue_ids
from yiyang_cli.render import RENDERERS

SAMPLES = sorted(p.stem for p in (ROOT / "sample_data").glob("*.xlsx"))


def _plan_for(sample: str) -> str:
    ids = catalogue_ids()
    return sample if sample in ids else next(i for i in ids if sample.startswith(i))


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_format_for_every_sample(samples, sample, tmp_path):
    result = check([samples / f"{sample}.xlsx"], _plan_for(sample), dt.date(2026, 1, 1), None)
    data = json.loads(RENDERERS["json"].render(result, "zh"))
    jsonschema.validate(data, result_schema())
    jsonschema.validate(json.loads(RENDERERS["json"].render(result, "en")), result_schema())

    junit_file = tmp_path / "r.xml"
    junit_file.write_text(RENDERERS["junit"].render(result, "zh"), encoding="utf-8")
    suite = next(iter(JUnitXml.fromfile(str(junit_file))))
    cases = list(suite)
    assert len(cases) == len(result.indicators)
    failed = {c.name.split(":")[0] for c in cases if any(isinstance(x, Failure) for x in c.result)}
    skipped = {c.name.split(":")[0] for c in cases if any(isinstance(x, Skipped) for x in c.result)}
    assert failed == {r.indicator.id for r in result.indicators if r.blocking}
    assert skipped == {r.indicator.id for r in result.indicators if r.status in ("not_due", "not_applicable")}
    assert suite.failures == len(failed)

    page = RENDERERS["html"].render(result, "zh")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    for r in result.indicators:
        assert f'id="{r.indicator.id}"' in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "<script" not in page and "<link" not in page

    md = RENDERERS["md"].render(result, "en")
    assert md.startswith("# Integrated-care plan compliance report")
    assert md.count("\n| ") >= len(result.indicators)


def test_all_formats_in_one_run(cli, samples, tmp_path):
    outs = [tmp_path / n for n in ("r.html", "r.md", "r.json", "r.xml")]
    proc = cli(
        "check",
        samples / "yiwu-2023.xlsx",
        "--plan",
        "yiwu-2023",
        "--as-of",
        "2025-12-31",
        *[x for o in outs for x in ("-o", o)],
    )
    assert proc.returncode == 1
    assert all(o.stat().st_size > 1000 for o in outs)
    jsonschema.validate(json.loads(outs[2].read_text(encoding="utf-8")), result_schema())


HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "a|b`c*d_e", "{{ 7*7 }}"]


def test_hostile_names_are_text_everywhere(tmp_path):
    lines = ["机构名称,乡镇（街道）,床位数,是否与医疗卫生机构签约合作,是否内设医疗机构"]
    lines += [f'"{name.replace(chr(34), chr(34) * 2)}",<u>镇</u>,120,否,否' for name in HOSTILE]
    path = tmp_path / "养老机构.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = check([path], "yiwu-2023", dt.date(2026, 1, 1), None)
    signing = next(r for r in result.indicators if r.indicator.id == "elderly_institution_signing_rate")
    assert sorted(f.name for f in signing.failing) == sorted(HOSTILE)

    page = RENDERERS["html"].render(result, "zh")
    assert "<script>" not in page and "<img" not in page and "<u>" not in page and "&lt;u&gt;镇" in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "49" not in page.split("{{ 7*7 }}")[0][-5:]
    md = RENDERERS["md"].render(result, "zh")
    assert "<script>" not in md and "&lt;script&gt;" in md and "a\\|b" in md
    junit = RENDERERS["junit"].render(result, "zh")
    assert "<script>" not in junit and "&lt;script&gt;" in junit


def test_github_annotations_point_at_csv_lines(tmp_path):
    path = tmp_path / "养老机构.csv"
    path.write_text(
        "机构名称,床位数,是否与医疗卫生机构签约合作,是否内设医疗机构\n甲院,50,是,是\n乙院,50,否,否\n", encoding="utf-8"
    )
    result = check([path], "yiwu-2023", dt.date(2026, 1, 1), None)
    lines = RENDERERS["github"].render(result, "en").splitlines()
    assert (
        f"::error file={path},line=3,title=Elderly-care institutions with a signed medical cooperation "
        f"agreement (not met)::乙院 [养老机构.csv:3]" in lines
    )
    assert lines[-1].startswith("yiyang yiwu-2023 @ 2026-01-01: met ")
    assert any(line.startswith("::error ") and "50.0%25 (1/2)" in line for line in lines)


def test_schema_command_prints_both_schemas(cli):
    result = json.loads(cli("schema", "result").stdout)
    assert result["title"] == "yiyang check result, version 1"
    rules = json.loads(cli("schema", "rules").stdout)
    assert rules == json.loads(json.dumps(rules_schema(), ensure_ascii=False))
    assert "indicators" in rules["properties"] and rules["additionalProperties"] is False
    assert cli("schema", "nope").returncode == 2


def test_html_reading_in_the_report_language(samples):
    """The Chinese report shows an indicator's Chinese reading, the English report its English one."""
    from markupsafe import escape

    result = check([samples / "yiwu-2023.xlsx"], "yiwu-2023", dt.date(2025, 12, 31), None)
    ind = result.indicators[0].indicator
    assert ind.reading and ind.reading_zh
    zh, en = RENDERERS["html"].render(result, "zh"), RENDERERS["html"].render(result, "en")
    assert str(escape(ind.reading_zh))[:40] in zh and str(escape(ind.reading))[:40] not in zh
    assert str(escape(ind.reading))[:40] in en
