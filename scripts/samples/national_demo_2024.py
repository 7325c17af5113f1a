"""Sample submission for national-demo-2024: the elderly-care institutions of 安吉县 (湖州市,
Zhejiang), a county applying to be a 全国医养结合示范县 that also puts forward candidates for
全国医养结合示范机构 (marked 是 in 是否申报全国医养结合示范机构; the demonstration columns of the
other homes are left as "—", except the 5-year incident question, which every home of the county
answers for the county-level standard 5年内无…重大负面事件).

Fixed rows, so every number pinned in tests/test_sample_national_demo_2024.py can be worked out
by hand at the as-of date 2024-12-31. The one home reporting a major accident within 5 years is the
candidate 安吉递铺康乐护理院 (B15), so the county standard fails on it as well.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .forms import new_workbook, write_form

FILE = "national-demo-2024.xlsx"

NA = "—"
# 名称, 乡镇街道, 开业时间, 床位, 入住, 失能失智, 内设医疗机构, 签约, 申报示范机构, 一体化服务, 工作人员,
# 持证上岗, 近5年重大事故, 满意度  (rows 4..15 of 养老机构)
HOMES = [
    # B4 candidate, meets every criterion
    ["安吉县社会福利中心", "递铺街道", "2012年6月", 260, 214, 150, "是", "是", "是", "是", 96, 96, "否", "97%"],
    # B5 candidate: 62 staff, 60 certified
    [
        "安吉县中医医院老年康养中心",
        "递铺街道",
        dt.date(2018, 9, 1),
        180,
        126,
        70,
        "是",
        "是",
        "是",
        "是",
        62,
        60,
        "否",
        0.96,
    ],
    ["安吉县孝丰镇中心敬老院", "孝丰镇", "2009.03", 120, 80, 40, "否", "是", "否", NA, 38, NA, "否", NA],
    # B7 candidate: opened 2020-05, 4 full years at 2024-12-31
    ["安吉灵峰颐养院", "灵峰街道", "2020年5月", 150, 118, 75, "有", "是", "是", "是", 48, 48, "否", "96%"],
    # B8 neither an internal unit nor a signed cooperation
    ["安吉县天荒坪镇敬老院", "天荒坪镇", "2010年", 60, 38, 10, "否", "否", "否", NA, 12, NA, "否", NA],
    ["安吉县梅溪镇福利院", "梅溪镇", "2011年4月", 80, 52, 20, "否", "√", "否", NA, 18, NA, "否", NA],
    # B10 candidate: occupancy 110/200 = 55%, disabled 55/110 = 50% exactly, satisfaction 93%
    ["安吉昌硕康养中心", "昌硕街道", "2016-11-08", 200, 110, 55, "是", "是", "是", "√", 70, 70, "否", "93%"],
    ["安吉县报福镇敬老院", "报福镇", "2008年", 50, 30, 8, "否", "是", "否", NA, 10, NA, "否", NA],
    # B12 candidate on every boundary: 5 years on 2024-12-20, 60/100 = 60%, 31/60 > 50%, 95%
    ["安吉孝源医养护理院", "孝源街道", "2019-12-20", 100, 60, 31, "是", "是", "是", "是", 40, 40, "否", "95%"],
    # B13 neither form
    ["安吉县杭垓镇敬老院", "杭垓镇", "2013年", 40, 26, 6, "否", "×", "否", NA, 8, NA, "否", NA],
    ["安吉溪龙颐养院", "溪龙乡", "2017年3月", 90, 62, 30, "无", "是", "否", NA, 22, NA, "否", NA],
    # B15 candidate: a major accident within 5 years
    ["安吉递铺康乐护理院", "递铺街道", "2015年4月", 120, 96, 70, "是", "是", "是", "是", 45, 45, "是", "98%"],
]


def build(path: Path) -> None:
    wb = new_workbook(path)
    rows = [[d.strftime("%Y-%m-%d") if isinstance(d, dt.date) else d for d in h] for h in HOMES]
    write_form(
        wb,
        "养老机构",
        "安吉县养老机构医养结合情况暨全国医养结合示范机构申报汇总表",
        [
            "机构名称",
            "乡镇（街道）",
            "开业时间",
            "实有床位数（张）",
            "入住老人数（人）",
            "失能失智入住人数（人）",
            "是否内设医疗机构",
            "是否与医疗卫生机构签约合作",
            "是否申报全国医养结合示范机构",
            "是否提供一体化医养结合服务",
            "工作人员数（人）",
            "持证（培训合格）上岗人数（人）",
            "近5年是否发生重大事故或违法违纪案件",
            "入住老年人及家属满意度（第三方评价）",
        ],
        rows,
        [
            "",
            "",
            "",
            sum(h[3] for h in HOMES),
            sum(h[4] for h in HOMES),
            sum(h[5] for h in HOMES),
            "",
            "",
            "",
            "",
            sum(h[10] for h in HOMES),
            "",
            "",
            "",
        ],
        "填报单位（盖章）：安吉县卫生健康局、安吉县民政局            填报时间：2025年1月",
    )
    wb.close()
