"""The message catalogue: every user-facing sentence, in Chinese and English.

Code refers to messages by key; `t(key, lang, **args)` renders one. Keep keys grouped by the
module that raises them.
"""

from __future__ import annotations

import re

MESSAGES: dict[str, tuple[str, str]] = {
    # status words
    "status.met": ("达标", "met"),
    "status.not_met": ("未达标", "not met"),
    "status.not_due": ("未到期", "not due"),
    "status.no_data": ("无数据", "no data"),
    "status.not_applicable": ("不适用", "not applicable"),
    "severity.mandatory": ("约束性", "binding"),
    "severity.advisory": ("倡导性", "advisory"),
    "scope.region": ("全域", "region"),
    "scope.institution": ("机构", "institution"),
    "scope.area": ("地区", "area"),
    # report words
    "report.title": ("医养结合规划达标检查报告", "Integrated-care plan compliance report"),
    "report.plan": ("规划", "Plan"),
    "report.doc_no": ("文号", "Document"),
    "report.as_of": ("评估日期", "As of"),
    "report.inputs": ("输入文件", "Inputs"),
    "report.summary": ("汇总", "Summary"),
    "report.indicator": ("指标", "Indicator"),
    "report.severity": ("性质", "Severity"),
    "report.target": ("目标", "Target"),
    "report.actual": ("实际", "Actual"),
    "report.status": ("状态", "Status"),
    "report.gap": ("差距", "Gap"),
    "report.deadline": ("期限", "Deadline"),
    "report.no_deadline": ("无期限", "none"),
    "report.next_stage": ("下一阶段", "Next stage"),
    "report.failing": ("未达标单位", "Failing units"),
    "report.more": ("……另有 {n} 个", "… and {n} more"),
    "report.groups": ("分地区", "By area"),
    "report.data_issues": ("数据问题", "Data issues"),
    "report.no_issues": ("未发现数据问题。", "No data issues found."),
    "report.quote": ("原文", "Plan text"),
    "report.reading": ("解读", "Reading"),
    "report.reason": ("说明", "Note"),
    "report.unknown": ("{n} 个单位数据缺失", "{n} units lack data"),
    "report.verdict_pass": ("结论：所有已到期的约束性指标均达标。", "Verdict: every binding target that is due is met."),
    "report.verdict_fail": ("结论：{n} 项已到期的约束性指标未达标或缺少数据。",
                            "Verdict: {n} binding targets that are due are not met or lack data."),
    "report.rows_read": ("{sheet}：{entity}，表头在第 {header} 行，读取 {rows} 行，跳过 {skipped} 行",
                         "{sheet}: {entity}, header on row {header}, {rows} rows read, {skipped} skipped"),
    "report.location": ("位置", "Location"),
    "report.origin": ("继承自 {plan}；改写：{changed}", "inherited from {plan}; overridden: {changed}"),
    "report.progress": ("进度：已达目标的 {share}%，距期限还有 {days} 天", "progress: {share}% of the target, {days} days to the deadline"),
    "report.message": ("说明", "Message"),
    "report.count": ("数量", "Count"),
    # failing details and reasons
    "detail.unknown": ("数据缺失，无法判断", "data missing, cannot decide"),
    "detail.group_count": ("{n} 个（至少需要 {min} 个）", "{n} (at least {min} needed)"),
    "detail.ratio": ("{n}/{d}", "{n}/{d}"),
    "detail.criteria": ("未满足：{missed}；缺数据：{unknown}", "misses: {missed_en}; unknown: {unknown_en}"),
    "reason.missing_fields": ("缺少所需字段：{fields!fields}。表中未识别的列：{seen}（可用 --mapping 指定表头）",
                              "required fields are missing: {fields!fields_en}. Unrecognised columns: {seen} "
                              "(map headers with --mapping)"),
    "reason.unknown_units": ("{n} 个单位数据缺失，结果取决于缺失值，无法判定",
                             "{n} units lack data and the result depends on them"),
    "reason.empty_scope": ("没有符合范围的单位", "no unit is in scope"),
    # data issues found while reading
    "issue.hidden_sheet": ("工作表“{sheet}”是隐藏的，仍已读取", "sheet '{sheet}' is hidden; it was read"),
    "issue.bad_sheet": ("工作表“{sheet}”无法读取：{reason}", "sheet '{sheet}' cannot be read: {reason}"),
    "issue.no_header": ("工作表“{sheet}”被识别为{entity}，但找不到表头行",
                        "sheet '{sheet}' looks like {entity} but no header row was found"),
    "issue.sheet_unrecognised": ("工作表“{sheet}”的表头与任何已知表都不匹配，已忽略",
                                 "sheet '{sheet}' matches no known table and was ignored"),
    "issue.duplicate_column": ("列“{header}”与前面的列重复对应字段 {field}，已忽略",
                               "column '{header}' maps to field {field} again and was ignored"),
    "issue.bad_value": ("“{field}”的值“{raw}”无法识别（应为{type!type}），按缺失处理",
                        "value '{raw}' of '{field}' cannot be read as {type!type_en}; treated as missing"),
    "issue.truncated": ("“{field}”另有 {n} 个无法识别的值未列出", "{n} more unreadable values of '{field}' not listed"),
    "issue.unknown_header": ("列“{header}”未识别，是否为“{label}”（{field}）？可用 --mapping 指定",
                             "column '{header}' not recognised; did you mean '{label_en}' ({field})? Use --mapping"),
    "issue.no_rows": ("{entity}表没有数据行", "the {entity} table has no data rows"),
    "issue.year_selected": ("{entity}表含多个年度（{years}），使用 {year} 年的数据",
                            "the {entity} table has several years ({years}); using {year}"),
    "issue.no_year_before_as_of": ("{entity}表只有 {years} 年的数据，晚于评估年度 {as_of}，不能用来评估，按无数据处理",
                                   "the {entity} table only has {years}, after the as-of year {as_of}; "
                                   "treated as no data"),
    "issue.relation": ("{unit}：{left}（{lv}）大于{right}（{rv}），不合理", "{unit}: {left} ({lv}) exceeds {right} ({rv})"),
    "issue.negative": ("{unit}：{field}为负数（{value}）", "{unit}: {field} is negative ({value})"),
    "issue.duplicate_unit": ("{unit} 在同一地区重复出现（首次出现在 {first}），会被重复计算",
                             "{unit} appears twice in the same area (first at {first}) and would be counted twice"),
    "issue.check_truncated": ("检查 {code} 另有 {n} 条未列出", "{n} more findings of {code} not listed"),
    "issue.total_mismatch": ("合计行的“{field}”为 {total}，明细行之和为 {sum}，二者不符",
                             "the total row gives {total} for '{field}' but the rows add up to {sum}"),
    "issue.formula_error": ("“{field}”的单元格是公式错误“{raw}”，按缺失处理",
                            "'{field}' holds the formula error '{raw}'; treated as missing"),
    # input errors
    "input.not_found": ("文件不存在", "file not found"),
    "input.is_dir": ("这是一个目录，不是文件", "this is a folder, not a file"),
    "input.unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "input.unknown_format": ("不支持的文件类型“{suffix}”（支持 .xlsx .xlsm .xls .ods .csv .tsv）",
                             "unsupported file type '{suffix}' (use .xlsx .xlsm .xls .ods .csv .tsv)"),
    "input.empty": ("文件是空的", "the file is empty"),
    "input.password": ("工作簿有密码保护，请去掉密码后再检查", "the workbook is password-protected; remove the password"),
    "input.bad_workbook": ("不是有效的电子表格，或文件已损坏：{reason}", "not a valid spreadsheet, or damaged: {reason}"),
    "input.html_no_table": ("这是一个网页文件（HTML），其中没有表格", "this is a web page (HTML) with no table in it"),
    "input.zip_bomb": ("文件解压后达 {size} MB，超过上限 {limit} MB，拒绝读取（可能是压缩炸弹）",
                       "the file would inflate to {size} MB, over the {limit} MB limit; refused (a zip bomb?)"),
    "input.binary": ("这不是文本表格（CSV），像是二进制文件", "this is not a text (CSV) table; it looks binary"),
    "input.encoding": ("无法识别文件编码（已尝试 UTF-8 与 GB18030）", "unknown text encoding (tried UTF-8 and GB18030)"),
    "input.bad_csv": ("CSV 格式错误：{reason}", "malformed CSV: {reason}"),
    "input.no_tables": ("在 {files} 中没有找到可识别的表。已知的表：{known}。可用 --mapping 指定表头对应关系",
                        "no recognisable table in {files}. Known tables: {known}. Use --mapping to map headers"),
    # plan and rule files
    "plan.unknown": ("未知的规划“{plan}”。可用：{known}", "unknown plan '{plan}'. Available: {known}"),
    "plan.no_file": ("规则文件不存在：{path}", "rule file not found: {path}"),
    "rule.unreadable": ("无法读取规则文件：{reason}", "cannot read the rule file: {reason}"),
    "rule.too_big": ("规则文件过大（{size} 字节，上限 {limit}）", "rule file too large ({size} bytes, limit {limit})"),
    "rule.not_utf8": ("规则文件必须是 UTF-8 编码", "rule files must be UTF-8"),
    "rule.yaml_syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "rule.empty": ("规则文件是空的", "the rule file is empty"),
    "rule.alias": ("规则文件中不允许使用 YAML 锚点或别名（& * <<）", "YAML anchors and aliases (& * <<) are not allowed"),
    "rule.bad_key": ("键必须是简单文本", "keys must be plain text"),
    "rule.duplicate_key": ("键“{key}”重复", "duplicate key '{key}'"),
    "rule.yaml_tag": ("不允许的 YAML 标签 {tag}（规则文件只能包含数据）", "YAML tag {tag} is not allowed (rule files hold data only)"),
    "rule.not_mapping": ("规则文件顶层必须是键值映射", "the top level of a rule file must be a mapping"),
    "rule.unknown_key": ("未知的键“{key}”{suggestion!hint}", "unknown key '{key}'{suggestion!hint_en}"),
    "rule.missing_key": ("缺少必填项“{key}”", "required key '{key}' is missing"),
    "rule.bad_choice": ("“{key}”的值 {got} 不合法，应为 {expected}", "'{key}' cannot be {got}; expected {expected}"),
    "rule.bad_date": ("“{key}”不是有效日期：{got}（格式 YYYY-MM-DD）", "'{key}' is not a valid date: {got} (use YYYY-MM-DD)"),
    "rule.invalid": ("“{key}”无效：{problem}", "'{key}' is invalid: {problem}"),
    "rule.unknown_entity": ("未知的数据表“{entity}”。可用：{known}", "unknown table '{entity}'. Known: {known}"),
    "rule.unknown_field": ("{entity} 表没有字段“{name}”", "table {entity} has no field '{name}'"),
    "rule.duplicate_id": ("指标 id“{id}”重复", "duplicate indicator id '{id}'"),
    "rule.unknown_indicator": ("没有 id 为“{id}”的指标", "no indicator has the id '{id}'"),
    "rule.extends_unknown": ("extends 指向的规划“{ref}”不存在。可用：{known}", "extends names an unknown plan '{ref}'. Known: {known}"),
    "rule.extends_cycle": ("extends 形成循环（{ref}）", "extends goes round in a circle ({ref})"),
    "rule.extends_deep": ("extends 层级过多（上限 {limit}）", "extends is nested too deeply (limit {limit})"),
    "rule.unit_mismatch": ("{kind} 类指标的目标单位应为 {unit}，而不是 {got}", "a {kind} target must use unit {unit}, not {got}"),
    "rule.stage_order": ("分阶段目标必须各有期限并按时间先后排列", "staged targets need distinct deadlines in order"),
    "rule.ratio_range": ("比例目标 {value} 应在 0 到 1 之间（55% 写作 0.55 或 \"55%\"；可超过 1 的量请用 unit: amount）",
                         "ratio target {value} must be between 0 and 1 (write 55% as 0.55 or \"55%\"; "
                         "use unit: amount for a quantity that can exceed 1)"),
    "mapping.not_mapping": ("映射文件格式错误：需要键值映射", "mapping file: expected a mapping"),
    "mapping.unknown_key": ("映射文件中未知的键“{key}”（只能是 columns 或 sheets）",
                            "unknown key '{key}' in the mapping file (use columns or sheets)"),
    "mapping.unknown_field": ("表头“{header}”映射到未知字段“{field}”（见 yiyang fields）",
                              "header '{header}' maps to unknown field '{field}' (see yiyang fields)"),
    "mapping.unknown_entity": ("未知的表“{entity}”。可用：{known}", "unknown table '{entity}'. Known: {known}"),
    # expressions
    "expr.too_long": ("表达式过长（上限 {limit} 个字符）", "expression too long (limit {limit} characters)"),
    "expr.bad_char": ("表达式中不允许的字符“{char}”", "character '{char}' is not allowed in an expression"),
    "expr.underscore": ("名称“{name}”不允许以下划线开头", "names may not start with an underscore: '{name}'"),
    "expr.expected": ("此处应为“{expected}”，实际为“{got}”", "expected '{expected}' here, found '{got}'"),
    "expr.unexpected": ("表达式中出现意外的“{token}”", "unexpected '{token}' in the expression"),
    "expr.incomplete": ("表达式不完整", "the expression is incomplete"),
    "expr.empty": ("表达式为空", "the expression is empty"),
    "expr.too_deep": ("表达式嵌套过深（上限 {limit} 层）", "expression nested too deeply (limit {limit})"),
    "expr.unknown_function": ("不允许调用“{name}”；可用的函数：{allowed}",
                              "calling '{name}' is not allowed; functions: {allowed}"),
    "expr.list_outside_in": ("列表只能用在 in 之后", "a list may only follow 'in'"),
    "expr.list_literal": ("列表中只能是数字或文字，不能是“{token}”", "lists hold numbers or text only, not '{token}'"),
    "expr.list_too_long": ("列表过长（上限 {limit} 项）", "list too long (limit {limit} items)"),
    "expr.unknown_field": ("{entity} 表没有字段“{name}”{suggestion!hint}（表达式：{text}）",
                           "table {entity} has no field '{name}'{suggestion!hint_en} (expression: {text})"),
    "expr.type": ("“{op}”需要{want!type}，这里是{got!type}", "'{op}' needs {want!type_en}, got {got!type_en}"),
    "expr.arity": ("函数 {name} 需要 {n} 个参数", "function {name} takes {n} arguments"),
    "expr.function_arg": ("函数 {name} 的参数必须是字段名", "the argument of {name} must be a field id"),
    "expr.result_type": ("此处需要{want!type}表达式，这里是{got!type}（表达式：{text}）",
                         "a {want!type_en} expression is needed here, got {got!type_en} (expression: {text})"),
    # CLI
    "rules.test_pass": ("✓ {plan} · {test}", "✓ {plan} · {test}"),
    "rules.test_fail": ("✗ {plan} · {test}", "✗ {plan} · {test}"),
    "rules.test_mismatch": ("  {indicator}：期望 {key} = {want}，实际为 {got}", "  {indicator}: expected {key} = {want}, got {got}"),
    "rules.test_summary": ("{passed} 个通过，{failed} 个失败", "{passed} passed, {failed} failed"),
    "rules.no_tests": ("{path}：没有规则测试（tests:）", "{path}: no rule tests (tests:)"),
    "rules.clean": ("{path}：通过（{n} 项指标，{c} 项非数据承诺）", "{path}: OK ({n} indicators, {c} commitments)"),
    "cli.bad_date": ("日期“{value}”格式错误，应为 YYYY-MM-DD", "bad date '{value}'; use YYYY-MM-DD"),
    "cli.bad_output": ("无法根据扩展名确定输出格式：{path}（支持 .md .html .json .xml）",
                       "cannot tell the output format from {path} (use .md, .html, .json or .xml)"),
    "cli.bad_format": ("未知的格式“{value}”，可用：{known}", "unknown format '{value}'; use one of {known}"),
    "cli.write_failed": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "cli.written": ("已写入 {path}", "wrote {path}"),
    "cli.same_as_input": ("输出文件不能覆盖输入文件：{path}", "an output may not overwrite an input: {path}"),
    "cli.error": ("错误", "error"),
    "cli.internal": ("内部错误：{reason}。请将此信息报告给开发者。", "internal error: {reason}. Please report it."),
}

_TYPES = {"bool": ("是/否", "yes/no"), "number": ("数值", "a number"), "text": ("文字", "text"),
          "date": ("日期", "a date")}
_FIELD_TYPES = {"int": ("整数", "a whole number"), "ratio": ("比例或百分数", "a ratio or percentage"),
                "level": ("医院等级", "a hospital grade"), "year": ("年份", "a year"),
                "category": ("文字", "text")}


def _field_label(ref: str, english: bool) -> str:
    """`elderly_institutions.beds` -> `养老机构·床位数（beds）`."""
    from .fields import ENTITIES

    entity_id, _, field_id = ref.partition(".")
    entity = ENTITIES.get(entity_id)
    if entity is None:
        return ref
    field = entity.fields.get(field_id)
    if english:
        return f"{entity.en}: {field.en} ({field_id})" if field else f"the {entity.en} table"
    return f"{entity.zh}·{field.zh}（{field_id}）" if field else f"{entity.zh}表"


def _convert(value, how: str) -> str:
    if how == "hint":
        return f"，是否想写“{value}”？" if value else ""
    if how == "hint_en":
        return f"; did you mean '{value}'?" if value else ""
    if how in ("fields", "fields_en"):
        return "、".join(_field_label(item, how == "fields_en") for item in str(value).split(", ") if item)
    if how in ("type", "type_en"):
        i = 0 if how == "type" else 1
        return (_TYPES.get(value) or _FIELD_TYPES.get(value) or (str(value), str(value)))[i]
    return str(value)


_PLACEHOLDER = re.compile(r"\{(\w+)(?:!(\w+))?\}")


def t(msg_key: str, lang: str = "zh", /, **args) -> str:
    """Render a message; unknown keys render as the key so nothing is ever lost."""
    pair = MESSAGES.get(msg_key)
    if pair is None:
        return msg_key + (f" {args}" if args else "")
    template = pair[1] if lang == "en" else pair[0]

    def fill(m: re.Match) -> str:
        value = args.get(m.group(1), "")
        return _convert(value, m.group(2)) if m.group(2) else str(value)

    return _PLACEHOLDER.sub(fill, template)
