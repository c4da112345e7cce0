"""The SQLite store of a tagged corpus (语料库存储): one file, one writer, resumable.

Why SQLite: one portable file a researcher can open in any tool, transactions that make a
report all-there-or-absent (WAL + one commit per report or chunk, so ``kill -9`` leaves no
half report), and a schema we document (``docs/store-schema.md``). The schema lives here
and nowhere else; :data:`SCHEMA_VERSION` is written into the ``meta`` table.

Only the standard library is needed to write; pandas is imported lazily by the readers.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields, is_dataclass, replace
from datetime import datetime, timezone
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from nlp_reports.errors import StoreError
from nlp_reports.report import SCHEMA_VERSION as REPORT_SCHEMA_VERSION
from nlp_reports.report import Check, Metadata, Problem, Report, Section, Table, plain_dict
from nlp_reports.taxonomy import KINDS, THEME_IDS

log = logging.getLogger("nlp_reports")

SCHEMA_VERSION = "6"
#: Older schema versions this version opens: read as they are, upgraded in place on write.
MIGRATABLE_VERSIONS: tuple[str, ...] = ("1", "2", "3", "4", "5")
#: zlib level of ``reports.report_json``: the fastest levels already shrink it ~6×.
JSON_LEVEL = 1
#: Page size of a new store file: a report is ~40 KB of rows (its sections' text, its
#: ``report_json`` and ``words``), which on 4 KB pages spill into overflow chains and take
#: more page writes (WAL frame, then checkpoint) than on 16 KB pages (−4.5% CPU of a tag run).
PAGE_SIZE = 16384

#: Metadata fields copied from :class:`nlp_reports.report.Metadata` into ``reports``.
REPORT_META_COLUMNS: tuple[str, ...] = (
    "title", "agency", "year", "level", "region", "published", "format", "source",
    "source_format", "encoding", "traditional",
)

#: One 0/1 column per theme in ``statements``: ``theme_<id>``.
THEME_COLUMNS: tuple[str, ...] = tuple(f"theme_{t}" for t in THEME_IDS)

#: Key figures of the tables kept on each ``reports`` row (NULL when blank or absent), so
#: corpus statistics need not scan ``table_cells``: name → (table, rows summed, column).
FIGURES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "received": ("table3", ("1",), "total"),
    "carried_in": ("table3", ("2",), "total"),
    "granted": ("table3", ("3.1",), "total"),
    "partial": ("table3", ("3.2",), "total"),
    "refused": ("table3", tuple(f"3.3.{i}" for i in range(1, 9)), "total"),
    "unable": ("table3", ("3.4.1", "3.4.2", "3.4.3"), "total"),
    "not_processed": ("table3", tuple(f"3.5.{i}" for i in range(1, 6)), "total"),
    "other_handling": ("table3", ("3.6", "3.6.1", "3.6.2", "3.6.3"), "total"),
    "outcomes_total": ("table3", ("3.7",), "total"),
    "carried_out": ("table3", ("4",), "total"),
    "review": ("table4", ("count",), "review.total"),
    "litigation": ("table4", ("count",), "litigation_direct.total|litigation_after_review.total"),
    "fees": ("table2.8", ("fees",), "amount"),
}


def theme_mask(themes: Iterable[str]) -> int:
    """The themes as a bit mask: bit i is ``THEME_IDS[i]`` (fast to read back in bulk)."""
    wanted = set(themes)
    return sum(1 << i for i, t in enumerate(THEME_IDS) if t in wanted)


def report_figures(report: Report) -> dict[str, float | None]:
    """The :data:`FIGURES` of one report: sums of the named cells, None when all blank or
    when the table is ``unreadable`` (what was read of it is no figure a corpus total may
    add up: the table is reported, not guessed, and ``with_table3`` leaves it out too)."""
    return _figures(_Cells(report))


def _figures(cells: _Cells) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for name, table_id, rows, columns in _FIGURE_CELLS:
        total = None
        if cells.ok(table_id):
            for r in rows:
                for c in columns:
                    v = cells.get(table_id, r, c)
                    if v is not None:
                        total = (total or 0.0) + float(v)
        out[name] = total
    return out


#: :data:`FIGURES` with the columns split: (name, table id, row ids, column ids).
_FIGURE_CELLS = tuple((name, table_id, rows, tuple(columns.split("|")))
                      for name, (table_id, rows, columns) in FIGURES.items())


def _first_places(ids: Iterable[str]) -> dict[str, int]:
    """Each id → the index of its first place (a repeated row or column id reads as its
    first, as ``Table.get`` does)."""
    places: dict[str, int] = {}
    for i, x in enumerate(ids):
        places.setdefault(x, i)
    return places


class _Cells:
    """Cells of a report's tables by ids, as ``report.table(id).get(row, column)`` reads
    them (the first table, row and column of an id), None for an absent table, row or
    column. Why: :func:`report_figures` and :func:`cross_year_cells` read ~50 cells a report,
    and a linear lookup of the table, row and column each time cost ~20 µs."""

    __slots__ = ("_tables", "_index")

    def __init__(self, report: Report) -> None:
        self._tables: dict[str, Table] = {}
        for t in report.tables:
            self._tables.setdefault(t.id, t)
        self._index: dict[str, tuple[dict[str, int], dict[str, int]]] = {}

    def ok(self, table_id: str) -> bool:
        t = self._tables.get(table_id)
        return t is not None and t.status == "ok"

    def get(self, table_id: str, row: str, column: str) -> float | None:
        index = self._index.get(table_id)
        if index is None:
            t = self._tables.get(table_id)
            if t is None:
                return None
            index = self._index[table_id] = (_first_places(t.rows), _first_places(t.columns))
        i = index[0].get(row)
        j = index[1].get(column)
        if i is None or j is None:
            return None
        return self._tables[table_id].values[i][j]


#: The cells the cross-year identities read, kept as ``reports`` columns: 表三 rows 二
#: (``x1_in_<column>``) and 四 (``x1_out_<column>``) per applicant column for X1, and
#: 表二(一) 制发/废止/现行有效 per row (``x2_<row>_<column>``) for X2.
X1_COLUMNS: tuple[str, ...] = ("natural_person", "commercial", "research", "public_interest",
                               "legal_services", "other", "total")
X2_ROWS: tuple[str, ...] = ("regulations", "normative_documents")
X2_COLUMNS: tuple[str, ...] = ("issued", "repealed", "in_force")
CROSS_YEAR_CELLS: dict[str, tuple[str, str, str]] = {
    **{f"x1_in_{c}": ("table3", "2", c) for c in X1_COLUMNS},
    **{f"x1_out_{c}": ("table3", "4", c) for c in X1_COLUMNS},
    **{f"x2_{r}_{c}": ("table2.1", r, c) for r in X2_ROWS for c in X2_COLUMNS},
}


def cross_year_cells(report: Report) -> dict[str, float | None]:
    """The :data:`CROSS_YEAR_CELLS` of one report (None when blank or absent, and for a
    table read only in part, ``unreadable``: the report's own checks do not read it, and a
    cell of it is no figure to compare with another year's, as for :func:`report_figures`)."""
    return _cross_year(_Cells(report))


def _cross_year(cells: _Cells) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for name, (table_id, row, column) in CROSS_YEAR_CELLS.items():
        v = cells.get(table_id, row, column) if cells.ok(table_id) else None
        out[name] = None if v is None else float(v)
    return out


#: A table layout's cells of :data:`FIGURES` and :data:`CROSS_YEAR_CELLS`: (table id, row
#: ids, column ids) → (((figure, ((row, column) index, …)), …), ((cell, (row, column)), …)),
#: in their orders, rows and columns the table lacks left out; bounded. Reports of one
#: format share a handful of layouts.
_LAYOUT_CELLS: dict[tuple[Any, ...], tuple[tuple[Any, ...], tuple[Any, ...]]] = {}
_LAYOUT_CELLS_MAX = 256


def _layout_cells(t: Table) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The :data:`_LAYOUT_CELLS` plan of table ``t`` (TypeError for unhashable ids)."""
    key = (t.id, t.rows, t.columns)
    plan = _LAYOUT_CELLS.get(key)
    if plan is None:
        rows, columns = _first_places(t.rows), _first_places(t.columns)
        figures = tuple((name, tuple((rows[r], columns[c]) for r in rs for c in cs
                                     if r in rows and c in columns))
                        for name, table_id, rs, cs in _FIGURE_CELLS if table_id == t.id)
        cells = tuple((name, (rows[r], columns[c]))
                      for name, (table_id, r, c) in CROSS_YEAR_CELLS.items()
                      if table_id == t.id and r in rows and c in columns)
        if len(_LAYOUT_CELLS) >= _LAYOUT_CELLS_MAX:
            _LAYOUT_CELLS.clear()
        plan = _LAYOUT_CELLS[key] = (figures, cells)
    return plan


def _figures_and_cells(report: Report) -> tuple[dict[str, float | None],
                                                dict[str, float | None]]:
    """``(report_figures(report), cross_year_cells(report))``, read through each table's
    :func:`_layout_cells`. Why: the ~70 cells of the two cost ~70 method calls a report
    through :class:`_Cells` (a tenth of making the report's rows); the same values, summed
    in the same order. Anything unusual (a list of ids, a ragged table) takes :class:`_Cells`,
    with its own errors."""
    figures: dict[str, float | None] = dict.fromkeys(FIGURES)
    cross: dict[str, float | None] = dict.fromkeys(CROSS_YEAR_CELLS)
    try:
        seen: set[str] = set()
        for t in report.tables:
            if t.id in seen:  # (the first table of an id is the one read)
                continue
            seen.add(t.id)
            if t.status != "ok":
                continue
            sums, cells = _layout_cells(t)
            values = t.values
            for name, at in sums:
                total = None
                for i, j in at:
                    v = values[i][j]
                    if v is not None:
                        total = (total or 0.0) + float(v)
                figures[name] = total
            for name, (i, j) in cells:
                v = values[i][j]
                cross[name] = None if v is None else float(v)
    except Exception:  # noqa: BLE001 - the general way raises what it raises
        cells_of = _Cells(report)
        return _figures(cells_of), _cross_year(cells_of)
    return figures, cross


#: ``linked``: a page that only links its report (详见附件), whose linked file's report is
#: stored (``linked_to``: the path it is stored under); its reason and message stay those of
#: the refusal. Added within schema 4 (:meth:`Store._allow_linked` rebuilds an older table).
_FILES_COLUMNS = """(
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    size INTEGER,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'duplicate', 'linked')),
    reason TEXT,
    message TEXT,
    model_id TEXT,
    tagged_at TEXT NOT NULL,
    duplicate_of TEXT,
    linked_to TEXT,
    parts INTEGER
)"""
_FILES_TABLE = f"""
CREATE TABLE IF NOT EXISTS files {_FILES_COLUMNS};
"""
_DUPLICATES_VIEW = """CREATE VIEW IF NOT EXISTS duplicates AS
    SELECT path, duplicate_of, sha256, size, model_id, tagged_at FROM files
    WHERE status = 'duplicate'"""

#: The duplicates of a path (``files.duplicate_of``), for the holder's hand-over
#: (:meth:`Store.hand_over`, :meth:`Store._delete_path`): without it each move scanned
#: ``files`` (3,000 moves: 2.6 s CPU on 20,000 files, 0.37 s with it). Any
#: ``duplicate_of = ?`` uses it. Made again when :meth:`Store._allow_linked` rebuilds ``files``.
_FILES_DUPLICATE_INDEX = """CREATE INDEX IF NOT EXISTS files_duplicate_of ON files (duplicate_of)
    WHERE duplicate_of IS NOT NULL"""

#: ``meta`` key of :meth:`Store.new_reports_from`: a run's first report id that may pass
#: to a better-named copy, from the run's start until its choice is made.
_NEW_FROM_KEY = "holders_new_from"

#: Partial indexes holding only the rows a summary or an audit looks for (none in most
#: stores): the tables read in part and the reports whose checks name a failure (and the
#: duplicate files, above). Without them each question read a whole table (report_tables
#: 111 MB, report_checks 109 MB on 20,000 reports) to find nothing. A query uses one when
#: its WHERE repeats (or implies) the index's term (:meth:`Store.unreadable_tables`,
#: :meth:`Store.failed_checks`); a store made before gets them the next time it is opened
#: for writing, and is read without.
_PARTIAL_INDEXES = f"""CREATE INDEX IF NOT EXISTS report_tables_unreadable ON report_tables (report_id)
    WHERE status IS NOT 'ok';
CREATE INDEX IF NOT EXISTS report_checks_failed ON report_checks (report_id)
    WHERE instr(checks, '"fail"');
{_FILES_DUPLICATE_INDEX};"""

#: Schema 3 keeps a table as one row (its ids and cells as JSON arrays) and a report's
#: checks as one JSON array: ~12 + 1 rows a report instead of ~250 (the writer's cost).
#: Schema 4 adds the rest of a table (title, labels, problem: :data:`_TABLE_EXTRA`), so
#: ``report_json`` need not repeat the tables.
_COMPACT_TABLES = f"""
CREATE TABLE IF NOT EXISTS report_tables (
    report_id INTEGER NOT NULL,
    table_id TEXT NOT NULL,
    status TEXT,
    "rows" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    raw TEXT NOT NULL,
    title TEXT,
    row_labels TEXT,
    column_labels TEXT,
    problem TEXT
);
CREATE INDEX IF NOT EXISTS report_tables_report ON report_tables (report_id);
CREATE TABLE IF NOT EXISTS report_checks (
    report_id INTEGER PRIMARY KEY,
    checks TEXT NOT NULL
);
{_PARTIAL_INDEXES}
"""

#: Columns of ``report_tables`` added by schema 4 (NULL in rows written by schema 3).
_TABLE_EXTRA: tuple[str, ...] = ("title", "row_labels", "column_labels", "problem")

#: The row-per-cell and row-per-check forms of schemas 1–2, kept as views over the compact
#: tables (SQLite's JSON1 functions, built in since 3.38), so SQL and exports keep working.
_COMPACT_VIEWS = """
CREATE VIEW IF NOT EXISTS table_cells AS
    SELECT t.report_id AS report_id, t.table_id AS table_id, r.value AS "row",
           c.value AS "column",
           CAST(json_extract(t."values", '$[' || r.key || '][' || c.key || ']') AS REAL)
               AS value,
           coalesce(json_extract(t.raw, '$[' || r.key || '][' || c.key || ']'), '') AS raw,
           t.status AS table_status
    FROM report_tables t, json_each(t."rows") r, json_each(t."columns") c;
CREATE VIEW IF NOT EXISTS checks AS
    SELECT k.report_id AS report_id, json_extract(c.value, '$[0]') AS id,
           json_extract(c.value, '$[1]') AS outcome, json_extract(c.value, '$[2]') AS table_id,
           json_extract(c.value, '$[3]') AS "row", json_extract(c.value, '$[4]') AS "column",
           CAST(json_extract(c.value, '$[5]') AS REAL) AS expected,
           CAST(json_extract(c.value, '$[6]') AS REAL) AS found,
           json_extract(c.value, '$[7]') AS message
    FROM report_checks k, json_each(k.checks) c;
"""

#: ``part``: the report's place in a compilation (汇编) its file holds, 1 …; NULL for a file
#: that is one report. A report is keyed by (path, part) since schema 5 (``path`` alone before).
_REPORTS_COLUMNS = f"""(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT,
    {", ".join(f'"{c}"' for c in REPORT_META_COLUMNS)},
    n_sections INTEGER NOT NULL,
    n_statements INTEGER NOT NULL,
    missing_sections TEXT NOT NULL,
    {", ".join(f"{c} REAL" for c in FIGURES)},
    {", ".join(f"{c} REAL" for c in CROSS_YEAR_CELLS)},
    model_id TEXT,
    words TEXT,
    report_json BLOB NOT NULL,
    fingerprint TEXT,
    part INTEGER
)"""
_REPORTS_INDEXES = """CREATE UNIQUE INDEX IF NOT EXISTS reports_path_part ON reports (path, IFNULL(part, 0));
CREATE INDEX IF NOT EXISTS reports_agency_year ON reports (agency, year);
CREATE INDEX IF NOT EXISTS reports_sha256 ON reports (sha256);"""

#: Schema 6: one row per model (its SHA-256, ``reports.model_id``) whose tags the store
#: holds or held, with what its card says (name, date, training data, labels, versions, test
#: figures), so a store says which model tagged each report (标注模型). ``provenance``:
#: ``card`` (read from the model's card when it tagged), ``shipped card`` (an older store
#: upgraded: the installed shipped model's card, same SHA-256) or ``unknown`` (tagged before
#: the store recorded models, by no model at hand: only its SHA-256 is known).
_MODELS_TABLE = """CREATE TABLE IF NOT EXISTS models (
    model_id TEXT PRIMARY KEY,
    name TEXT,
    path TEXT,
    created TEXT,
    training_data_sha256 TEXT,
    labels TEXT,
    sklearn_version TEXT,
    nlp_reports_version TEXT,
    tokenizer TEXT,
    test_metrics TEXT,
    provenance TEXT NOT NULL,
    first_used TEXT,
    last_used TEXT
);"""
#: The columns of ``models`` a model's card fills (:func:`model_record`).
MODEL_COLUMNS: tuple[str, ...] = ("model_id", "name", "path", "created", "training_data_sha256",
                                  "labels", "sklearn_version", "nlp_reports_version",
                                  "tokenizer", "test_metrics", "provenance")
UNKNOWN_MODEL = "unknown"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
{_FILES_TABLE}
{_DUPLICATES_VIEW};
CREATE TABLE IF NOT EXISTS reports {_REPORTS_COLUMNS};
{_REPORTS_INDEXES}
CREATE TABLE IF NOT EXISTS sections (
    report_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title TEXT,
    text TEXT,
    PRIMARY KEY (report_id, position)
);
CREATE TABLE IF NOT EXISTS statements (
    report_id INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    block TEXT,
    marker TEXT,
    kind TEXT,
    kind_score REAL,
    kind_scores TEXT,
    themes TEXT NOT NULL,
    theme_scores TEXT,
    model_kind TEXT,
    layout_disagrees INTEGER,
    theme_mask INTEGER NOT NULL DEFAULT 0,
    {", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in THEME_COLUMNS)},
    PRIMARY KEY (report_id, idx)
);
{_COMPACT_TABLES}
{_COMPACT_VIEWS}
CREATE TABLE IF NOT EXISTS problems (
    report_id INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT
);
{_MODELS_TABLE}
"""

#: Store tables (or views) that hang off ``reports.id``, as a reader sees them.
CHILD_TABLES: tuple[str, ...] = ("sections", "statements", "table_cells", "checks", "problems")
#: The tables holding the rows of :data:`CHILD_TABLES` (deleted with their report).
_STORED_CHILDREN: tuple[str, ...] = ("sections", "statements", "report_tables",
                                     "report_checks", "problems")
#: Every table a user may export.
TABLES: tuple[str, ...] = ("files", "reports", *CHILD_TABLES)


@dataclass(frozen=True)
class StoredStatement:
    """A tagged statement as plain data (标注后的语句): what the store keeps of a TaggedStatement.

    Built from a classify ``TaggedStatement`` (or anything shaped like it) by
    :func:`tagged_to_stored`, so workers can send it back to the writer without the model.
    """

    index: int
    text: str
    block: str
    marker: str | None
    kind: str
    kind_score: float | None
    themes: tuple[str, ...]
    theme_scores: dict[str, float]
    kind_scores: dict[str, float]
    model_kind: str | None
    layout_disagrees: bool

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["themes"] = list(self.themes)
        return d


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def tagged_to_stored(tagged: Any, statement: Any = None) -> StoredStatement:
    """Turn a ``TaggedStatement`` (object or its ``to_dict()``) into a :class:`StoredStatement`.

    ``statement`` is the report's Statement when ``tagged`` does not carry it.
    """
    if isinstance(tagged, StoredStatement):
        return tagged
    try:  # a TaggedStatement (the batch's case): its attributes read directly
        return _tagged_object_to_stored(tagged, statement)
    except AttributeError:  # a dict, or an object that lacks a field: the general way
        pass
    st = _get(tagged, "statement", None) or statement
    pred = _get(tagged, "prediction", None) or tagged
    themes = tuple(t for t in (_get(pred, "themes", ()) or ()) if t in THEME_IDS)
    layout = _get(tagged, "layout_disagrees", False)
    return StoredStatement(
        index=int(_get(st, "index", 0) if st is not None else _get(tagged, "index", 0)),
        text=str(_get(st, "text", None) or _get(pred, "text", "") or ""),
        block=str(_get(st, "block", "unknown") if st is not None else "unknown"),
        marker=_get(st, "marker", None) if st is not None else None,
        kind=str(_get(pred, "kind", "other")),
        kind_score=_float_or_none(_get(pred, "kind_score", None)),
        themes=themes,
        theme_scores={k: float(v) for k, v in (_get(pred, "theme_scores", {}) or {}).items()},
        kind_scores={k: float(v) for k, v in (_get(pred, "kind_scores", {}) or {}).items()},
        model_kind=_get(tagged, "model_kind", None),
        layout_disagrees=bool(layout),
    )


_THEME_SET = frozenset(THEME_IDS)


_FLOAT_ONLY = frozenset({float})


def _float_dict(scores: Any) -> dict[str, float]:
    """``{k: float(v) …}`` of a name → score mapping: a plain copy when every value is a
    float already (the tagger's are: ``float(v)`` is then ``v``), at half the cost of
    converting each."""
    if _FLOAT_ONLY.issuperset(map(type, scores.values())):
        return dict(scores)
    return dict(zip(scores, map(float, scores.values()), strict=True))


def _tagged_object_to_stored(tagged: Any, statement: Any) -> StoredStatement:
    """:func:`tagged_to_stored` of an object with every field (same values, ~2× faster):
    raises AttributeError, for the general way, when a field is missing."""
    st = tagged.statement or statement
    pred = tagged.prediction or tagged
    if st is None or isinstance(st, dict) or isinstance(pred, dict):
        raise AttributeError("statement")
    themes = pred.themes or ()
    ts = pred.theme_scores or {}
    ks = pred.kind_scores or {}
    kind_score = pred.kind_score
    return StoredStatement(
        index=int(st.index),
        text=str(st.text or pred.text or ""),
        block=str(st.block),
        marker=st.marker,
        kind=str(pred.kind),
        kind_score=None if kind_score is None else float(kind_score),
        themes=tuple(t for t in themes if t in _THEME_SET),
        theme_scores=_float_dict(ts),
        kind_scores=_float_dict(ks),
        model_kind=tagged.model_kind,
        layout_disagrees=bool(tagged.layout_disagrees),
    )


def _float_or_none(v: Any) -> float | None:
    return None if v is None else float(v)


def model_record(model_id: str, card: dict[str, Any] | None, *, path: Any = None,
                 name: str | None = None, tokenizer: str | None = None,
                 provenance: str = "card") -> dict[str, Any]:
    """The ``models`` row of model ``model_id`` (its SHA-256) from its card (meta.json:
    ``nlp_reports.classify.modelcard``): name (``name``, else the card's, else the folder's),
    folder, date, training-data SHA-256, label set and test figures (JSON), scikit-learn and
    nlp_reports versions, and the tokenizer engine (``tokenizer``: the one it tagged with,
    else the card's). Pure: a card lacking a field gives None there; no card at all
    (``card`` None) is the ``unknown`` row: only the SHA-256 is known."""
    if card is None:
        return {"model_id": model_id, **{c: None for c in MODEL_COLUMNS[1:-1]},
                "provenance": UNKNOWN_MODEL}
    get = card.get
    data = get("data") if isinstance(get("data"), dict) else {}
    labels = get("labels") if isinstance(get("labels"), dict) else {}
    versions = get("versions") if isinstance(get("versions"), dict) else {}
    metrics = get("metrics") if isinstance(get("metrics"), dict) else {}
    settings = get("tokenizer") if isinstance(get("tokenizer"), dict) else {}
    label_set = {k: labels[k] for k in ("kinds", "themes") if k in labels}
    test = metrics.get("test")
    engine = tokenizer or settings.get("engine") or settings.get("engine_at_training")

    def text(v: Any) -> str | None:
        return None if v is None else str(v)

    return {
        "model_id": model_id,
        "name": text(name or get("name") or (Path(path).name if path is not None else None)),
        "path": text(path),
        "created": text(get("created")),
        "training_data_sha256": text(data.get("sha256")),
        "labels": json.dumps(label_set, ensure_ascii=False) if label_set else None,
        "sklearn_version": text(versions.get("scikit-learn")),
        "nlp_reports_version": text(versions.get("nlp_reports")),
        "tokenizer": text(engine),
        "test_metrics": json.dumps(test, ensure_ascii=False) if isinstance(test, dict) else None,
        "provenance": provenance,
    }


def tagger_model_record(tagger: Any) -> dict[str, Any] | None:
    """:func:`model_record` of a loaded tagger (``nlp_reports.classify.Tagger``, or anything
    with a ``model_id``; its ``card``, ``path``, ``name`` and ``tokenizer_engine`` when it
    has them); None without a model id."""
    model_id = getattr(tagger, "model_id", None)
    if not model_id:
        return None
    card = getattr(tagger, "card", None)
    try:
        engine = getattr(tagger, "tokenizer_engine", None)
    except Exception:  # (a tagger of another make: its engine is not needed)
        engine = None
    folder = getattr(tagger, "path", None)
    if isinstance(folder, (str, os.PathLike)):  # the folder as typed ('models/mine') names
        folder = os.path.abspath(folder)  # nothing once read from another directory
    return model_record(str(model_id), card if isinstance(card, dict) else None,
                        path=folder, name=getattr(tagger, "name", None),
                        tokenizer=engine if isinstance(engine, str) else None,
                        provenance="card" if isinstance(card, dict) else UNKNOWN_MODEL)


def shipped_model_record() -> dict[str, Any] | None:
    """The ``models`` row of the installed shipped model (``models/default``), its SHA-256
    as recorded beside it (nothing unpickled), provenance ``shipped card``; None when it is
    not installed or its card cannot be read. What an older store's rows are filled from."""
    try:
        from nlp_reports.classify import modelcard as mc

        for root in mc.shipped_models_roots():
            folder = root / "default"
            if not (folder / mc.MODEL_FILE).is_file():
                continue
            card = mc.read_card(folder)
            sha = mc.recorded_checksum(folder, card)
            return (model_record(sha, card, path=folder, provenance="shipped card")
                    if sha else None)
    except Exception as exc:  # (a damaged card: the rows say unknown, which is true)
        log.debug("no shipped model card: %s", exc)
    return None


@dataclass(frozen=True)
class FileRecord:
    """One row of ``files``: what happened to one input file."""

    path: str
    sha256: str | None
    size: int | None
    status: str
    reason: str | None
    message: str | None
    model_id: str | None
    tagged_at: str


def _now() -> str:
    """ISO-8601 UTC time, to the microsecond (so a run can tell the rows it wrote)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _compress_json(text: str | bytes) -> bytes:
    """``reports.report_json`` as stored: the UTF-8 JSON, zlib-compressed (level JSON_LEVEL)."""
    if isinstance(text, bytes):
        return text
    return zlib.compress(text.encode("utf-8"), JSON_LEVEL)


def report_json_text(value: str | bytes) -> str:
    """The JSON text of a ``reports.report_json`` value: compressed (schema 2) or plain (1)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return zlib.decompress(value).decode("utf-8")
    return value


_REPORT_COLUMNS = ("path", "sha256", *REPORT_META_COLUMNS, "n_sections", "n_statements",
                   "missing_sections", *FIGURES, *CROSS_YEAR_CELLS, "model_id", "words",
                   "report_json", "fingerprint", "part")
#: ``id`` first: the id the path's report had (kept across re-tagging), or NULL for a new one.
_INSERT_REPORT = (f"INSERT INTO reports (id, {', '.join(chr(34) + c + chr(34) for c in _REPORT_COLUMNS)}) "
                  f"VALUES (?, {', '.join('?' * len(_REPORT_COLUMNS))})")
_STATEMENT_COLUMNS = ("report_id", "idx", "text", "block", "marker", "kind", "kind_score",
                      "kind_scores", "themes", "theme_scores", "model_kind", "layout_disagrees",
                      "theme_mask", *THEME_COLUMNS)
_INSERT_CHILD = {
    "sections": "INSERT INTO sections (report_id, position, number, title, text) "
                "VALUES (?,?,?,?,?)",
    "statements": f"INSERT INTO statements ({', '.join(_STATEMENT_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_STATEMENT_COLUMNS))})",
    "tables": 'INSERT INTO report_tables (report_id, table_id, status, "rows", "columns", '
              '"values", raw, title, row_labels, column_labels, problem) '
              'VALUES (?,?,?,?,?,?,?,?,?,?,?)',
    "checks": "INSERT INTO report_checks (report_id, checks) VALUES (?,?)",
    "problems": "INSERT INTO problems (report_id, code, message) VALUES (?,?,?)",
    "files": "INSERT OR REPLACE INTO files (path, sha256, size, status, model_id, tagged_at, "
             "parts, reason, message) VALUES (?,?,?,'ok',?,?,?,?,?)",
}


class PreparedReport(NamedTuple):
    """A report and its tagged statements as store rows, less the report id (报告入库行).

    Built by :func:`prepare_report` where the report was parsed — in a batch worker — so
    the single writer process only inserts rows: it is the serial part of a parallel batch.
    ``head`` holds the ``reports`` columns from the metadata to the cross-year cells.
    """

    head: tuple[Any, ...]
    words: str | None
    report_json: bytes
    sections: list[tuple[Any, ...]]
    statements: list[tuple[Any, ...]]
    tables: list[tuple[Any, ...]]
    checks: list[tuple[Any, ...]]
    problems: list[tuple[Any, ...]]
    fingerprint: str | None = None  #: :func:`content_fingerprint` of the report


#: ``files.reason`` of a file stored ok although some parts of the compilation it holds
#: could not be read or tagged (``files.message`` names each: "part 2 of 4 failed (…): …").
PART_FAILED = "part_failed"


class PreparedParts(NamedTuple):
    """The store rows of the reports of one compilation file (汇编: a file holding several
    reports, :func:`nlp_reports.parse.load_reports`), written together in one transaction.

    ``reports``: ``(part, PreparedReport)`` of the parts read and tagged, in file order;
    ``failed``: ``(part, reason, message)`` of those that were not; ``parts``: how many the
    file gave.
    """

    parts: int
    reports: tuple[tuple[int, PreparedReport], ...]
    failed: tuple[tuple[int, str, str], ...] = ()


def parts_message(failed: Sequence[tuple[int, str, str]], parts: int) -> str:
    """``files.message`` of a compilation whose ``failed`` parts were not stored."""
    out = []
    for part, reason, message in failed:
        head = f"part {part} of {parts}"
        text = str(message).removeprefix(f"{head}: ")
        out.append(f"{head} failed ({reason}): {text}")
    return "; ".join(out)


#: Sections whose text enters the content fingerprint: 一 (总体情况), 五 (问题与改进) and 六
#: (其他): prose in every format. 二–四 hold the tables, whose text a format renders its own
#: way (a saved page repeats merged cells, a flat text puts a cell per line): the tables
#: enter through their parsed numbers instead.
FINGERPRINT_SECTIONS: tuple[int, ...] = (1, 5, 6)


def content_fingerprint(agency: str | None, year: Any, traditional: bool,
                        sections: Iterable[tuple[int, str | None]],
                        tables: Iterable[tuple[str, str]]) -> str | None:
    """The content fingerprint of a parsed report (内容指纹): the same report in another
    encoding (GB18030, Big5) or format (.html, .txt, .docx, .pdf) gets the same one.

    SHA-256 of the agency, the year, the text of sections :data:`FINGERPRINT_SECTIONS`
    (NFKC, traditional → simplified, letters and digits only: no blanks, line breaks or
    punctuation) and every table's id and parsed numbers (``sections`` are ``(number,
    text)``, ``tables`` ``(table_id, values JSON)`` as ``report_tables`` stores them).
    None when there is neither such text nor any table: nothing to compare.
    """
    import hashlib
    import unicodedata

    texts = []
    for number, text in sections:
        if number in FINGERPRINT_SECTIONS and text:
            # blanks and punctuation out first: NFKC (slow) then runs on what is left, and
            # only when it changes something
            t = _alnum_text(text)
            if not unicodedata.is_normalized("NFKC", t):
                t = _alnum_text(unicodedata.normalize("NFKC", t))
            if traditional:
                from nlp_reports.ingest.normalize import to_simplified

                t = to_simplified(t)
            texts.append(f"{number}:{t}")
    table_parts = [f"{tid}={values}" for tid, values in tables]
    if not any(t.partition(":")[2] for t in texts) and not table_parts:
        return None
    h = hashlib.sha256()
    h.update(json.dumps([agency, None if year is None else str(year), texts, table_parts],
                        ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


#: What the content fingerprint keeps of the text: the runs of letters and digits (joined,
#: the same text as removing ``[\W_]+`` with ``re.sub``, ~20% faster).
_ALNUM_RUNS = re.compile(r"[^\W_]+").findall
#: (table of the BMP's code points: letter or digit, frombuffer), made on first use.
_ALNUM_TABLE: tuple[Any, Any] | None = None


def _alnum_text(text: str) -> str:
    """``"".join(_ALNUM_RUNS(text))``: the letters and digits of ``text`` (what
    ``str.isalnum`` keeps), in order.

    Why: the content fingerprint keeps them of sections 一, 五 and 六 (~2,700 characters a
    report), and the regex made a string of each run between two marks: ~27 ns a
    character, 70 µs a report, its costliest regex. Here the text's code points index a
    table of the BMP's letters and digits (made once, ~2 ms, from the regex itself), at
    about 40% of that. A text holding a character beyond the BMP takes the regex.
    """
    global _ALNUM_TABLE
    if _ALNUM_TABLE is None:
        import numpy as np

        bmp = np.arange(0x10000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
        table = np.zeros(0x10000, dtype=bool)
        table[np.frombuffer("".join(_ALNUM_RUNS(bmp)).encode("utf-32-le"), dtype="<u4")] = True
        _ALNUM_TABLE = table, np.frombuffer
    table, frombuffer = _ALNUM_TABLE
    codes = frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if not codes.size or codes.max() > 0xFFFF:
        return "".join(_ALNUM_RUNS(text))
    return codes[table[codes]].tobytes().decode("utf-32-le")


def report_fingerprint(report: Report,
                       tables: Iterable[tuple[str, str]] | None = None) -> str | None:
    """:func:`content_fingerprint` of a Report (``tables``: its ``(table_id, values
    JSON)`` when already built)."""
    md = report.metadata
    if tables is None:
        tables = ((t.id, _values_json(t.values)[0]) for t in report.tables)
    return content_fingerprint(md.agency, md.year, bool(md.traditional),
                               ((s.number, s.text) for s in report.sections), tables)


def prepare_report(report: Report, tagged: Sequence[Any],
                   words: Sequence[str] | None = None) -> PreparedReport:
    """The store rows of one report (see :class:`PreparedReport`); pure, no database.

    A text no UTF-8 can hold (a lone surrogate, U+D800–DFFF: an undecodable byte of a file
    name, or what a loader or a docx/pdf library returned) is written U+FFFD, and the report
    gets a ``text_repaired`` problem saying how many characters were replaced and where
    (:func:`repaired_report`): SQLite and the UTF-8 JSON refuse such a text, and the report
    was lost as ``store_error``. Only when encoding fails: the rows of a sound report are
    made once and checked by encoding the texts the report JSON does not hold.
    """
    try:
        rows = _report_rows(report, tagged, words)
        _encode_texts(rows)
        return rows
    except UnicodeEncodeError:
        pass
    report, tagged, words = repaired_report(report, tagged, words)
    return _report_rows(report, tagged, words)


#: ``problems.code`` of a report some of whose texts held lone surrogates, written U+FFFD.
TEXT_REPAIRED = "text_repaired"

#: A lone surrogate (U+D800–DFFF): what Python holds for an undecodable byte of a file name
#: (surrogateescape) and what no UTF-8 text (SQLite's, the report JSON's) can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")


def storable_text(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many were: what the
    store writes of a text UTF-8 cannot hold (the same length, so nothing else moves)."""
    return _SURROGATE.subn("\ufffd", text)


def _repaired(value: Any, where: str, found: dict[str, int]) -> Any:
    """``value`` (a str, a tuple or list of them, a dict, a dataclass of them …) with every
    lone surrogate replaced by U+FFFD; ``found[where]`` counts them."""
    if isinstance(value, str):
        try:
            value.encode(_CHECK_CODEC)
            return value
        except UnicodeEncodeError:
            text, n = storable_text(value)
            found[where] = found.get(where, 0) + n
            return text
    if isinstance(value, (tuple, list)):
        return type(value)(_repaired(v, where, found) for v in value)
    if isinstance(value, dict):
        return {_repaired(k, where, found): _repaired(v, where, found) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            old = getattr(value, f.name)
            new = _repaired(old, f"{where} {f.name}".strip(), found)
            if new is not old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value


#: how many places a ``text_repaired`` message names before "and N more places"
_REPAIRED_PLACES = 20


def repaired_report(report: Report, tagged: Sequence[Any], words: Sequence[str] | None
                    ) -> tuple[Report, list[Any], list[str] | None]:
    """``report``, its ``tagged`` statements and ``words`` with every lone surrogate of
    their texts replaced by U+FFFD, the report holding a ``text_repaired`` problem that says
    how many characters were replaced and where (未能编码的字符已替换). Why: such a text
    (an undecodable byte of a file name quoted in a message, or what a custom loader or a
    docx/pdf library gave) cannot be stored, and the report was lost as ``store_error``.
    ``report.text`` (not stored) is kept as it is."""
    found: dict[str, int] = {}
    changes: dict[str, Any] = {"metadata": _repaired(report.metadata, "metadata", found)}
    changes["sections"] = tuple(_repaired(s, f"section {s.number}", found)
                                for s in report.sections)
    changes["statements"] = tuple(_repaired(s, f"statement {s.index + 1}", found)
                                  for s in report.statements)
    changes["tables"] = tuple(_repaired(t, f"table {t.id}", found) for t in report.tables)
    changes["checks"] = tuple(_repaired(c, f"check {c.id}", found) for c in report.checks)
    changes["errors"] = tuple(_repaired(e, f"problem {e.code}", found) for e in report.errors)
    if report.annexes:
        changes["annexes"] = tuple(_repaired(a, f"annex {i + 1}", found)
                                   for i, a in enumerate(report.annexes))
    stmts = report.statements
    tags = []
    for i, t in enumerate(tagged):
        st = stmts[i] if i < len(stmts) else None
        stored = tagged_to_stored(t, st)
        own: dict[str, int] = {}  # (the statement's own text: counted once, above)
        tags.append(_repaired(stored, f"statement {i + 1} tags", own))
        if st is None or stored.text != st.text:
            for where, k in own.items():
                found[where] = found.get(where, 0) + k
    if words is not None:
        words = [_repaired(w, "words", found) for w in words]
    n = sum(found.values())
    if n:
        # the first places only: a loader that put one in each of 100,000 statements wrote
        # a 2.6 MB message, shown whole in the audit's cell and page
        shown = list(found.items())[:_REPAIRED_PLACES]
        places = ", ".join(f"{where} ({k})" for where, k in shown)
        if len(found) > len(shown):
            rest = n - sum(k for _, k in shown)
            places += (f" and {len(found) - len(shown):,} more places ({rest:,} "
                       f"character{'s' if rest != 1 else ''})")
        changes["errors"] += (Problem(TEXT_REPAIRED, (
            f"{n} character{'s' if n != 1 else ''} no UTF-8 text can hold (lone surrogates: "
            f"undecodable bytes of a file name, or a loader's) replaced by U+FFFD in: "
            f"{places}")),)
    return replace(report, **changes), tags, words


def _encode_texts(rows: PreparedReport) -> None:
    """UnicodeEncodeError when a text of ``rows`` outside ``report_json`` (encoded already)
    is no UTF-8, by one encoding of them all (:data:`_CHECK_CODEC`): the sections, the
    tables' titles and problems, the statements' texts (the tags' kinds are the model's
    labels), the checks and the words. A table's labels and raw cells are checked where
    their JSON is made (:func:`_utf8_compact`: once for labels that recur). ~2 % of making
    the rows (5 µs a report)."""
    texts = [text for s in rows.sections for text in (s[2], s[3])]
    for row in rows.tables:
        texts.append(row[6])
        texts.append(row[9])
    texts += [row[1] for row in rows.statements]
    texts += [row[0] for row in rows.checks]
    texts.append(rows.words)
    "".join([t for t in texts if type(t) is str]).encode(_CHECK_CODEC)


#: The codec that tells whether a text holds a lone surrogate: UTF-32 refuses them as UTF-8
#: does, at a third of UTF-8's encoding time (a copy, no variable-length bytes).
_CHECK_CODEC = "utf-32-le"


def _report_rows(report: Report, tagged: Sequence[Any],
                 words: Sequence[str] | None) -> PreparedReport:
    """:func:`prepare_report`'s rows, as they are (UnicodeEncodeError for a lone surrogate
    in the report JSON's texts)."""
    md = report.metadata
    stmts = report.statements
    meta_values = [getattr(md, c) for c in REPORT_META_COLUMNS]
    meta_values[REPORT_META_COLUMNS.index("traditional")] = int(bool(md.traditional))
    figures, cross = _figures_and_cells(report)
    head = (*meta_values, len(report.sections), len(stmts),
            json.dumps(list(report.missing_sections)), *(figures[f] for f in FIGURES),
            *cross.values())
    tables = []
    tables_exact = True
    for t in report.tables:
        values, exact = _values_json(t.values)
        tables_exact = tables_exact and exact
        tables.append((t.id, t.status, _compact_labels(t.rows), _compact_labels(t.columns),
                       values, _compact_rows(t.raw), t.title, _compact_labels(t.row_labels),
                       _compact_labels(t.column_labels), t.problem))
    checks, checks_exact = _checks_json(report.checks)
    return PreparedReport(
        head=head,
        words=" ".join(words) if words is not None else None,
        report_json=_compress_json(_REPORT_JSON(stored_report_dict(
            report, tables_exact=tables_exact, checks_exact=checks_exact))),
        sections=[(i, s.number, s.title, s.text) for i, s in enumerate(report.sections)],
        statements=statement_rows(stmts, tagged),
        tables=tables,
        checks=[(checks,)],
        problems=[(p.code, p.message) for p in report.errors],
        fingerprint=report_fingerprint(report, [(t[0], t[4]) for t in tables]),
    )


def statement_rows(statements: Sequence[Any], tagged: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The ``statements`` rows (less the report id) of a report's ``statements`` and their
    tags: the part of :func:`prepare_report` that needs the model (a batch's head start
    makes the other rows while the model loads, ``head_start._ready_ahead``)."""
    stored = [tagged_to_stored(t, statements[i] if i < len(statements) else None)
              for i, t in enumerate(tagged)]
    return [(s.index, s.text, s.block, s.marker, s.kind, s.kind_score, kj, _ids_json(s.themes),
             tj, s.model_kind, int(s.layout_disagrees), *_theme_columns(s.themes))
            for s, kj, tj in zip(stored, *_scores_json_pairs(stored), strict=True)]


#: themes → their ``statements`` columns (few distinct tuples of theme ids recur).
_THEME_COLUMNS: dict[tuple[str, ...], tuple[int, ...]] = {}


def _theme_columns(themes: Sequence[str]) -> tuple[int, ...]:
    """``(theme_mask(themes), *(int(t in themes) for t in THEME_IDS))``: a statement's
    mask and per-theme 0/1 columns, remembered for tuples of theme ids."""
    cols = _THEME_COLUMNS.get(themes) if type(themes) is tuple else None
    if cols is None:
        cols = (theme_mask(themes), *(int(t in themes) for t in THEME_IDS))
        if type(themes) is tuple and _THEME_SET.issuperset(themes) and len(_THEME_COLUMNS) < 4096:
            _THEME_COLUMNS[themes] = cols
    return cols


#: ``json.dumps``'s own encoder (default separators), built once.
_DUMPS = json.JSONEncoder().encode


def _scores_json_pairs(stored: Sequence[Any]) -> tuple[list[str], list[str]]:
    """``[scores_json(s.kind_scores)…], [scores_json(s.theme_scores)…]`` of a report's
    statements, with one encoder call for all of them (~30 calls a report otherwise).

    The list of every dict is encoded at once (each dict as ``json.dumps`` writes it, which
    :func:`scores_json` gives too) and cut at ``}, {``: the boundaries between dicts hold one
    each, and a key or value holding one more gives more parts than dicts (the mark cannot
    overlap itself), which takes :func:`scores_json` per dict. Same text either way; no
    check of the keys and values first (~10 µs a report).
    """
    dicts = [d for s in stored for d in (s.kind_scores, s.theme_scores)]
    if dicts and all(type(d) is dict for d in dicts):
        parts = _DUMPS(dicts)[2:-2].split("}, {")
        if len(parts) == len(dicts):
            texts = ["{" + p + "}" for p in parts]
            return texts[0::2], texts[1::2]
    texts = [scores_json(d) for d in dicts]
    return texts[0::2], texts[1::2]


#: Names that need no JSON escaping in :func:`scores_json` (kinds and theme ids).
_PLAIN_NAMES = frozenset((*KINDS, *THEME_IDS))


def scores_json(scores: dict[str, Any]) -> str:
    """``json.dumps(scores)`` of a name → probability dict, written directly.

    Why: ``json.dumps`` sets up an encoder per call, and a report's statements make ~50
    such calls; this is the same text (float ``repr`` is JSON's) at a fifth of the cost.
    Anything unusual (another key, a non-float, NaN or infinity) takes ``json.dumps``.
    """
    try:
        if _PLAIN_NAMES.issuperset(scores) and all(v - v == 0.0 for v in scores.values()):
            return "{" + ", ".join([f'"{k}": {_float_repr(v)}' for k, v in scores.items()]) + "}"
    except TypeError:
        pass
    return json.dumps(scores)


def _ids_json(ids: Sequence[str]) -> str:
    """``json.dumps(list(ids))`` of theme ids (see :func:`scores_json`)."""
    if _PLAIN_NAMES.issuperset(ids):
        return "[" + ", ".join([f'"{t}"' for t in ids]) + "]"
    return json.dumps(list(ids))


_float_repr = float.__repr__


def _numbers_json(values: Any) -> str:
    """JSON of nested lists of numbers / None (no text), for ``report_tables.values``.

    JSON has no NaN or infinity: NaN is written null (SQLite stores a NaN REAL as NULL
    too) and ±infinity as ±1e999, which SQLite reads back as ±Inf.
    """
    return _values_json(values)[0]


def _values_json(values: Any) -> tuple[str, bool]:
    """:func:`_numbers_json` and whether ``json.loads`` of it gives ``values`` back exactly
    (not when a cell is NaN: it is written null; ±1e999 reads back as ±inf)."""
    text = _rows_numbers(values) if type(values) is tuple else _NUMBERS_ENCODER(values)
    if "N" in text or "I" in text:  # only NaN / Infinity put letters in numbers' JSON
        exact = "NaN" not in text
        text = (text.replace("NaN", "null").replace("-Infinity", "-1e999")
                .replace("Infinity", "1e999"))
        return text, exact
    return text, True


#: Encoders built once (``json.dumps`` with options builds one a call; ~50 calls a report).
_NUMBERS_ENCODER = json.JSONEncoder(separators=(",", ":")).encode
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


#: A table row's array in :func:`_values_json`, by ``id``: ``(row, its JSON)``. The parser
#: hands the same tuple of values to every table whose row reads the same cells
#: (``tables._PLAIN_ROWS``: 1,347 row objects for the 32,000 rows of 1,000 benchmark
#: reports), so its JSON is made once. The memo holds each row it names, so no other object
#: can take its id while it is there; only tuples of floats and None (whose JSON cannot
#: change) are kept; bounded.
_ROW_NUMBERS: dict[int, tuple[tuple[Any, ...], str]] = {}
_ROW_NUMBERS_MAX = 4096
_FLOAT_OR_NONE = frozenset({float, type(None)})


def _rows_numbers(values: tuple[Any, ...]) -> str:
    """``_NUMBERS_ENCODER(values)`` of a tuple of rows, each row's array remembered by
    object: the same text (the compact encoder writes an array as its items' texts joined
    by ","), ~45 µs a report less."""
    memo = _ROW_NUMBERS
    parts = []
    for row in values:
        got = memo.get(id(row))
        if got is None or got[0] is not row:
            text = _NUMBERS_ENCODER(row)
            if type(row) is tuple and _FLOAT_OR_NONE.issuperset(map(type, row)):
                if len(memo) >= _ROW_NUMBERS_MAX:
                    memo.clear()
                memo[id(row)] = (row, text)
            parts.append(text)
        else:
            parts.append(got[1])
    return "[" + ",".join(parts) + "]"


#: :func:`_compact` of label tuples (a table's row and column ids and labels, the same in
#: most reports); bounded.
_LABELS_JSON: dict[tuple[str, ...], str] = {}
_LABELS_JSON_MAX = 4096


def _remembered(memo: dict[tuple[str, ...], str], limit: int, value: Any) -> str:
    """``_compact(value)`` through ``memo`` (emptied past ``limit`` entries); only tuples of
    strings are kept (a hit is a tuple equal to one of strings, whose JSON is the same).
    TypeError for an unhashable value (a list …)."""
    text = memo.get(value)
    if text is None:
        text = _utf8_compact(value)
        if type(value) is tuple and all(type(x) is str for x in value):
            if len(memo) >= limit:
                memo.clear()
            memo[value] = text
    return text


def _utf8_compact(value: Any) -> str:
    """``_compact(value)``; UnicodeEncodeError when it is no UTF-8 (a lone surrogate:
    :func:`prepare_report` then repairs the report)."""
    text = _compact(value)
    if not text.isascii():
        text.encode(_CHECK_CODEC)
    return text


def _compact_labels(value: Any) -> str:
    """``_compact(value)``, remembered for tuples of strings."""
    try:
        return _remembered(_LABELS_JSON, _LABELS_JSON_MAX, value)
    except TypeError:
        return _utf8_compact(value)


#: :func:`_compact` of raw table rows (tuples of cell texts: ``('0', '0', '0')`` and the
#: like recur across reports); bounded.
_ROWS_JSON: dict[tuple[str, ...], str] = {}
_ROWS_JSON_MAX = 8192


def _compact_rows(raw: Any) -> str:
    """``_compact(raw)`` of a table's raw cells (a tuple of rows, each a tuple of strings),
    built from each row's remembered JSON (~20 µs less a report); the same text."""
    if type(raw) is not tuple:
        return _utf8_compact(raw)
    try:
        parts = [_remembered(_ROWS_JSON, _ROWS_JSON_MAX, row) for row in raw]
    except TypeError:
        return _utf8_compact(raw)
    return "[" + ",".join(parts) + "]"


def table_row(table: Any) -> tuple[Any, ...]:
    """A table as one ``report_tables`` row (less report_id): id, status, and its row ids,
    column ids, values (numbers or null; the views read them as REAL) and raw texts as
    compact JSON arrays, then its title, row labels, column labels (JSON) and problem."""
    return (table.id, table.status, _compact(table.rows), _compact(table.columns),
            _numbers_json(table.values), _compact(table.raw), table.title,
            _compact(table.row_labels), _compact(table.column_labels), table.problem)


_NON_FINITE = "\ue000nonfinite:"
_CHECK_FIELDS = attrgetter("id", "outcome", "table", "row", "column", "expected", "found",
                           "message", "zero_read")


def _check_number(v: Any) -> Any:
    """A check's expected / found for JSON: a float, None, or a marker for ±inf / NaN."""
    if v is None:
        return None
    v = float(v)
    if v - v == 0.0:  # finite
        return v
    return None if v != v else f"{_NON_FINITE}{'-' if v < 0 else ''}1e999"


def checks_json(checks: Sequence[Any]) -> str:
    """A report's checks as the compact JSON of ``report_checks.checks``: one array
    ``[id, outcome, table_id, row, column, expected, found, message, zero_read]`` per check,
    in order (``zero_read`` since report schema 1.6)."""
    return _checks_json(checks)[0]


#: A check object's array in :func:`checks_json`, by ``id``: ``(check, its JSON)``. The
#: parser hands the same Check object to every report whose identity reads the same cells
#: and values (``checks._evaluate``'s memos: 91% of the benchmark's checks), so its JSON is
#: made once. The memo holds each check it names, so no other object can take its id while
#: it is there; only :class:`Check` objects (frozen) whose ``zero_read`` is a tuple are kept;
#: bounded.
_CHECK_ARRAYS: dict[int, tuple[Any, str]] = {}
_CHECK_ARRAYS_MAX = 4096


def _checks_array(checks: Sequence[Any]) -> str:
    """``_compact([fields of each check])``, each check's array remembered by object.

    Why: encoding a report's ~46 checks (two floats and a message each) was a tenth of
    making its rows; the same text, joined from the arrays (the compact encoder writes a
    list as its items' texts joined by ",")."""
    memo = _CHECK_ARRAYS
    got = list(map(memo.get, map(id, checks)))
    if None in got:
        if len(memo) >= _CHECK_ARRAYS_MAX:
            memo.clear()
        for i, check in enumerate(checks):
            if got[i] is None:
                # tuples encode as the arrays lists would
                got[i] = (check, _compact(_CHECK_FIELDS(check)))
                # (frozen, and its one container a tuple: its JSON cannot change; a Check
                # built with a list of zero_read could, and is encoded anew each time)
                if type(check) is Check and type(check.zero_read) is tuple:
                    memo[id(check)] = got[i]
    return "[" + ",".join([g[1] for g in got]) + "]"


def _checks_json(checks: Sequence[Any]) -> tuple[str, bool]:
    """:func:`checks_json` and whether ``json.loads`` of it gives the checks' fields back
    exactly (not when the text had to be rewritten for a NaN or infinite number)."""
    text = _checks_array(checks)
    if "NaN" not in text and "Infinity" not in text:
        return text, True
    f = _check_number  # JSON has no NaN / infinity (rare: the slow way)
    text = _compact([[c.id, c.outcome, c.table, c.row, c.column, f(c.expected), f(c.found),
                      c.message, c.zero_read] for c in checks])
    if _NON_FINITE in text:  # never in real data: an infinite sum of huge numbers
        text = (text.replace(f'"{_NON_FINITE}1e999"', "1e999")
                .replace(f'"{_NON_FINITE}-1e999"', "-1e999"))
    return text, False


#: ``Report.to_dict()``'s keys in order, and the parts schema 4 leaves out of
#: ``report_json`` because the ``sections``, ``report_tables`` and ``report_checks`` rows hold
#: them (a ``report_json`` that has one of them — schemas 1–3, or a part the rows cannot
#: hold exactly — is read as it is).
REPORT_KEYS: tuple[str, ...] = tuple(Report(Metadata()).to_dict())
CHILD_KEYS: tuple[str, ...] = ("sections", "tables", "checks")
#: Key order of a table in ``Report.to_dict()`` (its dataclass fields less ``id``).
_TABLE_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Table) if f.name != "id")
#: Key order of a check in ``Report.to_dict()``, the order of a ``report_checks`` array.
_CHECK_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Check))
_REPORT_JSON = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(d, ensure_ascii=False)


def stored_report_dict(report: Report, *, tables_exact: bool = True,
                       checks_exact: bool = True) -> dict[str, Any]:
    """What ``reports.report_json`` holds (schema 4): ``report.to_dict()`` less the
    sections, and less the tables and the checks when their compact rows hold them
    exactly; :meth:`Store.iter_report_dicts` puts them back in place.

    Why: the sections, tables and checks are ~95% of the JSON (≈ 27 KB a report) and the
    child rows hold them already; building, encoding and compressing them twice cost
    ≈ 0.4 ms a report in the writer.
    """
    d: dict[str, Any] = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "metadata": plain_dict(report.metadata),
        "missing_sections": list(report.missing_sections),
        "statements": [plain_dict(s) for s in report.statements],
        "errors": [plain_dict(p) for p in report.errors],
        "annexes": None if report.annexes is None else [plain_dict(a) for a in report.annexes],
    }
    if not (tables_exact and checks_exact):  # a NaN somewhere (never in parsed reports)
        full = report.to_dict()
        for key, exact in (("tables", tables_exact), ("checks", checks_exact)):
            if not exact:
                d[key] = full[key]
    return d


_SECTION_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Section))


class _ChildRows:
    """Rows of a transaction's reports, written with one ``executemany`` per table.

    Why: a statement per table per report costs more than the rows themselves when a chunk
    holds many small reports; the rows of the whole chunk go in together at the end.
    """

    def __init__(self) -> None:
        self.sections: list[tuple[Any, ...]] = []
        self.statements: list[tuple[Any, ...]] = []
        self.tables: list[tuple[Any, ...]] = []
        self.checks: list[tuple[Any, ...]] = []
        self.problems: list[tuple[Any, ...]] = []
        self.files: list[tuple[Any, ...]] = []
        self.paths: set[str] = set()

    def flush(self, conn: sqlite3.Connection) -> None:
        for name, sql in _INSERT_CHILD.items():
            rows = getattr(self, name)
            if rows:
                conn.executemany(sql, rows)
                rows.clear()


def _require_json1(conn: sqlite3.Connection, p: Path) -> None:
    """Schema 3 reads cells and checks through SQLite's JSON1 functions (built in since
    SQLite 3.38, and compiled into most older Python builds): say so clearly when absent."""
    try:
        conn.execute("SELECT json_extract('[1]', '$[0]')").fetchone()
    except sqlite3.OperationalError as exc:
        raise StoreError(
            f"{p}: this Python's SQLite {sqlite3.sqlite_version} lacks the JSON1 functions the "
            "store needs (built in since SQLite 3.38); use a Python built with a newer SQLite"
        ) from exc


class Store:
    """A SQLite store of parsed and tagged reports (``docs/store-schema.md``).

    Opening creates the file and schema when absent. Each :meth:`write_report` is one
    transaction that replaces whatever the store held for that file path, so a report is
    stored whole or not at all and re-tagging never duplicates rows. Use as a context
    manager or call :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        #: model id → its ``models`` row (:meth:`use_model`), written with its reports
        self._model_records: dict[str, dict[str, Any]] = {}
        #: failed files recorded through this object (:meth:`_failed_since`'s answer is
        #: asked of the store again after each)
        self._failure_writes = 0
        #: (since, ``_failure_writes`` then, whether a failed file tagged at or after since
        #: was stored): :meth:`_failed_since`'s last answer
        self._failed_known: tuple[str, int, bool] | None = None
        self._conn = self._open()

    # --- opening -----------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        p = self.path
        if p.is_dir():
            raise StoreError(f"{p}: is a folder; the store is one file: give a file path, "
                             f"e.g. --db {p / 'corpus.sqlite'}")
        if self.readonly and not p.exists():
            raise StoreError(f"{p}: no store here (run 'nlp-reports tag ... --db {p}' first)")
        if p.exists() and not p.is_file():  # SQLite would wait on a FIFO, past Ctrl-C
            raise StoreError(f"{p}: not a regular file (a pipe, socket or device); the store "
                             "is one SQLite file: give a file path")
        if not self.readonly:
            parent = p.parent if str(p.parent) else Path(".")
            if not parent.is_dir():
                raise StoreError(
                    f"{p}: cannot create the store: the folder {parent} does not exist"
                )
            if p.exists() and not os.access(p, os.W_OK):
                raise StoreError(f"{p}: the store is read-only; copy it somewhere writable")
        try:
            if self.readonly:
                conn = self._connect_readonly(p)
            else:
                conn = sqlite3.connect(str(p), isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 10000")
            _require_json1(conn, p)
            if not self.readonly:
                self._refuse_foreign(conn, p)  # before WAL: leave a foreign file untouched
                # a new file only (the size is fixed once a table exists, or in WAL mode)
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal" and str(p) != ":memory:":
                    log.warning("%s: WAL journal not available (got %s)", p, mode)
                conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate(conn)
                self._create_schema(conn)
                self._check_version(conn, write=True)
                self._add_fingerprints(conn)
                self._allow_linked(conn)
            else:
                self._check_version(conn, write=False)
        except StoreError as exc:  # the version checks name no file: say which one
            msg = str(exc)
            raise StoreError(msg if msg.startswith(str(p)) else f"{p}: {msg}") from exc
        except sqlite3.DatabaseError as exc:
            text = str(exc)
            if "malformed" in text or "not a database" in text or "encrypted" in text:
                hint = ("the file is damaged or not a SQLite database; tag the corpus again "
                        "into a new --db path (the report files themselves are untouched)")
            elif "readonly" in text or "unable to open" in text or "locked" in text:
                hint = "check that the location is writable and no other program holds it"
            else:
                hint = ("check that the location is writable and that the file is an "
                        "nlp_reports store")
            raise StoreError(f"{p}: cannot open or write the store ({text}); {hint}") from exc
        return conn

    @staticmethod
    def _connect_readonly(p: Path) -> sqlite3.Connection:
        """A read-only connection, also to a store in a folder the reader cannot write (a
        teacher's store a class reads): SQLite refuses to read a WAL store there ("attempt
        to write a readonly database", which read as "no meta table") because it cannot
        create the -shm file beside it. When no write is pending (-wal absent or empty) the
        file alone holds everything and is opened immutable; otherwise the error says so."""
        uri = p.resolve().as_uri()
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
            return conn
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc) and "unable to open" not in str(exc):
                raise
            conn.close()
        wal = Path(f"{p}-wal")
        if wal.exists() and wal.stat().st_size:
            raise StoreError(
                f"{p}: cannot read the store: its folder is read-only for you and its last "
                f"writes are still in {wal.name} (a tag run is going on, or ended without "
                f"closing the store): wait for the run to end, or copy {p.name} together with "
                f"{wal.name} to a folder you can write and give that copy as --db")
        log.info("%s: the folder is read-only; reading the store as an immutable file", p)
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                               check_same_thread=False)

    @staticmethod
    def _create_schema(conn: sqlite3.Connection) -> None:
        """Create what is missing of the schema; in a new file in one transaction, so that a
        failure (a full disk) leaves no half schema behind."""
        if conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None:
            conn.executescript(_SCHEMA)  # every statement is IF NOT EXISTS: takes no lock
            return
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{_SCHEMA}\nCOMMIT;")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _refuse_foreign(conn: sqlite3.Connection, p: Path) -> None:
        """Never add our schema to somebody else's database: only to an empty one or ours."""
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        if names and "meta" not in names:
            shown = ", ".join(sorted(names)[:5]) + (" …" if len(names) > 5 else "")
            raise StoreError(f"{p}: not an nlp_reports store (it has the tables {shown}); "
                             "choose a new --db path")

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Upgrade a store of an older schema (:data:`MIGRATABLE_VERSIONS`) in place, in one
        transaction (docs/store-schema.md). Schema 1 → 2 compresses ``reports.report_json``
        and gives ``files`` the ``duplicate`` status and its ``duplicate_of`` column; 2 → 3
        rebuilds the cells and checks of every report, from its stored JSON, as the compact
        ``report_tables`` / ``report_checks`` rows and turns ``table_cells`` and ``checks``
        into views; 3 → 4 adds columns to ``report_tables`` and rewrites nothing (an old
        ``report_json`` holds the full report and is read as it is); 4 → 5 copies ``reports``
        into a table keyed by (path, part), ids kept; 5 → 6 adds ``models``, a row for each
        model id the reports carry (:meth:`_migrate_5_to_6`). Nothing is re-tagged."""
        has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                "AND name = 'meta'").fetchone()
        if not has_meta:
            return
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        major = None if row is None else str(row[0]).split(".")[0]
        if major not in MIGRATABLE_VERSIONS:
            return
        log.info("%s: upgrading the store from schema version %s to %s", self.path, row[0],
                 SCHEMA_VERSION)
        try:
            conn.execute("BEGIN IMMEDIATE")
            if major == "1":
                self._migrate_1_to_2(conn)
            if major in ("1", "2"):
                self._migrate_2_to_3(conn)  # makes report_tables with schema 4's columns
            elif major == "3":
                self._migrate_3_to_4(conn)
            self._migrate_4_to_5(conn)
            self._migrate_5_to_6(conn)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                         (SCHEMA_VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _add_fingerprints(conn: sqlite3.Connection) -> None:
        """Give ``reports`` its ``fingerprint`` column (added within schema 4) when a store
        written before lacks it, computed for every stored report from its rows, in one
        transaction; and its index."""
        have = {r[1] for r in conn.execute("PRAGMA table_info(reports)")}
        if "fingerprint" in have:
            conn.execute("CREATE INDEX IF NOT EXISTS reports_fingerprint ON reports (fingerprint)")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ALTER TABLE reports ADD COLUMN fingerprint TEXT")
            Store._fill_fingerprints(conn)
            conn.execute("CREATE INDEX IF NOT EXISTS reports_fingerprint ON reports (fingerprint)")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _fill_fingerprints(conn: sqlite3.Connection) -> None:
        """Compute ``reports.fingerprint`` of every stored report from its rows."""
        rows = conn.execute("SELECT id, agency, year, traditional FROM reports").fetchall()
        for rid, agency, year, traditional in rows:
            sections = conn.execute("SELECT number, text FROM sections WHERE report_id = ? "
                                    "ORDER BY position", (rid,)).fetchall()
            tables = conn.execute('SELECT table_id, "values" FROM report_tables WHERE '
                                  "report_id = ? ORDER BY rowid", (rid,)).fetchall()
            fp = content_fingerprint(agency, year, bool(traditional), sections, tables)
            conn.execute("UPDATE reports SET fingerprint = ? WHERE id = ?", (fp, rid))

    @staticmethod
    def _allow_linked(conn: sqlite3.Connection) -> None:
        """Give ``files`` the ``linked`` status and its ``linked_to`` column (added within
        schema 4) when a store written before lacks them: SQLite cannot change a CHECK, so
        the table is copied into a new one, in one transaction (its rows are kept as they
        are)."""
        have = {r[1] for r in conn.execute("PRAGMA table_info(files)")}
        if "linked_to" in have:
            return
        columns = ", ".join(c for c in ("path", "sha256", "size", "status", "reason", "message",
                                        "model_id", "tagged_at", "duplicate_of", "parts")
                            if c in have)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DROP VIEW IF EXISTS duplicates")
            conn.execute(f"CREATE TABLE files_linked {_FILES_COLUMNS}")
            conn.execute(f"INSERT INTO files_linked ({columns}) SELECT {columns} FROM files")
            conn.execute("DROP TABLE files")
            conn.execute("ALTER TABLE files_linked RENAME TO files")
            conn.execute(_DUPLICATES_VIEW)
            conn.execute(_FILES_DUPLICATE_INDEX)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
        conn.create_function("nlpr_compress_json", 1, _compress_json, deterministic=True)
        conn.execute("ALTER TABLE files RENAME TO files_v1")
        conn.execute(_FILES_TABLE)
        conn.execute("INSERT INTO files (path, sha256, size, status, reason, message, "
                     "model_id, tagged_at) SELECT path, sha256, size, status, reason, "
                     "message, model_id, tagged_at FROM files_v1")
        conn.execute("DROP TABLE files_v1")
        conn.execute("UPDATE reports SET report_json = nlpr_compress_json(report_json) "
                     "WHERE typeof(report_json) = 'text'")

    @staticmethod
    def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
        for statement in (_COMPACT_TABLES.split(";")):
            if statement.strip():
                conn.execute(statement)
        insert_tables, insert_checks = _INSERT_CHILD["tables"], _INSERT_CHILD["checks"]
        for rid, blob in conn.execute("SELECT id, report_json FROM reports ORDER BY id"
                                      ).fetchall():
            report = Report.from_dict(json.loads(report_json_text(blob)))
            conn.executemany(insert_tables, [(rid, *table_row(t)) for t in report.tables])
            conn.execute(insert_checks, (rid, checks_json(report.checks)))
        conn.execute("DROP TABLE IF EXISTS table_cells")
        conn.execute("DROP TABLE IF EXISTS checks")
        for statement in (_COMPACT_VIEWS.split(";")):
            if statement.strip():
                conn.execute(statement)

    @staticmethod
    def _migrate_3_to_4(conn: sqlite3.Connection) -> None:
        """Schema 3 → 4: ``report_tables`` gets the columns :data:`_TABLE_EXTRA` (NULL in
        the old rows: their ``report_json`` still holds the full tables and is read as it
        is). No data is rewritten."""
        have = {r[1] for r in conn.execute("PRAGMA table_info(report_tables)")}
        for column in _TABLE_EXTRA:
            if column not in have:
                conn.execute(f"ALTER TABLE report_tables ADD COLUMN {column} TEXT")

    @staticmethod
    def _migrate_4_to_5(conn: sqlite3.Connection) -> None:
        """Schema 4 → 5: a report is keyed by (path, part), so that a compilation's reports
        share their file's path. SQLite cannot drop ``path``'s UNIQUE constraint: ``reports``
        is copied into a new table (every row and id kept, ``part`` NULL: one report a file)
        and its indexes made again; ``files`` gets ``parts`` (NULL). The child tables are
        keyed by ``report_id`` and are not touched."""
        have = [r[1] for r in conn.execute("PRAGMA table_info(reports)")]
        if have and "part" not in have:
            new = set(_REPORT_COLUMNS) | {"id"}
            columns = ", ".join(f'"{c}"' for c in have if c in new)
            conn.execute(f"CREATE TABLE reports_v5 {_REPORTS_COLUMNS}")
            conn.execute(f"INSERT INTO reports_v5 ({columns}) SELECT {columns} FROM reports")
            conn.execute("DROP TABLE reports")
            conn.execute("ALTER TABLE reports_v5 RENAME TO reports")
            if "fingerprint" not in have:  # (a store older than the fingerprint)
                Store._fill_fingerprints(conn)
            for statement in _REPORTS_INDEXES.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("CREATE INDEX IF NOT EXISTS reports_fingerprint ON reports (fingerprint)")
        files = {r[1] for r in conn.execute("PRAGMA table_info(files)")}
        if files and "parts" not in files:
            conn.execute("ALTER TABLE files ADD COLUMN parts INTEGER")

    @staticmethod
    def _migrate_5_to_6(conn: sqlite3.Connection) -> None:
        """Schema 5 → 6: the ``models`` table, a row for each model id the stored reports
        carry, filled from what is known (:func:`_inferred_models`): the installed shipped
        model's card when the id is its SHA-256, else an ``unknown`` row (only the SHA-256
        is known). No report row changes."""
        conn.execute(_MODELS_TABLE)
        columns = (*MODEL_COLUMNS, "first_used", "last_used")
        conn.executemany(
            f"INSERT OR IGNORE INTO models ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            [tuple(r[c] for c in columns) for r in _inferred_models(conn)])

    @staticmethod
    def _check_version(conn: sqlite3.Connection, *, write: bool) -> None:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError as exc:
            raise StoreError("not an nlp_reports store (it has no meta table); choose "
                             "another --db path") from exc
        if row is None:
            if write:
                conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                             (SCHEMA_VERSION,))
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('created', ?)",
                             (_now(),))
            return
        major = str(row[0]).split(".")[0]
        if major in MIGRATABLE_VERSIONS and not write:
            return  # read as it is; the first write upgrades it
        if major != SCHEMA_VERSION.split(".")[0]:
            raise StoreError(
                f"store schema version {row[0]} is not supported (this version reads "
                f"{SCHEMA_VERSION}); "
                + ("it was made by a newer nlp_reports: upgrade nlp_reports, or "
                   if major.isdigit() and int(major) > int(SCHEMA_VERSION.split(".")[0])
                   else "")
                + "re-tag the corpus into a new store"
            )

    def close(self) -> None:
        self._conn.close()

    def checkpoint(self) -> None:
        """Copy what the write-ahead log holds into the database file now (a passive WAL
        checkpoint: it waits for no reader), where closing the store would do it.

        Why: closing the last connection checkpoints the log and syncs the file to disk,
        10–40 ms on the development machine, all of it after the last report is written. A
        parallel batch calls this while it waits for its workers' last chunks, so that little
        is left for :meth:`close`. Best effort: a store that cannot checkpoint now (busy,
        read-only, not in WAL mode) is left as it is; :meth:`close` does the rest."""
        if self.readonly:
            return
        try:
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            log.debug("%s: no checkpoint now", self.path, exc_info=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def connection(self) -> sqlite3.Connection:
        """The sqlite3 connection (for ad-hoc SQL; do not write behind the store's back)."""
        return self._conn

    # --- writing -------------------------------------------------------------------------

    def file_record(self, path: str) -> FileRecord | None:
        """The ``files`` row of ``path``, or None when the store never saw it."""
        row = self._conn.execute(
            "SELECT path, sha256, size, status, reason, message, model_id, tagged_at "
            "FROM files WHERE path = ?", (str(path),)).fetchone()
        return FileRecord(*row) if row else None

    def is_done(self, path: str, sha256: str, model_id: str | None) -> bool:
        """True when ``path`` is stored (ok, or as a duplicate) with this content and model,
        and every part of a compilation it holds with it."""
        rec = self.file_record(path)
        return (rec is not None and rec.status in ("ok", "duplicate") and rec.sha256 == sha256
                and rec.model_id == model_id and rec.reason != PART_FAILED)

    def done_files(self) -> dict[str, tuple[str | None, str | None]]:
        """path → (sha256, model_id) of every file stored ok or as a duplicate (resume check)."""
        rows = self._conn.execute(
            "SELECT path, sha256, model_id FROM files WHERE status IN ('ok', 'duplicate') "
            f"AND reason IS NOT '{PART_FAILED}'").fetchall()
        return {p: (s, m) for p, s, m in rows}

    def done_of(self, paths: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        """:meth:`done_files` restricted to ``paths`` (a resume check that streams)."""
        out: dict[str, tuple[str | None, str | None]] = {}
        paths = list(paths)
        for start in range(0, len(paths), 500):  # under SQLite's bound-parameter limit
            part = paths[start:start + 500]
            rows = self._conn.execute(
                "SELECT path, sha256, model_id FROM files WHERE status IN ('ok', 'duplicate') "
                f"AND reason IS NOT '{PART_FAILED}' AND path IN "
                f"({','.join('?' * len(part))})", part).fetchall()
            out.update((p, (s, m)) for p, s, m in rows)
        return out

    def write_report(self, path: str, report: Report, tagged: Sequence[Any], *,
                     sha256: str | None = None, size: int | None = None,
                     model_id: str | None = None, words: Sequence[str] | None = None) -> int:
        """Store one report and its tagged statements in one transaction; return its id.

        One report per ``path``, replacing what was stored for it — except a part of a
        compilation (汇编: ``report.metadata.part``, as :func:`~nlp_reports.parse.load_reports`
        gives them): it replaces only that part, so writing each part in turn under the
        file's path keeps them all (part 1 … N, as ``tag`` stores them)."""
        return self.write_many([(path, report, tagged, sha256, size, model_id, words)])[0]

    def write_many(self, items: Iterable[tuple[Any, ...]]) -> list[int]:
        """Store several reports in ONE transaction (all or none); return their ids.

        Each item is ``(path, report, tagged, sha256, size, model_id, words)``; ``report``
        may be a :class:`PreparedReport` (then ``tagged`` and ``words`` are not read).
        """
        ids: list[int] = []
        conn = self._conn
        rows = _ChildRows()
        models: set[str] = set()
        try:
            conn.execute("BEGIN IMMEDIATE")
            for path, report, tagged, sha, size, model_id, words in items:
                ids.append(self._insert(str(path), report, tagged, sha, size, model_id, words,
                                        rows))
                models.add(model_id)
            rows.flush(conn)
            self._record_models(models)
            conn.execute("COMMIT")
        except (sqlite3.DatabaseError, UnicodeEncodeError) as exc:
            # (UnicodeEncodeError: a PreparedReport made elsewhere holding a lone surrogate
            # that prepare_report would have repaired: one report fails, not the batch)
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return ids

    def use_model(self, record: dict[str, Any] | None) -> None:
        """The ``models`` row (:func:`model_record`, :func:`tagger_model_record`) of the model
        whose tags are written next: written with the first reports it tagged, in their
        transaction. A stored row of that id that says less (``unknown``, or filled from the
        shipped card when the store was upgraded) takes the card's now."""
        if not record or not record.get("model_id"):
            return
        self._model_records[str(record["model_id"])] = dict(record)
        if self.readonly:
            return
        conn = self._conn
        try:
            row = conn.execute("SELECT provenance FROM models WHERE model_id = ?",
                               (str(record["model_id"]),)).fetchone()
            if row is None or row[0] == "card" or record.get("provenance") != "card":
                return
            conn.execute("BEGIN IMMEDIATE")
            self._record_models({str(record["model_id"])}, used=False)
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc

    def _record_models(self, model_ids: Iterable[str | None], *, used: bool = True) -> None:
        """Upsert the ``models`` rows of ``model_ids`` in the open transaction: a new id gets
        its card's row (:meth:`use_model`; ``unknown`` when none was given), first and last
        used now (with no card given, the installed shipped model's when it is that model);
        a stored one its ``last_used`` (``used``), and the card's columns when the stored row
        is not from a card and the card is known now."""
        now = _now()
        for model_id in model_ids:
            if model_id is None:
                continue
            record = self._model_records.get(model_id)
            if record is None:  # (write_report without use_model: the shipped one? else unknown)
                shipped = shipped_model_record()
                record = (shipped if shipped is not None and shipped["model_id"] == model_id
                          else model_record(model_id, None))
                self._model_records[model_id] = record
            self._conn.execute(_UPSERT_MODEL if used else _UPSERT_MODEL_CARD,
                               (*(record.get(c) for c in MODEL_COLUMNS), now, now))

    def models(self, *, counts: bool = True) -> Any:
        """The models whose tags the store holds or held (标注模型), one row each (DataFrame,
        by first use): ``model_id`` (the SHA-256 of its ``model.joblib``: ``reports.model_id``),
        ``name``, ``path`` (its folder when it tagged), ``created``, ``training_data_sha256``,
        ``labels`` (JSON: kinds and themes), ``sklearn_version``, ``nlp_reports_version``,
        ``tokenizer``, ``test_metrics`` (JSON: the card's test figures), ``provenance``
        (``card``, ``shipped card``, ``unknown``), ``first_used`` and ``last_used`` (ISO UTC
        times of its first and last reports written) and ``reports`` (how many stored
        reports carry its tags now: 0 once all were re-tagged by another; ``counts=False``
        leaves it out, and the pass over ``reports`` it takes). A store of schema 5 or older
        read as it is shows what its upgrade would write."""
        import pandas as pd

        conn = self._conn
        columns = (*MODEL_COLUMNS, "first_used", "last_used")
        has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                           "name = 'models'").fetchone()
        if has:
            records = [dict(zip(columns, r, strict=True)) for r in conn.execute(
                f"SELECT {', '.join(columns)} FROM models")]
        else:
            records = _inferred_models(conn)
        records.sort(key=lambda r: (r["first_used"] is None, r["first_used"] or "",
                                    r["model_id"]))
        df = pd.DataFrame({c: pd.Series([r[c] for r in records], dtype=object)
                           for c in columns})  # (None where unknown, as query() gives)
        if counts:
            n = dict(conn.execute("SELECT model_id, COUNT(*) FROM reports WHERE model_id IS "
                                  "NOT NULL GROUP BY model_id"))
            df["reports"] = pd.Series([int(n.get(r["model_id"], 0)) for r in records],
                                      dtype="int64")
        return df

    def _rows_by_sha(self, sql: str, params: tuple[Any, ...],
                     shas: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` (its ``{in}`` the list of placeholders for the hashes, after
        ``params``) for every distinct hash of ``shas``, 400 hashes a query."""
        shas = list(dict.fromkeys(shas))
        for start in range(0, len(shas), 400):
            part = shas[start:start + 400]
            yield from self._conn.execute(sql.format(placeholders=",".join("?" * len(part))),
                                          (*params, *part)).fetchall()

    def _stored_ok(self, column: str, keys: Sequence[str], model_id: str | None,
                   since: str | None, any_model: bool, order: str) -> Iterator[tuple[Any, ...]]:
        """``(column value, path)`` of the reports stored ok whose ``column`` is one of
        ``keys``, tagged by ``model_id`` (any model with ``any_model``) at or after ``since``,
        in ``order``: the one query behind both duplicate checks."""
        model, params = ("", ()) if any_model else ("r.model_id IS ? AND ", (model_id,))
        return self._rows_by_sha(
            f"SELECT r.{column}, r.path FROM reports r JOIN files f ON f.path = r.path "
            f"AND f.status = 'ok' WHERE {model}f.tagged_at >= ? AND r.{column} IN "
            f"({{placeholders}}) ORDER BY r.{order}", (*params, since or ""), keys)

    def reports_with_content(self, shas: Sequence[str], model_id: str | None, *,
                             since: str | None = None,
                             any_model: bool = False) -> dict[str, list[str]]:
        """sha256 → sorted paths of the reports stored ok with that content and model (the
        duplicate check); ``since``: only those tagged at or after that ISO time;
        ``any_model``: whatever model tagged them."""
        out: dict[str, list[str]] = {}
        for sha, path in self._stored_ok("sha256", shas, model_id, since, any_model, "path"):
            paths = out.setdefault(sha, [])
            if not paths or paths[-1] != path:  # (a compilation: a row per part)
                paths.append(path)
        return out

    def fingerprint_holders(self, fingerprints: Sequence[str], *, since: str | None = None
                            ) -> dict[str, tuple[str, str | None, str, int, str, int]]:
        """fingerprint → ``(path, published, sha256, size, tagged_at, id)`` of the first stored
        report (lowest id, whatever model tagged it) with that content fingerprint, tagged at
        or after ``since``: the holder a copy of the same text in another encoding or format
        is a duplicate of, and what decides whether an earlier-dated copy displaces it. A
        part of a compilation is no holder here: a file holding a part's text alone is the
        compilation's duplicate (:meth:`part_holders`; docs/store-schema.md, *Compilations*)."""
        out: dict[str, tuple[str, str | None, str, int, str, int]] = {}
        for fp, *row in self._rows_by_sha(
                "SELECT r.fingerprint, r.path, r.published, f.sha256, f.size, f.tagged_at, r.id "
                "FROM reports r JOIN files f ON f.path = r.path AND f.status = 'ok' "
                "WHERE f.tagged_at >= ? AND r.part IS NULL AND r.fingerprint IN ({placeholders}) "
                "ORDER BY r.id",
                (since or "",), fingerprints):
            out.setdefault(fp, tuple(row))  # type: ignore[arg-type]
        return out

    def part_holders(self, fingerprints: Sequence[str], *, since: str | None = None
                     ) -> dict[str, str]:
        """fingerprint → path of the compilation whose stored part (the first, by id) has that
        content fingerprint, tagged at or after ``since``: a file holding that text alone is
        recorded as the compilation's duplicate (docs/store-schema.md, *Compilations*)."""
        out: dict[str, str] = {}
        for fp, path in self._rows_by_sha(
                "SELECT r.fingerprint, r.path FROM reports r JOIN files f ON f.path = r.path "
                "AND f.status = 'ok' WHERE f.tagged_at >= ? AND r.part IS NOT NULL AND "
                "r.fingerprint IN ({placeholders}) ORDER BY r.id", (since or "",), fingerprints):
            out.setdefault(fp, path)
        return out

    def failures_with_content(self, shas: Sequence[str], *,
                              since: str) -> dict[str, list[tuple[str, str, str]]]:
        """sha256 → sorted ``(path, reason, message)`` of the files that failed with that
        content at or after ``since`` (an ISO time: this run's failures)."""
        out: dict[str, list[tuple[str, str, str]]] = {}
        if not shas or not self._failed_since(since):
            return out
        for sha, path, reason, message in self._rows_by_sha(
                "SELECT sha256, path, reason, message FROM files WHERE status = 'failed' "
                "AND tagged_at >= ? AND sha256 IN ({placeholders}) ORDER BY path", (since,), shas):
            out.setdefault(sha, []).append((path, reason, message))
        return out

    def _failed_since(self, since: str) -> bool:
        """Whether the store holds a failed file tagged at or after ``since``.

        Why: :meth:`failures_with_content` is asked once per block of 256 files of a batch,
        and its query reads every ``files`` row (no index on status, time or hash), so each
        block of a run cost more the bigger the store (3.3 ms at 20,000 files). This answer
        is read once (one pass too) and kept until this object records a failure
        (:meth:`record_failures`, :meth:`set_linked`): a run without failures makes that
        pass once, not once a block. A run with failures queries as before."""
        known = self._failed_known
        if known is not None and known[0] == since and (known[2]
                                                         or known[1] == self._failure_writes):
            return known[2]
        writes = self._failure_writes  # (a failure recorded meanwhile voids the answer)
        failed = bool(self._conn.execute(
            "SELECT EXISTS (SELECT 1 FROM files WHERE status = 'failed' AND tagged_at >= ?)",
            (since,)).fetchone()[0])
        self._failed_known = (since, writes, failed)
        return failed

    def record_duplicates(self, items: Iterable[tuple[Any, ...]]) -> None:
        """Record files whose content is already stored: ``(path, sha256, size, original,
        model_id)`` each, ``original`` the path whose report they share (重复文件).

        The file gets a ``files`` row with status ``duplicate`` and ``duplicate_of``; any
        report stored earlier for it is dropped, so no summary counts one report twice.
        """
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            for path, sha, size, original, model_id in items:
                self._delete_path(str(path), new_sha=sha, successor=str(original))
                conn.execute(
                    "INSERT OR REPLACE INTO files (path, sha256, size, status, reason, message, "
                    "model_id, tagged_at, duplicate_of) VALUES (?,?,?,'duplicate',NULL,NULL,?,?,?)",
                    (str(path), sha, size, model_id, _now(), str(original)))
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc

    def _delete_path(self, path: str, *, new_sha: str | None = None,
                     successor: str | None = None) -> dict[int | None, int]:
        """Remove the report(s) stored for ``path`` (every part of a compilation), minding the
        files recorded as its duplicates; return part → id of those gone (the new reports of
        ``path`` take them: a re-tagged file keeps its ids), empty when none is gone.

        When ``path`` keeps that content (``new_sha``, the content it is rewritten with),
        its duplicates stay valid: they keep pointing to it, or to ``successor`` when
        ``path`` itself becomes a duplicate. Otherwise (the file changed or failed) the
        reports pass to the first byte-identical duplicate (it keeps their ids and rows), and
        the other duplicates point to that one; without one, the duplicates by content
        (other bytes, same fingerprint) are forgotten, so the next run tags them.
        """
        conn = self._conn
        stored = conn.execute("SELECT id, sha256, part FROM reports WHERE path = ? ORDER BY id",
                              (path,)).fetchall()
        if not stored:
            return {}
        sha = stored[0][1]  # (the parts of a file share its content)
        if sha is not None and sha == new_sha:
            if successor is not None:
                conn.execute("UPDATE files SET duplicate_of = ? WHERE status = 'duplicate' "
                             "AND duplicate_of = ?", (successor, path))
            heir = None
        else:
            heir = conn.execute(
                "SELECT MIN(path) FROM files WHERE status = 'duplicate' AND duplicate_of = ? "
                "AND sha256 IS ?", (path, sha)).fetchone()[0]
            if heir is None:
                # files of the same content in other bytes (another encoding or format)
                # shared this report, which is going: they are tagged on the next run
                conn.execute("DELETE FROM files WHERE status = 'duplicate' AND "
                             "duplicate_of = ?", (path,))
        if heir is not None:
            self._pass_reports(path, heir, [rid for rid, _, _ in stored])
            return {}
        for rid, _, _ in stored:
            for table in _STORED_CHILDREN:
                conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (rid,))
            conn.execute("DELETE FROM reports WHERE id = ?", (rid,))
        return {part: rid for rid, _, part in stored}

    def _pass_reports(self, path: str, heir: str, ids: Sequence[int]) -> None:
        """The reports ``ids`` of ``path`` pass to ``heir``, a byte-identical duplicate of it
        (same ids and rows, ``source`` renamed); ``heir``'s ``files`` row takes ``path``'s,
        and the other duplicates of ``path`` point to ``heir`` (same content: same report)."""
        conn = self._conn
        for rid in ids:
            conn.execute("UPDATE reports SET path = ? WHERE id = ?", (heir, rid))
            self._resource(rid, path, heir)
        conn.execute(
            "UPDATE files SET status = 'ok', duplicate_of = NULL, model_id = (SELECT "
            "model_id FROM reports WHERE id = ?), parts = (SELECT parts FROM files WHERE "
            "path = ?2), reason = (SELECT reason FROM files WHERE path = ?2), message = "
            "(SELECT message FROM files WHERE path = ?2) WHERE path = ?3",
            (ids[0], path, heir))
        conn.execute("UPDATE files SET duplicate_of = ? WHERE status = 'duplicate' "
                     "AND duplicate_of = ?", (heir, path))

    def new_reports_from(self) -> int:
        """The report id above which a stored report is new to ``tag``'s choice of the copy
        that holds it (docs/store-schema.md, *Which copy holds the report*): MAX(id) now, or
        the start of an earlier run stopped (``kill -9``, Ctrl-C, an error) before it made
        that choice, whichever is lower. Kept in ``meta`` (``holders_new_from``) until
        :meth:`hand_over` ``(…, end_run=True)``, so the run that resumes also moves what the
        stopped one stored; the reports of completed runs stay at or below it."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            start = int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM reports").fetchone()[0])
            row = conn.execute("SELECT value FROM meta WHERE key = ?",
                               (_NEW_FROM_KEY,)).fetchone()
            if row is not None and str(row[0]).isdigit():
                start = min(start, int(row[0]))
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         (_NEW_FROM_KEY, str(start)))
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc
        return start

    def hand_over(self, moves: Iterable[tuple[str, str]], *, end_run: bool = False) -> None:
        """``(path, heir)`` each: the report(s) stored for ``path`` pass to ``heir``, a file
        recorded as its byte-identical duplicate, and ``path`` becomes ``heir``'s duplicate
        (``tag``'s choice of the copy whose name gives the report: docs/store-schema.md).
        One transaction; a pair that is not such a holder and copy is left as it is.
        ``end_run``: the run's choice is made — :meth:`new_reports_from`'s mark is cleared
        in the same transaction (a run killed before this keeps it for the resume)."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            if end_run:
                conn.execute("DELETE FROM meta WHERE key = ?", (_NEW_FROM_KEY,))
            for path, heir in moves:
                ids = [rid for (rid,) in conn.execute(
                    "SELECT r.id FROM reports r JOIN files f ON f.path = r.path AND "
                    "f.status = 'ok' JOIN files d ON d.path = ? AND d.status = 'duplicate' "
                    "AND d.duplicate_of = r.path AND d.sha256 = f.sha256 WHERE r.path = ? "
                    "ORDER BY r.id", (heir, path))]
                if not ids:
                    continue
                self._pass_reports(path, heir, ids)
                conn.execute("UPDATE files SET status = 'duplicate', duplicate_of = ?, "
                             "parts = NULL, reason = NULL, message = NULL WHERE path = ?",
                             (heir, path))
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc

    def _delete_part(self, path: str, part: int, sha: str | None) -> dict[int | None, int]:
        """Remove part ``part`` of the compilation stored for ``path`` (its other parts stay:
        ``write_report`` of each part in turn keeps them all); the whole path's reports when
        they are not parts of the same file content (``sha``). Returns part → id gone."""
        stored = self._conn.execute("SELECT id, sha256, part FROM reports WHERE path = ?",
                                    (path,)).fetchall()
        if not stored or any(p is None or s != sha for _, s, p in stored):
            return self._delete_path(path, new_sha=sha)
        gone = {p: rid for rid, _, p in stored if p == part}
        for rid in gone.values():
            for table in _STORED_CHILDREN:
                self._conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (rid,))
            self._conn.execute("DELETE FROM reports WHERE id = ?", (rid,))
        return gone

    def _resource(self, rid: int, old: str, new: str) -> None:
        """A report passed from file ``old`` to ``new``: its ``source`` names ``new`` now."""
        conn = self._conn
        source, blob = conn.execute("SELECT source, report_json FROM reports WHERE id = ?",
                                    (rid,)).fetchone()
        d = json.loads(report_json_text(blob))
        if d.get("metadata", {}).get("source") == old:
            d["metadata"]["source"] = new
            blob = _compress_json(json.dumps(d, ensure_ascii=False))
        conn.execute("UPDATE reports SET source = ?, report_json = ? WHERE id = ?",
                     (new if source == old else source, blob, rid))

    def _insert(self, path: str, report: Report | PreparedReport | PreparedParts,
                tagged: Sequence[Any], sha: str | None, size: int | None,
                model_id: str | None, words: Sequence[str] | None, rows: _ChildRows) -> int:
        """Insert the ``reports`` row(s) now (the ids are needed); queue the child rows in
        ``rows``. A :class:`PreparedParts` gives a row per part, all in this transaction.
        Returns the (first) report's id."""
        conn = self._conn
        if path in rows.paths:  # the same path twice in one transaction: the last one wins
            rows.flush(conn)
        rows.paths.add(path)
        # a re-tagged (or rewritten) file keeps its report ids (by part), so that exports
        # made before and after join: reports.id is the key of every child table and CSV
        part = report.metadata.part if isinstance(report, Report) else None
        freed = (self._delete_part(path, part, sha) if part is not None
                 else self._delete_path(path, new_sha=sha))
        parts = reason = message = None
        if part is not None:  # one part of a compilation (汇编), written on its own
            items = ((part, prepare_report(report, tagged, words)),)
            parts = report.metadata.parts
        elif isinstance(report, PreparedParts):
            items: Sequence[tuple[int | None, PreparedReport]] = report.reports
            parts = report.parts
            if report.failed:
                reason, message = PART_FAILED, parts_message(report.failed, parts)
        elif isinstance(report, PreparedReport):
            items = ((None, report),)
        else:
            items = ((None, prepare_report(report, tagged, words)),)
        first = None
        if len(items) > 1:  # the ids kept first: a new one (the highest + 1) may be a freed one
            items = sorted(items, key=lambda item: item[0] not in freed)
        for number, prep in items:
            cur = conn.execute(_INSERT_REPORT, (freed.get(number), path, sha, *prep.head,
                                                model_id, prep.words, prep.report_json,
                                                prep.fingerprint, number))
            rid = int(cur.lastrowid)
            first = rid if first is None or number == 1 else first
            key = (rid,)  # (rid, *row) for every child row, built in C: the serial part
            for name in ("sections", "statements", "tables", "checks", "problems"):
                part = getattr(prep, name)
                getattr(rows, name).extend(map(tuple.__add__, repeat(key, len(part)), part))
        rows.files.append((path, sha, size, model_id, _now(), parts, reason, message))
        return first if first is not None else 0

    def record_failure(self, path: str, reason: str, message: str, *,
                       sha256: str | None = None, size: int | None = None,
                       model_id: str | None = None) -> None:
        """Record that ``path`` failed (it is retried on the next run)."""
        self.record_failures([(path, reason, message, sha256, size, model_id)])

    def record_failures(self, items: Iterable[tuple[Any, ...]]) -> None:
        """Record several failures ``(path, reason, message, sha256, size, model_id)`` at once.

        A failed file loses any report stored for it earlier (the file changed and no
        longer parses: keeping the old report would mislead).
        """
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            for path, reason, message, sha, size, model_id in items:
                self._delete_path(str(path))
                conn.execute(
                    "INSERT OR REPLACE INTO files (path, sha256, size, status, reason, message, "
                    "model_id, tagged_at) VALUES (?,?,?,'failed',?,?,?,?)",
                    (str(path), sha, size, reason, message, model_id, _now()))
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc
        finally:
            self._failure_writes += 1

    def forget_vanished_failures(self, exists: Callable[[str], bool] = os.path.exists) -> int:
        """Drop failure records of files that no longer exist; return how many.

        A failure is kept so the file is retried; once the file is gone there is nothing to
        retry, and keeping it would list a defect of a file that is not in the corpus.
        ``exists`` tells (``tag`` gives one that also looks inside a zip for a member path).
        """
        rows = self._conn.execute("SELECT path FROM files WHERE status IN ('failed', 'linked')"
                                  ).fetchall()
        gone = [(p,) for (p,) in rows if not exists(p)]
        if gone:
            self._conn.executemany("DELETE FROM files WHERE path = ? AND status IN "
                                   "('failed', 'linked')", gone)
        return len(gone)

    def paths_under(self, prefix: str) -> list[str]:
        """The paths of ``files`` that start with ``prefix`` (the members of a zip: its path
        and ``/``), by the primary key's index."""
        return [p for (p,) in self._conn.execute(
            "SELECT path FROM files WHERE path >= ? AND path < ?",
            (prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)))]

    def forget(self, paths: Iterable[str]) -> None:
        """Drop every row of ``paths`` — report(s) and ``files`` row — in one transaction (a
        member gone from its zip). A report that byte-identical copies share passes to one
        of them, as when its file fails."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            for path in paths:
                self._delete_path(str(path))
                conn.execute("DELETE FROM files WHERE path = ?", (str(path),))
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc

    def link_candidates(self) -> list[tuple[str, str, str, str | None]]:
        """``(path, status, message, linked_to)`` of every page refused as holding no report
        (``not_a_report``) whose message names a saved linked file, failed or ``linked``:
        what :meth:`set_linked` may settle."""
        return [tuple(r) for r in self._conn.execute(
            "SELECT path, status, message, linked_to FROM files WHERE reason = 'not_a_report' "
            "AND status IN ('failed', 'linked') AND message LIKE '%the linked file %' "
            "ORDER BY path")]

    def set_linked(self, items: Sequence[tuple[str, str | None]]) -> None:
        """Settle pages that only link their report: ``(path, linked_to)`` each, ``linked_to``
        the stored path of the linked file's report (status ``linked``), or None when it is
        not stored (back to ``failed``). Reason and message are kept."""
        if not items:
            return
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "UPDATE files SET status = CASE WHEN ?1 IS NULL THEN 'failed' ELSE 'linked' "
                "END, linked_to = ?1 WHERE path = ?2 AND status IN ('failed', 'linked')",
                [(to, str(path)) for path, to in items])
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc
        finally:
            self._failure_writes += 1  # (a linked page back to failed)

    # --- reading -------------------------------------------------------------------------

    def count(self, table: str = "reports") -> int:
        """Number of rows in one store table."""
        if table not in TABLES:
            raise StoreError(f"no table {table!r} in the store (tables: {', '.join(TABLES)})")
        return int(self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def query_in(self, sql: str, ids: Sequence[Any], size: int = 900) -> Any:
        """:meth:`query` of ``sql`` whose ``{ids}`` stands for ``?`` marks of ``ids``, run
        in chunks of ``size`` (SQLite's limit on host parameters) and concatenated in chunk
        order: one DataFrame, with the columns of ``sql`` when ``ids`` is empty."""
        import pandas as pd

        ids = list(ids)
        parts = [self.query(sql.format(ids=",".join("?" * len(chunk))), chunk)
                 for chunk in (ids[i:i + size] for i in range(0, len(ids), size))]
        if not parts:
            return self.query(sql.format(ids="NULL"))
        return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)

    def query(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run a read query and return a pandas DataFrame (NULL → None / NaN)."""
        import pandas as pd

        try:
            cur = self._conn.execute(sql, tuple(params))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot read the store ({exc}); a store made by "
                             "another version of nlp_reports may need re-tagging") from exc
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        if not rows:
            return pd.DataFrame({n: [] for n in names})
        data = {}
        for n, values in zip(names, zip(*rows, strict=True), strict=True):
            col = _column(values)
            # keep text as plain object columns: faster to build and to index than Arrow
            data[n] = pd.Series(col, dtype=object) if col.dtype == object else col
        return pd.DataFrame(data)

    def table(self, name: str) -> Any:
        """One whole store table as a DataFrame (``files``, ``reports``, ``statements`` …)."""
        if name not in TABLES:
            raise StoreError(f"no table {name!r} in the store (tables: {', '.join(TABLES)})")
        return self.query(f"SELECT * FROM {name}")

    def reports(self, *, with_json: bool = False) -> Any:
        """One row per stored report: id, path and metadata columns (DataFrame); with
        ``with_json``, ``report_json`` is the full ``Report.to_dict()`` JSON text.

        After ``region`` come three columns computed on reading, not stored, so a notebook
        can see and filter the groups ``summarize(by=[…])`` forms from them: ``province``
        and ``prefecture`` (省级, 地级: read from the region's name, else the agency's,
        :func:`~nlp_reports.corpus.summarize.place_levels`) and ``tier`` (行政层级: a
        department at its government's tier, :func:`~nlp_reports.corpus.summarize.add_tiers`);
        missing where not known, as any text column (a summary's group says "(unknown)")."""
        from nlp_reports.corpus.summarize import add_place_levels, add_tiers

        df = self.query("SELECT * FROM reports ORDER BY id")
        if with_json:
            df["report_json"] = [self._full_json(int(rid), blob)
                                 for rid, blob in zip(df["id"], df["report_json"], strict=True)]
        drop = ["words"] + ([] if with_json else ["report_json"])
        df = _year_int64(df.drop(columns=drop))
        if {"level", "region", "agency"} <= set(df.columns):
            derived = add_place_levels(df[[c for c in ("region", "agency", "year")
                                           if c in df.columns]].copy())
            at = df.columns.get_loc("region") + 1
            df.insert(at, "tier", add_tiers(df))
            df.insert(at, "prefecture", derived["prefecture"].to_numpy())
            df.insert(at, "province", derived["province"].to_numpy())
        return df

    def statements(self) -> Any:
        """Every tagged statement with its report's agency and year (DataFrame): report_id,
        idx, text, block, marker, kind, kind_score, model_kind, layout_disagrees, theme_mask;
        ``themes`` and ``kind_scores``/``theme_scores`` are JSON text (``json.loads``), the
        themes also 0/1 columns ``theme_<id>`` (docs/store-schema.md)."""
        return _year_int64(self.query(
            "SELECT s.*, r.agency, r.year FROM statements s JOIN reports r ON r.id = s.report_id "
            "ORDER BY s.report_id, s.idx"))

    def sections(self) -> Any:
        """Every section: report_id, position, number, title, text (DataFrame)."""
        return self.query("SELECT * FROM sections ORDER BY report_id, position")

    def table_cells(self) -> Any:
        """Every table cell: report_id, table_id, row, column, value (NaN = blank), raw."""
        return self.query("SELECT * FROM table_cells ORDER BY report_id")

    def checks(self) -> Any:
        """Every identity / consistency check outcome (DataFrame)."""
        return self.query("SELECT * FROM checks ORDER BY report_id")

    def failed_checks(self) -> Any:
        """The checks whose outcome is ``fail``, in report order (DataFrame, the columns of
        :meth:`checks`). Only the reports whose checks name a failure are expanded (fast:
        the summary and the audit read these)."""
        compact = self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                     "name = 'report_checks'").fetchone()
        if not compact:  # a store of schema 1 or 2, read as it is
            return self.query("SELECT * FROM checks WHERE outcome = 'fail' ORDER BY report_id")
        return self.query(
            "SELECT k.report_id AS report_id, json_extract(c.value, '$[0]') AS id, "
            "json_extract(c.value, '$[1]') AS outcome, json_extract(c.value, '$[2]') AS "
            "table_id, json_extract(c.value, '$[3]') AS \"row\", json_extract(c.value, '$[4]') "
            "AS \"column\", CAST(json_extract(c.value, '$[5]') AS REAL) AS expected, "
            "CAST(json_extract(c.value, '$[6]') AS REAL) AS found, "
            "json_extract(c.value, '$[7]') AS message "
            "FROM report_checks k, json_each(k.checks) c WHERE instr(k.checks, '\"fail\"') "
            "AND json_extract(c.value, '$[1]') = 'fail' ORDER BY k.report_id")

    def unreadable_tables(self) -> Any:
        """The tables read only in part (status not ``ok``, e.g. ``unreadable``), one row
        each in report order: report_id, table_id and ``first`` (1 when it is its report's
        first table of that id, the one the figures and checks read; DataFrame). One pass
        over ``report_tables`` for what the summary asked three (111 MB each on 20,000
        reports): only the few such rows look up their report's other tables."""
        compact = self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                     "name = 'report_tables'").fetchone()
        if not compact:  # a store of schema 1 or 2: table_cells is a table, a table id once
            return self.query("SELECT DISTINCT report_id, table_id, 1 AS first FROM "
                              "table_cells WHERE table_status IS NOT 'ok' ORDER BY report_id")
        return self.query(
            "SELECT report_id, table_id, rowid = (SELECT min(rowid) FROM report_tables f "
            "WHERE f.report_id = t.report_id AND f.table_id = t.table_id) AS first "
            "FROM report_tables t WHERE status IS NOT 'ok' ORDER BY report_id, rowid")

    def problems(self) -> Any:
        """Every non-fatal parser problem (DataFrame)."""
        return self.query("SELECT * FROM problems ORDER BY report_id")

    def files(self) -> Any:
        """Every input file seen, ok or failed (DataFrame)."""
        return self.query("SELECT * FROM files ORDER BY path")

    def failures(self) -> Any:
        """Files that failed: path, sha256, size, reason, message, tagged_at (DataFrame);
        and the compilations stored with some parts that failed (reason ``part_failed``,
        the message naming each part and why)."""
        return self.query(
            "SELECT path, sha256, size, reason, message, model_id, tagged_at FROM files "
            f"WHERE status = 'failed' OR reason = '{PART_FAILED}' ORDER BY path")

    def report_parts(self) -> dict[int, int]:
        """report id → its part of the compilation its file holds, for the reports that
        are parts (none in a store of schema 4 or older): shown ``path#part``."""
        if not self._has_parts():
            return {}
        return dict(self._conn.execute("SELECT id, part FROM reports WHERE part IS NOT NULL"))

    def duplicates(self) -> Any:
        """Files recorded as duplicates (重复文件) and the report each is counted as:
        ``path``, ``duplicate_of`` (the file holding the report), that report's
        ``report_id``, ``agency`` and ``year``, the duplicate's ``sha256`` and ``size``
        (DataFrame; by holder, then path). Byte-identical copies and the same report in other
        bytes alike: what ``tag``'s "N duplicates of stored reports" were, without SQL. One row
        per duplicate: the copy of a compilation (汇编) names its first report."""
        first = " AND (r.part IS NULL OR r.part = 1)" if self._has_parts() else ""
        return self.query(
            "SELECT f.path, f.duplicate_of, r.id AS report_id, r.agency, r.year, f.sha256, "
            f"f.size FROM files f LEFT JOIN reports r ON r.path = f.duplicate_of{first} "
            "WHERE f.status = 'duplicate' ORDER BY f.duplicate_of, f.path")

    def iter_reports(self) -> Iterator[tuple[Report, list[StoredStatement]]]:
        """Yield ``(Report, tagged statements)`` per stored report, in id order.

        The Report is rebuilt from its stored JSON (without the full text); statements are
        :class:`StoredStatement`, shaped like the tagger's output.
        """
        conn = self._conn
        for rid, blob in conn.execute("SELECT id, report_json FROM reports ORDER BY id"):
            report = Report.from_dict(self._full_dict(rid, json.loads(report_json_text(blob))))
            yield report, self._stored_statements(rid)

    def iter_report_dicts(self) -> Iterator[dict[str, Any]]:
        """Yield each report's JSON dict with its file info and tagged statements added."""
        conn = self._conn
        part = "r.part" if self._has_parts() else "NULL"  # (a store of schema 4 or older)
        rows = conn.execute(
            f"SELECT r.id, r.path, {part}, r.sha256, r.model_id, r.report_json, f.tagged_at "
            "FROM reports r LEFT JOIN files f ON f.path = r.path ORDER BY r.id")
        for rid, path, number, sha, model_id, blob, tagged_at in rows:
            d = self._full_dict(rid, json.loads(report_json_text(blob)))
            d["store"] = {"report_id": rid, "path": path, "part": number, "sha256": sha,
                          "model_id": model_id, "tagged_at": tagged_at}
            d["tagged_statements"] = [s.to_dict() for s in self._stored_statements(rid)]
            yield d

    def _has_parts(self) -> bool:
        """Whether ``reports`` has its ``part`` column (schema 5; a store of an older schema
        opened to read has none: every report is its file's)."""
        return any(r[1] == "part" for r in self._conn.execute("PRAGMA table_info(reports)"))

    def _full_json(self, rid: int, blob: str | bytes) -> str:
        """The full ``Report.to_dict()`` JSON text of report ``rid`` (``report_json`` as it
        is when it holds everything: schemas 1–3)."""
        text = report_json_text(blob)
        d = json.loads(text)
        if all(k in d for k in CHILD_KEYS):
            return text
        return _REPORT_JSON(self._full_dict(rid, d))

    def _full_dict(self, rid: int, d: dict[str, Any]) -> dict[str, Any]:
        """``Report.to_dict()`` of report ``rid`` from its stored ``report_json`` dict ``d``:
        the parts it lacks (schema 4: :data:`CHILD_KEYS`) come from the child rows, in
        ``to_dict()``'s key order. A dict with every part (schemas 1–3) is returned as is."""
        if all(k in d for k in CHILD_KEYS):
            return d
        out: dict[str, Any] = {}
        for key in REPORT_KEYS:
            if key in d:
                out[key] = d[key]
            elif key == "sections":
                out[key] = self._section_dicts(rid)
            elif key == "tables":
                out[key] = self._table_dicts(rid)
            elif key == "checks":
                out[key] = self._check_dicts(rid)
        for key, value in d.items():  # keys to_dict() does not know (none today)
            out.setdefault(key, value)
        return out

    def _section_dicts(self, rid: int) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT number, title, text FROM sections WHERE report_id = ? ORDER BY position",
            (rid,)).fetchall()
        return [dict(zip(_SECTION_KEYS, r, strict=True)) for r in rows]

    def _table_dicts(self, rid: int) -> dict[str, dict[str, Any]]:
        rows = self._conn.execute(
            'SELECT table_id, status, "rows", "columns", "values", raw, title, row_labels, '
            "column_labels, problem FROM report_tables WHERE report_id = ? ORDER BY rowid",
            (rid,)).fetchall()
        loads = json.loads
        out: dict[str, dict[str, Any]] = {}
        for tid, status, rws, cols, values, raw, title, row_labels, col_labels, problem in rows:
            parts = {"title": title, "rows": loads(rws), "row_labels": loads(row_labels),
                     "columns": loads(cols), "column_labels": loads(col_labels),
                     "values": loads(values), "raw": loads(raw), "status": status,
                     "problem": problem}
            out[tid] = {k: parts[k] for k in _TABLE_KEYS}
        return out

    def _check_dicts(self, rid: int) -> list[dict[str, Any]]:
        row = self._conn.execute("SELECT checks FROM report_checks WHERE report_id = ?",
                                 (rid,)).fetchone()
        if row is None:
            return []
        # (an array written before report schema 1.6 has no zero_read: none was read as 0)
        return [dict(zip(_CHECK_KEYS, c if len(c) == len(_CHECK_KEYS) else [*c, []],
                         strict=True)) for c in json.loads(row[0])]

    def _stored_statements(self, rid: int) -> list[StoredStatement]:
        rows = self._conn.execute(
            "SELECT idx, text, block, marker, kind, kind_score, themes, theme_scores, "
            "kind_scores, model_kind, layout_disagrees FROM statements WHERE report_id = ? "
            "ORDER BY idx", (rid,)).fetchall()
        return [StoredStatement(index=i, text=t, block=b, marker=m, kind=k, kind_score=ks,
                                themes=tuple(json.loads(th)),
                                theme_scores=json.loads(ts) if ts else {},
                                kind_scores=json.loads(kss) if kss else {},
                                model_kind=mk, layout_disagrees=bool(ld))
                for i, t, b, m, k, ks, th, ts, kss, mk, ld in rows]


_MODEL_VALUES = ", ".join("?" * (len(MODEL_COLUMNS) + 2))
_PROVENANCE_RANK = "CASE {}.provenance WHEN 'card' THEN 2 WHEN 'shipped card' THEN 1 ELSE 0 END"
#: A row's card columns are replaced by a better-sourced record's (card > shipped card >
#: unknown), never by a worse one's.
_MODEL_CARD_SET = ", ".join(
    f"{c} = CASE WHEN {_PROVENANCE_RANK.format('excluded')} > "
    f"{_PROVENANCE_RANK.format('models')} THEN excluded.{c} ELSE models.{c} END"
    for c in MODEL_COLUMNS[1:])
#: :meth:`Store._record_models`: insert a model's row, or mark it used now (and give a row
#: not read from a card the card's columns when the card is known now).
_UPSERT_MODEL = (f"INSERT INTO models ({', '.join(MODEL_COLUMNS)}, first_used, last_used) "
                 f"VALUES ({_MODEL_VALUES}) ON CONFLICT (model_id) DO UPDATE SET "
                 f"last_used = excluded.last_used, {_MODEL_CARD_SET}")
#: The same for a stored row only: its card's columns, ``first_used``/``last_used`` kept.
_UPSERT_MODEL_CARD = (f"INSERT INTO models ({', '.join(MODEL_COLUMNS)}, first_used, last_used) "
                      f"VALUES ({_MODEL_VALUES}) ON CONFLICT (model_id) DO UPDATE SET "
                      f"{_MODEL_CARD_SET}")


def _inferred_models(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The ``models`` rows of a store that kept none (schema 5 or older): one per model id
    its reports carry, from the installed shipped model's card when the id is its SHA-256,
    else ``unknown`` (:func:`model_record`); first and last used: the earliest and latest
    ``files.tagged_at`` of its reports."""
    rows = conn.execute(
        "SELECT r.model_id, MIN(f.tagged_at), MAX(f.tagged_at) FROM reports r LEFT JOIN "
        "files f ON f.path = r.path WHERE r.model_id IS NOT NULL GROUP BY r.model_id "
        "ORDER BY MIN(f.tagged_at), r.model_id").fetchall()
    shipped = shipped_model_record() if rows else None
    out = []
    for model_id, first, last in rows:
        if shipped is not None and shipped["model_id"] == model_id:
            record = dict(shipped)
        else:
            record = model_record(model_id, None)
        out.append({**record, "first_used": first, "last_used": last})
    return out


def _year_int64(df: Any) -> Any:
    """``df`` with ``year`` as pandas' nullable ``Int64``, as in the summary's tables: read
    as float when some report has no year, it would show 2023.0 and NaN."""
    if "year" in df.columns and df["year"].dtype.kind in "fi":
        df["year"] = df["year"].astype("Int64")
    return df


def _column(values: tuple[Any, ...]) -> Any:
    """A column of query results as a numpy array (NULL → NaN for numbers, None for text)."""
    import numpy as np

    kinds = set(map(type, values))
    kinds.discard(type(None))
    if kinds and kinds <= {int, float}:
        if len(kinds) == 1 and int in kinds and None not in values:
            return np.array(values, dtype=np.int64)
        return np.array(values, dtype=np.float64)  # None → nan
    return np.array(values, dtype=object)


def open_store(db: str | os.PathLike[str] | Store, *, readonly: bool = False) -> tuple[Store, bool]:
    """``(store, owned)``: open ``db`` unless it already is a Store (then owned is False)."""
    if isinstance(db, Store):
        return db, False
    return Store(db, readonly=readonly), True
