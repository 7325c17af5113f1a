"""Sample submission for beijing-2024 built from a real status report: Fangshan district (房山区), Beijing.

003 篇四 (repeated as 篇十二) is the Fangshan civil-affairs bureau's report on its elderly-care
institutions, not a plan. This table of its 49 institutions matches every figure the report gives.

From the text (exact): 49 elderly-care institutions ("全区现有养老服务机构49家"); 7,869 beds in all
("共有养老床位7869张"); 13 with an internal clinic ("13家机构具备内设医务室", so the unit type is
医务室); the other 36 have a medical-service agreement with a medical institution ("剩余养老机构与所在
地的医疗机构签订医疗服务协议"); 5 designated by medical insurance ("有5家具有医保定点单位资质"). Also
consistent with the text: residents total 3,417 ("入住老人3400余人"), and 7,869 beds for 18.18万 people
aged 60+ is 4.3 beds per 100 ("每百名老人养老床位数4.3张"). The district welfare centre (区级福利中心,
700 beds) is still being refitted ("改造完成即投入运营"), so it is not one of the 49 and is not listed.

Invented (plausible, not from the text): every institution's name and street or town (the towns
and streets are Fangshan's own), ownership, the split of the 7,869 beds between institutions,
nursing-type beds (3,691 in all, 46.9%), residents per institution, which 13 have the clinic
(mostly the larger ones) and which 5 of those are insurance-designated (the text does not say;
designation needs a medical unit, so all 5 are among the 13), and whether the 13 also hold an
agreement (9 do, 4 do not; the text speaks only of the other 36). Yes/no cells use the mixed
spellings of real forms, drawn from a fixed seed.

Checked against beijing-2024 at 2024-12-31: nursing-type beds 3,691 / 7,869 = 46.9% < 50% (not met);
石景山区's long-term-care insurance pilot (advisory) cannot be told from a district's home table
(no_data, reported as advice). The
agreements and insurance designations are the report's facts, kept for the baseline test; no target
of beijing-2024 reads them (its outsourcing sentence is permissive, 可).
"""

from __future__ import annotations

import random
from pathlib import Path

from .forms import new_workbook, write_form, yes_no

FILE = "beijing-2024-fangshan.xlsx"

# 机构名称, 街道（乡镇）, 举办性质, 床位, 护理型床位, 入住, 内设医务室, 签订医疗服务协议, 医保定点
HOMES = [
    ("北京市房山区城关街道养老照料中心", "城关街道", "公办", 260, 160, 111, True, False, True),
    ("北京房山区城关福寿老年公寓", "城关街道", "民办", 60, 26, 21, False, True, False),
    ("北京房山区新镇祥和老年公寓", "新镇街道", "民办", 150, 52, 62, False, True, False),
    ("北京房山区向阳夕阳红养老院", "向阳街道", "民办", 60, 26, 28, False, True, False),
    ("北京房山区东风温馨家园养老院", "东风街道", "民办", 100, 38, 48, False, True, False),
    ("北京房山区迎风同心养老院", "迎风街道", "民办", 300, 118, 112, False, True, False),
    ("北京房山区星城恒爱养老院", "星城街道", "民办", 160, 101, 84, True, True, False),
    ("北京房山区京西长青养老院", "拱辰街道", "民办", 300, 192, 131, True, True, True),
    ("北京房山区拱辰康乐养老院", "拱辰街道", "民办", 128, 41, 56, False, True, False),
    ("北京房山区西潞仁和养老院", "西潞街道", "民办", 240, 145, 92, True, False, False),
    ("北京房山区西潞安康养老院", "西潞街道", "民办", 200, 88, 100, False, True, False),
    ("北京市房山区良乡镇敬老院", "良乡镇", "公办", 320, 186, 151, True, True, True),
    ("北京房山区良乡乐龄养老院", "良乡镇", "民办", 80, 30, 31, False, True, False),
    ("北京市房山区周口店镇敬老院", "周口店镇", "公办", 150, 92, 65, True, True, False),
    ("北京市房山区琉璃河镇敬老院", "琉璃河镇", "公办", 100, 41, 42, False, True, False),
    ("北京房山区琉璃河银龄老年公寓", "琉璃河镇", "民办", 180, 109, 90, True, True, False),
    ("北京房山区琉璃河福康养老院", "琉璃河镇", "民办", 128, 55, 53, False, True, False),
    ("北京市房山区窦店镇敬老院", "窦店镇", "公办", 220, 110, 118, True, False, False),
    ("北京房山区窦店康宁养老院", "窦店镇", "民办", 150, 61, 64, False, True, False),
    ("北京市房山区石楼镇敬老院", "石楼镇", "公办", 150, 55, 55, False, True, False),
    ("北京房山区石楼云居养老院", "石楼镇", "民办", 128, 55, 45, False, True, False),
    ("北京市房山区长阳镇敬老院", "长阳镇", "公办", 168, 67, 61, False, True, False),
    ("北京房山区长阳福寿园养老院", "长阳镇", "民办", 400, 225, 189, True, True, True),
    ("北京房山区长阳瑞安养老院", "长阳镇", "民办", 150, 63, 71, False, True, False),
    ("北京市房山区阎村镇敬老院", "阎村镇", "公办", 100, 44, 39, False, True, False),
    ("北京房山区阎村嘉和养老院", "阎村镇", "民办", 200, 128, 86, True, True, False),
    ("北京房山区阎村怡园老年公寓", "阎村镇", "民办", 300, 96, 121, False, True, False),
    ("北京市房山区青龙湖镇敬老院", "青龙湖镇", "公办", 150, 53, 65, False, True, False),
    ("北京房山区青龙湖德善养老院", "青龙湖镇", "民办", 130, 70, 57, True, True, False),
    ("北京市房山区韩村河镇敬老院", "韩村河镇", "公办", 90, 27, 34, False, True, False),
    ("北京房山区上方山康乐老年公寓", "韩村河镇", "民办", 280, 180, 130, True, False, False),
    ("北京房山区韩村河颐寿园", "韩村河镇", "民办", 120, 45, 59, False, True, False),
    ("北京市房山区河北镇敬老院", "河北镇", "公办", 90, 32, 33, False, True, False),
    ("北京房山区河北镇大石河养老院", "河北镇", "民办", 260, 86, 98, False, True, False),
    ("北京市房山区长沟镇敬老院", "长沟镇", "公办", 136, 58, 50, False, True, False),
    ("北京房山区长沟泉乡养老院", "长沟镇", "民办", 260, 92, 99, False, True, False),
    ("北京市房山区大石窝镇敬老院", "大石窝镇", "公办", 110, 43, 51, False, True, False),
    ("北京房山区大石窝石韵老年公寓", "大石窝镇", "民办", 150, 66, 58, False, True, False),
    ("北京市房山区张坊镇敬老院", "张坊镇", "公办", 60, 27, 22, False, True, False),
    ("北京市房山区十渡镇敬老院", "十渡镇", "公办", 40, 17, 16, False, True, False),
    ("北京市房山区霞云岭乡敬老院", "霞云岭乡", "公办", 72, 29, 32, False, True, False),
    ("北京市房山区南窖乡敬老院", "南窖乡", "公办", 72, 27, 27, False, True, False),
    ("北京市房山区佛子庄乡敬老院", "佛子庄乡", "公办", 48, 19, 22, False, True, False),
    ("北京市房山区大安山乡敬老院", "大安山乡", "公办", 72, 27, 34, False, True, False),
    ("北京市房山区史家营乡敬老院", "史家营乡", "公办", 56, 18, 25, False, True, False),
    ("北京市房山区蒲洼乡敬老院", "蒲洼乡", "公办", 72, 28, 28, False, True, False),
    ("北京燕房颐养中心", "燕山向阳街道", "民办", 360, 215, 192, True, True, True),
    ("北京燕山东风颐和老年公寓", "燕山东风街道", "民办", 96, 32, 38, False, True, False),
    ("北京燕山星城乐寿养老院", "燕山星城街道", "民办", 263, 96, 121, False, True, False),
]


def build(path: Path) -> None:
    rng = random.Random(7869)
    rows = []
    for name, town, ownership, beds, nursing, residents, clinic, signed, insured in HOMES:
        rows.append(
            [
                name,
                town,
                ownership,
                beds,
                nursing,
                residents,
                yes_no(rng, clinic),
                "医务室" if clinic else "—",
                yes_no(rng, signed),
                yes_no(rng, insured),
            ]
        )
    totals = [
        "",
        "",
        "",
        sum(h[3] for h in HOMES),
        sum(h[4] for h in HOMES),
        sum(h[5] for h in HOMES),
        sum(h[6] for h in HOMES),
        "",
        sum(h[7] for h in HOMES),
        sum(h[8] for h in HOMES),
    ]
    wb = new_workbook(path)
    write_form(
        wb,
        "养老机构",
        "房山区养老机构医养结合情况统计表",
        [
            "机构名称",
            "乡镇（街道）",
            "举办性质",
            "床位数（张）",
            "护理型床位数（张）",
            "入住老人数（人）",
            "内设医务室",
            "内设医疗机构类型",
            "是否与医疗机构签约",
            "是否医保定点",
        ],
        rows,
        totals,
        "填报单位（盖章）：北京市房山区民政局            填报时间：",
    )
    wb.close()
