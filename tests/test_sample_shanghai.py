"""The Shanghai plan (shanghai, seed 003 篇十一) on its sample workbook, on hand-made forms, and on
the real register of 626 Shanghai elderly-care institutions (../shared/realdata, skipped when absent).

Sample layout (scripts/samples/shanghai.py, one district: 长宁区): merged title (row 1), 填报单位
line (row 2), headers (row 3); the n-th unit sits on Excel row 3 + n with its name in column B.
  养老机构          rows 4-15: 12 homes, then a 合计 row.
  医疗卫生机构      (with a 区 column: all 长宁区) rows 4-9: 同仁医院, 天山中医医院, 光华中西医结合医院, 妇幼保健院, 老年护理院, 福康护理院;
                    rows 10-19: 10 社区卫生服务中心 (华阳, 江苏, 新华, 周家桥, 天山, 仙霞, 虹桥, 程家桥,
                    北新泾, 新泾镇); rows 20-22: 3 社区卫生服务站; then a 合计 row.
  社区养老服务设施  rows 4-15: 12 社区托养机构.
  辖区统计          10 streets, 户籍60岁及以上人口 adding up to 200,000.
The plan's years are erased in the seed, so no target has a deadline: every one is due at any date.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan, run_cli_json
from formhelpers import write_form as _write_form

PLAN = "shanghai"
AS_OF = dt.date(2025, 6, 30)
REALDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "realdata"
REAL_HOMES = REALDATA / "shanghai_elderly_institutions.csv"
write_form = partial(_write_form, reporter="填报单位（盖章）：上海市长宁区民政局")


def check(path: Path, as_of: dt.date = AS_OF) -> dict:
    return check_plan(path, PLAN, as_of)


@pytest.fixture(scope="module")
def sample(samples) -> dict:
    return by_id(check(samples / "shanghai.xlsx"))


# ---------------------------------------------------------------- the sample

def test_sample_reads_every_sheet_without_data_issues(samples):
    result = check(samples / "shanghai.xlsx")
    tables = {t["sheet"]: (t["entity"], t["rows"]) for t in result["inputs"][0]["tables"]}
    assert tables == {"养老机构": ("elderly_institutions", 12), "医疗卫生机构": ("medical_institutions", 19),
                      "社区养老服务设施": ("community_care_centres", 12), "辖区统计": ("areas", 10)}
    assert result["data_issues"] == []
    assert result["summary"] == {"met": 6, "not_met": 10, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_sample_home_signing_not_met(sample):
    # Unsigned: 仙霞新村街道敬老院 (B10, 否) and 乐康养老院 (B15, 否): 10/12.
    assert_ind(sample["elderly_institution_signing"], "not_met", 10 / 12, 10, 12,
               [("上海市长宁区仙霞新村街道敬老院", "养老机构!B10"), ("上海长宁乐康养老院", "养老机构!B15")])


def test_sample_150_bed_homes_scope_and_exception(sample):
    # beds ≥ 150: 社会福利院 320 (unit), 华阳路敬老院 exactly 150 (unit), 新华颐养院 200 (no unit but
    # set up next to a medical institution: excused), 周家桥养老院 180 (neither), 虹桥颐养中心 260 (unit),
    # 北新泾第二养老院 160 (unit) = 5/6. 江苏路养老院 (149 beds, no unit) is out of scope.
    assert_ind(sample["large_home_medical_unit"], "not_met", 5 / 6, 5, 6,
               [("上海长宁周家桥养老院", "养老机构!B8")])


def test_sample_insurance_advisory_over_homes_with_a_unit(sample):
    # Homes with a unit: 社会福利院 (是), 华阳路 (否, B5), 虹桥 (√), 北新泾第二 (否, B13) = 2/4;
    # the "/" cells of homes without a unit are out of scope.
    ind = sample["home_medical_unit_insurance"]
    assert_ind(ind, "not_met", 0.5, 2, 4, [("上海市长宁区华阳路街道敬老院", "养老机构!B5"),
                                           ("上海长宁北新泾第二养老院", "养老机构!B13")])
    assert ind["severity"] == "advisory"


def test_sample_nursing_beds_in_homes_below_half_of_target(sample):
    # Σ 护理型床位 = 210+80+70+110+90+40+55+150+30+85+45+35 = 1000; Σ 户籍60+ = 200000.
    # 1000/200000 = 0.50% < 0.75%.
    ind = sample["nursing_bed_ratio_elderly_institutions"]
    assert_ind(ind, "not_met", 0.005, 1000, 200000)
    assert ind["gap"] == pytest.approx(-0.0025)


def test_sample_nursing_beds_in_medical_institutions_exactly_075_percent(sample):
    # 同仁 60 + 天山中医 40 + 光华 30 + 妇幼 0 + 老年护理院 520 + 福康 270
    # + 社区卫生服务中心 80+40+60+50+70+60+50+40+70+60 (= 580) + 3 stations × 0 = 1500.
    # 1500/200000 = 0.75% exactly: 达到 includes the number.
    assert_ind(sample["nursing_bed_ratio_medical_institutions"], "met", 0.0075, 1500, 200000)


def test_sample_community_signing_first_stage_met_full_not_met(sample):
    # Unsigned: 江苏路长者照护之家 (B5), 仙霞日间照料中心 (B9, ×), 程家桥长者照护之家 (B11),
    # 新泾镇日间照料中心 (B15): 8/12 = 66.7% ≥ 50% but < 100%.
    assert_ind(sample["community_care_signing_first_stage"], "met", 8 / 12, 8, 12, [])
    assert_ind(sample["community_care_signing_full"], "not_met", 8 / 12, 8, 12,
               [("长宁区江苏路街道长者照护之家", "社区养老服务设施!B5"),
                ("长宁区仙霞新村街道日间照料中心", "社区养老服务设施!B9"),
                ("长宁区程家桥街道长者照护之家", "社区养老服务设施!B11"),
                ("长宁区新泾镇日间照料中心", "社区养老服务设施!B15")])


def test_sample_chc_signing(sample):
    assert_ind(sample["chc_signed_with_elderly_institutions"], "not_met", 0.9, 9, 10,
               [("上海市长宁区程家桥街道社区卫生服务中心", "医疗卫生机构!B17")])


def test_sample_chc_home_services_for_homes(sample):
    # 10 社区卫生服务中心: 江苏 (B11) has no 家庭病床; 程家桥 (B17) has neither rounds nor 家庭病床: 8/10.
    ind = sample["chc_home_services_for_homes"]
    assert_ind(ind, "not_met", 0.8, 8, 10, [("上海市长宁区江苏街道社区卫生服务中心", "医疗卫生机构!B11"),
                                           ("上海市长宁区程家桥街道社区卫生服务中心", "医疗卫生机构!B17")])
    detail = {f["name"]: f["detail"] for f in ind["failing"]}
    assert detail["上海市长宁区程家桥街道社区卫生服务中心"] == "未满足：巡诊（上门医疗服务）、家庭病床；缺数据：-"
    assert ind["severity"] == "advisory"


def test_sample_district_geriatric_centre(sample):
    # One district (长宁区): 同仁医院 is a 综合医院 with a 老年医学科, so the district is covered.
    ind = sample["district_geriatric_centre"]
    assert_ind(ind, "met", 1.0, 1, 1, [])
    assert ind["severity"] == "advisory"


def test_sample_grade2_hospitals(sample):
    # Scope: 同仁 (综合, 三级), 天山中医 (中医, 二级), 光华 (中西医结合, 三级); not 妇幼 (专科) or 护理院.
    assert_ind(sample["hospital_geriatrics_dept"], "not_met", 2 / 3, 2, 3,
               [("上海市光华中西医结合医院", "医疗卫生机构!B6")])
    assert_ind(sample["hospital_geriatric_nursing_beds"], "met", 1.0, 3, 3, [])   # 60, 40, 30 beds
    assert_ind(sample["hospital_free_clinics_at_homes"], "met", 1.0, 3, 3, [])    # 3, 2, 1 free clinics


def test_sample_rehab_services(sample):
    # 要创造条件…开展康复服务: binding (要), like the 社区卫生服务机构要… sentence after it.
    assert sample["elderly_institution_rehab_service"]["severity"] == "mandatory"
    # Homes: 是/√ for 7 of 12; 否 or × for B6, B8, B10, B12, B15.
    assert_ind(sample["elderly_institution_rehab_service"], "not_met", 7 / 12, 7, 12,
               [("上海市长宁区江苏路街道养老院", "养老机构!B6"), ("上海长宁周家桥养老院", "养老机构!B8"),
                ("上海市长宁区仙霞新村街道敬老院", "养老机构!B10"), ("上海长宁程家桥养老院", "养老机构!B12"),
                ("上海长宁乐康养老院", "养老机构!B15")])
    # 10 centres + 3 stations; 周家桥 centre (row 13) and 淮阴 station (row 21) give none: 11/13.
    assert_ind(sample["community_health_rehab_service"], "not_met", 11 / 13, 11, 13,
               [("上海市长宁区周家桥街道社区卫生服务中心", "医疗卫生机构!B13"),
                ("长宁区新泾镇淮阴社区卫生服务站", "医疗卫生机构!B21")])


def test_sample_general_hospital_green_channel(sample):
    # Only 综合医院 are in scope: 同仁医院 (是). 天山中医医院 and 光华中西医结合医院 are not 综合性医疗机构
    # in 二、（一）3 (the "下同" definition comes later); the 护理院 answer 否 and are out of scope.
    ind = sample["general_hospital_home_green_channel"]
    assert_ind(ind, "met", 1, 1, 1, [])
    assert ind["severity"] == "mandatory"


def test_general_hospital_green_channel_any_grade(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "g.xlsx"))
    write_form(wb, "医疗卫生机构", "医疗机构为养老机构开通绿色通道情况",
               ["机构名称", "区", "机构类别", "等级", "是否为养老机构开通预约就诊绿色通道"],
               [["甲医院", "甲区", "综合医院", "三级", "是"],
                ["乙医院", "甲区", "综合医院", "一级", "否"],        # B5 any grade is in scope
                ["丙中医医院", "甲区", "中医医院", "三级", "否"]])   # out of scope
    wb.close()
    ind = by_id(check(tmp_path / "g.xlsx"))["general_hospital_home_green_channel"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("乙医院", "医疗卫生机构!B5")])

    # The referral half of the sentence stays a commitment.
    from yiyang_cli.plan import load_plan

    quotes = [c.quote for c in load_plan(PLAN).commitments]
    assert any(q.startswith("综合性医疗机构要与养老机构建立急救绿色通道和转诊机制") for q in quotes)


def test_sample_targets_have_no_deadline(sample):
    assert all(ind["target"]["deadline"] is None for ind in sample.values())


def test_sample_cli_exit_1(samples):
    code, out, err = run_cli_json(samples / "shanghai.xlsx", PLAN, "2025-06-30")
    assert code == 1, err
    assert out["summary"]["not_met"] == 10


# ---------------------------------------------------------------- hand-made forms for each reading

HOME_HEAD = ["机构名称", "街道（镇）", "床位数（张）", "护理型床位数（张）", "是否内设医疗机构",
             "是否与医疗机构邻近设置或整合设置", "是否与医疗卫生机构签约合作"]
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
        write_form(wb, "社区养老服务设施", "社区托养机构签约情况", ["设施名称", "街道（镇）", "设施类型",
                                                                   "是否与社区卫生服务中心签约"], community)
    wb.close()
    return path


def test_150_beds_included_149_excluded_and_colocated_excused(tmp_path):
    homes = [
        ["甲院", "华阳路街道", 150, 60, "否", "否", "是"],   # B4 exactly 150, no unit: fails
        ["乙院", "华阳路街道", 149, 60, "否", "否", "是"],   # B5 out of scope
        ["丙院", "新华路街道", 400, 60, "否", "是", "是"],   # B6 integrated with a hospital: excused
        ["丁院", "新华路街道", 151, 60, "是", "否", "是"],   # B7 has a unit
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
        "nursing_bed_ratio_medical_institutions"]
    assert_ind(ind, status, beds / 200000, beds, 200000)


def test_nursing_bed_ratio_without_population_table_is_no_data_not_zero(tmp_path):
    homes = [["甲院", "华阳路街道", 200, 120, "是", "否", "是"]]
    ind = by_id(check(book(tmp_path / "p.xlsx", homes)))["nursing_bed_ratio_elderly_institutions"]
    assert (ind["status"], ind["value"]) == ("no_data", None)
    assert ind["missing_fields"] == ["areas.pop_60_registered"]


@pytest.mark.parametrize("signed, first, full", [(6, "met", "not_met"), (5, "not_met", "not_met"),
                                                 (12, "met", "met")])
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
        ["甲医院", "华阳路街道", "综合医院", "二级", 10, 1],       # B4 once: enough
        ["乙中医医院", "华阳路街道", "中医医院", "三级", 10, 0],    # B5 never: fails
        ["丙医院", "华阳路街道", "综合医院", "一级", 0, 0],         # 一级: out of scope
        ["丁医院", "华阳路街道", "专科医院", "三级", 0, 0],         # 专科医院: out of scope
        ["戊医院", "华阳路街道", "中西医结合医院", "参照二级", 0, 4],  # B8 counts as 二级
    ]
    inds = by_id(check(book(tmp_path / "f.xlsx", medical=medical)))
    assert_ind(inds["hospital_free_clinics_at_homes"], "not_met", 2 / 3, 2, 3, [("乙中医医院", "医疗卫生机构!B5")])
    assert_ind(inds["hospital_geriatric_nursing_beds"], "not_met", 2 / 3, 2, 3, [("戊医院", "医疗卫生机构!B8")])


def test_district_coverage_alternatives_and_a_district_without_one(tmp_path):
    medical = [
        ["甲区老年医院", "甲区", "老年医院", "二级", "否"],        # a 老年医院 covers 甲区 on its own
        ["乙区中心医院", "乙区", "综合医院", "二级", "否"],        # no 老年医学科
        ["乙区中医医院", "乙区", "中医医院", "三级", "是"],        # not a 综合性医院 in this sentence
        ["丙区人民医院", "丙区", "综合医院", "一级", "是"],        # any grade: covers 丙区
    ]
    wb = xlsxwriter.Workbook(str(tmp_path / "d.xlsx"))
    write_form(wb, "医疗卫生机构", "各区老年医疗机构", ["机构名称", "区", "机构类别", "等级", "是否设立老年病科"], medical)
    wb.close()
    ind = by_id(check(tmp_path / "d.xlsx"))["district_geriatric_centre"]
    assert (ind["status"], ind["numerator"], ind["denominator"]) == ("not_met", 2, 3)
    assert ind["value"] == pytest.approx(2 / 3)


# ---------------------------------------------------------------- the real Shanghai register

@pytest.mark.skipif(not REAL_HOMES.is_file(), reason="../shared/realdata is not present")
def test_real_shanghai_register_lacks_the_columns_so_every_indicator_is_no_data():
    """626 real homes, English headers, no nursing-bed, medical-unit or signing columns."""
    from yiyang_cli import expr as ex
    from yiyang_cli import check as check_files
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
        "elderly_institutions.colocated_with_medical", "elderly_institutions.has_medical_unit"]
    assert inds["nursing_bed_ratio_elderly_institutions"]["missing_fields"] == [
        "elderly_institutions.nursing_beds", "areas.pop_60_registered"]
    assert result["summary"]["no_data"] == len(inds) == 16

    # The plan's 150-bed scope, evaluated on the real register: 370 homes, none undecidable.
    plan = load_plan(PLAN)
    where = next(i.where for i in plan.indicators if i.id == "large_home_medical_unit")
    frame = read_inputs([REAL_HOMES]).frame("elderly_institutions")
    scope = ex.evaluate(compile_expr(where), frame, AS_OF)
    assert int(scope.fillna(False).sum()) == 370
    assert int(scope.isna().sum()) == 0
