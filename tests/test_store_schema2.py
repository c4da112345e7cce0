"""Store schema 2: report_json compressed, and schema-1 stores read as they are or upgraded."""

from __future__ import annotations

import json
import sqlite3
import zlib

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


def _downgrade(path):
    """Turn a fresh store into what schema 1 wrote: plain JSON text, the old files table."""
    conn = sqlite3.connect(path)
    for rid, blob in conn.execute("SELECT id, report_json FROM reports").fetchall():
        conn.execute("UPDATE reports SET report_json = ? WHERE id = ?",
                     (zlib.decompress(blob).decode("utf-8"), rid))
    conn.execute("DROP VIEW duplicates")
    conn.execute("ALTER TABLE files RENAME TO f2")
    conn.execute(FILES_V1)
    conn.execute("INSERT INTO files SELECT path, sha256, size, status, reason, message, "
                 "model_id, tagged_at FROM f2")
    conn.execute("DROP TABLE f2")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


def _snapshot(store):
    return ([(r.to_dict(), [s.to_dict() for s in st]) for r, st in store.iter_reports()],
            [{**d, "store": {k: v for k, v in d["store"].items() if k != "tagged_at"}}
             for d in store.iter_report_dicts()],
            store.connection.execute("SELECT path, sha256, size, status, reason, message, "
                                     "model_id FROM files ORDER BY path").fetchall())


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
        assert [json.loads(t) for t in df["report_json"]] == [json.loads(t) for t in texts]
        meta = dict(store.connection.execute("SELECT key, value FROM meta"))
        assert meta["schema_version"] == SCHEMA_VERSION == "2"


def test_schema1_store_read_then_upgraded_on_write(tmp_path):
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    _fill(new)
    _fill(old)
    _downgrade(old)
    with Store(new) as store:
        expected = _snapshot(store)
    with Store(old, readonly=True) as store:  # read as it is, not upgraded
        assert _snapshot(store) == expected
    version = sqlite3.connect(old).execute(
        "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert version == "1"
    with Store(old) as store:  # opened for writing: upgraded in place
        assert _snapshot(store) == expected
        kinds = {t for (t,) in store.connection.execute(
            "SELECT typeof(report_json) FROM reports")}
        assert kinds == {"blob"}
        assert dict(store.connection.execute("SELECT key, value FROM meta"))[
            "schema_version"] == SCHEMA_VERSION
        r = _reports()[0]
        store.write_report("/c/0.txt", r, FakeTagger().tag_many([r])[0], sha256="s0", size=9,
                           model_id="fake-model-1")
        assert store.count("reports") == 2
        assert store.connection.execute("SELECT COUNT(*) FROM duplicates").fetchone()[0] == 0
    [out] = export(old, tmp_path / "o.jsonl", format="jsonl")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 and {d["metadata"]["agency"] for d in lines} == {"甲县人民政府",
                                                                           "乙县人民政府"}
