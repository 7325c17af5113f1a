"""yuyao-2020 (the Yuyao work plan, seed 001): readings of the plan on hand-made forms whose every
answer is known in advance.

The sample's figures are in tests/samples/yuyao-2020.yaml. Hand-made forms follow
tests/formhelpers.write_form: the n-th unit sits on Excel row 3 + n, name in column B.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "yuyao-2020"
AS_OF = dt.date(2020, 12, 31)  # every target is due
write_form = partial(_write_form, reporter="填报单位（盖章）：余姚市民政局")
FAC = "居家养老服务中心（站）"


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


# ---------------------------------------------------------------- hand-made forms

HOME_HEAD = [
    "机构名称",
    "乡镇（街道）",
    "举办性质",
    "运营方式",
    "床位数（张）",
    "入住老人数（人）",
    "是否内设医疗机构",
    "内设医疗机构类型",
    "是否与医疗卫生机构签约合作",
    "入住老人家庭医生签约人数（人）",
]
FAC_HEAD = [
    "设施名称",
    "乡镇（街道）",
    "所在村（社区）",
    "设施类型",
    "村（社区）类别",
    "等级评定",
    "是否示范性居家养老服务中心",
    "是否社会化运营",
    "是否提供助餐配送餐服务",
    "是否设立老年教学场所",
    "是否配备体育健身设备",
]
MED_HEAD = ["机构名称", "乡镇（街道）", "机构类别", "等级", "是否开设老年人就医绿色通道", "康复护理床位数（张）"]
AREA_HEAD = ["地区", "年度", "65岁及以上常住人口（人）"]


def make_book(path: Path, homes=None, facilities=None, medical=None, areas=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if homes is not None:
        write_form(wb, "养老机构", "余姚市养老机构医养结合情况统计表", HOME_HEAD, homes)
    if medical is not None:
        write_form(wb, "医疗卫生机构", "余姚市医疗卫生机构情况表", MED_HEAD, medical)
    if facilities is not None:
        write_form(wb, FAC, "余姚市居家养老服务中心（站）情况表", FAC_HEAD, facilities)
    if areas is not None:
        write_form(wb, "辖区统计", "余姚市各乡镇（街道）统计表", AREA_HEAD, areas)
    wb.close()
    return path


def home(name, beds=60, unit="否", kind="—", signed="是", residents=40, fd=40, own="民办", op="民建民营"):
    return [name, "凤山街道", own, op, beds, residents, unit, kind, signed, fd]


def test_100_beds_is_in_scope_for_the_clinic_rule(tmp_path):
    homes = [home("甲", beds=100), home("乙", beds=99), home("丙", beds=150, unit="是", kind="医务室")]
    ind = by_id(check(make_book(tmp_path / "b.xlsx", homes=homes), AS_OF))["large_home_clinic"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("甲", "养老机构!B4")])


def test_named_nursing_centres_accept_the_corrected_spelling_and_a_nursing_home(tmp_path):
    homes = [
        home("余姚市长青老年人服务有限公司", beds=236, unit="是", kind="护理中心"),
        home("余姚市泰利颐养院", beds=300, unit="是", kind="护理院"),
    ]
    ind = by_id(check(make_book(tmp_path / "b.xlsx", homes=homes), AS_OF))["named_homes_nursing_centre"]
    assert_ind(ind, "met", 2, 2, None)


def test_named_home_missing_from_the_data_fails(tmp_path):
    # Only two of the three named homes are listed; another home with a clinic does not stand in.
    homes = [
        home("浙江红日家园养老服务有限公司", beds=68, unit="是", kind="医务室"),
        home("余姚市康华养老服务有限公司", beds=336, unit="是", kind="医务室"),
        home("余姚市阳明颐养院", beds=85, unit="是", kind="医务室"),
    ]
    path = make_book(tmp_path / "b.xlsx", homes=homes)
    ind = by_id(check(path, AS_OF))["named_homes_new_clinic"]
    assert_ind(ind, "not_met", 2, 2, None)
    # Due on 2020-10-20, not before.
    assert by_id(check(path, dt.date(2020, 10, 19)))["named_homes_new_clinic"]["status"] == "not_due"
    assert by_id(check(path, dt.date(2020, 10, 20)))["named_homes_new_clinic"]["status"] == "not_met"


def test_public_homes_only_in_the_privately_run_rate(tmp_path):
    homes = [
        home("甲", own="公办", op="公建民营"),
        home("乙", own="公办", op="公建公营"),
        home("丙", own="民办", op="民建民营"),
    ]
    ind = by_id(check(make_book(tmp_path / "b.xlsx", homes=homes), AS_OF))["public_homes_privately_run"]
    assert_ind(ind, "met", 0.5, 1, 2, [])  # 不低于 50%: exactly half passes


def test_family_doctor_rate_only_over_homes_without_a_unit(tmp_path):
    homes = [
        home("甲", residents=50, fd=50),
        home("乙", residents=30, fd=20),
        home("丙", unit="是", kind="医务室", residents=100, fd=0),
    ]  # has a unit: out of scope
    ind = by_id(check(make_book(tmp_path / "b.xlsx", homes=homes), AS_OF))["homes_without_unit_family_doctor"]
    assert_ind(ind, "not_met", 70 / 80, 70, 80)


def test_pilot_health_centres_names_beds_and_deadline(tmp_path):
    medical = [
        ["梁弄中心卫生院", "梁弄镇", "中心卫生院", "一级", "是", 15],  # appendix spelling
        ["余姚市临山镇中心卫生院", "临山镇", "乡镇卫生院", "一级", "是", 20],  # body spelling
        ["陆埠中心卫生院", "陆埠镇", "中心卫生院", "一级", "是", 14],  # one bed short
        ["余姚市马渚中心卫生院", "马渚镇", "中心卫生院", "一级", "是", 30],
    ]  # not a pilot
    path = make_book(tmp_path / "b.xlsx", medical=medical)
    assert_ind(by_id(check(path, AS_OF))["pilot_health_centre_rehab_beds"], "not_met", 2, 2, None)
    assert by_id(check(path, dt.date(2020, 12, 19)))["pilot_health_centre_rehab_beds"]["status"] == "not_due"


def station(
    name,
    town,
    village,
    grade="AA级",
    kind="城镇社区",
    social="是",
    meal="是",
    edu="是",
    fit="是",
    ftype="居家养老服务站",
):
    return [name, town, village, ftype, kind, grade, "否", social, meal, edu, fit]


def regional(town, demo="否", social="是"):
    return [
        f"{town}区域性居家养老服务中心",
        town,
        "—",
        "区域性居家养老服务中心",
        "—",
        "—",
        demo,
        social,
        "是",
        "是",
        "是",
    ]


def test_every_town_of_the_area_table_needs_a_regional_centre(tmp_path):
    facilities = [
        regional("梨洲街道"),
        regional("凤山街道"),
        station("丰南社区居家养老服务站", "鹿亭乡", "丰南社区"),
    ]  # a station is not a regional centre
    areas = [["梨洲街道", 2020, 14000], ["凤山街道", 2020, 13000], ["鹿亭乡", 2020, 2000]]
    path = make_book(tmp_path / "b.xlsx", facilities=facilities, areas=areas)
    ind = by_id(check(path, AS_OF))["regional_centre_every_town"]
    assert_ind(ind, "not_met", 2 / 3, 2, 3, [("鹿亭乡", "辖区统计!B6")])


def test_regional_centre_coverage_met(tmp_path):
    facilities = [regional("梨洲街道"), regional("凤山街道", demo="是"), regional("鹿亭乡"), regional("鹿亭乡")]
    areas = [["梨洲街道", 2020, 14000], ["凤山街道", 2020, 13000], ["鹿亭乡", 2020, 2000]]
    path = make_book(tmp_path / "b.xlsx", facilities=facilities, areas=areas)
    assert_ind(by_id(check(path, AS_OF))["regional_centre_every_town"], "met", 1.0, 3, 3, [])


def test_grade_spellings_and_aa_or_above(tmp_path):
    facilities = [
        station("甲站", "梨洲街道", "甲社区", grade="2A"),  # AA
        station("乙站", "梨洲街道", "乙社区", grade="ＡＡＡ级"),  # AAA, full-width
        station("丙站", "梨洲街道", "丙村", grade="A级", kind="农村"),
        station("丁站", "梨洲街道", "丁村", grade="未评级", kind="农村", social="否"),
        regional("梨洲街道"),
    ]  # regional: not a station
    inds = by_id(check(make_book(tmp_path / "b.xlsx", facilities=facilities), AS_OF))
    assert_ind(inds["aa_station_coverage"], "met", 0.5, 2, 4)  # 50% exactly passes
    assert_ind(inds["aaa_centre_coverage"], "met", 0.25, 1, 4, [])
    assert_ind(inds["aa_station_count"], "not_met", 1, 1, None)  # exactly AA: 甲; 乙 is the AAA task
    assert_ind(inds["aaa_station_count"], "not_met", 1, 1, None)
    # Urban stations 甲, 乙 both run socially: 2/2; the rural 丁 is out of scope.
    assert_ind(inds["urban_station_socially_operated"], "met", 1.0, 2, 2, [])


def test_grade_coverage_is_over_villages(tmp_path):
    # 甲社区 has an A station and an AA centre: covered once. 乙村 has only an A station.
    facilities = [
        station("甲一站", "梨洲街道", "甲社区", grade="A级"),
        station("甲二中心", "梨洲街道", "甲社区", grade="AA级", ftype="居家养老服务中心"),
        station("乙站", "梨洲街道", "乙村", grade="A级", kind="农村"),
    ]
    inds = by_id(check(make_book(tmp_path / "b.xlsx", facilities=facilities), AS_OF))
    ind = inds["aa_station_coverage"]
    assert_ind(ind, "met", 0.5, 1, 2, [])
    assert {g["group"]: g["status"] for g in ind["groups"]} == {"甲社区": "met", "乙村": "not_met"}
    assert_ind(inds["aaa_centre_coverage"], "not_met", 0, 0, 2)


def test_other_names_of_the_facility_types_are_accepted(tmp_path):
    facilities = [
        regional("梨洲街道"),
        regional("凤山街道"),
        regional("鹿亭乡"),
        ["马渚镇老年护理照料中心", "马渚镇", "—", "乡镇老年护理照料中心", "—", "—", "否", "否", "是", "是", "是"],
    ]
    facilities[1][3] = "区域性居家养老照料中心"  # 三、（五）3
    facilities[2][3] = "区域性居家养老服务照料中心"
    areas = [["梨洲街道", 2020, 14000], ["凤山街道", 2020, 13000], ["鹿亭乡", 2020, 2000]]
    inds = by_id(check(make_book(tmp_path / "b.xlsx", facilities=facilities, areas=areas), AS_OF))
    assert_ind(inds["regional_centre_every_town"], "met", 1.0, 3, 3, [])
    # The 护理照料中心 is in scope for social operation, and it is not socially run.
    assert_ind(inds["key_centres_socially_operated"], "not_met", 0.75, 3, 4, [("马渚镇老年护理照料中心", f"{FAC}!B7")])


def test_shunchen_home_needs_its_1600_beds(tmp_path):
    homes = [home("舜辰老年公寓", beds=1600, unit="是", kind="护理院")]
    assert_ind(
        by_id(check(make_book(tmp_path / "a.xlsx", homes=homes), AS_OF))["shunchen_home_1600_beds"], "met", 1, 1, None
    )
    homes = [home("余姚市舜辰老年公寓", beds=1200, unit="是", kind="护理院"), home("余姚市泰利颐养院", beds=1800)]
    assert_ind(
        by_id(check(make_book(tmp_path / "b.xlsx", homes=homes), AS_OF))["shunchen_home_1600_beds"],
        "not_met",
        0,
        0,
        None,
    )


def test_aaa_station_must_be_socially_run(tmp_path):
    facilities = [
        station("甲站", "梨洲街道", "甲社区", grade="AAA级", social="否"),
        regional("梨洲街道"),
        station("乙站", "梨洲街道", "乙村", grade="A级", kind="农村", social="否"),
    ]  # not in scope
    ind = by_id(check(make_book(tmp_path / "b.xlsx", facilities=facilities), AS_OF))["key_centres_socially_operated"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("甲站", f"{FAC}!B4")])


def test_meal_coverage_one_station_per_village_is_enough(tmp_path):
    facilities = [
        station("甲一站", "梨洲街道", "甲社区", meal="否"),
        station("甲二站", "梨洲街道", "甲社区", meal="是", ftype="居家养老服务中心"),
        station("乙站", "梨洲街道", "乙村", meal="否", kind="农村"),
        regional("梨洲街道"),
    ]
    ind = by_id(check(make_book(tmp_path / "b.xlsx", facilities=facilities), AS_OF))["village_meal_service_coverage"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("乙村", f"{FAC}!D6")])


def test_education_and_fitness_criteria(tmp_path):
    facilities = [
        station("甲站", "梨洲街道", "甲社区", edu="否"),
        station("乙站", "梨洲街道", "乙社区", fit="无"),
        station("丙站", "梨洲街道", "丙社区"),
        regional("梨洲街道"),
        ["马渚镇老年护理照料中心", "马渚镇", "—", "老年护理照料中心", "—", "—", "否", "是", "是", "否", "否"],
    ]
    ind = by_id(check(make_book(tmp_path / "b.xlsx", facilities=facilities), AS_OF))["centre_education_and_fitness"]
    assert_ind(ind, "not_met", 0.5, 2, 4, [("甲站", f"{FAC}!B4"), ("乙站", f"{FAC}!B5")])
    detail = {f["name"]: f["detail"] for f in ind["failing"]}
    assert "设立老年教学场所" in detail["甲站"] and "配备体育健身设备" not in detail["甲站"]
    assert "配备体育健身设备" in detail["乙站"]


def test_demonstration_towns_count_distinct_towns(tmp_path):
    facilities = [
        regional("河姆渡镇", demo="是"),
        regional("河姆渡镇", demo="是"),
        regional("梨洲街道", demo="是"),
        regional("凤山街道"),
    ]
    inds = by_id(check(make_book(tmp_path / "b.xlsx", facilities=facilities), AS_OF))
    assert_ind(inds["demonstration_centre_towns"], "not_met", 2, 2, None)
    assert_ind(inds["hemudu_demonstration_centre"], "met", 2, 2, None)


def test_demonstration_centre_is_a_regional_centre(tmp_path):
    # A village station or centre flagged 示范性 is not the plan's 示范性 (town-level, regional) centre.
    hemudu = station("某村居家养老服务站", "河姆渡镇", "某村", kind="农村")
    hemudu[6] = "是"
    fengshan = station("某社区居家养老服务中心", "凤山街道", "某社区", ftype="居家养老服务中心")
    fengshan[6] = "是"
    facilities = [regional("梨洲街道", demo="是"), regional("河姆渡镇"), hemudu, fengshan]
    inds = by_id(check(make_book(tmp_path / "b.xlsx", facilities=facilities), AS_OF))
    assert_ind(inds["demonstration_centre_towns"], "not_met", 1, 1, None)
    assert_ind(inds["hemudu_demonstration_centre"], "not_met", 0, 0, None)
