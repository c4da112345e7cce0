"""The audit (质量审查): one row per report with every defect and signal an evaluator would flag.

Two kinds of findings, counted apart (``docs/audit.md``):

* **Defects** (缺陷) — the data of the report is wrong or missing, or it breaks a rule a
  reviewer sends it back for: identity failures I1–I4 with the cells involved, T1
  narrative figures that contradict the tables, missing sections, an empty or "无" section
  五, a section 五 naming no concrete problem, a section 五 copied (90 % or more) from the
  agency's report of the year before, fees in 表二 with a section 六 of "无" (T2),
  blank cells in 表二–四, hard cross-year identities (X1) that fail, late publication, a
  recent report on the 2019 template, parse problems, and files that could not be parsed
  at all. ``defects`` counts them.
* **Signals** (提示) — worth a look but normal in many sound reports: problems whose theme
  gets no measure, statements shared with other agencies (boilerplate), statements copied
  from the agency's report of the year before, soft cross-year checks that fail (X2, and
  an X1 whose year before fails its own identity in that column),
  section headings numbered in mixed styles, a file name of another year, and other stored
  texts of the agency's year (a 修订版: which is in force?). ``signals`` counts them.

Every defect is also written as a Chinese sentence naming the table, row and column by
their printed labels (审查意见, ``findings_zh``), to paste into a 整改通知. The default
order is by severity: defects first, then signals. The columns are documented in
``docs/audit.md`` (in English and Chinese).
"""

from __future__ import annotations

import functools
import json
import os
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from nlp_reports._replace import replaced
from nlp_reports.corpus.store import PART_FAILED, Store, open_store
from nlp_reports.errors import UsageError
from nlp_reports.reasons import FAILURE_ZH as FAILURE_ZH  # (re-exported: one table)
from nlp_reports.reasons import failure_meaning_zh
from nlp_reports.taxonomy import THEME_IDS, THEME_NAMES

#: What a section counts as empty when it says only this (after punctuation is dropped).
EMPTY_TEXTS = frozenset({"", "无", "暂无", "没有", "无此情况", "暂无突出问题", "无突出问题",
                         "本年度无", "无其他需要报告的事项", "无需要报告的事项", "无其他事项"})
_SUBHEAD = re.compile(r"[（(][一二三四五六七八九十]+[)）][^\n。]{0,20}(?:问题|措施|情况|打算)[^\n。]{0,6}")
_PUNCT = re.compile(r"[\s\u3000，。、；：？！…—·“”《》（）()\-.:;,!?]+")

#: Columns naming the report: where it is (``folder``: the first folder below the one all
#: files share, as ``summarize --by folder``), when it was published, and how many stored
#: texts the agency has for that year (2+: two versions, or a wrong agency or year).
ID_COLUMNS: tuple[str, ...] = ("report_id", "path", "agency", "year", "level", "region",
                               "folder", "published", "texts_for_agency_year")
#: Columns of defects (缺陷): the report's data is wrong or missing; summed in ``defects``.
DEFECT_COLUMNS: tuple[str, ...] = (
    "identity_failures", "t1_contradictions", "missing_sections", "section5_empty",
    "no_concrete_problem", "no_measures", "section5_copied", "t2_fees_without_6", "blank_cells",
    "cross_year_failures",
    "published_late", "published_early", "outdated_template", "parse_problems", "failed",
)
#: Columns of signals (提示): worth a look, common in sound reports; summed in ``signals``.
SIGNAL_COLUMNS: tuple[str, ...] = (
    "unmatched_problems", "shared_with_other_agencies", "copied_from_last_year",
    "cross_year_soft", "mixed_heading_numbering", "file_name_year", "same_year_texts",
    "names_other_agency", "stale_year",
)
#: Columns that say more without counting: the agencies whose statements a report shares
#: (the source of ``shared_with_other_agencies``), and the follow-up of the agency's report
#: on the year before (整改情况: its defects, the kinds found again, fixed, new).
DETAIL_COLUMNS: tuple[str, ...] = ("shared_with", "defects_last_year", "recurring",
                                   "last_year_zh")
COLUMNS: tuple[str, ...] = (*ID_COLUMNS, "defects", "signals", "findings_zh", "signals_zh",
                            *DEFECT_COLUMNS, *SIGNAL_COLUMNS, *DETAIL_COLUMNS)
#: Each column's Chinese name (列名, the names of docs/audit.md's 审查说明): the CSV's header
#: row with ``headers="zh"`` (``audit --csv FILE --headers zh``), and the HTML page's headers.
COLUMN_NAMES_ZH: dict[str, str] = {
    "report_id": "报告编号", "path": "文件", "agency": "机关", "year": "年度", "level": "层级",
    "region": "地区", "folder": "文件夹", "published": "发布日期",
    "texts_for_agency_year": "同机关同年度文本数", "defects": "缺陷数", "signals": "提示数",
    "findings_zh": "审查意见", "signals_zh": "提示意见",
    "identity_failures": "勾稽关系不符", "t1_contradictions": "正文与表格不符",
    "missing_sections": "缺少部分", "section5_empty": "第五部分为空",
    "no_concrete_problem": "模型未在第五部分识别出具体问题", "no_measures": "第五部分无改进措施",
    "section5_copied": "问题与改进照搬上年",
    "t2_fees_without_6": "收费而第六部分为无",
    "blank_cells": "未填报单元格", "cross_year_failures": "跨年度结转不符",
    "published_late": "逾期公开", "published_early": "早于年度结束",
    "outdated_template": "沿用2019年试行格式", "parse_problems": "解析问题", "failed": "读取失败",
    "unmatched_problems": "问题无对应措施", "shared_with_other_agencies": "与其他机关雷同",
    "copied_from_last_year": "沿用上年表述", "cross_year_soft": "跨年度核对存疑",
    "mixed_heading_numbering": "标题编号不统一", "file_name_year": "文件名年度不符",
    "same_year_texts": "同年度另有文本", "names_other_agency": "写有其他机关名称",
    "stale_year": "计划年份已过",
    "shared_with": "雷同机关", "defects_last_year": "上年度缺陷数", "recurring": "再次出现的缺陷",
    "last_year_zh": "整改情况",
}
#: Text columns that hold findings: ``--sort`` puts the rows with one first (then by text),
#: as it puts the highest counts and ``True`` first, not the clean rows ("" sorts first).
FINDING_TEXT_COLUMNS: frozenset[str] = frozenset(
    {*DEFECT_COLUMNS, *SIGNAL_COLUMNS, *DETAIL_COLUMNS, "findings_zh", "signals_zh"})


def sort_column(name: str, columns: Sequence[str] = COLUMNS, *, what: str = "sort") -> str:
    """The column id ``--sort`` (or ``--by``: ``what="count"``) names: an id
    (``published_late``) or its Chinese name of ``--headers zh`` (逾期公开,
    :data:`COLUMN_NAMES_ZH`); a :class:`UsageError` listing both when it is neither."""
    if name in columns:
        return name
    by_zh = {zh: c for c, zh in COLUMN_NAMES_ZH.items()}
    if by_zh.get(name) in columns:
        return by_zh[name]
    raise UsageError(
        f"cannot {what} the audit by {name!r}; columns: "
        + ", ".join(f"{c} ({COLUMN_NAMES_ZH[c]})" if c in COLUMN_NAMES_ZH else c
                    for c in columns))


#: The header rows :meth:`Audit.to_csv` writes: the column ids (default: what scripts read
#: and docs/audit.md documents) or their Chinese names (:data:`COLUMN_NAMES_ZH`).
CSV_HEADERS: tuple[str, ...] = ("en", "zh")


def _check_headers(headers: str) -> None:
    """A :class:`UsageError` unless ``headers`` is one of :data:`CSV_HEADERS` (both CSVs)."""
    if headers not in CSV_HEADERS:
        raise UsageError(f"headers: choose {' or '.join(map(repr, CSV_HEADERS))}, "
                         f"not {headers!r}")


#: Between the items of a list cell ("; " is inside some findings, e.g. every T1 message).
LIST_SEP = " | "
#: Parse-problem codes not counted as defects: those a column of their own counts, and
#: ``statements_unsplit`` (section 五 written as prose, split into sentences: how the
#: report is written, not something wrong with it) and ``reposted_page`` (the page's date a
#: year or more after the signature's: which date is the publication's, said by the date
#: columns) and ``statements_outside_section5`` (no section 五, its problems and measures
#: read from a sub-heading of another part: where they were read; the missing 五 is counted
#: by ``missing_sections``) and ``text_repaired`` (the store wrote U+FFFD for characters no
#: UTF-8 text holds, undecodable bytes of a file name: the tool's repair, not the report's).
_COUNTED_ELSEWHERE = frozenset({"missing_section", "empty_section_5", "statements_unsplit",
                                "mixed_heading_numbering", "reposted_page",
                                "statements_outside_section5", "text_repaired"})
#: Problem codes that are information, not defects: listed in ``parse_problems``, never
#: counted, their Chinese sentence (:func:`problem_zh`) said after the signals in
#: ``signals_zh`` and the cards, counted toward no ``signals`` either:
#: ``older_table_not_read`` (a report before 2019 holds a statistics table of its own
#: layout, 统计表, whose figures the tool does not read: they come from its sentences) and
#: ``scanned_pages`` (PDF or OFD pages without a text layer: why the sections and tables on
#: them were not read, which the columns for those count) and ``sideways_pages`` (PDF pages
#: with text printed sideways that could not be read: the same for them) and
#: ``paged_article`` (an HTML page one of several a site split an article over, 第1页 共2页:
#: why the sections on the other pages are missing from it).
_NOTICES = frozenset({"older_table_not_read", "scanned_pages", "sideways_pages",
                      "paged_article"})
#: The key of :attr:`Audit.zh` holding each report's notices (:data:`_NOTICES`) in Chinese.
NOTICES_ZH = "notices"


def is_empty_text(text: str | None) -> bool:
    """True when a section body says nothing ("无", "暂无突出问题", only sub-headings …)."""
    t = _SUBHEAD.sub("\n", text or "")
    for part in re.split(r"[\n。；;]+", t):
        p = _PUNCT.sub("", part)
        p = re.sub(r"^[一二三四五六七八九十]+", "", p)
        if p not in EMPTY_TEXTS:
            return False
    return True


@dataclass(frozen=True)
class Audit:
    """The audit table (``table``: a DataFrame, one row per report or failed file).

    ``zh`` holds, per row (indexed by ``path``) and per defect and signal column, the list
    of findings as Chinese sentences (审查意见) that the HTML page shows in the cells, and
    under :data:`NOTICES_ZH` the notices that end ``signals_zh`` (counted nowhere);
    ``sort`` is the order every output uses unless one is given (:meth:`sorted`);
    ``counted`` holds, per row (by ``path``) and defect column, how much the column adds to
    ``defects`` (a flagged cell may add nothing: an unreadable table's unread cells, a
    parse problem counted by a column of its own). ``notes``: sentences the reader must
    see beside the counts (agencies that look renamed, what an agency map did), ending
    the :meth:`headline`. ``no_match``: when ``--year`` / ``--folder`` / ``--agency`` left
    no report of a store that holds some, what matched nothing (the headline says it).
    ``missing``: with ``--year``, every agency with a report on one of the three years
    before but none on it (a DataFrame of :data:`MISSING_COLUMNS`, restricted to the
    folders and agencies shown; the headline's note names the first ten).
    """

    table: Any
    zh: Any = None
    sort: str = "defects"
    counted: Any = None
    notes: tuple[str, ...] = ()
    no_match: str = ""
    missing: Any = None
    #: the model(s) whose tags the audited reports carry (标注模型: name, id, date, reports
    #: each), as the summary's line says it: the theme and copying findings are theirs
    models: str = ""

    def sorted(self, sort: str | None = None) -> Any:
        """The table sorted by ``sort`` (default: the audit's ``sort``): numbers (counts,
        ``year``) descending, text (``agency``, ``path``, ``published`` …) ascending.

        By severity with the default ``defects``: most defects first, ties broken by the
        most signals; ``signals`` sorts the other way round. Ties keep the path order.
        """
        sort = sort_column(sort or self.sort, self.table.columns)
        df = self.table
        numeric = df[sort].dtype.kind in "iufb" or str(df[sort].dtype) == "Int64"
        if not numeric and sort in FINDING_TEXT_COLUMNS:
            # a finding column: the reports with the finding first ("" = none), then by text
            has = (df[sort].astype(str) != "").rename("_has")
            out = df.assign(_has=has).sort_values(
                ["_has", sort, "path"], ascending=[False, True, True], kind="stable")
            return out.drop(columns="_has").reset_index(drop=True)
        keys = {"defects": ["defects", "signals"], "signals": ["signals", "defects"]}.get(
            sort, [sort])
        return df.sort_values([*keys, "path"], ascending=[not numeric] * len(keys) + [True],
                              kind="stable", na_position="last").reset_index(drop=True)

    def counts(self) -> dict[str, int]:
        """How many rows have a defect, only signals, neither; how many files failed."""
        df = self.table
        failed = df["failed"] != ""
        with_defects = df["defects"] > 0
        return {"rows": len(df), "failed_files": int(failed.sum()),
                "with_defects": int((with_defects & ~failed).sum()),
                "signals_only": int((~with_defects & (df["signals"] > 0)).sum()),
                "clean": int(((df["defects"] == 0) & (df["signals"] == 0)).sum())}

    def no_headings(self) -> int:
        """How many reports had no section heading found (``parse_problems`` holds
        ``no_headings``; 未找到各部分标题): stored, not failed, but none of their six parts
        could be checked, so each counts its missing sections as defects."""
        if "parse_problems" not in self.table:
            return 0
        codes = self.table["parse_problems"].astype(str).str.split(",")
        return int(sum("no_headings" in c for c in codes))

    def headline(self, *, name_missing: bool = True) -> str:
        """One sentence with the counts, defects and signals apart; files that could not be
        read are named first, so that "0 reports with defects" never reads as all clear.

        ``name_missing=False``: the note on the agencies with no report on ``--year`` counts
        them without naming them (the HTML page names them once, in its Chinese headline).
        """
        c = self.counts()
        reports = c["rows"] - c["failed_files"]
        n = c["failed_files"]
        unread = (f"{n} file{'s' if n != 1 else ''} could not be read (column failed; each "
                  "counts as a defect). " if n else "")
        if reports == 0 and self.no_match:
            return unread + self.no_match
        if reports == 0:
            return (unread + "No report was read, so none could be checked."
                    if unread else "The store holds no report and no failed file.")
        said = self.notes
        if not name_missing and self.missing is not None and len(self.missing):
            years = sorted({int(y) for y in self.missing["year"]})
            short = dict(zip(_missing_year_notes(self.missing, years),
                             _missing_year_notes(self.missing, years, names=False),
                             strict=True))
            said = tuple(short.get(n, n) for n in said)
        notes = "".join(f" Note: {n}." for n in said)
        k = self.no_headings()
        heads = (f" {k} of the reports had no section heading (一、总体情况 …; parse_problems "
                 "no_headings), so their parts could not be checked." if k else "")
        return (f"{reports} reports. {unread}Defects (data problems): "
                f"{c['with_defects']} reports. Signals only (worth a look, common in sound "
                f"reports): {c['signals_only']}. Neither: {c['clean']}.{heads}{notes}")

    def to_markdown(self, sort: str | None = None, *, max_rows: int = 200,
                    findings_first: bool = False) -> str:
        """The table as Markdown; paths relative to the folder all files are in (named
        above the table, as on the HTML page), a long one cut at the left so that the
        file name, the part that tells the files apart, is kept. Files that could not be
        read are listed first, in a table of their own. The Chinese findings in full
        (审查意见) end it, or, with ``findings_first`` (``audit FILE …``: one report checked
        before publishing), follow the headline, the wide table last. The headline is said
        in Chinese, then in English, in both forms."""
        from nlp_reports.corpus.html_report import common_folder, headline_zh, relative_path
        from nlp_reports.corpus.summarize import markdown_table

        sort = sort or self.sort
        df = self.sorted(sort)
        folder = common_folder([str(p) for p in df["path"]])
        df = df.assign(path=[_cut_left(relative_path(p, folder)) for p in df["path"]])
        order = ("defects first, then signals" if sort == "defects" else f"by {sort}")
        # the Chinese headline opens both forms: a reviewer reading only Chinese meets
        # the counts first, not an English sentence over a wide table; it names the
        # agencies with no report on --year, the English one counts them (as on the page)
        title = ("# 审查结果 Audit" if findings_first else "# Audit") + f"\n\n{headline_zh(self)}\n\n"
        head = (f"{title}{self.headline(name_missing=False)} Sorted {order}.\n\n"
                + (f"{self.models}\n\n" if self.models else "")
                + (f"Files are in {folder}{os.sep}\n\n" if folder else "")
                + f"Defect columns: {', '.join(DEFECT_COLUMNS)}. Signal columns: "
                f"{', '.join(SIGNAL_COLUMNS)} (docs/audit.md; 审查说明 in Chinese).\n\n")
        failed = df[df["failed"] != ""]
        reps = df[df["failed"] == ""]
        parts = [head]
        if len(failed):
            parts.append(f"## Files that could not be read ({len(failed)})\n\n"
                         + markdown_table(failed[["path", "failed"]], max_rows=max_rows)
                         + "\n\n")
        findings = _findings_markdown(reps.head(max_rows))
        if findings_first and findings:
            parts.append(findings.lstrip("\n") + "\n")
        parts.append(f"## Reports ({len(reps)})\n\n"
                     + markdown_table(reps.drop(columns=["report_id", "failed"]),
                                      max_rows=max_rows) + "\n")
        if not findings_first:
            parts.append(findings)
        return "".join(parts)

    def by(self, column: str = "folder") -> Any:
        """The audit counted per group (按组统计): per value of ``column`` (``folder``,
        ``level``, ``year``, ``region`` or ``agency``; or its Chinese name), the reports,
        the files that could not be read, the reports with a defect, the defects in all, and
        per defect column how many reports have it as a defect (a finding listed but not
        counted, such as ``statements_unsplit`` among ``parse_problems``, is left out); with ``--year``, when some agency filed
        none on it, ``missing_reports``: the agencies of the group with a report on one of
        the three years before but none on it (a group may then have no report at all). What a disclosure office reports upward per 地市 or level (a DataFrame).
        By ``agency``, an agency that wrote its name several ways (…政府 / …人民政府, …政府办 /
        …人民政府办公室, 行署 / 行政公署) is one group under its latest name, as in ``summarize --by agency``."""
        import pandas as pd

        column = sort_column(column, GROUP_COLUMNS, what="count")
        df = self.table
        failed = df["failed"] != ""
        data = {"reports": ~failed, "failed_files": failed,
                "with_defects": (df["defects"] > 0) & ~failed, "defects": df["defects"]}
        counted = self.counted
        for c in DEFECT_COLUMNS:
            if c != "failed":
                has = _has_finding(df[c])
                if counted is not None and c in counted.columns:
                    # a finding listed but not counted (statements_unsplit among the parse
                    # problems, an unread table's cells) is no defect of the report
                    has &= df["path"].map(counted[c]).fillna(0).to_numpy() > 0
                data[c] = has & ~failed
        values = df[column]
        names: dict[str, str] = {}
        if column == "agency":  # one agency under its latest name, as summarize --by agency
            from nlp_reports.corpus.summarize import agency_names

            names = agency_names(df.loc[~failed, ["agency", "year"]])
            values = values.map(lambda a: names.get(a, a))
        key = values.astype("string").fillna("").replace("", NO_GROUP).rename(column)
        out = pd.DataFrame(data).groupby(key).sum().astype(int)
        if self.missing is not None and len(self.missing) and column in self.missing.columns:
            missing = (self.missing[column].map(lambda a: names.get(a, a)).astype("string")
                       .fillna("").replace("", NO_GROUP))
            counts = missing.value_counts()
            out = out.reindex(out.index.union(counts.index), fill_value=0)
            out["missing_reports"] = counts.reindex(out.index, fill_value=0).astype(int)
        return out.reset_index()

    def by_markdown(self, column: str = "folder") -> str:
        """:meth:`by` as Markdown, each column headed by its id and Chinese name, under the
        headline in Chinese, then in English."""
        from nlp_reports.corpus.html_report import headline_zh
        from nlp_reports.corpus.summarize import markdown_table

        table = self.by(column)
        if table.columns[0] == "level":  # 部门 department …; no level: 未识别层级
            from nlp_reports.corpus.html_report import level_name

            table[table.columns[0]] = [level_name("" if v == NO_GROUP else v)
                                       for v in table[table.columns[0]]]
        names = {**COLUMN_NAMES_ZH, **GROUP_NAMES_ZH}
        table.columns = [f"{c} {names[c]}" if c in names else c for c in table.columns]
        return (f"# Audit by {table.columns[0].split()[0]}\n\n{headline_zh(self)}\n\n"
                f"{self.headline(name_missing=False)}\n\n"
                + markdown_table(table, max_rows=10_000) + "\n")

    def to_csv(self, path: str | os.PathLike[str], sort: str | None = None, *,
               headers: str = "en") -> Path:
        """Write the table as CSV (UTF-8 with BOM, opens in Excel); the folder is created.

        ``headers``: ``"en"`` (default) heads the columns with their ids (``defects``, the
        names scripts and docs/audit.md use), ``"zh"`` with their Chinese names
        (:data:`COLUMN_NAMES_ZH`: 机关, 年度, 缺陷数 …) for a reader in Excel, and the level
        in Chinese (层级: 部门, 县级（县、区、旗、县级市）…; "(level not identified / 未识别层级)"
        for a report of no level);
        the other values are the same either way. Flags (``section5_empty`` …) are 0/1, as in
        every CSV the package writes (JSON keeps true/false)."""
        _check_headers(headers)
        out = Path(path)
        from nlp_reports.corpus.export import flags_as_01, spreadsheet_safe

        table = spreadsheet_safe(flags_as_01(self.sorted(sort)))
        if headers == "zh":
            from nlp_reports.corpus.summarize import LEVEL_NAMES_ZH, UNKNOWN_LEVEL

            read = table["failed"] == ""  # a file not read has no level to name
            table["level"] = [(LEVEL_NAMES_ZH.get(str(v), str(v)) if v else UNKNOWN_LEVEL)
                              if ok else v for v, ok in zip(table["level"].fillna(""), read,
                                                             strict=True)]
            table = table.rename(columns=COLUMN_NAMES_ZH)
        out.parent.mkdir(parents=True, exist_ok=True)  # as Summary.to_csv/to_html do
        with replaced(out) as tmp:
            table.to_csv(tmp, index=False, encoding="utf-8-sig")
        return out

    def missing_to_csv(self, path: str | os.PathLike[str], *, headers: str = "en") -> Path:
        """Write :attr:`missing` (who filed no report on the ``--year`` asked for: year,
        agency, latest_year, folder, note) as CSV (UTF-8 with BOM); only the header when none.
        ``headers="zh"`` heads it 年度, 机关, 最近报告年度, 文件夹, 说明, as :meth:`to_csv`
        does the audit table: the list of 未报送 agencies goes to a reader in Excel too."""
        import pandas as pd

        _check_headers(headers)
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        table = (self.missing if self.missing is not None
                 else pd.DataFrame(columns=list(MISSING_COLUMNS)))
        if headers == "zh":
            table = table.rename(columns=MISSING_NAMES_ZH)
        with replaced(out) as tmp:
            table.to_csv(tmp, index=False, encoding="utf-8-sig")
        return out

    def to_dict(self, sort: str | None = None) -> list[dict[str, Any]]:
        from nlp_reports.corpus.summarize import records

        return records(self.sorted(sort))

    def to_json(self, sort: str | None = None, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(sort), **kwargs)

    def to_html(self, path: str | os.PathLike[str] | None = None,
                sort: str | None = None, *, max_rows: int | None = None) -> str:
        """A self-contained page with a sortable table; written to ``path`` if given.

        ``max_rows``: the table lists the first so many reports in ``sort``'s order and says
        how many more the CSV/JSON holds (default ``html_report.DEFAULT_HTML_ROWS``, 5,000;
        0: every report); the counts above it count them all."""
        from nlp_reports.corpus.html_report import DEFAULT_HTML_ROWS, audit_html

        sort = sort or self.sort
        html = audit_html(Audit(self.sorted(sort), self.zh, sort, self.counted, self.notes,
                                self.no_match, self.missing, self.models),
                          max_rows=DEFAULT_HTML_ROWS if max_rows is None else max_rows)
        if path is not None:
            from nlp_reports.corpus.html_report import write_page

            Path(path).parent.mkdir(parents=True, exist_ok=True)
            write_page(path, html)
        return html


#: Columns :meth:`Audit.by` counts by; ``NO_GROUP`` stands for a value the report lacks.
GROUP_COLUMNS: tuple[str, ...] = ("folder", "level", "year", "region", "agency")
NO_GROUP = "—"
#: Chinese names of :meth:`Audit.by`'s own columns (the others are :data:`COLUMN_NAMES_ZH`).
GROUP_NAMES_ZH: dict[str, str] = {"reports": "报告数", "failed_files": "读取失败文件数",
                                  "with_defects": "有缺陷的报告数",
                                  "missing_reports": "未报送机关数"}


_NUMBERED = re.compile(r"(?=（\d+）)")


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _findings_markdown(reps: Any) -> str:
    """Each report's 审查意见 in full, one numbered finding a line, under its agency, year
    and file: the table's findings_zh / signals_zh cells are cut to a preview, and a
    clerk checking her own report before publishing reads these sentences, not the
    columns. Empty when no report shown has a finding (or a notice, said among the
    signals though it counts toward none)."""
    shown = reps[(reps["defects"] > 0) | (reps["signals"] > 0) | (reps["signals_zh"] != "")]
    if not len(shown):
        return ""
    out = ["\n## 审查意见 Findings in Chinese (findings_zh, signals_zh)\n"]
    for r in shown.itertuples(index=False):
        year = f" {_year_zh(r.year)}" if _int_or_none(r.year) is not None else ""
        out.append(f"\n### {r.agency or '（未识别机关）'}{year}（{r.path}）\n")
        for head, text in (("缺陷（数据问题，应在发布前改正）", r.findings_zh),
                           ("提示（值得一看，合格报告中也常见）", r.signals_zh)):
            items = [x.strip() for x in _NUMBERED.split(str(text or "")) if x.strip()]
            if items:
                out.append(f"\n{head}：\n\n" + "".join(f"- {x}\n" for x in items))
        if getattr(r, "last_year_zh", ""):
            out.append(f"\n整改情况：{r.last_year_zh}\n")
    return "".join(out)


def _has_finding(values: Any) -> Any:
    """Per row, whether a defect column holds a finding: True, a count above 0, a text."""
    if values.dtype.kind == "b":
        return values
    if values.dtype.kind in "iuf" or str(values.dtype) == "Int64":
        return values.fillna(0) > 0
    return values.fillna("").astype(str) != ""


#: The longest path the Markdown table shows (in characters; the table cuts cells at 80).
MD_PATH_CHARS = 60


def _cut_left(path: str, limit: int = MD_PATH_CHARS) -> str:
    """``path`` cut from the left to ``limit`` characters ("…" first), keeping its end."""
    return path if len(path) <= limit else "…" + path[-(limit - 1):]


def _fmt_num(v: Any) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return "blank"
    if f != f:
        return "blank"
    return f"{int(f)}" if f.is_integer() else f"{f:g}"


def _cell(table: Any, row: Any, column: Any) -> str:
    parts = [str(p) for p in (table, row, column) if p is not None and p == p]
    return "/".join(parts)


# --- the Chinese wording of a finding (审查意见) --------------------------------------------

_CN = "〇一二三四五六七八九十"
#: The six section titles of the 2021 format (format.md §3.2).
SECTION_TITLES: dict[int, str] = {
    1: "总体情况", 2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况", 5: "存在的主要问题及改进情况", 6: "其他需要报告的事项"}
_TABLE_NAMES: dict[str, str] = {
    "table3": "表三", "table4": "表四", "table2.1": "表二 第二十条第（一）项",
    "table2.5": "表二 第二十条第（五）项", "table2.6": "表二 第二十条第（六）项",
    "table2.8": "表二 第二十条第（八）项", "table2.9": "表二 第二十条第（九）项"}


def _cn(n: int) -> str:
    return _CN[n] if 0 <= n <= 10 else str(n)


def _row_name(table_id: str, row: Any) -> str:
    """The printed name of a row: 表三's "3.3.1" → 三（三）1“属于国家秘密”, "1" → 第一项“本年新收…”."""
    from nlp_reports.parse import layout

    row = "" if row is None or row != row else str(row)
    if table_id == "table3":
        labels = dict(layout.TABLE3_ROWS) | dict(layout.TABLE3_ROWS_2019)
        if row == "3.3.*":
            return "三（三）不予公开各项"
        parts = row.split(".")
        label = labels.get(row, "")
        if not label or not all(p.isdigit() for p in parts):
            return row
        nums = [int(p) for p in parts]
        if len(nums) == 1:
            return f"第{_cn(nums[0])}项“{label}”"
        if len(nums) == 2:
            return f"三（{_cn(nums[1])}）“{label}”"
        return f"三（{_cn(nums[1])}）{nums[2]}“{label}”"
    if table_id == "table4":
        return ""
    labels2 = {r: lbl for t in (layout.TABLE2_2021, layout.TABLE2_2019)
               for tid, (_, rows, _) in t.items() if tid == table_id for r, lbl in rows}
    return f"“{labels2[row]}”" if row in labels2 else row


def _column_name(table_id: str, column: Any) -> str:
    """The printed name of a column (表三 natural_person → 自然人; 表四 review → 行政复议)."""
    from nlp_reports.parse import layout

    column = "" if column is None or column != column else str(column)
    if table_id == "table3":
        labels = dict(layout.TABLE3_COLUMNS) | dict([layout.TABLE3_SUBTOTAL_COLUMN])
        return labels.get(column, column)
    if table_id == "table4":
        return (dict(layout.TABLE4_COLUMNS) | dict(layout.TABLE4_GROUPS)).get(column, column)
    labels2 = {c: lbl for t in (layout.TABLE2_2021, layout.TABLE2_2019)
               for tid, (_, _, cols) in t.items() if tid == table_id for c, lbl in cols}
    return labels2.get(column, column)


def _cell_zh(table_id: str, row: Any, column: Any) -> str:
    """A cell by its printed labels: 表三 三（二）“部分公开…” 自然人列."""
    r = _row_name(table_id, row)
    c = _column_name(table_id, column)
    return "".join(x for x in (_TABLE_NAMES.get(table_id, table_id), " ", r,
                               f" {c}" if c else "") if x).replace("  ", " ").strip()


_T1_MESSAGE = re.compile(r"says (?P<words>.+?) [\d.]+; (?P<table>table[\d.]+) (?P<cells>.+?) is ")
#: A T1 message's note that the table's total fails its own identity (checks._t1_checks):
#: what the parts sum to, and whether the text agrees with the total ("not") or the parts ("as").
_T1_PARTS = re.compile(r"sum to (?P<sum>[\d.]+)(?:, (?P<how>not|as)\b)?")


#: The rows of 表三 whose cells the identity I1 of a column adds up (一 + 二 vs (七)总计 + 四).
_I1_ROWS = ("1", "2", "3.7", "4")


def _involves(check: tuple[str, Any, Any], row: str, column: str) -> bool:
    """Whether the identity ``check`` (id, row, column) of a table reads the cell (row,
    column): I1 the column's rows 一, 二, (七)总计 and 四; I2 every cell of its row; I3 the
    column's outcome rows (三); I4 its group of 表四."""
    cid, crow, ccol = check
    if cid == "I1":
        return column == ccol and row in _I1_ROWS
    if cid == "I2":
        return row == crow
    if cid == "I3":
        return column == ccol and str(row).startswith("3.")
    return row == crow and str(column).startswith(str(ccol))


def _one_wrong_cell(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Whether two failed identities of one report (table, id, row, column, gap) may come
    from one wrong cell: the same table, the same gap (|found − expected|), and a cell
    both read."""
    if a[0] != b[0] or not a[4] or abs(a[4] - b[4]) > 1e-9:
        return False
    rows = {r for c in (a, b) for r in (_I1_ROWS if c[1] == "I1" else (c[2],))}
    return any(_involves(a[1:4], r, col) and _involves(b[1:4], r, col)
               for r in rows for col in {a[3], b[3]})


def _root(group: list[int], k: int) -> int:
    while group[k] != k:
        k = group[k]
    return k


def _identity_defects(ident: Any, index: Any, zh: Any) -> tuple[Any, Any]:
    """Per report, how many defects its failed identities make: failures that may come from
    one wrong cell (:func:`_one_wrong_cell`, joined transitively) count once — a wrong
    表三 (七)总计 of the 总计 column fails I1, I2 and I3 by the same gap: one typo, not three
    defects, which ranked it above a missing section. Every check stays listed; the last
    sentence of such a group says so. Returns the counts and ``zh`` with those sentences."""
    import pandas as pd

    counts = pd.Series(0, index=index)
    zh = zh.copy()
    for rid, rows in ident.groupby("report_id", sort=False):
        fails = [(t, i, r, c, abs(float(f) - float(e)) if pd.notna(f) and pd.notna(e) else 0.0)
                 for t, i, r, c, f, e in zip(rows["table_id"], rows["id"], rows["row"],
                                             rows["column"], rows["found"], rows["expected"],
                                             strict=True)]
        group = list(range(len(fails)))  # union-find: group[k] leads to k's first failure
        for i in range(len(fails)):
            for j in range(i + 1, len(fails)):
                if _one_wrong_cell(fails[i], fails[j]):
                    group[_root(group, j)] = _root(group, i)
        roots = [_root(group, k) for k in range(len(fails))]
        if rid in counts.index:
            counts[rid] = len(set(roots))
        said = list(zh.get(rid) or [])
        if len(said) != len(fails):
            continue
        for g in sorted(set(roots)):
            members = [k for k, x in enumerate(roots) if x == g]
            if len(members) > 1:
                ids = "、".join(fails[k][1] for k in members)
                said[members[-1]] += (f"（以上{ids}共{len(members)}项差额均为{_fmt_num(fails[g][4])}、"
                                      "涉及同一单元格，可能是同一处填报错误，计为1个缺陷）")
        zh[rid] = said
    return counts, zh


#: A check message's note on the operands written as a none-mark and read as 0
#: (checks._zero_note: " (reading '—' in row 3.1 column natural_person, … as 0)"), and its cells.
_ZERO_NOTE = re.compile(r" \(reading ('[^']*' in row [^\s,]+ column [^\s,]+"
                        r"(?:, '[^']*' in row [^\s,]+ column [^\s,]+)*) as 0\)")
_ZERO_CELL = re.compile(r"'([^']*)' in row ([^\s,]+) column ([^\s,]+)")


#: Up to this many cells read as 0 are named in the audit's note; more are counted (an I3
#: over a column of "—" reads 20 of them: the check's own message names them all).
_ZERO_NAMED = 3


def _zero_note(r: Any) -> str:
    """The English note of a check that read none-marks as 0 ("" when it read none)."""
    m = _ZERO_NOTE.search(str(r["message"] or ""))
    if m is None:
        return ""
    cells = _ZERO_CELL.findall(m.group(1))
    if len(cells) <= _ZERO_NAMED:
        return m.group()
    marks = "/".join(f"'{x}'" for x in dict.fromkeys(mark for mark, _, _ in cells))
    return f" (reading {len(cells)} cells written {marks} as 0)"


def _zero_zh(r: Any) -> str:
    """That note in Chinese, the cells by their printed labels: "（表三 三（一）“予以公开”
    自然人列填写“—”，核对时按0计算）", or their count past three; "" when none was read as 0."""
    m = _ZERO_NOTE.search(str(r["message"] or ""))
    if m is None:
        return ""
    tid = str(r["table_id"] or "")
    found = _ZERO_CELL.findall(m.group(1))
    if len(found) > _ZERO_NAMED:
        marks = "”“".join(dict.fromkeys(mark for mark, _, _ in found))
        return f"（{_TABLE_NAMES.get(tid, tid)}中填写“{marks}”的{len(found)}个单元格核对时按0计算）"
    cells = "、".join(f"{_cell_zh(tid, row, column)}填写“{mark}”" for mark, row, column in found)
    return f"（{cells}，核对时按0计算）"


def _identity_zh(r: Any) -> str:
    """An I1–I4 failure as a sentence for a 整改通知 (审查意见), both sides and their values,
    and the cells written "—" (none) that the check read as 0."""
    return _identity_sentence(r) + _zero_zh(r)


def _identity_sentence(r: Any) -> str:
    cid, exp, found = r["id"], _fmt_num(r["expected"]), _fmt_num(r["found"])
    col = _column_name(r["table_id"], r["column"])
    if cid == "I1":
        return (f"表三 {col}列：第一项“本年新收”+ 第二项“上年结转” = {exp}，第三项“本年度办理结果”"
                f"（七）总计 + 第四项“结转下年度继续办理” = {found}，勾稽关系不成立")
    if cid == "I2":
        row = _row_name("table3", r["row"])
        if r["column"] == "legal_subtotal":
            return (f"表三 {row}行：“法人或其他组织小计”为{found}，而五类法人或其他组织之和为"
                    f"{exp}，勾稽关系不成立")
        return (f"表三 {row}行：“总计”为{found}，而自然人、商业企业、科研机构、社会公益组织、"
                f"法律服务机构、其他六列之和为{exp}，勾稽关系不成立")
    if cid == "I3":
        return (f"表三 {col}列：第三项“本年度办理结果”（七）总计为{found}，而（一）至（六）"
                f"各项之和为{exp}，勾稽关系不成立")
    if cid == "I4":
        return (f"表四 {col}：总计为{found}，而结果维持、结果纠正、其他结果、尚未审结之和为"
                f"{exp}，勾稽关系不成立")
    return f"{cid} {_cell_zh(r['table_id'], r['row'], r['column'])}：{found} ≠ {exp}"


#: The verbs section 一 says requests with ("全年新收政府信息公开申请5件").
_RECEIVED_VERB = re.compile(r"(新收|收到|受理|接收|接到)[^，,。；;\d]{0,12}申请")


def _said_word(words: str, found: str, text: str | None) -> str:
    """Of the words a T1 check reads as one ("收到/受理申请"), the one section 一 uses
    beside the figure ("新收…申请5件" → "新收申请"): the sentence quotes the report, not the
    rule; the check's words when the clause is not found."""
    if "/" not in words:
        return words
    for clause in re.split(r"[。；;，,]", text or ""):
        if re.search(rf"(?<![\d.]){re.escape(found)}\s*(?:件|个|次|宗)", clause):
            m = _RECEIVED_VERB.search(clause)
            if m:
                return f"{m[1]}申请"
    return words


def _t1_zh(r: Any, overview: str | None = None) -> str:
    """A T1 failure: what section 一 (the narrative) says and what the table holds (and
    the cells written "—" read as 0)."""
    return _t1_sentence(r, overview) + _zero_zh(r)


def _t1_sentence(r: Any, overview: str | None = None) -> str:
    m = _T1_MESSAGE.search(str(r["message"] or ""))
    words = m.group("words") if m else "相关数字"
    words = _said_word(words, _fmt_num(r["found"]), overview)
    tid = m.group("table") if m else r["table_id"]
    if m:
        cells = " + ".join(_cell_zh(tid, *(c.split("/", 1) + [""])[:2]).removeprefix(
            _TABLE_NAMES.get(tid, tid)).strip() for c in m.group("cells").split(" + "))
        where = f"{_TABLE_NAMES.get(tid, tid)} {cells}"
    else:
        where = _cell_zh(tid, r["row"], r["column"])
    said = _fmt_num(r["found"])
    parts = _T1_PARTS.search(str(r["message"] or ""))
    if parts is None:
        return (f"正文第一部分“总体情况”称{words}{said}件，而{where}为"
                f"{_fmt_num(r['expected'])}（表格），正文与表格数字不一致")
    whose = "本行各申请人列" if tid == "table3" else "该组维持、纠正、其他、尚未审结"
    total = f"{whose}之和为{parts.group('sum')}"
    if parts.group("how") == "not":  # the text agrees with a total that is itself wrong
        return (f"正文第一部分“总体情况”称{words}{said}件，与{where}一致，但该总计有误（{total}）；"
                "更正表格总计时，正文第一部分的数字须一并更正")
    tail = "，与正文一致，应更正的是表格中的总计" if parts.group("how") == "as" else ""
    return (f"正文第一部分“总体情况”称{words}{said}件，而{where}为"
            f"{_fmt_num(r['expected'])}（表格），正文与表格数字不一致；{total}{tail}")


#: An identity of the year before's 表三 that fails over a row 四 cell, as an X1 sentence says it.
_PREV_IDENTITY_ZH = {"I1": "第一项加第二项之和不等于第三项加第四项之和",
                     "I2": "第四项行各列之和与其合计不符"}


def _cross_zh(r: Any) -> str:
    """An X1 (or X2) failure in Chinese; an X1 whose year before fails its own identity in
    that column (``_prev``: "I1", "I2", "I1、I2") says so, and that either year may be wrong."""
    if r["check"] == "X1":
        said = (f"表三 {_column_name('table3', r['column'])}列：第二项“上年结转”为"
                f"{_fmt_num(r['found'])}，与上年度报告第四项“结转下年度继续办理”"
                f"{_fmt_num(r['expected'])}不一致")
        prev = r.get("_prev") or ""
        if not prev:
            return said
        what = "、".join(_PREV_IDENTITY_ZH[i] for i in prev.split("、"))
        return (f"{said}；上年度报告表三该列本身{what}（{prev}），上年度表格即不一致，"
                "错误可能在上年度报告，也可能在本年度报告，请核实（不计为本年度缺陷）")
    return (f"表二 第二十条第（一）项{_row_name('table2.1', r['row'])}：现行有效件数为"
            f"{_fmt_num(r['found'])}，按上年现行有效 + 本年制发 − 本年废止应为"
            f"{_fmt_num(r['expected'])}")


# --- deadlines (公开时限) --------------------------------------------------------------------

#: Where the deadline comes from, by who reports (条例 2019 第四十九条; 2007 第三十一条).
_DEADLINE_BASIS = {
    "government": "条例第四十九条：县级以上地方人民政府的年度报告3月31日前公布",
    "department": "条例第四十九条：县级以上人民政府部门1月31日前公布",
    # 第四十九条 names only 县级以上 governments and their departments: the date a township
    # is held to is its province's (most ask 31 January, some 31 March) — said, not hidden
    "township": ("乡镇、街道的公布时限条例第四十九条未作规定，此处按县级以上人民政府部门的时限"
                 "（1月31日前）；省级另有规定的，以省级规定为准"),
    "old": "2007年条例第三十一条：3月31日前公布",
}

#: The levels a deadline can be set for (``deadlines`` of :func:`audit`, ``--deadline``),
#: by id or Chinese name; a 县级以上 government is ``county``/``city``/``province``.
DEADLINE_LEVELS: dict[str, str] = {
    "township": "township", "乡镇": "township", "street": "street", "街道": "street",
    "department": "department", "部门": "department", "national": "national",
    "国家级": "national", "county": "county", "县级": "county", "city": "city", "市级": "city",
    "province": "province", "省级": "province"}
_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")


def parse_deadlines(specs: Sequence[str] | Mapping[str, str] | None) -> dict[str, str]:
    """``LEVEL=MM-DD`` items (``township=03-31``, ``乡镇=3-31``) as {level id: "MM-DD"}: the
    date by which a level's report on a year is due in the next year, for a province that
    sets another date than the audit's (a township's, which the 条例 leaves to the
    provinces). A bad item is a :class:`~nlp_reports.errors.UsageError`."""
    items = (list(specs.items()) if isinstance(specs, Mapping)
             else [tuple(x.split("=", 1)) if "=" in x else (x, "") for x in specs or ()])
    out: dict[str, str] = {}
    for level, when in items:
        lid = DEADLINE_LEVELS.get(str(level).strip())
        m = _MONTH_DAY.fullmatch(str(when).strip())
        ok = False
        if m:
            try:
                date(2000, int(m[1]), int(m[2]))  # a leap year: 02-29 is a day
                ok = True
            except ValueError:
                pass
        if lid is None or not ok:
            raise UsageError(f"deadline {level}={when}: give LEVEL=MM-DD, LEVEL one of "
                             "township, street, department, national, county, city, province "
                             "(or 乡镇, 街道, 部门 …), e.g. township=03-31")
        out[lid] = f"{int(m[1]):02d}-{int(m[2]):02d}"  # type: ignore[index]
    return out


def deadline(year: Any, level: Any, dates: Mapping[str, str] | None = None
             ) -> tuple[str, str] | None:
    """``(last day, basis)`` by which the report on ``year`` had to be published (ISO date),
    None when the year is unknown. 条例 (2019) 第四十九条: a 县级以上 government's own report
    by 31 March, its departments' by 31 January; township and street reports, for which it
    names no date, are held to the departments' date (what most provinces ask of them), and
    the sentence says so; reports on years before 2019 had until 31 March (2007 条例
    第三十一条). ``dates`` ({level: "MM-DD"}, :func:`parse_deadlines`) sets a level's date
    for reports on 2019 and later, as a province does."""
    try:
        y = int(year)
    except (TypeError, ValueError):
        return None
    if not 2008 <= y <= 9998:  # no 条例 before 2008 (a misread year); no 4-digit date after
        return None
    if y < 2019:
        return f"{y + 1}-03-31", _DEADLINE_BASIS["old"]
    if dates and level in dates:
        m, d = (int(x) for x in dates[level].split("-"))
        return f"{y + 1}-{m:02d}-{d:02d}", f"按审查时设定的时限：{m}月{d}日前公布"
    if level in ("province", "city", "county"):
        return f"{y + 1}-03-31", _DEADLINE_BASIS["government"]
    if level in ("township", "street"):
        return f"{y + 1}-01-31", _DEADLINE_BASIS["township"]
    if level in ("department", "national"):
        return f"{y + 1}-01-31", _DEADLINE_BASIS["department"]
    return f"{y + 1}-03-31", _DEADLINE_BASIS["government"]  # level unknown: the later date


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _late(published: Any, year: Any, level: Any, dates: Mapping[str, str] | None = None
          ) -> str:
    """"published YYYY-MM-DD, deadline YYYY-MM-DD" when late, else "" (also when the date
    or the year is not known: no date is no evidence of lateness)."""
    if not isinstance(published, str) or not _ISO_DATE.fullmatch(published):
        return ""
    try:  # a day no calendar has ("2024-02-30", "2024-13-45", stored by older versions)
        date.fromisoformat(published)
    except ValueError:
        return ""
    due = deadline(year, level, dates)
    if due is None or published <= due[0]:
        return ""
    return f"published {published}, deadline {due[0]}"


def _early(published: Any, year: Any) -> str:
    """"published YYYY-MM-DD, before the end of YYYY" when the report is dated on or before
    the last day of the year it reports on, else "" (also when the date or year is unknown)."""
    if not isinstance(published, str) or not _ISO_DATE.fullmatch(published):
        return ""
    try:
        y = int(year)
    except (TypeError, ValueError):
        return ""
    if published > f"{y:04d}-12-31":
        return ""
    return f"published {published}, before the end of {y}"


#: Schools report by academic year (2021-2022学年, year 2022, published that autumn).
_SCHOOL = re.compile(r"(?:大学|学院|学校|中学|小学|幼儿园)$")
_PAGE_DATE = re.compile(r"page's date (\d{4}-\d{2}-\d{2})")


def _repost_page_dates(probs: Any, index: Any) -> Any:
    """Per report, the page's date when the parser found the page a re-post
    (``reposted_page``: ``published`` is then the signature date), else None."""
    import pandas as pd

    out = pd.Series([None] * len(index), index=index, dtype=object)
    if probs.empty:
        return out
    rep = probs[probs["code"] == "reposted_page"]
    for rid, msg in zip(rep["report_id"], rep["message"], strict=True):
        m = _PAGE_DATE.search(msg or "")
        if m and rid in out.index:
            out[rid] = m.group(1)
    return out


def _with_repost(texts: Any, page_dates: Any) -> Any:
    """The date findings naming the date used: the signature date on a re-posted page."""
    return texts.combine(page_dates, lambda t, page: (
        f"{t} (signature date; the page's {page} is a re-post)" if t and page else t))


def _date_zh(published: str, page: str | None) -> str:
    """Which date a date finding used, in Chinese."""
    if page:
        return f"落款日期{published}（页面发布日期{page}晚一年以上，为转载页面，不作发布日期）"
    return f"发布日期{published}（页面发布日期，无页面日期时为落款日期，无落款日期时为标题下所注日期）"


def findings_zh(report: Any) -> tuple[str, ...]:
    """Each failed check of a parsed report (``report.checks`` with outcome ``fail``, in
    their order) as the audit's Chinese sentence (审查意见): the cell by its printed labels,
    both values, what to fix. ``nlp-reports parse`` prints it under each ``FAIL`` line, and
    the audit's cells say the same words, written once (:func:`_identity_zh`,
    :func:`_t1_zh`, :func:`_t2_zh`)."""
    overview = report.section(1)
    said = overview.text if overview is not None else None
    out = []
    for c in report.checks:
        if c.outcome != "fail":
            continue
        r = {"id": c.id, "table_id": c.table, "row": c.row, "column": c.column,
             "expected": c.expected, "found": c.found, "message": c.message}
        if c.id in ("I1", "I2", "I3", "I4"):
            out.append(_identity_zh(r))
        elif c.id == "T1":
            out.append(_t1_zh(r, said))
        elif c.id == "T2":
            out.append(_t2_zh(c.found))
        else:
            out.append(f"{c.id} {_cell_zh(str(c.table or ''), c.row, c.column)}：{c.message}")
    return tuple(out)


# --- the audit -----------------------------------------------------------------------------


def audit(db: str | os.PathLike[str] | Store, *, threshold: float = 0.8,
          years: Sequence[int] = (), folders: Sequence[str] = (),
          sort: str = "defects", agency_map: Any = None,
          agencies: Sequence[str] = (), deadlines: Any = None) -> Audit:
    """Audit every report in the store ``db``: one row per report (and per failed file).

    ``years`` / ``folders`` keep only the reports on those years / in those top folders
    (the ``folder`` column; failed files have no year and are kept by ``years``). The
    cross-year and copying checks still compare with every stored report. ``sort`` is the
    order of every output (:meth:`Audit.sorted`). ``agency_map`` (old name → new name, a
    dict or a CSV path: :func:`nlp_reports.corpus.summarize.read_agency_map`) links a renamed
    agency's years (copying, cross-year checks, ``texts_for_agency_year``); the rows keep
    the name as written. Without it, a note names agencies that look renamed.
    ``agencies`` keeps only the reports of these agencies (as ``summarize(agencies=…)``:
    an agency map's old and new names alike; failed files, of no agency, are left out); a
    name that matches no report is a :class:`~nlp_reports.errors.UsageError` naming the
    closest. ``deadlines`` ({level: "MM-DD"} or ``["township=03-31"]``,
    :func:`parse_deadlines`) sets the publication deadline of a level, for reports on 2019
    and later (a province that gives its townships until 31 March).
    """
    import importlib

    import pandas as pd

    sm = importlib.import_module("nlp_reports.corpus.summarize")
    sort = sort_column(sort)
    dates = parse_deadlines(deadlines)

    agency_map = sm.agency_map_arg(agency_map)
    store, owned = open_store(db, readonly=not isinstance(db, Store))
    try:
        frames = sm.load_frames(store, agency_map=agency_map)
        chosen = (sm.agency_report_ids(frames.reports, agencies, agency_map) if agencies
                  else None)  # (an unknown name fails before the audit is computed)
        sections = store.query("SELECT report_id, number, title, text FROM sections "
                               "WHERE number IN (1, 5, 6)")
        failures = store.failures()
        part_of = store.report_parts()
        copies = store.query("SELECT path, duplicate_of FROM duplicates")
        titles = store.query("SELECT id, title FROM reports")
        probs = store.problems()
        with_tables = store.query("SELECT DISTINCT report_id FROM report_tables")
        blanks = _blank_cell_rows(store)
        measures = store.query("SELECT report_id, text FROM statements "
                               "WHERE block = 'measure' OR kind = 'measure'")
    finally:
        if owned:
            store.close()
    if part_of:  # a compilation's reports: one row each, shown path#part
        frames.reports["path"] = [f"{p}#{part_of[i]}" if i in part_of else p
                                  for i, p in zip(frames.reports["id"], frames.reports["path"],
                                                  strict=True)]
    reps = frames.reports.set_index("id")
    st = frames.statements.merge(frames.reports[["id", "agency", "year"]].rename(
        columns={"id": "report_id"}), on="report_id", how="left")
    cols = _Columns(reps)
    for col in ("path", "agency", "year", "level", "region", "published"):
        cols.out[col] = reps[col]
    if "agency_as_written" in reps:  # a renamed report's row names it as it is written
        cols.out["agency"] = reps["agency_as_written"]
    notes = (sm.agency_map_notes(frames.reports, agency_map)
             + sm.rename_notes(frames.reports))
    from nlp_reports.parse.metadata import agency_key

    key = reps["agency"].map(agency_key, na_action="ignore")  # 行署 = 行政公署
    n_texts = reps.assign(key=key).groupby(["key", "year"], dropna=False)["path"].transform("size")
    cols.out["texts_for_agency_year"] = n_texts.where(reps["agency"].notna(), 1).astype(int)
    # a report on a year before 2019 answers to the 2007 条例 (format.md §3.7)
    old_rules = pd.to_numeric(reps["year"], errors="coerce") < 2019
    # a school, hospital or company (公共企事业单位) reports under its sector's rules (高等学校
    # 信息公开办法 …), not 条例 第五十条's format: the six parts and tables it lacks are no
    # defect — unless it wrote on that format (a national table read: 中国科学院, a hospital
    # using the government's template), which then holds it to all of it
    public = _public_bodies(reps) & ~reps.index.isin(with_tables["report_id"])

    # section 一's text is quoted by a T1 finding only: joined for those reports alone (for
    # every report it was a second copy of every 一, 320 MB held on 20,000 reports)
    t1_ids = frames.checks.loc[frames.checks["id"] == "T1", "report_id"]
    overview = sections[(sections["number"] == 1) & sections["report_id"].isin(t1_ids)]
    _table_findings(cols, frames.checks, sm.IDENTITY_CHECKS,
                    overview.groupby("report_id")["text"].agg("\n".join))
    outside5 = (probs.loc[probs["code"] == "statements_outside_section5", "report_id"]
                if len(probs) else ())
    _section_findings(cols, st, sections, old_rules, reps.index.isin(outside5), public)
    cols.add("t2_fees_without_6", *_t2_findings(reps, frames.checks, sections))
    cols.add("blank_cells", *_blank_cells(blanks, reps.index))
    _theme_and_copy_findings(cols, st, frames.reports, threshold, sm)
    held = _cross_year_findings(cols, sm.cross_year(frames.reports), frames.checks)
    _date_findings(cols, probs, dates)
    parse_problems, n, zh = _parse_problems(probs, reps.index, reps.index[old_rules.to_numpy()],
                                            cols.out["missing_sections"],
                                            reps.index[public.to_numpy()])
    cols.add("parse_problems", parse_problems, n, zh)
    cols.notices = _notices_zh(probs, reps.index)
    _public_body_notices(cols, probs, public)
    heading = probs[probs["code"] == "mixed_heading_numbering"] if len(probs) else probs
    cols.add("mixed_heading_numbering", *_listing(
        heading, reps.index, lambda r: str(r["message"] or ""), per="code",
        fmt_zh=lambda r: "六个部分的标题编号方式不统一：" + str(r["message"] or "").removeprefix(
            "section headings numbered in mixed styles: ")), signal=True)

    cols.add("file_name_year", *_file_name_year(reps, copies), signal=True)
    cols.add("same_year_texts", *_same_year_texts(
        reps, key, dict(zip(titles["id"], titles["title"], strict=True)), sm), signal=True)
    cols.add("names_other_agency", *_names_other_agency(
        reps, sections[sections["number"] == 5].groupby("report_id")["text"].agg("\n".join)),
        signal=True)
    cols.add("stale_year", *_stale_year(reps, measures), signal=True)

    out, zh_frame, counted = _with_failures(cols.finish(), cols.zh_frame(),
                                            cols.counted_frame(), failures)
    out["folder"] = sm.top_folders(out["path"].tolist())
    out = _typed(_with_last_year(out, counted, dict(zip(reps.index, key, strict=True)),
                                held))
    folder_of = dict(zip(out["report_id"], out["folder"], strict=True))
    if years:
        wanted = {int(y) for y in years}
        out = out[out["year"].isin(wanted).fillna(False).astype(bool) | (out["failed"] != "")]
    if folders:
        out = out[out["folder"].isin(set(folders))]
    if chosen is not None:
        out = out[out["report_id"].isin(chosen)]
    out = out.reset_index(drop=True)
    missing = _missing_reports(frames.reports, years, chosen, folders, folder_of, copies,
                               failures["path"].tolist() if len(failures) else [])
    notes += _missing_year_notes(missing, years)
    no_match = ""
    if (years or folders or chosen is not None) and len(frames.reports) and not (
            out["failed"] == "").any():
        no_match = _no_match(frames.reports, len(failures), years, folders, agencies, chosen)
    audited = frames.reports[frames.reports["id"].isin(out["report_id"])]
    notes += sm.models_notes(audited)  # (the theme findings of two models: two measurements)
    models = (sm.models_line(sm.models_of(audited), sm.model_cards_of(frames.models))
              if len(audited) else "")
    result = Audit(out[list(COLUMNS)], zh_frame, sort, counted, tuple(notes), no_match,
                   missing, models)
    result.sorted()  # an unknown sort column fails here, before any output is written
    return result


class _Columns:
    """The audit's columns while they are built: each finding column's values, its count
    toward ``defects`` or ``signals``, and its Chinese sentences (per report, a list)."""

    def __init__(self, reps: Any) -> None:
        import pandas as pd

        self.reps = reps
        self.out = pd.DataFrame(index=reps.index)
        self.defects = pd.Series(0, index=reps.index)
        self.signals = pd.Series(0, index=reps.index)
        self.zh: dict[str, Any] = {}
        self.counted: dict[str, Any] = {}  # defect columns: what each adds to ``defects``
        self.notices: Any = None  # per report, its notices in Chinese (no column, no count)

    def add(self, column: str, values: Any, count: Any, zh: Any, *, signal: bool = False
            ) -> None:
        self.out[column] = values
        if signal:
            self.signals += count
        else:
            self.defects += count
            self.counted[column] = count
        self.zh[column] = zh

    def finish(self) -> Any:
        """The rows with ``defects``, ``signals`` and ``findings_zh``, ``report_id`` a column."""
        out = self.out
        out["failed"] = ""
        out["defects"] = self.defects.astype(int)
        out["signals"] = self.signals.astype(int)
        out["findings_zh"] = _numbered([self.zh[c] for c in DEFECT_COLUMNS if c in self.zh])
        out["signals_zh"] = _numbered([*(self.zh[c] for c in SIGNAL_COLUMNS if c in self.zh),
                                       *self._notices()])
        return out.rename_axis("report_id").reset_index()

    def _notices(self) -> list[Any]:
        return [] if self.notices is None else [self.notices]

    def zh_frame(self) -> Any:
        """The Chinese sentences of every finding column, one row per report, by path, and
        the report's notices (:data:`NOTICES_ZH`)."""
        import pandas as pd

        said = {c: self.zh[c] for c in (*DEFECT_COLUMNS, *SIGNAL_COLUMNS) if c in self.zh}
        if self.notices is not None:
            said[NOTICES_ZH] = self.notices
        zh = pd.DataFrame(said)
        zh.index = self.out["path"].to_numpy()
        return zh

    def counted_frame(self) -> Any:
        """What each defect column adds to ``defects``, one row per report, by path."""
        import pandas as pd

        counted = pd.DataFrame(self.counted).astype(int)
        counted.index = self.out["path"].to_numpy()
        return counted


def _listing(rows: Any, index: Any, fmt: Any, per: str | None = None, fmt_zh: Any = None
             ) -> tuple[Any, Any, Any]:
    """Per report of ``index``: every row's text joined, how many count, and the Chinese
    sentences as a list — one per row, or one per distinct value of the column ``per``."""
    import pandas as pd

    if rows.empty:
        return (pd.Series("", index=index), pd.Series(0, index=index),
                pd.Series([[] for _ in range(len(index))], index=index, dtype=object))
    texts = rows.apply(fmt, axis=1)
    joined = texts.groupby(rows["report_id"]).agg(LIST_SEP.join)
    counts = (texts.groupby(rows["report_id"]).size() if per is None
              else rows.groupby("report_id")[per].nunique())
    zh_list = (rows.apply(fmt_zh, axis=1).groupby(rows["report_id"]).agg(list)
               if fmt_zh is not None else texts.groupby(rows["report_id"]).agg(list))
    return (joined.reindex(index, fill_value=""), counts.reindex(index, fill_value=0),
            _lists(zh_list.reindex(index)))


def _table_findings(cols: _Columns, checks: Any, identity_ids: Sequence[str],
                    overview: Any = None) -> None:
    """Identity failures I1–I4 and narrative figures contradicting the tables (T1);
    ``overview``: section 一's text per report id, to quote the word it uses."""
    import pandas as pd

    index = cols.reps.index
    ident = checks[checks["id"].isin(identity_ids)]
    listed, _, zh = _listing(ident, index, lambda r: (
        f"{r['id']} {_cell(r['table_id'], r['row'], r['column'])}: expected "
        f"{_fmt_num(r['expected'])}, found {_fmt_num(r['found'])}{_zero_note(r)}"),
        fmt_zh=_identity_zh)
    n, zh = _identity_defects(ident, index, zh)
    cols.add("identity_failures", listed, n, zh)
    t1 = checks[checks["id"] == "T1"]
    by_report = {rid: rows for rid, rows in ident.groupby("report_id", sort=False)}
    follows = pd.Series([_t1_follows_identity(r, by_report.get(r["report_id"]))
                         for _, r in t1.iterrows()], index=t1.index, dtype=bool)

    def t1_zh(r: Any) -> str:
        said = _t1_zh(r, None if overview is None else overview.get(r["report_id"]))
        return said + _T1_FOLLOWS_ZH if follows[r.name] else said

    listed, n_t1, zh = _listing(t1, index, lambda r: (
        r["message"] or f"{_cell(r['table_id'], r['row'], r['column'])}: text says "
         f"{_fmt_num(r['found'])}, table {_fmt_num(r['expected'])}"), fmt_zh=t1_zh)
    # the conditional T1 of a total failing I2/I4: listed (the text must be corrected with
    # the cell), counted with that identity failure — one stale 总计, one defect
    n_t1 = n_t1 - t1[follows].groupby("report_id").size().reindex(index, fill_value=0)
    cols.add("t1_contradictions", listed, n_t1, zh)


#: Said after a T1 sentence counted with the identity failure of its total (I2, I4).
_T1_FOLLOWS_ZH = "（与上述该总计的勾稽关系不符为同一处错误，已计入“勾稽关系不符”，不另计缺陷）"


def _t1_follows_identity(r: Any, mine: Any) -> bool:
    """Whether a T1 row follows a 表三/表四 total that fails its own identity — section 一
    agrees with that total ("…, not N: when that total is corrected, section 一 must be
    too") or with the cells it should add up to ("…, as section 一 says: the total is the
    cell to correct") — and its report's failed identities (``mine``; None: none) hold that
    failure: I2 on a 表三 row the T1 reads (总计 column), I4 on a 表四 group it reads. Either
    way one wrong cell, one defect."""
    if mine is None:
        return False
    parts = _T1_PARTS.search(str(r["message"] or ""))
    m = _T1_MESSAGE.search(str(r["message"] or ""))
    if parts is None or parts.group("how") not in ("not", "as") or m is None:
        return False
    for cell in m.group("cells").split(" + "):
        row, _, column = cell.partition("/")
        if m.group("table") == "table3":
            hit = mine[(mine["id"] == "I2") & (mine["table_id"] == "table3")
                       & (mine["column"] == "total")]["row"].astype(str)
            if (hit.str.startswith(row[:-1]) if row.endswith("*") else hit == row).any():
                return True
        elif m.group("table") == "table4":
            group = column.removesuffix(".total")
            if ((mine["id"] == "I4") & (mine["table_id"] == "table4")
                    & (mine["column"] == group)).any():
                return True
    return False


def _section_findings(cols: _Columns, st: Any, sections: Any, old_rules: Any,
                      outside5: Any, public: Any = None) -> None:
    """Missing sections, an empty or "无" section 五, a section 五 naming no concrete problem.

    ``outside5``: per report, True when it has no 五 and its problems and measures were read
    under a sub-heading of another part (``statements_outside_section5``): those statements
    are its 五's for the checks on what 五 says (no concrete problem, no measure).
    ``public``: per report, True for a public institution's or enterprise's (公共企事业单位),
    whose parts are its sector's, not the government format's six: none is missing.
    """
    import pandas as pd

    reps = cols.reps
    missing = reps["missing_sections"].map(lambda s: json.loads(s) if s else [])
    # before 2019 there was no 总体情况 to write: 2007 条例 第三十二条 asks for 主动公开,
    # 依申请公开, 收费及减免, 复议诉讼, 问题及改进, 其他事项, and many open straight with
    # 一、主动公开政府信息情况 (format.md §3.7). Its layout was free: "其他需要报告的事项" was
    # written only when there was something to report. Neither missing part is a defect, so
    # neither is listed among the defects (column, findings_zh, --by counts): a listed one
    # that added nothing to ``defects`` put a sound 2013 report under 缺陷 in the findings
    if public is None:
        public = [False] * len(reps)
    missing = pd.Series([[] if pub else [x for x in m if not (old and int(x) in (1, 6))]
                         for m, old, pub in zip(missing, old_rules, public, strict=True)],
                        index=reps.index, dtype=object)
    cols.add("missing_sections", missing.map(lambda m: ",".join(str(x) for x in m)),
             missing.map(len), missing.map(
                 lambda m: [f"缺少第{_cn(int(x))}部分“{SECTION_TITLES.get(int(x), '')}”"
                            for x in m]))

    sec5 = sections[sections["number"] == 5].groupby("report_id")["text"].agg("\n".join)
    has5 = pd.Series(reps.index.isin(sec5.index), index=reps.index)
    stmt_empty = st.assign(e=st["text"].map(is_empty_text)).groupby("report_id")["e"].all()
    says_nothing = sec5.map(is_empty_text).reindex(reps.index, fill_value=False)
    empty5 = has5 & ((reps["n_statements"] == 0)
                     | stmt_empty.reindex(reps.index, fill_value=True) | says_nothing)
    cols.add("section5_empty", empty5, empty5.astype(int), _flag_zh(
        empty5, "第五部分“存在的主要问题及改进情况”为空或仅写“无”“暂无突出问题”，未报告存在的问题"))

    # section 五 has statements, yet none is a problem on one of the 13 themes: only
    # boilerplate ("取得了一定成绩，但还存在一些不足") or only measures (format.md §4 items 5–6)
    concrete = st[(st["kind"] == "problem") & (st["theme_mask"] != 0)]["report_id"].unique()
    says5 = (has5 & ~empty5) | outside5  # statements that stand for section 五's
    vague = says5 & (reps["n_statements"] > 0) & ~reps.index.isin(concrete)
    annex = sec5.map(lambda t: bool(_ANNEX.search(t or ""))).reindex(
        reps.index, fill_value=False)
    # a report before 2019 had no fixed 第五部分: name the part by its own heading
    title5 = (sections[sections["number"] == 5].groupby("report_id")["title"].first()
              if "title" in sections else pd.Series(dtype=object))
    # the finding is the model's reading: a problem it gave no theme ("对所属高校…指导不够，
    # 部分高校年度报告提交滞后": timeliness 0.26) may be concrete, so such problems are quoted
    # for the reviewer; no cut on the top theme score tells them from vague ones (docs/audit.md)
    untagged = st[(st["kind"] == "problem") & (st["theme_mask"] == 0)
                  & st["report_id"].isin(reps.index[vague])]
    quoted = untagged.groupby("report_id")["text"].agg(list)
    cols.add("no_concrete_problem", vague, vague.astype(int), pd.Series(
        [[_old_part(_ANNEX_ZH if ax else _vague_zh(quoted.get(rid, ())), title5.get(rid), old)]
         if v else []
         for rid, v, ax, old in zip(reps.index, vague, annex, old_rules, strict=True)],
        index=reps.index, dtype=object))

    # problems and not one measure: 第五十条 asks for 存在的主要问题及改进情况, the
    # improvement as much as the problem (a defect, as no_concrete_problem is)
    kinds = st.groupby(["report_id", "kind"]).size().unstack(fill_value=0)
    n_problems = (kinds["problem"] if "problem" in kinds else pd.Series(dtype=int)).reindex(
        reps.index, fill_value=0)
    n_measures = (kinds["measure"] if "measure" in kinds else pd.Series(dtype=int)).reindex(
        reps.index, fill_value=0)
    no_measures = says5 & ~annex & (n_problems > 0) & (n_measures == 0)
    cols.add("no_measures", no_measures, no_measures.astype(int), pd.Series(
        [[_old_part(f"第五部分“存在的主要问题及改进情况”只有问题，没有改进措施（列出{k}条问题，"
                    "未写任何改进措施）", title5.get(rid), old)] if bad else []
         for rid, bad, k, old in zip(reps.index, no_measures, n_problems, old_rules, strict=True)],
        index=reps.index, dtype=object))


#: A section 五 that sends the reader to an annex (详见附件《问题整改清单》).
_ANNEX = re.compile(r"(?:详|具体)?见附件|附件[《“]")
_VAGUE_ZH = ("第五部分“存在的主要问题及改进情况”中未识别出具体问题的主题（模型只读到“取得了一定成绩，"
             "但还存在一些不足”之类的套话，或只读到改进措施）")


def _vague_zh(problems: Sequence[str]) -> str:
    """The no_concrete_problem sentence: what the model read (未识别出具体问题的主题), and the
    problems it read with no theme — quoted (the first two, 40 characters each) for the
    reviewer to judge, since a concrete problem outside the model's reach reads the same."""
    if not problems:
        return _VAGUE_ZH
    said = "；".join(f"“{t[:40]}{'…' if len(t) > 40 else ''}”" for t in problems[:2])
    more = f"等{len(problems)}条" if len(problems) > 2 else ""
    return ("第五部分“存在的主要问题及改进情况”中未识别出具体问题的主题：模型读到的问题"
            f"{said}{more}未归入13个主题中的任何一个（可能是套话，也可能是模型未能识别的具体问题），"
            "请人工核对；确为具体问题的，不计此项")
_ANNEX_ZH = ("第五部分“存在的主要问题及改进情况”仅称详见附件，未在报告中写明存在的问题和改进情况"
             "（年度报告应在正文中报告）")


def _old_part(sentence: str, title: Any, old: bool) -> str:
    """``sentence`` said of a report before 2019 (``old``; else as it is), whose free layout
    (2007 条例) had no 第五部分: the part on problems named as such, with the report's own
    heading ("七、下一步工作打算" is stored as 下一步工作打算) — a reader of an eight-part 2012
    report finds no 第五部分“存在的主要问题及改进情况” in it."""
    if not old:
        return sentence
    own = f"（原文标题为“{title}”）" if isinstance(title, str) and title.strip() else ""
    return sentence.replace("第五部分“存在的主要问题及改进情况”",
                            f"“存在的主要问题及改进情况”部分{own}", 1)


def _t2_findings(reps: Any, checks: Any, sections: Any) -> tuple[Any, Any, Any]:
    """Fees charged in 表二 with a section 六 of "无" (T2), with the amount in Chinese."""
    import pandas as pd

    t2 = _t2(reps, checks, sections)
    fees = reps["fees"].astype(float)
    zh = pd.Series([[_t2_zh(f)] if bad else [] for bad, f in zip(t2, fees, strict=True)],
                   index=reps.index)
    return t2, t2.astype(int), zh


def _t2_zh(fee: Any) -> str:
    """T2 in Chinese: the fee charged, and section 六 saying only 无."""
    return (f"表二 第二十条第（八）项“行政事业性收费”本年收费金额为{_fmt_num(fee)}万元，但第六部分"
            "“其他需要报告的事项”只写“无”，未说明收费情况")


def _theme_and_copy_findings(cols: _Columns, st: Any, reports: Any, threshold: float,
                             sm: Any) -> None:
    """Signals: problems whose theme gets no measure, statements copied from the agency's
    report of the year before, statements shared with other agencies (boilerplate)."""
    import numpy as np
    import pandas as pd

    from nlp_reports.corpus import copying

    reps = cols.reps
    # a problem statement is matched when a measure of the report shares one of its themes:
    # the model often gives a problem a second theme its measure does not name ("…深度和
    # 广度不够" content_quality besides proactivity), and matching theme by theme flagged
    # most sound reports (21 of 39 in a folder of real reports)
    mask = st["theme_mask"].to_numpy(dtype=np.int64)
    is_measure = (st["kind"] == "measure").to_numpy()
    measured = pd.Series(mask[is_measure], index=st["report_id"].to_numpy()[is_measure])
    measured = measured.groupby(level=0).agg(np.bitwise_or.reduce)
    problems = st.loc[(st["kind"] == "problem").to_numpy() & (mask != 0),
                      ["report_id", "theme_mask"]]
    covered = problems["report_id"].map(measured).fillna(0).astype(np.int64).to_numpy()
    alone = problems[(problems["theme_mask"].to_numpy(dtype=np.int64) & covered) == 0]
    n_alone = alone.groupby("report_id").size().reindex(reps.index, fill_value=0)
    if "no_measures" in cols.out:  # no measure at all: the defect no_measures says it
        n_alone = n_alone.where(~cols.out["no_measures"].astype(bool), 0)
    union = alone.groupby("report_id")["theme_mask"].agg(np.bitwise_or.reduce)
    themes = union.map(lambda m: "、".join(THEME_NAMES[t] for j, t in enumerate(THEME_IDS)
                                          if int(m) >> j & 1)).astype(object).reindex(
        reps.index, fill_value="")
    themes = themes.where(n_alone > 0, "")
    cols.add("unmatched_problems", themes, n_alone, pd.Series(
        [[f"有{k}条问题在改进措施中没有对应（问题主题：{t}）"] if k else []
         for k, t in zip(n_alone, themes, strict=True)], index=reps.index), signal=True)

    index = copying.NearDuplicateIndex.build(st["text"].tolist())
    by_report, copied = copying.year_over_year(st, reports, index, threshold=threshold)
    # problems and measures only: a lead-in or a sub-heading repeated every year is no copy
    if "kind" in copied.columns:
        copied = copied[copied["kind"].isin(("problem", "measure"))]
    n_copied = copied.groupby("report_id").size().reindex(reps.index, fill_value=0)
    # the year compared with: the latest earlier one whose 五 states something (2021 when
    # 2022's says only 无), named in the sentences
    source = by_report.set_index("report_id")["prev_year"].reindex(reps.index)
    own = st["kind"].isin(("problem", "measure")).to_numpy() & ~copying.announcements(
        st["text"].tolist())  # "下一步，我们将：" tagged measure is no measure of its own
    n_own = st[own].groupby("report_id").size().reindex(reps.index, fill_value=0)
    cols.add("copied_from_last_year", n_copied, n_copied, pd.Series(
        [[_copied_zh(k, n, y, t)] if k else []
         for k, n, y, t in zip(n_copied, n_own, source, reps["year"], strict=True)],
        index=reps.index),
        signal=True)
    # nine in ten of 3+ problems and measures copied: the 五 reports last year, not this one
    # (内容雷同, a defect); partial copying stays the signal above
    whole = (n_own >= COPIED_MIN_STATEMENTS) & (n_copied * 100 >= COPIED_SHARE * n_own)
    cols.add("section5_copied", whole, whole.astype(int), pd.Series(
        [[_section5_copied_zh(k, n, y)] if bad else []
         for bad, k, n, y in zip(whole, n_copied, n_own, source, strict=True)], index=reps.index))
    _, members = copying.boilerplate(st, index, threshold=threshold)
    n_shared = members.groupby("report_id").size().reindex(reps.index, fill_value=0)
    shared = _shared_lists(members, reps)
    # a copy of another agency's section 五 cut into statements differently: the rest of
    # the report is looked for inside the report(s) of the agency it shares most with
    inside = _found_in_top_agency(st, index, members, reps, shared)
    if len(inside):
        n_shared = n_shared.add(inside.groupby("report_id").size(), fill_value=0).astype(int)
        shared = _with_found(shared, inside)
    cols.out["shared_with"] = shared.map(
        lambda v: _shared_text(v, SHARED_WITH_NAMES, counts=True) if v else "")
    wording = st[["report_id", "idx"]].assign(uid=index.uid)  # row i ↔ index.uid[i]
    private = _private_counts(members.merge(wording, on=["report_id", "idx"], how="left")
                              if len(members) else members, reps, inside)
    cols.add("shared_with_other_agencies", n_shared, n_shared, pd.Series(
        [([f"有{k}条表述与其他机关（{_shared_text(v, SHARED_WITH_ZH_NAMES)}）的表述相同或近似"
           "（套话雷同）" if v else f"有{k}条表述与其他机关的表述相同或近似（套话雷同）"]
          + _one_source_zh(v, n, private.get(rid, {}))) if k else []
         for rid, k, v, n in zip(reps.index, n_shared, shared, n_own, strict=True)],
        index=reps.index), signal=True)


#: ``section5_copied``: the share (%) of section 五's problems and measures copied from the
#: agency's report of the year before that makes the defect, and the fewest statements it
#: needs (two of two copied is too little to say a 五 was copied whole).
COPIED_SHARE = 90
COPIED_MIN_STATEMENTS = 3


def _section5_copied_zh(k: int, n: int, source: Any) -> str:
    """The section5_copied sentence: the share copied and the year copied from (``source``:
    copying's ``prev_year``, not always the year before)."""
    share = "全部" if k >= n else f"{k}条（占{100 * k // n}%）"
    return (f"第五部分“存在的主要问题及改进情况”共{n}条问题和改进措施，{share}照搬本机关"
            f"{_source_year_zh(source)}报告（内容雷同），"
            "未写明本年度存在的问题和改进情况")


def _source_year_zh(source: Any) -> str:
    """"2021年度" for the year copied from; "上一年度" when it is unknown."""
    try:
        return f"{int(source)}年度"
    except (TypeError, ValueError):
        return "上一年度"


def _copied_zh(k: int, n: int, source: Any, year: Any = None) -> str:
    """The copied_from_last_year sentence, with the share of section 五's ``n`` problems and
    measures, so that six of eight repeated is told apart from one sentence in twelve; a
    section 五 copied whole says so. ``source``: the year compared with (copying's
    ``prev_year``); 上年 only when it is the year before ``year`` (a 2023 copy of 2021 over
    a silent 2022 is not 上年's)."""
    last = _source_year_zh(source)
    try:
        then = "上年" if int(source) == int(year) - 1 else last
    except (TypeError, ValueError):
        then = "上年"
    head = f"第五部分有{k}条问题或改进措施表述与本机关{last}报告相同或近似"
    if n and k >= n:
        same = "上年" if then == "上年" else f"{then}报告"
        return f"{head}：第五部分全部{n}条均与{same}相同（整体沿用{then}表述，占100%）"
    if n:
        return f"{head}（第五部分共{n}条问题和改进措施，占{round(100 * k / n)}%，沿用{then}表述）"
    return f"{head}（沿用{then}表述）"


def _cross_year_findings(cols: _Columns, cross: Any, checks: Any) -> dict[Any, list[str]]:
    """Failed cross-year identities: hard ones (X1) are defects, soft ones (X2) signals;
    one finding per check, since a carry-over that does not match last year's report
    usually differs in every column at once (7 cells of X1), which is one error, not seven.

    An X1 failure in a column where the year before's own 表三 fails an identity over its
    row 四 cell (:func:`~nlp_reports.corpus.summarize.previous_inconsistent`, which
    the summary's ``cross_year`` flags too) is a signal, not a defect of year t: the
    year before may hold the error (a 商业企业 pending case of 1 that its own I1 says is
    0, and a carry-over of 0 that is right). Returns those columns per report id, for
    the follow-up (:func:`_with_last_year`).

    A year filed twice (a report and its corrected text) is compared with both: a cell
    that agrees with one of them is no finding of year t, though it fails against the
    other (that text's figure is the other text's matter, and the same-year note asks
    which is in force)."""
    from nlp_reports.corpus.summarize import cross_year_failures, previous_inconsistent

    cross = cross_year_failures(cross)
    if len(cross):  # the columns in the form's order (自然人 … 总计), not alphabetical
        from nlp_reports.parse.layout import TABLE3_COLUMNS

        place = {c: i for i, (c, _) in enumerate(TABLE3_COLUMNS)}
        cross = cross.assign(_at=cross["column"].map(place).fillna(len(place)))
        cross = cross.sort_values(["_at"], kind="stable").drop(columns="_at")
    cross = cross.assign(_prev=previous_inconsistent(cross, checks))
    soft = cross["soft"].astype(bool) | (cross["_prev"] != "")

    def cross_text(r: Any) -> str:
        ids = str(r["_prev"]).replace("、", " and ")
        prev = (f" (the year before's 表三 itself fails {ids} in this column: either "
                "year may hold the error)" if r["_prev"] else "")
        return (f"{r['check']} {_cell(r['table_id'], r['row'], r['column'])}: expected "
                f"{_fmt_num(r['expected'])}, found {_fmt_num(r['found'])}{prev}")

    index = cols.reps.index
    cols.add("cross_year_failures", *_listing(cross[~soft], index, cross_text, per="check",
                                              fmt_zh=_cross_zh))
    cols.add("cross_year_soft", *_listing(cross[soft], index, cross_text, per="check",
                                          fmt_zh=_cross_zh), signal=True)
    held = cross[cross["_prev"] != ""]
    return {rid: [_column_name("table3", c) for c in dict.fromkeys(g["column"])]
            for rid, g in held.groupby("report_id", sort=False)}


def _public_bodies(reps: Any) -> Any:
    """Per report (a bool Series on ``reps``' index), whether its agency is a public
    institution's or enterprise's (公共企事业单位: a school, hospital, company — the names
    the parser gives no level, :data:`nlp_reports.parse.metadata._NO_LEVEL`)."""
    import pandas as pd

    from nlp_reports.parse.metadata import _NO_LEVEL

    return pd.Series([isinstance(a, str) and bool(_NO_LEVEL.search(a)) for a in reps["agency"]],
                     index=reps.index, dtype=bool)


def _date_findings(cols: _Columns, probs: Any, dates: Mapping[str, str] | None = None
                   ) -> None:
    """Publication after the year's deadline, or before the year reported on was over; a
    report on year 2021+ on the 2019 template. The date used is named: the page's
    发布日期, or the signature date (落款) when there is no page date or the page is a
    re-post (``reposted_page``: dated a year or more after the signature)."""
    import pandas as pd

    reps = cols.reps
    rows = list(zip(reps["published"], reps["year"], reps["level"], strict=True))
    # 第四十九条 sets no date for 公共企事业单位 (a university reports by the end of October
    # under 高等学校信息公开办法): a school, hospital or company is never late by it
    outside = _public_bodies(reps).tolist()
    page_dates = _repost_page_dates(probs, reps.index)
    late = pd.Series(["" if out else _late(p, y, lv, dates) for (p, y, lv), out
                      in zip(rows, outside, strict=True)], index=reps.index, dtype=object)
    late = _with_repost(late, page_dates)
    cols.add("published_late", late, (late != "").astype(int), pd.Series(
        [[f"{_date_zh(p, page)}，晚于{deadline(y, lv, dates)[0]}的公开期限（"  # type: ignore[index]
          f"{deadline(y, lv, dates)[1]}）"]  # type: ignore[index]
         if text else [] for text, (p, y, lv), page
         in zip(late, rows, page_dates, strict=True)], index=reps.index))

    # a report published before the year it reports on is over: the title's year is wrong
    # (the body describes the year before) or the date is; a school's 学年 report (ending in
    # the summer of its year) is not
    school = [isinstance(a, str) and bool(_SCHOOL.search(a)) for a in reps["agency"]]
    early = pd.Series(["" if sch else _early(p, y) for (p, y, _), sch
                       in zip(rows, school, strict=True)], index=reps.index, dtype=object)
    early = _with_repost(early, page_dates)
    cols.add("published_early", early, (early != "").astype(int), pd.Series(
        [[f"{_date_zh(p, page)}，早于{int(y)}年度结束，报告年度或日期有误（如标题年度与正文所述"
          "年度不符，或日期写错）"]
         if text else [] for text, (p, y, _), page
         in zip(early, rows, page_dates, strict=True)], index=reps.index))

    year_num = pd.to_numeric(reps["year"], errors="coerce")
    outdated = ((reps["format"] == "2019") & (year_num >= 2021)).fillna(False).astype(bool)
    cols.add("outdated_template", outdated, outdated.astype(int), pd.Series(
        [[f"{int(y)}年度报告仍按2019年试行格式（国办公开办函〔2019〕60号）编制，应使用2021年"
          "修订的格式（国办公开办函〔2021〕30号），如表三（六）应分三项"] if bad else []
         for bad, y in zip(outdated, year_num, strict=True)], index=reps.index))


def failure_zh(failed: str) -> str:
    """The sentence for a failed file's ``failed`` cell (``reason: message``): 文件无法读取
    (a compilation with parts that failed: 汇编中有报告无法读取, the file itself was read),
    what it means in Chinese (:func:`failure_meaning_zh`), then the cell itself (its
    command or detail)."""
    meaning = failure_meaning_zh(failed)
    if failed.startswith(PART_FAILED):  # the file was read: only some of its reports were not
        return f"汇编中有报告无法读取：{meaning}（{failed}）"
    return f"文件无法读取：{meaning}（{failed}）" if meaning else f"文件无法读取（{failed}）"


def _with_failures(out: Any, zh_frame: Any, counted: Any, failures: Any
                   ) -> tuple[Any, Any, Any]:
    """The rows of the files that could not be read added to the report rows (a defect each)."""
    import pandas as pd

    if not len(failures):
        return out, zh_frame, counted
    failed = pd.DataFrame({
        "report_id": pd.array([pd.NA] * len(failures), dtype="Int64"),
        "path": failures["path"], "defects": 1, "signals": 0, "texts_for_agency_year": 0,
        "failed": failures["reason"] + ": " + failures["message"].fillna(""),
    })
    failed["findings_zh"] = ["（1）" + failure_zh(f) for f in failed["failed"]]
    extra = pd.DataFrame({"failed": [[failure_zh(f)] for f in failed["failed"]]},
                         index=failed["path"].to_numpy())
    failed_counts = pd.DataFrame({"failed": 1}, index=failed["path"].to_numpy())
    return (pd.concat([out, failed], ignore_index=True), pd.concat([zh_frame, extra]),
            pd.concat([counted, failed_counts]).fillna(0).astype(int))


def _with_last_year(out: Any, counted: Any, keys: Mapping[Any, Any],
                    held: Mapping[Any, Sequence[str]] | None = None) -> Any:
    """``out`` with the follow-up of each report's agency's report on the year before
    (整改情况; the agency as ``texts_for_agency_year`` groups it, an ``--agency-map``'s old
    and new name one): that report's ``defects_last_year``, the defect columns counted in
    both (``recurring``: the same kind of defect again, not necessarily the same cell),
    and a Chinese sentence naming them, those fixed and those new (``last_year_zh``).
    The report compared with is the agency's latest earlier stored one: the year before,
    or, when that year's report is not stored, the last year before the gap (as copying's
    ``prev_year`` passes over a gap; the sentence then names that year, not 上年度). Unlike
    copying, a stored year whose 五 says only 无 is compared with: its defects are the ones
    to follow up. Empty when the
    agency has no earlier stored report; computed before the ``--year`` filter, so a 2024
    row is followed up against the 2023 report it hides.
    ``held`` (report id → 表三 column names): the columns where the report's carry-over
    fails X1 against a year before whose own 表三 fails there (:func:`_cross_year_findings`);
    that year's identity failures are then not called fixed, as the inconsistency still
    reaches this year's carry-over."""
    import pandas as pd

    kinds = [c for c in DEFECT_COLUMNS if c in counted.columns]
    mine = counted.loc[out["path"], kinds]
    rows = pd.DataFrame(mine.gt(0).to_numpy(), columns=kinds).assign(
        n=mine.sum(axis=1).to_numpy(), key=[keys.get(r) for r in out["report_id"]],
        year=pd.to_numeric(out["year"]).astype("float64").to_numpy())
    known = (rows["key"].notna() & rows["year"].notna()).to_numpy()
    # per agency and year (two texts of a year: a kind found in either counts as found),
    # then each row's agency on its latest earlier stored year (the year before, or the
    # last before a gap), in one lookup, not a scan per row
    years = rows[known].groupby(["key", "year"]).agg({**dict.fromkeys(kinds, "any"),
                                                     "n": "max"})
    from nlp_reports.corpus.copying import base_years

    stored = years.index.to_frame(index=False).rename(columns={"key": "agency"})
    base = base_years(stored, stored)  # (every stored year is a base here, 五 or not)
    base_of = dict(zip(zip(base["agency"], base["year"], strict=True), base["base_year"],
                       strict=True))
    compared = [base_of.get((k, int(y)), float("nan")) if ok else float("nan")
                for k, y, ok in zip(rows["key"], rows["year"], known, strict=True)]
    before = years.reindex(pd.MultiIndex.from_arrays([rows["key"], compared]))
    has = known & before["n"].notna().to_numpy()
    was_of = before[kinds].to_numpy(dtype=bool, na_value=False)
    now_of = rows[kinds].to_numpy(dtype=bool)
    n_last: list[Any] = []
    recurring: list[str] = []
    said: list[str] = []
    for i, year in enumerate(rows["year"]):
        if not has[i]:
            n_last.append(pd.NA)
            recurring.append("")
            said.append("")
            continue
        was = [c for c, x in zip(kinds, was_of[i], strict=True) if x]
        now = [c for c, x in zip(kinds, now_of[i], strict=True) if x]
        n_last.append(int(before["n"].iat[i]))
        again = [c for c in was if c in now]
        recurring.append(LIST_SEP.join(again))
        fixed = [c for c in was if c not in now]
        columns = (held or {}).get(out["report_id"].iat[i])
        if columns and "identity_failures" in fixed:
            fixed.remove("identity_failures")
        else:
            columns = None
        said.append(_last_year_zh(int(compared[i]), n_last[-1], was, again, fixed,
                                  [c for c in now if c not in was], columns,
                                  this_year=int(year)))
    return out.assign(defects_last_year=pd.array(n_last, dtype="Int64"), recurring=recurring,
                      last_year_zh=said)


def _last_year_zh(year: int, n: int, was: Sequence[str], again: Sequence[str],
                  fixed: Sequence[str], new: Sequence[str],
                  held: Sequence[str] | None = None, *, this_year: int | None = None) -> str:
    """整改情况 as a sentence: 上年度（2023年度）报告有2个缺陷（…）。未整改…；已改正…；本年度新出现…。
    ``year`` is the year compared with; when it is not the year before ``this_year`` (the
    agency's reports of the years between are not stored), the sentence names it and the
    gap: 2022年度报告（库中没有本机关2023年度报告，与此前最近的2022年度报告比较）有….
    ``held``: the 表三 columns where last year's identity failure reaches this year's
    carry-over (X1): 勾稽关系不符 is said not to be shown fixed, rather than 已改正."""
    def names(cols: Sequence[str]) -> str:
        return "、".join(COLUMN_NAMES_ZH[c] for c in cols)

    if this_year is None or this_year - 1 == year:
        report = f"上年度（{year}年度）报告"
    else:
        gap = (f"{year + 1}年度" if this_year - year == 2
               else f"{year + 1}—{this_year - 1}年度")
        report = f"{year}年度报告（库中没有本机关{gap}报告，与此前最近的{year}年度报告比较）"
    head = f"{report}有{n}个缺陷（{names(was)}）" if was else f"{report}无缺陷"
    parts = [f"未整改（本年度再次出现同类缺陷）：{names(again)}" if again else "",
             f"已改正：{names(fixed)}" if fixed else "",
             f"本年度新出现：{names(new)}" if new else "",
             (f"{COLUMN_NAMES_ZH['identity_failures']}：本年度表格未再出现，但上年度表三"
              f"{'、'.join(held)}列本身不一致，本年度“上年结转”与之不衔接（见提示），"
              "上年度的该处错误不能认为已改正") if held else ""]
    tail = "；".join(p for p in parts if p)
    if not tail:
        tail = "本年度亦无缺陷"
    return f"{head}，{tail}。" if not was else f"{head}。{tail}。"


def _typed(out: Any) -> Any:
    """Every column in its one type, the failed files' empty cells filled ("", False, 0)."""
    for col in ("identity_failures", "t1_contradictions", "missing_sections",
                "unmatched_problems", "cross_year_failures", "cross_year_soft",
                "parse_problems", "failed", "agency", "level", "region", "published",
                "blank_cells", "published_late", "published_early", "mixed_heading_numbering",
                "shared_with", "findings_zh", "signals_zh", "file_name_year", "folder",
                "recurring", "last_year_zh"):
        out[col] = out[col].astype(object).where(out[col].notna(), "")
    for col in ("section5_empty", "no_concrete_problem", "no_measures", "section5_copied",
                "t2_fees_without_6", "outdated_template"):
        out[col] = out[col].astype(object).where(out[col].notna(), False).astype(bool)
    for col in ("copied_from_last_year", "shared_with_other_agencies", "defects", "signals",
                "texts_for_agency_year"):
        out[col] = out[col].fillna(0).astype(int)
    out["year"] = out["year"].astype("Int64")
    return out


def _lists(series: Any) -> Any:
    """A Series whose missing cells become empty lists."""
    return series.map(lambda v: v if isinstance(v, list) else [])


def _flag_zh(flags: Any, sentence: str) -> Any:
    import pandas as pd

    return pd.Series([[sentence] if f else [] for f in flags], index=flags.index, dtype=object)


def _year_zh(year: Any, offset: int = 0) -> str:
    """"2023年度" for ``year`` + ``offset``; "上一年度" / "本年度" when the year is unknown."""
    try:
        return f"{int(year) + offset}年度"
    except (TypeError, ValueError):
        return "上一年度" if offset < 0 else "本年度"


def _numbered(columns: list[Any]) -> list[str]:
    """Per row, the Chinese sentences of every column, numbered （1）…。（2）…。 to paste."""
    out = []
    for items in zip(*columns, strict=True):
        flat = [s for lst in items for s in lst]
        out.append("".join(f"（{i}）{s}。" for i, s in enumerate(flat, 1)))
    return out


#: Agencies named in a ``shared_with`` cell; the rest are counted.
SHARED_WITH_NAMES = 5
#: Agencies named in the Chinese sentence of ``shared_with_other_agencies`` (signals_zh).
SHARED_WITH_ZH_NAMES = 3
#: Agencies of one boilerplate cluster taken into ``shared_with`` (those with the most
#: statements in it): a stock phrase shared by thousands of agencies would otherwise make
#: the report × agency table as big as their product.
SHARED_WITH_PER_CLUSTER = 50


def _shared_text(shared: tuple[list[str], list[int], int, bool], names: int, *,
                 counts: bool = False) -> str:
    """"甲、乙等12个机关": the first ``names`` agencies of a :func:`_shared_lists` entry,
    then how many in all when there are more; with ``counts``, how many statements each
    shares when more than one ("甲（6）、乙、丙等12个机关")."""
    agencies, n, total, capped = shared
    text = "、".join(f"{a}（{k}）" if counts and k > 1 else a
                    for a, k in zip(agencies[:names], n, strict=False))
    if total > names:
        text += f"等{'至少' if capped else ''}{total}个机关"
    return text


#: One agency is the source of a section 五 when it shares at least ONE_SOURCE_MIN
#: statements and ONE_SOURCE_SHARE of the report's problems and measures, and stands out
#: from the next agency (see :func:`_one_source_zh`).
ONE_SOURCE_MIN, ONE_SOURCE_SHARE = 3, 0.8
#: A statement shared by this many agencies or more is boilerplate (套话, often issued from
#: above): it says nothing about which one agency a report was copied from.
BOILERPLATE_AGENCIES = 3
#: A whole copy (100% of section 五) is named when the next agency shares at most this share.
ONE_SOURCE_NEXT_SHARE = 0.6


def _one_source_zh(shared: Any, n_own: int, private: dict[str, int] | None = None
                   ) -> list[str]:
    """The sentence saying that most of section 五 matches ONE other agency's report (a
    report copied whole, not boilerplate shared with many), [] otherwise.

    The top agency must share :data:`ONE_SOURCE_MIN` statements or more and
    :data:`ONE_SOURCE_SHARE` of the ``n_own`` problems and measures, and stand out from
    the next agency in one of three ways: it shares twice as many statements; or it shares
    all of them and the next at most :data:`ONE_SOURCE_NEXT_SHARE`; or, of the statements
    shared with fewer than :data:`BOILERPLATE_AGENCIES` agencies (``private``: agency →
    count, boilerplate left out), it shares at least two and twice as many as any other
    agency. Under a city's heavy boilerplate every report shares a few statements with
    dozens of agencies, and a whole copy (9 of 9 shared with the source, 5 with the next)
    was never named by the first test alone.
    """
    if not shared or not n_own:
        return []
    agencies, n, _, _ = shared
    top, second = n[0], (n[1] if len(n) > 1 else 0)
    if top < ONE_SOURCE_MIN or top < ONE_SOURCE_SHARE * n_own:
        return []
    private = private or {}
    own = private.get(agencies[0], 0)
    rest = max((k for a, k in private.items() if a != agencies[0]), default=0)
    if own < 1 or not (top >= 2 * second
                       or (top >= n_own and second <= ONE_SOURCE_NEXT_SHARE * n_own)
                       or (own >= 2 and own >= 2 * rest)):
        return []
    return [f"第五部分{n_own}条问题和改进措施中有{min(top, n_own)}条与{agencies[0]}的报告相同或近似"
            "（两份报告可能有一份照搬另一份）"]


def _private_counts(members: Any, reps: Any, found: Any) -> dict[Any, dict[str, int]]:
    """Per report, agency → how many of its statements it shares with that agency beyond
    boilerplate: in a cluster of near duplicates that fewer than
    :data:`BOILERPLATE_AGENCIES` agencies (itself included) write, or in the very wording
    (normalised text, ``uid``) that fewer than that many write — a copy keeps a stock
    phrase's lead-in and tail word for word, where dozens of agencies vary them round the
    same core; the statements :func:`_found_in_top_agency` found inside that agency's
    text are added."""
    import pandas as pd

    out: dict[Any, dict[str, int]] = {}
    if len(members):
        units = [u for u in ("cluster", "uid") if u in members.columns]
        m = members[["report_id", "idx", *units]].assign(
            agency=reps["agency"].reindex(members["report_id"]).to_numpy()).dropna(
            subset=["agency"])
        pairs = []
        for unit in units:
            few = m[m.groupby(unit)["agency"].transform("nunique") < BOILERPLATE_AGENCIES]
            p = few[["report_id", "idx", unit, "agency"]].merge(
                few[[unit, "agency"]].drop_duplicates().rename(columns={"agency": "other"}),
                on=unit)
            pairs.append(p.loc[p["agency"] != p["other"], ["report_id", "idx", "other"]])
        both = pd.concat(pairs).drop_duplicates()
        for (rid, other), k in both.groupby(["report_id", "other"]).size().items():
            out.setdefault(rid, {})[str(other)] = int(k)
    if len(found):
        for (rid, other), k in found.groupby(["report_id", "agency"]).size().items():
            d = out.setdefault(rid, {})
            d[str(other)] = d.get(str(other), 0) + int(k)
    return out


#: Another agency's report is searched for a report's statements cut differently (see
#: :func:`_found_in_top_agency`) when that agency already shares this many statements.
CONTAINED_MIN_SHARED = 2


def _found_in_top_agency(st: Any, index: Any, members: Any, reps: Any, shared: Any) -> Any:
    """Statements of a report found word for word inside the section 五 of the other
    agency it shares most statements with (report_id, idx, agency).

    The clusters compare statement with statement, so a copy of another agency's section
    五 cut into statements differently (two of its statements merged into one, one cut in
    two) shares only the pieces cut alike. For each report whose top agency (ties
    included) shares at least :data:`CONTAINED_MIN_SHARED` statements, its other
    statements are looked for (:func:`copying.found_inside`: 20 normalised characters or
    more, one contiguous stretch) in that agency's reports it shares a statement with — a
    handful of pairs, not all of them. Statements already in a cluster shared with any
    other agency are not looked for: a formula many agencies write (a boilerplate list
    such as "加强业务培训，…") says nothing about copying from this agency.
    """
    import numpy as np
    import pandas as pd

    from nlp_reports.corpus import copying

    empty = pd.DataFrame({"report_id": [], "idx": [], "agency": []})
    in_cluster = np.asarray(pd.MultiIndex.from_frame(st[["report_id", "idx"]]).isin(
        pd.MultiIndex.from_frame(members[["report_id", "idx"]])))
    rest = set(st["report_id"].to_numpy()[~in_cluster].tolist())  # reports with some left
    tops = [(rid, a) for rid, v in shared.dropna().items()
            if rid in rest and v[1][0] >= CONTAINED_MIN_SHARED
            for a, k in zip(v[0], v[1], strict=False) if k == v[1][0]]
    if not tops:
        return empty
    tops = pd.DataFrame(tops, columns=["report_id", "agency"])
    m = members[["report_id", "cluster"]].drop_duplicates()
    m = m.assign(agency=reps["agency"].reindex(m["report_id"]).to_numpy())
    # the top agency's reports that share a cluster with the report
    pairs = tops.merge(m[["report_id", "cluster"]], on="report_id").merge(
        m.rename(columns={"report_id": "other_report_id"}), on=["cluster", "agency"])
    pairs = pairs[["report_id", "other_report_id"]].drop_duplicates()
    found = copying.found_inside(st, index, pairs, skip=in_cluster | copying.announcements(
        st["text"].tolist()))
    if found.empty:
        return empty
    return found.assign(agency=reps["agency"].reindex(found["other_report_id"]).to_numpy())[
        ["report_id", "idx", "agency"]]


def _with_found(shared: Any, found: Any) -> Any:
    """``shared`` (:func:`_shared_lists`) with the statements :func:`_found_in_top_agency`
    found added to their agency's count, most shared first again."""
    add = found.groupby(["report_id", "agency"]).size()
    out = shared.copy()
    for rid in found["report_id"].unique().tolist():
        agencies, counts, total, capped = out[rid]
        counts = [k + int(add.get((rid, a), 0)) for a, k in zip(agencies, counts, strict=True)]
        order = sorted(range(len(agencies)), key=lambda i: (-counts[i], agencies[i]))
        out[rid] = ([agencies[i] for i in order], [counts[i] for i in order], total, capped)
    return out


def _shared_lists(members: Any, reps: Any) -> Any:
    """Per report, ``(agencies, counts, total, capped)``: the first :data:`SHARED_WITH_NAMES`
    other agencies whose statements it shares, most shared first, and how many statements
    each shares (clusters in common); how many agencies in all;
    whether a cluster was capped (the total is then a floor); None for a report sharing
    nothing."""
    import numpy as np
    import pandas as pd
    from scipy import sparse

    if members.empty:
        return pd.Series([None] * len(reps.index), index=reps.index, dtype=object)
    agency_of = reps["agency"]
    m = members[["report_id", "cluster"]].drop_duplicates()
    m = m.assign(agency=agency_of.reindex(m["report_id"]).to_numpy())
    per = (m.dropna(subset=["agency"]).groupby(["cluster", "agency"]).size()
           .rename("n").reset_index().sort_values(["cluster", "n", "agency"],
                                                   ascending=[True, False, True]))
    capped_clusters = set(per.loc[per.groupby("cluster").cumcount()
                                  >= SHARED_WITH_PER_CLUSTER, "cluster"])
    per = per[per.groupby("cluster").cumcount() < SHARED_WITH_PER_CLUSTER]
    agencies, a_idx = np.unique(per["agency"].to_numpy(dtype=object).astype(str),
                                return_inverse=True)
    clusters, c_idx = np.unique(m["cluster"].to_numpy(), return_inverse=True)
    report_ids, r_idx = np.unique(m["report_id"].to_numpy(), return_inverse=True)
    pc = np.searchsorted(clusters, per["cluster"].to_numpy())
    rc = sparse.csr_matrix((np.ones(len(m), dtype=np.int32), (r_idx, c_idx)),
                           shape=(len(report_ids), len(clusters)))
    ca = sparse.csr_matrix((np.ones(len(per), dtype=np.int32), (pc, a_idx)),
                           shape=(len(clusters), len(agencies)))
    shared = (rc @ ca).tocsr()
    capped = {rid for rid, c in zip(m["report_id"], m["cluster"], strict=True)
              if c in capped_clusters}
    out = {}
    for i, rid in enumerate(report_ids):
        lo, hi = shared.indptr[i], shared.indptr[i + 1]
        names = agencies[shared.indices[lo:hi]]
        counts = shared.data[lo:hi]
        keep = names != agency_of.get(rid)
        names, counts = names[keep], counts[keep]
        order = np.lexsort((names, -counts))[:SHARED_WITH_NAMES]
        out[rid] = ([str(n) for n in names[order]], [int(k) for k in counts[order]],
                    len(names), rid in capped) if len(names) else None
    return pd.Series([out.get(rid) for rid in reps.index], index=reps.index, dtype=object)


_TABLES_2_TO_4 = "(table_id LIKE 'table2%' OR table_id IN ('table3', 'table4'))"


def _blank_cell_rows(store: Store) -> Any:
    """The blank cells of 表二–四 (report_id, table_id, row, column, raw, table_status).

    In a compact store only the tables whose values hold a null are expanded (the
    ``table_cells`` view expands every cell of every table: ~2 s per 5,000 reports)."""
    import pandas as pd

    cols = ["report_id", "table_id", "row", "column", "raw", "table_status", "n_rows",
            "n_columns"]
    compact = store.query("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                          "name = 'report_tables'")
    if compact.empty:  # a store of schema 1 or 2: table_cells is a table
        return store.query(
            "SELECT report_id, table_id, \"row\", \"column\", raw, table_status, "
            "NULL AS n_rows, NULL AS n_columns FROM "
            f"table_cells WHERE value IS NULL AND {_TABLES_2_TO_4} ORDER BY report_id")
    tables = store.query(
        "SELECT report_id, table_id, status, \"rows\", \"columns\", \"values\", raw FROM "
        f"report_tables WHERE instr(\"values\", 'null') > 0 AND {_TABLES_2_TO_4} "
        "ORDER BY report_id")
    out = []
    for rid, tid, status, rows, columns, values, raw in tables.itertuples(index=False):
        rows, columns, values = json.loads(rows), json.loads(columns), json.loads(values)
        raw = json.loads(raw) if raw else []
        for i, r in enumerate(rows):
            for j, c in enumerate(columns):
                v = values[i][j] if i < len(values) and j < len(values[i]) else None
                if v is None:
                    w = raw[i][j] if i < len(raw) and j < len(raw[i]) else ""
                    out.append((rid, tid, r, c, w or "", status, len(rows), len(columns)))
    return pd.DataFrame(out, columns=cols)


def _blank_cells(blanks: Any, ids: Any) -> tuple[Any, Any, Any]:
    """Blank cells (未填报) of 表二–四 per report: the text (table: rows and columns), one
    defect per table with blank cells (§4 item 2: a 0 is meant), the Chinese sentences.

    表三's 法人或其他组织小计, a column the national form does not print, is not required.
    In a table the parser could not read the cells are not placed: its rows are named with
    how many values are missing, and ``table_unreadable`` (parse_problems) is the defect.
    """
    import pandas as pd

    b = blanks[blanks["column"] != "legal_subtotal"] if len(blanks) else blanks
    texts: dict[Any, list[str]] = {}
    zh: dict[Any, list[str]] = {}
    counts: dict[Any, int] = {}
    for (rid, tid), cells in b.groupby(["report_id", "table_id"], sort=False):
        unreadable = (cells["table_status"] != "ok").any()
        rows = list(dict.fromkeys(cells["row"]))
        name = _TABLE_NAMES.get(tid, tid)
        if unreadable:
            per_row = cells.groupby("row", sort=False).size()
            texts.setdefault(rid, []).append(
                f"{tid} unread: {len(cells)} cells in rows {', '.join(map(str, rows))}")
            # the cells could not be placed: blank or printed, the parser cannot tell, so the
            # sentence (pasted into a 整改通知) says neither; 表四's one row has no name
            named = [f"{_row_name(tid, r)}{per_row[r]}格" for r in rows if _row_name(tid, r)]
            zh.setdefault(rid, []).append(
                f"{name}有{len(cells)}个单元格未能读出（表格无法解析，单元格的数值无法逐一定位）"
                + ("：" + "；".join(named) if named else ""))
            continue
        counts[rid] = counts.get(rid, 0) + 1
        said, rest = _whole_columns_zh(name, tid, cells)
        zh.setdefault(rid, []).extend(said)
        if said:
            gone = [c for c in dict.fromkeys(cells["column"]) if c not in set(rest["column"])]
            texts.setdefault(rid, []).append(f"{tid} column missing: {', '.join(gone)}")
        cells, rows = rest, list(dict.fromkeys(rest["row"]))
        if cells.empty:
            continue
        shown = [f"{r}/{c}" + (f"={raw!r}" if raw else "")
                 for r, c, raw in zip(cells["row"], cells["column"], cells["raw"], strict=True)]
        texts.setdefault(rid, []).append(f"{tid} {len(cells)} blank: {', '.join(shown)}")
        by_row = []
        for r in rows:
            cols = cells.loc[cells["row"] == r, "column"]
            names = "、".join(_column_name(tid, c) for c in cols)
            by_row.append(f"{_row_name(tid, r)} {names}".strip())
        written = sorted({str(x) for x in cells["raw"] if x})
        as_written = f"（填写为“{'”“'.join(written)}”）" if written else ""
        size = _table_size(cells)
        if len(cells) >= BLANK_SUMMARY_CELLS and size and len(cells) * 2 >= size:
            # most of the table: one sentence, not a list of every row
            zh.setdefault(rid, []).append(
                f"{name}用“{'”“'.join(written)}”代替0（{len(cells)}个单元格），请按国家表式填写数字0"
                if written else f"{name}有{len(cells)}个单元格空白未填（共{size}个），请按国家"
                "表式填写数字（没有的填0）")
            continue
        zh.setdefault(rid, []).append(
            f"{name}有{len(cells)}个单元格未填报{as_written}，应填写数字（没有的填0）："
            + "；".join(by_row))
    joined = pd.Series({k: LIST_SEP.join(v) for k, v in texts.items()}, dtype=object)
    return (joined.reindex(ids, fill_value=""),
            pd.Series(counts, dtype=int).reindex(ids, fill_value=0).astype(int),
            _lists(pd.Series(zh, dtype=object).reindex(ids)))


#: A table with at least this many blank cells, half of its cells or more, is said in one
#: sentence (表三用“——”代替0（152个单元格）…), not cell by cell.
BLANK_SUMMARY_CELLS = 8


def _table_size(cells: Any) -> int:
    """How many cells the table of ``cells`` has (0 when the store does not say)."""
    try:
        return int(cells["n_rows"].iloc[0]) * int(cells["n_columns"].iloc[0])
    except (TypeError, ValueError, KeyError):
        return 0


def _whole_columns_zh(name: str, table_id: str, cells: Any) -> tuple[list[str], Any]:
    """The columns of a table left blank in every row with nothing written (an old form
    without the column: 表三 with no 法律服务机构 column), said as a missing column, and
    the other blank cells. A table blank in every column is not a form without columns."""
    try:
        n_rows = int(cells["n_rows"].iloc[0])
        n_columns = int(cells["n_columns"].iloc[0])
    except (TypeError, ValueError, KeyError):
        return [], cells
    if n_rows < 3:
        return [], cells
    empty = cells[cells["raw"].astype(str) == ""]
    per = empty.groupby("column", sort=False)["row"].nunique()
    whole = [c for c, n in per.items() if n >= n_rows]
    if not whole or len(whole) >= n_columns - (1 if table_id == "table3" else 0):
        return [], cells
    said = [f"{name}缺少“{_column_name(table_id, c)}”列（{n_rows}行均无此列数字；应使用2021年起"
            "的国家表式）" for c in whole]
    return said, cells[~cells["column"].isin(whole)]


def _t2(reps: Any, checks: Any, sections: Any) -> Any:
    """T2: fees > 0 in 表二 (八) while section 六 says "无" — from the parser's check when
    it ran one, else computed here from the stored fee figure."""
    import pandas as pd

    failed = reps.index.isin(checks.loc[checks["id"] == "T2", "report_id"])
    sec6 = sections[sections["number"] == 6].groupby("report_id")["text"].agg("\n".join)
    six_says_nothing = sec6.map(is_empty_text).reindex(reps.index, fill_value=False)
    fees = reps["fees"].astype(float).fillna(0.0)
    return pd.Series(failed, index=reps.index) | ((fees > 0) & six_says_nothing)


_YEAR_CONFLICT = re.compile(r"title says (\d{4}), (?:data period (\d{4})|总体情况 opens with (\d{4})), "
                            r"(?:published (\S+)|no date): read as (\d{4})")


def _year_conflict_zh(message: str) -> str:
    """The Chinese sentence of a ``year_conflict`` (the title's year against the data
    period, or against 总体情况 and the dates): what each says and the year used."""
    m = _YEAR_CONFLICT.match(message)
    if m is None:
        return f"标题年度与正文年度不一致：{message}"
    title, period, opening, published, year = m.groups()
    date = f"发布日期{published}" if published else "无发布日期"
    if period:
        used = (f"按统计期限{year}年度统计" if year == period
                else f"仍按标题{year}年度统计，请核对")
        return f"标题年度与统计期限不一致：标题为{title}年，统计期限为{period}年，{date}，{used}"
    return (f"标题年度与正文年度不一致：标题为{title}年，总体情况以{opening}年开头，{date}，"
            f"无统计期限，仍按标题{year}年度统计，请核对")


def _parse_problems(probs: Any, ids: Any, old_rules: Any = (), missing: Any = None,
                    public: Any = ()) -> tuple[Any, Any, Any]:
    """The parser's problem codes per report (joined), how many count as defects (each
    distinct code once, less those a column of their own already counts), and the
    problems with their messages (what the code means for this report) per report.

    ``old_rules``: ids of reports on years before 2019, whose free layouts may have parts
    outside the 2021 scheme (机构设置、保障经费和培训会议情况, 咨询处理情况): their
    ``unmapped_section`` is listed, not counted (the 2019 and 2021 formats fix six parts),
    and so is ``missing_fee_part`` (no word of 收费及减免, which 第三十二条 of the 2007 条例
    asked for; its text was not retrieved to the letter, so a reviewer confirms).

    ``missing``: per report id, the missing sections as listed ("2,4"): a ``table_missing``
    for the table of a missing section (表四 of a report without section 四) is that same
    omission, counted by ``missing_sections``, so it is neither counted nor said again.

    ``public``: ids of reports of public institutions and enterprises (公共企事业单位): their
    ``table_missing`` and ``unmapped_section`` are listed, not counted (the national tables
    and six parts are the government format's, not their sector's)."""
    import pandas as pd

    if probs.empty:
        return (pd.Series("", index=ids), pd.Series(0, index=ids),
                pd.Series([[] for _ in ids], index=ids, dtype=object))
    probs = probs[probs["code"] != "mixed_heading_numbering"]  # a signal of its own
    codes = probs.groupby("report_id")["code"].agg(lambda s: sorted(set(s)))
    joined = codes.map(",".join).reindex(ids, fill_value="")
    free_part = ((probs["code"].isin(("unmapped_section", "missing_fee_part"))
                  & probs["report_id"].isin(old_rules))
                 | (probs["code"].isin(_PUBLIC_BODY_FREE) & probs["report_id"].isin(public)))
    gone = {rid: {int(x) for x in str(m).split(",") if x.strip().isdigit()}
            for rid, m in (missing.items() if missing is not None else ()) if m}
    of_missing = pd.Series([
        c == "table_missing" and bool(_tables_sections(m)) and _tables_sections(m) <= gone.get(
            rid, set()) for rid, c, m in zip(probs["report_id"], probs["code"],
                                             probs["message"].fillna(""), strict=True)],
        index=probs.index, dtype=bool)
    counted_probs = probs[~probs["code"].isin(_COUNTED_ELSEWHERE | _NOTICES) & ~free_part
                          & ~of_missing]
    # section5_measures_only is said (why 五 names no problem) but counted by
    # no_concrete_problem / section5_empty, as the one omission it is
    counted = counted_probs[counted_probs["code"] != "section5_measures_only"].groupby(
        "report_id")["code"].nunique()
    shown = counted_probs.assign(t=[
        problem_zh(c, m) for c, m
        in zip(counted_probs["code"], counted_probs["message"].fillna(""), strict=True)])
    zh = shown.groupby("report_id")["t"].agg(lambda s: list(dict.fromkeys(s)))
    return (joined, counted.reindex(ids, fill_value=0).astype(int),
            _lists(zh.reindex(ids)))


#: Problem codes listed, not counted, for a public institution's or enterprise's report: the
#: government format's parts and tables are not its sector's (:func:`_parse_problems`).
_PUBLIC_BODY_FREE = frozenset({"table_missing", "unmapped_section"})
#: The notice said once on such a report lacking any of them.
PUBLIC_BODY_ZH = ("公共企事业单位（学校、医院、供水供电等企业）的信息公开工作报告按本行业规定编制，政府信息公开"
                  "工作年度报告格式的六个部分和统计表格（表二、表三、表四）对其不适用，缺少的部分和表格未计为缺陷")


def _public_body_notices(cols: _Columns, probs: Any, public: Any) -> None:
    """Add :data:`PUBLIC_BODY_ZH` to the notices of each public institution's or
    enterprise's report whose parts or tables the government format would have counted."""
    lacking = set(probs.loc[probs["code"].isin(_PUBLIC_BODY_FREE | {"missing_section"}),
                            "report_id"]) if len(probs) else set()
    cols.notices = cols.notices.copy()
    for rid in public.index[public.to_numpy()]:
        if rid in lacking:
            cols.notices.at[rid] = [*cols.notices.at[rid], PUBLIC_BODY_ZH]


def _notices_zh(probs: Any, ids: Any) -> Any:
    """Per report, the Chinese sentences of its notices (:data:`_NOTICES`: information that
    counts toward nothing), in the parser's order, each once: what ``signals_zh`` and the
    cards say after the signals, so that a reviewer reads why a table or a page was not
    read, not a code."""
    import pandas as pd

    if probs.empty:
        return pd.Series([[] for _ in ids], index=ids, dtype=object)
    said = probs[probs["code"].isin(_NOTICES)]
    said = said.assign(t=[problem_zh(c, m) for c, m
                          in zip(said["code"], said["message"].fillna(""), strict=True)])
    return _lists(said.groupby("report_id")["t"].agg(lambda s: list(dict.fromkeys(s)))
                  .reindex(ids))


#: The section each statistical table belongs to (表二 → 二, 表三 → 三, 表四 → 四).
_TABLE_SECTION = {"表二": 2, "表三": 3, "表四": 4}


def _tables_sections(message: str) -> set[int]:
    """The sections of the tables a ``table_missing`` message names ("表四 (…) not found" →
    {4}; "no national statistical table found (表二、表三、表四)" → {2, 3, 4}); not the tables
    an attachment quoted after "; " names ("…; the text points to an attachment ('附件：表三…')")."""
    named = message.split("; ", 1)[0]
    return {n for name, n in _TABLE_SECTION.items() if name in named}


_NOT_FOUND = re.compile(r"^(表[二三四])\s*(.*?)\s*\((.+?)\) not found(?P<attached>; the text points to an "
                        r"attachment)?")
_UNREAD = re.compile(r"^(?P<name>.+?): (?P<read>\d+) of (?P<total>\d+) cells read; (?P<why>.*)$")
_PICTURED = re.compile(r"^(?P<name>.+?) is not in the text; section (?P<n>\S+) shows an image")
_UNMAPPED = re.compile(r"^heading '(?P<t>.+)' is outside the 2021 scheme")
_OUTSIDE_5 = re.compile(r"sub-heading '(?P<t>[^']+)' in section (?P<n>\S+) \((?P<s>[^)]*)\)")
_MEASURES_ONLY = re.compile(r"^section 五 starts at '(?P<t>.+?)', which names only measures")
_LAYOUTS = re.compile(r"^表二 is in the (\S+) format but 表三 in the (\S+) format")
_OLDER_TABLE = re.compile(r"^statistics table\(s\) of an older layout seen and not read: "
                          r"(?P<where>.+?) — ")
_SCANNED = re.compile(r"^page\(s\) (?P<pages>[\d–, ]+) of the (?P<fmt>PDF|OFD) are scanned images")
_SIDEWAYS = re.compile(r"^page\(s\) (?P<pages>[\d–, ]+) of the PDF hold text printed sideways")
_PAGED = re.compile(r"^page (?P<i>\d+) of (?P<n>\d+) of a paginated article")


def _place_zh(place: str) -> str:
    """Where an ``older_table_not_read`` message says a table is, in Chinese: its caption
    ("'附件：…统计表'"), a section ("section 二 (主动公开情况)" → 第二部分“主动公开情况”)."""
    m = re.match(r"^section (\S+) \((.*)\)$", place)
    if m:
        return f"第{m[1]}部分“{m[2]}”"
    if place == "text under no heading":
        return "无标题的正文"
    return f"“{place.strip(chr(39))}”下"


#: A ``table_missing`` message's note of the spreadsheets saved beside the report (the
#: parser's ``_sheet_beside``): named in the Chinese sentence instead of "请下载附件核对".
_BESIDE = re.compile(r"; its tables? seems? to be in (?P<names>.+?) beside it, which the tool "
                     r"does not read")


def _sheet_names_zh(names: str) -> str:
    """"a.xlsx、b.xls (and 2 more)" → "“a.xlsx”“b.xls”等4个文件", each name in quotes."""
    more = re.search(r" \(and (\d+) more\)$", names)
    shown = (names[:more.start()] if more else names).split("、")
    listed = "".join(f"“{name}”" for name in shown)
    return listed + (f"等{len(shown) + int(more[1])}个文件" if more else "")


def problem_zh(code: str, message: str) -> str:
    """A parse problem (``code``, ``message``: docs/schema.md) as a Chinese sentence for a
    整改通知; the English message, after the code, for a code without one."""
    if code == "year_conflict":
        return _year_conflict_zh(message)
    if code == "text_repaired":  # the store's repair (store.repaired_report), no defect
        m = re.match(r"(\d+) characters? .*? in: (.+)$", message)
        n, where = (m.group(1), m.group(2)) if m else ("", message)
        return (f"报告文本中有{n}个字符无法以UTF-8保存（多为文件名或转换工具产生的无法解码的字节），"
                f"入库时已替换为“\ufffd”，请对照原文件核对：{where}")
    if code == "table_missing":
        beside = _BESIDE.search(message)
        todo = (f"表格似在同一文件夹中的{_sheet_names_zh(beside['names'])}中，本工具不读取电子表格，"
                "请打开核对" if beside else "请下载附件核对")
        m = _NOT_FOUND.match(message)
        if m:
            table, title, inner = m.group(1, 2, 3)
            title = title or inner  # "表四 (行政复议、行政诉讼情况)": the title is in brackets
            if m["attached"]:
                return (f"正文称{table}“{title}”见附件，表格不在正文中，未读取"
                        f"（应按国家格式在正文中以表格列出；{todo}）")
            return (f"未找到{table}“{title}”（应按国家格式以表格列出"
                    + (f"；{todo}）" if beside else "）"))
        if message.startswith("no national statistical table found"):
            if "points to an attachment" in message:
                return ("正文称统计表格见附件，表格不在正文中，未读取"
                        f"（应按国家格式在正文中列出表二、表三、表四；{todo}）")
            return ("未找到国家格式的统计表格（表二、表三、表四）"
                    + (f"（{todo}）" if beside else ""))
        return f"未找到统计表格：{message}"
    if code == "table_unreadable":
        m = _PICTURED.match(message)
        if m:
            return (f"{_table_zh(m['name'])}不是文字表格，第{m['n']}部分"
                    "以图片代替，其数字无法读取")
        m = _UNREAD.match(message)
        if m:
            why = "；".join(_unread_reason_zh(m["name"], r) for r in m["why"].split("; "))
            return (f"{_table_zh(m['name'])}无法完整解析：{m['total']}个单元格中只读出{m['read']}个"
                    f"（{why}），请核对")
        return f"统计表格无法完整解析：{message}"
    if code == "no_headings":
        if "line breaks lost?" in message:  # (load: a text with hardly any line break)
            return ("未找到各部分标题（如“一、总体情况”）：全文几乎没有换行，可能是复制或抓取时换行丢失，"
                    "请取得保留换行的原文后重新处理")
        return "未找到各部分标题（如“一、总体情况”），无法按国家格式的六个部分核对"
    if code == "no_title":
        return "未找到写明“政府信息公开工作年度报告”的标题"
    if code == "unmapped_section":
        m = _UNMAPPED.match(message)
        return (f"标题“{m['t'] if m else ''}”不属于国家格式的六个部分，其内容计入前一部分"
                if m else "有标题不属于国家格式的六个部分，其内容计入前一部分")
    if code == "section5_measures_only":
        m = _MEASURES_ONLY.match(message)
        head = (f"“存在的主要问题及改进情况”部分以“{m['t']}”开头，" if m
                else "“存在的主要问题及改进情况”部分")
        return f"{head}只写改进措施，可能未报告存在的问题"
    if code == "layout_inconsistent":
        m = _LAYOUTS.match(message)
        if m:
            return f"表二按{m[1]}年格式、表三按{m[2]}年格式编制，统计表格式不一致"
        return f"统计表格式不一致：{message}"
    if code == "missing_fee_part":
        return "未报告收费及减免情况（2007年条例第三十二条）"
    if code == "tables_only_annex":
        return ("仅为统计表附表（标题含“附表/附件”，无总体情况、存在的问题及改进情况等部分），"
                "报告正文可能是另一文件，应与正文合并阅读")
    if code == "reposted_page":
        return "页面发布日期比落款日期晚一年以上，为转载页面，以落款日期为发布日期"
    if code == "scanned_pages":
        m = _SCANNED.match(message)
        pages = f"第{m['pages'].replace(', ', '、')}页" if m else "部分页面"
        fmt = m["fmt"] if m else "PDF"
        return (f"{fmt}的{pages}是扫描图片，没有文字层，其中的文字（标题、表格等）未能读取；"
                + ("请另存为PDF并做文字识别（OCR）后重新处理" if fmt == "OFD"
                   else "请先做文字识别（OCR）后重新处理"))
    if code == "sideways_pages":
        m = _SIDEWAYS.match(message)
        pages = f"第{m['pages'].replace(', ', '、')}页" if m else "部分页面"
        return (f"PDF的{pages}有横向（旋转90度）排印的文字未能读取，其中的表格、标题等缺失；"
                "请在PDF编辑器中将该页旋转为正向（或重新导出）后重新处理")
    if code == "paged_article":
        m = _PAGED.match(message)
        which = f"第{m['i']}页（共{m['n']}页）" if m else "其中一页"
        return (f"本文为网站分页文章的{which}，报告的其余部分在其他页面中（各页另存为不同文件，"
                "此处缺少的部分或标题在其他页面里）；请另存该文章不分页的全文页面（如“阅读全文”"
                "“打印”页面）后重新处理")
    if code == "older_table_not_read":
        m = _OLDER_TABLE.match(message)
        where = "" if m is None else "（位于{}）".format("、".join(
            _place_zh(w) for w in m["where"].split("; ")))
        return (f"报告含旧式统计表{where}，非全国统一格式的表二、表三、表四，其中数字未读取；"
                "各项数字仅取自正文文字")
    if code == "statements_unsplit":
        return "第五部分为成段文字，未分条列出问题和措施"
    if code == "empty_section_5":
        return "第五部分只写“无”或“暂无”"
    if code == "statements_outside_section5":
        m = _OUTSIDE_5.search(message)
        where = f"第{m['n']}部分“{m['s']}”的小标题“{m['t']}”下" if m else "其他部分的小标题下"
        return f"未单列第五部分，存在的问题和改进情况写在{where}"
    if code == "missing_section":
        m = re.match(r"section (\S+) \((.+)\) not found", message)
        return f"缺少第{m[1]}部分“{m[2]}”" if m else f"缺少部分：{message}"
    if code == "mixed_heading_numbering":
        return "六个部分的标题编号方式不统一：" + message.removeprefix(
            "section headings numbered in mixed styles: ")
    return f"解析问题 {code}：{message}"


#: A year a file name states as the report's: "2024年政府信息公开…", "2024年度…",
#: "2024_…" / "2024-…" at the start of the name; not a date ("2024年1月", "2025-01-20").
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年度|年(?![\d一二三四五六七八九十]|\s*\d)"
                        r"|(?=[_\-](?!\d)))")


def file_name_year(path: Any) -> int | None:
    """The year the file's name states ("…2024年政府信息公开工作年度报告.txt", "2024年度…",
    "2024_…"), None when it states none or more than one (a 学年 "2021-2022", a name with
    two years)."""
    name = Path(str(path)).name
    years = {int(y) for y in _NAME_YEAR.findall(name)}
    return years.pop() if len(years) == 1 else None


def _copies_of(copies: Any) -> dict[str, list[str]]:
    """Stored report's path → the paths of the files recorded as duplicates of it (the same
    report in other bytes or under another name: ``files.duplicate_of``)."""
    out: dict[str, list[str]] = {}
    if copies is None or not len(copies):
        return out
    for path, of in zip(copies["path"], copies["duplicate_of"], strict=True):
        if of is not None and of == of:
            out.setdefault(str(of), []).append(str(path))
    return out


def _misnamed_copies(path: Any, year: int, copies_of: dict[str, list[str]]) -> list[tuple[int, str]]:
    """The (named year, file name) of each duplicate of the report at ``path`` whose file
    name states a year that is not the report's ``year``."""
    found = []
    for copy in copies_of.get(str(path), []):
        named = file_name_year(copy)
        if named is not None and named != year:
            found.append((named, Path(copy).name))
    return found


def _file_name_year(reps: Any, copies: Any = None) -> tuple[Any, Any, Any]:
    """Signal: the file name states a year that is not the report's ("…2024年…年度报告.txt"
    holding the 2022 report: the collector filed last year's or an older report under the
    year it was asked for). A signal, not a defect: file names are the collector's.

    A file so named that holds the same text as a stored report (the 2023 report sent
    again as the 2024 one, in another format) is stored once, as a duplicate of that
    report: its name is checked too (``copies``: ``path``, ``duplicate_of``), and the
    finding goes to the row of the report it copies — it has no row of its own."""
    import pandas as pd

    copies_of = _copies_of(copies)
    texts, zh = [], []
    for path, year in zip(reps["path"], pd.to_numeric(reps["year"], errors="coerce"),
                          strict=True):
        found, found_zh = [], []
        if year == year:
            named = file_name_year(path)
            if named is not None and int(year) != named:
                found.append(f"file name {named}, report {int(year)}")
                found_zh.append(f"文件名为{named}年度，报告内容为{int(year)}年度（报送的可能不是{named}年度报告）")
            for named, name in _misnamed_copies(path, int(year), copies_of):
                found.append(f"file name {named} ({name}, a copy of this report), "
                             f"report {int(year)}")
                found_zh.append(f"另一文件“{name}”文件名为{named}年度，内容与本报告（{int(year)}年度）"
                                f"相同（报送的{named}年度报告实为{int(year)}年度报告）")
        texts.append(" | ".join(found))
        zh.append(found_zh)
    texts_s = pd.Series(texts, index=reps.index, dtype=object)
    return (texts_s, pd.Series([len(z) for z in zh], index=reps.index),
            pd.Series(zh, index=reps.index, dtype=object))


#: A title or file name saying the text re-issues the report (修订版, 更正, 重新发布 …).
_REVISED = re.compile(r"修订|更正|修正|勘误|修改稿|更新版|重新发布|第二版")


#: A year written as a year (not 2023 of "2023—2025年", nor a report's title or history:
#: "2024年度报告", "2022年以来", "2023年同期"), and the part of the year it may name.
_YEAR = (r"(?<!\d)(?P<y>20\d\d)[ \u3000]?年(?!度报告|以来|来|同期|[—–\-~～至到]\s*20\d\d)")
_PERIOD = (r"(?:年底|年末|年初|底|末|初|上半年|下半年|第?[一二三四1-4]季度|"
           r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}日)?(?:底|末|份|[上中下]旬)?)?")
#: Plans for a year (stale_year), the future marked without doubt — 将 alone is not enough
#: (it is also 把: "2024年，我镇将政务公开纳入考核" is a past fact): a deadline in the year
#: ("2024年第一季度前完成", "2024年底前", "2024年内"; not "2022年底前制发的文件"), a plan
#: verb before it ("计划于2024年", "力争2024年6月底前", "拟", "预计", "争取", "将于",
#: "下一步"), or the year opening a clause whose subject then plans ("2024年，我局将重点…",
#: 将继续 / 将进一步 / 将持续 / 将着力, 计划, 力争, 拟, 下一步; not "将重点领域…").
_BEFORE = r"之?前(?![一二三四五六七八九十两\d]|[^，。；,;]{0,4}的)"  # not 前三季度, 前…建成的
_STALE_PLANS = tuple(re.compile(p) for p in (
    _YEAR + _PERIOD + r"(?:" + _BEFORE + r"|年?内(?=[^，。；,;]{0,2}(?:完成|全部|实现|建成|上线|"
    r"出台|修订|启动)))",
    r"(?:计划|力争|拟|预计|争取|将于|下一步[，,]?)(?:在|于|到|至)?" + _YEAR + _PERIOD
    + r"(?:" + _BEFORE + r")?",
    r"(?:^|(?<=[，。；：:,;（(、\s]))(?:在|于)?" + _YEAR + _PERIOD + r"度?(?:[，,]?"
    r"[^，。；：,;:\d]{0,6}?将(?:继续|进一步|持续|着力|重点(?!领域|工作|任务|事项|信息|内容|项目|"
    r"问题))|(?:[，,][^，。；：,;:\d]{0,6}?|[^，。；：,;:\d]{1,6}?)(?:计划|力争|拟|下一步))",
))
_RANGE_BEFORE = re.compile(r"(?:20\d\d[ \u3000]?年?\s*[—–\-~～至到]|截[至止])\s*$")
#: A sentence of a five-year plan, of history or of work done ("…已全部完成") plans nothing.
_NOT_A_PLAN = re.compile(r"十四五|以来|已经?(?:全部|基本|按期)?(?:完成|整改|落实|实现|建成)|均已")
#: The end of a sentence (stale_year reads _NOT_A_PLAN in the sentence of each year).
_SENTENCE_END = re.compile(r"[。；;！!？?]")


@functools.lru_cache(maxsize=1)
def _written_years() -> tuple[re.Pattern[str], dict[int, str]]:
    """A year in Chinese numerals, its 〇 as OCR and typists write it ("二〇二四年",
    "二0二四年", "二O二四年"), or in digits with a letter O read for 0 ("2O24年底前"): four
    characters, and the table that reads them as the four digits in their place. The zeros
    are the metadata's (HANZI_ZEROS, imported on first use: the parser's title year and
    this read one set)."""
    from nlp_reports.parse.metadata import HANZI_ZEROS

    pattern = re.compile(f"(?:二[{HANZI_ZEROS}][{HANZI_ZEROS}一二三四五六七八九]{{2}}"
                         f"|2[{HANZI_ZEROS}]\\d\\d)(?=[ \\u3000]?年)")
    table = str.maketrans(dict.fromkeys(HANZI_ZEROS, "0")
                          | dict(zip("一二三四五六七八九", "123456789", strict=True)))
    return pattern, table


#: A two-digit year where nothing else can be meant: right before a part of the year
#: ("24年底前", "24年第一季度", "24年6月"), no figure or numeral before it ("连续24年" is no year).
#: Not "24年内": "力争10年内完成" is ten years.
_SHORT_YEAR = re.compile(
    r"(?<![\d〇零一二三四五六七八九十百])(\d\d)(?=年(?:底|末|初|上半年|下半年|第?[一二三四1-4]季度"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月))")


def _digit_years(text: str) -> tuple[str, list[int]]:
    """``text`` with its Chinese-numeral years in digits (same length) and its unambiguous
    two-digit years made four ("24年底" → "2024年底"), and where each "20" stands in the
    result (the offsets after it are 2 further on: :func:`_stale_plan` quotes as written)."""
    if "二" in text or "2" in text:
        pattern, table = _written_years()
        text = pattern.sub(lambda m: m.group().translate(table), text)
    added: list[int] = []
    if _SHORT_YEAR.search(text):
        parts, last = [], 0
        for m in _SHORT_YEAR.finditer(text):
            parts += [text[last:m.start()], "20"]
            added.append(m.start() + 2 * len(added))  # (where the "20" stands in the result)
            last = m.start()
        text = "".join(parts) + text[last:]
    return text, added


def _stale_plan(text: str, year: int) -> tuple[int, str] | None:
    """The first plan of a measure for a year already past for a report on ``year`` (the
    year itself — written early in the next — or the two before), as (year, words): None
    when there is none. Older years are history, a range or a 十四五 plan no stale plan.
    A year in Chinese numerals ("二〇二四年底前", "二0二四年" as OCR reads 〇) or in two digits
    where only a year is meant ("24年底前") is read as its digits; the words are quoted as
    written."""
    if "年" not in text:
        return None
    written = text
    text, added = _digit_years(text)
    found = []
    # (the range's start looked for near the year, each sentence read once for _NOT_A_PLAN
    # and found by bisection: a long statement of many years, with or without 。, stays
    # linear)
    ends: list[int] | None = None
    plans: dict[int, bool] = {}  # sentence number -> it may plan
    for pattern in _STALE_PLANS:
        for m in pattern.finditer(text):
            y, at = int(m["y"]), m.start("y")
            if not year - 2 <= y <= year or _RANGE_BEFORE.search(text, max(0, at - 24), at):
                continue
            if ends is None:
                ends = [e.start() for e in _SENTENCE_END.finditer(text)]
            k = bisect_left(ends, at)
            plan = plans.get(k)
            if plan is None:
                plan = plans[k] = not _NOT_A_PLAN.search(
                    text, ends[k - 1] + 1 if k else 0, ends[k] + 1 if k < len(ends) else len(text))
            if plan:
                # (the words as the statement writes them)
                a = m.start() - 2 * bisect_left(added, m.start())
                b = m.end() - 2 * bisect_left(added, m.end())
                found.append((m.start(), -len(m[0]), y, written[a:b].lstrip("，,、;；:： ")))
                break
    return min(found)[2:] if found else None


def _quote(text: str, at: int, width: int = 80) -> str:
    """The statement, cut to ``width`` characters around ``at`` when longer."""
    if len(text) <= width:
        return text
    start = max(0, min(at - 20, len(text) - width))
    return (("…" if start else "") + text[start:start + width]
            + ("…" if start + width < len(text) else ""))


def _stale_year(reps: Any, measures: Any) -> tuple[Any, Any, Any]:
    """Signal: a measure of section 五 plans for a year already past for the report — a
    2024 report (written early in 2025) saying "2024年第一季度前完成…": last year's measure,
    its year not changed (张冠李戴). ``measures``: report_id, text of the statements in the
    measure block or of kind measure. One finding a statement, quoting it and its year."""
    import pandas as pd

    year_of = pd.to_numeric(reps["year"], errors="coerce")
    found: dict[Any, list[tuple[int, str, str]]] = {}
    for rid, text in zip(measures["report_id"], measures["text"], strict=True):
        year = year_of.get(rid)
        if not isinstance(text, str) or pd.isna(year):
            continue
        hit = _stale_plan(text, int(year))
        if hit:
            found.setdefault(rid, []).append(
                (hit[0], hit[1], _quote(text, text.find(hit[1]))))
    values, counts, zh = [], [], []
    for rid, year in zip(reps.index, year_of, strict=True):
        hits = found.get(rid, [])
        values.append(LIST_SEP.join(f"{y} ('{w}') in the {int(year)} report's measure \"{q}\""
                                    for y, w, q in hits))
        counts.append(len(hits))
        zh.append([f"第五部分改进措施“{q}”写有“{w}”，对{int(year)}年度报告而言已是过去的年份："
                   "可能沿用上年报告的年份未改，请核对" for _, w, q in hits])
    return (pd.Series(values, index=reps.index), pd.Series(counts, index=reps.index),
            pd.Series(zh, index=reps.index, dtype=object))


#: Levels whose reports are read for another body's name (names_other_agency): a county
#: circulates one template to its townships and street offices, each to fill in its own name.
_TOWN_LEVELS = ("township", "street")
_TOWN_END = ("镇", "乡", "街道")
_TOWN_WORD = re.compile("镇|乡|街道")


def _town_of(agency: Any) -> str | None:
    """A township's or street office's own place, the last in its name ending in 镇, 乡 or
    街道 (青岑县岑口镇人民政府 → 岑口镇, …城东街道办事处 → 城东街道); None for any other."""
    from nlp_reports.corpus.copying import _PLACE

    if not isinstance(agency, str):
        return None
    towns = [p for p in _PLACE.findall(agency) if p.endswith(_TOWN_END)]
    return towns[-1] if towns else None


def _stem(town: str) -> str:
    """A town's name without its 镇, 乡 or 街道: 白水乡 and 白水镇 (撤乡设镇) are one place."""
    return town.removesuffix("街道").removesuffix("镇").removesuffix("乡")


class _NearestHolder(dict):
    """place → the body bearing it nearest to ``agency`` (the longest common start of the
    names: same county first), looked up only for the places a 五 writes."""

    def __init__(self, held: dict[str, list[str]], agency: Any) -> None:
        super().__init__()
        self.held, self.agency = held, str(agency)

    def __contains__(self, place: object) -> bool:
        return place in self.held

    def __missing__(self, place: str) -> str:
        bodies = self.held[place]
        best = bodies[0] if len(bodies) == 1 else max(
            bodies, key=lambda b: len(os.path.commonprefix([b, self.agency])))
        self[place] = best
        return best


def _names_other_agency(reps: Any, five: Any) -> tuple[Any, Any, Any]:
    """Signal: a township's or street office's section 五 writes the place of another
    township or street office of the store (错名, 张冠李戴: a neighbour's filled-in template
    copied with its name left in). ``five``: section 五's text per report id. Its own
    places, its former name (乡 → 镇) and its county are no finding; a county's report
    naming its townships is not read."""
    import pandas as pd

    levels = reps["level"].isin(_TOWN_LEVELS)
    town = reps["agency"].where(levels).map(_town_of, na_action="ignore")
    held: dict[str, list[str]] = {}  # a place → the bodies bearing it (城关镇: one a county)
    for t, agency in sorted(zip(town, reps["agency"], strict=True), key=lambda x: str(x[1])):
        if isinstance(t, str) and agency not in held.setdefault(t, []):
            held[t].append(agency)
    values, counts, zh = [], [], []
    for rid, own, agency in zip(reps.index, town, reps["agency"], strict=True):
        # the body named: of those bearing the place, the one whose name shares the longest
        # start with this report's agency — its own county's 城关镇, not another county's
        holders = _NearestHolder(held, agency)
        text = "" if not isinstance(own, str) else re.sub(r"\s+", "", str(five.get(rid) or ""))
        # each 镇/乡/街道 written, with the 2–6 characters before it looked up (the store's
        # towns are never scanned per report: tens of thousands at a province's scale)
        found = sorted({(m.start() - k, t) for m in _TOWN_WORD.finditer(text)
                        for k in range(2, min(6, m.start()) + 1)
                        if (t := text[m.start() - k:m.end()]) in holders and t != own
                        and _stem(t) != _stem(own) and t not in agency})
        # (a place inside a longer one found too — 河口镇 in 新河口镇 — is not said twice;
        # the longer ones' inner strings listed once: a 300 KB 五 naming 9,000 towns took
        # 22 s comparing each found place with every other)
        names = {t for _, t in found}
        inside = {u[i:j] for u in names for i in range(len(u))
                  for j in range(i + 1, len(u) + 1) if j - i < len(u)}
        hits = list(dict.fromkeys(t for _, t in found if t not in inside))
        shown, rest = hits[:SAME_YEAR_NAMES], len(hits) - SAME_YEAR_NAMES  # (a cell stays
        # readable: a 五 naming 9,287 towns filled 594 KB)
        values.append(LIST_SEP.join([f"'{t}' ({holders[t]}) in section 五" for t in shown]
                                    + ([f"and {rest} more"] if rest > 0 else [])))
        counts.append(len(hits))
        zh.append([f"第五部分写有“{t}”，是另一机关（{holders[t]}）的名称，不是本机关的："
                   "可能照搬该机关的报告而未改名（错名），请核对" for t in shown]
                  + ([f"第五部分另写有{rest}个其他机关的名称，未逐一列出"] if rest > 0 else []))
    return (pd.Series(values, index=reps.index), pd.Series(counts, index=reps.index),
            pd.Series(zh, index=reps.index, dtype=object))


def _same_year_texts(reps: Any, key: Any, titles: Mapping[Any, Any], sm: Any
                     ) -> tuple[Any, Any, Any]:
    """Per report: the other stored texts of its agency (as ``texts_for_agency_year`` groups
    it) and year — an original and its 修订版/更正, a report re-published with edits, a
    汇编's part and the same report saved alone in other words — each named with its date
    against this one's and whether its title or file name says it re-issues the report,
    then which text ``summarize --dedupe`` counts (``dedupe_frames``; without it all are
    counted). One signal: the reviewer confirms which text is in force; nothing is dropped."""
    import pandas as pd

    index = reps.index
    texts = pd.Series("", index=index, dtype=object)
    zh = pd.Series([[] for _ in range(len(index))], index=index, dtype=object)
    known = (reps["agency"].notna() & reps["year"].notna()).to_numpy()
    sub = reps.loc[known].assign(key=key[known])
    sub = sub[sub.groupby(["key", "year"])["path"].transform("size") > 1]
    if sub.empty:
        return texts, pd.Series(0, index=index), zh
    order = sm._dedupe_order(sub.rename_axis("id").reset_index().assign(
        agency=sub["key"].to_numpy()))
    kept = order.groupby(["agency", "year"])["id"].last()
    base = {i: os.path.basename(str(p)) for i, p in zip(sub.index, sub["path"], strict=True)}

    def dated(i: Any) -> str | None:
        d = reps.at[i, "published"]
        return str(d) if isinstance(d, str) and d else None

    def said(i: Any) -> list[str]:  # (the title first, then the file name; each word once)
        return list(dict.fromkeys(_REVISED.findall(f"{titles.get(i) or ''} {base[i]}")))

    for (k, year), group in sub.groupby(["key", "year"]):
        ids = list(group.index)
        for i in ids:
            mine = dated(i)
            en, cn = [], []
            others = [j for j in ids[:SAME_YEAR_NAMES + 1] if j != i][:SAME_YEAR_NAMES]
            for j in others:
                name = base[j] if base[j] != base[i] else str(reps.at[j, "path"])
                date = dated(j)
                if date is None:
                    when, when_zh = "undated", "未写明发布日期"
                elif mine is None:
                    when, when_zh = f"published {date}", f"发布日期{date}"
                else:
                    rel, rel_zh = (("later", "晚于本文本") if date > mine else
                                   ("earlier", "早于本文本") if date < mine else
                                   ("the same day", "与本文本同日"))
                    when, when_zh = f"published {date}, {rel}", f"发布日期{date}，{rel_zh}"
                words = said(j)
                en.append(f"{name} ({when}" + (f"; says {'/'.join(words)})" if words else ")"))
                cn.append(f"“{name}”（{when_zh}"
                          + (f"；标题或文件名称{'、'.join(words)}）" if words else "）"))
            n, chosen = len(ids), kept[(k, year)]
            rest = n - 1 - len(others)  # (counted, not named: 1,000 texts named 999 times each)
            if rest:
                en.append(f"and {rest} more")
            count, count_zh = ("both", "两份") if n == 2 else (f"all {n}", f"{n}份")
            pick, pick_zh = (("this one", "本文本") if chosen == i
                             else (base[chosen], f"“{base[chosen]}”"))
            texts[i] = (f"also {', '.join(en)}: confirm which text is in force; summarize "
                        f"counts {count}, --dedupe counts {pick}")
            zh[i] = [f"本机关{int(year)}年度另有文本{'、'.join(cn)}"
                     + (f"等，未列出的还有{rest}份" if rest else "") + "，请确认哪一份为现行有效的"
                     f"报告；汇总时{count_zh}均计入，加 --dedupe 时只计{pick_zh}"]
    return texts, (texts != "").astype(int), zh


#: Other texts named in one ``same_year_texts`` signal; the rest are counted ("and 990
#: more"): a store whose agency names fail to tell 1,000 reports apart gave each a list of
#: the 999 others (50 M characters, 11 s, 0.8 GB for the audit; an Excel cell holds 32,767).
SAME_YEAR_NAMES = 10


#: How many years back an agency's last report may be for :func:`_missing_year_notes` to
#: name it (an agency dissolved long ago is not a missing report).
MISSING_YEAR_LOOKBACK = 3
#: Agencies named in one such note; the rest are counted.
MISSING_YEAR_NAMES = 10


#: The columns of :attr:`Audit.missing` (``audit --missing-csv FILE``).
MISSING_COLUMNS: tuple[str, ...] = ("year", "agency", "latest_year", "folder", "note")
#: Chinese headers of the missing-reports CSV (``--missing-csv --headers zh``).
MISSING_NAMES_ZH: dict[str, str] = {
    **{c: COLUMN_NAMES_ZH[c] for c in ("year", "agency", "folder")},
    "latest_year": "最近报告年度", "note": "说明"}


def _missing_reports(reports: Any, years: Sequence[int], chosen: Any,
                     folders: Sequence[str] = (), folder_of: Any = None,
                     copies: Any = None, failed: Sequence[str] = ()) -> Any:
    """Per year asked for (``--year``), the agencies with a report on one of the
    :data:`MISSING_YEAR_LOOKBACK` years before it but none on it (:data:`MISSING_COLUMNS`:
    the year, the agency, its latest year, the folder of that latest report): a report the
    office did not get, or one filed under the year whose content is another year's (the
    ``file_name_year`` signal). Restricted as the rows shown are: ``chosen`` (the report
    ids ``--agency`` kept, or None) and ``folders`` (``--folder``: the agencies whose latest
    report is in one of them; ``folder_of`` maps a report id to its folder). ``note``
    says, in Chinese, when the agency did send a file named for the year that holds the
    same text as one of its older reports (``copies``: the store's duplicates), so stored
    once, as that report: 文件“…2024年….docx”文件名为2024年度，内容与本机关2023年度报告相同;
    or when a file that could not be read (``failed``: their paths) is named for the agency
    and the year: 文件“…2024年….doc”无法读取（见未能读取的文件）."""
    import pandas as pd

    from nlp_reports.parse.metadata import agency_key

    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in MISSING_COLUMNS})
    if not len(years):
        return empty
    rep = reports if chosen is None else reports[reports["id"].isin(chosen)]
    rep = rep.dropna(subset=["agency"]).assign(
        year=pd.to_numeric(rep["year"], errors="coerce")).dropna(subset=["year"])
    if rep.empty:
        return empty
    copies_of = _copies_of(copies)
    rep = rep.assign(key=rep["agency"].map(agency_key),
                     folder=rep["id"].map(lambda i: (folder_of or {}).get(i, "")))
    found = []
    for y in sorted({int(y) for y in years}):
        have = set(rep.loc[rep["year"] == y, "key"])
        before = rep[(rep["year"] < y) & (rep["year"] >= y - MISSING_YEAR_LOOKBACK)
                     & ~rep["key"].isin(have)]
        if before.empty:
            continue
        last = (before.sort_values(["year", "agency"]).groupby("key")
                .agg(agency=("agency", "last"), latest_year=("year", "max"),
                     folder=("folder", "last"))
                .sort_values(["latest_year", "agency"], ascending=[False, True]))
        if folders:
            last = last[last["folder"].isin(set(folders))]
        older = dict(tuple(before.groupby("key")))  # one pass, not a mask per agency
        unread = [n for n in (Path(str(f)).name for f in failed) if file_name_year(n) == y]
        found.append(last.assign(year=y, latest_year=last["latest_year"].astype(int),
                                 note=[_sent_as(older[k], y, copies_of, unread)
                                       for k in last.index]))
    if not found:
        return empty
    return pd.concat(found, ignore_index=True)[list(MISSING_COLUMNS)]


def _sent_as(older: Any, year: int, copies_of: dict[str, list[str]],
             unread: Sequence[str] = ()) -> str:
    """The Chinese note of :func:`_missing_reports`: a file named for ``year`` that is a
    copy of one of the agency's ``older`` reports, or a file named for the agency (as its
    reports write it) and ``year`` that could not be read (``unread``: the names of the
    files not read that are named for ``year``); "" otherwise."""
    for path, ry in zip(older["path"], older["year"], strict=True):
        for named, name in _misnamed_copies(path, int(ry), copies_of):
            if named == year:
                return f"文件“{name}”文件名为{year}年度，内容与本机关{int(ry)}年度报告相同"
    names = {str(a) for a in older["agency"]}
    for name in unread:
        if any(a in name for a in names):
            return f"文件“{name}”无法读取（见未能读取的文件）"
    return ""


def _missing_year_notes(missing: Any, years: Sequence[int], *, names: bool = True
                        ) -> list[str]:
    """The note ending the headline per year of :func:`_missing_reports`: the first
    :data:`MISSING_YEAR_NAMES` agencies named, the rest counted (all in ``--missing-csv``);
    with ``names=False`` counted only, the names being given in Chinese beside it."""
    notes = []
    for y in sorted({int(y) for y in years}):
        last = missing[missing["year"] == y]
        if last.empty:
            continue
        notes_of = last["note"] if "note" in last else [""] * len(last)
        named = [f"{a} ({int(ly)}" + (f"; {n}" if n else "") + ")"
                 for a, ly, n in zip(last["agency"], last["latest_year"], notes_of, strict=True)]
        more = (f" and {len(named) - MISSING_YEAR_NAMES} more (all of them: --missing-csv "
                "FILE, Audit.missing)" if len(named) > MISSING_YEAR_NAMES else "")
        who = (f"(its latest year in brackets): {', '.join(named[:MISSING_YEAR_NAMES])}{more}"
               if names else "(named in the Chinese sentence above, 未见…年度报告的机关; all "
               "of them: --missing-csv FILE, Audit.missing)")
        notes.append(
            f"no report on {y} from {len(named)} agenc{'y' if len(named) == 1 else 'ies'} with "
            f"a report on {y - MISSING_YEAR_LOOKBACK}–{y - 1} {who}; a file named for {y} may "
            "hold an older report (signal file_name_year, shown without --year)")
    return notes


def _no_match(reports: Any, n_failed: int, years: Sequence[int], folders: Sequence[str],
              agencies: Sequence[str], chosen: Any) -> str:
    """The headline when the filters left no report: what matched nothing, what the store
    holds, and, for ``--agency`` with ``--year``, the years that agency has reports of."""
    import pandas as pd

    asked = " ".join([*(f"--year {y}" for y in years), *(f"--folder {f}" for f in folders),
                      *(f"--agency {a}" for a in agencies)])
    failed = f" and {n_failed} failed file{'s' if n_failed != 1 else ''}" if n_failed else ""
    text = (f"No report matches {asked} (the store holds {len(reports)} "
            f"report{'s' if len(reports) != 1 else ''}{failed}).")
    if chosen is not None and years:
        held = pd.to_numeric(reports.loc[reports["id"].isin(chosen), "year"], errors="coerce")
        had = sorted({int(y) for y in held.dropna()})
        who = "the agency has" if len(agencies) == 1 else "these agencies have"
        text += (f" {who[0].upper()}{who[1:]} reports of: {', '.join(map(str, had))}."
                 if had else f" {who[0].upper()}{who[1:]} no report with a year.")
    return text


_R_NOT_FOUND = re.compile(r"^row (\S+) not found$")
_R_COUNT = re.compile(r"^row (\S+) has (\d+) values, expected (\d+)( \(blank cells)?")
_R_NUMBER = re.compile(r"^row (\S+) column (\S+): (.+) is not a plausible number$")
_R_NO_ROW = re.compile(r"^row (\S+): values after a label that is no row$")
_R_MORE = re.compile(r"^… (\d+) more$")


def _table_zh(name: str) -> str:
    """"表三 (收到和处理…情况)" → 表三“收到和处理…情况”."""
    return re.sub(r"\s*\((.+)\)$", r"“\1”", name)


def _unread_reason_zh(name: str, reason: str) -> str:
    """One reason of a ``table_unreadable`` message in Chinese, rows and columns by their
    printed labels (表三's "3.3.1" → 三（三）1“属于国家秘密”); as written when not known."""
    tid = {"表三": "table3", "表四": "table4"}.get(name[:2], "")
    if m := re.match(r"表二\s*第二十条第（([一二三四五六七八九])）项", name):
        tid = f"table2.{'一二三四五六七八九'.index(m[1]) + 1}"  # its rows by their labels

    def row(r: str) -> str:
        return (_row_name(tid, r) or r) if tid else r
    if m := _R_NOT_FOUND.match(reason):
        return f"未找到{row(m[1])}"
    if m := _R_COUNT.match(reason):
        tail = "（一行一个数值时无法确定空白单元格的位置）" if m[4] else ""
        return f"{row(m[1])}有{m[2]}个数值，应为{m[3]}个{tail}"
    if m := _R_NUMBER.match(reason):
        col = _column_name(tid, m[2]) if tid else m[2]
        return f"{row(m[1])} {col}列“{m[3].strip(chr(39) + chr(34))}”不是有效数字"
    if m := _R_NO_ROW.match(reason):
        return f"{row(m[1])}：数值前的标签不是表格中的行"
    if m := _R_MORE.match(reason):
        return f"另有{m[1]}处"
    return reason
