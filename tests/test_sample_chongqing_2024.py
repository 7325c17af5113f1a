"""The Chongqing district plan (chongqing-2024, seed 003 篇九/篇十三) on its sample workbook and on
hand-made forms whose every answer is known in advance.

Sample layout (scripts/samples/chongqing_2024.py): every sheet has a merged title (row 1), a
填报单位 line (row 2), headers (row 3), so the n-th unit sits on Excel row 3 + n with its name in
column B.
  养老机构      rows 4-13: 10 homes, then a 合计 row.
  医疗卫生机构  rows 4-11: 8 hospitals (人民医院, 中医院, 第二人民医院, 仁和, 友方, 大路, 妇幼, 康宁护理院),
                rows 12-17: 6 社区卫生服务中心 (璧城, 璧泉, 青杠, 来凤, 丁家, 大路),
                rows 18-26: 9 乡镇卫生院 (河边, 八塘, 七塘, 大兴, 正兴, 广普, 三合, 福禄, 健龙),
                rows 27-30: 4 村卫生室.
  社区养老服务设施 18 facilities; 辖区统计 15 towns (2024), then a 合计 row; 资金投入 one row (2024).
Only the five goals of the "到 2024 年" sentence are due 2024-12-31; the plan's undated sentences are
standing requirements with no deadline (see the plan's notes).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan, groups, run_cli_json
from formhelpers import write_form as _write_form

PLAN = "chongqing-2024"
AFTER = dt.date(2025, 1, 1)       # every target is due (the dated goals on 2024-12-31)
BEFORE = dt.date(2024, 6, 30)     # only the undated standing requirements are due
write_form = partial(_write_form, reporter="填报单位（盖章）：璧山区卫生健康委员会")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


@pytest.fixture(scope="module")
def sample(samples) -> dict:
    return by_id(check(samples / "chongqing-2024.xlsx", AFTER))


# ---------------------------------------------------------------- the sample, as of 2025-01-01

def test_sample_reads_every_sheet_without_data_issues(samples):
    result = check(samples / "chongqing-2024.xlsx", AFTER)
    tables = {t["sheet"]: (t["entity"], t["rows"]) for t in result["inputs"][0]["tables"]}
    assert tables == {"养老机构": ("elderly_institutions", 10), "医疗卫生机构": ("medical_institutions", 27),
                      "社区养老服务设施": ("community_care_centres", 18), "辖区统计": ("areas", 15),
                      "资金投入": ("finance", 1)}
    assert result["data_issues"] == []  # the 合计 rows agree with their columns
    assert result["summary"] == {"met": 6, "not_met": 7, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_sample_green_channel_not_met_by_one_village_clinic(sample):
    # 27 medical institutions; only 七塘镇将军村卫生室 (row 27) answers 否: 26/27.
    assert_ind(sample["medical_green_channel"], "not_met", 26 / 27, 26, 27,
               [("璧山区七塘镇将军村卫生室", "医疗卫生机构!B27")])


def test_sample_geriatrics_rate_met_at_75_percent(sample):
    # In scope (综合医院, grade ≥ 2): 人民医院 三级 是, 第二人民医院 二级 是, 仁和 二级 否,
    # 友方 参照二级 √ = 3/4 = 75% ≥ 70%. 大路医院 (一级), 中医院 and 妇幼保健院 are out of scope.
    ind = sample["geriatrics_dept_rate"]
    assert_ind(ind, "met", 0.75, 3, 4, [])
    assert groups(ind)["青杠街道"] == (0, "not_met", 0, 1)  # 仁和医院, shown in the breakdown


def test_sample_nursing_home_count_met(sample):
    # 重庆璧山康宁护理院 (category 护理院); no hospital reports an attached one.
    assert_ind(sample["geriatric_nursing_home_count"], "met", 1, 1, None)


def test_sample_community_integrated_care_count_not_met(sample):
    # 医养结合: 璧城, 来凤, 丁家 街道养老服务中心 and 河边镇养老服务中心 = 4 < 5.
    ind = sample["community_integrated_care_count"]
    assert_ind(ind, "not_met", 4, 4, None)
    assert ind["gap"] == -1


def test_sample_health_management_rate_met_from_sums(sample):
    # Σ health_managed_65 = 13420+9310+6250+5380+5110+4260+3620+3150+2790+3940+3500+2520+2480+2890+2310
    #                     = 70930;
    # Σ pop_65 = 17650+12480+8930+7260+6840+5920+4810+4390+3960+5230+4720+3610+3380+3870+3150 = 96200.
    # 70930/96200 = 73.73% ≥ 72%, although 青杠街道 alone (6250/8930 = 69.99%) is below.
    ind = sample["elderly_health_management_rate"]
    assert_ind(ind, "met", 70930 / 96200, 70930, 96200)
    assert groups(ind)["青杠街道"] == (pytest.approx(6250 / 8930), "not_met", 6250, 8930)
    assert groups(ind)["璧城街道"][1] == "met"


def test_sample_medical_service_not_met_for_homes_with_neither_form(sample):
    # 八塘镇敬老院 (B7: 否/否) and 青杠颐养院 (B12: 否/×) have neither a unit nor an agreement;
    # 康馨养老院 (B9) is unsigned but has a unit. 8/10.
    assert_ind(sample["elderly_institution_medical_service"], "not_met", 0.8, 8, 10,
               [("璧山区八塘镇敬老院", "养老机构!B7"), ("璧山区青杠颐养院", "养老机构!B12")])


def test_sample_internal_unit_insurance_advisory_not_met(sample):
    # Homes with a unit: 社会福利中心 (B4 是), 康馨养老院 (B9 有; 否), 福寿康养中心 (B10 √) -> 2/3.
    ind = sample["internal_medical_unit_insurance"]
    assert_ind(ind, "not_met", 2 / 3, 2, 3, [("重庆璧山康馨养老院", "养老机构!B9")])
    assert ind["severity"] == "advisory"


def test_sample_hospice_ward_or_beds_met(sample):
    # 区人民医院: a ward with 10 beds; 康宁护理院: 8 hospice beds without a ward. 2 >= 1.
    ind = sample["hospice_ward_or_beds"]
    assert (ind["status"], ind["value"], ind["severity"]) == ("met", 2, "mandatory")


def test_sample_tcm_hospital_lacks_a_rehab_department(sample):
    ind = sample["tcm_hospital_departments"]
    assert_ind(ind, "not_met", 0, 0, 1, [("重庆市璧山区中医院", "医疗卫生机构!B5")])
    assert ind["failing"][0]["detail"] == "未满足：开设康复科；缺数据：-"
    assert ind["severity"] == "advisory"


def test_the_signing_sentence_is_a_commitment_not_a_100_percent_target():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert "elderly_institution_signing" not in {i.id for i in plan.indicators}
    assert any(c.quote.startswith("提倡养老机构") for c in plan.commitments)


def test_sample_home_visit_insurance_not_met(sample):
    # Providing home visits: 第二人民医院, 康宁护理院, 6 社区卫生服务中心, 9 卫生院 = 17;
    # uninsured: 来凤街道社区卫生服务中心 (row 15) and 广普镇卫生院 (row 23). 15/17.
    assert_ind(sample["home_visit_insurance"], "not_met", 15 / 17, 15, 17,
               [("璧山区来凤街道社区卫生服务中心", "医疗卫生机构!B15"), ("璧山区广普镇卫生院", "医疗卫生机构!B23")])


DATED = {"medical_green_channel", "geriatrics_dept_rate", "geriatric_nursing_home_count",
         "community_integrated_care_count", "elderly_health_management_rate"}


def test_sample_before_2024_deadline_only_the_dated_goals_wait(samples):
    result = check(samples / "chongqing-2024.xlsx", BEFORE)
    inds = by_id(result)
    assert {i for i, ind in inds.items() if ind["status"] == "not_due"} == DATED
    assert result["summary"] == {"met": 3, "not_met": 5, "not_due": 5, "no_data": 0, "not_applicable": 0}
    ind = inds["community_integrated_care_count"]
    assert (ind["value"], ind["gap"], ind["target"]["deadline"]) == (4, -1, "2024-12-31")
    # An undated standing requirement is due at any date.
    assert inds["elderly_institution_medical_service"]["status"] == "not_met"


def test_sample_lottery_fund_support_met(sample):
    # 资金投入 2024: 用于养老服务和医养结合的彩票公益金 365 万元 > 0.
    ind = sample["lottery_fund_support"]
    assert (ind["status"], ind["value"], ind["severity"]) == ("met", 365, "mandatory")


def test_sample_tcm_advisories(sample):
    # 中医诊室: 社会福利中心 (B4) and 福寿康养中心 (B10) only: 2/10.
    ind = sample["elderly_institution_tcm_clinic"]
    assert (ind["status"], ind["numerator"], ind["denominator"], ind["severity"]) == ("not_met", 2, 10, "advisory")
    # The one 中医医院 (written 中医院) has signed with elderly-care institutions.
    assert_ind(sample["tcm_hospital_home_cooperation"], "met", 1, 1, 1, [])


def test_sample_cli_exit_code(samples):
    code, _out, err = run_cli_json(samples / "chongqing-2024.xlsx", PLAN, "2025-01-01")
    assert code == 1, err
    # Mid-2024 the standing requirements already fail (homes without medical care in any form).
    code, _out, err = run_cli_json(samples / "chongqing-2024.xlsx", PLAN, "2024-06-30")
    assert code == 1, err


# ---------------------------------------------------------------- hand-made forms for each reading

MED_HEAD = ["机构名称", "乡镇（街道）", "机构类别", "等级", "是否开设老年人就医绿色通道", "是否设立老年医学科",
            "是否附设老年护理院", "是否提供上门医疗服务", "上门服务是否投保责任险、医疗意外险、人身意外险"]


def book(path: Path, hospitals=None, community=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if hospitals is not None:
        write_form(wb, "医疗卫生机构", "医疗卫生机构情况表", MED_HEAD, hospitals)
    if community is not None:
        write_form(wb, "社区养老服务设施", "社区养老服务设施情况表", ["设施名称", "乡镇（街道）", "设施类型", "是否医养结合机构"],
                   community)
    wb.close()
    return path


def hospital(name, category, grade, geriatrics="否", attached="否", visits="否", insured="否"):
    return [name, "璧城街道", category, grade, "是", geriatrics, attached, visits, insured]


@pytest.mark.parametrize("with_geriatrics, status", [(7, "met"), (6, "not_met")])
def test_geriatrics_70_percent_is_inclusive(tmp_path, with_geriatrics, status):
    # 10 grade-2+ 综合医院, plus a 一级 综合医院 and a 二级 中医医院 without geriatrics (out of scope).
    rows = [hospital(f"综合医院{i}", "综合医院", "二级", "是" if i < with_geriatrics else "否") for i in range(10)]
    rows += [hospital("一级医院", "综合医院", "一级"), hospital("中医院", "中医医院", "二级")]
    ind = by_id(check(book(tmp_path / "g.xlsx", rows), AFTER))["geriatrics_dept_rate"]
    assert_ind(ind, status, with_geriatrics / 10, with_geriatrics, 10)


@pytest.mark.parametrize("rows, status, count", [
    ([hospital("某护理院", "护理院", "未定级")], "met", 1),                      # independent
    ([hospital("区人民医院老年护理院", "老年护理院", "未定级")], "met", 1),       # 老年护理院 is read as 护理院
    # An attached home listed as its own row and flagged by its hospital counts once, not twice.
    ([hospital("区人民医院", "综合医院", "三级", attached="是"),
      hospital("区人民医院老年护理院", "老年护理医院", "未定级")], "met", 1),
    # A hospital's flag alone is not counted (the one route: 护理院 rows).
    ([hospital("区人民医院", "综合医院", "三级", attached="是")], "not_met", 0),
    ([hospital("区人民医院", "综合医院", "三级")], "not_met", 0),                # neither
])
def test_nursing_home_counted_by_its_own_row_once(tmp_path, rows, status, count):
    ind = by_id(check(book(tmp_path / "n.xlsx", rows), AFTER))["geriatric_nursing_home_count"]
    assert_ind(ind, status, count, count, None)


@pytest.mark.parametrize("integrated, status", [(5, "met"), (4, "not_met")])
def test_community_count_not_less_than_5_includes_5(tmp_path, integrated, status):
    rows = [[f"第{i}养老服务中心", "璧城街道", "街道养老服务中心", "是" if i < integrated else "否"] for i in range(7)]
    ind = by_id(check(book(tmp_path / "c.xlsx", community=rows), AFTER))["community_integrated_care_count"]
    assert_ind(ind, status, integrated, integrated, None)


def test_missing_community_sheet_is_no_data(tmp_path):
    ind = by_id(check(book(tmp_path / "m.xlsx", [hospital("某护理院", "护理院", "未定级")]), AFTER))[
        "community_integrated_care_count"]
    assert (ind["status"], ind["value"]) == ("no_data", None)


def test_home_visit_insurance_not_applicable_when_nobody_visits(tmp_path):
    rows = [hospital("区人民医院", "综合医院", "三级"), hospital("某卫生院", "乡镇卫生院", "一级")]
    ind = by_id(check(book(tmp_path / "h.xlsx", rows), AFTER))["home_visit_insurance"]
    assert_ind(ind, "not_applicable", None, 0, 0, [])


@pytest.mark.parametrize("as_of, status", [(dt.date(2024, 12, 30), "not_due"), (dt.date(2024, 12, 31), "not_met")])
def test_deadline_day_itself_is_due(tmp_path, as_of, status):
    rows = [hospital("区人民医院", "综合医院", "三级")]  # no geriatrics: 0/1
    ind = by_id(check(book(tmp_path / "d.xlsx", rows), as_of))["geriatrics_dept_rate"]
    assert (ind["status"], ind["value"]) == (status, 0)


def test_plan_encodes_the_repeated_part_once_with_life_expectancy_as_commitment():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert "篇九" in plan.source_part and "篇十三" in plan.source_part
    assert any("78.5" in c.quote for c in plan.commitments)
    deadlines = {ind.id: {t.deadline for t in ind.targets} for ind in plan.indicators}
    assert {i for i, d in deadlines.items() if d == {dt.date(2024, 12, 31)}} == DATED
    assert all(d == {None} for i, d in deadlines.items() if i not in DATED)
