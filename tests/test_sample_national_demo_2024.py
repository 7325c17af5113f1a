"""The national demonstration-project standards (national-demo-2024, seed 003 篇七) on the sample
workbook of 安吉县 and on hand-made forms whose every answer is known in advance.

Sample layout (scripts/samples/national_demo_2024.py): merged title (row 1), 填报单位 line (row 2),
headers (row 3); 养老机构 rows 4-15 hold 12 homes (name in column B), then a 合计 row. Six are
candidates for 全国医养结合示范机构: B4, B5, B7, B10, B12, B15.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan, groups, run_cli_json
from formhelpers import write_form as _write_form

PLAN = "national-demo-2024"
AS_OF = dt.date(2024, 12, 31)
write_form = partial(_write_form, reporter="填报单位（盖章）：某县卫生健康局")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


@pytest.fixture(scope="module")
def sample(samples) -> dict:
    return by_id(check(samples / "national-demo-2024.xlsx", AS_OF))


# ---------------------------------------------------------------- the sample, as of 2024-12-31

def test_sample_reads_the_home_table_without_data_issues(samples):
    result = check(samples / "national-demo-2024.xlsx", AS_OF)
    tables = {t["sheet"]: (t["entity"], t["rows"]) for t in result["inputs"][0]["tables"]}
    assert tables == {"养老机构": ("elderly_institutions", 12)}
    assert result["data_issues"] == []
    assert result["summary"] == {"met": 0, "not_met": 3, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_sample_demo_institutions_each_failing_one_listed_with_its_missed_criteria(sample):
    # Candidates (是否申报 = 是): 6. Every criterion met by 安吉县社会福利中心 (B4: 2012, 214/260,
    # 150/214, 96/96, 97%) and 安吉孝源医养护理院 (B12: on every boundary, see below) -> 2/6.
    #   B5  中医医院老年康养中心: 60 of 62 staff certified;
    #   B7  灵峰颐养院: opened 2020-05, 4 full years;
    #   B10 昌硕康养中心: 110/200 = 55% occupancy, 55/110 = 50% disabled (not 超过), 93% satisfaction;
    #   B15 递铺康乐护理院: a major accident within 5 years.
    ind = sample["demo_institution_criteria"]
    assert_ind(ind, "not_met", 2 / 6, 2, 6, [
        ("安吉县中医医院老年康养中心", "养老机构!B5"), ("安吉灵峰颐养院", "养老机构!B7"),
        ("安吉昌硕康养中心", "养老机构!B10"), ("安吉递铺康乐护理院", "养老机构!B15")])
    detail = {f["name"]: f["detail"] for f in ind["failing"]}
    assert detail["安吉县中医医院老年康养中心"] == "未满足：所有人员持证或培训合格上岗；缺数据：-"
    assert detail["安吉灵峰颐养院"] == "未满足：运营满5年；缺数据：-"
    assert detail["安吉昌硕康养中心"] == "未满足：入住率≥60%、失能失智入住占比>50%、满意度≥95%；缺数据：-"
    assert detail["安吉递铺康乐护理院"] == "未满足：5年内无重大事故和违法违纪案件；缺数据：-"
    assert ind["scope"] == "institution" and ind["target"]["deadline"] is None
    assert groups(ind)["孝源街道"] == (1, "met", 1, 1)
    assert groups(ind)["递铺街道"] == (pytest.approx(1 / 3), "not_met", 1, 3)


def test_sample_five_years_counted_to_the_day(samples):
    # 孝源医养护理院 opened 2019-12-20: 4 full years on 2024-12-19, 5 on 2024-12-20.
    before = by_id(check(samples / "national-demo-2024.xlsx", dt.date(2024, 12, 19)))["demo_institution_criteria"]
    assert_ind(before, "not_met", 1 / 6, 1, 6)
    assert {f["name"]: f["detail"] for f in before["failing"]}["安吉孝源医养护理院"] == "未满足：运营满5年；缺数据：-"
    on_day = by_id(check(samples / "national-demo-2024.xlsx", dt.date(2024, 12, 20)))["demo_institution_criteria"]
    assert (on_day["numerator"], on_day["denominator"]) == (2, 6)


def test_sample_all_homes_provide_medical_care_not_met(sample):
    # All 12 homes, candidates or not; neither a unit nor an agreement: 天荒坪镇敬老院 (B8 否/否) and
    # 杭垓镇敬老院 (B13 否/×). 溪龙颐养院 (无 unit) is signed. 10/12.
    assert_ind(sample["all_homes_provide_medical_care"], "not_met", 10 / 12, 10, 12,
               [("安吉县天荒坪镇敬老院", "养老机构!B8"), ("安吉县杭垓镇敬老院", "养老机构!B13")])


def test_sample_area_no_major_incident_not_met(sample):
    # Every home answers the 5-year incident question (the non-candidates 否); only the candidate
    # 递铺康乐护理院 (B15) reports one, so the county standard fails on it too. 11/12.
    ind = sample["area_no_major_incident"]
    assert_ind(ind, "not_met", 11 / 12, 11, 12, [("安吉递铺康乐护理院", "养老机构!B15")])
    assert (ind["severity"], ind["target"]["deadline"]) == ("mandatory", None)


def test_sample_cli_exit_code(samples):
    code, out, err = run_cli_json(samples / "national-demo-2024.xlsx", PLAN, "2024-12-31")
    assert code == 1, err
    assert [i["status"] for i in out["indicators"]] == ["not_met", "not_met", "not_met"]


# ---------------------------------------------------------------- hand-made forms for each reading

HEAD = ["机构名称", "开业时间", "床位数（张）", "入住老人数（人）", "失能失智入住人数（人）", "是否内设医疗机构",
        "是否与医疗卫生机构签约合作", "是否申报全国医养结合示范机构", "是否提供一体化医养结合服务", "工作人员数（人）",
        "持证（培训合格）上岗人数（人）", "近5年是否发生重大事故或违法违纪案件", "满意度"]


def home(name="甲医养中心", opened="2015-01-01", beds=100, residents=80, disabled=50, unit="是", signed="是",
         candidate="是", integrated="是", staff=40, certified=40, incident="否", satisfaction="96%"):
    return [name, opened, beds, residents, disabled, unit, signed, candidate, integrated, staff, certified, incident,
            satisfaction]


def criteria_result(tmp_path: Path, rows) -> dict:
    wb = xlsxwriter.Workbook(str(tmp_path / "d.xlsx"))
    write_form(wb, "养老机构", "示范机构申报表", HEAD, rows)
    wb.close()
    return by_id(check(tmp_path / "d.xlsx", AS_OF))


@pytest.mark.parametrize("changes, missed", [
    ({}, None),
    ({"residents": 60, "disabled": 31}, None),                  # 60/100 = 60% and 31/60: both pass
    ({"residents": 59, "disabled": 30}, "入住率≥60%"),           # 59%
    ({"disabled": 40}, "失能失智入住占比>50%"),                   # 40/80 = 50% exactly: 超过 excludes it
    ({"satisfaction": "95%"}, None),                             # 95%及以上 includes 95%
    ({"satisfaction": 0.949}, "满意度≥95%"),
    ({"certified": 39}, "所有人员持证或培训合格上岗"),
    ({"incident": "是"}, "5年内无重大事故和违法违纪案件"),
    ({"integrated": "否"}, "提供一体化医养结合服务"),
    ({"unit": "否"}, "具备医疗卫生机构资质并已进行养老机构备案"),  # signed only: not a 医养结合机构
    ({"opened": "2020年1月"}, "运营满5年"),                      # 2020-01-01: 4 full years at 2024-12-31
])
def test_each_criterion_and_its_boundary(tmp_path, changes, missed):
    ind = criteria_result(tmp_path, [home(**changes)])["demo_institution_criteria"]
    if missed is None:
        assert_ind(ind, "met", 1.0, 1, 1, [])
    else:
        assert_ind(ind, "not_met", 0, 0, 1, [("甲医养中心", "养老机构!B4")])
        assert ind["failing"][0]["detail"] == f"未满足：{missed}；缺数据：-"


def test_non_candidates_are_out_of_scope_but_count_for_the_area(tmp_path):
    rows = [home(), home("乙敬老院", opened="2021年", candidate="否", unit="否", signed="否", integrated="—",
                         certified="—", incident="—", satisfaction="—")]
    result = criteria_result(tmp_path, rows)
    assert_ind(result["demo_institution_criteria"], "met", 1.0, 1, 1, [])
    assert_ind(result["all_homes_provide_medical_care"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B5")])


def test_no_candidate_at_all_is_no_data(tmp_path):
    ind = criteria_result(tmp_path, [home(candidate="否")])["demo_institution_criteria"]
    assert (ind["status"], ind["value"]) == ("no_data", None)


def test_blank_criterion_is_named_as_missing_data(tmp_path):
    # Satisfaction left blank: every other criterion is met, so the home is undecided and listed.
    ind = criteria_result(tmp_path, [home(satisfaction=None)])["demo_institution_criteria"]
    assert (ind["status"], ind["unknown"]) == ("no_data", 1)
    assert ind["failing"] == [{"name": "甲医养中心", "location": "养老机构!B4", "detail": "未满足：-；缺数据：满意度≥95%"}]


def test_a_failed_criterion_decides_even_with_another_blank(tmp_path):
    ind = criteria_result(tmp_path, [home(satisfaction=None, incident="是")])["demo_institution_criteria"]
    assert ind["status"] == "not_met"
    assert ind["failing"][0]["detail"] == "未满足：5年内无重大事故和违法违纪案件；缺数据：满意度≥95%"


def test_area_incident_standard_counts_every_home_and_a_blank_is_undecided(tmp_path):
    # Non-candidates count for the area standard; a blank answer cannot pass it.
    rows = [home("甲中心"), home("乙敬老院", candidate="否", incident="否"), home("丙敬老院", candidate="否", incident=None)]
    ind = criteria_result(tmp_path, rows)["area_no_major_incident"]
    assert (ind["status"], ind["numerator"], ind["denominator"], ind["unknown"]) == ("no_data", 2, 2, 1)
    rows[2] = home("丙敬老院", candidate="否", incident="是")
    ind = criteria_result(tmp_path, rows)["area_no_major_incident"]
    assert_ind(ind, "not_met", 2 / 3, 2, 3, [("丙敬老院", "养老机构!B6")])


def test_plan_lists_the_national_average_target_as_a_commitment():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert [i.id for i in plan.indicators] == ["demo_institution_criteria", "all_homes_provide_medical_care",
                                               "area_no_major_incident"]
    crit = plan.indicators[0].measure.criteria
    assert [c.id for c in crit] == ["licensed", "five_years", "occupancy", "integrated_service", "disabled_share",
                                    "staff_certified", "no_major_incident", "satisfaction"]
    assert all(c.quote for c in crit)
    assert any("全国平均水平" in c.quote for c in plan.commitments)
    assert all(t.deadline is None for ind in plan.indicators for t in ind.targets)
