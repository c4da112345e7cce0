"""The summary's ``cross_year`` table, row by row, on a hand-made reports frame: its order
(failures first, then by agency, year, check, row and column as text), the reason of each
``not_assessable`` row, the ``previous_inconsistent`` flags read from the failed checks,
and the column types. The table is built in parts and sorted on a rank of its
comparisons, so a change to how it is assembled must still give these rows."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd

from nlp_reports.corpus.store import CROSS_YEAR_CELLS, X1_COLUMNS

summarize_module = importlib.import_module("nlp_reports.corpus.summarize")


def _report(rid, agency, year, *, layout="2021", carried_in=None, carried_out=None,
            regulations=None, partial=False):
    """One report's row: ``carried_in`` / ``carried_out`` {column: value} of 表三 rows 二
    and 四, ``regulations`` (issued, repealed, in force) of 表二 (一)."""
    row = {"id": rid, "agency": agency, "year": year, "format": layout,
           "table3_partial": partial, **dict.fromkeys(CROSS_YEAR_CELLS, np.nan)}
    for col, v in (carried_in or {}).items():
        row[f"x1_in_{col}"] = float(v)
    for col, v in (carried_out or {}).items():
        row[f"x1_out_{col}"] = float(v)
    if regulations:
        for name, v in zip(("issued", "repealed", "in_force"), regulations, strict=True):
            row[f"x2_regulations_{name}"] = float(v)
    return row


def _zeros(**given):
    return {c: given.get(c, 0) for c in X1_COLUMNS}


def _reports():
    rows = [
        # 溪山县教育局: 2021 carries 2 natural persons and 1 company into 2022; 2022 writes
        # 2 and 0 (commercial fails), its 表二 stock moves 10 + 3 − 1 = 12 but prints 11
        _report(11, "溪山县教育局", 2021, carried_out=_zeros(natural_person=2, commercial=1,
                                                          total=3),
                regulations=(0, 0, 10)),
        _report(12, "溪山县教育局", 2022, carried_in=_zeros(natural_person=2, total=2),
                regulations=(3, 1, 11)),
        # 白石镇人民政府: two reports of 2023 (a filed copy and the page's), one of 2022
        _report(21, "白石镇人民政府", 2022, carried_out=_zeros(research=1, total=1)),
        _report(23, "白石镇人民政府", 2023, carried_in=_zeros(research=1, total=1)),
        _report(22, "白石镇人民政府", 2023, carried_in=_zeros(total=1)),  # research: 0
        # not assessable, each for its own reason
        _report(31, "青云区财政局", 2020, carried_in=_zeros()),              # first stored
        _report(32, "青云区财政局", 2022, carried_in=_zeros(other=4, total=4)),  # 2021 missing
        _report(41, "松林市住建局", 2019, layout="legacy"),
        _report(42, "松林市住建局", 2020, carried_in=_zeros()),              # legacy before
        _report(51, "金湖县卫健委", 2021, partial=True),  # (its 表三 read in part: no figure)
        _report(52, "金湖县卫健委", 2022, carried_in=_zeros()),              # unreadable
        _report(61, "安平街道办事处", 2022),
        _report(62, "安平街道办事处", 2023, carried_in=_zeros(total=0)),     # 四 not stated
    ]
    return pd.DataFrame(rows)


def _checks():
    """The failed checks: 2021's own 表三 fails I1 in 商业企业 and I2 of row 四 over 总计."""
    return pd.DataFrame([
        {"report_id": 11, "id": "I1", "outcome": "fail", "table_id": "table3", "row": None,
         "column": "commercial", "expected": 1.0, "found": 0.0, "message": ""},
        {"report_id": 11, "id": "I2", "outcome": "fail", "table_id": "table3", "row": "4",
         "column": "total", "expected": 3.0, "found": 2.0, "message": ""},
        {"report_id": 21, "id": "I1", "outcome": "fail", "table_id": "table3", "row": None,
         "column": "total", "expected": 1.0, "found": 2.0, "message": ""},
    ])


def test_rows_in_order_failures_first():
    cross = summarize_module.cross_year(_reports(), _checks())
    assessed = cross[cross["outcome"] != "not_assessable"]
    keys = list(zip(assessed["outcome"] == "pass", assessed["agency"], assessed["year"],
                    assessed["check"], assessed["row"], assessed["column"], strict=True))
    assert keys == sorted(keys)
    fails = assessed[assessed["outcome"] == "fail"]
    assert list(zip(fails["agency"], fails["year"], fails["report_id"], fails["check"],
                    fails["row"], fails["column"], strict=True)) == [
        ("溪山县教育局", 2022, 12, "X1", "2", "commercial"),
        ("溪山县教育局", 2022, 12, "X1", "2", "total"),
        ("溪山县教育局", 2022, 12, "X2", "regulations", "in_force"),
        ("白石镇人民政府", 2023, 22, "X1", "2", "research"),  # (溪 before 白: code points)
    ]
    # each X1 column of a pair once, X1 columns as text ("commercial" … "total")
    first = assessed[(assessed["report_id"] == 23) & (assessed["check"] == "X1")]
    assert first["column"].tolist() == sorted(X1_COLUMNS)
    # two reports of one agency and year keep their order (the pairs'), column by column
    white = assessed[(assessed["agency"] == "白石镇人民政府") & (assessed["outcome"] == "pass")]
    by_col = white.groupby("column", sort=False)["report_id"].agg(tuple)
    assert by_col.drop("research").tolist() == [(23, 22)] * (len(X1_COLUMNS) - 1)
    assert by_col["research"] == (23,)  # (22's is a failure, above)


def test_unassessed_reasons():
    cross = summarize_module.cross_year(_reports(), _checks())
    na = cross[cross["outcome"] == "not_assessable"]
    assert dict(zip(na["report_id"], na["reason"], strict=True)) == {
        31: "first_stored_year", 32: "previous_missing", 42: "previous_legacy",
        52: "previous_unreadable", 62: "previous_not_stated"}
    assert na["agency"].tolist() == sorted(na["agency"])
    assert na.set_index("report_id")["prev_report_id"].isna().to_dict() == {
        31: True, 32: True, 42: False, 52: False, 62: False}
    assert na.set_index("report_id").loc[52, "prev_report_id"] == 51
    assert (cross["reason"][cross["outcome"] != "not_assessable"] == "").all()


def test_previous_inconsistent_flags():
    cross = summarize_module.cross_year(_reports(), _checks())
    flags = summarize_module.previous_inconsistent(cross, _checks())
    got = {(r, c): f for r, c, f in zip(cross["report_id"], cross["column"], flags,
                                        strict=True) if f}
    # 商业企业: I1 of 2021 and I2 of its row 四 over 总计 (the applicant columns); 总计 of
    # 2021 is in I2 only: not flagged; 白石镇's 2022 fails I1 in 总计: both its 2023 reports
    assert got == {(12, "commercial"): "I1、I2", (23, "total"): "I1", (22, "total"): "I1"}
    assert cross["previous_inconsistent"].tolist() == [bool(f) for f in flags]
    assert not cross.loc[cross["check"] == "X2", "previous_inconsistent"].any()


def test_column_types():
    cross = summarize_module.cross_year(_reports(), _checks())
    assert list(cross.columns) == list(summarize_module.CROSS_YEAR_COLUMNS)
    assert str(cross["prev_report_id"].dtype) == "Int64"
    assert cross["soft"].dtype == bool and cross["previous_inconsistent"].dtype == bool
    assert cross.loc[cross["check"] == "X2", "soft"].all()
    assert not cross.loc[cross["check"] == "X1", "soft"].any()
    assert set(cross["table_id"]) == {"table3", "table2.1"}
    for name in ("check", "table_id", "row", "outcome", "reason"):
        assert all(isinstance(v, str) for v in cross[name].tolist()), name
