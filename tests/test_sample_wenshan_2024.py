"""The Wenshan prefecture plan (wenshan-2024, seed 003 篇十) on its sample workbook and on
hand-made forms whose every answer is known in advance.

Sample layout (scripts/samples/wenshan_2024.py): merged title (row 1), 填报单位 line (row 2),
headers (row 3), so the n-th unit sits on Excel row 3 + n with its name in column B.
  养老机构         rows 4-15: 12 homes, then a 合计 row.
  医疗卫生机构     rows 4-18: 15 hospitals (州人民, 州中医, 文山市人民, 德惠老年病, 康宁护理院, then the
                   人民医院 and 中医医院 of 砚山, 西畴, 麻栗坡, 马关, 丘北, 广南, 富宁), rows 19-28: 10
                   社区卫生服务中心/乡镇卫生院, rows 29-30: 2 村卫生室.
  社区养老服务设施 rows 4-15: 12 facilities.
  辖区统计         rows 4-11: the 8 counties (2024), then a 合计 row.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan, groups, run_cli_json
from formhelpers import write_form as _write_form

PLAN = "wenshan-2024"
AS_OF = dt.date(2024, 12, 31)      # every dated target (2024-12-31) is due
BEFORE = dt.date(2024, 6, 30)      # only the standing requirements are due
write_form = partial(_write_form, reporter="填报单位（盖章）：文山州卫生健康委员会")
COUNTIES = ["文山市", "砚山县", "西畴县", "麻栗坡县", "马关县", "丘北县", "广南县", "富宁县"]


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


@pytest.fixture(scope="module")
def sample(samples) -> dict:
    return by_id(check(samples / "wenshan-2024.xlsx", AS_OF))


# ---------------------------------------------------------------- the sample, as of 2024-12-31

def test_sample_reads_every_sheet_without_data_issues(samples):
    result = check(samples / "wenshan-2024.xlsx", AS_OF)
    tables = {t["sheet"]: (t["entity"], t["rows"]) for t in result["inputs"][0]["tables"]}
    assert tables == {"养老机构": ("elderly_institutions", 12), "医疗卫生机构": ("medical_institutions", 27),
                      "社区养老服务设施": ("community_care_centres", 12), "辖区统计": ("areas", 8),
                      "资金投入": ("finance", 1)}
    assert result["data_issues"] == []
    assert result["summary"] == {"met": 6, "not_met": 8, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_sample_green_channel_not_met_by_one_village_clinic(sample):
    # 27 medical institutions; only 西畴县兴街镇三光村卫生室 (row 29) answers 否: 26/27.
    ind = sample["medical_green_channel"]
    assert_ind(ind, "not_met", 26 / 27, 26, 27, [("西畴县兴街镇三光村卫生室", "医疗卫生机构!B29")])
    assert groups(ind)["西畴县"] == (0.75, "not_met", 3, 4)


def test_sample_geriatrics_share_met(sample):
    # 综合医院 of grade ≥ 2: 州人民 (三级甲等) 是, 文山市人民 是, 砚山 是, 西畴 否, 麻栗坡 是, 马关 否,
    # 丘北 有, 广南 否, 富宁 否 = 5/9 = 55.6% ≥ 50%. 德惠老年病医院 (专科, 一级) and the 中医医院 are out.
    ind = sample["geriatrics_dept_share"]
    assert_ind(ind, "met", 5 / 9, 5, 9, [])
    assert groups(ind)["西畴县"] == (0, "not_met", 0, 1)


def test_sample_geriatric_nursing_homes_counted_by_their_own_rows(sample):
    # Only 文山康宁护理院 (B8, written 老年护理院, read as 护理院) has a row of its own. 州人民医院 (B4) and
    # 德惠老年病医院 (B7) flag an attached home but list none: flags are not counted. 1 < 3.
    ind = sample["geriatric_nursing_homes"]
    assert_ind(ind, "not_met", 1, 1, None)
    assert ind["gap"] == -2


def test_sample_lottery_fund_support_met(sample):
    # 资金投入 2024: 420 万元 for 养老服务 and 医养结合 (> 0); a standing requirement with no deadline.
    ind = sample["lottery_fund_support"]
    assert (ind["status"], ind["value"], ind["severity"]) == ("met", 420, "mandatory")
    assert ind["target"]["deadline"] is None


def test_sample_community_integrated_care_count_not_met(sample):
    # 医养结合 facilities: 开化, 卧龙, 江那, 平远, 麻栗, 锦屏, 莲城 = 7 < 8.
    ind = sample["community_integrated_care_count"]
    assert_ind(ind, "not_met", 7, 7, None)
    assert ind["gap"] == -1


def test_sample_health_management_rate_met_from_sums(sample):
    # Σ managed = 38900+33200+16100+19800+25400+31900+55300+28600 = 249200;
    # Σ pop_65 = 52600+46800+24100+27300+36900+44500+78200+40700 = 351100; 249200/351100 = 70.98% ≥ 70%,
    # although 西畴县 (16100/24100 = 66.8%) and 马关县 (25400/36900 = 68.8%) are below on their own.
    ind = sample["elderly_health_management_rate"]
    assert_ind(ind, "met", 249200 / 351100, 249200, 351100, [])
    assert [k for k, v in groups(ind).items() if v[1] == "not_met"] == ["西畴县", "马关县"]


def test_sample_family_bed_pilot_missing_in_one_county(sample):
    # 西畴县's two primary institutions (兴街镇卫生院, 西洒镇社区卫生服务中心) run no home beds: 7/8.
    # The failing county points at its row in 辖区统计 (row 6).
    ind = sample["family_bed_pilot_counties"]
    assert_ind(ind, "not_met", 7 / 8, 7, 8, [("西畴县", "辖区统计!B6")])
    assert ind["failing"][0]["detail"] == "0 个（至少需要 1 个）"
    assert [g["group"] for g in ind["groups"]] == COUNTIES


def test_sample_every_county_has_a_support_institution(sample):
    # The 8 county 人民医院 (文山市人民医院 for 文山市) are designated; 麻栗坡 answers √.
    assert_ind(sample["county_support_institution"], "met", 1, 8, 8, [])
    assert sample["county_support_institution"]["target"]["deadline"] is None


def test_sample_signing_not_met(sample):
    # 12 homes, all in scope (units included); unsigned: 西畴县社会福利院 (B8 否), 广南县八宝镇敬老院 (B13 ×).
    ind = sample["elderly_institution_signing_rate"]
    assert_ind(ind, "not_met", 10 / 12, 10, 12, [("西畴县社会福利院", "养老机构!B8"), ("广南县八宝镇敬老院", "养老机构!B13")])
    assert groups(ind)["广南县"] == (0.5, "not_met", 1, 2)


def test_sample_tcm_prevention_dept_advisory_not_met(sample):
    # 中医医院 of grade ≥ 2: 州中医 是, 砚山 是, 广南 否 (B16), 富宁 (二级乙等) √ = 3/4.
    ind = sample["tcm_prevention_dept"]
    assert_ind(ind, "not_met", 0.75, 3, 4, [("广南县中医医院", "医疗卫生机构!B16")])
    assert ind["severity"] == "advisory"
    # No year in the sentence: a standing requirement like the plan's other undated ones.
    assert ind["target"]["deadline"] is None


def test_sample_internal_unit_insurance_advisory_not_met(sample):
    # Homes with a unit: 州社会福利院 (B4 是), 老年养护院 (B5 √), 砚山县康养中心 (B7 是), 马关县社会福利中心
    # (B10 有; not designated) -> 3/4.
    ind = sample["internal_medical_unit_insurance"]
    assert_ind(ind, "not_met", 0.75, 3, 4, [("马关县社会福利中心", "养老机构!B10")])
    assert (ind["severity"], ind["target"]["deadline"]) == ("advisory", None)


def test_sample_ltc_pilot_in_one_county_met(sample):
    ind = sample["ltc_insurance_pilot"]
    assert (ind["status"], ind["value"], ind["severity"]) == ("met", 1, "advisory")


def test_sample_home_visit_insurance_met(sample):
    # Home visits: 州中医, 文山市人民, 康宁护理院, 砚山人民, 西畴人民 and 9 primary institutions (all but
    # 西洒镇社区卫生服务中心) = 14, all insured (是, √, 有).
    assert_ind(sample["home_visit_insurance"], "met", 1, 14, 14, [])


def test_sample_day_care_nursing_station_mandatory_not_met(sample):
    # 日间照料中心 (社区日间照料中心 read as the same type): 9; no station: 西洒镇 (B9), 马白镇 (B11).
    # The 居家养老服务中心 and the 农村幸福院 are out of scope.
    ind = sample["day_care_nursing_station"]
    assert_ind(ind, "not_met", 7 / 9, 7, 9, [("西畴县西洒镇日间照料中心", "社区养老服务设施!B9"),
                                             ("马关县马白镇日间照料中心", "社区养老服务设施!B11")])
    # 鼓励 governs only the middle clause of its sentence; this clause is a plain task statement.
    assert ind["severity"] == "mandatory"


def test_sample_before_deadline_only_standing_requirements_are_due(samples):
    result = check(samples / "wenshan-2024.xlsx", BEFORE)
    assert result["summary"] == {"met": 4, "not_met": 3, "not_due": 7, "no_data": 0, "not_applicable": 0}
    statuses = {i["id"]: i["status"] for i in result["indicators"] if i["status"] != "not_due"}
    assert statuses == {"county_support_institution": "met", "home_visit_insurance": "met", "lottery_fund_support": "met",
                        "day_care_nursing_station": "not_met", "tcm_prevention_dept": "not_met",
                        "internal_medical_unit_insurance": "not_met", "ltc_insurance_pilot": "met"}


def test_sample_cli_exit_codes(samples):
    code, _out, err = run_cli_json(samples / "wenshan-2024.xlsx", PLAN, "2024-12-31")
    assert code == 1, err
    # Before the deadline a standing mandatory requirement already fails (day-care nursing stations).
    code, _out, err = run_cli_json(samples / "wenshan-2024.xlsx", PLAN, "2024-06-30")
    assert code == 1, err


# ---------------------------------------------------------------- hand-made forms for each reading

MED_HEAD = ["机构名称", "县（市）", "机构类别", "等级", "是否设立老年病科", "是否附设老年护理院", "是否开展家庭病床服务",
            "是否确定为养老服务支持机构"]
AREA_HEAD = ["地区", "年度", "65岁及以上常住人口（人）", "65岁及以上接受健康管理人数（人）"]
CENTRE_HEAD = ["设施名称", "县（市）", "设施类型", "是否设立护理站", "是否医养结合机构"]


def book(path: Path, hospitals=None, areas=None, centres=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if hospitals is not None:
        write_form(wb, "医疗卫生机构", "医疗卫生机构情况表", MED_HEAD, hospitals)
    if areas is not None:
        write_form(wb, "辖区统计", "各县（市）统计表", AREA_HEAD, areas)
    if centres is not None:
        write_form(wb, "社区养老服务设施", "社区养老服务设施情况表", CENTRE_HEAD, centres)
    wb.close()
    return path


def med(name, county="文山市", category="综合医院", grade="二级", geriatrics="否", attached="否", beds="否",
        support="否"):
    return [name, county, category, grade, geriatrics, attached, beds, support]


@pytest.mark.parametrize("with_dept, status", [(2, "met"), (1, "not_met")])
def test_geriatrics_50_percent_is_inclusive(tmp_path, with_dept, status):
    rows = [med(f"第{i}人民医院", geriatrics="是" if i < with_dept else "否") for i in range(4)]
    rows += [med("州中医医院", category="中医医院", grade="三级"), med("某医院", grade="一级")]  # out of scope
    ind = by_id(check(book(tmp_path / "g.xlsx", rows), AS_OF))["geriatrics_dept_share"]
    assert_ind(ind, status, with_dept / 4, with_dept, 4)


@pytest.mark.parametrize("rows, count, status", [
    # Three rows of their own: an independent home and two attached ones, whose hospitals also flag them.
    ([med("州人民医院", attached="是"), med("州人民医院老年护理院", category="老年护理院", grade="未定级"),
      med("某护理院", category="护理院", grade="未定级"),
      med("县人民医院", attached="是"), med("县人民医院老年护理院", category="老年护理医院", grade="未定级")],
     3, "met"),
    # Two homes with rows; the hospital flags would have made it 4 under the old reading.
    ([med("州人民医院", attached="是"), med("州人民医院老年护理院", category="老年护理院", grade="未定级"),
      med("某护理院", category="护理院", grade="未定级"), med("县人民医院", attached="是")], 2, "not_met"),
])
def test_nursing_homes_at_least_three(tmp_path, rows, count, status):
    ind = by_id(check(book(tmp_path / "n.xlsx", rows), AS_OF))["geriatric_nursing_homes"]
    assert_ind(ind, status, count, count, None)


@pytest.mark.parametrize("integrated, status", [(8, "met"), (7, "not_met")])
def test_community_count_not_less_than_8_includes_8(tmp_path, integrated, status):
    rows = [[f"第{i}日间照料中心", "文山市", "日间照料中心", "是", "是" if i < integrated else "否"] for i in range(9)]
    ind = by_id(check(book(tmp_path / "c.xlsx", centres=rows), AS_OF))["community_integrated_care_count"]
    assert_ind(ind, status, integrated, integrated, None)


@pytest.mark.parametrize("managed, status", [(700, "met"), (699, "not_met")])
def test_health_management_70_percent_is_inclusive(tmp_path, managed, status):
    areas = [["文山市", 2024, 600, managed - 300], ["西畴县", 2024, 400, 300]]
    ind = by_id(check(book(tmp_path / "h.xlsx", areas=areas), AS_OF))["elderly_health_management_rate"]
    assert_ind(ind, status, managed / 1000, managed, 1000)


def test_family_beds_county_without_any_row_fails_and_hospitals_do_not_count(tmp_path):
    # 文山市: a 社区卫生服务中心 with home beds; 砚山县: only its 人民医院 runs home beds (not a 社区
    # institution); 西畴县: no medical institution in the table at all. Universe: the 3 area rows.
    hospitals = [med("开化街道社区卫生服务中心", category="社区卫生服务中心", grade="一级", beds="是"),
                 med("砚山县人民医院", county="砚山县", beds="是")]
    areas = [["文山市", 2024, 500, 400], ["砚山县", 2024, 400, 300], ["西畴县", 2024, 300, 200]]
    ind = by_id(check(book(tmp_path / "f.xlsx", hospitals, areas), AS_OF))["family_bed_pilot_counties"]
    assert_ind(ind, "not_met", 1 / 3, 1, 3, [("砚山县", "辖区统计!B5"), ("西畴县", "辖区统计!B6")])


def test_support_institution_one_per_county(tmp_path):
    hospitals = [med("文山市人民医院", support="是"), med("文山州人民医院", support="是"),
                 med("砚山县人民医院", county="砚山县", support="√")]
    areas = [["文山市", 2024, 500, 400], ["砚山县", 2024, 400, 300]]
    ind = by_id(check(book(tmp_path / "s.xlsx", hospitals, areas), AS_OF))["county_support_institution"]
    assert_ind(ind, "met", 1, 2, 2, [])


def test_day_care_scope_is_day_care_centres_only(tmp_path):
    centres = [["开化街道社区日间照料中心", "文山市", "社区日间照料中心", "是", "是"],
               ["新平街道居家养老服务中心", "文山市", "居家养老服务中心", "否", "否"],
               ["坝美村农村幸福院", "广南县", "农村幸福院", "否", "否"]]
    ind = by_id(check(book(tmp_path / "d.xlsx", centres=centres), AS_OF))["day_care_nursing_station"]
    assert_ind(ind, "met", 1, 1, 1, [])


@pytest.mark.parametrize("as_of, status", [(dt.date(2024, 12, 30), "not_due"), (dt.date(2024, 12, 31), "not_met")])
def test_deadline_day_itself_is_due(tmp_path, as_of, status):
    ind = by_id(check(book(tmp_path / "dl.xlsx", [med("某人民医院")]), as_of))["geriatrics_dept_share"]
    assert (ind["status"], ind["value"]) == (status, 0)


def test_plan_metadata():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert (plan.source_part, plan.region) == ("篇十", "文山壮族苗族自治州")
    assert len(plan.indicators) == 14 and len(plan.commitments) == 23
    # Undated sentences have no deadline; only 到2024年 targets carry one.
    assert {i.id for i in plan.indicators if i.targets[0].deadline is None} == {
        "county_support_institution", "tcm_prevention_dept", "home_visit_insurance", "day_care_nursing_station",
        "internal_medical_unit_insurance", "ltc_insurance_pilot", "lottery_fund_support"}
    assert {i.id for i in plan.indicators if i.severity == "advisory"} == {"internal_medical_unit_insurance",
                                                                         "ltc_insurance_pilot", "tcm_prevention_dept"}
