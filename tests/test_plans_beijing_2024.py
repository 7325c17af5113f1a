"""beijing-2024 (003 篇二): readings of the plan on hand-made forms, and the Fangshan status report.

The figures of both samples (beijing-2024.xlsx, Chaoyang district's homes, and
beijing-2024-fangshan.xlsx, the Fangshan status report of 003 篇四 / 篇十二) are in
tests/samples/beijing-2024.yaml. Here: the plan's commitments; the report's own figures confirmed
through the engine with a small baseline plan made of the report's sentences (counts, not targets
of any plan); what the command line says about the Fangshan sample; hand-made forms, which follow
tests/formhelpers.write_form: the n-th unit on row 3 + n.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan, run_cli_json
from formhelpers import write_form as _write_form

PLAN = "beijing-2024"
END_2024 = dt.date(2024, 12, 31)

write_form = partial(_write_form, reporter="填报单位（盖章）：北京市朝阳区民政局            填报时间：2025年1月")


# ---------------------------------------------------------------- the plan


def test_the_permissive_outsourcing_sentence_is_a_commitment_not_a_target():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert [i.id for i in plan.indicators] == ["nursing_bed_share", "shijingshan_ltc_pilot"]
    outsourcing = next(c for c in plan.commitments if c.quote.startswith("养老机构可通过服务外包"))
    assert "可" in outsourcing.why_not_checked
    assert not any("石景山区" in c.quote for c in plan.commitments)


# ---------------------------------------------------------------- the Fangshan status report

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
        "institutions": ("met", 49),
        "beds": ("met", 7869),
        "clinics": ("met", 13),
        "clinic_type": ("met", 13),
        "rest_signed": ("met", 36),
        "rest_unsigned": ("met", 0),
        "insured": ("met", 5),
        "insured_without_clinic": ("met", 0),
        "residents": ("met", 3417),
    }
    # Every quote of the baseline is the report's own wording, in both copies (篇四 and 篇十二).
    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "003_6104121fb84d74b0.txt"
    if seed.exists():
        lines = seed.read_text(encoding="utf-8").split("\n")
        part4, part12 = "\n".join(lines[70:75]), "\n".join(lines[272:277])
        for q in (
            "全区现有养老服务机构49家",
            "共有养老床位7869张",
            "13家机构具备内设医务室",
            "剩余养老机构与所在地的医疗机构签订医疗服务协议",
            "全区49家养老机构中有5家具有医保定点单位资质",
            "入住老人3400余人",
            "每百名老人养老床位数4.3张",
            "60岁以上老年人18.18万人",
        ):
            assert q in part4 and q in part12, q
    # 4.3 beds per 100 people aged 60+ (18.18万) follows from the 7,869 beds.
    assert round(7869 / 181800 * 100, 1) == 4.3


def test_fangshan_report_in_words_and_without_failing(samples, cli):
    # One binding target counts against the run, not two: the pilot's no_data is advice.
    proc = cli("check", fangshan(samples), "--plan", PLAN, "--as-of", "2024-12-31")
    assert proc.returncode == 1 and "结论：1 项已到期的约束性指标未达标或缺少数据。" in proc.stdout
    assert (
        cli("check", fangshan(samples), "--plan", PLAN, "--as-of", "2024-12-31", "--fail-on", "never").returncode == 0
    )


# ---------------------------------------------------------------- hand-made forms

HEAD = [
    "机构名称",
    "街道（地区）",
    "床位数（张）",
    "护理型床位数（张）",
    "是否内设医疗机构",
    "是否与医疗卫生机构签约合作",
]


def make_book(path: Path, homes) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    write_form(wb, "养老机构", "养老机构医养结合情况统计表", HEAD, homes)
    wb.close()
    return path


def test_exactly_50_percent_is_met(tmp_path):
    # 不低于50% includes 50%: (60 + 40) / (120 + 80) = 100 / 200.
    path = make_book(
        tmp_path / "b.xlsx",
        [["甲养老院", "双井街道", 120, 60, "是", "是"], ["乙养老院", "劲松街道", 80, 40, "否", "是"]],
    )
    assert_ind(by_id(check_plan(path, PLAN, END_2024))["nursing_bed_share"], "met", 0.5, 100, 200)


def test_share_is_of_summed_beds_not_an_average_of_homes(tmp_path):
    # Average of per-home shares = (0.9 + 0.2) / 2 = 55%, but Σ nursing / Σ beds = (9 + 40) / (10 + 200) = 23.3%.
    path = make_book(
        tmp_path / "b.xlsx",
        [["甲养老院", "双井街道", 10, 9, "是", "是"], ["乙养老院", "劲松街道", 200, 40, "否", "是"]],
    )
    assert_ind(by_id(check_plan(path, PLAN, END_2024))["nursing_bed_share"], "not_met", 49 / 210, 49, 210)


def test_ltc_pilot_not_running_in_shijingshan_fails(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    write_form(
        wb,
        "辖区统计",
        "各区长期护理保险制度试点情况",
        ["地区", "年度", "是否开展长期护理保险制度试点"],
        [["朝阳区", 2024, "是"], ["石景山区", 2024, "否"]],
    )
    wb.close()
    ind = by_id(check_plan(tmp_path / "a.xlsx", PLAN, END_2024))["shijingshan_ltc_pilot"]
    assert_ind(ind, "not_met", 0, 0, 1, [("石景山区", "辖区统计!B5")])


def test_ltc_pilot_not_running_is_advice_and_does_not_fail_the_run(tmp_path, cli):
    # Nursing-type beds met (60 / 120), 石景山区's pilot not running: advisory, so exit 0 unless
    # advisory targets are asked to fail the run.
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    write_form(wb, "养老机构", "养老机构医养结合情况统计表", HEAD, [["甲养老院", "双井街道", 120, 60, "是", "是"]])
    write_form(
        wb,
        "辖区统计",
        "各区长期护理保险制度试点情况",
        ["地区", "年度", "是否开展长期护理保险制度试点"],
        [["石景山区", 2024, "否"]],
    )
    wb.close()
    code, out, err = run_cli_json(tmp_path / "a.xlsx", PLAN, "2024-12-31")
    assert code == 0, err
    assert {i["id"]: (i["status"], i["severity"]) for i in out["indicators"]} == {
        "nursing_bed_share": ("met", "mandatory"),
        "shijingshan_ltc_pilot": ("not_met", "advisory"),
    }
    proc = cli("check", tmp_path / "a.xlsx", "--plan", PLAN, "--as-of", "2024-12-31", "--fail-on", "advisory")
    assert proc.returncode == 1, proc.stderr


def test_ltc_pilot_without_a_shijingshan_row_is_no_data(tmp_path):
    # The plan names the district: an area table without its row cannot tell, and that is not a pass.
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    write_form(
        wb,
        "辖区统计",
        "各区长期护理保险制度试点情况",
        ["地区", "年度", "是否开展长期护理保险制度试点"],
        [["朝阳区", 2024, "是"]],
    )
    wb.close()
    ind = by_id(check_plan(tmp_path / "a.xlsx", PLAN, END_2024))["shijingshan_ltc_pilot"]
    assert (ind["status"], ind["denominator"]) == ("no_data", 0)
