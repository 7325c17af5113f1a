"""The Yiwu plan (yiwu-2023) on hand-made workbooks whose every answer is known in advance.

Each workbook is laid out like a submitted form: merged title row (row 1), 填报单位 line (row 2),
header row with units (row 3), a 序号 column A and the name in column B, so the n-th unit sits
on Excel row 3 + n; then a 合计 row and a footer.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import approx, assert_ind, by_id, check_plan, groups, run_cli_json, sha256
from formhelpers import write_form as _write_form

PLAN = "yiwu-2023"
write_form = partial(_write_form, reporter="填报单位（盖章）：义乌市民政局            填报时间：2026年1月")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


def run_cli(path: Path, as_of: str):
    return run_cli_json(path, PLAN, as_of)


AFTER_2025 = dt.date(2026, 1, 1)  # every target due
MID_2024 = dt.date(2024, 6, 30)  # only the 2023-06-20 targets due

# ---------------------------------------------------------------- workbook helpers

HOME_HEAD = [
    "机构名称",
    "乡镇（街道）",
    "床位数（张）",
    "入住老人数（人）",
    "是否内设医疗机构",
    "是否与医疗卫生机构签约合作",
    "是否医保定点",
    "是否特困人员供养服务机构",
    "内设医疗机构是否纳入医联体（医共体）管理",
    "是否有医疗机构定期巡诊",
    "是否县级（市级）特困人员供养服务机构",
]
MED_HEAD = [
    "机构名称",
    "乡镇（街道）",
    "机构类别",
    "等级",
    "所属医共体",
    "是否设立老年医学科",
    "是否设立康复医学科",
    "是否设有安宁疗护病区",
    "是否开展安宁疗护服务",
    "是否提供上门医疗服务",
    "上门服务是否投保责任险、医疗意外险、人身意外险",
    "上门服务是否配置工作记录仪、定位追踪、一键报警等装置",
    "康复护理床位数（张）",
    "是否能提供中医药服务",
    "老年护理床位数（张）",
    "安宁疗护床位数（张）",
    "是否提供康复服务",
    "是否提供家庭护理",
    "是否开展家庭病床服务",
]
FIN_HEAD = ["年度", "社会福利彩票公益金总额（万元）", "用于养老服务和医养结合的彩票公益金（万元）"]
AREA_HEAD = ["地区", "年度", "是否开展长期护理保险制度试点"]

ZX, ZY, EY = "义乌市中心医院医共体", "义乌市中医医院医共体", "义乌市第二人民医院医共体"


def pad(rows, head):
    """Rows written before a column was added leave its cells blank."""
    return None if rows is None else [list(r) + [None] * (len(head) - len(r)) for r in rows]


def make_book(
    path: Path, homes=None, hospitals=None, finance=None, home_head=HOME_HEAD, med_head=MED_HEAD, areas=None
) -> Path:
    homes, hospitals = pad(homes, home_head), pad(hospitals, med_head)
    wb = xlsxwriter.Workbook(str(path))
    if homes is not None:
        write_form(wb, "养老机构", "义乌市养老机构医养结合情况统计表", home_head, homes)
    if hospitals is not None:
        write_form(wb, "医疗卫生机构", "义乌市医疗卫生机构老年健康服务情况表", med_head, hospitals)
    if finance is not None:
        write_form(wb, "资金投入", "义乌市社会福利彩票公益金使用情况", FIN_HEAD, finance, with_total=False)
    if areas is not None:
        write_form(wb, "辖区统计", "义乌市长期护理保险工作情况", AREA_HEAD, areas, with_total=False)
    wb.close()
    return path


def drop_column(head, rows, header):
    i = head.index(header)
    return [h for h in head if h != header], [r[:i] + r[i + 1 :] for r in rows]


# ---------------------------------------------------------------- data
# Homes: 名称, 乡镇, 床位, 入住, 内设医疗机构, 签约, 医保定点, 特困供养, 内设机构纳入医共体, 定期巡诊,
#        县级（市级）特困供养机构

# Every target fails; rows 4..8 of 养老机构.
MIXED_HOMES = [
    ["义乌市社会福利中心", "稠城街道", 150, 120, "否", "是", None, "是", None, "是", "是"],  # B4 county level, no unit
    ["稠城颐养院", "稠城街道", 100, 80, "无", "√", None, "否", None, "否", "否"],  # B5 exactly 100 beds
    ["佛堂镇敬老院", "佛堂镇", 99, 70, "否", "×", None, "是", None, "×", "否"],  # B6 99 beds, unsigned
    ["佛堂康养中心", "佛堂镇", 120, 90, "有", "否", "×", "否", "否", "是", "否"],  # B7 unsigned, not insured
    ["后宅老年公寓", "后宅街道", 60, 40, "有", "是", "是", "否", "是", "√", "否"],  # B8
]
COMPLIANT_HOMES = [
    ["义乌市社会福利中心", "稠城街道", 150, 120, "是", "是", "是", "是", "是", "是", "是"],
    ["稠城颐养院", "稠城街道", 100, 80, "有", "√", "√", "否", "√", "有", "否"],  # exactly 100: in scope, has unit
    ["佛堂镇敬老院", "佛堂镇", 99, 70, "否", "是", None, "是", None, "是", "否"],  # 99: out of scope, no unit
    ["后宅老年公寓", "后宅街道", 60, 40, "×", "有", None, "否", None, "√", "否"],
]
# Hospitals: 名称, 乡镇, 类别, 等级, 医共体, 老年医学科, 康复医学科, 安宁疗护病区, 安宁疗护服务,
#            上门医疗服务, 上门服务投保, 上门服务安全装置, 康复护理床位, 中医药服务,
#            老年护理床位, 安宁疗护床位, 康复服务, 家庭护理, 家庭病床
MIXED_HOSPITALS = [
    [
        "义乌市中心医院",
        "稠城街道",
        "综合医院",
        "三级",
        ZX,
        "是",
        "是",
        "否",
        "是",
        "否",
        None,
        None,
        40,
        "是",
        30,
        0,
        "是",
        "否",
        "否",
    ],  # B4
    [
        "义乌市中医医院",
        "稠城街道",
        "中医院",
        "三级",
        ZY,
        "√",
        "是",
        "否",
        "否",
        "是",
        "是",
        "是",
        30,
        "是",
        20,
        0,
        "是",
        "否",
        "否",
    ],  # B5 中医院
    [
        "义乌市第二人民医院",
        "佛堂镇",
        "综合医院",
        "二级",
        EY,
        "否",
        "是",
        "否",
        "是",
        "是",
        "否",
        "是",
        20,
        "是",
        0,
        0,
        "是",
        "否",
        "否",
    ],  # B6 no geriatrics, uninsured
    [
        "义乌复元第一医院",
        "后宅街道",
        "综合医院",
        "参照二级",
        None,
        "是",
        "×",
        "否",
        "否",
        "否",
        None,
        None,
        0,
        "否",
    ],  # B7 no rehab
    [
        "义乌市妇幼保健院",
        "江东街道",
        "专科医院",
        "二级",
        None,
        "否",
        "否",
        "否",
        "否",
        "否",
        None,
        None,
        0,
        "否",
    ],  # B8 out of scope
    [
        "义乌稠江医院",
        "稠江街道",
        "综合医院",
        "一级",
        None,
        "否",
        "否",
        "否",
        "否",
        "否",
        None,
        None,
        0,
        "否",
    ],  # B9 out of scope
    [
        "稠城街道社区卫生服务中心",
        "稠城街道",
        "社区卫生服务中心",
        "一级",
        ZX,
        "否",
        "否",
        "否",
        "是",
        "是",
        "是",
        "否",
        0,
        "是",
        0,
        0,
        "是",
        "是",
        "是",
    ],  # B10 no devices, no beds
    [
        "佛堂镇卫生院",
        "佛堂镇",
        "乡镇卫生院",
        "一级",
        EY,
        "否",
        "否",
        "否",
        "否",
        "是",
        "√",
        "有",
        10,
        "否",
        0,
        0,
        "是",
        "是",
        "×",
    ],  # B11 no TCM, no hospice
    [
        "后宅街道社区卫生服务中心",
        "后宅街道",
        "社区卫生服务中心",
        "一级",
        ZY,
        "否",
        "有",
        "否",
        "有",
        "否",
        None,
        None,
        0,
        "有",
        0,
        0,
        "否",
        "无",
        "否",
    ],  # B12 no beds of any kind
]
COMPLIANT_HOSPITALS = [
    [
        "义乌市中心医院",
        "稠城街道",
        "综合医院",
        "三级",
        ZX,
        "是",
        "是",
        "是",
        "是",
        "否",
        None,
        None,
        40,
        "是",
        30,
        10,
        "是",
        "否",
        "否",
    ],
    [
        "义乌市中医医院",
        "稠城街道",
        "中医院",
        "三级",
        ZY,
        "√",
        "√",
        "否",
        "否",
        "是",
        "是",
        "是",
        30,
        "是",
        20,
        0,
        "是",
        "否",
        "否",
    ],
    [
        "义乌市第二人民医院",
        "佛堂镇",
        "综合医院",
        "二级",
        EY,
        "是",
        "是",
        "否",
        "否",
        "是",
        "是",
        "√",
        20,
        "是",
        0,
        0,
        "是",
        "否",
        "否",
    ],
    ["义乌复元第一医院", "后宅街道", "综合医院", "参照二级", None, "是", "有", "否", "否", "否", None, None, 0, "否"],
    ["义乌市妇幼保健院", "江东街道", "专科医院", "二级", None, "否", "否", "否", "否", "否", None, None, 0, "否"],
    ["义乌稠江医院", "稠江街道", "综合医院", "一级", None, "否", "否", "否", "否", "否", None, None, 0, "否"],
    [
        "稠城街道社区卫生服务中心",
        "稠城街道",
        "社区卫生服务中心",
        "一级",
        ZX,
        "否",
        "否",
        "否",
        "是",
        "是",
        "是",
        "是",
        5,
        "是",
        0,
        0,
        "是",
        "是",
        "是",
    ],
    [
        "佛堂镇卫生院",
        "佛堂镇",
        "乡镇卫生院",
        "一级",
        EY,
        "否",
        "否",
        "否",
        "√",
        "是",
        "√",
        "有",
        10,
        "√",
        0,
        2,
        "√",
        "有",
        "有",
    ],
    # No 康复护理 beds but 老年护理 beds: meets the bed duty, and its nursing beds count as 护理.
    [
        "后宅街道社区卫生服务中心",
        "后宅街道",
        "社区卫生服务中心",
        "一级",
        ZY,
        "否",
        "有",
        "否",
        "有",
        "否",
        None,
        None,
        0,
        "有",
        6,
        0,
        "是",
        "否",
        "是",
    ],
]
# 2024: 1100/2000 = 55% exactly (met); 2025: 1405/2650 = 53.0% (not met) or 1590/2650 = 60% (met).
MIXED_FINANCE = [[2024, 2000, 1100], [2025, "2,650", "1,405"]]
COMPLIANT_FINANCE = [[2024, 2000, 1100], [2025, "2,650", "1,590"]]
# 长期护理保险: the city's own row, one per year.
MIXED_AREAS = [["义乌市", 2024, "否"], ["义乌市", 2025, "否"]]
COMPLIANT_AREAS = [["义乌市", 2024, "是"], ["义乌市", 2025, "是"]]


@pytest.fixture
def mixed(tmp_path):
    return make_book(tmp_path / "mixed.xlsx", MIXED_HOMES, MIXED_HOSPITALS, MIXED_FINANCE, areas=MIXED_AREAS)


@pytest.fixture
def compliant(tmp_path):
    return make_book(
        tmp_path / "compliant.xlsx", COMPLIANT_HOMES, COMPLIANT_HOSPITALS, COMPLIANT_FINANCE, areas=COMPLIANT_AREAS
    )


# ---------------------------------------------------------------- every indicator, not met


def test_mixed_workbook_is_read_as_laid_out(mixed):
    tables = {t["sheet"]: t for t in check(mixed, AFTER_2025)["inputs"][0]["tables"]}
    assert tables["养老机构"]["header_row"] == 3
    assert tables["养老机构"]["rows"] == 5
    assert {"row": 9, "reason": "total"} in tables["养老机构"]["skipped_rows"]
    assert tables["医疗卫生机构"]["rows"] == 9
    assert tables["资金投入"]["rows"] == 2
    assert tables["辖区统计"]["rows"] == 2
    # Both yearly tables hold 2024 and 2025: the latest year up to the as-of date is used in each.
    issues = check(mixed, AFTER_2025)["data_issues"]
    assert [i["code"] for i in issues] == ["year_selected", "year_selected"]
    assert [i["message"][:4] for i in issues] == ["资金投入", "辖区统计"]


def test_special_care_facility_without_medical_unit_is_not_met(mixed):
    ind = by_id(check(mixed, AFTER_2025))["special_care_facility_with_medical_care"]
    # The county-level facility has no medical unit; the township 敬老院 (B6) is special-care but not
    # county level; homes with a unit are not special-care.
    assert_ind(ind, "not_met", 0, 0, None)
    assert ind["gap"] == -1
    assert ind["scope"] == "region"


def test_special_care_facility_must_be_county_level(tmp_path):
    homes = [list(r) for r in COMPLIANT_HOMES]
    homes[0][10] = "否"  # 社会福利中心 said not county level
    homes[2][4] = "有"  # 佛堂镇敬老院: special-care with a unit, township
    path = make_book(tmp_path / "b.xlsx", homes, COMPLIANT_HOSPITALS, COMPLIANT_FINANCE, areas=COMPLIANT_AREAS)
    assert_ind(by_id(check(path, AFTER_2025))["special_care_facility_with_medical_care"], "not_met", 0, 0, None)
    homes[0][10] = None  # blank: could be either, never a pass
    path = make_book(tmp_path / "c.xlsx", homes, COMPLIANT_HOSPITALS, COMPLIANT_FINANCE, areas=COMPLIANT_AREAS)
    ind = by_id(check(path, AFTER_2025))["special_care_facility_with_medical_care"]
    assert (ind["status"], ind["value"], ind["unknown"]) == ("no_data", 0, 1)
    # A form without the 县级 column cannot tell at all.
    head, rows = drop_column(HOME_HEAD, COMPLIANT_HOMES, "是否县级（市级）特困人员供养服务机构")
    path = make_book(
        tmp_path / "d.xlsx", rows, COMPLIANT_HOSPITALS, COMPLIANT_FINANCE, home_head=head, areas=COMPLIANT_AREAS
    )
    ind = by_id(check(path, AFTER_2025))["special_care_facility_with_medical_care"]
    assert ind["missing_fields"] == ["elderly_institutions.county_level_facility"]


def test_large_home_medical_unit_not_met_counts_100_beds_but_not_99(mixed):
    ind = by_id(check(mixed, AFTER_2025))["large_home_medical_unit"]
    # In scope: 150 (no unit), 100 (no unit), 120 (unit); the 99-bed home without a unit is out.
    assert_ind(ind, "not_met", 1 / 3, 1, 3, [("义乌市社会福利中心", "养老机构!B4"), ("稠城颐养院", "养老机构!B5")])
    assert ind["severity"] == "advisory"


def test_signing_rate_not_met_lists_unsigned_homes(mixed):
    ind = by_id(check(mixed, AFTER_2025))["elderly_institution_signing_rate"]
    assert_ind(ind, "not_met", 0.6, 3, 5, [("佛堂镇敬老院", "养老机构!B6"), ("佛堂康养中心", "养老机构!B7")])
    assert ind["gap"] == pytest.approx(-0.4)
    assert groups(ind) == {"稠城街道": (1, "met", 2, 2), "佛堂镇": (0, "not_met", 0, 2), "后宅街道": (1, "met", 1, 1)}


def test_medical_service_not_met_only_for_home_with_neither_form(mixed):
    ind = by_id(check(mixed, AFTER_2025))["elderly_institution_medical_service"]
    # 佛堂康养中心 is unsigned but has a unit: it provides care; 佛堂镇敬老院 has neither.
    assert_ind(ind, "not_met", 0.8, 4, 5, [("佛堂镇敬老院", "养老机构!B6")])


def test_geriatrics_not_met_scope_is_grade2_general_and_tcm(mixed):
    ind = by_id(check(mixed, AFTER_2025))["geriatrics_dept_coverage"]
    # In scope: 中心医院 (三级), 中医院 (read as 中医医院), 二级, 参照二级 = 4; not 专科医院 or 一级.
    assert_ind(ind, "not_met", 0.75, 3, 4, [("义乌市第二人民医院", "医疗卫生机构!B6")])
    assert groups(ind) == {"稠城街道": (1, "met", 2, 2), "佛堂镇": (0, "not_met", 0, 1), "后宅街道": (1, "met", 1, 1)}


def test_rehab_not_met(mixed):
    ind = by_id(check(mixed, AFTER_2025))["rehab_dept_coverage"]
    assert_ind(ind, "not_met", 0.75, 3, 4, [("义乌复元第一医院", "医疗卫生机构!B7")])


def test_hospice_ward_count_zero_is_not_met(mixed):
    ind = by_id(check(mixed, AFTER_2025))["hospice_ward_count"]
    assert_ind(ind, "not_met", 0, 0, None)


def test_medical_community_without_primary_hospice_site_is_failing(mixed):
    ind = by_id(check(mixed, AFTER_2025))["medical_community_hospice_service"]
    # 二院医共体: its hospital gives hospice care but its only 基层院区 (佛堂镇卫生院) does not.
    assert_ind(ind, "not_met", 2 / 3, 2, 3)
    assert [f["name"] for f in ind["failing"]] == [EY]
    assert ind["failing"][0]["detail"] == "0 个（至少需要 1 个）"
    # Pointed at the 所属医共体 cell of its 基层院区 (佛堂镇卫生院), the row to look at.
    assert ind["failing"][0]["location"] == "医疗卫生机构!F11"
    assert {g["group"]: (g["value"], g["status"]) for g in ind["groups"]} == {
        ZX: (1, "met"),
        ZY: (1, "met"),
        EY: (0, "not_met"),
    }
    assert ind["scope"] == "area"


def test_medical_community_with_no_primary_site_at_all_is_failing(tmp_path):
    hospitals = COMPLIANT_HOSPITALS + [
        ["义乌复元医院", "后宅街道", "综合医院", "二级", "复元医共体", "是", "是", "否", "是"]
    ]
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, hospitals, COMPLIANT_FINANCE)
    ind = by_id(check(path, AFTER_2025))["medical_community_hospice_service"]
    assert_ind(ind, "not_met", 0.75, 3, 4)
    # No 基层院区 at all: pointed at the first row naming the 医共体.
    assert [(f["name"], f["location"]) for f in ind["failing"]] == [("复元医共体", "医疗卫生机构!F13")]


def test_lottery_fund_not_met_uses_as_of_year(mixed):
    result = check(mixed, AFTER_2025)
    ind = by_id(result)["lottery_fund_share"]
    # 2026 has no row: the latest year before it (2025) is used, not the sum of both years.
    assert_ind(ind, "not_met", 1405 / 2650, 1405, 2650)
    assert ind["target"]["value"] == pytest.approx(0.55)
    assert any(i["code"] == "year_selected" for i in result["data_issues"])


def test_insurance_designation_not_met_over_homes_with_a_unit(mixed):
    ind = by_id(check(mixed, AFTER_2025))["internal_medical_unit_insurance"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("佛堂康养中心", "养老机构!B7")])


def test_internal_unit_outside_medical_community_is_listed(mixed):
    ind = by_id(check(mixed, AFTER_2025))["internal_medical_unit_in_community"]
    # Scope: homes with a unit (B7, B8); the blank cells of homes without one are out of scope.
    assert_ind(ind, "not_met", 0.5, 1, 2, [("佛堂康养中心", "养老机构!B7")])
    assert ind["severity"] == "mandatory"


def test_regular_visits_advisory_over_every_home(mixed):
    ind = by_id(check(mixed, AFTER_2025))["home_regular_medical_visits"]
    assert_ind(ind, "not_met", 0.6, 3, 5, [("稠城颐养院", "养老机构!B5"), ("佛堂镇敬老院", "养老机构!B6")])
    assert ind["severity"] == "advisory"


def test_home_visit_insurance_and_devices_only_for_institutions_making_visits(mixed):
    inds = by_id(check(mixed, AFTER_2025))
    # In scope: 中医院 B5, 二院 B6, 稠城 B10, 佛堂 B11 (上门医疗服务 = 是); the others make no visits.
    assert_ind(
        inds["home_visit_liability_insurance"], "not_met", 0.75, 3, 4, [("义乌市第二人民医院", "医疗卫生机构!B6")]
    )
    assert_ind(
        inds["home_visit_safety_devices"], "not_met", 0.75, 3, 4, [("稠城街道社区卫生服务中心", "医疗卫生机构!B10")]
    )
    assert inds["home_visit_liability_insurance"]["severity"] == "mandatory"


def test_primary_care_beds_and_tcm_are_mandatory(mixed):
    inds = by_id(check(mixed, AFTER_2025))
    # Scope: the three 基层 centres B10, B11, B12; 0 beds of every kind is a known "no", not missing.
    assert_ind(
        inds["primary_care_elderly_beds"],
        "not_met",
        1 / 3,
        1,
        3,
        [("稠城街道社区卫生服务中心", "医疗卫生机构!B10"), ("后宅街道社区卫生服务中心", "医疗卫生机构!B12")],
    )
    assert_ind(inds["primary_care_tcm_service"], "not_met", 2 / 3, 2, 3, [("佛堂镇卫生院", "医疗卫生机构!B11")])
    # 要积极创造条件: 要 is binding.
    assert {inds[i]["severity"] for i in ("primary_care_elderly_beds", "primary_care_tcm_service")} == {"mandatory"}


@pytest.mark.parametrize(
    "beds, status",
    [
        ((0, 6, 0), "met"),  # 老年护理 beds only
        ((0, 0, 2), "met"),  # 安宁疗护 beds only
        ((0, 0, 0), "not_met"),  # none of the kinds the sentence names
        ((0, None, 0), "no_data"),  # a blank could be a bed: unknown
        ((3, None, None), "met"),  # one kind known is enough
    ],
)
def test_primary_care_beds_any_kind_the_sentence_names(tmp_path, beds, status):
    hospitals = [list(r) for r in COMPLIANT_HOSPITALS]
    rehab, nursing, hospice = beds
    hospitals[8][12], hospitals[8][14], hospitals[8][15] = rehab, nursing, hospice  # 后宅 centre, B12
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, hospitals, COMPLIANT_FINANCE, areas=COMPLIANT_AREAS)
    ind = by_id(check(path, AFTER_2025))["primary_care_elderly_beds"]
    assert ind["status"] == status
    if status != "met":
        assert [(f["name"], f["location"]) for f in ind["failing"]] == [
            ("后宅街道社区卫生服务中心", "医疗卫生机构!B12")
        ]


def test_primary_care_services_family_beds_and_ltc_are_advisory(mixed):
    inds = by_id(check(mixed, AFTER_2025))
    ind = inds["primary_care_rehab_nursing_hospice"]
    # B10 offers all three; B11 gives no hospice care; B12 neither rehabilitation nor nursing (home or beds).
    assert_ind(
        ind,
        "not_met",
        1 / 3,
        1,
        3,
        [("佛堂镇卫生院", "医疗卫生机构!B11"), ("后宅街道社区卫生服务中心", "医疗卫生机构!B12")],
    )
    assert ind["failing"][0]["detail"] == "未满足：安宁疗护；缺数据：-"
    assert ind["failing"][1]["detail"] == "未满足：康复、护理；缺数据：-"
    assert_ind(
        inds["primary_care_family_beds"],
        "not_met",
        1 / 3,
        1,
        3,
        [("佛堂镇卫生院", "医疗卫生机构!B11"), ("后宅街道社区卫生服务中心", "医疗卫生机构!B12")],
    )
    # 义乌市's 2025 row (the as-of year's) says no long-term-care insurance work.
    assert_ind(inds["ltc_insurance_pilot"], "not_met", 0, 0, None)
    assert {
        inds[i]["severity"]
        for i in ("primary_care_rehab_nursing_hospice", "primary_care_family_beds", "ltc_insurance_pilot")
    } == {"advisory"}


def test_mixed_summary_every_indicator_not_met(mixed):
    result = check(mixed, AFTER_2025)
    assert result["summary"] == {"met": 0, "not_met": 19, "not_due": 0, "no_data": 0, "not_applicable": 0}


# ---------------------------------------------------------------- every indicator, met

EXPECTED_MET = {
    "special_care_facility_with_medical_care": (1, 1, None),
    "large_home_medical_unit": (1.0, 2, 2),  # 150 and exactly 100 beds; the 99-bed home is out
    "elderly_institution_signing_rate": (1.0, 4, 4),
    "elderly_institution_medical_service": (1.0, 4, 4),
    "geriatrics_dept_coverage": (1.0, 4, 4),
    "rehab_dept_coverage": (1.0, 4, 4),
    "hospice_ward_count": (1, 1, None),
    "medical_community_hospice_service": (1.0, 3, 3),
    "lottery_fund_share": (0.6, 1590, 2650),
    "internal_medical_unit_insurance": (1.0, 2, 2),
    "internal_medical_unit_in_community": (1.0, 2, 2),
    "home_regular_medical_visits": (1.0, 4, 4),
    "home_visit_liability_insurance": (1.0, 4, 4),
    "home_visit_safety_devices": (1.0, 4, 4),
    "primary_care_elderly_beds": (1.0, 3, 3),
    "primary_care_tcm_service": (1.0, 3, 3),
    "primary_care_rehab_nursing_hospice": (1.0, 3, 3),  # 后宅's 护理 is its nursing beds, not home nursing
    "primary_care_family_beds": (1.0, 3, 3),
    "ltc_insurance_pilot": (1, 1, None),
}


@pytest.mark.parametrize("indicator", sorted(EXPECTED_MET))
def test_compliant_indicator_met(compliant, indicator):
    ind = by_id(check(compliant, AFTER_2025))[indicator]
    value, num, den = EXPECTED_MET[indicator]
    assert_ind(ind, "met", value, num, den, failing=[])


def test_compliant_summary(compliant):
    assert check(compliant, AFTER_2025)["summary"] == {
        "met": 19,
        "not_met": 0,
        "not_due": 0,
        "no_data": 0,
        "not_applicable": 0,
    }


# ---------------------------------------------------------------- deadlines


def test_targets_due_2025_are_not_due_in_2024_with_value_and_gap(mixed):
    inds = by_id(check(mixed, MID_2024))
    expected = {  # id: (value, numerator, denominator, gap)
        "special_care_facility_with_medical_care": (0, 0, None, -1),
        "geriatrics_dept_coverage": (0.75, 3, 4, -0.25),
        "rehab_dept_coverage": (0.75, 3, 4, -0.25),
        "hospice_ward_count": (0, 0, None, -1),
        "medical_community_hospice_service": (2 / 3, 2, 3, -1 / 3),
    }
    for iid, (value, num, den, gap) in expected.items():
        ind = inds[iid]
        assert_ind(ind, "not_due", value, num, den)
        assert ind["gap"] == approx(gap), iid
        assert ind["target"]["deadline"] == "2025-12-31"


STANDING = (
    "large_home_medical_unit",
    "elderly_institution_signing_rate",
    "elderly_institution_medical_service",
    "internal_medical_unit_insurance",
    "lottery_fund_share",
    "internal_medical_unit_in_community",
    "home_regular_medical_visits",
    "home_visit_liability_insurance",
    "home_visit_safety_devices",
    "primary_care_elderly_beds",
    "primary_care_tcm_service",
    "primary_care_rehab_nursing_hospice",
    "primary_care_family_beds",
    "ltc_insurance_pilot",
)


def test_targets_dated_2023_06_20_are_due_in_2024(mixed):
    inds = by_id(check(mixed, MID_2024))
    # Every undated sentence is a standing requirement due from the effective date (plan notes).
    assert {i: inds[i]["status"] for i in STANDING} == {
        **dict.fromkeys(STANDING, "not_met"),
        "lottery_fund_share": "met",
    }
    assert {inds[i]["target"]["deadline"] for i in STANDING} == {"2023-06-20"}
    assert {i for i, ind in inds.items() if ind["target"]["deadline"] == "2025-12-31"} == {
        "special_care_facility_with_medical_care",
        "geriatrics_dept_coverage",
        "rehab_dept_coverage",
        "hospice_ward_count",
        "medical_community_hospice_service",
    }


def test_deadline_day_itself_is_due(mixed):
    inds = by_id(check(mixed, dt.date(2025, 12, 31)))
    assert inds["geriatrics_dept_coverage"]["status"] == "not_met"
    assert by_id(check(mixed, dt.date(2025, 12, 30)))["geriatrics_dept_coverage"]["status"] == "not_due"


@pytest.mark.parametrize(
    "as_of, year_used, status",
    [
        (dt.date(2024, 6, 30), 2024, "met"),  # 1100/2000 = 55% exactly: 55%以上 includes 55%
        (dt.date(2025, 7, 1), 2025, "not_met"),  # 1405/2650
    ],
)
def test_finance_row_of_as_of_year(mixed, as_of, year_used, status):
    result = check(mixed, as_of)
    ind = by_id(result)["lottery_fund_share"]
    num, den = {2024: (1100, 2000), 2025: (1405, 2650)}[year_used]
    assert_ind(ind, status, num / den, num, den)
    assert [i["code"] for i in result["data_issues"]] == ["year_selected", "year_selected"]  # 资金投入, 辖区统计


# ---------------------------------------------------------------- missing versus zero


@pytest.mark.parametrize("blank", [None, "—", "/"])
def test_blank_signing_among_signed_homes_is_no_data(tmp_path, blank):
    homes = [
        ["甲养老院", "稠城街道", 80, 60, "是", "是", "是", "否"],
        ["乙养老院", "稠城街道", 80, 60, "是", blank, "是", "否"],  # B5
        ["丙养老院", "佛堂镇", 80, 60, "否", "√", None, "否"],
        ["丁养老院", "佛堂镇", 80, 60, "否", "有", None, "否"],
    ]
    path = make_book(tmp_path / "b.xlsx", homes, COMPLIANT_HOSPITALS, COMPLIANT_FINANCE)
    inds = by_id(check(path, AFTER_2025))
    ind = inds["elderly_institution_signing_rate"]
    # Known cells give 3/3, but the blank one could be either: 100% cannot be decided.
    assert_ind(ind, "no_data", 1.0, 3, 3, [("乙养老院", "养老机构!B5")])
    assert ind["unknown"] == 1
    assert ind["failing"][0]["detail"] == "数据缺失，无法判断"
    # The blank home has an internal medical unit, so it provides care whatever its signing.
    assert_ind(inds["elderly_institution_medical_service"], "met", 1.0, 4, 4, [])


def test_blank_signing_with_an_unsigned_home_stays_not_met(tmp_path):
    homes = [
        ["甲养老院", "稠城街道", 80, 60, "否", "是", None, "否"],
        ["乙养老院", "稠城街道", 80, 60, "否", None, None, "否"],  # B5 blank
        ["丙养老院", "佛堂镇", 80, 60, "否", "否", None, "否"],  # B6 unsigned
        ["丁养老院", "佛堂镇", 80, 60, "否", "√", None, "否"],
    ]
    path = make_book(tmp_path / "b.xlsx", homes, COMPLIANT_HOSPITALS, COMPLIANT_FINANCE)
    inds = by_id(check(path, AFTER_2025))
    ind = inds["elderly_institution_signing_rate"]
    assert_ind(ind, "not_met", 2 / 3, 2, 3, [("丙养老院", "养老机构!B6"), ("乙养老院", "养老机构!B5")])
    assert ind["unknown"] == 1
    # Same for "unit or signed": the blank home has no unit and an unknown signing.
    assert_ind(
        inds["elderly_institution_medical_service"],
        "not_met",
        2 / 3,
        2,
        3,
        [("丙养老院", "养老机构!B6"), ("乙养老院", "养老机构!B5")],
    )


def test_no_grade2_hospital_is_not_applicable(tmp_path):
    hospitals = [
        ["义乌市妇幼保健院", "江东街道", "专科医院", "二级", None, "否", "否", "否", "否"],
        ["义乌稠江医院", "稠江街道", "综合医院", "一级", None, "否", "否", "是", "否"],
        ["佛堂镇卫生院", "佛堂镇", "乡镇卫生院", "一级", EY, "否", "否", "否", "是"],
    ]
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, hospitals, COMPLIANT_FINANCE)
    inds = by_id(check(path, AFTER_2025))
    for iid in ("geriatrics_dept_coverage", "rehab_dept_coverage"):
        assert_ind(inds[iid], "not_applicable", None, 0, 0, [])
        assert inds[iid]["gap"] is None
    assert_ind(inds["hospice_ward_count"], "met", 1, 1, None)
    assert by_id(check(path, MID_2024))["geriatrics_dept_coverage"]["status"] == "not_due"


def test_missing_column_is_no_data_with_missing_fields(tmp_path):
    med_head, hospitals = drop_column(MED_HEAD, COMPLIANT_HOSPITALS, "是否开展安宁疗护服务")
    home_head, homes = drop_column(HOME_HEAD, COMPLIANT_HOMES, "是否医保定点")
    path = make_book(tmp_path / "b.xlsx", homes, hospitals, COMPLIANT_FINANCE, home_head=home_head, med_head=med_head)
    inds = by_id(check(path, AFTER_2025))
    ind = inds["medical_community_hospice_service"]
    assert (ind["status"], ind["value"]) == ("no_data", None)
    assert ind["missing_fields"] == ["medical_institutions.hospice_service"]
    ind = inds["internal_medical_unit_insurance"]
    assert (ind["status"], ind["value"]) == ("no_data", None)
    assert ind["missing_fields"] == ["elderly_institutions.insurance_designated"]
    # The other indicators on those sheets are unaffected.
    assert inds["hospice_ward_count"]["status"] == "met"
    assert inds["elderly_institution_signing_rate"]["status"] == "met"
    # Before the 2025 deadline the missing column does not make the target no_data.
    later = by_id(check(path, MID_2024))["medical_community_hospice_service"]
    assert later["status"] == "not_due"
    assert later["missing_fields"] == ["medical_institutions.hospice_service"]


def test_missing_finance_sheet_is_no_data(tmp_path):
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, COMPLIANT_HOSPITALS, None)
    ind = by_id(check(path, AFTER_2025))["lottery_fund_share"]
    assert ind["status"] == "no_data"
    assert ind["missing_fields"] == ["finance.lottery_fund_elderly", "finance.lottery_fund_total"]


# ---------------------------------------------------------------- input integrity


def test_input_unchanged_and_sha256_reported(mixed):
    before = sha256(mixed)
    result = check(mixed, AFTER_2025)
    assert sha256(mixed) == before
    assert result["inputs"][0]["sha256"] == before


# ---------------------------------------------------------------- end to end through the CLI


def test_cli_exit_1_when_binding_target_fails(mixed):
    before = sha256(mixed)
    code, out, err = run_cli(mixed, "2026-01-01")
    assert code == 1, err
    assert out["inputs"][0]["sha256"] == before == sha256(mixed)
    assert by_id(out)["elderly_institution_signing_rate"]["status"] == "not_met"


def test_cli_exit_0_when_binding_met_despite_advisory_failures(tmp_path):
    homes = [list(r) for r in COMPLIANT_HOMES]
    homes[0][6] = "否"  # 社会福利中心 not insured: advisory insurance target fails
    homes[1][4] = "无"  # 100-bed 稠城颐养院 without a unit (still signed): advisory 100-bed target fails
    hospitals = [list(r) for r in COMPLIANT_HOSPITALS]
    hospitals[7][8] = "否"  # 佛堂镇卫生院: 二院医共体 has no hospice site (advisory)
    path = make_book(tmp_path / "advisory.xlsx", homes, hospitals, COMPLIANT_FINANCE, areas=MIXED_AREAS)
    code, out, err = run_cli(path, "2026-01-01")
    assert code == 0, err
    inds = by_id(out)
    # 佛堂镇卫生院 without hospice care also misses the (九) 康复、护理、安宁疗护 encouragement; no
    # long-term-care insurance work is advice as well.
    advisory = {
        "large_home_medical_unit",
        "internal_medical_unit_insurance",
        "medical_community_hospice_service",
        "primary_care_rehab_nursing_hospice",
        "ltc_insurance_pilot",
    }
    assert {i["id"] for i in out["indicators"] if i["status"] != "met"} == advisory
    assert all(inds[i]["status"] == "not_met" and inds[i]["severity"] == "advisory" for i in advisory)
    assert [f["name"] for f in inds["medical_community_hospice_service"]["failing"]] == [EY]


def test_cli_failure_not_yet_due_does_not_fail_the_run(tmp_path):
    hospitals = [list(r) for r in COMPLIANT_HOSPITALS]
    hospitals[2][5] = "否"  # 第二人民医院 without geriatrics: due only at 2025-12-31
    path = make_book(tmp_path / "b.xlsx", COMPLIANT_HOMES, hospitals, COMPLIANT_FINANCE)
    code, out, _ = run_cli(path, "2024-06-30")
    assert code == 0
    assert by_id(out)["geriatrics_dept_coverage"]["status"] == "not_due"
    code, out, _ = run_cli(path, "2026-01-01")
    assert code == 1
    assert_ind(
        by_id(out)["geriatrics_dept_coverage"], "not_met", 0.75, 3, 4, [("义乌市第二人民医院", "医疗卫生机构!B6")]
    )
