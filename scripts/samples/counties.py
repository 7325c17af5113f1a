"""County submissions for yiwu-2023 in bulk, for `yiyang batch` tests and benchmarks.

Not a sample of its own (no `build`): `write_county` writes one county's submission, either as one
workbook with three sheets or as a folder of three CSV files, from a `County` profile whose numbers
decide which targets are met. `profile(k, year)` gives a varied, reproducible profile for county k.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

TOWNS = ["城关镇", "东城街道", "西城街道", "南湖镇", "北山乡", "青山镇", "白水乡", "石门镇"]
CATEGORIES = ["综合医院", "中医医院", "乡镇卫生院", "社区卫生服务中心", "村卫生室"]

ELDERLY_HEADERS = [
    "机构名称",
    "区县",
    "乡镇（街道）",
    "举办性质",
    "床位数（张）",
    "护理型床位数（张）",
    "入住老人数（人）",
    "是否内设医疗机构",
    "是否与医疗卫生机构签约合作",
    "是否医保定点",
    "是否特困人员供养服务机构",
    "内设医疗机构是否纳入医联体（医共体）管理",
    "是否县级（市级）特困人员供养服务机构",
]
MEDICAL_HEADERS = [
    "机构名称",
    "区县",
    "乡镇（街道）",
    "机构类别",
    "等级",
    "所属医共体",
    "是否设立老年医学科",
    "是否设立康复医学科",
    "是否设有安宁疗护病区",
    "是否开展安宁疗护服务",
    "是否提供上门医疗服务",
    "上门服务是否投保责任险、医疗意外险、人身意外险",
    "上门服务是否配置工作记录仪、定位追踪、一键报警等装置",
    "康复护理床位数（张）",
    "老年护理床位数（张）",
    "安宁疗护床位数（张）",
    "是否能提供中医药服务",
]
FINANCE_HEADERS = ["年度", "社会福利彩票公益金总额（万元）", "用于养老服务和医养结合的彩票公益金（万元）"]


@dataclass
class County:
    name: str
    year: int
    homes: int = 10  # elderly-care institutions
    signed: int = 10  # of which signed a cooperation with a medical institution
    lottery_total: int = 2000  # 万元
    lottery_elderly: int = 1100
    hospitals: int = 6
    geriatrics: bool = True  # every grade-2+ hospital has a geriatrics department
    seed: int = 0


def profile(k: int, year: int, homes: int = 10, hospitals: int = 6) -> County:
    """County k: signing 100%, 90% or 80% by k % 3; lottery share 50% + 1% per k (met from k = 5)."""
    signed = homes - (k % 3) * max(1, homes // 10)
    return County(
        name=f"county-{k:02d}",
        year=year,
        homes=homes,
        signed=signed,
        lottery_total=2000,
        lottery_elderly=1000 + 20 * k,
        hospitals=hospitals,
        geriatrics=k % 4 != 3,
        seed=k,
    )


def tables(c: County) -> tuple[list[list], list[list], list[list]]:
    rng = random.Random(f"{c.name}/{c.seed}")
    elderly = []
    for i in range(c.homes):
        beds = rng.choice([40, 60, 80, 120, 150, 200])
        medical = beds >= 150
        elderly.append(
            [
                f"{c.name}第{i + 1}养老院",
                c.name,
                TOWNS[i % len(TOWNS)],
                rng.choice(["公办", "民办"]),
                beds,
                int(beds * 0.5),
                int(beds * 0.7),
                "是" if medical else "否",
                "是" if i < c.signed else "否",
                "是" if medical else "",
                "是" if i == 0 else "否",
                "是" if medical else "",
                # The first home is the county-level 特困 facility (yiwu-2023's 县级 reading).
                "是" if i == 0 else "否",
            ]
        )
    medical = []
    for i in range(c.hospitals):
        category = CATEGORIES[i % len(CATEGORIES)]
        grade = "二级" if category in ("综合医院", "中医医院") else "一级"
        geri = "是" if c.geriatrics or category not in ("综合医院", "中医医院") else "否"
        medical.append(
            [
                f"{c.name}{category}{i + 1}",
                c.name,
                TOWNS[i % len(TOWNS)],
                category,
                grade,
                f"{c.name}医共体",
                geri,
                "是",
                "是" if i == 0 else "否",
                "是" if category == "乡镇卫生院" else "否",
            ]
            # Home visits (yiwu-2023's binding insurance and safety-device duties): all met.
            + (["是", "是", "是"] if category in ("乡镇卫生院", "社区卫生服务中心") else ["否", "", ""])
            # Beds and TCM of yiwu-2023's binding (五) sentence (要…增设…床位,开展中医药…服务): every
            # primary centre has rehabilitation-and-nursing beds and offers TCM, so both are met.
            + (
                [10, 0, 0, "是"]
                if category in ("乡镇卫生院", "社区卫生服务中心")
                else [20 if category in ("综合医院", "中医医院") else 0, 0, 0, "是" if category == "中医医院" else "否"]
            )
        )
    finance = [[c.year, c.lottery_total, c.lottery_elderly]]
    return elderly, medical, finance


def write_county(path: Path, c: County) -> Path:
    """`path` ending in .xlsx: one workbook; otherwise a folder of CSV files. Returns the path."""
    elderly, medical, finance = tables(c)
    sheets = (
        ("养老机构", ELDERLY_HEADERS, elderly),
        ("医疗卫生机构", MEDICAL_HEADERS, medical),
        ("资金投入", FINANCE_HEADERS, finance),
    )
    if path.suffix == ".xlsx":
        import xlsxwriter

        path.parent.mkdir(parents=True, exist_ok=True)
        # In memory: writing each XML part to a temporary file first cost more than the rest (tests
        # and benchmarks write hundreds of these).
        wb = xlsxwriter.Workbook(str(path), {"in_memory": True})
        for name, headers, rows in sheets:
            ws = wb.add_worksheet(name)
            ws.write_row(0, 0, headers)
            for n, row in enumerate(rows, start=1):
                ws.write_row(n, 0, row)
        wb.close()
        return path
    path.mkdir(parents=True, exist_ok=True)
    for name, headers, rows in sheets:
        with open(path / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers)
            writer.writerows(rows)
    return path
