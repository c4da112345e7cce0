"""A summary table as the UTF-8 text of a JSON array of records (表格的 JSON 编码), fast.

pandas' encoder (``to_json(orient="records")``) pays for every cell: on 20,000 reports
``cross_year`` (148,000 rows × 13 columns) and ``problem_changes`` took most of a second,
and its text was then decoded to a Python string and encoded again to be written. Yet
most cells repeat: a few thousand agencies, a dozen checks and outcomes, a few hundred
figures. :func:`records_json` has pandas encode each column's DISTINCT cells once (so
every cell's text is pandas' own: the document is byte for byte what ``to_json`` writes)
and Arrow lay those texts out row by row, in C, into one UTF-8 buffer.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

#: Below this many rows pandas' encoder is as fast: the work per column is fixed (on 20,000
#: reports: copying's 16,000 rows 0.034 s by pandas, 0.048 s here; problem_changes'
#: 103,000 rows 0.26 s, 0.09 s here)
MIN_ROWS = 20_000
#: The JSON string a column's name is written as, at the start of pandas' records text
_KEY = re.compile(r'\[\{("(?:[^"\\]|\\.)*"):')
_NULLABLE_INTS = frozenset({"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32",
                            "UInt64", "boolean"})


def pandas_kinds(df: Any) -> dict[Any, Any]:
    """The dtypes the columns are given before pandas encodes them: text columns (Arrow
    strings) as Python objects, which its encoder reads without a conversion per cell, and
    a nullable integer column with no gap as numpy ints (the same digits, faster)."""
    text = [c for c in df.columns if str(df[c].dtype) in ("str", "string")]
    whole = [c for c in df.columns if str(df[c].dtype) == "Int64" and not df[c].isna().any()]
    return {**dict.fromkeys(text, object), **dict.fromkeys(whole, np.int64)}


def records_json(df: Any, kinds: dict[Any, Any]) -> memoryview | None:
    """``df.astype(kinds).to_json(orient="records", force_ascii=False,
    double_precision=15)`` as UTF-8 bytes, the same bytes; None when a column is of a kind
    this does not handle (the caller then asks pandas): only numbers, booleans and text,
    and an object column only when every cell is a string, None or NaN (``1`` and ``True``
    are equal keys to a hash table, not the same JSON). None too without pyarrow, which only
    the ``parquet`` extra installs: pandas then encodes the table as before."""
    if len(df) < MIN_ROWS or not df.columns.is_unique or df.shape[1] == 0:
        return None
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return None
    arrays = []
    last = df.shape[1] - 1
    for j in range(df.shape[1]):
        col = df.iloc[:, j]
        codes = _codes(col)
        if codes is None:
            return None
        k = int(codes.max()) + 1
        first = np.empty(k, dtype=np.intp)  # the first row holding each distinct cell
        first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
        sub = col.iloc[first].to_frame(str(df.columns[j]))
        if df.columns[j] in kinds:
            sub = sub.astype({sub.columns[0]: kinds[df.columns[j]]})
        text = sub.to_json(orient="records", force_ascii=False, double_precision=15)
        key = _KEY.match(text)
        if key is None or not text.endswith("}]"):
            return None
        # a cell's text holds no '},{"' outside a string, nor an unescaped '"' inside one
        cells = text[key.end():-2].split("},{" + key.group(1) + ":")
        if len(cells) != k:
            return None
        lead = ("{" if j == 0 else ",") + key.group(1) + ":"
        end = "}," if j == last else ""  # (the last row's comma is cut below)
        arrays.append(pa.array([lead + c + end for c in cells], pa.large_string())
                      .take(pa.array(codes)))
    rows = pc.binary_join_element_wise(*arrays, pa.scalar("", pa.large_string()))
    del arrays
    offsets = rows.buffers()[1]
    start, stop = np.frombuffer(offsets, dtype=np.int64)[[rows.offset, rows.offset + len(rows)]]
    return memoryview(rows.buffers()[2])[int(start):int(stop) - 1]


def _codes(col: Any) -> Any:
    """Each row's distinct-cell number (0, 1, … in order of first appearance), or None.

    Floats are told apart by their bits: 0.0 and -0.0 are equal but written apart."""
    import pandas as pd

    dtype = col.dtype
    if isinstance(dtype, np.dtype):
        if dtype.kind == "f":
            codes = pd.factorize(col.to_numpy().view(f"i{dtype.itemsize}"))[0]
        elif dtype.kind in "iub":
            codes = pd.factorize(col.to_numpy())[0]
        elif dtype.kind == "O" and pd.api.types.infer_dtype(col, skipna=True) == "string":
            values = col.to_numpy()
            gaps = pd.isna(values)  # None and NaN, both null; not pd.NA, NaT …: not known
            if gaps.any() and not {type(v) for v in values[gaps].tolist()} <= {type(None), float}:
                return None
            codes = pd.factorize(values, use_na_sentinel=False)[0]
        else:
            return None
    elif str(dtype) in ("str", "string") or str(dtype) in _NULLABLE_INTS:
        codes = pd.factorize(col, use_na_sentinel=False)[0]
    else:
        return None
    return np.asarray(codes, dtype=np.int64)
