"""Sample submission for yiwu-2023: institutions, hospitals and lottery funds of Yiwu."""

from __future__ import annotations

import random
from pathlib import Path

from .forms import new_workbook, write_form, yes_no

FILE = "yiwu-2023.xlsx"


YIWU_TOWNS = ["稠城街道", "北苑街道", "江东街道", "稠江街道", "后宅街道", "城西街道", "廿三里街道", "福田街道",
              "佛堂镇", "赤岸镇", "义亭镇", "上溪镇", "大陈镇", "苏溪镇"]


def build(path: Path) -> None:
    rng = random.Random(2023)
    wb = new_workbook(path)
    homes = []
    for i, town in enumerate(YIWU_TOWNS):
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
            homes.append([name, town, "公办" if public else "民办", beds, nursing, residents,
                          yes_no(rng, medical), yes_no(rng, signed), yes_no(rng, medical and rng.random() < 0.7),
                          "否"])
    homes[0][9] = "是"  # 义乌市社会福利中心-style special-care home
    homes[0][0] = "义乌市社会福利中心"
    homes[0][6] = "是"
    totals = ["", "", "", sum(h[3] for h in homes), sum(h[4] for h in homes), sum(h[5] for h in homes),
              "", "", "", ""]
    write_form(wb, "养老机构", "2024年义乌市养老机构医养结合情况统计表",
               ["机构名称", "乡镇（街道）", "举办性质", "床位数（张）", "护理型床位数（张）", "入住老人数（人）",
                "是否内设医疗机构", "是否与医疗卫生机构签约合作", "是否医保定点", "是否特困人员供养服务机构"],
               [h[:1] + h[1:] for h in homes], totals,
               "填报单位（盖章）：义乌市民政局            填报时间：2025年1月")

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
        hospitals.append([f"义乌市{town}{'社区卫生服务中心' if category == '社区卫生服务中心' else '卫生院'}", town,
                          category, "一级", community, "否", yes_no(rng, rng.random() < 0.5), "否",
                          yes_no(rng, hospice)])
    write_form(wb, "医疗卫生机构", "2024年义乌市医疗卫生机构老年健康服务情况表",
               ["机构名称", "乡镇（街道）", "机构类别", "等级", "所属医共体", "是否设立老年医学科", "是否设立康复医学科",
                "是否设有安宁疗护病区", "是否开展安宁疗护服务"],
               hospitals, None, "填报单位（盖章）：义乌市卫生健康局            填报时间：2025年1月")

    write_form(wb, "资金投入", "义乌市社会福利彩票公益金使用情况",
               ["年度", "社会福利彩票公益金总额（万元）", "用于养老服务和医养结合的彩票公益金（万元）"],
               [[2023, "2,480", "1,390"], [2024, "2,650", "1,405"]], None,
               "填报单位（盖章）：义乌市民政局、义乌市财政局")
    wb.close()
