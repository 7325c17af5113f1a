"""tongren-2024 (003 篇三, repeated as 篇五) on its sample and on hand-made forms.

The sample (scripts/samples/tongren_2024.py) has 22 homes in 养老机构 (rows 4-25, 合计 on row 26),
24 medical institutions in 医疗卫生机构 (rows 4-27) and 9 community facilities in 社区养老服务设施
(rows 4-12), name in column B. Hand-made forms follow
tests/formhelpers.write_form: the n-th unit on row 3 + n.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import xlsxwriter

from formhelpers import approx, assert_ind, by_id, check_plan, groups, run_cli_json, write_form as _write_form

PLAN = "tongren-2024"
END_2024 = dt.date(2024, 12, 31)  # every target due
MID_2024 = dt.date(2024, 6, 30)  # only the undated (20xx) targets are due

write_form = partial(_write_form, reporter="填报单位（盖章）：铜仁市民政局            填报时间：2025年1月")


def sample(samples: Path, as_of: dt.date) -> dict:
    return check_plan(samples / "tongren-2024.xlsx", PLAN, as_of)


# ---------------------------------------------------------------- the sample workbook

def test_sample_is_read_as_laid_out(samples):
    result = sample(samples, END_2024)
    tables = {t["sheet"]: t for t in result["inputs"][0]["tables"]}
    assert tables["养老机构"]["rows"] == 22 and tables["医疗卫生机构"]["rows"] == 24
    assert (tables["社区养老服务设施"]["entity"], tables["社区养老服务设施"]["rows"]) == ("community_care_centres", 9)
    assert {"row": 26, "reason": "total"} in tables["养老机构"]["skipped_rows"]
    assert {"residents_65", "residents_65_managed", "staff", "staff_certified", "integration_pilot"} <= set(
        tables["养老机构"]["fields"])
    assert {"volunteer_team", "home_green_channel"} <= set(tables["医疗卫生机构"]["fields"])
    assert "green_channel" not in tables["医疗卫生机构"]["fields"]
    assert {"facility_type", "primary_care_link", "signed_community_health_centre"} <= set(
        tables["社区养老服务设施"]["fields"])
    assert result["data_issues"] == []


def test_sample_green_channel_not_met(samples):
    ind = by_id(sample(samples, END_2024))["green_channel"]
    # The channel opened for the homes' residents (为入住养老机构老年人开通医疗救治绿色通道 → home_green_channel).
    # Every level counts, village clinics included: 24 institutions, 坝黄镇卫生院 (否) and 宋家坝村卫生室 (×) lack one.
    assert_ind(ind, "not_met", 22 / 24, 22, 24,
               [("碧江区坝黄镇卫生院", "医疗卫生机构!B19"), ("碧江区坝黄镇宋家坝村卫生室", "医疗卫生机构!B26")])
    # Broken down by 区县: 碧江区 has 7 institutions, 5 with a channel.
    assert groups(ind)["碧江区"] == (approx(5 / 7), "not_met", 5, 7)
    assert groups(ind)["万山区"] == (1.0, "met", 2, 2)


def test_sample_bijiang_pilots_met(samples):
    ind = by_id(sample(samples, END_2024))["bijiang_pilots"]
    # 河西街道社区养老服务中心 (row 5) and 环北街道居家养老服务中心 (row 6) are the pilots in 碧江区.
    assert_ind(ind, "met", 2, 2, None)
    assert ind["target"]["deadline"] is None


def test_sample_small_home_liaison_not_met(samples):
    ind = by_id(sample(samples, END_2024))["small_home_liaison"]
    # beds <= 50: rows 6 (40), 7 (50), 10 (36), 12 (30), 15 (24), 20 (45), 22 (20) = 7 homes;
    # 坝黄镇敬老院 (row 7, exactly 50 beds) has no liaison: 6 / 7.
    assert_ind(ind, "not_met", 6 / 7, 6, 7, [("碧江区坝黄镇敬老院", "养老机构!B7")])


def test_sample_small_community_facility_liaison_not_met(samples):
    ind = by_id(sample(samples, END_2024))["small_community_facility_liaison"]
    # 居家养老服务中心 and 农村互助幸福院 (read as 农村幸福院): rows 4-9, 11, 12 = 8; the 日间照料中心 (row 10)
    # is not named and is out of scope. Neither link: 龙塘镇农村互助幸福院 (B8), 和平街道居家养老服务中心 (B12).
    assert_ind(ind, "not_met", 6 / 8, 6, 8, [("石阡县龙塘镇农村互助幸福院", "社区养老服务设施!B8"),
                                           ("沿河县和平街道居家养老服务中心", "社区养老服务设施!B12")])
    assert (ind["severity"], ind["target"]["deadline"]) == ("mandatory", None)
    assert groups(ind)["碧江区"] == (1.0, "met", 2, 2)


def test_sample_large_home_medical_unit_advisory_not_met(samples):
    ind = by_id(sample(samples, END_2024))["large_home_medical_unit"]
    # beds >= 50: 16 homes (坝黄镇敬老院's 50 included); without a unit: rows 5, 7, 11, 17, 24.
    assert_ind(ind, "not_met", 11 / 16, 11, 16, [
        ("碧江区河西街道社区养老服务中心", "养老机构!B5"), ("碧江区坝黄镇敬老院", "养老机构!B7"),
        ("江口县中心敬老院", "养老机构!B11"), ("思南县颐和养老院", "养老机构!B17"), ("松桃县孟溪镇敬老院", "养老机构!B24")])
    assert ind["severity"] == "advisory"


def test_sample_large_home_medical_service_not_met(samples):
    ind = by_id(sample(samples, END_2024))["large_home_medical_service"]
    # Of the 5 homes without a unit, 4 have a liaison; 坝黄镇敬老院 has neither: 15 / 16.
    assert_ind(ind, "not_met", 15 / 16, 15, 16, [("碧江区坝黄镇敬老院", "养老机构!B7")])
    assert ind["severity"] == "mandatory"


def test_sample_large_home_unit_insurance_not_met(samples):
    ind = by_id(sample(samples, END_2024))["large_home_unit_insurance"]
    # 50+ beds with a unit: rows 4, 8, 9, 13, 14, 16, 18, 19, 21, 23, 25 = 11; designated: 4, 9, 14, 16, 21 = 5.
    assert_ind(ind, "not_met", 5 / 11, 5, 11, [
        ("铜仁康乐老年公寓", "养老机构!B8"), ("玉屏侗族自治县社会福利院", "养老机构!B13"),
        ("印江土家族苗族自治县中心敬老院", "养老机构!B18"), ("德江县社会福利中心", "养老机构!B19"),
        ("松桃苗族自治县社会福利院", "养老机构!B23"), ("铜仁市夕阳红老年公寓", "养老机构!B25")])
    # 三、(四) puts the admission on the homes themselves, with no eligibility qualifier: binding.
    assert ind["severity"] == "mandatory"


def test_sample_resident_health_management_met(samples):
    ind = by_id(sample(samples, END_2024))["resident_health_management_65"]
    # Σ residents 65+ = 186+35+25+30+64+88+21+66+18+79+98+15+131+47+75+104+28+92+10+104+37+51 = 1404
    # Σ managed       = 162+31+22+24+50+72+17+50+15+66+80+11+110+36+60+85+23+76+8+85+29+41 = 1153
    # 1153 / 1404 = 0.821225 >= 80%
    assert_ind(ind, "met", 1153 / 1404, 1153, 1404, [])
    # 江口县: (50 + 15) / (66 + 18) = 65 / 84 = 77.4%, below 80% on its own.
    assert groups(ind)["江口县"] == (approx(65 / 84), "not_met", 65, 84)


def test_sample_hospital_volunteer_team_not_met(samples):
    ind = by_id(sample(samples, END_2024))["hospital_volunteer_team"]
    # Hospitals only (rows 4-17, 14 of them); 铜仁市中医医院, 江口县人民医院 and 德江县人民医院 have none.
    assert_ind(ind, "not_met", 11 / 14, 11, 14, [
        ("铜仁市中医医院", "医疗卫生机构!B5"), ("江口县人民医院", "医疗卫生机构!B9"), ("德江县人民医院", "医疗卫生机构!B15")])


def test_sample_certified_staff_advisory_not_met(samples):
    ind = by_id(sample(samples, END_2024))["certified_staff"]
    # Σ staff = 350, Σ certified = 292: 0.834286.
    assert_ind(ind, "not_met", 292 / 350, 292, 350)
    assert ind["severity"] == "advisory"


def test_sample_exit_code_and_mid_2024(samples):
    code, out, _ = run_cli_json(samples / "tongren-2024.xlsx", PLAN, "2024-12-31")
    assert code == 1
    assert out["summary"] == {"met": 2, "not_met": 8, "not_due": 0, "no_data": 0, "not_applicable": 0}
    statuses = {i["id"]: i["status"] for i in sample(samples, MID_2024)["indicators"]}
    # The 20xx targets have no deadline and are due at any date; the 2024 ones are not due yet.
    assert statuses == {"green_channel": "not_due", "bijiang_pilots": "met", "small_home_liaison": "not_met",
                        "small_community_facility_liaison": "not_met",
                        "large_home_medical_unit": "not_due", "large_home_medical_service": "not_due",
                        "large_home_unit_insurance": "not_due", "resident_health_management_65": "not_due",
                        "hospital_volunteer_team": "not_due", "certified_staff": "not_due"}


# ---------------------------------------------------------------- hand-made forms

HOME_HEAD = ["机构名称", "区县", "床位数（张）", "是否内设医疗机构", "是否与医疗卫生机构签约合作", "是否医保定点",
             "是否医养结合试点机构"]
MED_HEAD = ["机构名称", "区县", "机构类别", "是否为入住养老机构老年人开通医疗救治绿色通道", "是否组建为老服务志愿者队伍"]


def make_book(path: Path, homes=None, medical=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if homes is not None:
        write_form(wb, "养老机构", "铜仁市养老机构情况表", HOME_HEAD, homes)
    if medical is not None:
        write_form(wb, "医疗卫生机构", "铜仁市医疗卫生机构情况表", MED_HEAD, medical)
    wb.close()
    return path


BOUNDARY = [
    ["甲敬老院", "碧江区", 49, "否", "是", "否", "否"],    # B4 small only
    ["乙敬老院", "碧江区", 50, "否", "否", "否", "否"],    # B5 exactly 50: small and large
    ["丙福利院", "万山区", 51, "是", "否", "是", "否"],    # B6 large only
]


def test_fifty_beds_is_under_both_rules(tmp_path):
    inds = by_id(check_plan(make_book(tmp_path / "b.xlsx", homes=BOUNDARY), PLAN, END_2024))
    # 50张以下 is <= 50: 甲 and 乙; 乙 has no liaison.
    assert_ind(inds["small_home_liaison"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B5")])
    # 50张以上 is >= 50: 乙 and 丙; only 丙 has a unit, and 乙 has no liaison either.
    assert_ind(inds["large_home_medical_unit"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B5")])
    assert_ind(inds["large_home_medical_service"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B5")])
    assert_ind(inds["large_home_unit_insurance"], "met", 1.0, 1, 1, [])


def test_a_liaison_satisfies_the_binding_large_home_rule_but_not_the_advisory_one(tmp_path):
    homes = [["乙敬老院", "碧江区", 50, "否", "是", "否", "否"], ["丙福利院", "万山区", 51, "是", "否", "否", "否"]]
    inds = by_id(check_plan(make_book(tmp_path / "b.xlsx", homes=homes), PLAN, END_2024))
    assert_ind(inds["large_home_medical_service"], "met", 1.0, 2, 2, [])
    assert_ind(inds["large_home_medical_unit"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B4")])
    assert_ind(inds["large_home_unit_insurance"], "not_met", 0, 0, 1, [("丙福利院", "养老机构!B5")])


def test_undated_targets_are_due_at_any_date_and_dated_ones_wait(tmp_path):
    inds = by_id(check_plan(make_book(tmp_path / "b.xlsx", homes=BOUNDARY), PLAN, dt.date(2020, 1, 1)))
    assert inds["small_home_liaison"]["status"] == "not_met"        # 20xx年x月前: no deadline
    assert inds["large_home_medical_service"]["status"] == "not_due"  # 2024年x月前 -> 2024-12-31


def test_pilots_count_distinct_homes_in_bijiang_only(tmp_path):
    homes = [
        ["河西社区养老服务中心", "碧江区", 60, "否", "是", "否", "是"],
        ["河西社区养老服务中心", "碧江区", 60, "否", "是", "否", "是"],   # listed twice: one home
        ["万山区社区养老服务中心", "万山区", 40, "否", "是", "否", "是"],  # a pilot, but not in 碧江区
        ["环北居家养老服务中心", "碧江区", 40, "否", "是", "否", "否"],
    ]
    ind = by_id(check_plan(make_book(tmp_path / "b.xlsx", homes=homes), PLAN, END_2024))["bijiang_pilots"]
    assert_ind(ind, "not_met", 1, 1, None)
    homes[3][6] = "√"
    ind = by_id(check_plan(make_book(tmp_path / "c.xlsx", homes=homes), PLAN, END_2024))["bijiang_pilots"]
    assert_ind(ind, "met", 2, 2, None)


def test_volunteer_teams_are_asked_of_hospitals_only(tmp_path):
    medical = [
        ["铜仁市人民医院", "碧江区", "综合医院", "是", "是"],          # B4
        ["铜仁市中医医院", "碧江区", "中医院", "是", "否"],            # B5 中医院 read as 中医医院: in scope
        ["铜仁市妇幼保健院", "碧江区", "专科医院", "是", "是"],        # B6
        ["坝黄镇卫生院", "碧江区", "卫生院", "否", "否"],              # B7 not a county-level hospital
        ["宋家坝村卫生室", "碧江区", "村卫生室", "是", "否"],          # B8
    ]
    inds = by_id(check_plan(make_book(tmp_path / "m.xlsx", medical=medical), PLAN, END_2024))
    assert_ind(inds["hospital_volunteer_team"], "not_met", 2 / 3, 2, 3, [("铜仁市中医医院", "医疗卫生机构!B5")])
    # The green channel is asked of every level, the village clinic included.
    assert_ind(inds["green_channel"], "not_met", 0.8, 4, 5, [("坝黄镇卫生院", "医疗卫生机构!B7")])


def test_health_management_of_exactly_80_percent_is_met(tmp_path):
    wb_path = tmp_path / "h.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(wb, "养老机构", "铜仁市养老机构情况表",
               ["机构名称", "区县", "入住65岁及以上老人数（人）", "入住65岁及以上老人接受健康管理人数（人）"],
               [["甲福利院", "碧江区", 100, 90], ["乙敬老院", "万山区", 50, 30]])
    wb.close()
    ind = by_id(check_plan(wb_path, PLAN, END_2024))["resident_health_management_65"]
    # (90 + 30) / (100 + 50) = 120 / 150 = 80%: 80%以上 includes 80%.
    assert_ind(ind, "met", 0.8, 120, 150)


def test_the_general_green_channel_for_older_patients_does_not_count(tmp_path):
    wb_path = tmp_path / "g.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(wb, "医疗卫生机构", "铜仁市医疗卫生机构情况表",
               ["机构名称", "区县", "机构类别", "是否开设老年人就医绿色通道", "是否为养老机构开通预约就诊绿色通道"],
               [["铜仁市人民医院", "碧江区", "综合医院", "是", "是"], ["碧江区中医医院", "碧江区", "中医医院", "是", "否"]])
    wb.close()
    ind = by_id(check_plan(wb_path, PLAN, END_2024))["green_channel"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("碧江区中医医院", "医疗卫生机构!B5")])
    # A form that only answers the general question leaves the channel for the homes unknown.
    wb_path = tmp_path / "h.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(wb, "医疗卫生机构", "铜仁市医疗卫生机构情况表", ["机构名称", "区县", "机构类别", "是否开设老年人就医绿色通道"],
               [["铜仁市人民医院", "碧江区", "综合医院", "是"]])
    wb.close()
    assert by_id(check_plan(wb_path, PLAN, END_2024))["green_channel"]["status"] == "no_data"
