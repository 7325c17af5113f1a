"""The Fangshan status report (003 篇四 / 篇十二) as a sample, checked against beijing-2024.

scripts/samples/beijing_2024_fangshan.py lists the district's 49 institutions (养老机构 rows 4-52,
合计 on row 53) so that they match every figure the report gives: 49 institutions, 7,869 beds,
13 with an internal clinic, the other 36 with a medical-service agreement, 5 insurance-designated.
beijing-2024 itself reads only the beds (the nursing-bed share); its other indicator, 石景山区's
long-term-care insurance pilot (advisory), needs the city's area table, which a district's home table
does not have (no_data, reported as advice: it does not decide the exit code). The report's figures are confirmed through the engine with a small baseline plan made
of the report's own sentences (counts, not targets of any plan).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from formhelpers import approx, assert_ind, by_id, check_plan, groups, run_cli_json

PLAN = "beijing-2024"
END_2024 = dt.date(2024, 12, 31)
MID_2024 = dt.date(2024, 6, 30)

BASELINE = """\
id: fangshan-baseline
title: 房山区养老机构医养结合现状（篇四）
region: 房山区
issuer: 北京市房山区民政局
source_file: 003_6104121fb84d74b0.txt
source_part: 篇四
indicators:
  - {id: institutions, name: 养老服务机构数, name_en: institutions, severity: mandatory,
     quote: 全区现有养老服务机构49家, entity: elderly_institutions,
     measure: {kind: count}, targets: [{comparator: "==", value: 49, unit: count}]}
  - {id: beds, name: 养老床位数, name_en: beds, severity: mandatory, quote: 共有养老床位7869张,
     entity: elderly_institutions, measure: {kind: sum, sum: beds},
     targets: [{comparator: "==", value: 7869, unit: count}]}
  - {id: clinics, name: 具备内设医务室的机构数, name_en: clinics, severity: mandatory,
     quote: 13家机构具备内设医务室, entity: elderly_institutions,
     measure: {kind: count, condition: has_medical_unit}, targets: [{comparator: "==", value: 13, unit: count}]}
  - {id: clinic_type, name: 内设医疗机构为医务室的机构数, name_en: clinic type, severity: mandatory,
     quote: 13家机构具备内设医务室, entity: elderly_institutions,
     measure: {kind: count, condition: "has_medical_unit and medical_unit_type == '医务室'"},
     targets: [{comparator: "==", value: 13, unit: count}]}
  - {id: rest_signed, name: 其余签订医疗服务协议的机构数, name_en: rest signed, severity: mandatory,
     quote: 剩余养老机构与所在地的医疗机构签订医疗服务协议, entity: elderly_institutions,
     measure: {kind: count, condition: not has_medical_unit and signed_medical_cooperation},
     targets: [{comparator: "==", value: 36, unit: count}]}
  - {id: rest_unsigned, name: 其余未签订协议的机构数, name_en: rest unsigned, severity: mandatory,
     quote: 剩余养老机构与所在地的医疗机构签订医疗服务协议, entity: elderly_institutions,
     measure: {kind: count, condition: not has_medical_unit and not signed_medical_cooperation},
     targets: [{comparator: "==", value: 0, unit: count}]}
  - {id: insured, name: 具有医保定点单位资质的机构数, name_en: insured, severity: mandatory,
     quote: 全区49家养老机构中有5家具有医保定点单位资质, entity: elderly_institutions,
     measure: {kind: count, condition: insurance_designated}, targets: [{comparator: "==", value: 5, unit: count}]}
  - {id: insured_without_clinic, name: 无内设医务室的医保定点机构数, name_en: insured without clinic,
     severity: mandatory, quote: 有5家具有医保定点单位资质, entity: elderly_institutions,
     measure: {kind: count, condition: insurance_designated and not has_medical_unit},
     targets: [{comparator: "==", value: 0, unit: count}]}
  - {id: residents, name: 入住老人数, name_en: residents, severity: mandatory, quote: 入住老人3400余人,
     entity: elderly_institutions, measure: {kind: sum, sum: residents},
     targets: [{comparator: ">=", value: 3400, unit: count}]}
"""


def fangshan(samples: Path) -> Path:
    return samples / "beijing-2024-fangshan.xlsx"


def test_the_report_figures_come_out_of_the_check(samples, tmp_path):
    plan = tmp_path / "fangshan-baseline.yaml"
    plan.write_text(BASELINE, encoding="utf-8")
    inds = by_id(check_plan(fangshan(samples), str(plan), END_2024))
    assert {k: (v["status"], v["value"]) for k, v in inds.items()} == {
        "institutions": ("met", 49), "beds": ("met", 7869), "clinics": ("met", 13), "clinic_type": ("met", 13),
        "rest_signed": ("met", 36), "rest_unsigned": ("met", 0), "insured": ("met", 5),
        "insured_without_clinic": ("met", 0), "residents": ("met", 3417)}
    # Every quote of the baseline is the report's own wording, in both copies (篇四 and 篇十二).
    seed = (Path(__file__).resolve().parents[2] / "shared" / "seeds" / "003_6104121fb84d74b0.txt")
    if seed.exists():
        lines = seed.read_text(encoding="utf-8").split("\n")
        part4, part12 = "\n".join(lines[70:75]), "\n".join(lines[272:277])
        for q in ("全区现有养老服务机构49家", "共有养老床位7869张", "13家机构具备内设医务室",
                  "剩余养老机构与所在地的医疗机构签订医疗服务协议", "全区49家养老机构中有5家具有医保定点单位资质",
                  "入住老人3400余人", "每百名老人养老床位数4.3张", "60岁以上老年人18.18万人"):
            assert q in part4 and q in part12, q
    # 4.3 beds per 100 people aged 60+ (18.18万) follows from the 7,869 beds.
    assert round(7869 / 181800 * 100, 1) == 4.3


def test_sample_is_read_as_laid_out(samples):
    result = check_plan(fangshan(samples), PLAN, END_2024)
    (table,) = result["inputs"][0]["tables"]
    assert (table["sheet"], table["entity"], table["rows"], table["header_row"]) == (
        "养老机构", "elderly_institutions", 49, 3)
    assert {"row": 53, "reason": "total"} in table["skipped_rows"]
    assert {"beds", "nursing_beds", "residents", "has_medical_unit", "medical_unit_type",
            "signed_medical_cooperation", "insurance_designated"} <= set(table["fields"])
    assert result["data_issues"] == []


def test_nursing_bed_share_not_met(samples):
    ind = by_id(check_plan(fangshan(samples), PLAN, END_2024))["nursing_bed_share"]
    # Σ beds = 7869 (the report's figure); Σ nursing-type beds = 3691 (invented):
    # 3691 / 7869 = 0.469056 < 50%, 3.1 points short.
    assert_ind(ind, "not_met", 3691 / 7869, 3691, 7869, [])
    assert ind["gap"] == approx(3691 / 7869 - 0.5)
    # 城关街道: 养老照料中心 160/260 + 福寿老年公寓 26/60 = 186 / 320.
    assert groups(ind)["城关街道"] == (approx(186 / 320), "met", 186, 320)
    # 燕山星城街道: 乐寿养老院 96/263.
    assert groups(ind)["燕山星城街道"] == (approx(96 / 263), "not_met", 96, 263)


def test_ltc_pilot_cannot_be_told_from_a_district_home_table(samples):
    # No area table in the Fangshan report, so whether 石景山区 runs its pilot is unknown: no_data
    # (a blank is never a pass). The target is advisory (推进 is not a binding word), so the unknown
    # is reported as advice and does not count against the run.
    ind = by_id(check_plan(fangshan(samples), PLAN, END_2024))["shijingshan_ltc_pilot"]
    assert (ind["status"], ind["value"], ind["severity"]) == ("no_data", None, "advisory")


def test_statuses_and_exit_codes(samples, cli):
    code, out, _ = run_cli_json(fangshan(samples), PLAN, "2024-12-31")
    assert code == 1  # the binding 50% nursing-bed target is missed; it alone decides the exit code
    assert {i["id"]: i["status"] for i in out["indicators"]} == {
        "nursing_bed_share": "not_met", "shijingshan_ltc_pilot": "no_data"}
    # One binding target counts against the run, not two: the pilot's no_data is advice.
    proc = cli("check", fangshan(samples), "--plan", PLAN, "--as-of", "2024-12-31")
    assert proc.returncode == 1 and "结论：1 项已到期的约束性指标未达标或缺少数据。" in proc.stdout
    assert cli("check", fangshan(samples), "--plan", PLAN, "--as-of", "2024-12-31",
               "--fail-on", "never").returncode == 0
    code, out, _ = run_cli_json(fangshan(samples), PLAN, "2024-06-30")
    assert code == 0
    assert {i["id"]: i["status"] for i in out["indicators"]} == {
        "nursing_bed_share": "not_due", "shijingshan_ltc_pilot": "not_due"}
