"""Build the sample submissions in sample_data/ the way a county bureau would fill them in.

    python scripts/make_samples.py            # writes sample_data/*.xlsx

Each workbook looks like a real statistical form: a merged title row, a reporter line, Chinese
headers with units, a 序号 column, mixed spellings of yes/no (是/否, √/×, 有/无), a 合计 row and a
footer. The data is generated from a fixed seed, so the files are the same on every machine;
some targets are met and some are not.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import xlsxwriter

OUT = Path(__file__).resolve().parent.parent / "sample_data"

YES = ["是", "是", "是", "√", "有"]
NO = ["否", "否", "×", "无"]


def yes_no(rng: random.Random, value: bool) -> str:
    return rng.choice(YES if value else NO)


def write_form(wb, sheet_name: str, title: str, headers: list[str], rows: list[list], total: list | None,
               reporter: str) -> None:
    """One sheet laid out as a printed statistical form."""
    ws = wb.add_worksheet(sheet_name)
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    head_fmt = wb.add_format({"bold": True, "text_wrap": True, "border": 1, "align": "center", "valign": "vcenter"})
    cell_fmt = wb.add_format({"border": 1})
    width = len(headers) + 1
    ws.merge_range(0, 0, 0, width - 1, title, title_fmt)
    ws.write(1, 0, reporter)
    ws.write_row(2, 0, ["序号"] + headers, head_fmt)
    ws.set_row(2, 32)
    for i, row in enumerate(rows, start=1):
        ws.write_row(2 + i, 0, [i] + row, cell_fmt)
    last = 2 + len(rows)
    if total is not None:
        ws.write_row(last + 1, 0, ["合计"] + total, cell_fmt)
        last += 1
    ws.write(last + 2, 0, "单位负责人：          填表人：          报出日期：")
    ws.freeze_panes(3, 0)
    ws.set_column(1, 1, 26)
    ws.set_column(2, width, 12)


YIWU_TOWNS = ["稠城街道", "北苑街道", "江东街道", "稠江街道", "后宅街道", "城西街道", "廿三里街道", "福田街道",
              "佛堂镇", "赤岸镇", "义亭镇", "上溪镇", "大陈镇", "苏溪镇"]


def yiwu(path: Path) -> None:
    rng = random.Random(2023)
    wb = xlsxwriter.Workbook(str(path))
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


MANGSHI_TOWNS = ["勐焕街道", "芒市镇", "遮放镇", "勐戛镇", "芒海镇", "风平镇", "轩岗乡", "江东乡", "西山乡",
                 "中山乡", "三台山乡", "五岔路乡"]


def mangshi(path: Path) -> None:
    rng = random.Random(2017)
    wb = xlsxwriter.Workbook(str(path))
    homes = [
        ["芒市中心敬老院", "风平镇", "公办", 120, 60, 95, "是", "是", 95],
        ["勐戛镇敬老院", "勐戛镇", "公办", 40, 10, 31, "否", "是", 31],
        ["遮放镇敬老院", "遮放镇", "公办", 50, 12, 38, "否", "√", 38],
        ["芒市福寿园养老中心", "勐焕街道", "民办", 80, 30, 52, "无", "否", 40],
        ["芒市康乐老年公寓", "芒市镇", "民办", 60, 20, 35, "否", "是", 35],
    ]
    write_form(wb, "养老机构", "芒市养老机构医养结合情况统计表（2020年）",
               ["机构名称", "乡镇（街道）", "举办性质", "床位数（张）", "护理型床位数（张）", "入住老人数（人）",
                "是否内设医疗机构", "是否与医疗卫生机构签约合作", "入住老人家庭医生签约人数（人）"],
               homes, ["", "", sum(h[3] for h in homes), sum(h[4] for h in homes), sum(h[5] for h in homes),
                       "", "", sum(h[8] for h in homes)],
               "填报单位（盖章）：芒市民政局            填报时间：2021年1月")

    medical = [
        ["芒市人民医院", "勐焕街道", "综合医院", "二级", "是", "是", "是"],
        ["芒市中医医院", "勐焕街道", "中医医院", "二级", "是", "是", "是"],
        ["芒市妇幼保健计划生育服务中心", "勐焕街道", "专科医院", "二级", "是", "否", "否"],
        ["勐焕街道社区卫生服务中心", "勐焕街道", "社区卫生服务中心", "一级", "是", "是", "否"],
        ["风平镇卫生院", "风平镇", "乡镇卫生院", "一级", "是", "是", "是"],
        ["勐戛镇卫生院", "勐戛镇", "乡镇卫生院", "一级", "是", "是", "否"],
        ["遮放镇中心卫生院", "遮放镇", "乡镇卫生院", "一级", "否", "是", "否"],
    ]
    for town in MANGSHI_TOWNS[1:]:
        for k in range(2):
            village = rng.choice(["弄么", "芒蚌", "拱岭", "户拉", "芒杏", "允欠", "那目", "帕底", "芒里", "邦达"])
            medical.append([f"{town}{village}村卫生室" + ("" if k == 0 else "（二）"), town, "村卫生室", "未定级",
                            yes_no(rng, rng.random() < 0.8), yes_no(rng, rng.random() < 0.78), "否"])
    write_form(wb, "医疗卫生机构", "芒市医疗卫生机构老年健康服务情况表（2020年）",
               ["机构名称", "乡镇（街道）", "机构类别", "等级", "是否开设老年人就医绿色通道", "是否能提供中医药服务",
                "是否设有中医馆"], medical, None, "填报单位（盖章）：芒市卫生健康局")

    areas = []
    for town in MANGSHI_TOWNS:
        pop = rng.randint(12000, 60000) if town != "勐焕街道" else 128000
        pop65 = int(pop * rng.uniform(0.08, 0.12))
        key = int(pop * rng.uniform(0.30, 0.40))
        areas.append([town, 2020, pop, pop65, int(pop65 * rng.uniform(0.93, 0.99)),
                      int(pop65 * rng.uniform(0.62, 0.80)), int(pop * rng.uniform(0.45, 0.75)),
                      key, int(key * rng.uniform(0.7, 0.9))])
    sums = ["", *[sum(a[i] for a in areas) for i in range(2, 9)]]
    write_form(wb, "辖区统计", "芒市各乡镇（街道）老年健康服务统计表（2020年度）",
               ["地区", "年度", "常住人口数（人）", "65岁及以上常住人口（人）", "65岁及以上建立电子健康档案人数（人）",
                "65岁及以上接受健康管理人数（人）", "家庭医生签约人数（人）", "重点人群人数（人）", "重点人群签约人数（人）"],
               areas, sums, "填报单位（盖章）：芒市卫生健康局            填报时间：2021年2月")
    wb.close()


SAMPLES = {"yiwu-2023.xlsx": yiwu, "mangshi-2017.xlsx": mangshi}


def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, build in SAMPLES.items():
        build(out / name)
        print(f"wrote {out / name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
