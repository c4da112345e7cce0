"""Exports of the store (导出): JSONL of whole reports, CSV or Parquet per store table.

JSONL keeps one report per line in the report JSON form (``docs/schema.md``) with its
tagged statements and where it came from, for tools that want documents. CSV and Parquet
write one file per store table (``docs/store-schema.md``), for tools that want tables.
CSV files are UTF-8 with a byte-order mark (``utf-8-sig``), like every CSV the package
writes, so that Excel opens the Chinese text as UTF-8 instead of the local code page.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from nlp_reports.corpus.store import TABLES, Store, open_store
from nlp_reports.errors import MissingDependencyError, StoreError

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


def export(db: str | os.PathLike[str] | Store, out: str | os.PathLike[str], *,
           format: str = "jsonl", table: str | None = None) -> list[Path]:
    """Export the store ``db`` to ``out``; return the files written.

    ``jsonl``: ``out`` is a file, one report per line (``table`` must be None or
    "reports"). ``csv`` / ``parquet``: ``out`` is a folder receiving ``<table>.csv`` /
    ``<table>.parquet`` for every store table, or only ``table``.
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if table is not None and table not in TABLES:
        raise StoreError(f"no table {table!r} in the store (tables: {', '.join(TABLES)})")
    store, owned = open_store(db, readonly=not isinstance(db, Store))
    try:
        if format == "jsonl":
            if table not in (None, "reports"):
                raise StoreError("JSONL exports whole reports; use --format csv or parquet "
                                 f"for the table {table!r}")
            return [_jsonl(store, Path(out))]
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        tables = [table] if table else list(TABLES)
        if format == "csv":
            return [_csv(store, name, folder) for name in tables]
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise MissingDependencyError("pyarrow", "parquet", "Exporting to Parquet") from exc
        return [_parquet(store, name, folder) for name in tables]
    finally:
        if owned:
            store.close()


def _jsonl(store: Store, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for d in store.iter_report_dicts():
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path


def _frame(store: Store, name: str):
    df = store.table(name)
    if name == "reports":
        df = df.drop(columns=["report_json"])
    return df


def _csv(store: Store, name: str, folder: Path) -> Path:
    path = folder / f"{name}.csv"
    spreadsheet_safe(_frame(store, name)).to_csv(path, index=False, encoding="utf-8-sig")
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
    for col in df.columns:
        if col in PARQUET_JSON_COLUMNS:
            values = [None if v is None else json.loads(v) for v in df[col]]
            if any(isinstance(v, dict) for v in values):  # score maps
                decoded[col] = pa.array([None if v is None else list(v.items()) for v in values],
                                        type=pa.map_(pa.string(), pa.float64()))
            else:
                decoded[col] = pa.array(values)
        elif col in PARQUET_BOOL_COLUMNS:
            df[col] = df[col].astype("boolean")
    table = pa.Table.from_pandas(df.drop(columns=list(decoded)), preserve_index=False)
    for col, arr in decoded.items():
        table = table.append_column(col, arr)
    pq.write_table(table.select(list(df.columns)), path)
    return path
