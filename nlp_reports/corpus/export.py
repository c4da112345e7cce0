"""Exports of the store (导出): JSONL of whole reports, CSV, Parquet or Stata per store table.

JSONL keeps one report per line in the report JSON form (``docs/schema.md``) with its
tagged statements and where it came from, for tools that want documents. CSV and Parquet
write one file per store table (``docs/store-schema.md``), for tools that want tables.
``table="panel"`` writes the agency × year panel (:func:`~nlp_reports.corpus.panel.panel`,
docs/summary.md) instead, in any of the three formats, for command-line users.
CSV files are UTF-8 with a byte-order mark (``utf-8-sig``), like every CSV the package
writes, so that Excel opens the Chinese text as UTF-8 instead of the local code page.
Stata files (``.dta``, format 118: Stata 14 and later, Unicode) are written by pandas, so
that a Stata user needs no import options (encoding, text over several lines, types).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from nlp_reports._replace import replaced
from nlp_reports.corpus.store import TABLES, Store, open_store
from nlp_reports.errors import MissingDependencyError, UsageError

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "dta")

#: The ``table`` that is no store table but the agency × year panel built from them.
PANEL = "panel"
#: The store's ``models`` table (:meth:`~nlp_reports.corpus.store.Store.models`): one row per
#: model whose tags the store holds or held, joined to ``reports`` (and JSONL's
#: ``store.model_id``) by ``model_id``, so that an export says which model produced the tags.
MODELS = "models"
#: The tables a csv, parquet or dta export writes by default: the store tables and ``models``.
EXPORT_TABLES: tuple[str, ...] = (*TABLES, MODELS)


def export(db: str | os.PathLike[str] | Store, out: str | os.PathLike[str], *,
           format: str = "jsonl", table: str | None = None, agency_map: Any = None,
           dedupe: bool = True, codebook: bool = False, balanced: bool = False) -> list[Path]:
    """Export the store ``db`` to ``out``; return the files written.

    ``jsonl``: ``out`` is a file, one report per line, or a folder (an existing one, or a
    path ending with a separator) receiving ``reports.jsonl``; ``table`` must be None
    (UsageError otherwise, as for a table the store does not have). ``csv`` / ``parquet``
    / ``dta``: ``out`` is a folder receiving ``<table>.csv`` / ``.parquet`` / ``.dta`` for
    every store table and ``models`` (the models that tagged the reports, by ``model_id``:
    :meth:`~nlp_reports.corpus.store.Store.models`, with its ``reports`` count), or only
    ``table``;
    ``table_cells`` and ``checks`` get the printed label of each row and column id
    (``row_label``, ``column_label``) beside it.

    ``table="panel"``: the agency × year panel (:func:`~nlp_reports.corpus.panel.panel`
    with ``agency_map``, ``dedupe`` and ``balanced``), one row per (agency, year):
    ``panel.jsonl`` (one row a line; ``out`` a file or a folder, as above), ``panel.csv``,
    ``.parquet`` or ``.dta`` in the folder ``out``. ``agency_map``, ``dedupe=False`` or
    ``balanced`` with another table is a UsageError (they shape the panel only).

    ``codebook``: also write ``codebook.csv`` into the folder (:mod:`~nlp_reports.corpus.
    codebook`: type, unit, meaning in English and Chinese, what a blank means) for the
    tables written; CSV, Parquet and dta only. Opt-in, so that a script reading every
    ``*.csv`` of an export as a table is not handed a file that is none.
    """
    if format not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if codebook and format == "jsonl":
        raise UsageError("a codebook is written beside the tables of a csv, parquet or dta "
                         "export, not beside JSONL (nlp-reports codebook prints it)")
    if codebook:
        tables = [table] if table else list(EXPORT_TABLES)
        written = export(db, out, format=format, table=table, agency_map=agency_map,
                         dedupe=dedupe, balanced=balanced)
        return [*written, write_codebook(Path(out), tables)]
    if table == PANEL:
        return _panel(db, out, format, agency_map=agency_map, dedupe=dedupe, balanced=balanced)
    if agency_map is not None or not dedupe or balanced:
        raise UsageError("an agency map, no-dedupe and balanced shape the agency × year panel only: "
                         "give table 'panel' (--table panel)")
    if table is not None and table not in EXPORT_TABLES:
        raise UsageError(f"no table {table!r} in the store (tables: "
                         f"{', '.join(EXPORT_TABLES)}; or {PANEL}: the agency × year panel)")
    if format == "jsonl" and table is not None:  # (before the store is opened)
        raise UsageError("JSONL exports whole reports, one a line (with their tables, checks "
                         f"and tagged statements), not a store table; for the table {table!r} "
                         "use --format csv, parquet or dta")
    store, owned = open_store(db, readonly=not isinstance(db, Store))
    try:
        if format == "jsonl":
            return [_jsonl(store, jsonl_path(out))]
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        tables = [table] if table else list(EXPORT_TABLES)
        if format == "csv":
            return [_csv(store, name, folder) for name in tables]
        if format == "dta":
            return [write_dta(_frame(store, name), folder / f"{name}.dta", table=name)
                    for name in tables]
        _need_pyarrow()
        return [_parquet(store, name, folder) for name in tables]
    finally:
        if owned:
            store.close()


#: The file a JSONL export writes into a folder, as CSV and Parquet write ``<table>.csv``.
JSONL_NAME = "reports.jsonl"


def _panel(db: str | os.PathLike[str] | Store, out: str | os.PathLike[str], format: str, *,
           agency_map: Any, dedupe: bool, balanced: bool = False) -> list[Path]:
    """The agency × year panel written as ``format`` (see :func:`export`). The map is read
    and pyarrow looked for before the store is opened: a bad map writes nothing."""
    from nlp_reports.corpus.panel import panel
    from nlp_reports.corpus.summarize import agency_map_arg

    mapping = agency_map_arg(agency_map)
    if format == "parquet":
        _need_pyarrow()
    df = panel(db, agency_map=mapping, dedupe=dedupe, balanced=balanced)
    if format == "jsonl":
        path = jsonl_path(out, name=f"{PANEL}.jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        with replaced(path) as tmp:
            df.to_json(tmp, orient="records", lines=True, force_ascii=False)
        return [path]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{PANEL}.{format}"
    if format == "csv":
        with replaced(path) as tmp:
            spreadsheet_safe(df).to_csv(tmp, index=False, encoding="utf-8-sig")
    elif format == "dta":
        write_dta(df, path, table=PANEL)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=False)
        with replaced(path) as tmp:
            pq.write_table(_without_null_types(table, PANEL), tmp)
    return [path]


def write_codebook(folder: Path, tables: list[str]) -> Path:
    """``folder/codebook.csv``: the codebook's rows of ``tables`` (UTF-8 with BOM)."""
    from nlp_reports.corpus.codebook import to_csv

    path = folder / "codebook.csv"
    with replaced(path) as tmp:
        tmp.write_text(to_csv(tables), encoding="utf-8-sig")
    return path


def write_dta(df, path: Path, table: str | None = None) -> Path:
    """``df`` as a Stata file (format 118: Unicode, Stata 14+). Stata has no missing text,
    so a missing text cell is written "" (a missing number stays ``.``, as in the CSV);
    text longer than Stata's str2045 becomes strL; flags (booleans) are 0/1. The column
    names of the store's tables and of the panel are Stata names already (letters, digits,
    _; at most 32). ``table``: the codebook's table whose labels become the variable labels."""
    from pandas.api.types import is_string_dtype

    from nlp_reports.corpus.codebook import labels

    df = flags_as_01(df)
    for col in df.columns:
        if table and df[col].isna().all() and _codebook_type(table, col) in _NUMERIC_TYPES:
            df[col] = df[col].astype("float64")  # no row fills it: still a number, all .
        elif (df[col].dtype == object or is_string_dtype(df[col])
              or table and len(df) == 0):  # a store of no report: text stays str, not double
            df[col] = df[col].map(lambda v: "" if v is None or v != v else str(v)).astype(object)
    long = [c for c in df.columns if df[c].dtype == object
            and max(map(len, map(str.encode, df[c])), default=0) > 2045]
    with replaced(path) as tmp:
        df.to_stata(tmp, write_index=False, version=118, convert_strl=long,
                    variable_labels=labels(table, df.columns) if table else None)
    return path


#: Codebook types written as numbers (Stata double, Parquet double when no row fills them).
_NUMERIC_TYPES: frozenset[str] = frozenset({"integer", "number", "id", "0/1"})


def _codebook_type(table: str, column: str) -> str:
    """The codebook's type of ``column`` of ``table`` ("text" for a column it lacks)."""
    from nlp_reports.corpus.codebook import lookup

    entry = lookup(table, column)
    return entry.type if entry is not None else "text"


def _without_null_types(table, name: str):
    """``table`` (pyarrow) with each column no row fills typed as the codebook says: a
    number double, text string, instead of pyarrow's ``null``. Why: a store of single-file
    reports leaves ``part`` empty, a small one a figure; R's arrow read it as a logical
    column and ``open_dataset`` over two stores' exports failed on it. A table of no row
    (a store of no report, or of failed files only) is typed so too: pandas makes each of
    its columns double, text ones included."""
    import pyarrow as pa

    empty = table.num_rows == 0  # a store of no report: pandas made every column double
    fields = [pa.field(f.name, (pa.float64() if _codebook_type(name, f.name) in _NUMERIC_TYPES
                                else pa.string())
                       if pa.types.is_null(f.type) or empty and pa.types.is_floating(f.type)
                       else f.type)
              for f in table.schema]
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def flags_as_01(df):
    """A copy of ``df`` with its boolean columns as 0/1 integers: one convention for flags in
    every CSV and .dta file, as the store keeps them (``traditional``, ``theme_<id>``); the
    audit's flags and ``cross_year.soft`` are booleans in Python and JSON only."""
    from pandas.api.types import is_bool_dtype

    df = df.copy()
    for col in df.columns:
        if is_bool_dtype(df[col].dtype):
            df[col] = df[col].astype("Int8" if df[col].isna().any() else "int8")
        elif df[col].dtype == object and _all_bool(df[col]):
            df[col] = df[col].map(lambda v: int(v) if isinstance(v, bool) else v)
    return df


def _all_bool(values) -> bool:
    """Whether a column of objects holds booleans (and missing values) only, one at least."""
    seen = False
    for v in values:
        if isinstance(v, bool):
            seen = True
        elif v is not None and v == v:
            return False
    return seen


def _need_pyarrow() -> None:
    """Raise MissingDependencyError unless pyarrow (the ``parquet`` extra) is installed."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError("pyarrow", "parquet", "Exporting to Parquet") from exc


def jsonl_path(out: str | os.PathLike[str], name: str = JSONL_NAME) -> Path:
    """The file a JSONL export to ``out`` writes: ``out`` itself, or ``out/reports.jsonl``
    when ``out`` is an existing folder or ends with a path separator ("exp/"), as the
    CSV and Parquet exports write into a folder (``Path`` drops a trailing slash, so
    "exp/" would otherwise become a file named exp)."""
    text = os.fspath(out)
    seps = (os.sep, os.altsep) if os.altsep else (os.sep,)
    path = Path(text)
    if text.endswith(seps) or path.is_dir():
        return path / name
    return path


def _jsonl(store: Store, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with replaced(path) as tmp, tmp.open("w", encoding="utf-8") as fh:
        for d in store.iter_report_dicts():
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path


def _frame(store: Store, name: str):
    if name == MODELS:
        return store.models()
    df = store.table(name)
    if name == "reports":
        df = df.drop(columns=["report_json"])
    elif name in LABELLED_TABLES:
        df = _with_labels(df)
    return df


#: Exported tables that get the printed (Chinese) label of each row and column id beside it.
LABELLED_TABLES: frozenset[str] = frozenset({"table_cells", "checks"})


def id_labels() -> dict[tuple[str, str], str]:
    """(table id, row or column id) → the label the national form prints (行/列名称), from
    ``nlp_reports/parse/layout.py``: 表三's rows of both formats and its columns (小计 too),
    表四's 15 columns and its three groups (the column of an I4 check), 表二's rows and
    columns (the 2021 label where the 2019 format words one differently)."""
    from nlp_reports.parse import layout as lo

    out: dict[tuple[str, str], str] = {}

    def add(tid: str, pairs) -> None:
        for key, label in pairs:
            out.setdefault((tid, key), label)

    add("table3", (*lo.TABLE3_ROWS, *lo.TABLE3_ROWS_2019, *lo.TABLE3_COLUMNS,
                   lo.TABLE3_SUBTOTAL_COLUMN))
    add("table4", (*lo.TABLE4_ROWS, *lo.TABLE4_COLUMNS, *lo.TABLE4_GROUPS))
    for defs in (lo.TABLE2_2021, lo.TABLE2_2019):
        for tid, (_, rows, cols) in defs.items():
            add(tid, (*rows, *cols))
    return out


def _with_labels(df):
    """``df`` with ``row_label`` after ``row`` and ``column_label`` after ``column`` (None
    where the id is None or not a form's id)."""
    labels = id_labels()
    df = df.copy()
    for col in ("column", "row"):  # (inserting column_label first keeps row's position)
        if col not in df.columns:
            continue
        values = [None if t is None or k is None else labels.get((t, k))
                  for t, k in zip(df["table_id"], df[col], strict=True)]
        df.insert(df.columns.get_loc(col) + 1, f"{col}_label", values)
    return df


def _csv(store: Store, name: str, folder: Path) -> Path:
    path = folder / f"{name}.csv"
    with replaced(path) as tmp:
        spreadsheet_safe(_frame(store, name)).to_csv(tmp, index=False, encoding="utf-8-sig")
    return path


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value):
    if (isinstance(value, str) and len(value) > 1 and value.startswith(_FORMULA_START)
            and not _is_number(value)):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def spreadsheet_safe(df):
    """A copy of ``df`` whose text cells cannot run as spreadsheet formulas (CSV injection).

    Text scraped from the web that starts with ``=``, ``+``, ``-`` or ``@`` (``=HYPERLINK(…)``)
    would run as a formula when a CSV is opened in Excel or LibreOffice; such cells get a
    leading apostrophe. Numbers ("-5", "+1") and a lone "-" (a blank table cell) are kept.
    """
    from pandas.api.types import is_string_dtype

    df = df.copy()
    for col in df.columns:
        if df[col].dtype == object or is_string_dtype(df[col]):
            df[col] = df[col].map(_defuse)
    return df


#: Columns the store keeps as JSON text, written to Parquet as what they hold (a list of
#: theme ids, a map of scores, a list of section numbers), and 0/1 flags written as booleans.
PARQUET_JSON_COLUMNS: frozenset[str] = frozenset({"themes", "kind_scores", "theme_scores",
                                                  "missing_sections"})
PARQUET_BOOL_COLUMNS: frozenset[str] = frozenset({"layout_disagrees", "traditional"})


def _parquet(store: Store, name: str, folder: Path) -> Path:
    """One table as Parquet, with native types: JSON text columns decoded (``themes`` a
    list of strings, ``missing_sections`` a list of numbers, the score maps Parquet maps
    of label → probability), flags as booleans."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / f"{name}.parquet"
    df = _frame(store, name)
    decoded: dict[str, object] = {}
    scores = pa.map_(pa.string(), pa.float64())
    json_types = {"themes": pa.list_(pa.string()), "missing_sections": pa.list_(pa.int64()),
                  "kind_scores": scores, "theme_scores": scores}
    for col in df.columns:
        if col in PARQUET_JSON_COLUMNS:
            values = [None if v is None else json.loads(v) for v in df[col]]
            if json_types[col] == scores:
                values = [None if v is None else list(v.items()) for v in values]
            decoded[col] = pa.array(values, type=json_types[col])
        elif col in PARQUET_BOOL_COLUMNS:
            df[col] = df[col].astype("boolean")
    table = pa.Table.from_pandas(df.drop(columns=list(decoded)), preserve_index=False)
    for col, arr in decoded.items():
        table = table.append_column(col, arr)
    with replaced(path) as tmp:
        pq.write_table(_without_null_types(table.select(list(df.columns)), name), tmp)
    return path
