"""What a corpus says, in tables (语料汇总): themes, coverage, copying, table statistics, words.

:func:`summarize` reads a store (or reports you pass in) and returns a :class:`Summary`
of pandas DataFrames. Counts are of REPORTS (a report "states" a theme when at least one
of its statements of that kind carries it), so a long report does not weigh more than a
short one. Everything is vectorised (pandas / numpy / scipy sparse) so a store of 20,000
reports summarises in seconds; near-duplicate search is in :mod:`.copying`.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nlp_reports.corpus.store import THEME_COLUMNS, Store, open_store
from nlp_reports.taxonomy import THEME_IDS, THEME_NAMES

log = logging.getLogger("nlp_reports")

GROUP_COLUMNS: tuple[str, ...] = ("year", "level", "region", "agency", "format")
KINDS_COUNTED: tuple[str, ...] = ("problem", "measure")
KIND_NAMES = {"problem": "问题", "measure": "措施", "other": "其他"}
IDENTITY_CHECKS: tuple[str, ...] = ("I1", "I2", "I3", "I4")

#: Summary tables in the order they are printed, with a title for each.
TABLE_TITLES: dict[str, str] = {
    "overview": "Corpus overview",
    "prevalence": "Theme prevalence (reports stating each theme, by kind)",
    "trend": "Theme prevalence by year",
    "coverage": "Coverage: problems admitted that also get a measure on the same theme",
    "representatives": "Representative statements per theme and kind",
    "boilerplate": "Boilerplate shared across different agencies",
    "copying": "Year-over-year copying within an agency",
    "copied_statements": "Statements copied from the agency's report of the year before",
    "cross_year": "Cross-year table identities (X1, X2) that fail",
    "problem_changes": "Problems new, persisting, reappearing or gone year over year",
    "table_stats": "Statistics of the tables",
    "vocabulary": "Distinctive vocabulary per group (weighted log-odds, informative prior)",
}


@dataclass(frozen=True)
class Summary:
    """The corpus summary: one pandas DataFrame per aspect (see :data:`TABLE_TITLES`).

    ``by`` is the grouping used; ``tables`` maps a name to its DataFrame; attributes
    (``summary.prevalence`` …) read the same tables.
    """

    by: tuple[str, ...]
    tables: dict[str, Any] = field(repr=False)
    n_reports: int = 0
    n_statements: int = 0

    def __getattr__(self, name: str) -> Any:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    # --- output ----------------------------------------------------------------------

    def to_markdown(self, *, max_rows: int = 40) -> str:
        """Every table as GitHub Markdown (long tables cut at ``max_rows``)."""
        parts = [f"# Corpus summary\n\n{self.n_reports} reports, {self.n_statements} "
                 f"statements" + (f"; grouped by {', '.join(self.by)}" if self.by else "")]
        for name, title in TABLE_TITLES.items():
            df = self.tables.get(name)
            if df is None:
                continue
            parts.append(f"## {title}\n\n{markdown_table(df, max_rows=max_rows)}")
        return "\n\n".join(parts) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: {"by", "n_reports", "n_statements", "tables": {name: [records]}}."""
        return {
            "by": list(self.by), "n_reports": self.n_reports, "n_statements": self.n_statements,
            "tables": {name: records(df) for name, df in self.tables.items()},
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def to_csv(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write each table as ``<name>.csv`` (UTF-8 with BOM, opens in Excel) into a folder."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in self.tables.items():
            path = out / f"{name}.csv"
            df.to_csv(path, index=False, encoding="utf-8-sig")
            written.append(path)
        return written

    def to_html(self, path: str | os.PathLike[str] | None = None) -> str:
        """A self-contained HTML report with inline SVG charts; written to ``path`` if given."""
        from nlp_reports.corpus.html_report import summary_html

        html = summary_html(self)
        if path is not None:
            Path(path).write_text(html, encoding="utf-8")
        return html


def records(df: Any) -> list[dict[str, Any]]:
    """DataFrame rows as dicts with JSON-safe values (NaN → None, numpy → Python)."""
    out = []
    for row in df.to_dict("records"):
        out.append({str(k): _plain(v) for k, v in row.items()})
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, np.bool_):
        return bool(v)
    if v is None:
        return None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def markdown_table(df: Any, *, max_rows: int = 40) -> str:
    """A DataFrame as a Markdown table (no third-party formatter needed)."""
    if df is None or len(df) == 0:
        return "_(none)_"
    cols = [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for row in df.head(max_rows).itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    if len(df) > max_rows:
        lines.append(f"\n_… {len(df) - max_rows} more rows (see --csv or --format json)_")
    return "\n".join(lines)


def _cell(v: Any) -> str:
    v = _plain(v)
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.3f}" if not v.is_integer() else f"{int(v)}"
    text = str(v).replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 80 else text[:79] + "…"


# --- loading ------------------------------------------------------------------------------


@dataclass
class Frames:
    """The store's tables as DataFrames, with what the summary needs."""

    reports: Any
    statements: Any
    cells: Any
    checks: Any
    words: Any  # Series report_id → space-joined words (or None)


def load_frames(store: Store) -> Frames:
    """Read what the summary needs from a store, with SQL doing the filtering."""
    reports = store.query(
        "SELECT id, path, agency, year, level, region, format, published, n_sections, "
        "n_statements, missing_sections FROM reports ORDER BY id")
    theme_cols = ", ".join(THEME_COLUMNS)
    statements = store.query(
        f"SELECT report_id, idx, text, block, kind, kind_score, {theme_cols} FROM statements "
        "ORDER BY report_id, idx")
    cells = store.query(
        'SELECT report_id, table_id, "row", "column", value FROM table_cells WHERE '
        "(table_id = 'table3' AND (\"column\" = 'total' OR \"row\" IN ('2', '4'))) OR "
        "(table_id = 'table4' AND \"column\" LIKE '%.total') OR table_id IN ('table2.1', "
        "'table2.8')")
    checks = store.query("SELECT report_id, id, outcome, table_id, \"row\", \"column\", "
                         "expected, found, message FROM checks WHERE outcome = 'fail'")
    words = store.query("SELECT id, words FROM reports").set_index("id")["words"]
    return Frames(reports, statements, cells, checks, words)


def _memory_store(items: Iterable[tuple[Any, Sequence[Any]]]) -> Store:
    """Write (Report, tagged statements) pairs into an in-memory store."""
    store = Store(":memory:")
    tokenize = None
    try:
        from nlp_reports.tokenize import Tokenizer

        tokenize = Tokenizer()
    except ImportError:
        pass
    from nlp_reports.corpus.batch import report_words

    for i, (report, tagged) in enumerate(items):
        path = report.metadata.source or f"report-{i}"
        words = report_words(report, tokenize) if tokenize is not None else None
        store.write_report(f"{path}#{i}", report, tagged, words=words)
    return store


# --- the summary ----------------------------------------------------------------------------


def summarize(source: str | os.PathLike[str] | Store | Iterable[tuple[Any, Sequence[Any]]],
              by: Sequence[str] = (), *, threshold: float = 0.8, n_representatives: int = 3,
              top_words: int = 15, vocabulary_sample: int = 2000) -> Summary:
    """Summarize a store path, an open :class:`Store` or an iterable of (Report, tagged).

    ``by``: group columns among year, level, region, agency, format. ``threshold``: cosine
    for near-duplicates. ``vocabulary_sample``: at most this many reports per group feed
    the distinctive-vocabulary counts (deterministic sample) to keep big corpora fast.
    """
    by = tuple(by or ())
    for b in by:
        if b not in GROUP_COLUMNS:
            raise ValueError(f"cannot group by {b!r}: choose among {', '.join(GROUP_COLUMNS)}")
    if isinstance(source, (str, os.PathLike)):
        store, owned = open_store(source, readonly=True)
    elif isinstance(source, Store):
        store, owned = source, False
    else:
        store, owned = _memory_store(source), True
    try:
        frames = load_frames(store)
    finally:
        if owned:
            store.close()
    return summarize_frames(frames, by, threshold=threshold, n_representatives=n_representatives,
                            top_words=top_words, vocabulary_sample=vocabulary_sample)


def summarize_frames(frames: Frames, by: tuple[str, ...], *, threshold: float = 0.8,
                     n_representatives: int = 3, top_words: int = 15,
                     vocabulary_sample: int = 2000) -> Summary:
    """The summary of already loaded :class:`Frames` (see :func:`summarize`)."""

    from nlp_reports.corpus import copying

    reps = frames.reports.copy()
    for b in GROUP_COLUMNS:
        if b in reps:
            reps[b] = reps[b].astype(object).where(reps[b].notna(), "(unknown)")
    if "year" in reps:
        reps["year"] = reps["year"].map(lambda y: int(y) if isinstance(y, (int, float, np.integer,
                                                                           np.floating)) else y)
    st = frames.statements.merge(reps[["id", *GROUP_COLUMNS]].rename(columns={"id": "report_id"}),
                                 on="report_id", how="left")
    flags = {k: _theme_flags(st, reps, k) for k in KINDS_COUNTED}
    tables: dict[str, Any] = {}
    tables["overview"] = _overview(reps, st, by)
    tables["prevalence"] = _prevalence(reps, flags, by)
    tables["trend"] = _prevalence(reps, flags, ("year",))
    tables["coverage"] = _coverage(reps, flags, by)
    index = copying.NearDuplicateIndex.build(st["text"].tolist())
    tables["representatives"] = _representatives(st, index, n_representatives)
    clusters, members = copying.boilerplate(st, index, threshold=threshold)
    tables["boilerplate"] = clusters
    tables["boilerplate_members"] = members
    raw_reports = frames.reports[["id", "agency", "year"]]
    by_report, copied = copying.year_over_year(st, raw_reports, index, threshold=threshold)
    tables["copying"] = by_report
    tables["copied_statements"] = copied
    tables["cross_year"] = cross_year(frames.reports, frames.cells)
    tables["problem_changes"] = _problem_changes(frames.reports, flags["problem"])
    tables["table_stats"] = _table_stats(reps, frames.cells, frames.checks, by)
    groups = by or (("year",) if reps["year"].nunique() > 1 else ())
    tables["vocabulary"] = _vocabulary(reps, frames.words, groups, top_words, vocabulary_sample)
    return Summary(by=by, tables=tables, n_reports=len(reps), n_statements=len(st))


def _theme_flags(st: Any, reps: Any, kind: str) -> Any:
    """report id × theme 0/1: the report has a statement of ``kind`` on the theme."""
    sub = st[st["kind"] == kind]
    flags = sub.groupby("report_id")[list(THEME_COLUMNS)].max()
    flags = flags.reindex(reps["id"], fill_value=0).fillna(0).astype(int)
    flags.columns = list(THEME_IDS)
    return flags


def _group_keys(reps: Any, by: Sequence[str]) -> Any:
    return reps.set_index("id")[list(by)] if by else None


def _overview(reps: Any, st: Any, by: Sequence[str]) -> Any:
    import pandas as pd

    st = st.assign(problem=st["kind"] == "problem", measure=st["kind"] == "measure")
    per = st.groupby("report_id").agg(problems=("problem", "sum"), measures=("measure", "sum"))
    r = reps.set_index("id").join(per).fillna({"problems": 0, "measures": 0})
    r["n_statements"] = r["n_statements"].astype(int)
    keys = list(by)
    if keys:
        g = r.groupby(keys, dropna=False)
        out = pd.DataFrame({"reports": g.size(), "statements": g["n_statements"].sum(),
                            "problem_statements": g["problems"].sum(),
                            "measure_statements": g["measures"].sum(),
                            "agencies": g["agency"].nunique()}).reset_index()
    else:
        out = pd.DataFrame([{"reports": len(r), "statements": int(r["n_statements"].sum()),
                             "problem_statements": int(r["problems"].sum()),
                             "measure_statements": int(r["measures"].sum()),
                             "agencies": int(r["agency"].nunique())}])
    return out


def _prevalence(reps: Any, flags: dict[str, Any], by: Sequence[str]) -> Any:
    import pandas as pd

    keys = list(by)
    frames = []
    for kind, f in flags.items():
        if keys:
            g = reps.set_index("id")[keys]
            counts = f.join(g).groupby(keys, dropna=False)[list(THEME_IDS)].sum()
            sizes = g.groupby(keys, dropna=False).size()
        else:
            counts = pd.DataFrame([f.sum()], index=pd.Index([0], name="_all"))
            sizes = pd.Series([len(f)], index=counts.index)
        long = counts.stack().rename("reports").reset_index()
        long.columns = [*counts.index.names, "theme", "reports"]
        long["n_reports"] = long.set_index(list(counts.index.names)).index.map(sizes).to_numpy()
        long.insert(len(counts.index.names), "kind", kind)
        frames.append(long)
    out = pd.concat(frames, ignore_index=True)
    if not keys:
        out = out.drop(columns=["_all"])
    out["theme_name"] = out["theme"].map(THEME_NAMES)
    out["reports"] = out["reports"].astype(int)
    out["share"] = (out["reports"] / out["n_reports"].where(out["n_reports"] > 0)).round(3)
    order = [*keys, "kind", "theme", "theme_name", "reports", "n_reports", "share"]
    return out[order].sort_values([*keys, "kind", "reports"], ascending=[True] * len(keys)
                                  + [True, False], kind="stable").reset_index(drop=True)


def _coverage(reps: Any, flags: dict[str, Any], by: Sequence[str]) -> Any:
    import pandas as pd

    p, m = flags["problem"], flags["measure"]
    both = p & m
    keys = list(by)
    if keys:
        g = reps.set_index("id")[keys]
        admitted = p.join(g).groupby(keys, dropna=False)[list(THEME_IDS)].sum().stack()
        covered = both.join(g).groupby(keys, dropna=False)[list(THEME_IDS)].sum().stack()
        out = pd.DataFrame({"reports_admitting": admitted, "also_measure": covered}).reset_index()
        out.columns = [*keys, "theme", "reports_admitting", "also_measure"]
    else:
        out = pd.DataFrame({"theme": list(THEME_IDS), "reports_admitting": p.sum().to_numpy(),
                            "also_measure": both.sum().to_numpy()})
    out.insert(len(keys) + 1, "theme_name", out["theme"].map(THEME_NAMES))
    out["share"] = (out["also_measure"] / out["reports_admitting"].where(
        out["reports_admitting"] > 0)).round(3)
    return out.reset_index(drop=True)


def _representatives(st: Any, index: Any, n: int) -> Any:
    """Per theme × kind, the statements closest (TF-IDF cosine) to the group's centroid."""
    import pandas as pd

    rows = []
    uid = index.uid
    for kind in KINDS_COUNTED:
        kmask = (st["kind"] == kind).to_numpy()
        for theme, col in zip(THEME_IDS, THEME_COLUMNS, strict=True):
            sel = np.flatnonzero(kmask & (st[col].to_numpy() == 1))
            if len(sel) == 0:
                continue
            if len(sel) > 5000:  # a deterministic sample is enough for a centroid
                sel = sel[np.linspace(0, len(sel) - 1, 5000).astype(int)]
            u, counts = np.unique(uid[sel], return_counts=True)
            x = index.tfidf[u]
            centroid = np.asarray(x.T @ counts / counts.sum()).ravel()
            norm = np.linalg.norm(centroid)
            scores = (x @ centroid) / norm if norm > 0 else np.zeros(len(u))
            best = np.argsort(-scores, kind="stable")[:n]
            first_row = {}
            for i in sel:
                first_row.setdefault(uid[i], i)
            for rank, b in enumerate(best, 1):
                r = st.iloc[first_row[u[b]]]
                rows.append({"theme": theme, "theme_name": THEME_NAMES[theme], "kind": kind,
                             "rank": rank, "text": r["text"], "agency": r["agency"],
                             "year": r["year"], "score": round(float(scores[b]), 3),
                             "n_statements": int(len(sel))})
    cols = ["theme", "theme_name", "kind", "rank", "text", "agency", "year", "score",
            "n_statements"]
    return pd.DataFrame(rows, columns=cols)


def _cell_pivot(cells: Any, table_id: str, rows: Sequence[str] | None = None) -> Any:
    """report_id × (row, column) values of one table (NaN = blank or absent)."""
    sub = cells[cells["table_id"] == table_id]
    if rows is not None:
        sub = sub[sub["row"].isin(rows)]
    return sub.pivot_table(index="report_id", columns=["row", "column"], values="value",
                           aggfunc="first", dropna=False)


def _pairs_by_year(reports: Any) -> Any:
    """(agency, year, report_id, prev_report_id) for each report with one the year before."""
    r = reports[["id", "agency", "year"]].dropna(subset=["agency", "year"])
    r = r.assign(year=r["year"].astype(int))
    pairs = r.merge(r.assign(year=r["year"] + 1), on=["agency", "year"], suffixes=("", "_prev"))
    return pairs.rename(columns={"id": "report_id", "id_prev": "prev_report_id"})


def cross_year(reports: Any, cells: Any, *, tolerance: float = 1e-6) -> Any:
    """X1 (四 of t−1 = 二 of t, per column) and X2 (现行有效 stock-and-flow, soft) per agency.

    One row per assessed comparison: agency, year, check, row, column, expected, found,
    outcome (pass / fail), soft. Comparisons with a blank operand are left out.
    """
    import pandas as pd

    pairs = _pairs_by_year(reports)
    cols = ["agency", "year", "report_id", "prev_report_id", "check", "table_id", "row",
            "column", "expected", "found", "outcome", "soft"]
    if pairs.empty or cells.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    t3 = cells[(cells["table_id"] == "table3") & cells["row"].isin(["2", "4"])]
    carried_out = t3[t3["row"] == "4"].set_index(["report_id", "column"])["value"]
    carried_in = t3[t3["row"] == "2"].set_index(["report_id", "column"])["value"]
    x1 = pairs.merge(carried_in.rename("found").reset_index(), on="report_id")
    x1 = x1.merge(carried_out.rename("expected").reset_index()
                  .rename(columns={"report_id": "prev_report_id"}),
                  on=["prev_report_id", "column"])
    x1 = x1.dropna(subset=["expected", "found"])
    if len(x1):
        x1 = x1.assign(check="X1", table_id="table3", row="2", soft=False,
                       outcome=np.where((x1["expected"] - x1["found"]).abs() <= tolerance,
                                        "pass", "fail"))
        rows.append(x1[cols])
    t21 = cells[cells["table_id"] == "table2.1"]
    if len(t21):
        piv = t21.pivot_table(index=["report_id", "row"], columns="column", values="value",
                              aggfunc="first")
        need = {"issued", "repealed", "in_force"}
        if need <= set(piv.columns):
            piv = piv[list(need)].reset_index()
            x2 = pairs.merge(piv, on="report_id").merge(
                piv[["report_id", "row", "in_force"]].rename(
                    columns={"report_id": "prev_report_id", "in_force": "prev_in_force"}),
                on=["prev_report_id", "row"])
            x2 = x2.dropna(subset=["issued", "repealed", "in_force", "prev_in_force"])
            if len(x2):
                expected = x2["prev_in_force"] + x2["issued"] - x2["repealed"]
                x2 = x2.assign(check="X2", table_id="table2.1", column="in_force",
                               expected=expected, found=x2["in_force"], soft=True,
                               outcome=np.where((expected - x2["in_force"]).abs() <= tolerance,
                                                "pass", "fail"))
                rows.append(x2[cols])
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["agency", "year", "check", "row", "column"]).reset_index(drop=True)


def _problem_changes(reports: Any, problem_flags: Any) -> Any:
    """Per agency and year: problem themes new, persisting, reappearing or disappeared.

    Compared with the agency's previous stored report (``prev_year`` says which).
    """
    import pandas as pd

    r = reports[["id", "agency", "year"]].dropna(subset=["agency", "year"])
    r = r.assign(year=r["year"].astype(int)).sort_values(["agency", "year", "id"])
    r = r.drop_duplicates(["agency", "year"], keep="last")
    out = []
    for agency, grp in r.groupby("agency", sort=True):
        seen: set[str] = set()
        prev: set[str] | None = None
        prev_year = None
        for rid, year in zip(grp["id"], grp["year"], strict=True):
            row = problem_flags.loc[rid] if rid in problem_flags.index else None
            cur = {t for t in THEME_IDS if row is not None and row[t]}
            if prev is not None:
                for t in THEME_IDS:
                    status = None
                    if t in cur and t in prev:
                        status = "persisting"
                    elif t in cur and t in seen:
                        status = "reappeared"
                    elif t in cur:
                        status = "new"
                    elif t in prev:
                        status = "disappeared"
                    if status:
                        out.append((agency, year, prev_year, t, THEME_NAMES[t], status))
            seen |= cur
            prev, prev_year = cur, year
    return pd.DataFrame(out, columns=["agency", "year", "prev_year", "theme", "theme_name",
                                      "status"])


STAT_ROWS: dict[str, tuple[str, ...]] = {
    "received": ("1",),
    "granted": ("3.1",),
    "partial": ("3.2",),
    "refused": tuple(f"3.3.{i}" for i in range(1, 9)),
    "unable": ("3.4.1", "3.4.2", "3.4.3"),
    "not_processed": tuple(f"3.5.{i}" for i in range(1, 6)),
}


def report_table_values(cells: Any) -> Any:
    """Per report: the table-3 totals (received, granted …) and 表四 review/litigation totals."""
    import pandas as pd

    t3 = cells[(cells["table_id"] == "table3") & (cells["column"] == "total")]
    t3 = t3.pivot_table(index="report_id", columns="row", values="value", aggfunc="first")
    out = pd.DataFrame(index=t3.index)
    for name, rows in STAT_ROWS.items():
        present = [r for r in rows if r in t3.columns]
        out[name] = t3[present].sum(axis=1, min_count=1) if present else np.nan
    t4 = cells[cells["table_id"] == "table4"]
    t4 = t4.pivot_table(index="report_id", columns="column", values="value", aggfunc="first")
    out = out.join(t4.reindex(columns=["review.total"]).rename(
        columns={"review.total": "review"}), how="outer")
    lit = t4.reindex(columns=["litigation_direct.total", "litigation_after_review.total"])
    out = out.join(lit.sum(axis=1, min_count=1).rename("litigation"), how="outer")
    return out


def _table_stats(reps: Any, cells: Any, checks: Any, by: Sequence[str]) -> Any:

    vals = report_table_values(cells)
    r = reps.set_index("id")
    r = r.join(vals)
    for c in [*STAT_ROWS, "review", "litigation"]:
        if c not in r:
            r[c] = np.nan
    failing = set(checks.loc[checks["id"].isin(IDENTITY_CHECKS), "report_id"])
    r["fails_identity"] = r.index.isin(failing)
    r["has_table3"] = r["received"].notna()
    value_cols = [*STAT_ROWS, "review", "litigation"]
    keys = list(by)
    grouped = r.groupby(keys, dropna=False) if keys else r.groupby(lambda _: 0)
    out = grouped[value_cols].sum(min_count=1)
    out.insert(0, "reports", grouped.size())
    out.insert(1, "with_table3", grouped["has_table3"].sum().astype(int))
    out["share_failing_I1_I4"] = grouped["fails_identity"].mean().round(3)
    out = out.reset_index()
    if not keys:
        out = out.drop(columns=[out.columns[0]])
    return out


def _vocabulary(reps: Any, words: Any, groups: Sequence[str], top: int, sample: int) -> Any:
    """Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    Each group is compared with all other reports; the prior is the whole corpus's word
    counts. z-scores rank the words; the top ``top`` per group are kept.
    """
    import pandas as pd

    cols = [*groups, "rank", "word", "z", "count"]
    if not groups or words is None or words.isna().all():
        return pd.DataFrame(columns=cols)
    r = reps.set_index("id")[list(groups)].join(words.rename("words")).dropna(subset=["words"])
    if r.empty:
        return pd.DataFrame(columns=cols)
    # a deterministic sample per group keeps counting fast on big corpora
    r = r.groupby(list(groups), dropna=False, group_keys=False).head(sample)
    from sklearn.feature_extraction.text import CountVectorizer

    cv = CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False,
                         min_df=2 if len(r) > 20 else 1)
    try:
        x = cv.fit_transform(r["words"])
    except ValueError:  # empty vocabulary
        return pd.DataFrame(columns=cols)
    vocab = np.array(cv.get_feature_names_out())
    keep = np.array([len(w) >= 2 and not w.startswith("<") for w in vocab])
    x, vocab = x[:, keep], vocab[keep]
    codes, labels = pd.MultiIndex.from_frame(r[list(groups)].astype(str)).factorize()
    from scipy.sparse import csr_matrix

    ind = csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))),
                     shape=(len(labels), len(codes)))
    y = np.asarray((ind @ x).todense(), dtype=float)  # groups × words
    alpha = y.sum(axis=0)  # informative prior: the corpus's own counts
    a0 = alpha.sum()
    total = y.sum(axis=0)
    n_all = total.sum()
    rows = []
    for g, label in enumerate(labels):
        yi = y[g]
        yj = total - yi
        ni, nj = yi.sum(), n_all - yi.sum()
        if ni == 0:
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = (np.log((yi + alpha) / (ni + a0 - yi - alpha))
                     - np.log((yj + alpha) / (nj + a0 - yj - alpha)))
            z = delta / np.sqrt(1.0 / (yi + alpha) + 1.0 / (yj + alpha))
        z = np.where(np.isfinite(z) & (yi > 0), z, -np.inf)
        best = np.argsort(-z, kind="stable")[:top]
        values = label if isinstance(label, tuple) else (label,)
        for rank, b in enumerate(best, 1):
            if not np.isfinite(z[b]):
                break
            rows.append((*values, rank, vocab[b], round(float(z[b]), 3), int(yi[b])))
    out = pd.DataFrame(rows, columns=cols)
    for gcol in groups:  # restore numeric years
        if gcol == "year":
            out[gcol] = out[gcol].map(lambda v: int(v) if str(v).isdigit() else v)
    return out
