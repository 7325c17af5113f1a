"""The data contract: entities (sheets), their field ids, labels, aliases, types and units.

This module is the one place that knows what a field is. Readers use it to map headers to
field ids, the rule loader to check that rules name real fields, and `yiyang fields` to list
them. Field ids in product.md keep their meaning; new ones are added here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field types. `level` is a hospital grade normalised to an integer (三级 -> 3, 二级 and
# 参照二级 -> 2, 一级 -> 1, 未定级 -> 0) so that "二级及以上" is simply `grade >= 2`.
TYPES = ("text", "category", "int", "number", "bool", "ratio", "date", "level", "year")
NUMERIC_TYPES = ("int", "number", "ratio", "level", "year")


@dataclass(frozen=True)
class Field:
    id: str
    zh: str
    en: str
    type: str
    unit: str = ""
    aliases: tuple[str, ...] = ()
    values: tuple[str, ...] = ()  # documented categories, for category fields
    # Spellings seen in submissions -> the canonical category value.
    synonyms: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Entity:
    id: str
    zh: str
    en: str
    sheet_aliases: tuple[str, ...]
    fields: dict[str, Field] = field(default_factory=dict)
    # Field that names a row in messages and failing lists.
    label_field: str = "name"
    # Fields usable as per-area breakdowns, most detailed first.
    group_fields: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def _entity(id, zh, en, sheet_aliases, fields, label_field="name", group_fields=()):
    return Entity(id, zh, en, tuple(sheet_aliases), {f.id: f for f in fields}, label_field,
                  tuple(group_fields))


_NAME = Field("name", "机构名称", "Name", "text", aliases=("名称", "单位名称", "机构", "养老机构名称",
              "医疗机构名称", "医疗卫生机构名称", "机构全称", "institution", "institution name"))
_COUNTY = Field("county", "区县", "County", "category", aliases=("县（市、区）", "县市区", "区（县）", "县区",
                "所属区县", "区", "district", "county"))
_TOWN = Field("town", "乡镇（街道）", "Town or subdistrict", "category",
              aliases=("乡镇", "街道", "镇街", "乡镇街道", "所属乡镇", "所属镇街", "所在乡镇（街道）", "town",
                       "street", "subdistrict"))

ELDERLY = _entity(
    "elderly_institutions", "养老机构", "Elderly-care institutions",
    ["养老机构", "养老机构情况", "养老机构名单", "elderly", "elderly_institutions", "institutions"],
    [
        _NAME, _COUNTY, _TOWN,
        Field("ownership", "举办性质", "Ownership", "category", aliases=("性质", "机构性质", "公办民办"),
              values=("公办", "民办")),
        Field("operation", "运营方式", "Operating model", "category", aliases=("运营模式", "type"),
              values=("公建公营", "公建民营", "民建民营")),
        Field("beds", "床位数", "Beds", "int", "张", aliases=("床位", "床位总数", "实有床位", "实有床位数", "核定床位数",
              "总床位数", "beds")),
        Field("nursing_beds", "护理型床位数", "Nursing-type beds", "int", "张",
              aliases=("护理型床位", "其中：护理型床位", "护理床位数", "nursing beds")),
        Field("residents", "入住老人数", "Residents", "int", "人", aliases=("入住人数", "在院老人数", "入住老年人数",
              "在住老人数")),
        Field("disabled_residents", "失能失智入住人数", "Disabled or demented residents", "int", "人",
              aliases=("失能失智老人数", "失能、失智入住人数", "失能失智老年人数")),
        Field("has_medical_unit", "是否内设医疗机构", "Has an internal medical unit", "bool",
              aliases=("内设医疗机构", "是否内设医疗卫生机构", "有无内设医疗机构", "内设医务室")),
        Field("medical_unit_type", "内设医疗机构类型", "Type of internal medical unit", "category",
              aliases=("医疗机构类型",), values=("医务室", "护理站", "诊所", "卫生所（室）", "护理院", "医院")),
        Field("signed_medical_cooperation", "是否与医疗卫生机构签约合作",
              "Signed cooperation with a medical institution", "bool",
              aliases=("是否签约", "签约合作", "与医疗机构签约", "是否与医疗机构签约", "医养签约", "是否签订医养合作协议",
                       "签约情况")),
        Field("insurance_designated", "是否医保定点", "Designated by medical insurance", "bool",
              aliases=("医保定点", "是否纳入医保定点", "医保定点机构")),
        Field("opened", "开业时间", "Opening date", "date", aliases=("成立时间", "开业日期", "运营时间", "since")),
        Field("satisfaction", "满意度", "Satisfaction", "ratio", "%", aliases=("服务满意度", "入住老人满意度")),
        Field("special_care_facility", "是否特困人员供养服务机构", "Facility for persons in extreme poverty",
              "bool", aliases=("特困人员供养服务机构", "是否特困供养机构", "特困供养机构")),
        Field("residents_fd_signed", "入住老人家庭医生签约人数",
              "Residents signed with a family doctor", "int", "人",
              aliases=("家庭医生签约人数", "入住老人签约人数", "签约家庭医生人数")),
    ],
    group_fields=("town", "county"),
)

MEDICAL = _entity(
    "medical_institutions", "医疗卫生机构", "Medical institutions",
    ["医疗卫生机构", "医疗机构", "医疗卫生机构情况", "medical", "medical_institutions", "hospitals"],
    [
        _NAME, _COUNTY, _TOWN,
        Field("category", "机构类别", "Category", "category", aliases=("类别", "机构类型", "医疗机构类别", "类型"),
              values=("综合医院", "中医医院", "专科医院", "乡镇卫生院", "社区卫生服务中心", "社区卫生服务站", "村卫生室",
                      "护理院"),
              synonyms={"中医院": "中医医院", "综合性医院": "综合医院", "卫生院": "乡镇卫生院", "中心卫生院": "乡镇卫生院",
                        "社区卫生服务中心（站）": "社区卫生服务中心", "村卫生所": "村卫生室", "村医务室": "村卫生室"}),
        Field("grade", "等级", "Grade", "level", aliases=("医院等级", "级别", "机构等级")),
        Field("green_channel", "是否开设老年人就医绿色通道", "Green channel for older patients", "bool",
              aliases=("老年人就医绿色通道", "绿色通道", "是否开设绿色通道")),
        Field("geriatrics_dept", "是否设立老年医学科", "Geriatrics department", "bool",
              aliases=("老年医学科", "是否设置老年医学科")),
        Field("rehab_dept", "是否设立康复医学科", "Rehabilitation department", "bool",
              aliases=("康复医学科", "是否设置康复医学科")),
        Field("hospice_ward", "是否设有安宁疗护病区", "Hospice ward", "bool",
              aliases=("安宁疗护病区", "是否设置安宁疗护病区")),
        Field("hospice_service", "是否开展安宁疗护服务", "Provides hospice care", "bool",
              aliases=("开展安宁疗护服务", "安宁疗护服务")),
        Field("tcm_service", "是否能提供中医药服务", "Provides traditional Chinese medicine", "bool",
              aliases=("中医药服务", "能否提供中医药服务", "中医理疗服务", "是否能提供中医理疗服务")),
        Field("tcm_hall", "是否设有中医馆", "Has a TCM hall (中医馆)", "bool", aliases=("中医馆", "是否设立中医馆")),
        Field("medical_community", "所属医共体", "Medical community (医共体)", "category",
              aliases=("医共体", "医联体（医共体）", "所属医联体")),
    ],
    group_fields=("town", "county"),
)

AREAS = _entity(
    "areas", "辖区统计", "Area statistics",
    ["辖区统计", "辖区情况", "人口统计", "地区统计", "乡镇统计", "areas", "area_statistics"],
    [
        Field("area", "地区", "Area", "category", aliases=("地区名称", "区域", "乡镇（街道）", "乡镇", "街道", "镇街",
              "区县", "area")),
        Field("year", "年度", "Year", "year", aliases=("年份", "统计年度", "year")),
        Field("pop_resident", "常住人口数", "Resident population", "int", "人", aliases=("常住人口", "辖区常住人口")),
        Field("pop_60_registered", "户籍60岁及以上人口", "Registered population aged 60+", "int", "人",
              aliases=("户籍60岁以上人口", "60岁及以上户籍人口", "户籍老年人口")),
        Field("pop_65", "65岁及以上常住人口", "Resident population aged 65+", "int", "人",
              aliases=("65岁以上常住人口", "65岁及以上老年人口", "65岁以上老年人口", "65岁及以上人口")),
        Field("health_managed_65", "65岁及以上接受健康管理人数", "Aged 65+ under health management", "int", "人",
              aliases=("65岁以上接受健康管理人数", "老年人健康管理人数", "65岁及以上老年人健康管理人数")),
        Field("ehr_65", "65岁及以上建立电子健康档案人数", "Aged 65+ with an electronic health record", "int", "人",
              aliases=("65岁以上建立电子健康档案人数", "65岁及以上电子建档人数", "老年人电子建档人数")),
        Field("fd_signed_65", "65岁及以上家庭医生签约人数", "Aged 65+ signed with a family doctor", "int", "人",
              aliases=("65岁以上家庭医生签约人数",)),
        Field("fd_signed", "家庭医生签约人数", "Residents signed with a family doctor", "int", "人",
              aliases=("家庭医生签约服务人数", "签约人数")),
        Field("pop_key", "重点人群人数", "Key population (重点人群)", "int", "人", aliases=("重点人群数",)),
        Field("fd_signed_key", "重点人群签约人数", "Key population signed with a family doctor", "int", "人",
              aliases=("重点人群家庭医生签约人数",)),
    ],
    label_field="area",
    group_fields=("area",),
)

FINANCE = _entity(
    "finance", "资金投入", "Funding",
    ["资金投入", "资金情况", "经费投入", "彩票公益金", "finance", "funding"],
    [
        Field("year", "年度", "Year", "year", aliases=("年份", "统计年度")),
        Field("lottery_fund_total", "社会福利彩票公益金总额", "Welfare lottery fund, total", "number", "万元",
              aliases=("彩票公益金总额", "福彩公益金总额", "社会福利事业彩票公益金")),
        Field("lottery_fund_elderly", "用于养老服务和医养结合的彩票公益金", "Lottery fund for elderly and integrated care",
              "number", "万元", aliases=("用于养老服务的彩票公益金", "养老服务和医养结合彩票公益金", "彩票公益金用于养老服务")),
    ],
    label_field="year",
)

ENTITIES: dict[str, Entity] = {e.id: e for e in (ELDERLY, MEDICAL, AREAS, FINANCE)}


def get_entity(entity_id: str) -> Entity | None:
    return ENTITIES.get(entity_id)
