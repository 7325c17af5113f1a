"""The Xianning plan (xianning-2024, seed 003 篇六) on its sample workbook and on hand-made forms
whose every answer is known in advance.

Sample layout (scripts/samples/xianning_2024.py): merged title (row 1), 填报单位 line (row 2),
headers (row 3), so the n-th unit sits on Excel row 3 + n with its name in column B.
  养老机构      rows 4-17: 14 homes (咸安区 3, 嘉鱼县 2, 赤壁市 3, 通城县 2, 崇阳县 2, 通山县 2), 合计 row 18.
  医疗卫生机构  rows 4-12: 9 hospitals (市中心, 市第一, 市中医, 咸安区, 嘉鱼, 赤壁, 通城, 崇阳, 通山),
                rows 13-20: 8 社区卫生服务中心/乡镇卫生院.
  辖区统计      rows 4-9: 6 counties (2024), 合计 row 10.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan, groups, run_cli_json
from formhelpers import write_form as _write_form

PLAN = "xianning-2024"
AS_OF = dt.date(2024, 12, 31)      # the dated targets (2024-12-31) are due
BEFORE = dt.date(2024, 6, 30)      # only the standing requirements are due
write_form = partial(_write_form, reporter="填报单位（盖章）：咸宁市民政局")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


@pytest.fixture(scope="module")
def sample(samples) -> dict:
    return by_id(check(samples / "xianning-2024.xlsx", AS_OF))


# ---------------------------------------------------------------- the sample, as of 2024-12-31

def test_sample_reads_every_sheet_without_data_issues(samples):
    result = check(samples / "xianning-2024.xlsx", AS_OF)
    tables = {t["sheet"]: (t["entity"], t["rows"]) for t in result["inputs"][0]["tables"]}
    assert tables == {"养老机构": ("elderly_institutions", 14), "医疗卫生机构": ("medical_institutions", 17),
                      "辖区统计": ("areas", 6)}
    assert result["data_issues"] == []  # the 合计 rows agree with their columns
    assert result["summary"] == {"met": 2, "not_met": 12, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_sample_homes_without_unit_signing_not_met(sample):
    # No internal unit: 咸安区中心福利院 B5 是, 簰洲湾镇福利院 B8 ×, 康乐老年公寓 B10 (无) √,
    # 车埠镇福利院 B11 是, 麦市镇福利院 B13 否, 白霓镇福利院 B15 有, 九宫山镇敬老院 B17 √ -> 5/7.
    # 咸宁温泉颐养中心 (B6) is unsigned but has a unit: out of scope.
    ind = sample["homes_without_medical_unit_signed"]
    assert_ind(ind, "not_met", 5 / 7, 5, 7, [("嘉鱼县簰洲湾镇福利院", "养老机构!B8"),
                                             ("通城县麦市镇福利院", "养老机构!B13")])
    assert ind["target"]["deadline"] is None
    assert groups(ind)["嘉鱼县"] == (0, "not_met", 0, 1)
    assert groups(ind)["赤壁市"] == (1, "met", 2, 2)


def test_sample_nursing_bed_share_met_from_sums(sample):
    # Σ beds = 300+120+200+150+60+180+100+50+160+60+150+50+140+40 = 1760;
    # Σ nursing = 210+60+120+80+20+100+40+15+90+20+70+18+60+10 = 913; 913/1760 = 51.875% ≥ 50%.
    ind = sample["nursing_bed_share"]
    assert_ind(ind, "met", 913 / 1760, 913, 1760)
    g = groups(ind)
    assert g["通城县"] == (0.5, "met", 110, 220)              # 50% exactly: 不低于 includes it
    assert g["通山县"] == (pytest.approx(70 / 180), "not_met", 70, 180)
    assert g["咸安区"] == (pytest.approx(390 / 620), "met", 390, 620)


def test_sample_social_workers_per_1000_elderly_not_met(sample):
    # Σ social workers = 128+62+110+70+66+58 = 494; Σ registered 60+ = 112400+71800+104600+88900+93500
    # +79300 = 550500; 494/550500 × 1000 = 0.897‰ < 1. 咸安区 (1.139) and 赤壁市 (1.052) meet it.
    ind = sample["social_workers_per_1000_elderly"]
    assert_ind(ind, "not_met", 494 / 550500 * 1000, 494, 550500,
               [("嘉鱼县", "辖区统计!B5"), ("通城县", "辖区统计!B7"), ("崇阳县", "辖区统计!B8"),
                ("通山县", "辖区统计!B9")])
    assert ind["severity"] == "advisory"
    assert ind["target"]["unit"] == "per_1000"
    assert groups(ind)["赤壁市"] == (pytest.approx(110 / 104.6), "met", 110, 104600)


def test_sample_social_workers_per_100_beds_met(sample):
    # Σ social workers of homes = 6+1+3+2+0+2+1+0+2+0+1+0+1+0 = 19; 19/1760 × 100 = 1.08 ≥ 1,
    # although only 咸安区 (10/620 × 100 = 1.61) meets it on its own.
    ind = sample["social_workers_per_100_beds"]
    assert_ind(ind, "met", 19 / 1760 * 100, 19, 1760, [])
    assert [k for k, v in groups(ind).items() if v[1] == "met"] == ["咸安区"]
    assert groups(ind)["崇阳县"] == (0.5, "not_met", 1, 200)


def test_sample_home_visit_insurance_not_met(sample):
    # Home visits: 市中医医院, 咸安区/嘉鱼/赤壁/通城/崇阳 人民医院 (rows 6-11) and the 8 primary
    # institutions (rows 13-20) = 14; uninsured: 崇阳县人民医院 (B11), 簰洲湾镇卫生院 (B15). 12/14.
    assert_ind(sample["home_visit_insurance"], "not_met", 12 / 14, 12, 14,
               [("崇阳县人民医院", "医疗卫生机构!B11"), ("嘉鱼县簰洲湾镇卫生院", "医疗卫生机构!B15")])


def test_sample_home_appointment_green_channel_not_met(sample):
    # In scope: the 13 institutions with an agreement with a home (rows 4, 6-12, 14, 15, 16, 18, 19);
    # no channel for the homes: 通城县人民医院 (B10 否), 簰洲湾镇卫生院 (B15 否). 11/13. 第一人民医院 and the
    # three unsigned primary institutions are out of scope.
    ind = sample["home_appointment_green_channel"]
    assert_ind(ind, "not_met", 11 / 13, 11, 13, [("通城县人民医院", "医疗卫生机构!B10"),
                                                 ("嘉鱼县簰洲湾镇卫生院", "医疗卫生机构!B15")])
    assert (ind["severity"], ind["target"]["deadline"]) == ("mandatory", None)


def test_sample_rehab_dept_of_tcm_and_primary_institutions_not_met(sample):
    # 市中医医院 (中医院 → 中医医院) + 2 社区卫生服务中心 + 6 乡镇卫生院 = 9; 综合医院 are out of scope
    # (通城县人民医院 has none and is not listed). No department: 簰洲湾镇 (B15), 九宫山镇 (B19). 7/9.
    ind = sample["rehab_dept_tcm_and_primary"]
    assert_ind(ind, "not_met", 7 / 9, 7, 9, [("嘉鱼县簰洲湾镇卫生院", "医疗卫生机构!B15"),
                                             ("通山县九宫山镇卫生院", "医疗卫生机构!B19")])
    assert groups(ind)["咸安区"] == (1, "met", 3, 3)


def test_sample_special_care_homes_need_a_social_worker(sample):
    # 特困供养: 咸安区中心福利院 (1), 嘉鱼县社会福利院 (2), 簰洲湾镇福利院 (0, B8), 车埠镇福利院 (0, B11),
    # 崇阳县社会福利院 (1), 九宫山镇敬老院 (0, B17). 3/6.
    ind = sample["special_care_home_social_workers"]
    assert_ind(ind, "not_met", 0.5, 3, 6, [("嘉鱼县簰洲湾镇福利院", "养老机构!B8"), ("赤壁市车埠镇福利院", "养老机构!B11"),
                                           ("通山县九宫山镇敬老院", "养老机构!B17")])
    assert ind["severity"] == "mandatory"


def test_sample_internal_unit_insurance_advisory_not_met(sample):
    # Homes with a unit: rows 4, 6, 7, 9, 12, 14, 16 = 7; not designated: 温泉颐养中心 (B6), 通城县社会福利中心 (B12).
    ind = sample["internal_medical_unit_insurance"]
    assert_ind(ind, "not_met", 5 / 7, 5, 7, [("咸宁温泉颐养中心", "养老机构!B6"), ("通城县社会福利中心", "养老机构!B12")])
    assert ind["severity"] == "advisory"


def test_sample_no_county_runs_an_ltc_pilot(sample):
    ind = sample["ltc_insurance_pilot"]
    assert (ind["status"], ind["value"], ind["severity"]) == ("not_met", 0, "advisory")


def test_sample_medical_alliance_advisory_not_met(sample):
    # Homes with a unit: rows 4, 6, 7, 9, 12, 14, 16 = 7; not in a 医联体: 温泉颐养中心 (B6), 通城县社会福利中心 (B12).
    ind = sample["integrated_institutions_in_medical_alliance"]
    assert_ind(ind, "not_met", 5 / 7, 5, 7, [("咸宁温泉颐养中心", "养老机构!B6"), ("通城县社会福利中心", "养老机构!B12")])
    assert (ind["severity"], ind["target"]["deadline"]) == ("advisory", None)


def test_sample_every_home_signing_advisory_not_met(sample):
    # All 14 homes; unsigned: 温泉颐养中心 (B6, has a unit), 簰洲湾镇福利院 (B8 ×), 麦市镇福利院 (B13). 11/14.
    ind = sample["homes_signed_cooperation"]
    assert_ind(ind, "not_met", 11 / 14, 11, 14, [("咸宁温泉颐养中心", "养老机构!B6"), ("嘉鱼县簰洲湾镇福利院", "养老机构!B8"),
                                               ("通城县麦市镇福利院", "养老机构!B13")])
    assert ind["severity"] == "advisory"


def test_sample_elderly_ehr_65_not_met(sample):
    # Σ records = 84100+54800+77600+65100+69000+58300 = 408900; Σ resident 65+ = 86200+54800+79500+67300
    # +71200+60100 = 419100; 97.57% < 100%. Only 嘉鱼县 has a record for every one.
    ind = sample["elderly_ehr_65"]
    assert_ind(ind, "not_met", 408900 / 419100, 408900, 419100,
               [("咸安区", "辖区统计!B4"), ("赤壁市", "辖区统计!B6"), ("通城县", "辖区统计!B7"), ("崇阳县", "辖区统计!B8"),
                ("通山县", "辖区统计!B9")])
    assert (ind["severity"], ind["target"]["deadline"]) == ("mandatory", None)
    assert groups(ind)["嘉鱼县"] == (1, "met", 54800, 54800)


def test_sample_elderly_health_management_65_not_met(sample):
    # Σ managed = 62300+41200+60400+48900+50600+44500 = 307900; 307900 / 419100 = 73.5% < 100%.
    ind = sample["elderly_health_management_65"]
    assert_ind(ind, "not_met", 307900 / 419100, 307900, 419100)
    assert ind["severity"] == "mandatory"
    assert [k for k, v in groups(ind).items() if v[1] == "met"] == []


def test_sample_before_deadline_only_standing_requirements_are_due(samples):
    result = by_id(check(samples / "xianning-2024.xlsx", BEFORE))
    assert {k: v["status"] for k, v in result.items()} == {
        "homes_without_medical_unit_signed": "not_met", "nursing_bed_share": "not_due",
        "social_workers_per_1000_elderly": "not_due", "social_workers_per_100_beds": "not_due",
        "home_visit_insurance": "not_met", "home_appointment_green_channel": "not_met",
        "rehab_dept_tcm_and_primary": "not_met", "special_care_home_social_workers": "not_met",
        "internal_medical_unit_insurance": "not_met", "ltc_insurance_pilot": "not_met",
        "integrated_institutions_in_medical_alliance": "not_met", "homes_signed_cooperation": "not_met",
        "elderly_ehr_65": "not_met", "elderly_health_management_65": "not_met"}
    assert result["nursing_bed_share"]["value"] == pytest.approx(913 / 1760)


def test_sample_cli_exit_code(samples):
    code, out, err = run_cli_json(samples / "xianning-2024.xlsx", PLAN, "2024-12-31")
    assert code == 1, err
    assert out["plan"]["id"] == PLAN


# ---------------------------------------------------------------- hand-made forms for each reading

HOME_HEAD = ["机构名称", "县（市、区）", "床位数（张）", "护理型床位数（张）", "是否内设医疗机构",
             "是否与医疗卫生机构签约合作", "社会工作者人数（人）"]
MED_HEAD = ["机构名称", "县（市、区）", "机构类别", "是否提供上门医疗服务", "上门服务是否投保责任险、医疗意外险、人身意外险"]
AREA_HEAD = ["地区", "年度", "户籍60岁及以上人口（人）", "为老服务社会工作者人数（人）"]


def book(path: Path, homes=None, hospitals=None, areas=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if homes is not None:
        write_form(wb, "养老机构", "养老机构情况表", HOME_HEAD, homes)
    if hospitals is not None:
        write_form(wb, "医疗卫生机构", "医疗卫生机构情况表", MED_HEAD, hospitals)
    if areas is not None:
        write_form(wb, "辖区统计", "辖区统计表", AREA_HEAD, areas)
    wb.close()
    return path


@pytest.mark.parametrize("nursing, status", [(50, "met"), (49, "not_met")])
def test_nursing_share_50_percent_is_inclusive(tmp_path, nursing, status):
    homes = [["甲福利院", "咸安区", 60, nursing - 20, "是", "是", 1], ["乙福利院", "赤壁市", 40, 20, "是", "是", 0]]
    ind = by_id(check(book(tmp_path / "n.xlsx", homes), AS_OF))["nursing_bed_share"]
    assert_ind(ind, status, nursing / 100, nursing, 100)


@pytest.mark.parametrize("workers, status", [(3, "met"), (2, "not_met")])
def test_per_1000_elderly_one_exactly_is_met(tmp_path, workers, status):
    # 3000 registered 60+ people: 3 social workers is exactly 1 per 1000 (达到 includes it).
    areas = [["咸安区", 2024, 2000, workers - 1], ["通山县", 2024, 1000, 1]]
    ind = by_id(check(book(tmp_path / "a.xlsx", areas=areas), AS_OF))["social_workers_per_1000_elderly"]
    assert_ind(ind, status, workers / 3, workers, 3000)


def test_per_100_beds_is_a_city_ratio_not_per_home(tmp_path):
    # A 40-bed home without a social worker does not fail on its own: 2 workers for 200 beds = 1/100.
    homes = [["甲福利院", "咸安区", 160, 80, "是", "是", 2], ["乙敬老院", "咸安区", 40, 20, "否", "是", 0]]
    ind = by_id(check(book(tmp_path / "b.xlsx", homes), AS_OF))["social_workers_per_100_beds"]
    assert_ind(ind, "met", 1.0, 2, 200, [])


def test_signing_scope_is_homes_without_a_unit(tmp_path):
    # A home with a unit and no agreement is out of scope; the two without a unit are signed.
    homes = [["甲福利院", "咸安区", 100, 50, "是", "否", 1], ["乙敬老院", "咸安区", 40, 20, "否", "是", 0],
             ["丙敬老院", "通山县", 30, 10, "无", "√", 0]]
    ind = by_id(check(book(tmp_path / "s.xlsx", homes), AS_OF))["homes_without_medical_unit_signed"]
    assert_ind(ind, "met", 1.0, 2, 2, [])


def test_signing_blank_unit_answer_leaves_it_undecided(tmp_path):
    # 丙敬老院 left 是否内设医疗机构 blank and is unsigned: in scope it fails, out of scope it does not.
    homes = [["乙敬老院", "咸安区", 40, 20, "否", "是", 0], ["丙敬老院", "通山县", 30, 10, None, "否", 0]]
    ind = by_id(check(book(tmp_path / "u.xlsx", homes), AS_OF))["homes_without_medical_unit_signed"]
    assert (ind["status"], ind["value"], ind["unknown"]) == ("no_data", 1, 1)


def test_home_visit_insurance_not_applicable_when_nobody_visits(tmp_path):
    hospitals = [["咸宁市中心医院", "咸安区", "综合医院", "否", "/"], ["某卫生院", "通山县", "乡镇卫生院", "否", "/"]]
    ind = by_id(check(book(tmp_path / "h.xlsx", hospitals=hospitals), AS_OF))["home_visit_insurance"]
    assert_ind(ind, "not_applicable", None, 0, 0, [])


def test_plan_metadata():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert (plan.source_part, plan.region, plan.issued) == ("篇六", "咸宁市", None)
    assert len(plan.indicators) == 14 and len(plan.commitments) == 20
    assert {i.id for i in plan.indicators if i.severity == "advisory"} == {
        "social_workers_per_1000_elderly", "social_workers_per_100_beds", "internal_medical_unit_insurance",
        "ltc_insurance_pilot", "integrated_institutions_in_medical_alliance", "homes_signed_cooperation"}
    assert all(not ind.targets[0].deadline for ind in plan.indicators
               if ind.id not in ("nursing_bed_share", "social_workers_per_1000_elderly", "social_workers_per_100_beds"))
    dated = [t for ind in plan.indicators for t in ind.targets if t.deadline]
    assert all(t.deadline == dt.date(2024, 12, 31) and t.deadline_note for t in dated)


def test_health_records_and_management_are_over_the_resident_65_plus_population(tmp_path):
    wb_path = tmp_path / "e.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(wb, "辖区统计", "辖区统计表",
               ["地区", "年度", "65岁及以上常住人口（人）", "65岁及以上建立电子健康档案人数（人）", "65岁及以上接受健康管理人数（人）"],
               [["咸安区", 2024, 1000, 1000, 1000], ["通山县", 2024, 500, 500, 499]])
    wb.close()
    inds = by_id(check(wb_path, BEFORE))     # no year: due at any date
    # A record for every resident aged 65+ meets the 100% reading; one person short of health management fails it.
    assert_ind(inds["elderly_ehr_65"], "met", 1.0, 1500, 1500, [])
    assert_ind(inds["elderly_health_management_65"], "not_met", 1499 / 1500, 1499, 1500, [("通山县", "辖区统计!B5")])
