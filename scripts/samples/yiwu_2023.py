"""Sample submission for yiwu-2023: institutions, hospitals, lottery funds and the city row of Yiwu.

The city welfare centre (义乌市社会福利中心) is the county-level (city-level) facility for persons in
extreme poverty; the township 敬老院 also house 特困 persons but are not county level, so they do not
count towards "县级特困人员供养服务机构".
"""

from __future__ import annotations

import random
from pathlib import Path

from .forms import new_workbook, write_form, yes_no

FILE = "yiwu-2023.xlsx"


YIWU_TOWNS = [
    "稠城街道",
    "北苑街道",
    "江东街道",
    "稠江街道",
    "后宅街道",
    "城西街道",
    "廿三里街道",
    "福田街道",
    "佛堂镇",
    "赤岸镇",
    "义亭镇",
    "上溪镇",
    "大陈镇",
    "苏溪镇",
]


def build(path: Path) -> None:
    rng = random.Random(2023)
    wb = new_workbook(path)
    homes = []
    for town in YIWU_TOWNS:
        for j in range(rng.choice([2, 2, 3])):
            public = rng.random() < 0.4
            kind = "敬老院" if public and j == 0 else rng.choice(["颐养院", "养老服务中心", "康养中心", "老年公寓"])
            name = f"义乌市{town[:-2] if town.endswith('街道') else town[:-1]}{kind}"
            if any(h[0] == name for h in homes):
                name = name.replace(kind, f"第二{kind}")
            beds = rng.choice([40, 60, 80, 96, 100, 120, 150, 180, 220, 300])
            nursing = int(beds * rng.uniform(0.3, 0.7))
            residents = int(beds * rng.uniform(0.5, 0.95))
            medical = beds >= 150 or rng.random() < 0.25
            signed = rng.random() < 0.9
            homes.append(
                [
                    name,
                    town,
                    "公办" if public else "民办",
                    beds,
                    nursing,
                    residents,
                    yes_no(rng, medical),
                    yes_no(rng, signed),
                    yes_no(rng, medical and rng.random() < 0.7),
                    "否",
                ]
            )
    homes[0][9] = "是"  # 义乌市社会福利中心-style special-care home
    homes[0][0] = "义乌市社会福利中心"
    homes[0][6] = "是"
    # Columns added for the 医共体 and 上门巡诊 targets come from a second generator, so the rows
    # above (and every number the other tests pin) stay as they were.
    extra = random.Random(20230620)
    for h in homes:
        has_unit = h[6] in ("是", "√", "有")
        h.append(yes_no(extra, True) if has_unit else "—")  # 内设医疗机构纳入医共体管理: every unit is
        h.append(yes_no(extra, extra.random() < 0.75))  # 定期巡诊: about three in four homes
    # 县级（市级）特困人员供养服务机构: only the city welfare centre. A township 敬老院 houses 特困
    # persons too (是 in 特困 column) but is not county level. No random draw: nothing above moves.
    for h in homes:
        township = h[0].endswith("敬老院")
        if township:
            h[9] = "是"
        h.append("是" if h[0] == "义乌市社会福利中心" else "否")
    totals = [
        "",
        "",
        "",
        sum(h[3] for h in homes),
        sum(h[4] for h in homes),
        sum(h[5] for h in homes),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    write_form(
        wb,
        "养老机构",
        "2024年义乌市养老机构医养结合情况统计表",
        [
            "机构名称",
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
            "是否有医疗机构定期巡诊",
            "是否县级（市级）特困人员供养服务机构",
        ],
        [h[:1] + h[1:] for h in homes],
        totals,
        "填报单位（盖章）：义乌市民政局            填报时间：2025年1月",
    )

    hospitals = [
        ["义乌市中心医院", "稠城街道", "综合医院", "三级", "义乌市中心医院医共体", "是", "是", "是", "是"],
        ["浙江大学医学院附属第四医院", "福田街道", "综合医院", "三级", "", "是", "是", "否", "否"],
        ["义乌市中医医院", "稠城街道", "中医院", "三级", "义乌市中医医院医共体", "是", "是", "否", "是"],
        ["义乌市第二人民医院", "佛堂镇", "综合医院", "二级", "义乌市第二人民医院医共体", "是", "否", "否", "否"],
        ["义乌市妇幼保健院", "江东街道", "专科医院", "二级", "", "否", "否", "否", "否"],
        ["义乌复元第一医院", "后宅街道", "综合医院", "参照二级", "", "否", "是", "否", "否"],
        ["义乌天祥医疗东方医院", "稠江街道", "综合医院", "二级", "", "是", "是", "否", "否"],
    ]
    for town in YIWU_TOWNS:
        community = rng.choice(["义乌市中心医院医共体", "义乌市中医医院医共体", "义乌市第二人民医院医共体"])
        category = "社区卫生服务中心" if town.endswith("街道") else "乡镇卫生院"
        hospice = community != "义乌市第二人民医院医共体" and rng.random() < 0.3
        hospitals.append(
            [
                f"义乌市{town}{'社区卫生服务中心' if category == '社区卫生服务中心' else '卫生院'}",
                town,
                category,
                "一级",
                community,
                "否",
                yes_no(rng, rng.random() < 0.5),
                "否",
                yes_no(rng, hospice),
            ]
        )
    # 上门医疗服务 (with its insurance and safety devices), 康复护理床位 and 中医药服务, again from the
    # second generator: hospitals make no home visits; every centre that does is insured and equipped.
    for h in hospitals:
        primary = h[2] in ("乡镇卫生院", "社区卫生服务中心")
        if primary:
            visits = extra.random() < 0.85
            h += [
                yes_no(extra, visits),
                "是" if visits else "—",
                "是" if visits else "—",
                extra.choice([0, 0, 5, 10, 15, 20]),
                yes_no(extra, extra.random() < 0.8),
            ]
        else:
            h += ["否", "—", "—", 0 if h[2] == "专科医院" else extra.choice([20, 30, 40]), "是"]
    # 老年护理床位, 安宁疗护床位, 康复服务, 家庭护理 and 家庭病床 (yiwu-2023's (五) and (九) sentences),
    # from a third generator so that every cell above stays as it was.
    more = random.Random(20230517)
    for h in hospitals:
        hospice = h[8] in ("是", "√", "有")
        if h[2] in ("乡镇卫生院", "社区卫生服务中心"):
            h += [
                more.choice([0, 0, 0, 8, 12]),
                more.choice([2, 4]) if hospice and more.random() < 0.6 else 0,
                yes_no(more, more.random() < 0.85),
                yes_no(more, h[9] in ("是", "√", "有") and more.random() < 0.8),
                yes_no(more, more.random() < 0.5),
            ]
        else:
            h += [
                0 if h[2] == "专科医院" else more.choice([20, 30, 50]),
                10 if h[7] == "是" else 0,
                "是" if h[6] == "是" else "否",
                "否",
                "否",
            ]
    write_form(
        wb,
        "医疗卫生机构",
        "2024年义乌市医疗卫生机构老年健康服务情况表",
        [
            "机构名称",
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
            "是否能提供中医药服务",
            "老年护理床位数（张）",
            "安宁疗护床位数（张）",
            "是否提供康复服务",
            "是否提供家庭护理",
            "是否开展家庭病床服务",
        ],
        hospitals,
        None,
        "填报单位（盖章）：义乌市卫生健康局            填报时间：2025年1月",
    )

    write_form(
        wb,
        "资金投入",
        "义乌市社会福利彩票公益金使用情况",
        ["年度", "社会福利彩票公益金总额（万元）", "用于养老服务和医养结合的彩票公益金（万元）"],
        [[2023, "2,480", "1,390"], [2024, "2,650", "1,405"]],
        None,
        "填报单位（盖章）：义乌市民政局、义乌市财政局",
    )

    # The city's own row: 长期护理保险 (积极推动长期护理保险工作, (九)).
    write_form(
        wb,
        "辖区统计",
        "义乌市长期护理保险工作情况",
        ["地区", "年度", "是否开展长期护理保险制度试点"],
        [["义乌市", 2024, "是"]],
        None,
        "填报单位（盖章）：义乌市医疗保障局",
    )
    wb.close()
