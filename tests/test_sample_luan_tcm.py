"""The Lu'an TCM plan (luan-tcm, seed 003 篇十四) on its sample workbook and on hand-made forms.

Sample layout (scripts/samples/luan_tcm.py): merged title (row 1), 填报单位 line (row 2), headers
(row 3); the n-th unit sits on Excel row 3 + n with its name in column B.
  医疗卫生机构  rows 4-18: 15 hospitals; rows 19-37: 6 社区卫生服务中心 and 13 乡镇卫生院;
                rows 38-57: 3 社区卫生服务站 and 17 村卫生室; then a 合计 row for the count columns.
  养老机构      rows 4-11: 8 homes, then a 合计 row.
The plan has no year anywhere (the provincial plan's years are erased in the seed), so every target
is due at any date.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan, run_cli_json
from formhelpers import write_form as _write_form

PLAN = "luan-tcm"
AS_OF = dt.date(2025, 6, 30)
write_form = partial(_write_form, reporter="填报单位（盖章）：六安市卫生健康委员会")


def check(path: Path, as_of: dt.date = AS_OF) -> dict:
    return check_plan(path, PLAN, as_of)


@pytest.fixture(scope="module")
def sample(samples) -> dict:
    return by_id(check(samples / "luan-tcm.xlsx"))


# ---------------------------------------------------------------- the sample

def test_sample_reads_both_sheets_without_data_issues(samples):
    result = check(samples / "luan-tcm.xlsx")
    tables = {t["sheet"]: (t["entity"], t["rows"]) for t in result["inputs"][0]["tables"]}
    assert tables == {"医疗卫生机构": ("medical_institutions", 54), "养老机构": ("elderly_institutions", 8)}
    assert result["data_issues"] == []
    assert result["summary"] == {"met": 11, "not_met": 15, "not_due": 0, "no_data": 0, "not_applicable": 0}
    assert all(i["target"]["deadline"] is None for i in result["indicators"])


def test_sample_prevention_departments(sample):
    # 中医医院 grade ≥ 2 (中医院 is read as 中医医院): 市中医院, 霍山, 霍邱 (√), 金寨, 舒城 (否, B12),
    # 金安区中医院 = 5/6.
    assert_ind(sample["tcm_hospital_prevention_centre"], "not_met", 5 / 6, 5, 6, [("舒城县中医院", "医疗卫生机构!B12")])
    # 综合医院 + 妇幼保健院 of grade 二级 or above ("二级以上" read as qualifying them too): 7; without
    # 治未病科: 二院 (B6), 金寨县人民医院 (B16). 叶集区人民医院 (B18, 一级, no 治未病科) is out of scope.
    assert_ind(sample["general_mch_prevention_dept"], "not_met", 5 / 7, 5, 7,
               [("六安市第二人民医院", "医疗卫生机构!B6"), ("金寨县人民医院", "医疗卫生机构!B16")])


def test_sample_primary_care_tcm_hall_and_dept(sample):
    # 19 centres ("卫生院" is read as 乡镇卫生院); no 中医馆 at 三里桥 (row 21) and 周集镇 (row 33).
    assert_ind(sample["primary_care_tcm_hall"], "not_met", 17 / 19, 17, 19,
               [("六安市金安区三里桥街道社区卫生服务中心", "医疗卫生机构!B21"), ("霍邱县周集镇卫生院", "医疗卫生机构!B33")])
    assert_ind(sample["primary_care_tcm_dept"], "met", 1.0, 19, 19, [])


def test_sample_station_and_village_tcm_service_exactly_80_percent(sample):
    # 3 stations + 17 village clinics = 20; 否 at 城北站, 新河村, 王截流村, 渔潭村: 16/20 = 80%.
    assert_ind(sample["station_village_tcm_service"], "met", 0.8, 16, 20, [])


def test_sample_named_hospital_grades(sample):
    # 霍山县中医院 is 二级甲等: not yet 三乙.
    assert_ind(sample["huoshan_tcm_hospital_grade"], "not_met", 0, 0, 1, [("霍山县中医院", "医疗卫生机构!B9")])
    # 霍邱县中医院 is 二级甲等: 二甲 reached.
    assert_ind(sample["huoqiu_tcm_hospital_grade"], "met", 1.0, 1, 1, [])
    # Grade-2+ 中医医院 in 金安区 (市中医院, 金安区中医院) but none in 裕安区: 1 district of 2.
    ind = sample["jinan_yuan_grade2_tcm_hospitals"]
    assert_ind(ind, "not_met", 1, 1, None)
    assert ind["gap"] == -1


@pytest.mark.parametrize("iid, status, total", [
    ("national_key_tcm_specialties", "met", 3),          # 市中医院 2 + 霍山 1 ≥ 3
    ("national_demo_tcm_depts", "met", 1),               # 市人民医院 1 ≥ 1
    ("provincial_key_tcm_specialties", "not_met", 11),   # 5+1+1+2+1+1 < 15
    ("municipal_key_tcm_specialties", "met", 27),        # 8+3+2+4+3+2+2+1+1+1 ≥ 25
    ("master_studios", "met", 1),                        # 市中医院 1 ≥ 1
    ("provincial_tcm_expert_studios", "not_met", 4),     # 2+1+1 < 5
    ("provincial_famous_tcm_doctors", "met", 11),        # 5+1+2+1+1+1 ≥ 10
    ("municipal_famous_tcm_doctors", "not_met", 13),     # 4+2+2+2+1+1+1 < 15
])
def test_sample_specialty_and_doctor_counts(sample, iid, status, total):
    assert_ind(sample[iid], status, total, total, None)


def test_sample_rehabilitation(sample):
    assert_ind(sample["grade3_tcm_hospital_rehab_centre"], "met", 1.0, 1, 1, [])   # 市中医院
    # 二级 中医医院: 霍山, 霍邱, 金寨 (否, B11), 舒城, 金安区 = 4/5.
    assert_ind(sample["grade2_tcm_hospital_rehab_dept"], "not_met", 0.8, 4, 5, [("金寨县中医医院", "医疗卫生机构!B11")])
    # 综合/专科/妇幼 of any grade: 9; without: 妇幼 (B7), 金寨县人民医院 (B16). Advisory.
    ind = sample["other_hospitals_rehab_dept"]
    assert_ind(ind, "not_met", 7 / 9, 7, 9, [("六安市妇幼保健院", "医疗卫生机构!B7"), ("金寨县人民医院", "医疗卫生机构!B16")])
    assert ind["severity"] == "advisory"
    assert_ind(sample["huoshan_rehab_centre"], "met", 1.0, 1, 1, [])


def test_sample_elderly_care_targets(sample):
    # Homes with a 中医诊室: 社会福利院, 霍山县社会福利中心, 皖西颐养中心 (有) = 3/8 (advisory).
    assert_ind(sample["elderly_institution_tcm_clinic_room"], "not_met", 3 / 8, 3, 8,
               [("金安区三十铺镇敬老院", "养老机构!B5"), ("裕安区苏埠镇敬老院", "养老机构!B6"),
                ("霍邱县城关镇敬老院", "养老机构!B8"), ("舒城县康乐老年公寓", "养老机构!B9"),
                ("金寨县梅山镇敬老院", "养老机构!B10")])
    # 二甲 or above 中医医院: 市中医院 (三级), 霍山 (二甲, 否), 霍邱 (二甲), 金寨 ("甲" read as 甲等, 否);
    # 舒城 and 金安区 are 二乙: out of scope. 2/4.
    assert_ind(sample["tcm_hospital_ward_in_homes"], "not_met", 0.5, 2, 4,
               [("霍山县中医院", "医疗卫生机构!B9"), ("金寨县中医医院", "医疗卫生机构!B11")])
    assert_ind(sample["tcm_hospital_geriatrics_dept"], "not_met", 5 / 6, 5, 6, [("舒城县中医院", "医疗卫生机构!B12")])


def test_sample_tcm_hospitals_home_care_is_advice(sample):
    # 中医医院 of any grade (中医院 read as 中医医院): 市中医院 是, 霍山 是, 霍邱 否 (B10), 金寨 是, 舒城 否 (B12),
    # 金安区 有 = 4/6; "有条件中医医院…" is advisory.
    ind = sample["tcm_hospital_home_care_service"]
    assert_ind(ind, "not_met", 4 / 6, 4, 6, [("霍邱县中医院", "医疗卫生机构!B10"), ("舒城县中医院", "医疗卫生机构!B12")])
    assert ind["severity"] == "advisory"


def test_sample_tcm_hospital_pilot_and_rehab_service_are_advice(sample):
    # Pilots among 中医医院: 市中医院 (是), 霍山县中医院 (√) = 2 ≥ 1; 六安市人民医院's pilot is not a 中医医院's.
    ind = sample["tcm_hospital_integration_pilot"]
    assert (ind["status"], ind["value"], ind["severity"]) == ("met", 2, "advisory")
    # Rehabilitation service among the 6 中医医院: all but 金寨县中医医院 (B11).
    ind = sample["tcm_hospital_rehab_service"]
    assert_ind(ind, "not_met", 5 / 6, 5, 6, [("金寨县中医医院", "医疗卫生机构!B11")])
    assert ind["severity"] == "advisory"


def test_sample_cli_exit_1(samples):
    code, _out, err = run_cli_json(samples / "luan-tcm.xlsx", PLAN, "2025-06-30")
    assert code == 1, err


# ---------------------------------------------------------------- hand-made forms for each reading

HEAD = ["机构名称", "区县", "机构类别", "等级", "等次", "是否能提供中医药服务", "省级名中医人数（人）"]


def book(path: Path, rows) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    write_form(wb, "医疗卫生机构", "六安市医疗卫生机构中医药服务能力统计表", HEAD, rows)
    wb.close()
    return path


def tcm(name, county, grade, klass, category="中医医院", service="是", doctors=0):
    return [name, county, category, grade, klass, service, doctors]


@pytest.mark.parametrize("grade, klass, status", [
    ("三级", "乙等", "met"), ("三级", "甲等", "met"), ("二级", "甲等", "not_met"), ("三级", None, "no_data")])
def test_huoshan_three_b_or_better(tmp_path, grade, klass, status):
    ind = by_id(check(book(tmp_path / "h.xlsx", [tcm("霍山县中医院", "霍山县", grade, klass)])))[
        "huoshan_tcm_hospital_grade"]
    assert ind["status"] == status


@pytest.mark.parametrize("name, grade, klass, status", [
    ("霍邱县中医院", "二级", "甲等", "met"),
    ("霍邱县中医医院", "二级", "甲", "met"),       # spelled with 医; 甲 read as 甲等
    ("霍邱县中医院", "二级", "乙等", "not_met"),
    ("霍邱县中医院", "三级", None, "met"),         # any 三级 is above 二甲
])
def test_huoqiu_two_a_or_better(tmp_path, name, grade, klass, status):
    ind = by_id(check(book(tmp_path / "q.xlsx", [tcm(name, "霍邱县", grade, klass)])))["huoqiu_tcm_hospital_grade"]
    assert ind["status"] == status


def test_named_hospital_missing_from_data_is_no_data(tmp_path):
    inds = by_id(check(book(tmp_path / "m.xlsx", [tcm("六安市中医院", "金安区", "三级", "甲等")])))
    for iid in ("huoshan_tcm_hospital_grade", "huoqiu_tcm_hospital_grade"):
        assert (inds[iid]["status"], inds[iid]["value"]) == ("no_data", None), iid


@pytest.mark.parametrize("rows, status, districts", [
    ([tcm("金安区中医院", "金安区", "二级", "乙等"), tcm("裕安区中医院", "裕安区", "二级", "乙等")], "met", 2),
    # Two in 金安区 are still one district; 裕安区's 一级 hospital does not count.
    ([tcm("六安市中医院", "金安区", "三级", "甲等"), tcm("金安区中医院", "金安区", "二级", "乙等"),
      tcm("裕安区中医诊疗中心", "裕安区", "一级", None)], "not_met", 1),
    # A 二级 综合医院 in 裕安区 is not a 中医院.
    ([tcm("金安区中医院", "金安区", "二级", "乙等"), tcm("裕安区人民医院", "裕安区", "二级", "甲等", "综合医院")],
     "not_met", 1),
])
def test_each_of_jinan_and_yuan_needs_a_grade2_tcm_hospital(tmp_path, rows, status, districts):
    ind = by_id(check(book(tmp_path / "j.xlsx", rows)))["jinan_yuan_grade2_tcm_hospitals"]
    assert_ind(ind, status, districts, districts, None)


@pytest.mark.parametrize("with_service, status", [(4, "met"), (3, "not_met")])
def test_station_village_80_percent_inclusive(tmp_path, with_service, status):
    rows = [[f"村卫生室{i}", "金安区", "村卫生室", "未定级", None, "是" if i < with_service else "否", 0]
            for i in range(5)]
    ind = by_id(check(book(tmp_path / "v.xlsx", rows)))["station_village_tcm_service"]
    assert_ind(ind, status, with_service / 5, with_service, 5)


def test_blank_count_is_no_data_not_zero(tmp_path):
    rows = [tcm("六安市中医院", "金安区", "三级", "甲等", doctors=12), tcm("霍山县中医院", "霍山县", "二级", "甲等", doctors=None)]
    ind = by_id(check(book(tmp_path / "b.xlsx", rows)))["provincial_famous_tcm_doctors"]
    # 12 known already meets ≥ 10 whatever the blank holds.
    assert (ind["status"], ind["value"], ind["unknown"]) == ("met", 12, 1)
    rows[0][-1] = 8
    ind = by_id(check(book(tmp_path / "c.xlsx", rows)))["provincial_famous_tcm_doctors"]
    # 8 known, one blank: could reach 10 or not.
    assert (ind["status"], ind["value"], ind["unknown"]) == ("no_data", 8, 1)


def test_missing_count_column_is_no_data(tmp_path):
    rows = [tcm("六安市中医院", "金安区", "三级", "甲等")]
    ind = by_id(check(book(tmp_path / "n.xlsx", rows)))["national_key_tcm_specialties"]
    assert (ind["status"], ind["value"]) == ("no_data", None)
    assert ind["missing_fields"] == ["medical_institutions.national_key_tcm_specialties"]


def test_grade2_rehab_accepts_a_rehab_centre(tmp_path):
    wb_path = tmp_path / "r.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(wb, "医疗卫生机构", "康复科室情况", ["机构名称", "机构类别", "等级", "是否设立康复医学科", "是否建设康复中心"], [
        ["甲中医院", "中医医院", "二级", "否", "是"],     # centre only: counts
        ["乙中医院", "中医医院", "参照二级", "是", "否"],
        ["丙中医院", "中医医院", "三级", "是", "否"],     # 三级: held to the centre, not to this target
    ])
    wb.close()
    inds = by_id(check(wb_path))
    assert_ind(inds["grade2_tcm_hospital_rehab_dept"], "met", 1.0, 2, 2, [])
    assert_ind(inds["grade3_tcm_hospital_rehab_centre"], "not_met", 0, 0, 1, [("丙中医院", "医疗卫生机构!B6")])
