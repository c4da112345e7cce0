"""The agency × year panel (机关—年度面板): one row per agency and year, for regressions.

A researcher merging the reports with data of her own needs one row per (agency, year), not
one per stored text: a corpus crawled from websites holds a report's corrected re-issue
(更正版) beside the first version, or a page and its attachment that parsed to different
texts. :func:`panel` keeps one report per pair by the rule of ``summarize --dedupe``
(:func:`~nlp_reports.corpus.summarize.dedupe_frames`) and gives, per pair, the table figures
the store holds (and, for a report without 表三/表四 — before 2019 — the figures its text
states, in the ``*_narrative`` columns), 表二's decision counts, problem and measure theme dummies of section 五
and the share copied from the agency's report of the year before — each column from one
stated table cell or computation (docs/summary.md, *The agency × year panel*).
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from nlp_reports.corpus.store import FIGURES, Store, open_store
from nlp_reports.taxonomy import THEME_IDS

#: 表二's decision counts as panel columns: (table id, row id), column ``decisions`` (本年处理决定
#: 数量; in the 2019 format the same-named column beside 上一年项目数量 and 本年增/减).
DECISION_CELLS: dict[str, tuple[str, str]] = {
    "licensing": ("table2.5", "licensing"),      # 行政许可
    "punishment": ("table2.6", "punishment"),    # 行政处罚
    "coercion": ("table2.6", "coercion"),        # 行政强制
}

#: 表二(一)'s counts of normative documents and regulations (制发/废止/现行有效) as panel
#: columns: the cells the store keeps for the cross-year identities (``CROSS_YEAR_CELLS``).
TABLE2_1_CELLS: tuple[str, ...] = (
    "x2_normative_documents_issued", "x2_normative_documents_repealed",
    "x2_normative_documents_in_force", "x2_regulations_issued", "x2_regulations_repealed",
    "x2_regulations_in_force")


#: The table each figure with a text counterpart (``*_narrative``) is read from.
SOURCE_TABLES: dict[str, str] = {"received": "table3", "granted": "table3", "partial": "table3",
                                 "refused": "table3", "review": "table4", "litigation": "table4"}

#: The values of a ``<figure>_source`` column: where the figure came from, or why it is blank.
#: ``text:N`` names the section (its number in the 2021 scheme, as ``sections.number``).
SOURCES: dict[str, str] = {
    "table3": "表三's cell(s), in the figure's own column",
    "table4": "表四's cell(s), in the figure's own column",
    "text:N": "the prose of section N (1 = 一 总体情况/概述, 3 = 依申请公开, 4 = 复议诉讼; the "
              "2021 numbers), in <figure>_narrative",
    "text": "the prose of several parts read together, in <figure>_narrative",
    "none:blank_cell": "the table was read but its cell(s) are blank, and the text states no count",
    "none:unreadable": "the table was found but could not be read whole, and the text states "
                       "no count",
    "none:not_stated": "no such table, and the text states no single count (none, an estimate "
                       "约N, a count with last year's carried over, two figures …)",
    "none:no_report": "no report stored for the agency and year (balanced panel only)",
    "section6": "(fee_source) the 信息处理费 section 六 (其他需要报告的事项) of a report in a "
                "later layout states, in fee_narrative (never 表二 (八)'s fees, the agency's "
                "行政事业性收费, another figure)",
    "none:later_layout": "(fee_source) a report in a later layout, with tables, whose section 六 "
                         "states no single 信息处理费 (nothing on fees, only 无, an estimate, "
                         "a figure without its unit …)",
}


def panel(source: str | os.PathLike[str] | Store, *, agency_map: Any = None,
          dedupe: bool = True, threshold: float = 0.8, balanced: bool = False) -> Any:
    """One row per (agency, year) of a store: a DataFrame sorted by agency and year.

    ``agency_map`` (old name → new name, a dict or a CSV path, as for :func:`summarize`)
    links an agency's years across a rename; ``agency_as_written`` keeps the report's own
    name. ``dedupe`` (default True): one report per pair, chosen as ``summarize --dedupe``
    chooses (``n_texts`` says how many stored texts the pair had); False gives one row
    per report. Reports without an agency or a year are left out (they cannot be keyed).
    ``threshold``: the cosine above which a statement counts as copied (as in the summary).
    ``balanced`` (default False): every agency × every year from the store's first to its last
    year gets a row, ``has_report`` 0 (figures, dummies and counts blank, each
    ``<figure>_source`` ``none:no_report``, ``level`` and ``region`` the agency's from its
    nearest earlier report, else its first) where no report was stored; else the pairs with a
    report only (``has_report`` 1). ``<figure>_source`` (:data:`SOURCES`) says where each of
    six figures with a text counterpart was read, or why it is blank, and ``fee_source``
    where ``fee_narrative`` (the disclosure fee: an older report's, a later one's 信息处理费
    of section 六) was.
    """
    import pandas as pd

    from nlp_reports.corpus import copying
    from nlp_reports.corpus.summarize import (
        NARRATIVE_COLUMNS,
        agency_map_arg,
        dedupe_frames,
        load_frames,
        theme_flags,
    )

    mapping = agency_map_arg(agency_map)
    store, owned = open_store(source, readonly=True)
    try:
        frames = load_frames(store, agency_map=mapping)
        decisions = _decision_counts(store)
        found = _tables_found(store)
        sections = _narrative_sections(store, frames.reports)
    finally:
        if owned:
            store.close()
    from nlp_reports.parse.metadata import agency_key

    # one agency, one name across years: the name as linked (行署 → 行政公署, …政府 →
    # …人民政府, …政府办 → …人民政府办公室, blanks dropped); agency_as_written keeps the report's own
    r = frames.reports
    r = r.assign(agency_as_written=r["agency_as_written"] if "agency_as_written" in r
                 else r["agency"], agency=r["agency"].map(agency_key, na_action="ignore"))
    frames = dataclasses.replace(frames, reports=r)
    known = r["agency"].notna() & r["year"].notna()
    pairs = r.loc[known].groupby(["agency", "year"]).size().rename("n_texts")
    if dedupe:
        frames, _ = dedupe_frames(frames)
    # the texts of a pair not kept, with the name each was written under (a merger mapped
    # by agency_map puts its predecessors' reports of one year in one pair)
    gone = r.loc[known & ~r["id"].isin(frames.reports["id"])]
    left_out = (gone.assign(text=gone["agency_as_written"].astype(str) + ": "
                            + gone["path"].astype(str))
                .groupby(["agency", "year"])["text"].agg("; ".join))
    r = frames.reports[frames.reports["agency"].notna() & frames.reports["year"].notna()]
    st = frames.statements
    # year over year against the agency's other reports kept (the deduped ones)
    index = copying.NearDuplicateIndex.build(st["text"].tolist())
    by_report, _ = copying.year_over_year(st, frames.reports, index, threshold=threshold)
    copied = by_report.set_index("report_id")[["share_copied", "share_copied_statements"]]
    kinds = st.groupby("report_id")["kind"].value_counts().unstack(fill_value=0)

    out = pd.DataFrame({
        "agency": r["agency"].to_numpy(),
        "agency_as_written": r["agency_as_written"].to_numpy(),
        "year": r["year"].astype(int).to_numpy(),
        "level": r["level"].to_numpy(), "region": r["region"].to_numpy(),
        "report_id": r["id"].to_numpy(), "path": r["path"].to_numpy(),
        "published": r["published"].to_numpy(), "format": r["format"].to_numpy(),
    })
    out["n_texts"] = [int(pairs.get((a, y), 1)) for a, y in zip(r["agency"], r["year"],
                                                               strict=True)]
    out["left_out"] = [left_out.get((a, y), "") for a, y in zip(r["agency"], r["year"],
                                                                strict=True)]
    ids = r["id"]
    for name in FIGURES:
        out[name] = r[name].to_numpy(dtype=float)
    for name in TABLE2_1_CELLS:
        out[name] = r[name].to_numpy(dtype=float)
    for name in DECISION_CELLS:
        out[name] = ids.map(decisions[name]).to_numpy(dtype=float)
    # the year's figures as the text states them, for a report whose 表三/表四 gave none (the
    # 2008–2018 reports: no tables, counts in prose); never summed into the table columns
    for name in NARRATIVE_COLUMNS.values():
        out[name] = r[name].to_numpy(dtype=float)
    for name, column in _sources(r, found, sections).items():
        out[name] = column
    # what a figure's trust rests on: the report's failed identities, its tables not read whole
    failed = (frames.checks.groupby("report_id")["id"]
              .agg(lambda checks: ";".join(sorted(set(map(str, checks))))))
    out["failed_checks"] = [failed.get(i, "") for i in ids]
    out["n_unreadable_tables"] = r["n_unreadable"].fillna(0).astype(int).to_numpy()
    out["n_statements"] = r["n_statements"].fillna(0).astype(int).to_numpy()
    for kind in ("problem", "measure"):
        n = kinds[kind] if kind in kinds else pd.Series(dtype=int)
        out[f"n_{kind}s"] = ids.map(n).fillna(0).astype(int).to_numpy()
    for kind, prefix in (("problem", "p_"), ("measure", "m_")):
        flags = theme_flags(st, r, kind)
        for theme in THEME_IDS:
            out[prefix + theme] = flags[theme].to_numpy(dtype=int)
    out["share_copied"] = ids.map(copied["share_copied"]).to_numpy(dtype=float)
    out["share_copied_statements"] = ids.map(
        copied["share_copied_statements"]).to_numpy(dtype=float)
    out.insert(out.columns.get_loc("n_texts"), "has_report", 1)
    if balanced:
        out = _balanced(out)
    out = out.sort_values(["agency", "year", "report_id"], kind="stable")
    return out.reset_index(drop=True)


def _balanced(out: Any) -> Any:
    """``out`` with a row for each agency × year of its year range that has none:
    ``has_report`` and ``n_texts`` 0, ``<figure>_source`` ``none:no_report``, ``level`` and
    ``region`` the agency's (:func:`_agency_attributes`), every other column blank (counts as
    nullable integers: a missing report is no report of 0)."""
    import pandas as pd

    if out.empty:
        return out
    years = range(int(out["year"].min()), int(out["year"].max()) + 1)
    grid = pd.MultiIndex.from_product([sorted(out["agency"].unique()), years],
                                      names=["agency", "year"]).to_frame(index=False)
    have = pd.MultiIndex.from_frame(out[["agency", "year"]])
    missing = grid[~pd.MultiIndex.from_frame(grid).isin(have)]
    if missing.empty:
        return out
    ints = [c for c in out.columns if pd.api.types.is_integer_dtype(out[c])
            and c not in ("year", "has_report", "n_texts")]
    blank = missing.assign(has_report=0, n_texts=0, left_out="",
                           **{f"{f}_source": "none:no_report" for f in (*SOURCE_TABLES, "fee")})
    blank = _agency_attributes(blank, out)
    out = pd.concat([out, blank], ignore_index=True)[list(out.columns)]
    for c in ints:
        out[c] = out[c].astype("Int64")
    for c in ("year", "has_report", "n_texts"):
        out[c] = out[c].astype(int)
    return out


def _agency_attributes(blank: Any, out: Any) -> Any:
    """``blank`` (balanced rows: agency, year) with each agency's ``level`` and ``region`` as
    its nearest earlier report gives them, else its first report's: a regression of
    has_report on level would otherwise drop every year without a report, and an
    agency that became a city in 2022 was no city in 2021."""
    import pandas as pd

    known = (out[["agency", "year", "level", "region"]].drop_duplicates(["agency", "year"])
             .sort_values("year", kind="stable"))
    rows = blank.reset_index(drop=True).reset_index().sort_values("year", kind="stable")
    before = pd.merge_asof(rows, known, on="year", by="agency", direction="backward",
                           allow_exact_matches=False)
    after = pd.merge_asof(rows, known, on="year", by="agency", direction="forward",
                          allow_exact_matches=False)
    first = rows["agency"].map(known.groupby("agency")["year"].min())
    no_earlier = (rows["year"] < first).to_numpy()  # (merge_asof keeps the left's order)
    for col in ("level", "region"):
        before[col] = before[col].where(~no_earlier, after[col].to_numpy())
    return before.sort_values("index").drop(columns="index").reset_index(drop=True)


def _tables_found(store: Store) -> dict[str, tuple[set[int], set[int]]]:
    """Table id (of :data:`SOURCE_TABLES`) → (reports holding one, reports whose first one
    was read only in part)."""
    from nlp_reports.corpus.summarize import partly_read, table_relation

    ids = sorted(set(SOURCE_TABLES.values()))
    rows = store.query(f"SELECT DISTINCT report_id, table_id FROM {table_relation(store)} "
                       f"WHERE table_id IN ({','.join('?' * len(ids))})", ids)
    partial = partly_read(store.unreadable_tables(), ids)
    return {t: (set(rows.loc[rows["table_id"] == t, "report_id"].astype(int)), partial[t])
            for t in ids}


def _narrative_sections(store: Store, reports: Any) -> dict[int, list[tuple[int, str, str]]]:
    """Report id → its sections but 五 as (number, title, text), in order, for the reports
    with a figure read from the text (to say which section stated it)."""
    from nlp_reports.corpus.summarize import NARRATIVE_COLUMNS

    cols = [c for c in NARRATIVE_COLUMNS.values() if c in reports]
    if not cols:
        return {}
    ids = reports.loc[reports[cols].notna().any(axis=1), "id"].astype(int).tolist()
    out: dict[int, list[tuple[int, str, str]]] = {}
    rows = store.query_in(
        "SELECT report_id, number, title, text FROM sections WHERE report_id IN ({ids}) "
        "AND number IS NOT NULL AND number != 5 ORDER BY report_id, position", ids)
    for rid, number, title, text in rows.itertuples(index=False):
        if text:
            out.setdefault(int(rid), []).append((int(number), title, text))
    return out


def _sources(r: Any, found: dict[str, tuple[set[int], set[int]]],
             sections: dict[int, list[tuple[int, str, str]]]) -> dict[str, list[str]]:
    """``<figure>_source`` per report of ``r`` (:data:`SOURCES`): the table when its column
    holds the figure; the section whose prose states the ``*_narrative`` value (section 一
    first, as the text reader reads it; a 复议/诉讼 part saying only 无 states 0, as
    :func:`~nlp_reports.corpus.summarize.add_narrative_figures` reads it; ``text`` when no
    one section states it alone); else why the figure is blank."""
    from nlp_reports.corpus.summarize import (
        NARRATIVE_COLUMNS,
        cases_none,
        narrative_counts,
        titled_part,
    )
    from nlp_reports.parse.fees import narrative_fee, section6_fee

    def counts_of(title: str, text: str, year: int | None) -> dict[str, float]:
        counts: dict[str, float] = dict(narrative_counts(titled_part(title, text), year))
        if (fee := narrative_fee([(title, text)], year)) is not None:
            counts["fee"] = fee
        for kind, said in zip(("review", "litigation"), cases_none(title, text) or (False, False),
                              strict=True):
            if said:
                counts.setdefault(kind, 0)
        return counts

    ids = r["id"].astype(int).tolist()
    years = r["year"].tolist()
    stated: dict[int, list[tuple[int, dict[str, int]]]] = {}

    def section_of(rid: int, year: Any, kind: str, value: float) -> str:
        if rid not in stated:
            y = int(year) if year == year and year is not None else None
            parts = sorted(sections.get(rid, []), key=lambda p: p[0] != 1)
            stated[rid] = [(n, counts_of(title, text, y)) for n, title, text in parts]
        for number, counts in stated[rid]:
            if counts.get(kind) == value:
                return f"text:{number}"
        return "text"

    out: dict[str, list[str]] = {}
    for kind, table in SOURCE_TABLES.items():
        held, partial = found[table]
        values = r[kind].to_numpy(dtype=float)
        prose = r[NARRATIVE_COLUMNS[kind]].to_numpy(dtype=float)
        column = []
        for rid, year, v, t in zip(ids, years, values, prose, strict=True):
            if v == v:
                column.append(table)
            elif t == t:
                column.append(section_of(rid, year, kind, t))
            elif rid in partial:
                column.append("none:unreadable")
            elif rid in held:
                column.append("none:blank_cell")
            else:
                column.append("none:not_stated")
        out[f"{kind}_source"] = column
    # the disclosure fee (no table holds it): a later layout's section 六 (信息处理费), an
    # older layout's part, or why blank
    tables = found["table3"][0] | found["table4"][0]
    fee = r[NARRATIVE_COLUMNS["fee"]].to_numpy(dtype=float)

    def fee_source(rid: int, year: Any, t: float, fmt: Any) -> str:
        if t != t:
            return ("none:not_stated" if fmt == "legacy" or rid not in tables
                    else "none:later_layout")
        six = [(title, text) for n, title, text in sections.get(rid, []) if n == 6]
        y = int(year) if year == year and year is not None else None
        if fmt != "legacy" and six and section6_fee(six, y) == t:
            return "section6"
        return section_of(rid, year, "fee", t)

    out["fee_source"] = [fee_source(rid, year, t, fmt) for rid, year, t, fmt
                         in zip(ids, years, fee, r["format"].tolist(), strict=True)]
    return out


def _decision_counts(store: Store) -> dict[str, dict[int, float]]:
    """:data:`DECISION_CELLS` per report id (a blank cell, or a cell of a table read only in
    part — :func:`~nlp_reports.corpus.summarize.unreadable_tables` — is absent: NaN in the
    panel, never 0)."""
    from nlp_reports.corpus.summarize import partly_read

    # one read of the tables not read whole for all of them (表二(六) holds two of the cells)
    partial = partly_read(store.unreadable_tables(), {t for t, _ in DECISION_CELLS.values()})
    out: dict[str, dict[int, float]] = {}
    for name, (table_id, row) in DECISION_CELLS.items():
        cells = store.query(
            'SELECT report_id, value FROM table_cells WHERE table_id = ? AND "row" = ? '
            "AND \"column\" = 'decisions'", (table_id, row))
        cells = cells[cells["value"].notna() & ~cells["report_id"].isin(partial[table_id])]
        # a report's first table of the id, as report.table(id) reads it
        cells = cells.drop_duplicates("report_id")
        out[name] = dict(zip(cells["report_id"].astype(int),
                             cells["value"].astype(float), strict=True))
    return out


__all__ = ["DECISION_CELLS", "SOURCES", "SOURCE_TABLES", "TABLE2_1_CELLS", "panel"]
