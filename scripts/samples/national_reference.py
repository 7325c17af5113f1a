"""Sample submission for national-reference: one county's end-of-2025 tables checked against the
national targets as reported in the press (second-hand, docs/domain.md §3).

云溪县 is an invented county; its towns are the generic ones of scripts/samples/counties.py, and every
name and figure is invented (fixed rows, so every number in tests/test_sample_national_reference.py
can be worked out by hand). Three sheets, as a county health commission would collect them:

- 养老机构: 12 homes (民政局's table), with a 合计 row. Nursing-type beds 924 of 1,570 beds = 58.9%:
  met (≥ 55%), although the homes of 南湖镇, 北山乡, 白水乡 and 石门镇 miss 55% on their own.
- 医疗卫生机构: 18 institutions at or above the township level (the form does not list 村卫生室).
  Grade-2+ general hospitals (综合医院, 二级/参照二级/三级): 6, of which 3 have a geriatrics department =
  50%: not met (≥ 60%). Elderly-friendly: 16 of 18 = 88.9%: met (≥ 85%).
- 辖区统计: 8 towns, 2025, with a 合计 row. 65+ under health management 29,750 of 46,300 resident
  65+ = 64.25%: not met (≥ 65%), although 5 of the 8 towns reach 65% on their own.

All four indicators are advisory, so the run exits 0 even with two targets missed.
"""

from __future__ import annotations

from pathlib import Path

from .forms import new_workbook, write_form

FILE = "national-reference.xlsx"

COUNTY = "云溪县"

# 机构名称, 乡镇（街道）, 举办性质, 床位, 护理型床位, 入住, 内设医疗机构, 签约  (rows 4..15 of 养老机构)
HOMES = [
    ["云溪县社会福利中心", "城关镇", "公办", 300, 200, 236, "是", "是"],
    ["云溪县城关镇敬老院", "城关镇", "公办", 60, 30, 45, "否", "是"],
    ["云溪县东城颐养院", "东城街道", "民办", 220, 150, 170, "是", "√"],
    ["云溪县西城康乐养老院", "西城街道", "民办", 180, 110, 132, "有", "是"],
    ["云溪县南湖镇敬老院", "南湖镇", "公办", 80, 36, 58, "否", "是"],
    ["云溪县北山乡敬老院", "北山乡", "公办", 50, 18, 33, "无", "×"],
    ["云溪县青山镇中心敬老院", "青山镇", "公办", 120, 70, 88, "是", "是"],
    ["云溪县白水乡敬老院", "白水乡", "公办", 40, 12, 26, "否", "是"],
    ["云溪县石门镇敬老院", "石门镇", "公办", 70, 30, 47, "否", "√"],
    ["云溪县夕阳红老年公寓", "东城街道", "民办", 150, 96, 118, "是", "是"],
    ["云溪县福寿康养中心", "西城街道", "民办", 200, 124, 151, "是", "是"],
    ["云溪县颐和养老院", "南湖镇", "民办", 100, 48, 64, "否", "是"],
]

# 机构名称, 乡镇（街道）, 机构类别, 等级, 是否设立老年医学科, 是否为老年友善医疗机构  (rows 4..21)
MEDICAL = [
    ["云溪县人民医院", "城关镇", "综合医院", "三级乙等", "是", "是"],
    ["云溪县第二人民医院", "南湖镇", "综合医院", "二级甲等", "是", "是"],
    ["云溪县中医医院", "城关镇", "中医院", "二级甲等", "是", "是"],  # not a 综合医院
    ["云溪县妇幼保健院", "东城街道", "专科医院", "二级", "否", "是"],  # not a 综合医院
    ["云溪县青山镇中心医院", "青山镇", "综合医院", "二级乙等", "否", "是"],  # B8: no geriatrics
    ["云溪康华医院", "西城街道", "综合医院", "二级", "否", "否"],  # B9: neither
    ["云溪仁济医院", "东城街道", "综合医院", "参照二级", "√", "是"],
    ["云溪县石门医院", "石门镇", "综合医院", "一级", "否", "是"],  # 一级: out of scope
    ["云溪安康医院", "西城街道", "综合医院", "二级", "×", "√"],  # B12: no geriatrics
    ["云溪县康宁护理院", "南湖镇", "护理院", "未定级", "—", "是"],
    ["云溪县东城街道社区卫生服务中心", "东城街道", "社区卫生服务中心", "一级", "—", "是"],
    ["云溪县西城街道社区卫生服务中心", "西城街道", "社区卫生服务中心", "一级", "—", "√"],
    ["云溪县城关镇中心卫生院", "城关镇", "中心卫生院", "一级", "—", "是"],
    ["云溪县南湖镇卫生院", "南湖镇", "乡镇卫生院", "一级", "—", "是"],
    ["云溪县北山乡卫生院", "北山乡", "乡镇卫生院", "一级", "—", "否"],  # B18: not elderly-friendly
    ["云溪县青山镇卫生院", "青山镇", "乡镇卫生院", "一级", "—", "是"],
    ["云溪县白水乡卫生院", "白水乡", "乡镇卫生院", "一级", "—", "是"],
    ["云溪县石门镇卫生院", "石门镇", "乡镇卫生院", "一级", "—", "是"],
]

# 地区, 年度, 常住人口, 65岁及以上常住人口, 65岁及以上接受健康管理人数  (rows 4..11 of 辖区统计)
AREAS = [
    ["城关镇", 2025, 86400, 12850, 8360],
    ["东城街道", 2025, 52300, 7420, 4970],
    ["西城街道", 2025, 47800, 6930, 4510],
    ["南湖镇", 2025, 31200, 5680, 3520],
    ["北山乡", 2025, 12600, 2940, 1710],
    ["青山镇", 2025, 24500, 4560, 3010],
    ["白水乡", 2025, 9800, 2270, 1290],
    ["石门镇", 2025, 18700, 3650, 2380],
]


def build(path: Path) -> None:
    wb = new_workbook(path)
    write_form(
        wb,
        "养老机构",
        f"{COUNTY}养老机构医养结合情况统计表（2025年）",
        [
            "机构名称",
            "乡镇（街道）",
            "举办性质",
            "床位数（张）",
            "护理型床位数（张）",
            "入住老人数（人）",
            "是否内设医疗机构",
            "是否与医疗卫生机构签约合作",
        ],
        HOMES,
        ["", "", "", sum(h[3] for h in HOMES), sum(h[4] for h in HOMES), sum(h[5] for h in HOMES), "", ""],
        f"填报单位（盖章）：{COUNTY}民政局            填报时间：2026年1月",
    )
    write_form(
        wb,
        "医疗卫生机构",
        f"{COUNTY}医疗卫生机构老年健康服务情况表（2025年）",
        ["机构名称", "乡镇（街道）", "机构类别", "等级", "是否设立老年医学科", "是否为老年友善医疗机构"],
        MEDICAL,
        None,
        f"填报单位（盖章）：{COUNTY}卫生健康局            填报时间：2026年1月",
    )
    write_form(
        wb,
        "辖区统计",
        f"{COUNTY}各乡镇（街道）老年人健康管理统计表（2025年度）",
        ["地区", "年度", "常住人口数（人）", "65岁及以上常住人口（人）", "65岁及以上接受健康管理人数（人）"],
        AREAS,
        ["", "", sum(a[2] for a in AREAS), sum(a[3] for a in AREAS), sum(a[4] for a in AREAS)],
        f"填报单位（盖章）：{COUNTY}卫生健康局            填报时间：2026年2月",
    )
    wb.close()
