"""The Mangshi plan (mangshi-2017) on hand-made workbooks whose every answer is known in advance.

Each workbook is laid out like a submitted form: merged title row (row 1), 填报单位 line (row 2),
header row with units (row 3), a 序号 column A and the name (or 地区) in column B, so the n-th
unit sits on Excel row 3 + n; then a 合计 row and a footer.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import approx, assert_ind, by_id, check_plan, groups, run_cli_json, sha256
from formhelpers import write_form as _write_form

PLAN = "mangshi-2017"
write_form = partial(_write_form, reporter="填报单位（盖章）：芒市卫生健康局            填报时间：2021年1月")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


def run_cli(path: Path, as_of: str):
    return run_cli_json(path, PLAN, as_of)


AFTER_2020 = dt.date(2021, 1, 1)  # every target due

# ---------------------------------------------------------------- workbook helpers

HOME_HEAD = [
    "机构名称",
    "乡镇（街道）",
    "床位数（张）",
    "入住老人数（人）",
    "是否内设医疗机构",
    "是否与医疗卫生机构签约合作",
    "入住老人家庭医生签约人数（人）",
    "是否有医疗机构定期巡诊",
    "是否医养结合试点机构",
]
MED_HEAD = [
    "机构名称",
    "乡镇（街道）",
    "机构类别",
    "等级",
    "是否开设老年人就医绿色通道",
    "是否能提供中医理疗服务",
    "是否设有中医馆",
    "是否与上级医院签订长期合作（双向转诊）协议",
    "是否医养结合试点机构",
    "是否提供上门医疗服务",
    "是否开展家庭病床服务",
    "是否提供家庭护理",
    "是否与养老机构签约",
]
AREA_HEAD = [
    "地区",
    "年度",
    "常住人口数（人）",
    "65岁及以上常住人口（人）",
    "65岁及以上建立电子健康档案人数（人）",
    "65岁及以上接受健康管理人数（人）",
    "家庭医生签约人数（人）",
    "重点人群人数（人）",
    "重点人群签约人数（人）",
]


def pad(rows, head):
    """Rows written without the later columns leave them blank."""
    return None if rows is None else [list(r) + [None] * (len(head) - len(r)) for r in rows]


def make_book(path: Path, homes=None, medical=None, areas=None, med_head=MED_HEAD) -> Path:
    homes, medical = pad(homes, HOME_HEAD), pad(medical, med_head)
    wb = xlsxwriter.Workbook(str(path))
    if homes is not None:
        write_form(wb, "养老机构", "芒市养老机构医养结合情况统计表（2020年）", HOME_HEAD, homes)
    if medical is not None:
        write_form(wb, "医疗卫生机构", "芒市医疗卫生机构老年健康服务情况表（2020年）", med_head, medical)
    if areas is not None:
        write_form(wb, "辖区统计", "芒市各乡镇（街道）老年健康服务统计表（2020年度）", AREA_HEAD, areas)
    wb.close()
    return path


# ---------------------------------------------------------------- data
# Homes: 名称, 乡镇, 床位, 入住, 内设医疗机构, 签约, 入住老人家庭医生签约人数, 定期巡诊, 医养结合试点

MIXED_HOMES = [
    ["芒市中心敬老院", "风平镇", 120, 95, "是", "是", 95, "是", "否"],  # B4 not (yet) a pilot
    ["勐戛镇敬老院", "勐戛镇", 40, 31, "否", "×", 20, "否", "否"],  # B5 neither form
    ["遮放镇敬老院", "遮放镇", 50, 38, "否", "√", 38, "否", "否"],  # B6 signed, no visits
    ["芒市福寿园养老中心", "勐焕街道", 80, 52, "无", "否", 40, "否", "否"],  # B7 neither form
    ["芒市康乐老年公寓", "芒市镇", 60, 35, "否", "是", 35, "√", "否"],  # B8 signed but not a named home
]
COMPLIANT_HOMES = [
    ["芒市中心敬老院", "风平镇", 120, 95, "是", "是", 95, "是", "是"],
    ["勐戛镇敬老院", "勐戛镇", 40, 31, "否", "√", 31, "有", "否"],
    ["遮放镇敬老院", "遮放镇", 50, 38, "无", "有", 38, "√", "否"],
    ["芒市福寿园养老中心", "勐焕街道", 80, 52, "有", "否", 52, "否", "否"],  # unsigned, but has a unit
]
# Medical: 名称, 乡镇, 类别, 等级, 绿色通道, 中医理疗服务, 中医馆, 与上级医院签订长期合作协议, 医养结合试点,
# 上门医疗服务, 家庭病床服务, 家庭护理, 与养老机构签约
MIXED_MEDICAL = [
    ["芒市人民医院", "勐焕街道", "综合医院", "二级", "是", "是", "是", None, "否"],  # B4
    [
        "风平镇卫生院",
        "风平镇",
        "卫生院",
        "一级",
        "是",
        "是",
        "否",
        "是",
        "否",
        "是",
        "是",
        "是",
        "是",
    ],  # B5 no TCM hall
    [
        "勐戛镇卫生院",
        "勐戛镇",
        "乡镇卫生院",
        "一级",
        "否",
        "是",
        "是",
        "否",
        "否",
        "是",
        "否",
        "否",
        "否",
    ],  # B6 no green channel, no agreements, no 家庭病床, no 家庭护理
    ["风平镇芒蚌村卫生室", "风平镇", "村卫生室", "未定级", "×", "是", "否"],  # B7 no green channel
    ["风平镇拱岭村卫生室", "风平镇", "村卫生室", "未定级", "是", "×", "否"],  # B8 no TCM
    ["勐戛镇芒杏村卫生室", "勐戛镇", "村卫生室", "未定级", "有", "√", "否"],  # B9
    ["勐戛镇那目村卫生室", "勐戛镇", "村卫生室", "未定级", "是", "无", "否"],  # B10 no TCM
    ["遮放镇弄么村卫生室", "遮放镇", "村卫生所", "未定级", "是", "有", "否"],  # B11 村卫生所 = 村卫生室
]
COMPLIANT_MEDICAL = [
    ["芒市人民医院", "勐焕街道", "综合医院", "二级", "是", "是", "是"],
    ["风平镇卫生院", "风平镇", "卫生院", "一级", "√", "是", "有", "是", None, "是", "是", "是", "是"],
    ["勐戛镇卫生院", "勐戛镇", "乡镇卫生院", "一级", "是", "是", "否", "√", None, "有", "√", "是", "√"],
    ["风平镇芒蚌村卫生室", "风平镇", "村卫生室", "未定级", "有", "是", "否"],
    ["风平镇拱岭村卫生室", "风平镇", "村卫生室", "未定级", "是", "√", "否"],
    ["勐戛镇芒杏村卫生室", "勐戛镇", "村卫生室", "未定级", "是", "是", "否"],
    ["勐戛镇那目村卫生室", "勐戛镇", "村卫生室", "未定级", "是", "×", "否"],  # 4 of 5 = 80% exactly
    ["遮放镇弄么村卫生室", "遮放镇", "村卫生室", "未定级", "是", "有", "否"],
    ["遮放镇中心卫生院", "遮放镇", "乡镇卫生院", "一级", "是", "是", "否", "有", None, "是", "是", "是", "是"],  # B12
    [
        "勐焕街道社区卫生服务中心",
        "勐焕街道",
        "社区卫生服务中心",
        "一级",
        "是",
        "是",
        "否",
        None,
        "是",
        "是",
        "是",
        "√",
        None,
    ],  # B13
]
# Areas: 地区, 年度, 常住, 65+, 65+电子建档, 65+健康管理, 家庭医生签约, 重点人群, 重点人群签约.
# The big area pulls the ratio of sums away from the plain average of the area rates.
MIXED_AREAS = [
    ["勐焕街道", 2020, 128000, 10000, 9000, 6000, 51200, 40000, 16000],  # B4
    ["风平镇", 2020, 20000, 1000, 1000, 950, 2000, 6000, 5700],  # B5
    ["遮放镇", 2020, 32000, 1000, 1000, 900, 4800, 10000, 9500],  # B6
]
COMPLIANT_AREAS = [
    ["勐焕街道", 2020, 128000, 10000, 9700, 7500, 128000, 40000, 28000],
    ["风平镇", 2020, 20000, 1000, 800, 600, 20000, 6000, 2400],
    ["遮放镇", 2020, 32000, 1000, 900, 650, 32000, 10000, 5000],
]


@pytest.fixture
def mixed(tmp_path):
    return make_book(tmp_path / "mixed.xlsx", MIXED_HOMES, MIXED_MEDICAL, MIXED_AREAS)


@pytest.fixture
def mixed_2017(tmp_path):
    """The mixed submission with its area table dated 2017, for checks at as-of dates in 2017-2019."""
    areas = [[row[0], 2017, *row[2:]] for row in MIXED_AREAS]
    return make_book(tmp_path / "mixed-2017.xlsx", MIXED_HOMES, MIXED_MEDICAL, areas)


@pytest.fixture
def compliant(tmp_path):
    return make_book(tmp_path / "compliant.xlsx", COMPLIANT_HOMES, COMPLIANT_MEDICAL, COMPLIANT_AREAS)


# ---------------------------------------------------------------- every indicator, not met


def test_mixed_workbook_is_read_as_laid_out(mixed):
    tables = {t["sheet"]: t for t in check(mixed, AFTER_2020)["inputs"][0]["tables"]}
    assert {s: (t["header_row"], t["rows"]) for s, t in tables.items()} == {
        "养老机构": (3, 5),
        "医疗卫生机构": (3, 8),
        "辖区统计": (3, 3),
    }
    assert {"row": 7, "reason": "total"} in tables["辖区统计"]["skipped_rows"]
    assert check(mixed, AFTER_2020)["data_issues"] == []  # every cell readable, one year only


def test_green_channel_not_met(mixed):
    ind = by_id(check(mixed, AFTER_2020))["medical_green_channel"]
    assert_ind(
        ind, "not_met", 6 / 8, 6, 8, [("勐戛镇卫生院", "医疗卫生机构!B6"), ("风平镇芒蚌村卫生室", "医疗卫生机构!B7")]
    )


def test_medical_service_not_met(mixed):
    ind = by_id(check(mixed, AFTER_2020))["elderly_institution_medical_service"]
    assert_ind(ind, "not_met", 0.6, 3, 5, [("勐戛镇敬老院", "养老机构!B5"), ("芒市福寿园养老中心", "养老机构!B7")])


def test_resident_signing_ratio_of_sums_with_groups(mixed):
    ind = by_id(check(mixed, AFTER_2020))["resident_family_doctor_signing"]
    assert_ind(ind, "not_met", 228 / 251, 228, 251)
    assert groups(ind) == {
        "风平镇": (1, "met", 95, 95),
        "勐戛镇": (approx(20 / 31), "not_met", 20, 31),
        "遮放镇": (1, "met", 38, 38),
        "勐焕街道": (approx(40 / 52), "not_met", 40, 52),
        "芒市镇": (1, "met", 35, 35),
    }


def test_fengping_tcm_hall_not_met(mixed):
    ind = by_id(check(mixed, AFTER_2020))["fengping_tcm_hall"]
    # 风平镇卫生院 is written 卫生院 in the category column; the rule selects it by name.
    assert_ind(ind, "not_met", 0, 0, 1, [("风平镇卫生院", "医疗卫生机构!B5")])


def test_village_clinic_tcm_not_met(mixed):
    ind = by_id(check(mixed, AFTER_2020))["village_clinic_tcm_service"]
    # 5 clinics (村卫生所 counts as 村卫生室); the township centres are out of scope.
    assert_ind(
        ind,
        "not_met",
        0.6,
        3,
        5,
        [("风平镇拱岭村卫生室", "医疗卫生机构!B8"), ("勐戛镇那目村卫生室", "医疗卫生机构!B10")],
    )
    assert groups(ind) == {
        "风平镇": (0.5, "not_met", 1, 2),
        "勐戛镇": (0.5, "not_met", 1, 2),
        "遮放镇": (1, "met", 1, 1),
    }


def test_ehr_rate_is_ratio_of_sums_not_mean_of_rates(mixed):
    ind = by_id(check(mixed, AFTER_2020))["elderly_ehr_rate"]
    # Area rates 90%, 100%, 100% average 96.7% (would pass); the ratio of sums is 11000/12000.
    assert_ind(ind, "not_met", 11000 / 12000, 11000, 12000, [("勐焕街道", "辖区统计!B4")])
    assert ind["failing"][0]["detail"] == "9000/10000"
    assert groups(ind) == {
        "勐焕街道": (0.9, "not_met", 9000, 10000),
        "风平镇": (1, "met", 1000, 1000),
        "遮放镇": (1, "met", 1000, 1000),
    }
    assert ind["scope"] == "area"


def test_health_management_rate_is_ratio_of_sums(mixed):
    ind = by_id(check(mixed, AFTER_2020))["elderly_health_management_rate"]
    # Rates 60%, 95%, 90% average 81.7% (would pass); 7850/12000 = 65.4% does not.
    assert_ind(ind, "not_met", 7850 / 12000, 7850, 12000, [("勐焕街道", "辖区统计!B4")])
    assert groups(ind) == {
        "勐焕街道": (0.6, "not_met", 6000, 10000),
        "风平镇": (0.95, "met", 950, 1000),
        "遮放镇": (0.9, "met", 900, 1000),
    }


def test_family_doctor_2020_target_is_every_resident(mixed):
    inds = by_id(check(mixed, AFTER_2020))
    # 到2020年…覆盖率达100%: the share of residents, read literally; 58000/180000 = 32.2% fails.
    ind = inds["family_doctor_coverage"]
    assert_ind(
        ind,
        "not_met",
        58000 / 180000,
        58000,
        180000,
        [("勐焕街道", "辖区统计!B4"), ("风平镇", "辖区统计!B5"), ("遮放镇", "辖区统计!B6")],
    )
    assert ind["target"] == {"comparator": ">=", "value": 1.0, "unit": "ratio", "deadline": "2020-12-31"}
    assert ind["next_target"] is None and ind["severity"] == "mandatory"
    # The rejected 制度全覆盖 reading and the 力争…全人群 aim are not separate indicators.
    assert "family_doctor_system_coverage" not in inds and "family_doctor_whole_population" not in inds


def test_one_town_short_of_every_resident_fails_the_2020_stage(tmp_path):
    areas = [list(r) for r in COMPLIANT_AREAS]
    areas[2][6] = 31000  # 遮放镇: 1000 residents not signed
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, COMPLIANT_MEDICAL, areas)
    ind = by_id(check(path, AFTER_2020))["family_doctor_coverage"]
    assert_ind(ind, "not_met", 179000 / 180000, 179000, 180000, [("遮放镇", "辖区统计!B6")])
    assert ind["severity"] == "mandatory"


def test_health_centre_agreements_named_centres(mixed):
    # 风平 signed, 勐戛 not, 遮放镇中心卫生院 missing from the data: 1 < 3.
    assert_ind(by_id(check(mixed, AFTER_2020))["health_centres_hospital_agreements"], "not_met", 1, 1, None)


def test_fengping_and_agreements_accept_the_other_spelling(tmp_path):
    medical = [list(r) for r in COMPLIANT_MEDICAL]
    medical[1][0] = "风平卫生院"  # as in 三、组织保障
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, medical, COMPLIANT_AREAS)
    inds = by_id(check(path, AFTER_2020))
    assert_ind(inds["fengping_tcm_hall"], "met", 1.0, 1, 1, [])
    assert_ind(inds["health_centres_hospital_agreements"], "met", 3, 3, None)


def test_health_centres_side_of_the_care_home_agreements(mixed):
    # 风平 signed with a home, 勐戛 not, 遮放镇中心卫生院 missing from the data: 1 < 3.
    ind = by_id(check(mixed, AFTER_2020))["health_centres_elderly_agreements"]
    assert_ind(ind, "not_met", 1, 1, None)
    assert ind["severity"] == "mandatory"


def test_gp_team_home_services_on_health_centres_only(mixed):
    inds = by_id(check(mixed, AFTER_2020))
    # Scope: 风平镇卫生院 (written 卫生院) and 勐戛镇卫生院; the hospital and the village clinics are out.
    ind = inds["gp_team_basic_home_services"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("勐戛镇卫生院", "医疗卫生机构!B6")])
    assert ind["severity"] == "mandatory"
    assert "家庭病床" in ind["failing"][0]["detail"]
    ind = inds["home_medical_care_for_frail_elderly"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("勐戛镇卫生院", "医疗卫生机构!B6")])
    assert ind["severity"] == "advisory"


def test_signed_homes_need_regular_visits(mixed):
    # Signed: 中心敬老院 B4, 遮放 B6, 康乐 B8; the unsigned homes are out of scope.
    ind = by_id(check(mixed, AFTER_2020))["signed_homes_regular_visits"]
    assert_ind(ind, "not_met", 2 / 3, 2, 3, [("遮放镇敬老院", "养老机构!B6")])
    assert ind["severity"] == "mandatory"


def test_pilots_not_designated(mixed):
    inds = by_id(check(mixed, AFTER_2020))
    assert_ind(inds["central_home_integration_pilot"], "not_met", 0, 0, None)
    assert_ind(inds["community_centre_home_care_pilot"], "not_met", 0, 0, None)  # no 社区卫生服务中心 row
    assert inds["central_home_integration_pilot"]["target"]["deadline"] == "2017-12-31"


def test_key_population_signing_not_met(mixed):
    ind = by_id(check(mixed, AFTER_2020))["key_population_signing"]
    # Rates 40%, 95%, 95% average 76.7% (would pass); 31200/56000 = 55.7% does not.
    assert_ind(ind, "not_met", 31200 / 56000, 31200, 56000, [("勐焕街道", "辖区统计!B4")])
    assert groups(ind) == {
        "勐焕街道": (0.4, "not_met", 16000, 40000),
        "风平镇": (0.95, "met", 5700, 6000),
        "遮放镇": (0.95, "met", 9500, 10000),
    }


def test_named_care_homes_one_unsigned_is_not_met(mixed):
    ind = by_id(check(mixed, AFTER_2020))["named_care_homes_signed"]
    # 勐戛镇敬老院 is unsigned; the signed 康乐老年公寓 is not one of the three named homes.
    assert_ind(ind, "not_met", 2, 2, None)


def test_mixed_summary(mixed):
    assert check(mixed, AFTER_2020)["summary"] == {
        "met": 0,
        "not_met": 17,
        "not_due": 0,
        "no_data": 0,
        "not_applicable": 0,
    }


# ---------------------------------------------------------------- every indicator, met

EXPECTED_MET = {
    "medical_green_channel": (1.0, 10, 10),
    "elderly_institution_medical_service": (1.0, 4, 4),
    "resident_family_doctor_signing": (1.0, 216, 216),
    "fengping_tcm_hall": (1.0, 1, 1),
    "village_clinic_tcm_service": (0.8, 4, 5),  # 80% exactly
    "elderly_ehr_rate": (0.95, 11400, 12000),  # rates 97/80/90% average 89%
    "elderly_health_management_rate": (8750 / 12000, 8750, 12000),  # rates 75/60/65% average 66.7%
    "family_doctor_coverage": (1.0, 180000, 180000),
    "key_population_signing": (35400 / 56000, 35400, 56000),  # rates 70/40/50% average 53.3%
    "named_care_homes_signed": (3, 3, None),
    "health_centres_hospital_agreements": (3, 3, None),
    "health_centres_elderly_agreements": (3, 3, None),
    "gp_team_basic_home_services": (1.0, 4, 4),
    "home_medical_care_for_frail_elderly": (1.0, 4, 4),
    "signed_homes_regular_visits": (1.0, 3, 3),
    "central_home_integration_pilot": (1, 1, None),
    "community_centre_home_care_pilot": (1, 1, None),
}


@pytest.mark.parametrize("indicator", sorted(EXPECTED_MET))
def test_compliant_indicator_met(compliant, indicator):
    ind = by_id(check(compliant, AFTER_2020))[indicator]
    value, num, den = EXPECTED_MET[indicator]
    assert_ind(ind, "met", value, num, den, failing=[])


def test_compliant_area_groups_can_fail_while_total_is_met(compliant):
    ind = by_id(check(compliant, AFTER_2020))["elderly_ehr_rate"]
    assert groups(ind) == {
        "勐焕街道": (0.97, "met", 9700, 10000),
        "风平镇": (0.8, "not_met", 800, 1000),
        "遮放镇": (0.9, "not_met", 900, 1000),
    }


def test_compliant_summary(compliant):
    assert check(compliant, AFTER_2020)["summary"] == {
        "met": 17,
        "not_met": 0,
        "not_due": 0,
        "no_data": 0,
        "not_applicable": 0,
    }


# ---------------------------------------------------------------- staged targets


def test_family_doctor_coverage_30_percent_stage_in_2018(mixed_2017):
    ind = by_id(check(mixed_2017, dt.date(2018, 6, 30)))["family_doctor_coverage"]
    # Rates 40%, 10%, 15% average 21.7% (would fail 30%); the ratio of sums 32.2% passes.
    assert_ind(ind, "met", 58000 / 180000, 58000, 180000, failing=[])
    assert ind["target"] == {"comparator": ">=", "value": 0.3, "unit": "ratio", "deadline": "2017-12-31"}
    assert ind["next_target"] == {"comparator": ">=", "value": 1.0, "unit": "ratio", "deadline": "2020-12-31"}
    assert ind["gap"] == approx(58000 / 180000 - 0.3)
    assert groups(ind) == {
        "勐焕街道": (0.4, "met", 51200, 128000),
        "风平镇": (0.1, "not_met", 2000, 20000),
        "遮放镇": (0.15, "not_met", 4800, 32000),
    }


def test_family_doctor_coverage_2020_stage_applies_in_2021(compliant):
    ind = by_id(check(compliant, AFTER_2020))["family_doctor_coverage"]
    assert ind["target"] == {"comparator": ">=", "value": 1.0, "unit": "ratio", "deadline": "2020-12-31"}
    assert ind["next_target"] is None


def test_before_first_deadline_everything_not_due(mixed_2017):
    inds = by_id(check(mixed_2017, dt.date(2017, 6, 30)))
    ind = inds["key_population_signing"]
    assert_ind(ind, "not_due", 31200 / 56000, 31200, 56000)
    assert ind["gap"] == approx(31200 / 56000 - 0.6)
    assert ind["target"]["deadline"] == "2017-12-31"
    fd = inds["family_doctor_coverage"]
    assert fd["status"] == "not_due"
    assert (fd["target"]["value"], fd["next_target"]["value"]) == (0.3, 1.0)
    assert {i["status"] for i in inds.values()} == {"not_due"}


def test_2017_targets_due_in_2018_while_2020_targets_are_not(mixed_2017):
    inds = by_id(check(mixed_2017, dt.date(2018, 6, 30)))
    assert {i: s["status"] for i, s in inds.items()} == {
        "medical_green_channel": "not_due",
        "elderly_institution_medical_service": "not_due",
        "resident_family_doctor_signing": "not_due",
        "fengping_tcm_hall": "not_due",
        "village_clinic_tcm_service": "not_due",
        "elderly_ehr_rate": "not_due",
        "elderly_health_management_rate": "not_due",
        "family_doctor_coverage": "met",
        "key_population_signing": "not_met",
        "named_care_homes_signed": "not_due",
        "health_centres_hospital_agreements": "not_due",
        "health_centres_elderly_agreements": "not_due",
        "signed_homes_regular_visits": "not_due",
        "gp_team_basic_home_services": "not_due",
        "home_medical_care_for_frail_elderly": "not_due",
        # The two pilots belong to the first stage (2017年7月－12月).
        "central_home_integration_pilot": "not_met",
        "community_centre_home_care_pilot": "not_met",
    }


# ---------------------------------------------------------------- named units and missing data


def test_fengping_absent_is_no_data(tmp_path):
    medical = [r for r in COMPLIANT_MEDICAL if r[0] != "风平镇卫生院"]
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, medical, COMPLIANT_AREAS)
    ind = by_id(check(path, AFTER_2020))["fengping_tcm_hall"]
    assert_ind(ind, "no_data", None, 0, 0, [])
    assert ind["reason"] == "没有符合范围的单位"


def test_only_two_named_homes_present_is_not_met(tmp_path):
    homes = [
        ["芒市中心敬老院", "风平镇", 120, 95, "是", "是", 95],
        ["勐戛镇敬老院", "勐戛镇", 40, 31, "否", "√", 31],
        ["芒市康乐老年公寓", "芒市镇", 60, 35, "否", "是", 35],  # signed, but not named
    ]
    path = make_book(tmp_path / "b.xlsx", homes, COMPLIANT_MEDICAL, COMPLIANT_AREAS)
    inds = by_id(check(path, AFTER_2020))
    assert_ind(inds["named_care_homes_signed"], "not_met", 2, 2, None)
    assert_ind(inds["elderly_institution_medical_service"], "met", 1.0, 3, 3, [])


def test_blank_named_home_signing_is_no_data(tmp_path):
    homes = [list(r) for r in COMPLIANT_HOMES]
    homes[2][5] = None  # 遮放镇敬老院: signing cell blank
    path = make_book(tmp_path / "b.xlsx", homes, COMPLIANT_MEDICAL, COMPLIANT_AREAS)
    ind = by_id(check(path, AFTER_2020))["named_care_homes_signed"]
    assert (ind["status"], ind["value"], ind["unknown"]) == ("no_data", 2, 1)


def test_blank_area_cell_gives_no_data_group_and_known_sums(tmp_path):
    areas = [list(r) for r in COMPLIANT_AREAS]
    areas[1][4] = None  # 风平镇: 65+ electronic records blank
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, COMPLIANT_MEDICAL, areas)
    ind = by_id(check(path, AFTER_2020))["elderly_ehr_rate"]
    # Known: 10600 of 12000 = 88.3% (< 95%), but the blank could hold up to 1000 more (96.7%).
    assert_ind(ind, "no_data", 10600 / 12000, 10600, 12000)
    assert ind["unknown"] == 1
    assert groups(ind)["风平镇"] == (None, "no_data", None, None)
    assert sorted((f["name"], f["location"]) for f in ind["failing"]) == [
        ("遮放镇", "辖区统计!B6"),
        ("风平镇", "辖区统计!B5"),
    ]


def test_missing_column_is_no_data(tmp_path):
    i = MED_HEAD.index("是否设有中医馆")  # this column and the ones after it
    medical = [r[:i] for r in COMPLIANT_MEDICAL]
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, medical, COMPLIANT_AREAS, med_head=MED_HEAD[:i])
    inds = by_id(check(path, AFTER_2020))
    ind = inds["fengping_tcm_hall"]
    assert (ind["status"], ind["value"]) == ("no_data", None)
    assert ind["missing_fields"] == ["medical_institutions.tcm_hall"]
    assert inds["medical_green_channel"]["status"] == "met"


def test_zero_residents_is_not_applicable(tmp_path):
    homes = [r[:3] + [0] + r[4:6] + [0] for r in COMPLIANT_HOMES]
    path = make_book(tmp_path / "b.xlsx", homes, COMPLIANT_MEDICAL, COMPLIANT_AREAS)
    ind = by_id(check(path, AFTER_2020))["resident_family_doctor_signing"]
    assert_ind(ind, "not_applicable", None, 0, 0)


# ---------------------------------------------------------------- input integrity


def test_input_unchanged_and_sha256_reported(mixed):
    before = sha256(mixed)
    result = check(mixed, AFTER_2020)
    assert sha256(mixed) == before
    assert result["inputs"][0]["sha256"] == before


# ---------------------------------------------------------------- end to end through the CLI


def test_cli_exit_1_when_binding_target_fails(mixed):
    before = sha256(mixed)
    code, out, err = run_cli(mixed, "2021-01-01")
    assert code == 1, err
    assert out["inputs"][0]["sha256"] == before == sha256(mixed)
    assert out["summary"]["not_met"] == 17


def test_cli_exit_0_when_every_binding_target_met(compliant):
    code, out, err = run_cli(compliant, "2021-01-01")
    assert code == 0, err
    assert out["summary"] == {"met": 17, "not_met": 0, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_cli_2018_only_2017_stage_counts(tmp_path):
    # key_population_signing is the only failure; in 2018 it is due and fails the run, in 2017 not yet.
    areas = [[r[0], 2017, *r[2:]] for r in COMPLIANT_AREAS]  # data for the 2017 stage
    areas[0][8] = 16000  # 勐焕街道 key-population signing 40%: 23400/56000 overall
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, COMPLIANT_MEDICAL, areas)
    code, out, _ = run_cli(path, "2018-06-30")
    assert code == 1
    assert_ind(
        by_id(out)["key_population_signing"],
        "not_met",
        23400 / 56000,
        23400,
        56000,
        [("勐焕街道", "辖区统计!B4"), ("风平镇", "辖区统计!B5"), ("遮放镇", "辖区统计!B6")],
    )
    code, out, _ = run_cli(path, "2017-06-30")
    assert code == 0
    assert by_id(out)["key_population_signing"]["status"] == "not_due"


def test_area_data_dated_after_the_as_of_year_is_not_used(mixed):
    """2020 figures cannot show whether a 2017 target was met at mid-2018: no_data, with a warning."""
    result = check(mixed, dt.date(2018, 6, 30))
    ind = by_id(result)["family_doctor_coverage"]
    assert (ind["status"], ind["value"]) == ("no_data", None)
    assert [d["code"] for d in result["data_issues"]] == ["no_year_before_as_of"]
    assert "2020" in result["data_issues"][0]["message"] and "2018" in result["data_issues"][0]["message"]


def test_named_home_listed_twice_counts_once(tmp_path):
    """芒市中心敬老院 twice and 遮放镇敬老院 missing is two homes, not three."""
    homes = [list(r) for r in COMPLIANT_HOMES if r[0] != "遮放镇敬老院"]
    homes.append(list(next(r for r in COMPLIANT_HOMES if r[0] == "芒市中心敬老院")))
    path = make_book(tmp_path / "b.xlsx", homes, COMPLIANT_MEDICAL, COMPLIANT_AREAS)
    ind = by_id(check(path, AFTER_2020))["named_care_homes_signed"]
    assert (ind["status"], ind["value"]) == ("not_met", 2)
