"""The national format's fixed vocabulary (格式规定的标题与表格标签): the section titles written
out in full, and the ids and printed labels of every table's rows and columns.

Facts of the form (the 2021 format, the 2019 trial format, the older outlines' titles), not
rules for reading it: every layer may read them — the line-break repair
(``ingest.linebreaks``) and the tokenizer as the parser does — and this module imports
nothing of the package. The parser's rules for recognising headings stay in
``parse/headings.py``; ``parse.headings`` and ``parse.layout`` re-export these names.

Table ids: one place decides them; the parser, the checks, the store and the summarizer all
read them from here. Row ids of 表三 follow the printed numbering (一 → "1", 三(三)5 → "3.3.5",
三(七)总计 → "3.7", 四 → "4"), so a researcher can map them back to the form at a glance.
See ``docs/schema.md`` (*tables*).
"""

from __future__ import annotations

import re

# --- section titles (各部分标题) ----------------------------------------------------------

#: Titles written out in full: accepted without a numeral (a line that is just the title)
#: and recognised at the start of a line where the body runs on ("一、总体情况2023年，…").
KNOWN_TITLES: tuple[str, ...] = tuple(dict.fromkeys((  # (once each, in order)
    "总体情况", "概述", "基本情况", "主动公开政府信息情况", "主动公开政府信息的情况",
    "收到和处理政府信息公开申请情况", "依申请公开政府信息情况", "依申请公开政府信息的情况",
    "政府信息公开的收费及减免情况", "政府信息公开收费及减免情况",
    "政府信息公开行政复议、行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼的情况",
    "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    "政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进情况", "存在问题及改进情况",
    "存在的主要问题和改进情况", "存在的主要问题和改进措施", "政府信息公开工作存在的主要问题和改进措施",
    "政府信息公开工作存在的主要问题及改进措施",
    "存在的主要问题", "改进措施", "今后工作打算", "其他需要报告的事项",
    # older section-五 titles written out in full
    "存在的问题及改进措施", "存在的问题和改进措施", "存在问题和改进措施", "存在的主要问题及改进措施",
    "存在的不足及下一步工作打算", "存在的不足和下一步工作打算", "存在的问题及下一步工作打算",
    "存在的不足", "存在的问题", "存在的困难和问题", "存在问题及改进措施", "存在的问题和不足",
    # the 2008 model outline's own wordings (国办's first-report outline under the 2007 条例)
    "依申请公开政府信息和不予公开政府信息的情况", "因政府信息公开申请提起行政复议、行政诉讼的情况",
    "因政府信息公开申请提起行政复议、行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼情况",
    # an older outline's short titles, written without numerals or in bold only ("基本情况 /
    # 主动公开情况 / 依申请公开情况 / 收费及减免情况 / 行政复议和行政诉讼情况 / 存在的不足…")
    "主动公开情况", "依申请公开情况", "行政复议和行政诉讼情况",
    # the 复议诉讼 title as older reports vary it: 和 / 及 as well as the outline's 、, 提起 before
    # either half or neither ("因政府信息公开申请提起行政复议和行政诉讼的情况"); as every title
    # here, a heading's title only, so "…行政诉讼的情况均未发生。" stays a sentence
    *(f"因政府信息公开申请{a}行政复议{j}{b}行政诉讼{e}" for a in ("提起", "") for j in ("、", "和", "及")
      for b in ("提起", "") for e in ("的情况", "情况")),
    # an older section 五 naming its plans 工作打算 without 今后 / 下一步
    "存在问题及工作打算", "存在问题和工作打算",
)))
#: The national form's own section titles (2019 trial and 2021), as printed: titles that never
#: go on with a verb or a speaker (the sections parser splits a body sentence run on after one).
NATIONAL_TITLES: frozenset[str] = frozenset({
    "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况",
    "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项"})
#: Any title above, longest first (an alternation takes its first match).
RUN_IN_TITLE = re.compile("|".join(sorted(map(re.escape, KNOWN_TITLES), key=len, reverse=True)))

# --- 表三: 收到和处理政府信息公开申请情况 -------------------------------------------------

#: (id, printed label) of the seven applicant columns; "legal_subtotal" (法人或其他组织小计)
#: appears only in reports that print an eighth column.
TABLE3_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
TABLE3_SUBTOTAL_COLUMN: tuple[str, str] = ("legal_subtotal", "法人或其他组织小计")
#: The six applicant columns that add up to "total" (identity I2).
TABLE3_APPLICANT_COLUMNS: tuple[str, ...] = tuple(c for c, _ in TABLE3_COLUMNS[:6])

#: (id, printed label) of the 25 data rows of the 2021 format.
TABLE3_ROWS: tuple[tuple[str, str], ...] = (
    ("1", "本年新收政府信息公开申请数量"),
    ("2", "上年结转政府信息公开申请数量"),
    ("3.1", "予以公开"),
    ("3.2", "部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("3.3.1", "属于国家秘密"),
    ("3.3.2", "其他法律行政法规禁止公开"),
    ("3.3.3", "危及“三安全一稳定”"),
    ("3.3.4", "保护第三方合法权益"),
    ("3.3.5", "属于三类内部事务信息"),
    ("3.3.6", "属于四类过程性信息"),
    ("3.3.7", "属于行政执法案卷"),
    ("3.3.8", "属于行政查询事项"),
    ("3.4.1", "本机关不掌握相关政府信息"),
    ("3.4.2", "没有现成信息需要另行制作"),
    ("3.4.3", "补正后申请内容仍不明确"),
    ("3.5.1", "信访举报投诉类申请"),
    ("3.5.2", "重复申请"),
    ("3.5.3", "要求提供公开出版物"),
    ("3.5.4", "无正当理由大量反复申请"),
    ("3.5.5", "要求行政机关确认或重新出具已获取信息"),
    ("3.6.1", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("3.6.2", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("3.6.3", "其他"),
    ("3.7", "总计"),
    ("4", "结转下年度继续办理"),
)

#: The 2019 trial format (试行): (六)其他处理 is one row, "3.6"; 23 data rows.
TABLE3_ROWS_2019: tuple[tuple[str, str], ...] = tuple(
    r for r in TABLE3_ROWS if not r[0].startswith("3.6.")
)[:20] + (("3.6", "其他处理"),) + tuple(r for r in TABLE3_ROWS if r[0] in ("3.7", "4"))

#: Rows whose sum is (七)总计 (identity I3), by format.
TABLE3_OUTCOME_ROWS: tuple[str, ...] = tuple(
    r for r, _ in TABLE3_ROWS if r.startswith("3.") and r != "3.7"
)
TABLE3_OUTCOME_ROWS_2019: tuple[str, ...] = tuple(
    r for r, _ in TABLE3_ROWS_2019 if r.startswith("3.") and r != "3.7"
)

# --- 表四: 政府信息公开行政复议、行政诉讼情况 (one data row, 15 columns) ---------------------

TABLE4_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼·复议后起诉"),
)
TABLE4_RESULTS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
#: (id, label) of the 15 columns, e.g. ("review.upheld", "行政复议·结果维持").
TABLE4_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (f"{g}.{r}", f"{gl}·{rl}") for g, gl in TABLE4_GROUPS for r, rl in TABLE4_RESULTS
)
TABLE4_ROWS: tuple[tuple[str, str], ...] = (("count", "件数"),)

# --- 表二: 主动公开政府信息情况 (four sub-tables in 2021; five in the 2019 trial format) -----

#: table id → (title, rows, columns) for the 2021 format.
TABLE2_2021: dict[str, tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {
    "table2.1": (
        "第二十条第（一）项",
        (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
        (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")),
    ),
    "table2.5": (
        "第二十条第（五）项",
        (("licensing", "行政许可"),),
        (("decisions", "本年处理决定数量"),),
    ),
    "table2.6": (
        "第二十条第（六）项",
        (("punishment", "行政处罚"), ("coercion", "行政强制")),
        (("decisions", "本年处理决定数量"),),
    ),
    "table2.8": (
        "第二十条第（八）项",
        (("fees", "行政事业性收费"),),
        (("amount", "本年收费金额（单位：万元）"),),
    ),
}

#: The 2019 trial format's 表二.
TABLE2_2019: dict[str, tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {
    "table2.1": (
        "第二十条第（一）项",
        (("regulations", "规章"), ("normative_documents", "规范性文件")),
        (("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"),
         ("total_published", "对外公开总数量")),
    ),
    "table2.5": (
        "第二十条第（五）项",
        (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
        (("previous_items", "上一年项目数量"), ("change", "本年增/减"),
         ("decisions", "处理决定数量")),
    ),
    "table2.6": (
        "第二十条第（六）项",
        (("punishment", "行政处罚"), ("coercion", "行政强制")),
        (("previous_items", "上一年项目数量"), ("change", "本年增/减"),
         ("decisions", "处理决定数量")),
    ),
    "table2.8": (
        "第二十条第（八）项",
        (("fees", "行政事业性收费"),),
        (("previous_items", "上一年项目数量"), ("change", "本年增/减")),
    ),
    "table2.9": (
        "第二十条第（九）项",
        (("procurement", "政府集中采购"),),
        (("items", "采购项目数量"), ("amount", "采购总金额")),
    ),
}
