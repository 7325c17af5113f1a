"""The data contract: entities (sheets), their field ids, labels, aliases, types and units.

This module is the one place that knows what a field is. Readers use it to map headers to
field ids, the rule loader to check that rules name real fields, and `yiyang fields` to list
them. Field ids in product.md keep their meaning; new ones are added here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field types. `level` is a hospital grade normalised to an integer (三级 -> 3, 二级 and
# 参照二级 -> 2, 一级 -> 1, 未定级 -> 0) so that "二级及以上" is simply `grade >= 2`.
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
        from .messages import pick

        return pick(lang, self.zh, self.en)


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
        from .messages import pick

        return pick(lang, self.zh, self.en)


def _entity(id, zh, en, sheet_aliases, fields, label_field="name", group_fields=()):
    # The English label is an alias too, so an English sheet "Medical institutions" resolves by the
    # longest match rather than by the shorter elderly-care alias "institutions" inside it.
    aliases = tuple(dict.fromkeys([*sheet_aliases, en]))
    return Entity(id, zh, en, aliases, {f.id: f for f in fields}, label_field, tuple(group_fields))


# The data contract is laid out as a table, one field per entry: the formatter leaves it so.
# fmt: off
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
        Field("satisfaction", "满意度", "Satisfaction", "ratio", "%", aliases=("服务满意度", "入住老人满意度",
              "入住老年人及家属满意度", "第三方满意度", "满意度调查结果")),
        Field("special_care_facility", "是否特困人员供养服务机构", "Facility for persons in extreme poverty",
              "bool", aliases=("特困人员供养服务机构", "是否特困供养机构", "特困供养机构")),
        # Added for yiwu-2023 (县级特困人员供养服务机构: a township 敬老院 is not county level).
        Field("county_level_facility", "是否县级（市级）特困人员供养服务机构",
              "County-level (county-level city) facility for persons in extreme poverty", "bool",
              aliases=("县级供养服务机构", "是否县级", "是否县级特困人员供养服务机构", "县级特困人员供养服务机构",
                       "是否市级特困人员供养服务机构", "县级（市级）特困人员供养服务机构", "是否县级供养服务机构",
                       "县级特困供养机构", "是否县级特困供养机构")),
        Field("residents_fd_signed", "入住老人家庭医生签约人数",
              "Residents signed with a family doctor", "int", "人",
              aliases=("家庭医生签约人数", "入住老人签约人数", "签约家庭医生人数")),
        # Added for shanghai (150张以上…除外; 康复服务) and luan-tcm (中医诊室).
        Field("colocated_with_medical", "是否与医疗机构邻近设置或整合设置",
              "Set up next to, or integrated with, a medical institution", "bool",
              aliases=("与医疗机构邻近设置或整合设置", "是否与医疗机构邻近或整合设置", "与医疗机构邻近或整合设置",
                       "是否与医疗机构邻近设置", "是否与医疗机构整合设置")),
        Field("rehab_service", "是否开展康复服务", "Provides rehabilitation services", "bool",
              aliases=("开展康复服务", "康复服务", "是否提供康复服务")),
        Field("tcm_clinic_room", "是否设置中医诊室", "Has a TCM consulting room (中医诊室)", "bool",
              aliases=("中医诊室", "是否设有中医诊室", "是否设立中医诊室", "是否设置中医民族医诊室", "中医民族医诊室",
                       "是否设有中医民族医诊室")),
        # Added for xianning-2024 (per 100 beds) and national-demo-2024 (示范机构 criteria).
        Field("social_workers", "社会工作者人数", "Social workers (employed or via purchased services)", "int",
              "人", aliases=("社工人数", "社会工作者数", "配备社会工作者人数", "配备或购买服务社会工作者人数",
                            "社会工作者人数（含购买服务）")),
        Field("staff", "工作人员数", "Staff", "int", "人", aliases=("工作人员总数", "从业人员数", "职工人数", "员工人数")),
        Field("staff_certified", "持证（培训合格）上岗人数", "Staff certified or trained before starting work",
              "int", "人", aliases=("持证上岗人数", "持证或培训合格上岗人数", "培训合格上岗人数")),
        Field("full_cycle_care", "是否提供一体化医养结合服务",
              "Provides prevention, treatment, rehabilitation, daily care and hospice as one service", "bool",
              aliases=("一体化医养结合服务", "是否提供预防保健、疾病治疗、康复护理、生活照料、安宁疗护一体化服务",
                       "是否提供全周期医养结合服务")),
        Field("major_incident_5y", "近5年是否发生重大事故或违法违纪案件",
              "Major safety or medical accident, or violation, in the last 5 years", "bool",
              aliases=("近五年是否发生重大事故或违法违纪案件", "5年内是否发生重大安全生产事故、重大医疗事故和违法违纪案件",
                       "近5年重大事故或违法违纪案件")),
        Field("demo_candidate", "是否申报全国医养结合示范机构", "Applying to be a national demonstration institution",
              "bool", aliases=("申报示范机构", "是否申报示范机构", "是否推荐示范机构", "是否申报全国示范机构")),
        # Added for xinjiang-2017 (失能老人护理型养老机构 rules) and yuyao-2020.
        Field("nursing_type_institution", "是否失能老人护理型养老机构", "Nursing-type home for disabled older people",
              "bool", aliases=("是否护理型养老机构", "护理型养老机构", "失能老人护理型养老机构", "是否为护理型养老机构")),
        Field("home_institution_integration", "是否开展“家院互融”服务", "Provides 家院互融 (home-institution) services",
              "bool", aliases=("是否开展家院互融服务", "家院互融", "“家院互融”服务", "家院互融服务", "开展“家院互融”服务")),
        Field("medical_knowledge_carer", "是否配备具备医学基础知识的养老护理员",
              "Has care workers with basic medical knowledge", "bool",
              aliases=("配备具备医学基础知识的养老护理员", "是否配备具有医学基础知识的养老护理员", "医学基础知识养老护理员")),
        # Added for mingshui-2024 (镇卫生院定期坐诊、出诊; 依托敬老院建日间照料中心) and tongren-2024
        # (碧江区试点; 养老机构65岁以上老年人健康管理率).
        Field("regular_medical_visits", "是否有医疗机构定期巡诊", "Regular visits by a medical institution", "bool",
              aliases=("医疗机构定期巡诊", "定期巡诊", "是否定期巡诊", "是否有医疗机构定期坐诊、出诊", "定期坐诊、出诊",
                       "医疗机构定期坐诊出诊")),
        Field("day_care_centre", "是否设立日间照料中心", "Runs a day-care centre", "bool",
              aliases=("是否设有日间照料中心", "是否建立日间照料中心", "依托本机构建立日间照料中心")),
        Field("integration_pilot", "是否医养结合试点机构", "Integrated-care pilot institution", "bool",
              aliases=("医养结合试点机构", "是否医养结合试点", "医养结合试点", "是否为医养结合试点机构")),
        Field("residents_65", "入住65岁及以上老人数", "Residents aged 65+", "int", "人",
              aliases=("入住65岁以上老人数", "65岁及以上入住老人数", "65岁以上入住老人数", "其中：65岁及以上")),
        Field("residents_65_managed", "入住65岁及以上老人接受健康管理人数", "Residents aged 65+ under health management",
              "int", "人", aliases=("入住65岁以上老人健康管理人数", "65岁及以上入住老人健康管理人数",
                                  "入住老人健康管理人数", "65岁以上入住老人接受健康管理人数")),
        # Added for yiwu-2023 (将养老机构内设的医疗卫生机构纳入医联体(医共体)管理).
        Field("medical_unit_in_community", "内设医疗机构是否纳入医联体（医共体）管理",
              "Internal medical unit managed within a medical alliance or community (医联体/医共体)", "bool",
              aliases=("内设医疗机构纳入医共体管理", "内设医疗机构是否纳入医共体管理", "是否纳入医联体（医共体）管理",
                       "是否纳入医共体管理", "内设医疗机构纳入医联体（医共体）管理")),
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
                        "社区卫生服务中心（站）": "社区卫生服务中心", "村卫生所": "村卫生室", "村医务室": "村卫生室",
                        "老年护理院": "护理院", "老年护理医院": "护理院"}),
        Field("grade", "等级", "Grade", "level", aliases=("医院等级", "级别", "机构等级")),
        Field("green_channel", "是否开设老年人就医绿色通道", "Green channel for older patients", "bool",
              aliases=("老年人就医绿色通道", "绿色通道", "是否开设绿色通道")),
        Field("geriatrics_dept", "是否设立老年医学科", "Geriatrics department", "bool",
              aliases=("老年医学科", "是否设置老年医学科", "老年病科", "是否设立老年病科", "是否开设老年病科")),
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
        # Added for shanghai (老年护理床位, 签约, 义诊, 康复服务).
        Field("elderly_nursing_beds", "老年护理床位数", "Geriatric nursing beds", "int", "张",
              aliases=("老年护理床位", "老年护理床位数量", "设置老年护理床位数")),
        Field("signed_elderly_institutions", "是否与养老机构签约", "Signed with elderly-care institutions", "bool",
              aliases=("与养老机构签约", "是否签约养老机构", "签约养老机构", "是否与养老机构签订服务协议")),
        Field("free_clinics_at_homes", "年内到养老机构开展义诊次数", "Free clinics held at elderly-care institutions this year",
              "int", "次", aliases=("到养老机构开展义诊次数", "到养老机构义诊次数", "养老机构义诊次数")),
        Field("rehab_service", "是否提供康复服务", "Provides rehabilitation services", "bool",
              aliases=("康复服务", "是否开展康复服务", "开展康复服务", "康复服务项目")),
        # Added for luan-tcm (中医药健康服务: 等次, 中医科, 康复中心, 名科, 名医, 老年病区).
        Field("grade_class", "等次", "Grade class (甲等/乙等/丙等)", "category",
              aliases=("医院等次", "等级等次"), values=("甲等", "乙等", "丙等"),
              synonyms={"甲": "甲等", "乙": "乙等", "丙": "丙等"}),
        Field("tcm_dept", "是否设立中医科", "TCM department (中医科)", "bool",
              aliases=("中医科", "是否设置中医科", "是否建设中医科")),
        Field("rehab_centre", "是否建设康复中心", "Rehabilitation centre", "bool",
              aliases=("康复中心", "是否设立康复中心", "是否设有康复中心")),
        Field("national_key_tcm_specialties", "国家级重点中医专科（专病）数", "National key TCM specialties", "int",
              "个", aliases=("全国重点中医专科数", "国家级重点中医专科数", "国家重点中医专科数")),
        Field("national_demo_tcm_depts", "全国示范中医科数", "National demonstration TCM departments", "int", "个",
              aliases=("全国示范中医科", "国家级示范中医科数")),
        Field("provincial_key_tcm_specialties", "省级中医重点专科（专病）数", "Provincial key TCM specialties", "int",
              "个", aliases=("省级中医重点专科数", "省级重点中医专科数")),
        Field("municipal_key_tcm_specialties", "市级重点中医专科（专病）数", "Municipal key TCM specialties", "int",
              "个", aliases=("市级重点中医专科数", "市级中医重点专科数")),
        Field("master_studios", "国医大师传承工作室数", "Studios of National TCM Masters (国医大师)", "int", "个",
              aliases=("国医大师传承工作室", "国医大师工作室数")),
        Field("provincial_tcm_expert_studios", "省级名老中医工作室数", "Provincial renowned senior TCM doctor studios",
              "int", "个", aliases=("省级名老中医工作室", "省级名老中医药专家工作室数")),
        Field("provincial_famous_tcm_doctors", "省级名中医人数", "Provincial renowned TCM doctors", "int", "人",
              aliases=("省级名中医", "省级名中医数")),
        Field("municipal_famous_tcm_doctors", "市级名中医人数", "Municipal renowned TCM doctors", "int", "人",
              aliases=("市级名中医", "市级名中医数")),
        Field("geriatric_ward_in_homes", "是否在养老机构设立老年病区", "Runs a geriatric ward inside an elderly-care home",
              "bool", aliases=("在养老机构设立老年病区", "养老机构内老年病区", "是否在养老机构设老年病区")),
        # Added for xianning-2024 and wenshan-2024.
        Field("home_visit_service", "是否提供上门医疗服务", "Provides home-visit medical care", "bool",
              aliases=("上门医疗服务", "是否开展上门医疗卫生服务", "是否提供上门服务", "上门服务")),
        Field("home_visit_insured", "上门服务是否投保责任险、医疗意外险、人身意外险",
              "Home-visit service insured (liability, medical-accident, personal-accident)", "bool",
              aliases=("上门服务是否投保", "是否投保责任险、医疗意外险、人身意外险", "是否投保责任险", "上门服务投保情况")),
        Field("attached_nursing_home", "是否附设老年护理院", "Runs an attached geriatric nursing home", "bool",
              aliases=("附设老年护理院", "是否依托医院附设老年护理院", "附设护理院")),
        Field("family_bed_service", "是否开展家庭病床服务", "Provides home hospital beds (家庭病床)", "bool",
              aliases=("家庭病床服务", "开展家庭病床服务", "是否开设家庭病床", "家庭病床")),
        Field("elderly_support_institution", "是否确定为养老服务支持机构",
              "Designated to support elderly-care services", "bool",
              aliases=("养老服务支持机构", "是否养老服务支持机构")),
        Field("tcm_prevention_dept", "是否设置治未病科", "Preventive-medicine (治未病) department", "bool",
              aliases=("治未病科", "是否设立治未病科")),
        # Added for xianning-2024 (为养老机构开通预约就诊绿色通道) and chongqing-2024 (安宁疗护病区或床位).
        Field("home_green_channel", "是否为养老机构开通预约就诊绿色通道",
              "Appointment green channel opened for elderly-care institutions", "bool",
              aliases=("为养老机构开通预约就诊绿色通道", "养老机构预约就诊绿色通道", "是否为养老机构开通绿色通道",
                       "为养老机构开通绿色通道",
                       # tongren-2024: 为入住养老机构老年人开通医疗救治绿色通道.
                       "是否为入住养老机构老年人开通医疗救治绿色通道", "为入住养老机构老年人开通医疗救治绿色通道")),
        Field("hospice_beds", "安宁疗护床位数", "Hospice beds", "int", "张",
              aliases=("安宁疗护床位", "安宁疗护床位数量", "设置安宁疗护床位数")),
        # Added for xinjiang-2017 (试点地区 hospitals, 老年病区) and yuyao-2020 (康复护理床位).
        Field("geriatric_ward", "是否开设老年病区", "Geriatric ward", "bool",
              aliases=("老年病区", "是否设立老年病区", "是否设置老年病区")),
        Field("pilot_area", "是否位于医养结合试点地区", "In an integrated-care pilot area", "bool",
              aliases=("是否试点地区", "医养结合试点地区", "是否属医养结合试点地区", "是否医养结合试点地区")),
        Field("rehab_nursing_beds", "康复护理床位数", "Rehabilitation and nursing beds", "int", "张",
              aliases=("康复护理床位", "养老护理床位数", "医疗养老床位数", "以康复护理为主的住院床位数")),
        # Added for mingshui-2024 (家庭出诊、家庭护理、家庭病床) and tongren-2024 (为老服务志愿者队伍).
        Field("home_nursing", "是否提供家庭护理", "Provides home nursing", "bool",
              aliases=("家庭护理", "是否开展家庭护理", "上门护理", "是否提供上门护理")),
        Field("volunteer_team", "是否组建为老服务志愿者队伍", "Has a volunteer team serving older people", "bool",
              aliases=("为老服务志愿者队伍", "是否有为老服务志愿者队伍", "为老服务志愿者队伍组建情况")),
        # Added for yiwu-2023 (上门服务配置工作记录仪、定位追踪和一键报警等装置) and mangshi-2017
        # (以社区卫生服务中心为居家养老医养结合试点; 卫生院与市人民医院签订长期合作协议).
        Field("home_visit_devices", "上门服务是否配置工作记录仪、定位追踪、一键报警等装置",
              "Home-visit staff equipped with a work recorder, location tracking and a panic button", "bool",
              aliases=("上门服务安全装置", "是否配置工作记录仪、定位追踪和一键报警等装置", "是否配置工作记录仪、定位追踪、一键报警装置",
                       "上门服务是否配置安全装置", "工作记录仪、定位追踪、一键报警装置")),
        Field("integration_pilot", "是否医养结合试点机构", "Integrated-care pilot institution", "bool",
              aliases=("医养结合试点机构", "是否医养结合试点", "医养结合试点", "是否为医养结合试点机构")),
        Field("signed_referral_agreement", "是否与上级医院签订长期合作（双向转诊）协议",
              "Signed a long-term cooperation (two-way referral) agreement with a higher-level hospital", "bool",
              aliases=("与上级医院签订长期合作协议", "是否与上级医院签订合作协议", "是否签订双向转诊协议", "双向转诊协议",
                       "与上级医院签订双向转诊协议", "是否与上级医疗机构签订长期合作协议")),
        # Added for national-reference (elderly-friendly medical institutions ≥85%, as reported).
        Field("elderly_friendly", "是否老年友善医疗机构", "Elderly-friendly medical institution", "bool",
              aliases=("老年友善医疗机构", "是否为老年友善医疗机构", "老年友善医疗机构创建情况")),
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
        # Added for xianning-2024 (per 1000 older people).
        Field("elder_social_workers", "为老服务社会工作者人数", "Social workers serving older people", "int", "人",
              aliases=("为老服务社工人数", "老年社会工作者人数", "为老服务社会工作者人数（含购买服务）")),
        # Added for xinjiang-2017 (one row per 地州市) and yuyao-2020 (one row per 乡镇街道).
        Field("pilot_counties", "医养结合试点县（市、区）数", "Counties running an integrated-care pilot", "int", "个",
              aliases=("医养结合试点县（市）数", "试点县（市、区）数", "试点县（市）数", "开展医养结合试点的县（市）数")),
        Field("ltc_insurance_pilot", "是否开展长期护理保险制度试点", "Runs a long-term-care insurance pilot", "bool",
              aliases=("长期护理保险制度试点", "是否开展长期护理保险试点", "长期护理保险试点")),
        Field("pop_80_registered", "户籍80周岁以上老年人口", "Registered population aged 80+", "int", "人",
              aliases=("80周岁以上户籍老年人口", "户籍80岁及以上人口", "80周岁以上老年人口", "80周岁以上高龄老年人口")),
        Field("insured_80", "80周岁以上老年人参保人数", "Aged 80+ insured", "int", "人",
              aliases=("80周岁以上参保人数", "高龄老年人参保人数", "80岁以上参保人数")),
        Field("basic_home_care_eligible", "符合条件的居家养老基本服务对象数", "Older people eligible for free basic home care",
              "int", "人", aliases=("居家养老基本服务对象数", "应享受居家养老基本服务人数", "符合条件的老年人数")),
        Field("basic_home_care_served", "享受居家养老基本服务人数", "Older people receiving free basic home care", "int",
              "人", aliases=("已享受居家养老基本服务人数", "居家养老基本服务享受人数", "实际享受居家养老基本服务人数")),
        Field("barrier_free_homes", "老年人家庭无障碍设施改造户数", "Older people's homes given barrier-free adaptations",
              "int", "户", aliases=("无障碍设施改造户数", "老年人家庭无障碍改造户数", "家庭无障碍设施改造户数")),
        # Added for mingshui-2024 (全县60岁以上老年人健康档案、每年至少一次健康体检; 计生特扶对象签约).
        Field("pop_60", "60岁及以上常住人口", "Resident population aged 60+", "int", "人",
              aliases=("60岁以上常住人口", "60岁及以上老年人口", "60岁以上老年人口", "60岁及以上常住老年人口")),
        Field("health_record_60", "60岁及以上建立健康档案人数", "Aged 60+ with a health record", "int", "人",
              aliases=("60岁以上建立健康档案人数", "60岁及以上老年人建档人数", "60岁以上老年人健康档案建档人数")),
        Field("health_exam_60", "60岁及以上年内接受健康体检人数", "Aged 60+ given a health check this year", "int", "人",
              aliases=("60岁以上年内健康体检人数", "60岁及以上健康体检人数", "60岁以上健康体检人数", "老年人健康体检人数")),
        Field("pop_tefu", "计生特扶对象人数", "Family-planning special-assistance recipients (计生特扶对象)", "int", "人",
              aliases=("计划生育特别扶助对象人数", "特扶对象人数", "计生特扶人数")),
        Field("fd_signed_tefu", "计生特扶对象家庭医生签约人数", "Special-assistance recipients signed with a family doctor",
              "int", "人", aliases=("特扶对象家庭医生签约人数", "特扶对象签约人数", "计划生育特别扶助对象家庭医生签约人数")),
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

# Added for wenshan-2024: community facilities are a different table from residential homes.
COMMUNITY = _entity(
    "community_care_centres", "社区养老服务设施", "Community care facilities",
    ["社区养老服务设施", "居家养老服务中心", "日间照料中心", "社区养老服务中心", "居家社区养老服务设施",
     "community_care_centres", "community_centres"],
    [
        Field("name", "设施名称", "Name", "text", aliases=_NAME.aliases + ("机构名称", "站点名称", "中心名称")),
        _COUNTY, _TOWN,
        Field("facility_type", "设施类型", "Facility type", "category", aliases=("类型", "设施类别", "服务设施类型"),
              values=("日间照料中心", "居家养老服务中心", "居家养老服务站", "区域性居家养老服务中心", "农村幸福院",
                      "街道养老服务中心", "老年护理照料中心"),
              synonyms={"社区日间照料中心": "日间照料中心", "老年人日间照料中心": "日间照料中心",
                        "社区老年人日间照料中心": "日间照料中心",
                        # yuyao-2020 writes the same facilities several ways.
                        "区域性居家养老照料中心": "区域性居家养老服务中心",
                        "区域性居家养老服务照料中心": "区域性居家养老服务中心",
                        "乡镇（街道）区域性居家养老服务中心": "区域性居家养老服务中心",
                        "乡镇老年护理照料中心": "老年护理照料中心", "护理照料中心": "老年护理照料中心",
                        "居家养老服务照料中心": "居家养老服务中心", "居家养老照料中心": "居家养老服务中心",
                        "居家养老服务照料站": "居家养老服务站",
                        # tongren-2024 writes 农村互助幸福院.
                        "农村互助幸福院": "农村幸福院", "互助幸福院": "农村幸福院"}),
        Field("nursing_station", "是否设立护理站", "Has a nursing station", "bool",
              aliases=("护理站", "是否设置护理站", "设立护理站")),
        # Added for yuyao-2020: 村（社区）stations, grades, operation and services.
        Field("village", "所在村（社区）", "Village or community", "category",
              aliases=("村（社区）", "所属村（社区）", "村社区", "所在村社区", "所在村")),
        Field("community_kind", "村（社区）类别", "Urban community or village", "category",
              aliases=("城乡类别", "社区类别", "城镇社区或农村"), values=("城镇社区", "农村"),
              synonyms={"城镇": "城镇社区", "城市社区": "城镇社区", "社区": "城镇社区", "村": "农村", "行政村": "农村",
                        "农村社区": "农村"}),
        Field("star_rating", "等级评定", "Grade (A, AA, AAA)", "category",
              aliases=("评定等级", "等级", "星级", "等级评定结果"), values=("A", "AA", "AAA", "未评级"),
              synonyms={"A级": "A", "AA级": "AA", "AAA级": "AAA", "1A": "A", "2A": "AA", "3A": "AAA",
                        "一A": "A", "二A": "AA", "三A": "AAA", "Ａ": "A", "ＡＡ": "AA", "ＡＡＡ": "AAA",
                        "Ａ级": "A", "ＡＡ级": "AA", "ＡＡＡ级": "AAA", "未评定": "未评级", "未定级": "未评级"}),
        Field("demonstration", "是否示范性居家养老服务中心", "Demonstration centre", "bool",
              aliases=("示范性居家养老服务中心", "是否示范性", "是否为示范性居家养老服务中心")),
        Field("socially_operated", "是否社会化运营", "Run by a social operator", "bool",
              aliases=("社会化运营", "是否实行社会化运营", "是否实现社会化运营")),
        Field("medical_knowledge_carer", "是否配备具备医学基础知识的养老护理员",
              "Has care workers with basic medical knowledge", "bool",
              aliases=("配备具备医学基础知识的养老护理员", "是否配备具有医学基础知识的养老护理员")),
        Field("meal_service", "是否提供助餐配送餐服务", "Provides meals or meal delivery", "bool",
              aliases=("助餐配送餐服务", "是否提供助餐服务", "老年助餐服务", "是否开展助餐配送餐服务")),
        Field("education_venue", "是否设立老年教学场所", "Has a teaching venue for older people", "bool",
              aliases=("老年教学场所", "是否设老年教学场所")),
        Field("fitness_equipment", "是否配备体育健身设备", "Has fitness equipment", "bool",
              aliases=("体育健身设备", "是否配备健身设备", "健身设备")),
        Field("university_teaching_point", "是否设老年大学教育点", "Hosts a teaching point of the elders' university",
              "bool", aliases=("老年大学教育点", "是否设立老年大学教育点", "是否设余姚市老年大学教育点")),
        Field("home_care_staff", "居家养老服务人员数", "Home-care service staff", "int", "人",
              aliases=("居家养老服务人员", "服务人员数")),
        Field("home_care_staff_trained", "岗前培训人数", "Home-care staff trained before starting work", "int", "人",
              aliases=("居家养老服务人员岗前培训人数", "已岗前培训人数", "上岗培训人数")),
        # Added for shanghai (社区托养机构签约) and chongqing-2024 (社区医养结合型机构).
        Field("signed_community_health_centre", "是否与社区卫生服务中心签约",
              "Signed with a community health service centre", "bool",
              aliases=("与社区卫生服务中心签约", "是否签约社区卫生服务中心", "社区卫生服务中心签约")),
        Field("integrated_care", "是否医养结合机构", "Integrated medical and elderly-care facility (两证齐全)",
              "bool", aliases=("医养结合机构", "是否为医养结合机构", "是否医养结合型机构", "医养结合型")),
        # Added for xinjiang-2017 (基层医疗机构在老年日间照料中心…设置服务站点或签约服务).
        Field("primary_care_link", "是否有基层医疗机构设置服务站点或签约服务",
              "A primary-care institution runs a service point here or serves it under a signed agreement", "bool",
              aliases=("基层医疗机构设置服务站点或签约服务", "是否有基层医疗机构服务站点或签约服务",
                       "基层医疗机构服务站点或签约服务", "是否有基层医疗机构设置服务站点或签约")),
    ],
    group_fields=("town", "county"),
)

# fmt: on

ENTITIES: dict[str, Entity] = {e.id: e for e in (ELDERLY, MEDICAL, AREAS, FINANCE, COMMUNITY)}
