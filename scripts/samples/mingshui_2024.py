"""Sample submission for mingshui-2024: a Mingshui county hospital reporting on its own 医养结合 plan.

The plan (003 篇一) never names the hospital ("本院"); the sample assumes 明水县人民医院 reports for
itself, so its 医疗卫生机构 sheet has one row. The county's one 敬老院, 明水县敬老院, is listed with
the small private 贴心之家 homes the plan mentions, and the town table covers the twelve towns and
townships of 明水县 for 2024. All figures are invented (fixed, no randomness).

At 2024-12-31: health records (98.9%) and annual health checks (78.7%) of people aged 60+ miss the
100% the plan reads as required; every 计生特扶 recipient is signed with a family doctor (met); the
hospital offers home visits and home nursing but no 家庭病床 (not met); 明水县敬老院 has a signed
liaison and regular clinics (met) but no day-care centre yet (not met).
"""

from __future__ import annotations

from pathlib import Path

from .forms import new_workbook, write_form

FILE = "mingshui-2024.xlsx"

# 地区, 年度, 60岁及以上常住人口, 建立健康档案, 年内健康体检, 计生特扶对象, 特扶对象家庭医生签约
TOWNS = [
    ["明水镇", 2024, 18640, 18402, 14380, 96, 96],
    ["兴仁镇", 2024, 6215, 6153, 4870, 31, 31],
    ["永兴镇", 2024, 5432, 5380, 4310, 27, 27],
    ["崇德镇", 2024, 4986, 4912, 3905, 22, 22],
    ["通达镇", 2024, 5108, 5060, 4020, 25, 25],
    ["双兴镇", 2024, 4377, 4331, 3490, 19, 19],
    ["永久乡", 2024, 3264, 3218, 2610, 14, 14],
    ["树人乡", 2024, 3905, 3852, 3120, 17, 17],
    ["光荣乡", 2024, 2876, 2846, 2315, 12, 12],
    ["繁荣乡", 2024, 3120, 3087, 2468, 15, 15],
    ["通泉乡", 2024, 2754, 2720, 2150, 11, 11],
    ["育林乡", 2024, 2563, 2563, 2106, 10, 10],
]

# 机构名称, 乡镇, 举办性质, 床位, 入住, 内设医疗机构, 签约, 定期巡诊, 日间照料中心
HOMES = [
    ["明水县敬老院", "明水镇", "公办", 120, 86, "否", "是", "√", "否"],
    ["明水镇贴心之家养老院", "明水镇", "民办", 40, 31, "否", "是", "是", "无"],
    ["兴仁镇贴心之家", "兴仁镇", "民办", 24, 18, "无", "√", "否", "否"],
    ["通达镇贴心之家", "通达镇", "民办", 20, 12, "否", "×", "否", "否"],
    ["崇德镇贴心之家", "崇德镇", "民办", 18, 15, "否", "是", "有", "否"],
]

# 机构名称, 乡镇, 机构类别, 等级, 上门医疗服务（家庭出诊）, 家庭护理, 家庭病床
HOSPITAL = [["明水县人民医院", "明水镇", "综合医院", "二级", "是", "是", "否"]]


def build(path: Path) -> None:
    wb = new_workbook(path)
    write_form(
        wb,
        "辖区统计",
        "明水县各乡镇老年人健康管理情况统计表（2024年度）",
        [
            "地区",
            "年度",
            "60岁及以上常住人口（人）",
            "60岁及以上建立健康档案人数（人）",
            "60岁及以上年内接受健康体检人数（人）",
            "计生特扶对象人数（人）",
            "计生特扶对象家庭医生签约人数（人）",
        ],
        TOWNS,
        ["", "", *[sum(t[i] for t in TOWNS) for i in range(2, 7)]],
        "填报单位（盖章）：明水县人民医院“医养结合”工作领导小组            填报时间：2025年1月",
    )
    write_form(
        wb,
        "养老机构",
        "明水县养老机构医养结合情况表（2024年）",
        [
            "机构名称",
            "乡镇（街道）",
            "举办性质",
            "床位数（张）",
            "入住老人数（人）",
            "是否内设医疗机构",
            "是否与医疗卫生机构签约合作",
            "是否有医疗机构定期巡诊",
            "是否设立日间照料中心",
        ],
        HOMES,
        ["", "", "", sum(h[3] for h in HOMES), sum(h[4] for h in HOMES), "", "", "", ""],
        "填报单位（盖章）：明水县人民医院            填报时间：2025年1月",
    )
    write_form(
        wb,
        "医疗卫生机构",
        "明水县人民医院居家老年人上门服务开展情况（2024年）",
        [
            "机构名称",
            "乡镇（街道）",
            "机构类别",
            "等级",
            "是否提供上门医疗服务",
            "是否提供家庭护理",
            "是否开设家庭病床",
        ],
        HOSPITAL,
        None,
        "填报单位（盖章）：明水县人民医院医务科",
    )
    wb.close()
