"""Store schemas 2–4: report_json compressed, cells and checks compact, and stores of
schemas 1, 2 and 3 read as they are or upgraded."""

from __future__ import annotations

import json
import sqlite3
import zlib

import pytest
from _corpus_helpers import FakeTagger, make_report, table3

from nlp_reports.corpus import Store
from nlp_reports.corpus.export import export
from nlp_reports.corpus.store import SCHEMA_VERSION

#: The ``files`` table of schema 1 (no ``duplicate`` status, no ``duplicate_of``).
FILES_V1 = """CREATE TABLE files (path TEXT PRIMARY KEY, sha256 TEXT, size INTEGER,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')), reason TEXT, message TEXT,
    model_id TEXT, tagged_at TEXT NOT NULL)"""


def _reports():
    return [make_report(f"{n}人民政府", 2021 + i, [f"{n}人员力量不足。"], ["加强培训。"],
                        tables=(table3({("1", "total"): 5.0 + i}),))
            for i, n in enumerate(("甲县", "乙县"))]


def _fill(path):
    tagger = FakeTagger()
    with Store(path) as store:
        for i, r in enumerate(_reports()):
            store.write_report(f"/c/{i}.txt", r, tagger.tag_many([r])[0], sha256=f"s{i}", size=9,
                               model_id=tagger.model_id)
        store.record_failure("/c/bad.txt", "empty", "the file is empty", sha256="e")


#: The row-per-cell and row-per-check tables of schemas 1 and 2.
CHILDREN_V2 = """CREATE TABLE table_cells (report_id INTEGER NOT NULL, table_id TEXT NOT NULL,
    "row" TEXT NOT NULL, "column" TEXT NOT NULL, value REAL, raw TEXT, table_status TEXT);
CREATE INDEX table_cells_report ON table_cells (report_id);
CREATE TABLE checks (report_id INTEGER NOT NULL, id TEXT NOT NULL, outcome TEXT NOT NULL,
    table_id TEXT, "row" TEXT, "column" TEXT, expected REAL, found REAL, message TEXT);
CREATE INDEX checks_report ON checks (report_id);"""


def _downgrade(path, version="1"):
    """Turn a fresh store into what schema ``version`` wrote: the full report in
    ``report_json`` and no schema-4 columns (schema 3), the cells and checks one row each
    (schema 2), and for schema 1 also plain JSON text and the old files table."""
    with Store(path) as store:
        full = {d["store"]["report_id"]: json.dumps(
                    {k: v for k, v in d.items() if k not in ("store", "tagged_statements")},
                    ensure_ascii=False) for d in store.iter_report_dicts()}
    conn = sqlite3.connect(path)
    for rid, text in full.items():
        conn.execute("UPDATE reports SET report_json = ? WHERE id = ?",
                     (zlib.compress(text.encode("utf-8")), rid))
    for column in ("title", "row_labels", "column_labels", "problem"):
        conn.execute(f"ALTER TABLE report_tables DROP COLUMN {column}")
    if version == "3":
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
        conn.commit()
        conn.close()
        return
    conn.execute("CREATE TEMP TABLE tc AS SELECT * FROM table_cells ORDER BY report_id")
    conn.execute("CREATE TEMP TABLE ck AS SELECT * FROM checks ORDER BY report_id")
    conn.execute("DROP VIEW table_cells")
    conn.execute("DROP VIEW checks")
    conn.execute("DROP TABLE report_tables")
    conn.execute("DROP TABLE report_checks")
    conn.executescript(CHILDREN_V2)
    conn.execute("INSERT INTO table_cells SELECT * FROM tc")
    conn.execute("INSERT INTO checks SELECT * FROM ck")
    if version == "1":
        for rid, blob in conn.execute("SELECT id, report_json FROM reports").fetchall():
            conn.execute("UPDATE reports SET report_json = ? WHERE id = ?",
                         (zlib.decompress(blob).decode("utf-8"), rid))
        conn.execute("DROP VIEW duplicates")
        conn.execute("ALTER TABLE files RENAME TO f2")
        conn.execute(FILES_V1)
        conn.execute("INSERT INTO files SELECT path, sha256, size, status, reason, message, "
                     "model_id, tagged_at FROM f2")
        conn.execute("DROP TABLE f2")
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
    conn.commit()
    conn.close()


def _snapshot(store):
    return ([(r.to_dict(), [s.to_dict() for s in st]) for r, st in store.iter_reports()],
            [{**d, "store": {k: v for k, v in d["store"].items() if k != "tagged_at"}}
             for d in store.iter_report_dicts()],
            store.connection.execute("SELECT path, sha256, size, status, reason, message, "
                                     "model_id FROM files ORDER BY path").fetchall(),
            *(_plain(df) for df in (store.table_cells(), store.checks(),
                                    store.table("table_cells"), store.table("checks"))))


def _plain(df):
    """A DataFrame as lists of plain values (None for NaN), comparable with ==."""
    return {c: [None if v != v else v for v in df[c].tolist()] for c in df.columns}


def test_report_json_is_compressed_and_reads_back(tmp_path):
    _fill(tmp_path / "c.db")
    with Store(tmp_path / "c.db") as store:
        blobs = [b for (b,) in store.connection.execute("SELECT report_json FROM reports")]
        assert all(isinstance(b, bytes) for b in blobs)
        texts = [zlib.decompress(b).decode("utf-8") for b in blobs]
        assert all(len(b) < len(t.encode("utf-8")) for b, t in zip(blobs, texts, strict=True))
        back = [r for r, _ in store.iter_reports()]
        assert [r.to_dict() for r in back] == [r.to_dict() for r in _reports()]
        df = store.reports(with_json=True)
        assert list(df["report_json"]) == [r.to_json() for r in _reports()]
        assert all("sections" not in json.loads(t) for t in texts)  # schema 4: not twice
        meta = dict(store.connection.execute("SELECT key, value FROM meta"))
        assert meta["schema_version"] == SCHEMA_VERSION == "6"


@pytest.mark.parametrize("version", ["1", "2", "3"])
def test_old_store_read_then_upgraded_on_write(tmp_path, version):
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    _fill(new)
    _fill(old)
    _downgrade(old, version)
    with Store(new) as store:
        expected = _snapshot(store)
    with Store(old, readonly=True) as store:  # read as it is, not upgraded
        assert _snapshot(store) == expected
    found = sqlite3.connect(old).execute(
        "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert found == version
    with Store(old) as store:  # opened for writing: upgraded in place
        assert _snapshot(store) == expected
        kinds = {t for (t,) in store.connection.execute(
            "SELECT typeof(report_json) FROM reports")}
        assert kinds == {"blob"}
        assert dict(store.connection.execute("SELECT key, value FROM meta"))[
            "schema_version"] == SCHEMA_VERSION
        kinds = dict(store.connection.execute(
            "SELECT name, type FROM sqlite_master WHERE name IN ('table_cells', 'checks', "
            "'report_tables', 'report_checks')"))
        assert kinds == {"table_cells": "view", "checks": "view", "report_tables": "table",
                         "report_checks": "table"}
        r = _reports()[0]
        store.write_report("/c/0.txt", r, FakeTagger().tag_many([r])[0], sha256="s0", size=9,
                           model_id="fake-model-1")
        assert store.count("reports") == 2
        assert store.connection.execute("SELECT COUNT(*) FROM duplicates").fetchone()[0] == 0
    [out] = export(old, tmp_path / "o.jsonl", format="jsonl")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 and {d["metadata"]["agency"] for d in lines} == {"甲县人民政府",
                                                                           "乙县人民政府"}


def test_compact_cells_and_checks_read_as_rows(tmp_path):
    """Ragged rows, blanks, huge and non-finite numbers and None fields come back through
    the ``table_cells`` and ``checks`` views exactly as the rows of schema 2 held them."""
    from nlp_reports.report import Check, Table

    ragged = Table(id="table9", title="t", rows=("a", "b", "c"), row_labels=("A", "B", "C"),
                   columns=("x", "y", "z"), column_labels=("X", "Y", "Z"),
                   values=((1.0, None, 1e300), (float("inf"),), ()),
                   raw=(("1", "", "1e300"), ("9" * 400, "-")), status="unreadable",
                   problem="short rows")
    checks = (Check("I1", "fail", "table3", "3.7", "total", 5.0, 4.0, "差 1"),
              Check("T1", "not_assessable"),
              Check("I2", "pass", "table3", None, None, float("-inf"), float("nan"), "x"))
    base = _reports()[0]
    report = type(base)(**{**{f: getattr(base, f) for f in base.__dataclass_fields__},
                           "tables": (ragged,), "checks": checks})
    with Store(tmp_path / "c.db") as store:
        store.write_report("/c/r.txt", report, FakeTagger().tag_many([report])[0],
                           sha256="h", size=1, model_id="m")
        cells = store.connection.execute(
            'SELECT table_id, "row", "column", value, raw, table_status FROM table_cells'
        ).fetchall()
        got = store.connection.execute(
            'SELECT id, outcome, table_id, "row", "column", expected, found, message '
            "FROM checks").fetchall()
    want = []
    for r, row in enumerate(ragged.rows):
        vals = ragged.values[r] if r < len(ragged.values) else ()
        raws = ragged.raw[r] if r < len(ragged.raw) else ()
        for c, col in enumerate(ragged.columns):
            want.append(("table9", row, col, vals[c] if c < len(vals) else None,
                         raws[c] if c < len(raws) else "", "unreadable"))
    assert cells == want
    assert got == [("I1", "fail", "table3", "3.7", "total", 5.0, 4.0, "差 1"),
                   ("T1", "not_assessable", None, None, None, None, None, ""),
                   ("I2", "pass", "table3", None, None, float("-inf"), None, "x")]


def test_failed_checks_are_the_failing_rows_of_checks(tmp_path):
    """``Store.failed_checks`` (what summarize and audit read) skips the reports without a
    failure but gives exactly the ``fail`` rows of ``checks``, on schema 3 and schema 2."""
    from nlp_reports.report import Check

    base = _reports()
    fields = base[0].__dataclass_fields__
    reports = [type(r)(**{**{f: getattr(r, f) for f in fields}, "checks": checks})
               for r, checks in zip(base, (
                   (Check("I1", "pass", "table3", "3.7", "total", 1.0, 1.0, "ok"),
                    Check("I2", "fail", "table3", "1", "total", 5.0, 4.0, "差 1 (fail)")),
                   (Check("I1", "pass", message='"fail" only in the message'),)), strict=True)]
    db = tmp_path / "c.db"
    with Store(db) as store:
        for i, r in enumerate(reports):
            store.write_report(f"/c/{i}.txt", r, FakeTagger().tag_many([r])[0], sha256=f"s{i}",
                               size=1, model_id="m")
    for version in ("3", "2"):
        if version == "2":
            _downgrade(db, "2")
        with Store(db, readonly=True) as store:
            every = store.checks()
            failed = store.failed_checks()
            want = every[every["outcome"] == "fail"].reset_index(drop=True)
            assert _plain(failed) == _plain(want)
            assert list(failed["id"]) == ["I2"] and list(failed["found"]) == [4.0]
