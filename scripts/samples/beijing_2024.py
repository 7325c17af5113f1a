"""Sample submission for beijing-2024: elderly-care institutions of Chaoyang district (朝阳区), Beijing.

A district civil-affairs bureau's table of its homes: beds, nursing-type beds, internal medical
units, agreements with medical institutions and insurance designation. Names are realistic but
invented; the street and area (地区) names are Chaoyang's. All figures are invented (fixed rows).

A second sheet, 辖区统计, is the city table of long-term-care insurance pilots by district that the
municipal bureau attaches (石景山区 runs the pilot the plan names; 朝阳区, 海淀区 and 房山区 do not).

At 2024-12-31: nursing-type beds are 1,826 of 3,440 beds (53.1%, met; 南磨房 and other streets miss
50% on their own); 石景山区 reports the pilot running (met). The homes' agreements and insurance
designation are recorded but no target of the plan reads them (养老机构可通过服务外包… is permissive).
"""

from __future__ import annotations

from pathlib import Path

from .forms import new_workbook, write_form

FILE = "beijing-2024.xlsx"

# 机构名称, 街道（地区）, 举办性质, 床位, 护理型床位, 入住, 内设医疗机构, 内设医疗机构类型, 签约, 医保定点
HOMES = [
    ["北京市朝阳区常营地区养老照料中心", "常营地区", "公办", 420, 260, 318, "是", "医务室", "是", "是"],
    ["北京市朝阳区来广营乡敬老院", "来广营地区", "公办", 180, 96, 121, "是", "医务室", "是", "√"],
    ["北京朝阳区金盏颐养院", "金盏地区", "民办", 360, 212, 240, "有", "护理院", "是", "是"],
    ["北京市朝阳区孙河乡养老照料中心", "孙河地区", "公办", 150, 70, 98, "否", "—", "是", "否"],
    ["北京朝阳区太阳宫寿康养老院", "太阳宫地区", "民办", 210, 130, 176, "是", "医务室", "√", "否"],
    ["北京朝阳区双井恭和苑", "双井街道", "民办", 320, 196, 251, "是", "护理站", "是", "是"],
    ["北京朝阳区望京社区养老服务中心", "望京街道", "民办", 96, 40, 70, "否", "—", "是", "否"],
    ["北京朝阳区东坝乡敬老院", "东坝地区", "公办", 140, 62, 85, "否", "—", "是", "否"],
    ["北京朝阳区南磨房福寿老年公寓", "南磨房地区", "民办", 88, 30, 51, "无", "—", "否", "否"],
    ["北京朝阳区高碑店颐和养老院", "高碑店地区", "民办", 260, 150, 182, "是", "医务室", "是", "否"],
    ["北京朝阳区十八里店乡养老照料中心", "十八里店地区", "公办", 200, 118, 150, "是", "医务室", "是", "是"],
    ["北京朝阳区平房乡敬老院", "平房地区", "公办", 130, 58, 90, "否", "—", "√", "否"],
    ["北京朝阳区管庄康乐养老院", "管庄地区", "民办", 176, 104, 120, "是", "诊所", "否", "否"],
    ["北京朝阳区三间房乡敬老院", "三间房地区", "公办", 120, 52, 79, "否", "—", "是", "否"],
    ["北京朝阳区崔各庄乡养老照料中心", "崔各庄地区", "公办", 160, 88, 101, "是", "医务室", "是", "否"],
    ["北京朝阳区豆各庄康颐老年公寓", "豆各庄地区", "民办", 100, 36, 62, "否", "—", "×", "否"],
    ["北京朝阳区黑庄户乡敬老院", "黑庄户地区", "公办", 110, 48, 72, "否", "—", "是", "否"],
    ["北京朝阳区小红门乡敬老院", "小红门地区", "公办", 90, 32, 57, "否", "—", "是", "否"],
    ["北京朝阳区王四营颐年养老院", "王四营地区", "民办", 60, 20, 38, "否", "—", "是", "否"],
    ["北京朝阳区亚运村老年公寓", "亚运村街道", "民办", 70, 24, 46, "否", "—", "√", "否"],
]


# 地区, 年度, 是否开展长期护理保险制度试点
AREAS = [["朝阳区", 2024, "否"], ["海淀区", 2024, "否"], ["石景山区", 2024, "是"], ["房山区", 2024, "否"]]


def build(path: Path) -> None:
    wb = new_workbook(path)
    totals = ["", "", "", sum(h[3] for h in HOMES), sum(h[4] for h in HOMES), sum(h[5] for h in HOMES), "", "", "", ""]
    write_form(
        wb,
        "养老机构",
        "朝阳区养老机构医养结合情况统计表（2024年）",
        [
            "机构名称",
            "街道（地区）",
            "举办性质",
            "床位数（张）",
            "护理型床位数（张）",
            "入住老人数（人）",
            "是否内设医疗机构",
            "内设医疗机构类型",
            "是否与医疗卫生机构签约合作",
            "是否医保定点",
        ],
        HOMES,
        totals,
        "填报单位（盖章）：北京市朝阳区民政局            填报时间：2025年1月",
    )
    write_form(
        wb,
        "辖区统计",
        "北京市各区长期护理保险制度试点情况（2024年）",
        ["地区", "年度", "是否开展长期护理保险制度试点"],
        AREAS,
        None,
        "填报单位（盖章）：北京市医疗保障局            填报时间：2025年1月",
    )
    wb.close()
