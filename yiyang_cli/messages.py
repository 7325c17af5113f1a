"""The message catalogue: every user-facing sentence, in Chinese and English.

Code refers to messages by key; `t(key, lang, **args)` renders one. Keep keys grouped by the
module that raises them.
"""

from __future__ import annotations

import re

# The catalogue is laid out as a table, one message per entry: the formatter leaves it so.
# fmt: off
MESSAGES: dict[str, tuple[str, str]] = {
    # status words
    "status.met": ("达标", "met"),
    "status.not_met": ("未达标", "not met"),
    "status.not_due": ("未到期", "not due"),
    "status.no_data": ("无数据", "no data"),
    "status.not_applicable": ("不适用", "not applicable"),
    "severity.mandatory": ("约束性", "binding"),
    "severity.advisory": ("倡导性", "advisory"),
    # language-dependent forms that are not sentences
    "html.lang": ("zh-CN", "en"),
    "punct.list_sep": ("、", "; "),
    "punct.item_sep": ("；", "; "),
    "punct.clause_sep": ("，", "; "),
    "punct.aside": ("（{text}）", " ({text})"),
    "punct.label_unit": ("{label}（{unit}）", "{label} ({unit})"),
    "punct.key_value": ("{key}：{value}", "{key}: {value}"),
    "template.key_width": ("16", "20"),
    # report words
    "report.title": ("医养结合规划达标检查报告", "Integrated-care plan compliance report"),
    "report.plan": ("规划", "Plan"),
    "report.doc_no": ("文号", "Document"),
    "report.as_of": ("评估日期", "As of"),
    "report.inputs": ("输入文件", "Inputs"),
    "report.summary": ("汇总", "Summary"),
    "report.indicator": ("指标", "Indicator"),
    "plans.column_indicators": ("指标数", "Indicators"),
    "plans.column_region": ("地区", "Region"),
    "plans.column_year": ("年份", "Year"),
    "plans.column_source": ("来源", "Source"),
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
    "reason.missing_not_needed": ("缺少字段：{fields!fields}；其余字段已足以判定，结果不受其影响",
                                  "missing fields: {fields!fields_en}; the other fields decide the result whatever "
                                  "they would say"),
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
    "rule.not_finite": ("数值 {text} 不是有限数（不允许 .nan、.inf 或超出范围的数）",
                        "{text} is not a finite number (.nan, .inf and numbers out of range are not allowed)"),
    "rule.too_deep": ("嵌套层级过深（上限 {limit} 层）", "nested too deeply (limit {limit} levels)"),
    "rule.not_scalar": ("“{key}”必须是单个值（文字、数字、是/否、日期或留空），不能是列表或映射",
                        "'{key}' must be one value (text, a number, yes/no, a date or blank), not a list or a mapping"),
    "rule.extends_bad_id": ("extends 的值“{ref}”既不是规划 id（小写字母、数字、-、_），也不是 .yaml/.yml 文件路径",
                            "extends '{ref}' is neither a plan id (lower-case letters, digits, - and _) "
                            "nor the path of a .yaml/.yml file"),
    "rule.extends_invalid": ("extends 指向的 {ref} 不是有效的规划（{n} 处问题；用 yiyang rules lint {path} 查看）",
                             "extends names {ref}, which is not a valid plan ({n} problems; "
                             "see yiyang rules lint {path})"),
    "mapping.not_mapping": ("映射文件格式错误：需要键值映射", "mapping file: expected a mapping"),
    "mapping.unknown_key": ("映射文件中未知的键“{key}”（只能是 columns 或 sheets）",
                            "unknown key '{key}' in the mapping file (use columns or sheets)"),
    "mapping.unknown_field": ("表头“{header}”映射到未知字段“{field}”（见 yiyang fields）",
                              "header '{header}' maps to unknown field '{field}' (see yiyang fields)"),
    "mapping.unknown_entity": ("未知的表“{entity}”。可用：{known}", "unknown table '{entity}'. Known: {known}"),
    "mapping.not_text": ("“{name}”的值必须是一个名称（文字），不能是列表或映射",
                         "the value of '{name}' must be one name (text), not a list or a mapping"),
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
    "cli.same_as_input": ("输出文件不能覆盖输入文件：{path} 就是输入文件 {input}",
                          "an output may not overwrite an input: {path} is the input {input}"),
    "cli.same_output": ("两个输出是同一个文件，后写的会覆盖先写的：{path} 与 {other}",
                        "two outputs are the same file, the second would overwrite the first: {path} and {other}"),
    # yiyang template: the blank data-collection workbook
    "template.bad_output": ("模板只能写成 .xlsx 文件：{path}", "the template can only be written as an .xlsx file: {path}"),
    "template.bad_lang": ("未知的语言“{lang}”（可用 zh、en）", "unknown language '{lang}' (use zh or en)"),
    "template.sheet_instructions": ("填表说明", "Instructions"),
    "template.title": ("数据采集表填表说明", "How to fill in this data-collection workbook"),
    "template.plan_title": ("规划名称", "Plan"),
    "template.doc_no": ("文号", "Document number"),
    "template.issuer": ("发文机关", "Issued by"),
    "template.region": ("适用地区", "Region"),
    "template.issued": ("印发日期", "Issued on"),
    "template.source": ("来源", "Source"),
    "template.plan_id": ("规划编号", "Plan id"),
    "template.plan_id_text": ("{plan}（填好后检查：yiyang check 本文件.xlsx --plan {plan}）",
                              "{plan} (check the filled workbook with: yiyang check FILE.xlsx --plan {plan})"),
    "template.rules": ("填表规则", "Filling rules"),
    "template.rule_rows": ("每个数据工作表一行填一个单位（机构、设施、地区或年度），从第 2 行开始填写；"
                           "不要修改第 1 行的表头和工作表名称，不要合并单元格。",
                           "On every data sheet, fill in one row per unit (institution, facility, area or year), "
                           "starting on row 2. Do not change the headers on row 1 or the sheet names, and do not "
                           "merge cells."),
    "template.rule_bool": ("“是/否”列填“是”或“否”，可从下拉列表选择。",
                           "Yes/no columns take Yes or No (是 or 否); pick one from the drop-down list."),
    "template.rule_blank": ("不清楚或未统计的单元格请留空。空白表示“不详”，检查时绝不会当作 0 或“否”；"
                            "因此实际为 0 时填 0，实际为“否”时填“否”，不要留空。",
                            "Leave a cell blank when the answer is unknown. A blank means unknown and is never "
                            "read as 0 or No, so write 0 or No when that is the answer; do not leave it blank."),
    "template.rule_numbers": ("数量只填数字，不带单位（单位已写在表头括号中）；比例填百分数，如 85%；"
                              "日期填 2024-06-30 这样的格式；年份填四位数字。",
                              "Write numbers without units (the unit is in the header's brackets), shares as "
                              "percentages such as 85%, dates as 2024-06-30 and years as four digits."),
    "template.rule_lists": ("类别列尽量从下拉列表中选择；列表没有列出的情况可以直接填写，保存时会提示但允许保留。"
                            "区县、乡镇（街道）等名称请在各表中写法一致，用于分地区统计。",
                            "In category columns, pick a value from the drop-down list where one fits; another "
                            "value can be typed in (Excel warns but keeps it). Spell county and town names the "
                            "same way on every sheet: they are used for per-area results."),
    "template.rule_total": ("可以在表末保留一行“合计”：检查时跳过该行，并与明细行之和核对；"
                            "但不要在明细中间插入小计行。",
                            "A 合计 (total) row at the end of a sheet is allowed: the check skips it and compares "
                            "it with the sum of the rows above. Do not insert subtotal rows between the data rows."),
    "template.rule_extra": ("可以在最左侧加“序号”列；增加其他列不影响检查，但检查时不会读取。",
                            "A 序号 (row number) column may be added on the left; other added columns are allowed "
                            "but are not read."),
    "template.rule_notes": ("把鼠标移到表头上可看到每列的说明（字段含义、类型、单位）。",
                            "Hover over a header to see what the column means (field, type, unit)."),
    "template.sheets": ("工作表", "Sheets"),
    "template.sheet_line": ("每行一个{unit}，共 {n} 列：{columns}", "One row per {unit}; {n} columns: {columns}"),
    "template.unit.elderly_institutions": ("养老机构", "elderly-care institution"),
    "template.unit.medical_institutions": ("医疗卫生机构", "medical institution"),
    "template.unit.areas": ("地区（每个年度一行）", "area and year"),
    "template.unit.finance": ("年度", "year"),
    "template.unit.community_care_centres": ("社区养老服务设施", "community facility"),
    "template.indicators": ("考核指标（共 {n} 项）", "Indicators ({n})"),
    "template.indicator_n": ("指标 {n}", "Indicator {n}"),
    "template.target": ("目标（期限）", "Target (deadline)"),
    "template.severity": ("指标性质", "Severity"),
    "template.needs": ("所需数据", "Data needed"),
    "template.quote": ("规划原文", "Plan text"),
    "template.rows_only": ("（按行数计算）", "(rows are counted)"),
    "template.no_deadline": ("无期限", "no deadline"),
    "template.type.text": ("文字", "text"),
    "template.type.category": ("类别（文字）", "category (text)"),
    "template.type.int": ("整数", "whole number"),
    "template.type.number": ("数值", "number"),
    "template.type.bool": ("是/否", "yes/no"),
    "template.type.ratio": ("比例（百分数）", "share (percentage)"),
    "template.type.date": ("日期", "date"),
    "template.type.level": ("医院等级", "hospital grade"),
    "template.type.year": ("年份", "year"),
    "template.note_field": ("字段 id：{field}", "Field id: {field}"),
    "template.note_type": ("类型：{type}", "Type: {type}"),
    "template.note_unit": ("单位：{unit}", "Unit: {unit}"),
    "template.note_values": ("常用值：{values}", "Usual values: {values}"),
    "template.note_used_by": ("用于指标：{names}", "Used by: {names}"),
    "template.note_label": ("每行一个单位，名称不要重复。", "One row per unit; do not repeat a name."),
    "template.hint.label": ("每行一个单位；填写全称，同一单位不要重复填写。",
                            "One row per unit; write the full name and do not list a unit twice."),
    "template.hint.place": ("填写名称；同一名称在各行、各表中写法保持一致（用于分组统计）。",
                            "Enter the name, spelt the same way on every row and sheet (results are grouped by it)."),
    "template.hint.bool": ("请选择“是”或“否”；不清楚的留空（空白不会被当作“否”）。",
                           "Choose Yes or No; leave blank if unknown (a blank is never read as No)."),
    "template.hint.category": ("可选：{values}。其他情况可直接填写。",
                               "Choose one of: {values}. Another value can be typed in."),
    "template.hint.int": ("填 0 或正整数{unit}，只填数字；不清楚的留空。",
                          "A whole number, 0 or more{unit}; digits only; blank if unknown."),
    "template.hint.number": ("填不小于 0 的数值{unit}，只填数字；不清楚的留空。",
                             "A number, 0 or more{unit}; digits only; blank if unknown."),
    "template.hint.ratio": ("填百分数，如 85%（或 0.85）；不清楚的留空。",
                            "A percentage such as 85% (or 0.85); blank if unknown."),
    "template.hint.date": ("填日期，如 2023-06-30。", "A date such as 2023-06-30."),
    "template.hint.year": ("填四位年份，如 2025。", "A four-digit year such as 2025."),
    "template.hint.level": ("选择三级、二级、一级或未定级；参照二级的按二级填写。",
                            "Choose 三级 (grade 3), 二级 (2), 一级 (1) or 未定级 (ungraded); 参照二级 counts as 二级."),
    "template.hint.unit": ("（单位：{unit}）", " (unit: {unit})"),
    "template.error_title": ("输入有误", "Invalid entry"),
    "template.warn_title": ("请确认", "Please check"),
    "template.error.bool": ("只能填“是”或“否”，不清楚的留空。", "Only Yes or No; leave blank if unknown."),
    "template.error.category": ("该值不在常用列表中。确认无误可选择“是”继续保留。",
                                "This value is not in the usual list. Choose Yes to keep it anyway."),
    "template.error.int": ("应为不小于 0 的整数，不带单位。", "Must be a whole number, 0 or more, without the unit."),
    "template.error.number": ("应为不小于 0 的数值，不带单位。", "Must be a number, 0 or more, without the unit."),
    "template.error.ratio": ("应为 0% 到 100% 之间的百分数。", "Must be a percentage between 0% and 100%."),
    "template.error.date": ("应为 1900-01-01 到 2100-12-31 之间的日期。", "Must be a date between 1900-01-01 and 2100-12-31."),
    "template.error.year": ("应为 1900 到 2100 之间的四位年份。", "Must be a year between 1900 and 2100."),
    "template.error.level": ("通常填三级、二级、一级或未定级。确认无误可选择“是”继续保留。",
                             "Usually 三级, 二级, 一级 or 未定级. Choose Yes to keep this value anyway."),
    "unit.张": ("张", "beds"),
    "unit.人": ("人", "persons"),
    "unit.个": ("个", "number"),
    "unit.次": ("次", "times"),
    "unit.户": ("户", "households"),
    "unit.万元": ("万元", "10,000 yuan"),
    "unit.%": ("%", "%"),
    "template.written": ("已写入数据采集模板 {path}", "wrote the data-collection template {path}"),
    "cli.error": ("错误", "error"),
    "cli.interrupted": ("已中断（Ctrl-C）", "interrupted (Ctrl-C)"),
    "cli.terminated": ("已终止（SIGTERM）", "terminated (SIGTERM)"),
    "cli.usage_error": ("{zh}（{en}）", "{en}"),
    "cli.usage_prefix": ("用法:", "Usage:"),
    "cli.try_help": ("运行 {command} --help 查看用法", "run '{command} --help' for help"),
    "cli.internal": ("内部错误（yiyang 的缺陷，不是数据的问题）：{reason}。请把这一行和所用命令报告给开发者；"
                     "设置 YIYANG_DEBUG=1 可看到详细回溯。",
                     "internal error (a bug in yiyang, not a problem with your data): {reason}. Please report this "
                     "line and the command you ran; set YIYANG_DEBUG=1 to see the traceback."),
    # batch: many submissions in one run
    "batch.not_found": ("文件或文件夹不存在", "no such file or folder"),
    "batch.no_match": ("没有与此模式匹配的文件或文件夹", "no file or folder matches this pattern"),
    "batch.none": ("在 {inputs} 中没有找到报送文件（支持 .xlsx .xlsm .xlsb .xls .ods .csv .tsv）",
                   "no submission found in {inputs} (looked for .xlsx .xlsm .xlsb .xls .ods .csv .tsv)"),
    "batch.bad_format": ("未知的报告格式“{value}”，可用：md、html、json、xml",
                         "unknown report format '{value}'; use md, html, json or xml"),
    "batch.bad_jobs": ("--jobs 必须是正整数，而不是 {value}", "--jobs must be a positive whole number, not {value}"),
    "batch.outdir_is_file": ("输出目录已是一个文件", "the output folder is an existing file"),
    "batch.outdir_in_input": ("输出目录不能是输入文件夹，也不能位于输入文件夹之内：{path} 在 {folder} 中",
                              "the output folder may not be an input folder or lie inside one: {path} is in {folder}"),
    "batch.crashed": ("检查此报送时工作进程意外退出（程序崩溃或内存不足）",
                      "the worker process stopped unexpectedly while checking this submission (a crash or out of memory)"),
    "batch.progress": ("检查报送", "checking"),
    "batch.progress_counts": ("未通过 {failed} · 无法读取 {errors}", "failed {failed} · unreadable {errors}"),
    "batch.skipped": ("已跳过 {n} 个不是电子表格的文件（如 {example}）",
                      "skipped {n} files that are not spreadsheets (e.g. {example})"),
    "batch.totals": ("共 {n} 份报送：{ok} 份通过，{failed} 份未通过，{errors} 份无法读取",
                     "{n} submissions: {ok} pass, {failed} fail, {errors} could not be read"),
    "batch.status.ok": ("通过", "pass"),
    "batch.status.failed": ("未通过", "fail"),
    "batch.status.error": ("无法读取", "unreadable"),
    "summary.title": ("医养结合规划批量检查汇总", "Integrated-care plan: batch summary"),
    "summary.submitter": ("报送单位", "Submitter"),
    "summary.files": ("文件", "Files"),
    "summary.submissions": ("各报送情况", "Submissions"),
    "summary.indicators": ("各指标达标情况", "Indicators"),
    "summary.ranking": ("排名与各指标数值", "League table and values side by side"),
    "summary.rank": ("名次", "Rank"),
    "summary.met": ("达标指标数", "Targets met"),
    "summary.failed": ("未达标或缺数据", "Not met or no data"),
    "summary.due": ("已到期", "Due"),
    "summary.share": ("达标率", "Share met"),
    "summary.failures": ("未达标的指标", "Targets not met"),
    "summary.error": ("错误信息", "Error"),
    "summary.report": ("报告", "Report"),
    "summary.issues": ("数据问题", "Data issues"),
    "summary.count": ("报送数", "Submissions"),
    "summary.verdict_pass": ("全部 {n} 份报送均通过。", "All {n} submissions pass."),
    "summary.verdict_fail": ("共 {n} 份报送：{failed} 份未通过，{errors} 份无法读取。",
                             "{n} submissions: {failed} fail, {errors} could not be read."),
    "summary.legend": ("颜色表示状态；未达标时颜色越深，离目标越远。",
                       "Colour shows the status; the darker a failed cell, the further it is from the target."),
    "summary.sheet_submissions": ("报送情况", "Submissions"),
    "summary.sheet_indicators": ("指标", "Indicators"),
    "summary.sheet_ranking": ("排名", "Ranking"),
    "summary.sep": ("、", "; "),
    "summary.no_ranking": ("没有可排名的报送。", "No submission could be ranked."),
    # history database
    "history.not_found": ("历史库不存在", "the history database does not exist"),
    "history.not_db": ("不是 SQLite 数据库文件", "not an SQLite database"),
    "history.foreign": ("这是一个 SQLite 数据库，但不是 yiyang 的历史库", "an SQLite database, but not a yiyang history"),
    "history.newer": ("历史库的版本为 {version}，本版本 yiyang 最高支持 {supported}，请升级 yiyang",
                      "the history is at version {version}; this yiyang supports up to {supported}: upgrade yiyang"),
    "history.cannot_open": ("无法打开历史库：{reason}", "cannot open the history: {reason}"),
    "history.corrupt": ("历史库已损坏（{reason}）；请从备份恢复，或换一个新文件",
                        "the history is damaged ({reason}); restore it from a backup or start a new file"),
    "history.cannot_write": ("无法写入历史库：{reason}；本批次未记入", "cannot write to the history: {reason}; this batch was not recorded"),
    "history.empty": ("历史库中还没有记录", "the history has no runs yet"),
    "history.recorded": ("已记入历史库 {path}（{n} 条）", "recorded {n} runs in {path}"),
    "history.recorded_at": ("记录时间", "Recorded"),
    "history.area": ("地区", "Area"),
    "history.hash": ("输入哈希", "Input hash"),
    "history.version": ("版本", "Version"),
    "history.runs": ("{n} 条记录", "{n} runs"),
    # compare two assessments
    "compare.bad_selector": ("“{value}”既不是年份（YYYY）也不是日期（YYYY-MM-DD）",
                             "'{value}' is neither a year (YYYY) nor a date (YYYY-MM-DD)"),
    "compare.no_runs": ("历史库中没有规划 {plan} 在 {selector} 的记录；已有的评估日期：{known}",
                        "the history has no run of {plan} for {selector}; recorded as-of dates: {known}"),
    "compare.need_plan": ("历史库中有多个规划，请用 --plan 指定：{known}",
                          "the history holds several plans; choose one with --plan: {known}"),
    "compare.need_range": ("请用 --from 与 --to 指定要比较的年份或日期；已有的评估日期：{known}",
                           "choose the years or dates to compare with --from and --to; recorded as-of dates: {known}"),
    "compare.bad_sources": ("compare 需要一个历史库（加 --plan、--from、--to），或两个结果/汇总 JSON 文件",
                            "compare takes one history database (with --plan, --from, --to) or two result/summary JSON files"),
    "compare.bad_json": ("不是 yiyang 的结果或汇总 JSON：{reason}", "not a yiyang result or summary JSON: {reason}"),
    "compare.plan_mismatch": ("两份结果属于不同的规划：{a} 与 {b}", "the two results are for different plans: {a} and {b}"),
    "compare.bad_output": ("无法根据扩展名确定输出格式：{path}（支持 .md .html .json）",
                           "cannot tell the output format from {path} (use .md, .html or .json)"),
    "compare.title": ("医养结合规划达标变化对比", "Integrated-care plan: change between two assessments"),
    "compare.from": ("基准", "From"),
    "compare.to": ("对比", "To"),
    "compare.change": ("变化", "Change"),
    "compare.delta": ("变化量", "Change in value"),
    "compare.nothing": ("两次评估之间没有变化。", "Nothing changed between the two assessments."),
    "compare.counts": ("变化统计", "Changes"),
    "compare.by_indicator": ("各指标的变化", "Change by indicator"),
    "compare.details": ("变化明细", "Changes in detail"),
    "compare.submissions": ("报送状态的变化", "Changes of submission status"),
    "compare.hidden": ("另有 {n} 项无变化或仅状态变化（如到期），未列出（加 --all 显示）",
                       "{n} entries unchanged or with only a change of status (such as falling due) not listed "
                       "(--all shows them)"),
    "change.improved": ("改善", "improved"),
    "change.regressed": ("退步", "regressed"),
    "change.newly_failed": ("新增未达标", "newly failed"),
    "change.resolved": ("已达标（原未达标）", "resolved"),
    "change.changed": ("状态变化", "status changed"),
    "change.unchanged": ("无变化", "unchanged"),
    "change.added": ("新出现", "new"),
    "change.removed": ("不再出现", "missing"),
}
# fmt: on

_TYPES = {
    "bool": ("是/否", "yes/no"),
    "number": ("数值", "a number"),
    "text": ("文字", "text"),
    "date": ("日期", "a date"),
}
_FIELD_TYPES = {
    "int": ("整数", "a whole number"),
    "ratio": ("比例或百分数", "a ratio or percentage"),
    "level": ("医院等级", "a hospital grade"),
    "year": ("年份", "a year"),
    "category": ("文字", "text"),
}


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
LANGS = ("zh", "en")


def pick(lang: str, zh: str, en: str = "") -> str:
    """The text for the language: the English one when asked for and given, else the Chinese.

    For texts that come in two fields (a plan's `title` and `title_en`) rather than from this
    catalogue; a missing English text falls back to the Chinese."""
    return en if lang == "en" and en else zh


def words(lang: str, *prefixes: str, strip: bool = False) -> dict[str, str]:
    """Every message whose key starts with one of `prefixes`, in `lang` (for templates); `strip`
    drops the prefix from the keys (`report.plan` -> `plan`)."""
    return {
        (key.split(".", 1)[1] if strip else key): pick(lang, *pair)
        for key, pair in MESSAGES.items()
        if key.startswith(prefixes)
    }


def t(msg_key: str, lang: str = "zh", /, **args) -> str:
    """Render a message; unknown keys render as the key so nothing is ever lost."""
    pair = MESSAGES.get(msg_key)
    if pair is None:
        return msg_key + (f" {args}" if args else "")
    template = pick(lang, *pair)

    def fill(m: re.Match) -> str:
        value = args.get(m.group(1), "")
        return _convert(value, m.group(2)) if m.group(2) else str(value)

    return _PLACEHOLDER.sub(fill, template)


# click's usage errors, as click words them -> Chinese. click's text follows in brackets, so a
# pattern that no longer matches a future click wording still leaves a readable message.
_USAGE_PATTERNS = [
    (r"^Missing option (.+?)\.?$", "缺少选项 {0}"),
    (r"^Missing argument (.+?)\.?$", "缺少参数 {0}"),
    (r"^Missing parameter:? (.+?)\.?$", "缺少参数 {0}"),
    (r"^No such option: (\S+?)\.?(?: \(Possible options: (.+)\)| Did you mean (\S+?)\?)?$", "没有选项 {0}{hint}"),
    (r"^No such command '(.+)'\.?$", "没有命令 {0}"),
    (r"^Option '(.+)' requires an argument\.?$", "选项 {0} 需要一个值"),
    (r"^Got unexpected extra arguments? \((.+)\)$", "多余的参数：{0}"),
    (r"^Invalid value for (.+?): '(.*)' is not one of (.+?)\.?$", "{0} 的值“{1}”无效，可选：{2}"),
    (r"^Invalid value for (.+?): (.+)$", "{0} 的值无效"),
]


def usage_error(english: str, lang: str) -> str:
    """One of click's usage errors in the user's language; the Chinese keeps click's English text
    after it, so nothing is lost when a pattern no longer matches click's wording."""
    return t("cli.usage_error", lang, zh=_usage_zh(english), en=english)


def _usage_zh(english: str) -> str:
    """Chinese for one of click's usage errors; a generic phrase when the wording is unknown."""
    for pattern, template in _USAGE_PATTERNS:
        m = re.match(pattern, english.strip())
        if m:
            groups = list(m.groups())
            hint = ""
            if template.endswith("{hint}"):
                maybe = groups[1] or groups[2]
                groups = groups[:1]
                hint = f"，是否想用 {maybe}？" if maybe else ""
            return template.format(*groups, hint=hint)
    return "命令用法有误"
