"""The codebook (变量说明): every column the package exports, in one maintained dictionary.

A researcher reading the files in Stata or R needs, per column, its type, unit, meaning and
what a blank cell means, without reading four documents of prose. :data:`CODEBOOK` holds
one :class:`Column` per column (or per family of columns named by a pattern, ``p_*``,
described once with its members listed) for the store tables of ``export``, the panel,
the summary's CSV tables and the audit's CSV. ``nlp-reports codebook`` writes it (CSV,
JSON or Markdown: docs/codebook.md is its Markdown), ``export --codebook`` writes
``codebook.csv`` beside the tables, and ``export --format dta`` takes each variable's
label from it. tests/test_codebook_exports.py checks that every column any export writes has an
entry and that every entry names a column still written, so it cannot go stale.

Flags are 0/1 in every CSV and ``.dta`` file (the store's, the panel's, the audit's and
``cross_year``'s ``soft`` and ``previous_inconsistent``); JSON outputs keep JSON booleans.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from nlp_reports.errors import UsageError
from nlp_reports.taxonomy import THEME_IDS, THEME_NAMES

#: The store tables ``export`` writes (``nlp_reports.corpus.export.EXPORT_TABLES``: the
#: store's ``TABLES`` and its ``models``).
STORE_TABLES: tuple[str, ...] = ("files", "reports", "sections", "statements", "table_cells",
                                 "checks", "problems", "models")
#: The summary's tables (``summarize --csv``: ``<name>.csv``).
SUMMARY_TABLES: tuple[str, ...] = (
    "overview", "prevalence", "trend", "coverage", "representatives", "boilerplate",
    "boilerplate_members", "template_families", "copying", "copied_statements", "cross_year",
    "problem_changes", "table_stats", "vocabulary")
#: The audit's CSV (``audit --csv FILE``) and its list of agencies with no report
#: (``audit --year Y --missing-csv FILE``).
AUDIT_TABLES: tuple[str, ...] = ("audit", "audit_missing")
#: Every table the codebook describes, with the command that writes it.
TABLES: dict[str, str] = {
    **{t: "export" for t in STORE_TABLES}, "panel": "export --table panel",
    **{t: "summarize --csv" for t in SUMMARY_TABLES},
    "audit": "audit --csv", "audit_missing": "audit --missing-csv",
}
#: Summary tables with one group column per ``--by`` key (``vocabulary`` by year without).
GROUPED: tuple[str, ...] = ("overview", "prevalence", "coverage", "representatives",
                            "table_stats", "vocabulary")
#: Stata's limit on a variable label (characters).
LABEL_MAX = 80

FORMATS: tuple[str, ...] = ("csv", "json", "md")


@dataclass(frozen=True)
class Column:
    """One exported column, or a family of columns (``name`` a pattern such as ``p_*``,
    ``members`` the columns it stands for).

    ``type``: integer, number (may hold a fraction, or a count that may be blank), 0/1,
    text, date (YYYY-MM-DD), JSON text, id. ``label``: the short English label (≤ 80
    characters; a family's with ``{m}`` for the member's suffix), written as the Stata
    variable label. ``en``/``zh``: the meaning; ``blank``: what an empty cell means."""

    name: str
    tables: tuple[str, ...]
    type: str
    label: str
    en: str
    zh: str
    blank: str = "never blank"
    unit: str = ""
    members: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """The column names this entry stands for."""
        return self.members or (self.name,)

    def blank_in(self, table: str) -> str:
        """What a blank means in ``table``: in the panel, also a balanced panel's year
        without a report (``has_report`` 0), which blanks every column but the key,
        ``has_report``, ``n_texts`` and the ``*_source`` strings. Why: "never blank" there
        made a Stata user take those blanks for a bug, or recode them to 0."""
        if table != "panel" or self.name in _PANEL_KEPT_WITHOUT_REPORT:
            return self.blank
        if self.blank == "never blank":
            return _NO_REPORT
        return f"{self.blank}; or {_NO_REPORT}"

    def label_of(self, column: str) -> str:
        """The variable label of ``column`` (one of :meth:`names`)."""
        if not self.members:
            return self.label
        suffix = column[len(self.name) - 1:] if self.name.endswith("*") else column
        extra = f" {THEME_NAMES[suffix]}" if suffix in THEME_NAMES else ""
        return self.label.format(m=suffix + extra)


def _family(prefix: str, suffixes: Iterable[str], suffix: str = "") -> tuple[str, ...]:
    return tuple(f"{prefix}{s}{suffix}" for s in suffixes)


_X1 = ("natural_person", "commercial", "research", "public_interest", "legal_services",
       "other", "total")
_X2 = tuple(f"{r}_{c}" for r in ("regulations", "normative_documents")
            for c in ("issued", "repealed", "in_force"))
_NARRATIVE = ("received", "granted", "partial", "refused", "review", "litigation")
_STORE_CHILD = ("sections", "statements", "table_cells", "checks", "problems")
_SUM_REPORT = ("copying", "copied_statements", "cross_year", "problem_changes",
               "template_families", "boilerplate_members")
_SUM_AGENCY_YEAR = ("copying", "copied_statements", "cross_year", "problem_changes")
_GROUP_NOTE = " In a summary table grouped by it (--by): the group, (unknown) when not known."
_GROUP_NOTE_ZH = "；汇总表按其分组（--by）时为分组值，未识别为 (unknown)"
#: level and tier say what is not known (nlp_reports.corpus.summarize.UNKNOWN_GROUPS: this
#: module stays free of summarize's numpy import; tests/test_codebook_unknown_group.py ties them).
_UNKNOWN_LEVEL = "(level not identified / 未识别层级)"
_UNKNOWN_TIER = "(tier not identified / 未识别行政层级)"
_LEVEL_GROUP_NOTE = (" In a summary table grouped by it (--by): the group, "
                     f"{_UNKNOWN_LEVEL} when not known.")
_LEVEL_GROUP_NOTE_ZH = f"；汇总表按其分组（--by）时为分组值，未识别为 {_UNKNOWN_LEVEL}"
_FIG_BLANK = ("not reported or not read: a blank cell, a table the report lacks or one read "
              "only in part (never 0)")
#: Panel columns a balanced panel's row without a report still fills (Column.blank_in).
_PANEL_KEPT_WITHOUT_REPORT = frozenset({"agency", "year", "has_report", "n_texts", "*_source",
                                        "level", "region"})
_NO_REPORT = "has_report 0 (a year of the balanced panel without a report)"
_SUM_BLANK = "no report of the group has it (a blank cell adds nothing to a sum)"
_SHARE_BLANK = "the denominator is 0"


def _c(name, tables, type, label, en, zh, blank="never blank", unit="", members=()):
    return Column(name, tuple(tables), type, label, en, zh, blank, unit, tuple(members))


#: How a figure summed over rows (refused …, litigation) treats its blank rows, as
#: nlp_reports.corpus.store.report_figures adds them.
_SUMMED_EN = " (a blank or '—' part adds nothing; blank only when every part is)"
_SUMMED_ZH = "（空白或“—”的分项不计入；各分项均为空时为空）"
#: Table-3/4/2 figures kept per report (``reports``, ``panel``): name → (label, en, zh).
_FIGURES: dict[str, tuple[str, str, str]] = {
    "received": ("Applications received this year (表三 一, 总计)",
                 "表三 row 一 本年新收政府信息公开申请数量, column 总计",
                 "表三第一行“本年新收政府信息公开申请数量”总计列"),
    "carried_in": ("Applications carried over from last year (表三 二, 总计)",
                   "表三 row 二 上年结转政府信息公开申请数量, 总计", "表三第二行“上年结转”总计列"),
    "granted": ("Granted in full (表三 三(一), 总计)", "表三 三(一) 予以公开, 总计",
                "表三三（一）“予以公开”总计列"),
    "partial": ("Granted in part (表三 三(二), 总计)", "表三 三(二) 部分公开, 总计",
                "表三三（二）“部分公开”总计列"),
    "refused": ("Refused (表三 三(三) rows 1-8 summed, 总计)",
                "表三 三(三) 不予公开, rows 1–8 summed, 总计" + _SUMMED_EN,
                "表三三（三）“不予公开”1–8项之和" + _SUMMED_ZH),
    "unable": ("Unable to provide (表三 三(四) rows 1-3 summed, 总计)",
               "表三 三(四) 无法提供, rows 1–3 summed" + _SUMMED_EN,
               "表三三（四）“无法提供”1–3项之和" + _SUMMED_ZH),
    "not_processed": ("Not processed (表三 三(五) rows 1-5 summed, 总计)",
                      "表三 三(五) 不予处理, rows 1–5 summed" + _SUMMED_EN,
                      "表三三（五）“不予处理”1–5项之和" + _SUMMED_ZH),
    "other_handling": ("Other handling (表三 三(六), 总计)",
                       "表三 三(六) 其他处理 (its sub-rows summed in the 2021 layout)" + _SUMMED_EN,
                       "表三三（六）“其他处理”（2021年表式为各分项之和）" + _SUMMED_ZH),
    "outcomes_total": ("Outcomes total (表三 三(七), 总计)", "表三 三(七) 总计, column 总计",
                       "表三三（七）“总计”"),
    "carried_out": ("Carried over to next year (表三 四, 总计)", "表三 row 四 结转下年度继续办理, 总计",
                    "表三第四行“结转下年度继续办理”总计列"),
    "review": ("Administrative reviews (表四 行政复议 总计)", "表四 行政复议 总计",
               "表四“行政复议”总计"),
    "litigation": ("Administrative lawsuits (表四 行政诉讼 总计)",
                   "表四 行政诉讼 总计 (未经复议直接起诉 + 复议后起诉)" + _SUMMED_EN,
                   "表四“行政诉讼”总计（未经复议直接起诉与复议后起诉之和）" + _SUMMED_ZH),
    "fees": ("Administrative fees charged (表二(八), 10,000 yuan)",
             "表二(八) 行政事业性收费 amount (2021 layout)", "表二（八）行政事业性收费金额（2021年表式）"),
}

_THEME_LIST = " ".join(THEME_IDS)

CODEBOOK: tuple[Column, ...] = (
    # --- keys and metadata shared by several tables -------------------------------------
    _c("id", ["reports"], "id", "Report id (report_id in the other tables)",
       "the report's id in the store; stays with the file's path across re-tagging",
       "报告在数据库中的编号（其他表的 report_id）；同一路径重新标注后不变"),
    _c("report_id", [*_STORE_CHILD, "panel", *_SUM_REPORT, "audit"], "id",
       "Report id (reports.id)", "the report: joins to reports.id (panel: the report kept)",
       "报告编号，对应 reports.id（面板：保留的那份报告）",
       "audit: a file that could not be read"),
    _c("path", ["files", "reports", "panel", "audit"], "text", "File path",
       "the file, an absolute path as it was reached (audit: path#part for a report of a "
       "compilation)", "文件的绝对路径（审查结果中汇编的某份报告为 路径#序号）"),
    _c("sha256", ["files", "reports"], "text", "SHA-256 of the file's bytes",
       "SHA-256 of the file's bytes (joins across stores)", "文件内容的 SHA-256（跨数据库连接用）",
       "files: a file not found"),
    _c("title", ["reports"], "text", "Report title", "the report's title", "报告标题",
       "no title found"),
    _c("agency", ["reports", "audit", "template_families"], "text",
       "Agency as the report names it", "the issuing body (机关) as the report names it",
       "报告所写的发布机关名称", "not found in the report (audit: a file not read)"),
    _c("agency", ["panel", "audit_missing", *_SUM_AGENCY_YEAR, *GROUPED], "text",
       "Agency (its name as linked across years)",
       "the agency, its name as linked across years (…政府 = …人民政府, …政府办 = …人民政府办公室, "
       "行署 = 行政公署, 河北省石家庄市… = 石家庄市… and 上海市浦东新区… = 浦东新区… where the "
       "gazetteer confirms the province, "
       "--agency-map renames)." + _GROUP_NOTE,
       "机关名称（跨年度统一后的名称，含 --agency-map 的改名）" + _GROUP_NOTE_ZH,
       "not found in the report ((unknown) in a summary's group column)"),
    _c("agency_as_written", ["panel"], "text", "Agency as the report writes it",
       "the report's own name of the agency", "报告原文的机关名称"),
    _c("year", ["reports", "panel", "audit", "audit_missing", "template_families",
                "trend", *_SUM_AGENCY_YEAR, *GROUPED], "integer",
       "Year reported on", "the year the report is on (not the year published)." + _GROUP_NOTE,
       "报告所属年度（非发布年份）" + _GROUP_NOTE_ZH, "not found in the report", "year"),
    _c("level", ["reports", "panel", "audit", "template_families", *GROUPED], "text",
       "Administrative level of the body",
       "national, province, city, county, township, street or department (a body of a "
       "government); audit --headers zh: in Chinese. A balanced panel's row without a report has "
       "the agency's, from its nearest earlier report (else its first)." + _LEVEL_GROUP_NOTE,
       "层级：国家、省、市、县、乡镇、街道或部门；平衡面板中无报告的年度取该机关此前最近一份报告的层级（此前没有则取第一份）" + _LEVEL_GROUP_NOTE_ZH, "not identified (a hospital, a school …)"),
    _c("region", ["reports", "panel", "audit", *GROUPED], "text", "Region named in the agency",
       "the place the agency's name states (云岭市东城区). A balanced panel's row without a report "
       "has the agency's, from its nearest earlier report (else its first)." + _GROUP_NOTE,
       "机关名称中的地区；平衡面板中无报告的年度取该机关此前最近一份报告的地区（此前没有则取第一份）" + _GROUP_NOTE_ZH,
       "not identified"),
    _c("published", ["reports", "panel", "audit"], "date", "Publication date (YYYY-MM-DD)",
       "the page's date, else the signature's, else a date under the title (docs/audit.md)",
       "发布日期：页面日期，无则落款日期，再无则标题下日期", "the report states no date"),
    _c("format", ["reports", "panel", *GROUPED], "text", "Layout of the national form",
       "2021, 2019 (the 2019 trial format) or legacy (the 2008–2018 outline): from the tables "
       "found, else the headings (a table-less 2019/2020 report in the old outline is "
       "legacy), else the year." + _GROUP_NOTE,
       "表式：2021年表式、2019年试行表式或 legacy（2008–2018年旧版式）：依所见表格，无表格"
       "依章节标题（2019、2020年无表格且沿用旧版标题的报告为 legacy），再依年度" + _GROUP_NOTE_ZH,
       "not identified"),
    _c("source", ["reports"], "text", "Where the text was read", "the file the text was read from",
       "读取正文的来源文件", "no source recorded"),
    _c("source_format", ["reports", *GROUPED], "text", "File type (txt, html, docx, pdf …)",
       "the file type read." + _GROUP_NOTE, "文件类型（txt、html、docx、pdf 等）" + _GROUP_NOTE_ZH),
    _c("encoding", ["reports"], "text", "Text encoding of the file",
       "the encoding the text was decoded from (utf-8, gb18030 …)", "文件的文字编码",
       "a binary format (docx, pdf)"),
    _c("province", list(GROUPED), "text", "Province (read from the region)",
       "the province read from the region's name, else from the gazetteer of real prefectures, "
       "county-level cities, counties and districts (2023–2024, and former names since 2008: "
       "昆山市 → 江苏省, 海淀区 → 北京市, 莱芜市 → 山东省; a name two places share, 朝阳区, "
       "never alone; --by province)",
       "由地区名称读出的省份；名称未写省份的，据地名表（2023–2024年的地级行政区、县级市、县和市辖区，"
       "及2008年以来的旧称）补出；两地共有的名称单独出现时不补",
       "(unknown)"),
    _c("prefecture", list(GROUPED), "text", "Prefecture (地级, read from the region)",
       "the prefecture-level place read from the region's name, else from the gazetteer "
       "(a county-level city's, a county's or a district's: 昆山市 → 苏州市, 鹤城区 → 怀化市; a "
       "former name's as it was in the report's year: 巢湖市 of 2009 → 巢湖市; --by prefecture)",
       "由地区名称读出的地级市；县级市、县和市辖区据地名表补出其所属地级市，旧称按报告年度的区划",
       "(unknown)"),
    _c("folder", ["audit", "audit_missing", *GROUPED], "text", "Top folder of the file",
       "the first folder below the one all files share ((top): right in it)",
       "文件所在的顶层文件夹（(top)：直接位于共同文件夹中）"),
    _c("tier", list(GROUPED), "text", "Administrative tier (a department at its government's)",
       "the administrative tier (省厅 province, 县局 county; --by tier)",
       "行政层级（部门按其政府层级计）", _UNKNOWN_TIER),
    _c("model_id", ["files", "reports"], "text", "SHA-256 of the tagging model",
       "the model that tagged the report (SHA-256 of its file)", "标注所用模型（模型文件 SHA-256）",
       "not recorded, or a file not tagged"),
    # --- files ----------------------------------------------------------------------------
    _c("size", ["files"], "integer", "File size (bytes)", "the file's size", "文件大小",
       "a file not found", "bytes"),
    _c("status", ["files"], "text", "ok / failed / duplicate / linked",
       "ok (stored), failed, duplicate (same content as another file) or linked (a page "
       "that only links its stored report)", "ok、failed（失败）、duplicate（重复）或 linked（仅链接）"),
    _c("reason", ["files"], "text", "Failure code (empty, binary, timeout …)",
       "why a file failed (docs/store-schema.md lists the codes); on an ok file, part_failed: "
       "a compilation stored without the parts that could not be read",
       "失败原因代码（状态为 ok 时 part_failed 表示汇编中有报告未能读取）",
       "ok with every part stored, or a duplicate"),
    _c("message", ["files"], "text", "Failure message",
       "the failure, in words (part_failed: which parts failed)", "失败说明",
       "ok with every part stored, or a duplicate"),
    _c("tagged_at", ["files"], "text", "Time tagged (ISO 8601 UTC)",
       "when the file was last tagged, ISO 8601 UTC with microseconds", "标注时间（UTC）"),
    _c("duplicate_of", ["files"], "text", "Path whose report this file shares",
       "for a duplicate: the path holding its report", "重复文件对应的已存报告路径",
       "not a duplicate"),
    _c("linked_to", ["files"], "text", "Path of the linked file's report",
       "for a linked page: the path its report is stored under", "仅链接网页对应的报告路径",
       "not a linked page"),
    _c("parts", ["files"], "integer", "Reports the file gave (a compilation)",
       "for a compilation (a 汇编, a page printing two years' reports): how many reports the "
       "file gave, stored as reports.part 1 … N", "汇编等一个文件所含报告的份数",
       "a file that is one report"),
    # --- reports ---------------------------------------------------------------------------
    _c("traditional", ["reports"], "0/1", "1 if the text was in traditional characters",
       "1 when the text was in traditional characters", "正文为繁体字时为1"),
    _c("n_sections", ["reports"], "integer", "Sections found (of 6)", "the sections found",
       "识别出的部分数（共六部分）"),
    _c("n_statements", ["reports", "panel"], "integer", "Statements of section 五",
       "statements (problems, measures, other) of section 五", "第五部分的表述条数"),
    _c("missing_sections", ["reports"], "JSON text", "Sections missing (JSON list of 1-6)",
       "JSON list of the section numbers 1–6 not found ([] when none)",
       "缺少的部分编号（JSON 列表）"),
    *(_c(name, ["reports", "panel"], "number", label, en, zh, _FIG_BLANK,
         "万元 (10,000 yuan)" if name == "fees" else "applications" if name not in
         ("review", "litigation") else "cases")
      for name, (label, en, zh) in _FIGURES.items()),
    _c("x1_in_*", ["reports"], "number", "表三 二 carried in, column {m}",
       "表三 row 二 (上年结转) per applicant column: the cross-year identity X1",
       "表三第二行（上年结转）各申请人列，用于跨年度核对 X1", _FIG_BLANK, "applications",
       _family("x1_in_", _X1)),
    _c("x1_out_*", ["reports"], "number", "表三 四 carried out, column {m}",
       "表三 row 四 (结转下年度) per applicant column: X1", "表三第四行（结转下年度）各申请人列",
       _FIG_BLANK, "applications", _family("x1_out_", _X1)),
    _c("x2_*", ["reports", "panel"], "number", "表二(一) {m}",
       "表二(一) 规章 / 行政规范性文件 × 本年制发 / 本年废止 / 现行有效 (2021 layout): X2",
       "表二（一）规章、行政规范性文件的制发、废止、现行有效件数（2021年表式）",
       _FIG_BLANK + "; always blank in the 2019 layout", "documents", _family("x2_", _X2)),
    _c("words", ["reports"], "text", "Tokenized words of sections 一 and 五",
       "space-separated words of section 一 and the statements of 五 (for vocabulary)",
       "第一部分和第五部分表述的分词结果（空格分隔）",
       "not segmented at tag time (tag --no-words) or no tokenizer was available"),
    _c("fingerprint", ["reports"], "text", "Content fingerprint (SHA-256)",
       "a fingerprint of the text, the same across encodings and formats of one report",
       "正文指纹（同一报告不同格式相同）", "nothing to compare"),
    _c("part", ["reports"], "integer", "Place of the report in its compilation",
       "which report of a compilation (one file holding several) it is, 1 … files.parts; "
       "(path, part) is the report's key", "该报告在汇编中的序号（第几份）",
       "a file that is one report"),
    # --- sections ---------------------------------------------------------------------------
    _c("position", ["sections"], "integer", "Order of the section in the report",
       "the section's place in the report", "该部分在报告中的次序"),
    _c("number", ["sections"], "integer", "Section number (1-6)",
       "the section of the national layout, 1–6", "国家表式中的部分编号（1–6）",
       "a part outside the six"),
    _c("title", ["sections"], "text", "Section heading", "the heading as written", "该部分标题"),
    _c("text", ["sections"], "text", "Section text", "the section's text, line breaks kept",
       "该部分正文（保留换行）", "an empty section"),
    # --- statements --------------------------------------------------------------------------
    _c("idx", ["statements", "copied_statements"], "integer", "Statement number in its report",
       "the statement's position in its report (statements.idx)", "表述在报告中的序号"),
    _c("text", ["statements", "copied_statements", "representatives", "boilerplate"], "text",
       "Statement text", "the statement as parsed (boilerplate: the cluster's most frequent "
       "wording)", "表述原文（套话表：该类最常见的表述）"),
    _c("block", ["statements"], "text", "Layout block: problem / measure / unknown",
       "the sub-heading the statement stands under", "表述所在的小标题：问题、措施或不明"),
    _c("marker", ["statements"], "text", "Enumeration marker (一是, 1.)",
       "the statement's enumeration marker", "表述的序号标记", "none written"),
    _c("kind", ["statements", "copied_statements", "representatives", "boilerplate",
                "prevalence", "trend"], "text", "problem / measure / other",
       "the predicted kind: problem (问题), measure (措施) or other (boilerplate: the members' "
       "most frequent)", "预测类别：问题、措施或其他"),
    _c("kind_score", ["statements"], "number", "Probability of kind",
       "the model's probability of kind", "类别的概率", unit="probability"),
    _c("kind_scores", ["statements"], "JSON text", "Kind probabilities (JSON map)",
       "JSON kind → probability", "各类别概率（JSON）"),
    _c("themes", ["statements"], "JSON text", "Themes (JSON list)",
       "JSON list of the theme ids over their thresholds", "超过阈值的主题（JSON 列表）"),
    _c("theme_scores", ["statements"], "JSON text", "Theme probabilities (JSON map)",
       "JSON theme id → calibrated probability", "各主题校准概率（JSON）"),
    _c("model_kind", ["statements"], "text", "The model's own kind (before the layout)",
       "the model's kind before the layout evidence", "模型本身的类别判断（未结合版式）"),
    _c("layout_disagrees", ["statements"], "0/1",
       "1 if the model confidently contradicts the block",
       "1 when the model alone (≥ 0.8) gives the opposite kind of the layout block",
       "模型以≥0.8的概率给出与小标题相反的类别时为1"),
    _c("theme_mask", ["statements"], "integer", "Themes as a bit mask (not a theme)",
       "bit i set when THEME_IDS[i] is among themes (drop before reshape long theme_)",
       "主题位掩码（reshape 前请删除）"),
    _c("theme_*", ["statements"], "0/1", "Theme {m} (0/1)",
       "1 when the statement carries the theme (one column per theme of nlp_reports.taxonomy)",
       "表述含该主题时为1", members=_family("theme_", THEME_IDS)),
    # --- table_cells and checks -----------------------------------------------------------------
    _c("table_id", ["table_cells", "checks", "cross_year"], "text", "Table id (table3, table2.1 …)",
       "the table (parse/layout.py ids)", "表格编号", "checks: a check of no table"),
    _c("row", ["table_cells", "checks", "cross_year"], "text", "Row id",
       "the row id (parse/layout.py)", "行编号", "checks: a check of no one row"),
    _c("row_label", ["table_cells", "checks"], "text", "Row as the form prints it",
       "the row's label on the national form (属于国家秘密)", "国家表式中的行名称",
       "no row, or not a form's id"),
    _c("column", ["table_cells", "checks", "cross_year"], "text", "Column id",
       "the column id (parse/layout.py)", "列编号", "checks: a check of no one column"),
    _c("column_label", ["table_cells", "checks"], "text", "Column as the form prints it",
       "the column's label on the national form (自然人)", "国家表式中的列名称",
       "no column, or not a form's id"),
    _c("value", ["table_cells"], "number", "Cell value", "the cell as a number",
       "单元格数值", "blank, or not a number (see raw); never 0"),
    _c("raw", ["table_cells"], "text", "Cell as written", "the cell as written", "单元格原文",
       "the cell was blank"),
    _c("table_status", ["table_cells"], "text", "ok / unreadable (read only in part)",
       "ok, or unreadable: the table was read only in part", "ok，或 unreadable（仅部分读出）"),
    _c("id", ["checks"], "text", "Check id (I1-I4, T1, T2)",
       "the check: I1–I4 the tables' identities, T1 a figure of 一 against the table, T2 "
       "fees with 六 saying 无", "核对项：I1–I4 表内勾稽，T1 正文与表格，T2 收费与第六部分"),
    _c("outcome", ["checks", "cross_year"], "text", "pass / fail / not_assessable",
       "the check's outcome", "核对结果"),
    _c("expected", ["checks", "cross_year"], "number", "Value the identity implies",
       "the value the identity implies", "按勾稽关系应有的数值", "not assessable"),
    _c("found", ["checks", "cross_year"], "number", "Value written", "the value written",
       "实际填报的数值", "not assessable"),
    _c("message", ["checks"], "text", "Check message", "the check in words", "核对说明",
       "no message"),
    _c("code", ["problems"], "text", "Parser problem code", "the parser's non-fatal finding "
       "(docs/schema.md)", "解析问题代码"),
    _c("message", ["problems"], "text", "Problem message", "the finding in words", "解析问题说明"),
    # --- models ------------------------------------------------------------------------------
    _c("model_id", ["models"], "text", "SHA-256 of the model file (joins reports.model_id)",
       "the model's id: SHA-256 of its model.joblib, as reports.model_id and JSONL's "
       "store.model_id hold it", "模型编号（模型文件 SHA-256，与 reports.model_id 对应）"),
    _c("name", ["models"], "text", "Model name (its card's, else its folder's)",
       "the model's name: its card's (meta.json), else its folder's", "模型名称",
       "provenance unknown: only the SHA-256 is known"),
    _c("path", ["models"], "text", "Model folder when it tagged",
       "the folder the model was loaded from when it tagged, an absolute path on that "
       "machine (a store tagged before 2026-11-29 may hold it as typed, relative to where "
       "tag ran)",
       "标注时模型所在文件夹（该机器上的绝对路径）", "provenance unknown: only the SHA-256 is known"),
    _c("created", ["models"], "text", "Time the model was trained (ISO 8601)",
       "when the model was trained, from its card", "模型训练时间",
       "provenance unknown, or a card without a date"),
    _c("training_data_sha256", ["models"], "text", "SHA-256 of the training data",
       "SHA-256 of the labelled data the model was trained on, from its card",
       "训练数据的 SHA-256", "provenance unknown, or a card without it"),
    _c("labels", ["models"], "JSON text", "Label set (JSON: kinds and themes)",
       "the kinds and themes the model predicts, as JSON {\"kinds\": […], \"themes\": […]}",
       "模型的标签集（类别与主题，JSON）", "provenance unknown, or a card without it"),
    _c("sklearn_version", ["models"], "text", "scikit-learn version it was trained with",
       "the scikit-learn version of its card", "训练所用 scikit-learn 版本",
       "provenance unknown, or a card without it"),
    _c("nlp_reports_version", ["models"], "text", "nlp_reports version it was trained with",
       "the nlp_reports version of its card", "训练所用 nlp_reports 版本",
       "provenance unknown, or a card without it"),
    _c("tokenizer", ["models"], "text", "Tokenizer engine it tagged with",
       "the word segmenter it tagged with (else the one of its card)", "分词引擎",
       "provenance unknown, or not recorded"),
    _c("test_metrics", ["models"], "JSON text", "Held-out test figures (JSON)",
       "the card's figures on its held-out test set (kind_accuracy, theme_macro_f1, f1_<theme>, "
       "n_test …) as JSON", "模型在测试集上的表现（JSON）",
       "provenance unknown, or a card without test figures"),
    _c("provenance", ["models"], "text", "card / shipped card / unknown",
       "where the row comes from: card (read from the model's card when it tagged), shipped "
       "card (an older store upgraded: the installed shipped model has that SHA-256), unknown "
       "(only the SHA-256 is known)", "信息来源：card（标注时读取模型说明）/ shipped card（随附模型）/ "
       "unknown（仅知 SHA-256）"),
    _c("first_used", ["models"], "text", "First report written with it (ISO 8601 UTC)",
       "when the store first wrote a report tagged by the model", "首次用于标注的时间（UTC）",
       "an upgraded store whose files hold no time"),
    _c("last_used", ["models"], "text", "Last report written with it (ISO 8601 UTC)",
       "when the store last wrote a report tagged by the model", "最近一次用于标注的时间（UTC）",
       "an upgraded store whose files hold no time"),
    _c("reports", ["models"], "integer", "Stored reports carrying its tags now",
       "how many stored reports carry the model's tags at export (0 once all were re-tagged "
       "by another model: the row is kept)", "目前由该模型标注的报告数"),
    # --- panel -----------------------------------------------------------------------------------
    _c("has_report", ["panel"], "0/1", "A report is stored for this agency-year",
       "1: a report is stored; 0: a row of the balanced panel (balanced=True, --balanced) for "
       "a year with none (its figures, dummies and counts blank)",
       "1：已收录报告；0：平衡面板中该年度无报告（数字、虚拟变量与计数均为空）"),
    _c("n_texts", ["panel"], "integer", "Stored texts for this agency-year",
       "stored texts of the (agency, year) before one was kept (1: no choice; 0: no report)",
       "同机关同年度的存储文本数"),
    _c("left_out", ["panel"], "text", "Texts not kept (name: path; …)",
       "the texts not kept, each 'name as written: path'", "未保留的文本", "n_texts is 1"),
    *(_c(name, ["panel"], "number", label, en, zh, _FIG_BLANK, "decisions")
      for name, label, en, zh in (
          ("licensing", "Licensing decisions (表二(五))", "表二(五) 行政许可 本年处理决定数量",
           "表二（五）行政许可本年处理决定数量"),
          ("punishment", "Punishment decisions (表二(六))", "表二(六) 行政处罚 本年处理决定数量",
           "表二（六）行政处罚本年处理决定数量"),
          ("coercion", "Coercion decisions (表二(六))", "表二(六) 行政强制 本年处理决定数量",
           "表二（六）行政强制本年处理决定数量"))),
    _c("*_narrative", ["panel", "table_stats"], "number", "{m}: figure as the text states it",
       "for a report whose 表三 (received … refused) or 表四 (review, litigation) gave no "
       "figure (2008–2018): the count its text states; table_stats: summed over the group",
       "表三或表四未读出数字（2008–2018年）的报告，正文所述件数；table_stats 为组内合计",
       "the text states none, or the table was read (the figure is then in the table column)",
       "applications / cases", _family("", _NARRATIVE, "_narrative")),
    _c("fee_narrative", ["panel", "table_stats"], "number",
       "Disclosure fee as the report's text states it (万元)",
       "one series 2008–2025: for a report read as an older layout (2008–2018, or later "
       "without tables) the disclosure fee its 收费及减免 part states ('未收取任何费用' 0, "
       "'120元' 0.012, '0.03万元'); for a later one the 信息处理费 its section 六 states "
       "('本年度未收取信息处理费' 0; a 六 saying only 无 states none). Never a fee of another "
       "matter (行政事业性收费 of licences, 工本费), a waived or due amount, an estimate, a rate, "
       "or a unit other than 元/万元. Never 表二 (八)'s fees: the agency's 行政事业性收费, "
       "another figure; table_stats: summed over the group",
       "报告正文所述政府信息公开收费（万元，元已换算），2008–2025 年同一序列：旧版报告取"
       "“收费及减免情况”，新版报告取第六部分所述信息处理费（第六部分仅写“无”不计）；不含其他收费"
       "（行政事业性收费、工本费）、减免或应收金额、约数、单价及元/万元以外的单位；"
       "与表二（八）fees（机关行政事业性收费）不是同一数字；table_stats 为组内合计",
       "the text states no single fee in 元/万元 (a later report: its section 六 none)",
       "万元 (10,000 yuan)"),
    _c("*_source", ["panel"], "text", "{m}: where the figure was read, or why blank",
       "table3 / table4: the table column; text:N: the prose of section N (2021 numbers: 1 "
       "一 总体情况/概述, 3 依申请公开, 4 复议诉讼), in *_narrative; text: several parts "
       "together; none:blank_cell (table read, cell blank), none:unreadable (table not read "
       "whole), none:not_stated (no table; the text states no single count — none, 约N, "
       "with last year's carried over, two figures), none:no_report (balanced panel); "
       "fee_source: text:N / text, section6 (a later report's 信息处理费 in its section 六), "
       "none:not_stated, none:later_layout (a report with tables whose section 六 states no "
       "single fee), none:no_report",
       "数字来源：table3/table4 表格；text:N 第N部分正文（按2021年编号）；text 多个部分；"
       "none:blank_cell 表格单元格为空，none:unreadable 表格无法完整读取，none:not_stated "
       "无表格且正文未给出唯一数字，none:no_report 该年度无报告；fee_source 另有 "
       "section6（新版报告第六部分所述信息处理费）、none:later_layout（有表格的新版报告，第六部分"
       "未写明唯一的信息处理费）",
       members=_family("", (*_NARRATIVE, "fee"), "_source")),
    _c("failed_checks", ["panel"], "text", "Failed checks (I1;T1 …)",
       "the report's failed checks, ';'-separated", "未通过的核对项（分号分隔）", "none failed"),
    _c("n_unreadable_tables", ["panel"], "integer", "Tables read only in part",
       "the report's tables read only in part (their figures are blank)", "仅部分读出的表格数"),
    _c("n_problems", ["panel"], "integer", "Problem statements", "statements classified problem",
       "归为问题的表述数"),
    _c("n_measures", ["panel"], "integer", "Measure statements", "statements classified measure",
       "归为措施的表述数"),
    _c("p_*", ["panel"], "0/1", "Problem on theme {m} (0/1)",
       "1 when a problem statement carries the theme, else 0 (also 0 with no statement)",
       "有问题表述含该主题时为1", members=_family("p_", THEME_IDS)),
    _c("m_*", ["panel"], "0/1", "Measure on theme {m} (0/1)",
       "1 when a measure statement carries the theme, else 0 (also 0 with no statement); "
       "p_<theme> and m_<theme> both 1: the admitted problem has a measure on its theme, what "
       "the summary's coverage counts",
       "有措施表述含该主题时为1；p_与m_同为1即所述问题有同主题的改进措施（汇总表 coverage 的口径）", members=_family("m_", THEME_IDS)),
    _c("share_copied", ["panel", "copying"], "number", "Share of text copied from last year",
       "share of section 五's text copied from the agency's report of the year before (or "
       "of its latest earlier year whose 五 states something: copying's prev_year)",
       "第五部分文字沿用本机关上年报告的比例（上年只写“无”或未收录的，为此前最近一个有内容的年度）",
       "no earlier report whose 五 states something, or no text", "share 0–1"),
    _c("share_copied_statements", ["panel", "copying"], "number",
       "Share of statements copied from last year",
       "share of section 五's statements copied from the agency's report of the year before "
       "(or of its latest earlier year whose 五 states something: copying's prev_year)",
       "第五部分表述沿用上年的条数比例（上年只写“无”或未收录的，为此前最近一个有内容的年度）",
       "no earlier report whose 五 states something, or no statement", "share 0–1"),
    # --- summary tables -------------------------------------------------------------------
    _c("reports", ["overview", "table_stats"], "integer", "Reports in the group",
       "reports counted in the group", "组内报告数"),
    _c("statements", ["overview"], "integer", "Statements of section 五",
       "statements of the group's reports", "组内表述数"),
    _c("problem_statements", ["overview"], "integer", "Statements predicted problem",
       "statements predicted problem", "预测为问题的表述数"),
    _c("measure_statements", ["overview"], "integer", "Statements predicted measure",
       "statements predicted measure", "预测为措施的表述数"),
    _c("agencies", ["overview"], "integer", "Distinct agencies", "distinct agencies",
       "不同机关数"),
    _c("with_problems", ["overview"], "integer", "Reports stating a problem",
       "reports with at least one problem statement", "至少有一条问题表述的报告数"),
    _c("share_with_problems", ["overview"], "number", "Share of reports stating a problem",
       "with_problems / reports", "写出问题的报告比例", _SHARE_BLANK, "share 0–1"),
    _c("with_measures", ["overview"], "integer", "Reports stating a measure",
       "reports with at least one measure statement", "至少有一条措施表述的报告数"),
    _c("share_with_measures", ["overview"], "number", "Share of reports stating a measure",
       "with_measures / reports", "写出措施的报告比例", _SHARE_BLANK, "share 0–1"),
    _c("theme", ["prevalence", "trend", "coverage", "representatives", "problem_changes"],
       "text", "Theme id", f"the theme id ({_THEME_LIST})", "主题编号"),
    _c("theme_name", ["prevalence", "trend", "coverage", "representatives", "problem_changes"],
       "text", "Theme name in Chinese", "the theme's Chinese name", "主题中文名称"),
    _c("reports", ["prevalence", "trend"], "integer", "Reports with the kind on the theme",
       "reports with a statement of the kind carrying the theme", "含该类别该主题表述的报告数"),
    _c("n_reports", ["prevalence", "trend"], "integer", "Reports of the group (denominator)",
       "all reports of the group", "组内全部报告数（分母）"),
    _c("share", ["prevalence", "trend"], "number", "reports / n_reports",
       "reports / n_reports", "比例", _SHARE_BLANK, "share 0–1"),
    _c("reports_admitting", ["coverage"], "integer", "Reports with a problem on the theme",
       "reports with a problem statement on the theme", "有该主题问题表述的报告数"),
    _c("also_measure", ["coverage"], "integer", "Of them, with a measure on the theme",
       "of them, reports with a measure on the theme", "其中也有该主题措施的报告数"),
    _c("share", ["coverage"], "number", "also_measure / reports_admitting",
       "also_measure / reports_admitting", "问题有对应措施的比例", "no report admits the theme",
       "share 0–1"),
    _c("rank", ["representatives"], "integer", "Rank (1 = most typical)",
       "1 = the most typical wording", "代表性排名"),
    _c("score", ["representatives"], "number", "Cosine to the theme's centroid",
       "cosine between the wording and the centroid of the theme and kind (in the group, "
       "with --by)", "与该主题类别中心（按 --by 分组时为组内中心）的余弦相似度",
       unit="cosine 0–1"),
    _c("n_statements", ["representatives"], "integer", "Statements of this theme and kind",
       "statements of this kind carrying the theme (in the group, with --by)",
       "该主题该类别的表述数（按 --by 分组时为组内）"),
    _c("cluster", ["boilerplate", "boilerplate_members"], "integer", "Boilerplate cluster number",
       "the cluster of near-duplicate statements (1 = most widely shared)", "套话类编号"),
    _c("n_statements", ["boilerplate"], "integer", "Statements in the cluster",
       "statements in the cluster", "该类表述数"),
    _c("n_reports", ["boilerplate"], "integer", "Reports in the cluster",
       "distinct reports the statements come from", "涉及报告数"),
    _c("n_agencies", ["boilerplate"], "integer", "Agencies in the cluster",
       "distinct agencies", "涉及机关数"),
    _c("agencies", ["boilerplate"], "text", "First 5 agencies (、-joined)",
       "the first five agency names, … when more", "前五个机关名称"),
    _c("idx", ["boilerplate_members"], "integer", "Statement number (statements.idx)",
       "the statement's position in its report", "表述序号"),
    _c("family", ["template_families"], "integer", "Template family number",
       "the family (1 = the largest)", "模板族编号"),
    _c("size", ["template_families"], "integer", "Reports in the family",
       "reports in the family", "族内报告数"),
    _c("role", ["template_families"], "text", "central / member",
       "central (the family's central report) or member", "central（中心报告）或 member"),
    _c("match", ["template_families"], "text", "exact / reworded / re-split",
       "how the member differs from the central report", "与中心报告的差异类型",
       "the central report"),
    _c("n_statements", ["template_families", "copying"], "integer", "Statements of section 五",
       "statements of the report's section 五 (all kinds; an announcement such as "
       "主要存在以下问题： left out)", "第五部分表述数"),
    _c("share_member", ["template_families"], "number", "Share shared with the central report",
       "share of the report's statements shared with the central report", "与中心报告共有的表述比例",
       unit="share 0–1"),
    _c("share_central", ["template_families"], "number", "Central report's share shared with it",
       "share of the central report's statements shared with this one", "中心报告与之共有的比例",
       unit="share 0–1"),
    _c("prev_report_id", ["copying", "copied_statements", "cross_year"], "id",
       "Report of the year before (reports.id)", "the agency's report of the year before "
       "(copying, copied_statements: of prev_year, the latest earlier year whose section 五 "
       "states something)", "本机关上年报告编号（copying、copied_statements：prev_year 年度的报告）"),
    _c("n_copied", ["copying"], "integer", "Statements copied from last year",
       "statements copied from the year before", "沿用上年的表述数"),
    _c("n_copied_problems", ["copying"], "integer", "Problems copied from last year",
       "problem statements copied", "沿用上年的问题表述数"),
    _c("n_copied_measures", ["copying"], "integer", "Measures copied from last year",
       "measure statements copied", "沿用上年的措施表述数"),
    _c("prev_idx", ["copied_statements"], "integer", "Source statement of last year (idx)",
       "the most similar statement of the year before", "上年最相似表述的序号"),
    _c("prev_text", ["copied_statements"], "text", "Source statement's text",
       "its text", "上年表述原文"),
    _c("similarity", ["copied_statements"], "number", "Cosine similarity",
       "their cosine (1.0 when identical or found word for word)", "余弦相似度",
       unit="cosine 0–1"),
    _c("check", ["cross_year"], "text", "X1 (表三 carry-over) or X2 (表二 stock)",
       "X1: 表三 二 of t = 四 of t−1; X2: 现行有效 of t = of t−1 + 制发 − 废止",
       "X1：表三上年结转；X2：表二现行有效件数"),
    _c("soft", ["cross_year"], "0/1", "1 for X2 (a failure may be legitimate)",
       "1 for X2, whose failure may be legitimate (revisions, lapsed documents); JSON: true/false",
       "X2 时为1（不符可能合理）"),
    _c("previous_inconsistent", ["cross_year"], "0/1",
       "1 when the year before's 表三 fails I1 in this column",
       "1 on an X1 row whose year before's own 表三 fails I1 (一 + 二 ≠ 总计 + 四) in this "
       "column: its row 四 cell is in doubt, so a failure here may be the year before's "
       "error (the audit makes it the signal cross_year_soft, not a defect of year t); "
       "JSON: true/false",
       "上年度表三该列本身勾稽关系（I1）不成立时为1：结转不符可能是上年度的错误（审查中作提示，不计本年度缺陷）"),
    _c("reason", ["cross_year"], "text", "Why X1 was not assessed",
       "a not_assessable row (a report whose 表三 row 二 was read): previous_missing (no "
       "report of the year before stored, an earlier one is), first_stored_year (no earlier "
       "report of the agency stored), previous_legacy (it is in the older layout, no "
       "表三), previous_unreadable (its 表三 not read whole), previous_not_stated (its row 四 "
       "blank or absent)",
       "无法跨年度核对的原因：未收录上年报告 / 无更早报告 / 上年为旧版式 / 上年表三无法读取 / "
       "上年表三结转未填",
       "an assessed comparison"),
    _c("prev_year", ["copying", "problem_changes"], "integer",
       "Agency's previous year with a report",
       "the year compared with: the agency's latest earlier stored year whose section 五 "
       "states something (a year of 只写“无” or not stored is passed over)",
       "比较的年度：本机关此前最近一个第五部分有内容的年度（只写“无”或未收录的年度跳过）", unit="year"),
    _c("status", ["problem_changes"], "text", "new / persisting / reappeared / disappeared",
       "how the problem theme changed since the previous year", "问题主题的年度变化"),
    _c("statement_idx", ["problem_changes"], "text", "Problem statements on the theme (idx, …)",
       "the report's problem statements on the theme, comma-separated", "相关问题表述序号",
       "disappeared"),
    _c("with_table3", ["table_stats"], "integer", "Reports whose 表三 was read",
       "reports whose 表三 was read: denominator of received … not_processed",
       "表三读出的报告数"),
    _c("with_table4", ["table_stats"], "integer", "Reports whose 表四 was read",
       "reports whose 表四 was read: denominator of review, litigation", "表四读出的报告数"),
    *(_c(name, ["table_stats"], "number", f"Sum: {_FIGURES[name][0]}",
         f"{_FIGURES[name][1]}, summed over the group's reports", _FIGURES[name][2] + "（组内合计）",
         _SUM_BLANK, "cases" if name in ("review", "litigation") else "applications")
      for name in ("received", "granted", "partial", "refused", "unable", "not_processed",
                   "review", "litigation")),
    _c("with_tables", ["table_stats"], "integer", "Reports whose 表三 or 表四 was read",
       "reports whose identities could be checked", "表三或表四读出的报告数"),
    _c("share_failing_I1_I4", ["table_stats"], "number", "Share failing an identity I1-I4",
       "reports failing I1–I4 / with_tables", "表内勾稽不符的报告比例", "with_tables is 0",
       "share 0–1"),
    _c("with_narrative", ["table_stats"], "integer", "Reports stating a figure in the text",
       "reports without a read 表三/表四 whose text states a count (the fee: "
       "with_fee_narrative)", "正文写明件数的报告数（收费见 with_fee_narrative）"),
    _c("with_*_narrative", ["table_stats"], "integer", "Reports whose text states {m}",
       "the reports whose text states that figure (its denominator)", "正文写明该数字的报告数",
       members=_family("with_", (*_NARRATIVE, "fee"), "_narrative")),
    _c("word", ["vocabulary"], "text", "Distinctive word", "a word distinctive of the group",
       "该组的特色词"),
    _c("rank", ["vocabulary"], "integer", "Rank (1 = most distinctive)", "1 = most distinctive",
       "排名"),
    _c("z", ["vocabulary"], "number", "z-score of the weighted log-odds",
       "z-score of the weighted log-odds ratio (Monroe et al. 2008)", "加权对数几率的 z 值"),
    _c("count", ["vocabulary"], "integer", "Occurrences in the group", "occurrences in the group",
       "组内出现次数"),
    # --- audit ------------------------------------------------------------------------------------
    _c("texts_for_agency_year", ["audit"], "integer", "Stored reports of this agency and year",
       "how many stored reports have this agency and year", "同机关同年度文本数",
       "a file not read"),
    _c("defects", ["audit"], "integer", "Number of defects", "the number of defects",
       "缺陷数"),
    _c("signals", ["audit"], "integer", "Number of signals", "the number of signals", "提示数"),
    _c("findings_zh", ["audit"], "text", "Defects as Chinese sentences", "every defect, numbered",
       "审查意见", "no defect"),
    _c("signals_zh", ["audit"], "text", "Signals as Chinese sentences",
       "every signal, numbered; then the parser's notices (scanned pages, an older statistics "
       "table not read), numbered on, which count toward nothing",
       "提示意见（其后为扫描页、旧式统计表未读取等说明，不计数）", "no signal and no notice"),
    *(_c(name, ["audit"], "text", label, en, zh, "no such finding")
      for name, label, en, zh in (
          ("identity_failures", "Failed identities I1-I4 (defect)",
           "failed identities with cell, expected and found", "勾稽关系不符"),
          ("t1_contradictions", "Section 一 contradicts the tables (T1, defect)",
           "figures of section 一 contradicting the tables (one about a total that fails I2/I4 "
           "is listed but counted with that failure)", "正文与表格不符"),
          ("blank_cells", "Cells left blank (defect)", "required cells left blank or '/'",
           "未填报单元格"),
          ("cross_year_failures", "X1 carry-over failures (defect)",
           "表三 carried over ≠ last year's pending (where last year's column adds up)",
           "跨年度结转不符"),
          ("published_late", "Published after the deadline (defect)",
           "published … , deadline …", "逾期公开"),
          ("published_early", "Dated before its year ended (defect)",
           "dated on or before the last day of its year", "早于年度结束"),
          ("parse_problems", "Parser problem codes (defect)", "the parser's problem codes",
           "解析问题"),
          ("failed", "File could not be read: reason: message (defect)",
           "for a file not read: reason: message", "读取失败"),
          ("unmatched_problems", "Problem themes no measure answers (signal)",
           "themes of problems no measure answers", "问题无对应措施"),
          ("cross_year_soft", "Soft cross-year failures (signal)",
           "X2 failures; X1 failures where the year before fails I1 in that column",
           "跨年度核对存疑"),
          ("mixed_heading_numbering", "Headings numbered in several styles (signal)",
           "the parser's message", "标题编号不统一"),
          ("file_name_year", "File name states another year (signal)",
           "file name YYYY, report YYYY", "文件名年度不符"),
          ("same_year_texts", "Other stored texts of its agency and year (signal)",
           "also FILE (published DATE, later; says 修订): confirm which text is in force; "
           "which one summarize --dedupe counts", "同年度另有文本"),
          ("names_other_agency", "Section 五 names another township or street (signal)",
           "'PLACE' (AGENCY) in section 五, for each other township or street office of the "
           "store its section 五 names", "写有其他机关名称"),
          ("stale_year", "A measure plans for a year already past (signal)",
           "YEAR ('WORDS') in the YEAR report's measure \"STATEMENT\", for each measure of "
           "section 五 planning for the report's year or the two before", "计划年份已过"),
          ("shared_with", "Agencies sharing statements (detail)",
           "the other agencies whose statements this report shares", "雷同机关"))),
    _c("missing_sections", ["audit"], "text", "Sections not found (defect)",
       "numbers of the sections not found, comma-separated", "缺少部分", "none missing"),
    *(_c(name, ["audit"], "0/1", label, en + "; JSON: true/false", zh, "a file not read: 0")
      for name, label, en, zh in (
          ("section5_empty", "1 if section 五 is empty or says only 无 (defect)",
           "1 when section 五 is present but empty", "第五部分为空"),
          ("no_concrete_problem",
           "1 if the model found in section 五 no problem on a theme (defect)",
           "1 when the model found in section 五 no problem on one of the 13 themes",
           "模型未在第五部分识别出具体问题"),
          ("no_measures", "1 if section 五 states problems and no measure (defect)",
           "1 when section 五 states problems and no measure", "第五部分无改进措施"),
          ("section5_copied",
           "1 if section 五 is copied from the agency's last report (defect)",
           "1 when 90 % or more of section 五's problems and measures (3 or more) are "
           "copied from the agency's report of the year before",
           "问题与改进照搬上年"),
          ("t2_fees_without_6", "1 if fees are charged while section 六 says 无 (defect)",
           "1 when 表二 charges fees and section 六 says 无 (T2)", "收费而第六部分为无"),
          ("outdated_template", "1 if a 2021+ report uses the 2019 trial form (defect)",
           "1 when a report on 2021 or later uses the 2019 trial format",
           "沿用2019年试行格式"))),
    _c("defects_last_year", ["audit"], "integer", "Defects of the agency's report a year before",
       "the defects of the agency's report on the year before, or on its latest earlier "
       "stored year when that one is not stored (last_year_zh names it; detail, not counted)",
       "本机关上一年度（库中没有时为此前最近一个入库年度）报告的缺陷数",
       "no earlier stored report of the agency"),
    _c("recurring", ["audit"], "text", "Defect kinds found again from last year (detail)",
       "the defect columns counted in this report and in the agency's report on the year "
       "before (or its latest earlier stored year), ids separated by ' | ' (the same kind "
       "again, not necessarily the same cell)",
       "再次出现的缺陷：本年度与上一年度（或此前最近一个入库年度）报告都有的缺陷类别",
       "none again, or no earlier report"),
    _c("last_year_zh", ["audit"], "text", "Follow-up of last year's defects, in Chinese",
       "整改情况: last year's defects (or, over a gap, the latest earlier stored year's, "
       "named), those found again, fixed and new, as one sentence",
       "整改情况：上一年度（或此前最近一个入库年度，写明年度）报告的缺陷，哪些未整改、已改正，本年度新出现哪些",
       "no earlier stored report of the agency"),
    _c("shared_with_other_agencies", ["audit"], "integer", "Statements shared with others (signal)",
       "statements near-duplicating another agency's", "与其他机关雷同的表述数"),
    _c("copied_from_last_year", ["audit"], "integer", "Statements copied from last year (signal)",
       "problems and measures near-duplicating last year's report", "沿用上年表述数"),
    _c("latest_year", ["audit_missing"], "integer", "Agency's latest year with a report",
       "the agency's latest year with a report", "本机关最近有报告的年度", unit="year"),
    _c("note", ["audit_missing"], "text", "Note (a file named for the year …)",
       "a file named for the year that holds an older report, or is not read",
       "说明（如文件名为该年度但内容为旧报告）", "nothing to add"),
)


def entries(table: str | None = None) -> tuple[Column, ...]:
    """The codebook's entries, or those of ``table`` (UsageError for a table it lacks)."""
    if table is None:
        return CODEBOOK
    if table not in TABLES:
        raise UsageError(f"no table {table!r} in the codebook (tables: {', '.join(TABLES)})")
    return tuple(c for c in CODEBOOK if table in c.tables)


def lookup(table: str, column: str) -> Column | None:
    """The entry describing ``column`` of ``table``, or None."""
    for entry in entries(table):
        if column in entry.names():
            return entry
    return None


def labels(table: str, columns: Iterable[str]) -> dict[str, str]:
    """Stata variable labels (≤ 80 characters) of ``columns`` of ``table`` that have an entry."""
    out = {}
    for col in columns:
        entry = lookup(table, col)
        if entry is not None:
            out[col] = entry.label_of(col)[:LABEL_MAX]
    return out


_FIELDS = ("table", "column", "type", "unit", "label", "meaning_en", "meaning_zh", "blank",
           "members")


def rows(tables: Sequence[str] | None = None) -> Iterator[dict[str, str]]:
    """One row per (table, entry), tables in :data:`TABLES` order: the CSV's rows."""
    for table in tables or TABLES:
        for c in entries(table):
            yield {"table": table, "column": c.name, "type": c.type, "unit": c.unit,
                   "label": c.label.replace("{m}", "<member>"), "meaning_en": c.en,
                   "meaning_zh": c.zh, "blank": c.blank_in(table), "members": " ".join(c.members)}


def to_csv(tables: Sequence[str] | None = None) -> str:
    """The codebook as CSV text (one row per table and column or family)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(tables))
    return buf.getvalue()


def to_json(tables: Sequence[str] | None = None) -> str:
    """The codebook as JSON: {table: [{column, type, unit, label, meaning_en, …}]}."""
    out: dict[str, list] = {}
    for row in rows(tables):
        table = row.pop("table")
        row["members"] = row["members"].split()
        out.setdefault(table, []).append(row)
    return json.dumps(out, ensure_ascii=False, indent=1)


def to_markdown(tables: Sequence[str] | None = None) -> str:
    """The codebook as Markdown, one section per table (docs/codebook.md)."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    parts = ["# Codebook (变量说明)\n\n"
             "Generated by `nlp-reports codebook --format md` from "
             "`nlp_reports/corpus/codebook.py`; do not edit by hand. One section per file: "
             "the store tables of `export` (`<table>.csv` / `.dta` / `.parquet`), the panel "
             "(`export --table panel`), the summary tables (`summarize --csv`) and the audit "
             "(`audit --csv`, `audit --missing-csv`). Flags are 0/1 in CSV and `.dta`. A "
             "family (`p_*`) is one row, its members listed. In the summary tables "
             f"{', '.join(f'`{t}`' for t in GROUPED)}, a group column per `--by` key "
             "comes first (`year`, `level`, `region`, `agency`, `format`, `source_format`, "
             "`province`, `prefecture`, `folder`, `tier`).\n"]
    for table in tables or TABLES:
        parts.append(f"\n## `{table}` ({TABLES[table]})\n\n"
                     "| column | type | unit | meaning | 含义 | blank means |\n"
                     "|---|---|---|---|---|---|\n")
        for r in rows([table]):
            name = f"`{r['column']}`"
            if r["members"]:
                name += " (" + ", ".join(r["members"].split()) + ")"
            parts.append(f"| {name} | {r['type']} | {cell(r['unit'])} | {cell(r['meaning_en'])}"
                         f" | {cell(r['meaning_zh'])} | {cell(r['blank'])} |\n")
    return "".join(parts)


def render(format: str = "csv", tables: Sequence[str] | None = None) -> str:
    """The codebook as ``format`` (csv, json or md)."""
    if format not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    for table in tables or ():
        entries(table)  # (a table it lacks: UsageError)
    return {"csv": to_csv, "json": to_json, "md": to_markdown}[format](tables)


__all__ = ["CODEBOOK", "Column", "LABEL_MAX", "TABLES", "entries", "labels", "lookup",
           "render", "rows"]
