"""The Xinjiang pilot plan (xinjiang-2017, seed 000) on its sample workbook and on hand-made forms
whose every answer is known in advance.

Sample layout (scripts/samples/xinjiang_2017.py): every sheet has a merged title (row 1), a
填报单位 line (row 2), headers (row 3), so the n-th unit sits on Excel row 3 + n, name in column B.
  养老机构      rows 4-27: 24 homes, then a 合计 row.
  医疗卫生机构  rows 4-37: 34 institutions.
  社区养老服务设施 rows 4-11: 8 day-care centres and a 托老所.
  辖区统计      rows 4-17: the 14 地（州、市）, 2020, then a 合计 row.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter

from formhelpers import approx, assert_ind, by_id, check_plan, groups, run_cli_json, write_form as _write_form

PLAN = "xinjiang-2017"
AS_OF = dt.date(2020, 12, 31)      # both stages due: the 2020 figures apply
MID_2018 = dt.date(2018, 6, 30)    # only the 2017 stage is due
MID_2017 = dt.date(2017, 6, 30)    # nothing is due yet
write_form = partial(_write_form, reporter="填报单位（盖章）：新疆维吾尔自治区卫生健康委员会")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


@pytest.fixture(scope="module")
def sample(samples) -> dict:
    return by_id(check(samples / "xinjiang-2017.xlsx", AS_OF))


# ---------------------------------------------------------------- the sample, as of 2020-12-31

def test_sample_reads_every_sheet_without_data_issues(samples):
    result = check(samples / "xinjiang-2017.xlsx", AS_OF)
    tables = {t["sheet"]: (t["entity"], t["rows"]) for t in result["inputs"][0]["tables"]}
    assert tables == {"养老机构": ("elderly_institutions", 24), "医疗卫生机构": ("medical_institutions", 34),
                      "社区养老服务设施": ("community_care_centres", 8), "辖区统计": ("areas", 14)}
    assert result["data_issues"] == []  # the 合计 rows agree with their columns
    assert result["summary"] == {"met": 3, "not_met": 10, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_sample_pilot_counties_two_prefectures_without_one(sample):
    # Out of scope: the six named pilots (乌鲁木齐市, 克拉玛依市, 哈密市, 昌吉回族自治州, 巴音郭楞蒙古自治州,
    # 伊犁哈萨克自治州). The other 8: 吐鲁番 1, 博州 1, 阿克苏 1, 克州 0, 喀什 2, 和田 1, 塔城 1, 阿勒泰 0 → 6/8.
    assert_ind(sample["pilot_county_per_prefecture"], "not_met", 0.75, 6, 8,
               [("克孜勒苏柯尔克孜自治州", "辖区统计!B12"), ("阿勒泰地区", "辖区统计!B17")])


def test_sample_green_channel_met_above_80_percent(sample):
    # 否 at 和平路街道社区卫生服务中心, 伊宁县人民医院, 吉里于孜镇卫生院, 依干其乡卫生院, 阿勒泰地区人民医院:
    # 29/34 = 85.3% ≥ 80%.
    assert_ind(sample["medical_green_channel"], "met", 29 / 34, 29, 34, [])


def test_sample_medical_service_misses_the_2020_stage(sample):
    # Neither a medical unit nor an agreement: 克拉玛依市颐康养老院 (row 10) and 库车市敬老院 (row 21): 22/24.
    ind = sample["elderly_institution_medical_service"]
    assert_ind(ind, "not_met", 22 / 24, 22, 24,
               [("克拉玛依市颐康养老院", "养老机构!B10"), ("库车市敬老院", "养老机构!B21")])
    assert ind["target"] == {"comparator": ">=", "value": 1.0, "unit": "ratio", "deadline": "2020-12-31"}
    assert groups(ind)["库车市"] == (0, "not_met", 0, 1)


def test_sample_family_doctor_signing_ratio_of_sums(sample):
    # Σ fd_signed_65 = 215000+31000+34000+43000+105000+27000+72000+122000+25000+207000+110000+141000
    #                  +62000+35000 = 1229000
    # Σ pop_65 = 290000+39000+52000+58000+140000+40000+100000+180000+40000+300000+170000+190000
    #            +90000+52000 = 1741000;  1229000/1741000 = 70.59% ≥ 70% (the 2020 stage).
    ind = sample["elderly_family_doctor_signing"]
    assert_ind(ind, "met", 1229000 / 1741000, 1229000, 1741000, [])
    assert ind["target"]["value"] == 0.7 and ind["next_target"] is None
    # 克州 25000/40000 = 62.5% and 和田 110000/170000 = 64.7% fall short on their own.
    assert groups(ind)["克孜勒苏柯尔克孜自治州"] == (0.625, "not_met", 25000, 40000)


def test_sample_small_nursing_homes_all_have_a_unit_or_an_agreement(sample):
    # Nursing-type, < 100 beds: 康乐养老院 (signed), 夕阳红老年护理中心 (护理站), 库尔勒夕阳红养老院 (99 beds,
    # 医务室), 康宁老年公寓 (诊所), 哈密市颐养中心 (signed), 塔城市社会福利院 (signed) = 6/6.
    # 奎屯市夕阳红老年公寓 has exactly 100 beds: it belongs to the 100张及以上 rule.
    assert_ind(sample["small_nursing_home_medical_unit_or_cooperation"], "met", 1.0, 6, 6, [])


def test_the_100_bed_permission_is_a_commitment_not_an_indicator(sample):
    # "100张及以上…具备开办医疗机构条件的,…可…开办老年病医院…": a permission (可), not a target.
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert "large_nursing_home_medical_institution" not in sample
    assert any(c.quote.startswith("100张及以上床位的失能老人护理型养老机构") and "可按照" in c.quote
               for c in plan.commitments)


def test_sample_primary_care_family_beds_advice(sample):
    # 基层: 和平路社区卫生服务中心 是, 塔什店镇 是, 吉里于孜镇 否, 三工镇 √, 二堡镇 否, 依干其乡 否, 浩罕乡 是
    # = 4/7; hospitals (their cell "—") are out of scope, and so would be 社区卫生服务站 and 村卫生室
    # (they do not run 家庭病床).
    ind = sample["primary_care_family_beds"]
    assert_ind(ind, "not_met", 4 / 7, 4, 7,
               [("伊宁县吉里于孜镇卫生院", "医疗卫生机构!B19"), ("哈密市伊州区二堡镇卫生院", "医疗卫生机构!B24"),
                ("阿克苏市依干其乡卫生院", "医疗卫生机构!B27")])
    assert ind["severity"] == "advisory"


def test_sample_community_facilities_primary_care_link(sample):
    # 8 facilities; 水磨沟区托老所 (B6) and 伊宁市解放路 (B9) have neither a service point nor a signed service.
    ind = sample["community_facility_primary_care_link"]
    assert_ind(ind, "not_met", 0.75, 6, 8, [("乌鲁木齐市水磨沟区托老所", "社区养老服务设施!B6"),
                                           ("伊宁市解放路街道日间照料中心", "社区养老服务设施!B9")])
    assert ind["severity"] == "advisory"


def test_sample_general_hospitals_geriatrics_and_nursing_beds(sample):
    # 综合医院 of grade ≥ 2, pilot area or not: 20 hospitals. 友谊医院 (0 beds), 伊宁县人民医院 (no 老年病科,
    # 0 beds), 博州 (0 beds), 克州 (0 beds) miss a criterion: 16/20. 中医/民族医 hospitals are out.
    ind = sample["general_hospital_geriatrics_and_nursing_beds"]
    assert_ind(ind, "not_met", 0.8, 16, 20,
               [("乌鲁木齐市友谊医院", "医疗卫生机构!B6"), ("伊宁县人民医院", "医疗卫生机构!B18"),
                ("博尔塔拉蒙古自治州人民医院", "医疗卫生机构!B34"), ("克孜勒苏柯尔克孜自治州人民医院", "医疗卫生机构!B37")])
    missed = {f["name"]: f["detail"] for f in ind["failing"]}
    assert "开设老年护理床位" in missed["乌鲁木齐市友谊医院"] and "开设老年病科" not in missed["乌鲁木齐市友谊医院"]
    assert "开设老年病科、开设老年护理床位" in missed["伊宁县人民医院"]
    assert ind["severity"] == "advisory"


def test_sample_tcm_ethnic_clinic_rooms(sample):
    # 是/√/有 at 第一社会福利院, 乌鲁木齐市社会福利院, 克拉玛依市社会福利院, 伊犁州, 昌吉州, 阿克苏, 喀什, 和田 = 8/24;
    # the form heads the column 是否设置中医民族医诊室.
    ind = sample["elderly_institution_tcm_ethnic_clinic"]
    assert_ind(ind, "not_met", 8 / 24, 8, 24)
    assert ind["failing_total"] == 16 and ind["severity"] == "advisory"


def test_sample_insurance_of_internal_units(sample):
    # 14 homes with a unit; 8 designated (第一社会福利院, 乌鲁木齐市社会福利院, 克拉玛依, 伊犁州, 昌吉州,
    # 哈密伊州区, 喀什, 阿勒泰).
    assert_ind(sample["internal_medical_unit_insurance"], "not_met", 8 / 14, 8, 14,
               [("乌鲁木齐市夕阳红老年护理中心", "养老机构!B8"), ("库尔勒市夕阳红养老院", "养老机构!B12"),
                ("奎屯市夕阳红老年公寓", "养老机构!B14"), ("昌吉市康宁老年公寓", "养老机构!B17"),
                ("阿克苏地区社会福利院", "养老机构!B20"), ("和田市社会福利院", "养老机构!B24")])


def test_sample_signing_rate_is_advice(sample):
    ind = sample["elderly_institution_signing"]
    assert_ind(ind, "not_met", 20 / 24, 20, 24,
               [("乌鲁木齐市夕阳红老年护理中心", "养老机构!B8"), ("克拉玛依市颐康养老院", "养老机构!B10"),
                ("昌吉市康宁老年公寓", "养老机构!B17"), ("库车市敬老院", "养老机构!B21")])
    assert ind["severity"] == "advisory"


def test_sample_pilot_hospitals_list_the_missing_department_or_ward(sample):
    # In scope: pilot area, 综合/中医/民族医, grade ≥ 2 → 20 hospitals (阿克苏一院, 和田地区人民医院,
    # 吐鲁番, 博州, 阿勒泰, 克州 are outside pilot areas; 第四人民医院 is 专科; 卫生院 are grade 1).
    ind = sample["pilot_area_hospital_geriatrics"]
    assert_ind(ind, "not_met", 17 / 20, 17, 20,
               [("乌鲁木齐市友谊医院", "医疗卫生机构!B6"), ("巴音郭楞蒙古自治州中医医院", "医疗卫生机构!B14"),
                ("伊宁县人民医院", "医疗卫生机构!B18")])
    missed = {f["name"]: f["detail"] for f in ind["failing"]}
    assert "开设老年病区" in missed["乌鲁木齐市友谊医院"] and "设立老年病科" not in missed["乌鲁木齐市友谊医院"]
    assert "设立老年病科、开设老年病区" in missed["巴音郭楞蒙古自治州中医医院"]  # written 中医院


def test_sample_ltc_insurance_five_of_six_pilots(sample):
    # 乌鲁木齐, 克拉玛依, 昌吉州, 巴州, 伊犁州 是; 哈密市 否.
    assert_ind(sample["pilot_prefecture_ltc_insurance"], "not_met", 5, 5, None)


def test_sample_cli_exits_1(samples):
    code, out, _ = run_cli_json(samples / "xinjiang-2017.xlsx", PLAN, "2020-12-31")
    assert code == 1
    assert out["summary"]["not_met"] == 10


# ---------------------------------------------------------------- hand-made forms

HOME_HEAD = ["机构名称", "县（市、区）", "床位数（张）", "入住老人数（人）", "是否失能老人护理型养老机构", "是否内设医疗机构",
             "内设医疗机构类型", "是否与医疗卫生机构签约合作", "是否医保定点"]
MED_HEAD = ["机构名称", "县（市、区）", "机构类别", "等级", "是否位于医养结合试点地区", "是否开设老年人就医绿色通道",
            "是否设立老年病科", "是否开设老年病区"]
AREA_HEAD = ["地区", "年度", "65岁及以上常住人口（人）", "65岁及以上家庭医生签约人数（人）", "医养结合试点县（市、区）数（个）",
             "是否开展长期护理保险制度试点"]

HOMES = [
    ["甲养老院", "天山区", 99, 60, "是", "是", "护理站", "否", "否"],     # B4 small, unit: met
    ["乙养老院", "天山区", 99, 60, "是", "否", "—", "是", "—"],          # B5 small, agreement: met
    ["丙养老院", "天山区", 99, 60, "是", "否", "—", "否", "—"],          # B6 small, neither: fails
    ["丁养老院", "天山区", 100, 60, "是", "否", "—", "否", "—"],         # B7 100 beds: the 100+ rule only
    ["戊养老院", "天山区", 60, 40, "否", "否", "—", "否", "—"],          # B8 not nursing-type
    ["己养老院", "天山区", 80, 50, "是", "是", "诊所", "否", "否"],       # B9 small, 诊所 counts as a unit
    ["庚养老院", "天山区", 100, 70, "是", "是", "医院", "是", "是"],      # B10 100 beds, a hospital
]
MEDICAL = [
    ["一院", "天山区", "综合医院", "三级甲等", "是", "是", "是", "是"],        # B4 in scope, both
    ["二院", "天山区", "中医院", "二级甲等", "是", "是", "是", "否"],          # B5 in scope (中医院), no ward
    ["三院", "天山区", "民族医医院", "二级", "是", "是", "否", "是"],          # B6 in scope, no department
    ["四院", "天山区", "综合医院", "一级", "是", "是", "否", "否"],            # B7 grade 1: out
    ["五院", "天山区", "综合医院", "三级", "否", "是", "否", "否"],            # B8 not a pilot area: out
    ["六院", "天山区", "专科医院", "三级", "是", "否", "否", "否"],            # B9 专科: out
    ["七院", "天山区", "中西医结合医院", "参照二级", "是", "是", "是", "是"],  # B10 in scope, both
]
AREAS_2017 = [
    ["乌鲁木齐市", 2017, 200000, 130000, 3, "是"],   # B4 named pilot
    ["巴州", 2017, 60000, 39000, 0, "是"],           # B5 named pilot (short name): out of pilot-county scope
    ["伊犁哈萨克自治州", 2017, 100000, 66000, 0, "是"],  # B6 named pilot (full name)
    ["塔城地区", 2017, 40000, 25000, 1, "否"],        # B7 "其他"
    ["阿勒泰地区", 2017, 30000, 18000, 0, "否"],      # B8 "其他": no pilot county
]


def make_book(path: Path, homes=HOMES, medical=MEDICAL, areas=AREAS_2017) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    write_form(wb, "养老机构", "新疆维吾尔自治区养老机构医养结合情况统计表", HOME_HEAD, homes)
    write_form(wb, "医疗卫生机构", "新疆维吾尔自治区医疗卫生机构老年健康服务情况表", MED_HEAD, medical)
    write_form(wb, "辖区统计", "新疆维吾尔自治区各地（州、市）医养结合工作进展情况表", AREA_HEAD, areas)
    wb.close()
    return path


@pytest.fixture
def book(tmp_path):
    return make_book(tmp_path / "hand.xlsx")


def test_either_or_below_100_beds(book):
    # Nursing-type and < 100 beds: 甲 (护理站), 乙 (agreement), 丙 (neither), 己 (诊所) → 3/4.
    # 丁 (exactly 100) is not in scope: 100 belongs to "100张及以上". 戊 is not nursing-type.
    ind = by_id(check(book, AS_OF))["small_nursing_home_medical_unit_or_cooperation"]
    assert_ind(ind, "not_met", 0.75, 3, 4, [("丙养老院", "养老机构!B6")])


def test_either_or_is_not_due_before_2021(book):
    ind = by_id(check(book, dt.date(2020, 12, 30)))["small_nursing_home_medical_unit_or_cooperation"]
    assert (ind["status"], ind["value"]) == ("not_due", 0.75)


def test_medical_service_staged_50_then_100_percent(book):
    # 甲 乙 己 庚 have a unit or an agreement; 丙 丁 戊 have neither: 4/7 = 57.1%.
    early = by_id(check(book, MID_2018))["elderly_institution_medical_service"]
    assert_ind(early, "met", 4 / 7, 4, 7, [])
    assert (early["target"]["value"], early["target"]["deadline"]) == (0.5, "2017-12-31")
    assert (early["next_target"]["value"], early["next_target"]["deadline"]) == (1.0, "2020-12-31")
    late = by_id(check(book, AS_OF))["elderly_institution_medical_service"]
    assert_ind(late, "not_met", 4 / 7, 4, 7,
               [("丙养老院", "养老机构!B6"), ("丁养老院", "养老机构!B7"), ("戊养老院", "养老机构!B8")])
    assert late["target"]["value"] == 1.0
    before = by_id(check(book, MID_2017))["elderly_institution_medical_service"]
    assert (before["status"], before["target"]["value"]) == ("not_due", 0.5)


def test_family_doctor_signing_staged_60_then_70_percent(book):
    # Σ signed = 130000+39000+66000+25000+18000 = 278000; Σ 65+ = 430000 → 64.65%:
    # meets the 2017 stage (60%), misses the 2020 stage (70%) with the same 2017 figures.
    ind = by_id(check(book, MID_2018))["elderly_family_doctor_signing"]
    assert_ind(ind, "met", 278000 / 430000, 278000, 430000, [])
    assert ind["target"]["value"] == 0.6
    ind = by_id(check(book, AS_OF))["elderly_family_doctor_signing"]
    assert (ind["status"], ind["target"]["value"]) == ("not_met", 0.7)
    assert ind["gap"] == approx(278000 / 430000 - 0.7)


def test_pilot_counties_short_and_full_names_of_the_named_pilots_are_out_of_scope(book):
    # 巴州 (0) and 伊犁哈萨克自治州 (0) are named pilots; 塔城 1, 阿勒泰 0 → 1/2.
    ind = by_id(check(book, MID_2018))["pilot_county_per_prefecture"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("阿勒泰地区", "辖区统计!B8")])


def test_ltc_pilot_counts_named_prefectures_only(book):
    # 是 at 乌鲁木齐市, 巴州, 伊犁哈萨克自治州 (3 of the 6 named); 塔城 is not a named pilot.
    ind = by_id(check(book, AS_OF))["pilot_prefecture_ltc_insurance"]
    assert_ind(ind, "not_met", 3, 3, None)


def test_ltc_pilot_met_when_all_six_named_prefectures_run_one(tmp_path):
    areas = [[name, 2020, 10000, 7000, 1, "是"] for name in
             ["乌鲁木齐市", "克拉玛依市", "巴音郭楞蒙古自治州", "伊犁州", "昌吉回族自治州", "哈密市"]]
    areas.append(["哈密市", 2020, 10000, 7000, 1, "是"])  # listed twice: still one prefecture
    path = make_book(tmp_path / "ltc.xlsx", areas=areas)
    assert_ind(by_id(check(path, AS_OF))["pilot_prefecture_ltc_insurance"], "met", 6, 6, None)


def test_pilot_hospitals_criteria(book):
    # In scope: 一院, 二院 (中医院 = 中医医院), 三院 (民族医医院), 七院 (中西医结合, 参照二级) → 2/4.
    ind = by_id(check(book, AS_OF))["pilot_area_hospital_geriatrics"]
    assert_ind(ind, "not_met", 0.5, 2, 4, [("二院", "医疗卫生机构!B5"), ("三院", "医疗卫生机构!B6")])
    detail = {f["name"]: f["detail"] for f in ind["failing"]}
    assert "开设老年病区" in detail["二院"] and "设立老年病科" not in detail["二院"]
    assert "设立老年病科" in detail["三院"] and "开设老年病区" not in detail["三院"]


def test_green_channel_80_percent_exactly_is_met(tmp_path):
    medical = [[f"{i}号卫生院", "天山区", "乡镇卫生院", "一级", "是", "否" if i == 0 else "是", "否", "否"]
               for i in range(5)]
    path = make_book(tmp_path / "g.xlsx", medical=medical)
    assert_ind(by_id(check(path, MID_2018))["medical_green_channel"], "met", 0.8, 4, 5, [])
