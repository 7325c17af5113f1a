"""xinjiang-2017 (the Xinjiang pilot plan, seed 000): readings of the plan on hand-made forms whose
every answer is known in advance, and its commitments.

The sample's figures are in tests/samples/xinjiang-2017.yaml. Hand-made forms follow
tests/formhelpers.write_form: the n-th unit sits on Excel row 3 + n, name in column B.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import approx, assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "xinjiang-2017"
AS_OF = dt.date(2020, 12, 31)  # both stages due: the 2020 figures apply
MID_2018 = dt.date(2018, 6, 30)  # only the 2017 stage is due
MID_2017 = dt.date(2017, 6, 30)  # nothing is due yet
write_form = partial(_write_form, reporter="填报单位（盖章）：新疆维吾尔自治区卫生健康委员会")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


# ---------------------------------------------------------------- the plan


def test_the_100_bed_permission_is_a_commitment_not_an_indicator():
    # "100张及以上…具备开办医疗机构条件的,…可…开办老年病医院…": a permission (可), not a target.
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert "large_nursing_home_medical_institution" not in {i.id for i in plan.indicators}
    assert any(
        c.quote.startswith("100张及以上床位的失能老人护理型养老机构") and "可按照" in c.quote for c in plan.commitments
    )


# ---------------------------------------------------------------- hand-made forms

HOME_HEAD = [
    "机构名称",
    "县（市、区）",
    "床位数（张）",
    "入住老人数（人）",
    "是否失能老人护理型养老机构",
    "是否内设医疗机构",
    "内设医疗机构类型",
    "是否与医疗卫生机构签约合作",
    "是否医保定点",
]
MED_HEAD = [
    "机构名称",
    "县（市、区）",
    "机构类别",
    "等级",
    "是否位于医养结合试点地区",
    "是否开设老年人就医绿色通道",
    "是否设立老年病科",
    "是否开设老年病区",
]
AREA_HEAD = [
    "地区",
    "年度",
    "65岁及以上常住人口（人）",
    "65岁及以上家庭医生签约人数（人）",
    "医养结合试点县（市、区）数（个）",
    "是否开展长期护理保险制度试点",
]

HOMES = [
    ["甲养老院", "天山区", 99, 60, "是", "是", "护理站", "否", "否"],  # B4 small, unit: met
    ["乙养老院", "天山区", 99, 60, "是", "否", "—", "是", "—"],  # B5 small, agreement: met
    ["丙养老院", "天山区", 99, 60, "是", "否", "—", "否", "—"],  # B6 small, neither: fails
    ["丁养老院", "天山区", 100, 60, "是", "否", "—", "否", "—"],  # B7 100 beds: the 100+ rule only
    ["戊养老院", "天山区", 60, 40, "否", "否", "—", "否", "—"],  # B8 not nursing-type
    ["己养老院", "天山区", 80, 50, "是", "是", "诊所", "否", "否"],  # B9 small, 诊所 counts as a unit
    ["庚养老院", "天山区", 100, 70, "是", "是", "医院", "是", "是"],  # B10 100 beds, a hospital
]
MEDICAL = [
    ["一院", "天山区", "综合医院", "三级甲等", "是", "是", "是", "是"],  # B4 in scope, both
    ["二院", "天山区", "中医院", "二级甲等", "是", "是", "是", "否"],  # B5 in scope (中医院), no ward
    ["三院", "天山区", "民族医医院", "二级", "是", "是", "否", "是"],  # B6 in scope, no department
    ["四院", "天山区", "综合医院", "一级", "是", "是", "否", "否"],  # B7 grade 1: out
    ["五院", "天山区", "综合医院", "三级", "否", "是", "否", "否"],  # B8 not a pilot area: out
    ["六院", "天山区", "专科医院", "三级", "是", "否", "否", "否"],  # B9 专科: out
    ["七院", "天山区", "中西医结合医院", "参照二级", "是", "是", "是", "是"],  # B10 in scope, both
]
AREAS_2017 = [
    ["乌鲁木齐市", 2017, 200000, 130000, 3, "是"],  # B4 named pilot
    ["巴州", 2017, 60000, 39000, 0, "是"],  # B5 named pilot (short name): out of pilot-county scope
    ["伊犁哈萨克自治州", 2017, 100000, 66000, 0, "是"],  # B6 named pilot (full name)
    ["塔城地区", 2017, 40000, 25000, 1, "否"],  # B7 "其他"
    ["阿勒泰地区", 2017, 30000, 18000, 0, "否"],  # B8 "其他": no pilot county
]


def make_book(path: Path, homes=HOMES, medical=MEDICAL, areas=AREAS_2017) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    write_form(wb, "养老机构", "新疆维吾尔自治区养老机构医养结合情况统计表", HOME_HEAD, homes)
    write_form(wb, "医疗卫生机构", "新疆维吾尔自治区医疗卫生机构老年健康服务情况表", MED_HEAD, medical)
    write_form(wb, "辖区统计", "新疆维吾尔自治区各地（州、市）医养结合工作进展情况表", AREA_HEAD, areas)
    wb.close()
    return path


@pytest.fixture
def book(tmp_path):
    return make_book(tmp_path / "hand.xlsx")


def test_either_or_below_100_beds(book):
    # Nursing-type and < 100 beds: 甲 (护理站), 乙 (agreement), 丙 (neither), 己 (诊所) → 3/4.
    # 丁 (exactly 100) is not in scope: 100 belongs to "100张及以上". 戊 is not nursing-type.
    ind = by_id(check(book, AS_OF))["small_nursing_home_medical_unit_or_cooperation"]
    assert_ind(ind, "not_met", 0.75, 3, 4, [("丙养老院", "养老机构!B6")])


def test_either_or_is_not_due_before_2021(book):
    ind = by_id(check(book, dt.date(2020, 12, 30)))["small_nursing_home_medical_unit_or_cooperation"]
    assert (ind["status"], ind["value"]) == ("not_due", 0.75)


def test_medical_service_staged_50_then_100_percent(book):
    # 甲 乙 己 庚 have a unit or an agreement; 丙 丁 戊 have neither: 4/7 = 57.1%.
    early = by_id(check(book, MID_2018))["elderly_institution_medical_service"]
    assert_ind(early, "met", 4 / 7, 4, 7, [])
    assert (early["target"]["value"], early["target"]["deadline"]) == (0.5, "2017-12-31")
    assert (early["next_target"]["value"], early["next_target"]["deadline"]) == (1.0, "2020-12-31")
    late = by_id(check(book, AS_OF))["elderly_institution_medical_service"]
    assert_ind(
        late,
        "not_met",
        4 / 7,
        4,
        7,
        [("丙养老院", "养老机构!B6"), ("丁养老院", "养老机构!B7"), ("戊养老院", "养老机构!B8")],
    )
    assert late["target"]["value"] == 1.0
    before = by_id(check(book, MID_2017))["elderly_institution_medical_service"]
    assert (before["status"], before["target"]["value"]) == ("not_due", 0.5)


def test_family_doctor_signing_staged_60_then_70_percent(book):
    # Σ signed = 130000+39000+66000+25000+18000 = 278000; Σ 65+ = 430000 → 64.65%:
    # meets the 2017 stage (60%), misses the 2020 stage (70%) with the same 2017 figures.
    ind = by_id(check(book, MID_2018))["elderly_family_doctor_signing"]
    assert_ind(ind, "met", 278000 / 430000, 278000, 430000, [])
    assert ind["target"]["value"] == 0.6
    ind = by_id(check(book, AS_OF))["elderly_family_doctor_signing"]
    assert (ind["status"], ind["target"]["value"]) == ("not_met", 0.7)
    assert ind["gap"] == approx(278000 / 430000 - 0.7)


def test_pilot_counties_short_and_full_names_of_the_named_pilots_are_out_of_scope(book):
    # 巴州 (0) and 伊犁哈萨克自治州 (0) are named pilots; 塔城 1, 阿勒泰 0 → 1/2.
    ind = by_id(check(book, MID_2018))["pilot_county_per_prefecture"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("阿勒泰地区", "辖区统计!B8")])


def test_ltc_pilot_counts_named_prefectures_only(book):
    # 是 at 乌鲁木齐市, 巴州, 伊犁哈萨克自治州 (3 of the 6 named); 塔城 is not a named pilot.
    ind = by_id(check(book, AS_OF))["pilot_prefecture_ltc_insurance"]
    assert_ind(ind, "not_met", 3, 3, None)


def test_ltc_pilot_met_when_all_six_named_prefectures_run_one(tmp_path):
    areas = [
        [name, 2020, 10000, 7000, 1, "是"]
        for name in ["乌鲁木齐市", "克拉玛依市", "巴音郭楞蒙古自治州", "伊犁州", "昌吉回族自治州", "哈密市"]
    ]
    areas.append(["哈密市", 2020, 10000, 7000, 1, "是"])  # listed twice: still one prefecture
    path = make_book(tmp_path / "ltc.xlsx", areas=areas)
    assert_ind(by_id(check(path, AS_OF))["pilot_prefecture_ltc_insurance"], "met", 6, 6, None)


def test_pilot_hospitals_criteria(book):
    # In scope: 一院, 二院 (中医院 = 中医医院), 三院 (民族医医院), 七院 (中西医结合, 参照二级) → 2/4.
    ind = by_id(check(book, AS_OF))["pilot_area_hospital_geriatrics"]
    assert_ind(ind, "not_met", 0.5, 2, 4, [("二院", "医疗卫生机构!B5"), ("三院", "医疗卫生机构!B6")])
    detail = {f["name"]: f["detail"] for f in ind["failing"]}
    assert "开设老年病区" in detail["二院"] and "设立老年病科" not in detail["二院"]
    assert "设立老年病科" in detail["三院"] and "开设老年病区" not in detail["三院"]


def test_green_channel_80_percent_exactly_is_met(tmp_path):
    medical = [
        [f"{i}号卫生院", "天山区", "乡镇卫生院", "一级", "是", "否" if i == 0 else "是", "否", "否"] for i in range(5)
    ]
    path = make_book(tmp_path / "g.xlsx", medical=medical)
    assert_ind(by_id(check(path, MID_2018))["medical_green_channel"], "met", 0.8, 4, 5, [])
