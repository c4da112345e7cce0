"""The audit (质量审查): one row per report with every defect and signal an evaluator would flag.

Two kinds of findings, counted apart (``docs/audit.md``):

* **Defects** (缺陷) — the data of the report is wrong or missing: identity failures I1–I4
  with the cells involved, T1 narrative figures that contradict the tables, missing
  sections, an empty or "无" section 五, fees in 表二 with a section 六 of "无" (T2), hard
  cross-year identities (X1) that fail, parse problems, and files that could not be parsed
  at all. ``defects`` counts them.
* **Signals** (提示) — worth a look but normal in many sound reports: problems whose theme
  gets no measure, statements shared with other agencies (boilerplate), statements copied
  from the agency's report of the year before, and soft cross-year checks (X2) that fail.
  ``signals`` counts them.

The default order is by severity: defects first, then signals, so that the real data
problems come first. The columns are documented in ``docs/audit.md``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp_reports.corpus.store import Store, open_store
from nlp_reports.errors import NlpReportsError
from nlp_reports.taxonomy import THEME_IDS, THEME_NAMES

#: What a section counts as empty when it says only this (after punctuation is dropped).
EMPTY_TEXTS = frozenset({"", "无", "暂无", "没有", "无此情况", "暂无突出问题", "无突出问题",
                         "本年度无", "无其他需要报告的事项", "无需要报告的事项", "无其他事项"})
_SUBHEAD = re.compile(r"[（(][一二三四五六七八九十]+[)）][^\n。]{0,20}(?:问题|措施|情况|打算)[^\n。]{0,6}")
_PUNCT = re.compile(r"[\s\u3000，。、；：？！…—·“”《》（）()\-.:;,!?]+")

#: Columns naming the report.
ID_COLUMNS: tuple[str, ...] = ("report_id", "path", "agency", "year", "level")
#: Columns of defects (缺陷): the report's data is wrong or missing; summed in ``defects``.
DEFECT_COLUMNS: tuple[str, ...] = (
    "identity_failures", "t1_contradictions", "missing_sections", "section5_empty",
    "t2_fees_without_6", "cross_year_failures", "parse_problems", "failed",
)
#: Columns of signals (提示): worth a look, common in sound reports; summed in ``signals``.
SIGNAL_COLUMNS: tuple[str, ...] = (
    "unmatched_problems", "shared_with_other_agencies", "copied_from_last_year",
    "cross_year_soft",
)
COLUMNS: tuple[str, ...] = (*ID_COLUMNS, "defects", "signals", *DEFECT_COLUMNS,
                            *SIGNAL_COLUMNS)
#: Parse-problem codes not counted as defects: those a column of their own counts, and
#: ``statements_unsplit`` (section 五 written as prose, split into sentences: how the
#: report is written, not something wrong with it).
_COUNTED_ELSEWHERE = frozenset({"missing_section", "empty_section_5", "statements_unsplit"})


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
    """The audit table (``table``: a DataFrame, one row per report or failed file)."""

    table: Any

    def sorted(self, sort: str = "defects") -> Any:
        """The table sorted by ``sort`` (descending for numbers, ascending for text).

        By severity with the default ``defects``: most defects first, ties broken by the
        most signals; ``signals`` sorts the other way round.
        """
        df = self.table
        if sort not in df.columns:
            raise NlpReportsError(
                f"cannot sort the audit by {sort!r}; columns: {', '.join(df.columns)}")
        numeric = df[sort].dtype.kind in "iufb"
        keys = {"defects": ["defects", "signals"], "signals": ["signals", "defects"]}.get(
            sort, [sort])
        return df.sort_values([*keys, "path"], ascending=[not numeric] * len(keys) + [True],
                              kind="stable").reset_index(drop=True)

    def counts(self) -> dict[str, int]:
        """How many rows have a defect, only signals, neither; how many files failed."""
        df = self.table
        failed = df["failed"] != ""
        with_defects = df["defects"] > 0
        return {"rows": len(df), "failed_files": int(failed.sum()),
                "with_defects": int((with_defects & ~failed).sum()),
                "signals_only": int((~with_defects & (df["signals"] > 0)).sum()),
                "clean": int(((df["defects"] == 0) & (df["signals"] == 0)).sum())}

    def headline(self) -> str:
        """One sentence with the counts, defects and signals apart."""
        c = self.counts()
        return (f"{c['rows'] - c['failed_files']} reports and {c['failed_files']} failed "
                f"files. Defects (data problems): {c['with_defects']} reports. Signals only "
                f"(worth a look, common in sound reports): {c['signals_only']}. Neither: "
                f"{c['clean']}.")

    def to_markdown(self, sort: str = "defects", *, max_rows: int = 200) -> str:
        """The table as Markdown; paths relative to the folder all files are in (named
        above the table, as on the HTML page), a long one cut at the left so that the
        file name, the part that tells the files apart, is kept."""
        from nlp_reports.corpus.html_report import common_folder, relative_path
        from nlp_reports.corpus.summarize import markdown_table

        df = self.sorted(sort)
        folder = common_folder([str(p) for p in df["path"]])
        df = df.assign(path=[_cut_left(relative_path(p, folder)) for p in df["path"]])
        order = ("defects first, then signals" if sort == "defects" else f"by {sort}")
        head = (f"# Audit\n\n{self.headline()} Sorted {order}.\n\n"
                + (f"Files are in {folder}{os.sep}\n\n" if folder else "")
                + f"Defect columns: {', '.join(DEFECT_COLUMNS)}. Signal columns: "
                f"{', '.join(SIGNAL_COLUMNS)} (docs/audit.md).\n\n")
        return head + markdown_table(df.drop(columns=["report_id"]), max_rows=max_rows) + "\n"

    def to_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write the table as CSV (UTF-8 with BOM, opens in Excel); the folder is created."""
        out = Path(path)
        from nlp_reports.corpus.export import spreadsheet_safe

        out.parent.mkdir(parents=True, exist_ok=True)  # as Summary.to_csv/to_html do
        spreadsheet_safe(self.sorted()).to_csv(out, index=False, encoding="utf-8-sig")
        return out

    def to_dict(self) -> list[dict[str, Any]]:
        from nlp_reports.corpus.summarize import records

        return records(self.sorted())

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def to_html(self, path: str | os.PathLike[str] | None = None) -> str:
        """A self-contained page with a sortable table; written to ``path`` if given."""
        from nlp_reports.corpus.html_report import audit_html

        html = audit_html(Audit(self.sorted()))
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(html, encoding="utf-8")
        return html


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


def audit(db: str | os.PathLike[str] | Store, *, threshold: float = 0.8) -> Audit:
    """Audit every report in the store ``db``: one row per report (and per failed file)."""
    import importlib

    import numpy as np
    import pandas as pd

    from nlp_reports.corpus import copying

    sm = importlib.import_module("nlp_reports.corpus.summarize")

    store, owned = open_store(db, readonly=not isinstance(db, Store))
    try:
        frames = sm.load_frames(store)
        sections = store.query("SELECT report_id, number, text FROM sections "
                               "WHERE number IN (5, 6)")
        all_checks = frames.checks
        failures = store.failures()
        probs = store.problems()
    finally:
        if owned:
            store.close()
    reps = frames.reports.set_index("id")
    st = frames.statements.merge(frames.reports[["id", "agency", "year"]].rename(
        columns={"id": "report_id"}), on="report_id", how="left")
    out = pd.DataFrame(index=reps.index)
    out["path"] = reps["path"]
    out["agency"] = reps["agency"]
    out["year"] = reps["year"]
    out["level"] = reps["level"]
    defects = pd.Series(0, index=reps.index)
    signals = pd.Series(0, index=reps.index)

    def listing(rows: Any, fmt: Any, per: str | None = None) -> Any:
        """(every row's text joined, per report; how many count): one per row, or one per
        distinct value of the column ``per``."""
        if rows.empty:
            return pd.Series("", index=reps.index), pd.Series(0, index=reps.index)
        texts = rows.apply(fmt, axis=1)
        joined = texts.groupby(rows["report_id"]).agg("; ".join)
        counts = (texts.groupby(rows["report_id"]).size() if per is None
                  else rows.groupby("report_id")[per].nunique())
        return (joined.reindex(reps.index, fill_value=""),
                counts.reindex(reps.index, fill_value=0))

    ident = all_checks[all_checks["id"].isin(sm.IDENTITY_CHECKS)]
    out["identity_failures"], n = listing(ident, lambda r: (
        f"{r['id']} {_cell(r['table_id'], r['row'], r['column'])}: expected "
        f"{_fmt_num(r['expected'])}, found {_fmt_num(r['found'])}"))
    defects += n
    t1 = all_checks[all_checks["id"] == "T1"]
    out["t1_contradictions"], n = listing(t1, lambda r: (
        r["message"] or f"{_cell(r['table_id'], r['row'], r['column'])}: text says "
         f"{_fmt_num(r['found'])}, table {_fmt_num(r['expected'])}"))
    defects += n

    missing = reps["missing_sections"].map(lambda s: json.loads(s) if s else [])
    out["missing_sections"] = missing.map(lambda m: ",".join(str(x) for x in m))
    defects += missing.map(len)

    sec5 = sections[sections["number"] == 5].groupby("report_id")["text"].agg("\n".join)
    has5 = reps.index.isin(sec5.index)
    stmt_empty = st.assign(e=st["text"].map(is_empty_text)).groupby("report_id")["e"].all()
    says_nothing = sec5.map(is_empty_text).reindex(reps.index, fill_value=False)
    empty5 = pd.Series(has5, index=reps.index) & (
        (reps["n_statements"] == 0) | stmt_empty.reindex(reps.index, fill_value=True)
        | says_nothing)
    out["section5_empty"] = empty5
    defects += empty5.astype(int)

    flags = {k: sm.theme_flags(st, frames.reports, k) for k in ("problem", "measure")}
    unmatched = (flags["problem"] == 1) & (flags["measure"] == 0)
    names = np.array([THEME_NAMES[t] for t in THEME_IDS], dtype=object)
    out["unmatched_problems"] = pd.Series(
        ["、".join(names[row]) for row in unmatched[list(THEME_IDS)].to_numpy(dtype=bool)],
        index=unmatched.index).reindex(reps.index, fill_value="")
    signals += unmatched.sum(axis=1).reindex(reps.index, fill_value=0)

    index = copying.NearDuplicateIndex.build(st["text"].tolist())
    _, copied = copying.year_over_year(st, frames.reports, index, threshold=threshold)
    n_copied = copied.groupby("report_id").size().reindex(reps.index, fill_value=0)
    out["copied_from_last_year"] = n_copied
    signals += n_copied
    _, members = copying.boilerplate(st, index, threshold=threshold)
    n_shared = members.groupby("report_id").size().reindex(reps.index, fill_value=0)
    out["shared_with_other_agencies"] = n_shared
    signals += n_shared

    t2 = _t2(reps, all_checks, sections)
    out["t2_fees_without_6"] = t2
    defects += t2.astype(int)

    cross = sm.cross_year(frames.reports)
    cross = cross[cross["outcome"] == "fail"]
    soft = cross["soft"].astype(bool)

    def cross_text(r: Any) -> str:
        return (f"{r['check']} {_cell(r['table_id'], r['row'], r['column'])}: expected "
                f"{_fmt_num(r['expected'])}, found {_fmt_num(r['found'])}")

    # one defect per check: a carry-over that does not match last year's report usually
    # differs in every column at once (7 cells of X1), which is one error, not seven
    out["cross_year_failures"], n = listing(cross[~soft], cross_text, per="check")
    defects += n
    out["cross_year_soft"], n = listing(cross[soft], cross_text, per="check")
    signals += n

    out["parse_problems"], n = _parse_problems(probs, reps.index)
    defects += n
    out["failed"] = ""
    out["defects"] = defects.astype(int)
    out["signals"] = signals.astype(int)
    out = out.rename_axis("report_id").reset_index()
    if len(failures):
        failed = pd.DataFrame({
            "report_id": pd.array([pd.NA] * len(failures), dtype="Int64"),
            "path": failures["path"], "defects": 1, "signals": 0,
            "failed": failures["reason"] + ": " + failures["message"].fillna(""),
        })
        out = pd.concat([out, failed], ignore_index=True)
    for col in ("identity_failures", "t1_contradictions", "missing_sections",
                "unmatched_problems", "cross_year_failures", "cross_year_soft",
                "parse_problems", "failed", "agency", "level"):
        out[col] = out[col].fillna("")
    for col in ("section5_empty", "t2_fees_without_6"):
        out[col] = out[col].fillna(False).astype(bool)
    for col in ("copied_from_last_year", "shared_with_other_agencies", "defects", "signals"):
        out[col] = out[col].fillna(0).astype(int)
    out["year"] = out["year"].astype("Int64")
    return Audit(out[list(COLUMNS)])


def _t2(reps: Any, checks: Any, sections: Any) -> Any:
    """T2: fees > 0 in 表二 (八) while section 六 says "无" — from the parser's check when
    it ran one, else computed here from the stored fee figure."""
    import pandas as pd

    failed = reps.index.isin(checks.loc[checks["id"] == "T2", "report_id"])
    sec6 = sections[sections["number"] == 6].groupby("report_id")["text"].agg("\n".join)
    six_says_nothing = sec6.map(is_empty_text).reindex(reps.index, fill_value=False)
    fees = reps["fees"].astype(float).fillna(0.0)
    return pd.Series(failed, index=reps.index) | ((fees > 0) & six_says_nothing)


def _parse_problems(probs: Any, ids: Any) -> tuple[Any, Any]:
    """The parser's problem codes per report (joined) and how many count as defects: each
    distinct code once, less those a column of their own already counts."""
    import pandas as pd

    if probs.empty:
        return pd.Series("", index=ids), pd.Series(0, index=ids)
    codes = probs.groupby("report_id")["code"].agg(lambda s: sorted(set(s)))
    joined = codes.map(",".join).reindex(ids, fill_value="")
    counted = codes.map(lambda c: sum(x not in _COUNTED_ELSEWHERE for x in c))
    return joined, counted.reindex(ids, fill_value=0).astype(int)
