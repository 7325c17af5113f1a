"""shanghai (seed 003 篇十一): readings of the plan on hand-made forms, and the plan on the real
register of 626 Shanghai elderly-care institutions (../shared/realdata, skipped when absent).

The sample's figures are in tests/samples/shanghai.yaml. Hand-made forms follow
tests/formhelpers.write_form: the n-th unit sits on Excel row 3 + n with its name in column B.
The plan's years are erased in the seed, so no target has a deadline: every one is due at any date.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "shanghai"
AS_OF = dt.date(2025, 6, 30)
REALDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "realdata"
REAL_HOMES = REALDATA / "shanghai_elderly_institutions.csv"
write_form = partial(_write_form, reporter="填报单位（盖章）：上海市长宁区民政局")


def check(path: Path, as_of: dt.date = AS_OF) -> dict:
    return check_plan(path, PLAN, as_of)


# ---------------------------------------------------------------- the plan


def test_general_hospital_green_channel_any_grade(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "g.xlsx"))
    write_form(
        wb,
        "医疗卫生机构",
        "医疗机构为养老机构开通绿色通道情况",
        ["机构名称", "区", "机构类别", "等级", "是否为养老机构开通预约就诊绿色通道"],
        [
            ["甲医院", "甲区", "综合医院", "三级", "是"],
            ["乙医院", "甲区", "综合医院", "一级", "否"],  # B5 any grade is in scope
            ["丙中医医院", "甲区", "中医医院", "三级", "否"],
        ],
    )  # out of scope
    wb.close()
    ind = by_id(check(tmp_path / "g.xlsx"))["general_hospital_home_green_channel"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("乙医院", "医疗卫生机构!B5")])

    # The referral half of the sentence stays a commitment.
    from yiyang_cli.plan import load_plan

    quotes = [c.quote for c in load_plan(PLAN).commitments]
    assert any(q.startswith("综合性医疗机构要与养老机构建立急救绿色通道和转诊机制") for q in quotes)


# ---------------------------------------------------------------- hand-made forms for each reading

HOME_HEAD = [
    "机构名称",
    "街道（镇）",
    "床位数（张）",
    "护理型床位数（张）",
    "是否内设医疗机构",
    "是否与医疗机构邻近设置或整合设置",
    "是否与医疗卫生机构签约合作",
]
MED_HEAD = ["机构名称", "街道（镇）", "机构类别", "等级", "老年护理床位数（张）", "年内到养老机构开展义诊次数（次）"]


def book(path: Path, homes=None, medical=None, areas=None, community=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if homes is not None:
        write_form(wb, "养老机构", "养老机构情况表", HOME_HEAD, homes)
    if medical is not None:
        write_form(wb, "医疗卫生机构", "医疗卫生机构情况表", MED_HEAD, medical)
    if areas is not None:
        write_form(wb, "辖区统计", "户籍老年人口", ["地区", "年度", "户籍60岁及以上人口（人）"], areas)
    if community is not None:
        write_form(
            wb,
            "社区养老服务设施",
            "社区托养机构签约情况",
            ["设施名称", "街道（镇）", "设施类型", "是否与社区卫生服务中心签约"],
            community,
        )
    wb.close()
    return path


def test_150_beds_included_149_excluded_and_colocated_excused(tmp_path):
    homes = [
        ["甲院", "华阳路街道", 150, 60, "否", "否", "是"],  # B4 exactly 150, no unit: fails
        ["乙院", "华阳路街道", 149, 60, "否", "否", "是"],  # B5 out of scope
        ["丙院", "新华路街道", 400, 60, "否", "是", "是"],  # B6 integrated with a hospital: excused
        ["丁院", "新华路街道", 151, 60, "是", "否", "是"],  # B7 has a unit
    ]
    ind = by_id(check(book(tmp_path / "h.xlsx", homes)))["large_home_medical_unit"]
    assert_ind(ind, "not_met", 2 / 3, 2, 3, [("甲院", "养老机构!B4")])


def test_blank_colocation_of_a_home_without_unit_is_no_data(tmp_path):
    homes = [["甲院", "华阳路街道", 200, 60, "否", None, "是"], ["丁院", "新华路街道", 151, 60, "是", "否", "是"]]
    ind = by_id(check(book(tmp_path / "b.xlsx", homes)))["large_home_medical_unit"]
    # Known: 1/1; the blank could excuse 甲院 or not: 100% cannot be decided.
    assert (ind["status"], ind["numerator"], ind["denominator"], ind["unknown"]) == ("no_data", 1, 1, 1)


@pytest.mark.parametrize("beds, status", [(1500, "met"), (1499, "not_met")])
def test_medical_nursing_bed_ratio_is_inclusive(tmp_path, beds, status):
    medical = [["某护理院", "华阳路街道", "护理院", "未定级", beds, 0]]
    areas = [["华阳路街道", 2024, 120000], ["新华路街道", 2024, 80000]]
    ind = by_id(check(book(tmp_path / "r.xlsx", medical=medical, areas=areas)))[
        "nursing_bed_ratio_medical_institutions"
    ]
    assert_ind(ind, status, beds / 200000, beds, 200000)


def test_nursing_bed_ratio_without_population_table_is_no_data_not_zero(tmp_path):
    homes = [["甲院", "华阳路街道", 200, 120, "是", "否", "是"]]
    ind = by_id(check(book(tmp_path / "p.xlsx", homes)))["nursing_bed_ratio_elderly_institutions"]
    assert (ind["status"], ind["value"]) == ("no_data", None)
    assert ind["missing_fields"] == ["areas.pop_60_registered"]


@pytest.mark.parametrize("signed, first, full", [(6, "met", "not_met"), (5, "not_met", "not_met"), (12, "met", "met")])
def test_community_signing_two_stages_without_dates(tmp_path, signed, first, full):
    rows = [[f"第{i}长者照护之家", "华阳路街道", "长者照护之家", "是" if i < signed else "否"] for i in range(12)]
    path = book(tmp_path / "c.xlsx", community=rows)
    # With the years erased, both stages are due at any date, even long ago.
    for as_of in (dt.date(2015, 1, 1), AS_OF):
        inds = by_id(check(path, as_of))
        assert_ind(inds["community_care_signing_first_stage"], first, signed / 12, signed, 12)
        assert_ind(inds["community_care_signing_full"], full, signed / 12, signed, 12)


def test_free_clinic_scope_and_at_least_once(tmp_path):
    medical = [
        ["甲医院", "华阳路街道", "综合医院", "二级", 10, 1],  # B4 once: enough
        ["乙中医医院", "华阳路街道", "中医医院", "三级", 10, 0],  # B5 never: fails
        ["丙医院", "华阳路街道", "综合医院", "一级", 0, 0],  # 一级: out of scope
        ["丁医院", "华阳路街道", "专科医院", "三级", 0, 0],  # 专科医院: out of scope
        ["戊医院", "华阳路街道", "中西医结合医院", "参照二级", 0, 4],  # B8 counts as 二级
    ]
    inds = by_id(check(book(tmp_path / "f.xlsx", medical=medical)))
    assert_ind(inds["hospital_free_clinics_at_homes"], "not_met", 2 / 3, 2, 3, [("乙中医医院", "医疗卫生机构!B5")])
    assert_ind(inds["hospital_geriatric_nursing_beds"], "not_met", 2 / 3, 2, 3, [("戊医院", "医疗卫生机构!B8")])


def test_district_coverage_alternatives_and_a_district_without_one(tmp_path):
    medical = [
        ["甲区老年医院", "甲区", "老年医院", "二级", "否"],  # a 老年医院 covers 甲区 on its own
        ["乙区中心医院", "乙区", "综合医院", "二级", "否"],  # no 老年医学科
        ["乙区中医医院", "乙区", "中医医院", "三级", "是"],  # not a 综合性医院 in this sentence
        ["丙区人民医院", "丙区", "综合医院", "一级", "是"],  # any grade: covers 丙区
    ]
    wb = xlsxwriter.Workbook(str(tmp_path / "d.xlsx"))
    write_form(
        wb, "医疗卫生机构", "各区老年医疗机构", ["机构名称", "区", "机构类别", "等级", "是否设立老年病科"], medical
    )
    wb.close()
    ind = by_id(check(tmp_path / "d.xlsx"))["district_geriatric_centre"]
    assert (ind["status"], ind["numerator"], ind["denominator"]) == ("not_met", 2, 3)
    assert ind["value"] == pytest.approx(2 / 3)


# ---------------------------------------------------------------- the real Shanghai register


@pytest.mark.skipif(not REAL_HOMES.is_file(), reason="../shared/realdata is not present")
def test_real_shanghai_register_lacks_the_columns_so_every_indicator_is_no_data():
    """626 real homes, English headers, no nursing-bed, medical-unit or signing columns."""
    from yiyang_cli import check as check_files
    from yiyang_cli import expr as ex
    from yiyang_cli.plan import compile_expr, load_plan
    from yiyang_cli.reader import read_inputs

    result = check_files([REAL_HOMES], PLAN, AS_OF, None).to_dict("zh")
    table = result["inputs"][0]["tables"][0]
    assert (table["entity"], table["rows"]) == ("elderly_institutions", 626)
    inds = by_id(result)
    # Lacking columns is missing data, never 0%.
    for iid, ind in inds.items():
        assert ind["status"] == "no_data", iid
        assert ind["value"] is None and ind["numerator"] is None, iid
    assert inds["large_home_medical_unit"]["missing_fields"] == [
        "elderly_institutions.colocated_with_medical",
        "elderly_institutions.has_medical_unit",
    ]
    assert inds["nursing_bed_ratio_elderly_institutions"]["missing_fields"] == [
        "elderly_institutions.nursing_beds",
        "areas.pop_60_registered",
    ]
    assert result["summary"]["no_data"] == len(inds) == 16

    # The plan's 150-bed scope, evaluated on the real register: 370 homes, none undecidable.
    plan = load_plan(PLAN)
    where = next(i.where for i in plan.indicators if i.id == "large_home_medical_unit")
    frame = read_inputs([REAL_HOMES]).frame("elderly_institutions")
    scope = ex.evaluate(compile_expr(where), frame, AS_OF)
    assert int(scope.fillna(False).sum()) == 370
    assert int(scope.isna().sum()) == 0
