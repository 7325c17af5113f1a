"""national-reference (national targets as reported in the press, docs/domain.md §3): the plan's
own account of itself, its advisory exit code, and readings on hand-made forms.

The figures of the sample (an invented county, 云溪县) are in tests/samples/national-reference.yaml.
Hand-made forms follow tests/formhelpers.write_form: the n-th unit sits on Excel row 3 + n with its
name in column B. Every target is due 2025-12-31; every indicator is advisory (second-hand national
benchmarks).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "national-reference"
END_2025 = dt.date(2025, 12, 31)

write_form = partial(_write_form, reporter="填报单位（盖章）：云溪县卫生健康局            填报时间：2026年1月")


# ---------------------------------------------------------------- the plan


def test_sample_fails_the_run_only_when_advice_is_asked_to(samples, cli):
    # Every indicator is advisory: the sample exits 0 (tests/samples/national-reference.yaml) unless
    # advisory targets are asked to fail the run.
    proc = cli(
        "check", samples / "national-reference.xlsx", "--plan", PLAN, "--as-of", "2025-12-31", "--fail-on", "advisory"
    )
    assert proc.returncode == 1, proc.stderr


def test_the_plan_says_it_is_second_hand():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert plan.region == "全国" and not plan.doc_no and "second-hand" in plan.issuer
    assert "not the text of" in plan.notes and "7,800" in plan.notes
    assert [i.id for i in plan.indicators] == [
        "nursing_bed_share",
        "general_hospital_geriatrics_share",
        "elderly_friendly_share",
        "elderly_health_management_rate",
    ]
    for ind in plan.indicators:
        assert ind.severity == "advisory" and "as reported in the press" in ind.reading, ind.id
        assert [str(t.deadline) for t in ind.targets] == ["2025-12-31"], ind.id


# ---------------------------------------------------------------- hand-made forms

HOSPITAL_HEAD = ["机构名称", "乡镇（街道）", "机构类别", "等级", "是否设立老年医学科", "老年友善医疗机构"]


def test_boundaries_are_met(tmp_path):
    # 55% of beds (55 + 55 of 100 + 100), 60% of hospitals (3 of 5), 85% elderly-friendly (17 of 20),
    # 65% under health management (650 of 1000): each meets its target.
    wb = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"))
    write_form(
        wb,
        "养老机构",
        "养老机构情况",
        ["机构名称", "床位数（张）", "护理型床位数（张）"],
        [["甲养老院", 100, 55], ["乙敬老院", 100, 55]],
    )
    hospitals = [[f"第{i}医院", "城关镇", "综合医院", "二级", "是" if i < 3 else "否", "是"] for i in range(5)]
    others = [[f"第{i}卫生院", "城关镇", "乡镇卫生院", "一级", "", "是" if i < 12 else "否"] for i in range(15)]
    write_form(wb, "医疗卫生机构", "医疗卫生机构情况", HOSPITAL_HEAD, hospitals + others, with_total=False)
    write_form(
        wb,
        "辖区统计",
        "老年人健康管理",
        ["地区", "年度", "65岁及以上常住人口", "65岁及以上接受健康管理人数"],
        [["城关镇", 2025, 600, 400], ["南湖镇", 2025, 400, 250]],
    )
    wb.close()
    inds = by_id(check_plan(tmp_path / "b.xlsx", PLAN, END_2025))
    assert_ind(inds["nursing_bed_share"], "met", 0.55, 110, 200)
    assert_ind(inds["general_hospital_geriatrics_share"], "met", 0.6, 3, 5)
    assert_ind(inds["elderly_friendly_share"], "met", 0.85, 17, 20)
    assert_ind(inds["elderly_health_management_rate"], "met", 0.65, 650, 1000)


def test_ratios_are_of_sums_not_averages(tmp_path):
    # Homes: average of shares (90% + 20%) / 2 = 55%, but (9 + 40) / (10 + 200) = 23.3%.
    # Areas: average of rates (90% + 40%) / 2 = 65%, but (90 + 1440) / (100 + 3600) = 41.4%.
    wb = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"))
    write_form(
        wb,
        "养老机构",
        "养老机构情况",
        ["机构名称", "床位数（张）", "护理型床位数（张）"],
        [["甲养老院", 10, 9], ["乙敬老院", 200, 40]],
    )
    write_form(
        wb,
        "辖区统计",
        "老年人健康管理",
        ["地区", "年度", "65岁及以上常住人口", "65岁及以上接受健康管理人数"],
        [["城关镇", 2025, 100, 90], ["南湖镇", 2025, 3600, 1440]],
    )
    wb.close()
    inds = by_id(check_plan(tmp_path / "b.xlsx", PLAN, END_2025))
    assert_ind(inds["nursing_bed_share"], "not_met", 49 / 210, 49, 210)
    assert_ind(inds["elderly_health_management_rate"], "not_met", 1530 / 3700, 1530, 3700)


def test_elderly_friendly_is_read_under_each_alias(tmp_path):
    for i, header in enumerate(
        ["是否老年友善医疗机构", "老年友善医疗机构", "是否为老年友善医疗机构", "老年友善医疗机构创建情况"]
    ):
        wb = xlsxwriter.Workbook(str(tmp_path / f"a{i}.xlsx"))
        write_form(
            wb,
            "医疗卫生机构",
            "医疗卫生机构情况",
            ["机构名称", "机构类别", header],
            [["县人民医院", "综合医院", "是"], ["北山乡卫生院", "乡镇卫生院", "否"]],
            with_total=False,
        )
        wb.close()
        ind = by_id(check_plan(tmp_path / f"a{i}.xlsx", PLAN, END_2025))["elderly_friendly_share"]
        assert_ind(ind, "not_met", 0.5, 1, 2, [("北山乡卫生院", "医疗卫生机构!B5")])
