"""Sample submission for mangshi-2017: care homes, clinics and town statistics of Mangshi."""

from __future__ import annotations

import random
from pathlib import Path

from .forms import new_workbook, write_form, yes_no

FILE = "mangshi-2017.xlsx"


MANGSHI_TOWNS = ["勐焕街道", "芒市镇", "遮放镇", "勐戛镇", "芒海镇", "风平镇", "轩岗乡", "江东乡", "西山乡",
                 "中山乡", "三台山乡", "五岔路乡"]


def build(path: Path) -> None:
    rng = random.Random(2017)
    wb = new_workbook(path)
    homes = [
        ["芒市中心敬老院", "风平镇", "公办", 120, 60, 95, "是", "是", 95, "是", "是"],
        ["勐戛镇敬老院", "勐戛镇", "公办", 40, 10, 31, "否", "是", 31, "是", "否"],
        ["遮放镇敬老院", "遮放镇", "公办", 50, 12, 38, "否", "√", 38, "否", "否"],   # signed, no regular visits
        ["芒市福寿园养老中心", "勐焕街道", "民办", 80, 30, 52, "无", "否", 40, "否", "否"],
        ["芒市康乐老年公寓", "芒市镇", "民办", 60, 20, 35, "否", "是", 35, "√", "否"],
    ]
    write_form(wb, "养老机构", "芒市养老机构医养结合情况统计表（2020年）",
               ["机构名称", "乡镇（街道）", "举办性质", "床位数（张）", "护理型床位数（张）", "入住老人数（人）",
                "是否内设医疗机构", "是否与医疗卫生机构签约合作", "入住老人家庭医生签约人数（人）",
                "是否有医疗机构定期巡诊", "是否医养结合试点机构"],
               homes, ["", "", "", sum(h[3] for h in homes), sum(h[4] for h in homes), sum(h[5] for h in homes),
                       "", "", sum(h[8] for h in homes), "", ""],  # 合计 under its own columns
               "填报单位（盖章）：芒市民政局            填报时间：2021年1月")

    medical = [
        ["芒市人民医院", "勐焕街道", "综合医院", "二级", "是", "是", "是", "—", "否"],
        ["芒市中医医院", "勐焕街道", "中医医院", "二级", "是", "是", "是", "—", "否"],
        ["芒市妇幼保健计划生育服务中心", "勐焕街道", "专科医院", "二级", "是", "否", "否", "—", "否"],
        ["勐焕街道社区卫生服务中心", "勐焕街道", "社区卫生服务中心", "一级", "是", "是", "否", "是", "是"],
        ["风平镇卫生院", "风平镇", "乡镇卫生院", "一级", "是", "是", "是", "是", "否"],
        ["勐戛镇卫生院", "勐戛镇", "乡镇卫生院", "一级", "是", "是", "否", "√", "否"],
        ["遮放镇中心卫生院", "遮放镇", "乡镇卫生院", "一级", "否", "是", "否", "是", "否"],
    ]
    for town in MANGSHI_TOWNS[1:]:
        for k in range(2):
            village = rng.choice(["弄么", "芒蚌", "拱岭", "户拉", "芒杏", "允欠", "那目", "帕底", "芒里", "邦达"])
            medical.append([f"{town}{village}村卫生室" + ("" if k == 0 else "（二）"), town, "村卫生室", "未定级",
                            yes_no(rng, rng.random() < 0.8), yes_no(rng, rng.random() < 0.78), "否", "—", "否"])
    write_form(wb, "医疗卫生机构", "芒市医疗卫生机构老年健康服务情况表（2020年）",
               ["机构名称", "乡镇（街道）", "机构类别", "等级", "是否开设老年人就医绿色通道", "是否能提供中医药服务",
                "是否设有中医馆", "是否与上级医院签订长期合作（双向转诊）协议", "是否医养结合试点机构"], medical, None, "填报单位（盖章）：芒市卫生健康局")

    areas = []
    for town in MANGSHI_TOWNS:
        pop = rng.randint(12000, 60000) if town != "勐焕街道" else 128000
        pop65 = int(pop * rng.uniform(0.08, 0.12))
        key = int(pop * rng.uniform(0.30, 0.40))
        areas.append([town, 2020, pop, pop65, int(pop65 * rng.uniform(0.93, 0.99)),
                      int(pop65 * rng.uniform(0.62, 0.80)), int(pop * rng.uniform(0.45, 0.75)),
                      key, int(key * rng.uniform(0.7, 0.9))])
    sums = ["", "", *[sum(a[i] for a in areas) for i in range(2, 9)]]  # 地区, 年度, then the counts
    write_form(wb, "辖区统计", "芒市各乡镇（街道）老年健康服务统计表（2020年度）",
               ["地区", "年度", "常住人口数（人）", "65岁及以上常住人口（人）", "65岁及以上建立电子健康档案人数（人）",
                "65岁及以上接受健康管理人数（人）", "家庭医生签约人数（人）", "重点人群人数（人）", "重点人群签约人数（人）"],
               areas, sums, "填报单位（盖章）：芒市卫生健康局            填报时间：2021年2月")
    wb.close()
