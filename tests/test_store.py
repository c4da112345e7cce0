"""The SQLite store: schema, one transaction per report, replace on re-write, errors."""

from __future__ import annotations

import json
import sqlite3

import pytest
from _corpus_helpers import FakeTagger, make_report, table3
from hypothesis import given
from hypothesis import strategies as st

from nlp_reports.corpus import Store
from nlp_reports.corpus.store import SCHEMA_VERSION, THEME_COLUMNS
from nlp_reports.errors import StoreError, UsageError
from nlp_reports.report import Check, Problem


def _report():
    return make_report(
        "甲县人民政府", 2023,
        ["人员力量不足，兼职人员较多。", "主动公开深度不够。"],
        ["加强人员培训。"],
        tables=(table3({("3.3.1", "total"): None}),),
        checks=(Check("I1", "fail", "table3", "1", "total", 10.0, 9.0, "x"),),
        errors=(Problem("missing_table", "表四 not found"),))


def test_write_and_read_back(tmp_path):
    report = _report()
    tagged = FakeTagger().tag_many([report])[0]
    with Store(tmp_path / "c.db") as store:
        rid = store.write_report("a.txt", report, tagged, sha256="abc", size=3, model_id="m1")
        reports = store.reports()
        assert list(reports["agency"]) == ["甲县人民政府"]
        assert int(reports["n_statements"][0]) == 3
        st = store.statements()
        assert list(st["idx"]) == [0, 1, 2]
        assert list(st["kind"]) == ["problem", "problem", "measure"]
        # theme columns agree with the themes JSON
        for _, row in st.iterrows():
            themes = json.loads(row["themes"])
            for col in THEME_COLUMNS:
                assert row[col] == int(col[len("theme_"):] in themes)
        assert st.loc[0, "theme_staffing"] == 1 and st.loc[1, "theme_proactivity"] == 1
        cells = store.table_cells()
        assert len(cells) == 25 * 7
        blank = cells[(cells["row"] == "3.3.1") & (cells["column"] == "total")]
        assert blank["value"].isna().all() and list(blank["raw"]) == [""]
        assert list(store.checks()["outcome"]) == ["fail"]
        assert list(store.problems()["code"]) == ["missing_table"]
        back, stmts = next(store.iter_reports())
        assert back.metadata == report.metadata and back.statements == report.statements
        assert [s.kind for s in stmts] == ["problem", "problem", "measure"]
        assert rid == int(reports["id"][0])
        meta = dict(store.connection.execute("SELECT key, value FROM meta").fetchall())
        assert meta["schema_version"] == SCHEMA_VERSION
        mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_rewrite_replaces_rows(tmp_path):
    report = _report()
    tagged = FakeTagger().tag_many([report])[0]
    with Store(tmp_path / "c.db") as store:
        store.write_report("a.txt", report, tagged, sha256="abc", model_id="m1")
        store.write_report("a.txt", report, tagged, sha256="abc", model_id="m2")
        for table, n in (("reports", 1), ("statements", 3), ("table_cells", 175),
                         ("checks", 1), ("problems", 1), ("sections", 6), ("files", 1)):
            assert store.count(table) == n, table
        assert store.is_done("a.txt", "abc", "m2") and not store.is_done("a.txt", "abc", "m1")
        store.record_failure("a.txt", "empty", "now empty", sha256="def")
        assert store.count("reports") == 0 and store.count("statements") == 0
        assert list(store.failures()["reason"]) == ["empty"]


def test_a_failing_write_leaves_nothing(tmp_path):
    report = _report()
    good = FakeTagger().tag_many([report])[0]
    bad = [*good, good[0]]  # a duplicate statement index violates the primary key
    with Store(tmp_path / "c.db") as store:
        with pytest.raises(StoreError):
            store.write_many([("a.txt", report, good, "s1", 1, "m", None),
                              ("b.txt", report, bad, "s2", 1, "m", None)])
        assert store.count("reports") == 0 and store.count("files") == 0
        assert store.count("statements") == 0


def test_unwritable_locations(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "c.db")
    with pytest.raises(StoreError):
        Store("/proc/nlp_reports_cannot_write_here.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError):
        Store(junk)
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "absent.db", readonly=True)


def test_newer_schema_refused(tmp_path):
    path = tmp_path / "c.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema version 99"):
        Store(path)


def _filled(tmp_path):
    from nlp_reports.corpus import Store as S

    tagger = FakeTagger()
    path = tmp_path / "c.db"
    with S(path) as store:
        for i, r in enumerate([_report(), make_report("乙市人民政府", 2022, ["问题"], ["措施"])]):
            store.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
        store.record_failure("bad.txt", "empty", "empty file")
    return path


def test_export_jsonl_round_trip(tmp_path):
    from nlp_reports.corpus import export
    from nlp_reports.report import Report

    db = _filled(tmp_path)
    [out] = export(db, tmp_path / "out.jsonl")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    back = Report.from_dict(first)
    assert back.metadata == _report().metadata and back.checks == _report().checks
    assert back.statements == _report().statements
    assert [t["kind"] for t in first["tagged_statements"]] == ["problem", "problem", "measure"]
    assert first["store"]["path"] == "r0.txt" and first["store"]["model_id"] == "m"


def test_export_csv_and_parquet(tmp_path):
    import pandas as pd

    from nlp_reports.corpus import export
    from nlp_reports.corpus.store import TABLES

    db = _filled(tmp_path)
    written = export(db, tmp_path / "csv", format="csv")
    assert sorted(p.stem for p in written) == sorted([*TABLES, "models"])  # (export24)
    st = pd.read_csv(tmp_path / "csv" / "statements.csv")
    assert len(st) == 5 and "theme_staffing" in st.columns
    files = pd.read_csv(tmp_path / "csv" / "files.csv")
    assert set(files["status"]) == {"ok", "failed"}
    [one] = export(db, tmp_path / "one", format="csv", table="checks")
    assert one.name == "checks.csv"
    # a wrong option value (UsageError: the CLI exits 2), not a damaged store
    with pytest.raises(UsageError, match="no table"):
        export(db, tmp_path / "x", format="csv", table="nope")
    with pytest.raises(UsageError, match="JSONL exports whole reports"):
        export(db, tmp_path / "x.jsonl", table="statements")
    pytest.importorskip("pyarrow")
    written = export(db, tmp_path / "pq", format="parquet")
    cells = pd.read_parquet(tmp_path / "pq" / "table_cells.parquet")
    assert len(cells) == 25 * 7 and cells["value"].isna().sum() == 1
    # native types, not JSON text: themes a list, score maps key/value pairs, flags booleans
    stq = pd.read_parquet(tmp_path / "pq" / "statements.parquet")
    assert list(stq.columns) == list(pd.read_csv(tmp_path / "csv" / "statements.csv").columns)
    assert all(isinstance(t, str) for themes in stq["themes"] for t in themes)
    assert {k for k, _ in stq["theme_scores"].iloc[0]} >= {"staffing", "confidentiality"}
    assert str(stq["layout_disagrees"].dtype) == "boolean"


def _dump(store):
    conn = store.connection
    out = {}
    for table in ("reports", "sections", "statements", "table_cells", "checks", "problems"):
        out[table] = sorted(map(repr, conn.execute(f"SELECT * FROM {table}").fetchall()))
    out["files"] = sorted(map(repr, conn.execute(
        "SELECT path, sha256, size, status, model_id FROM files").fetchall()))
    return out


def test_prepared_rows_store_the_same_as_the_report(tmp_path):
    from nlp_reports.corpus.store import PreparedReport, prepare_report

    report = _report()
    other = make_report("乙县人民政府", 2022, ["公开不及时。"], ["加强审核。"])
    tagged = FakeTagger().tag_many([report, other])
    items = [("a.txt", report, tagged[0], "s1", 1, "m", ["人员", "力量"]),
             ("b.txt", other, tagged[1], "s2", 2, "m", None)]
    with Store(tmp_path / "direct.db") as direct, Store(tmp_path / "prep.db") as prep:
        direct.write_many(items)
        prepared = [(p, prepare_report(r, t, w), None, sha, size, m, None)
                    for p, r, t, sha, size, m, w in items]
        assert all(isinstance(x[1], PreparedReport) for x in prepared)
        prep.write_many(prepared)
        assert _dump(direct) == _dump(prep)
        assert prep.count("table_cells") > 0 and prep.count("statements") == 5
        # the same path twice in one transaction: stored once, the last version
        prep.write_many([prepared[0], ("a.txt", prepare_report(other, tagged[1]), None,
                                       "s3", 3, "m", None)])
        assert prep.count("reports") == 2
        assert prep.count("statements") == 4
        assert prep.file_record("a.txt").sha256 == "s3"


@given(st.dictionaries(st.sampled_from(["staffing", "platform", "problem", "x\"y", "名"]),
                       st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                                 st.integers(-3, 3), st.booleans()), max_size=6),
       st.lists(st.sampled_from(["staffing", "platform", "名"]), max_size=4))
def test_score_json_is_json_dumps(scores, ids):
    from nlp_reports.corpus.store import _ids_json, scores_json

    assert scores_json(scores) == json.dumps(scores)
    assert _ids_json(tuple(ids)) == json.dumps(ids)


def test_an_unreadable_table_gives_no_figures():
    """What was read of an unreadable 表三 is not added into corpus totals (it was: granted
    counted while with_table3 left the report out)."""
    from dataclasses import replace

    from nlp_reports.corpus.store import report_figures

    ok = make_report("甲县人民政府", 2023, [], [], tables=(table3(received=7.0),))
    assert report_figures(ok)["granted"] == 7.0
    bad = replace(ok, tables=(replace(ok.tables[0], status="unreadable",
                                      problem="a row could not be read"),))
    figures = report_figures(bad)
    assert figures["granted"] is None and figures["received"] is None


def test_store_errors_say_what_to_do(tmp_path):
    """A damaged file, a newer store and a foreign SQLite file each get a message naming the
    file and the way out (not 'check that the location is writable')."""
    from nlp_reports.errors import StoreError

    newer = tmp_path / "newer.db"
    Store(newer).close()
    with sqlite3.connect(newer) as c:
        c.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    for readonly in (False, True):
        with pytest.raises(StoreError, match=r"newer\.db: .*upgrade nlp_reports"):
            Store(newer, readonly=readonly)
    damaged = tmp_path / "damaged.db"
    with Store(damaged) as s:
        s.write_report("a.txt", make_report("甲县人民政府", 2023, ["人员不足。"], ["配备专人。"]),
                       FakeTagger().tag_many([make_report("甲县人民政府", 2023, ["人员不足。"],
                                                          ["配备专人。"])])[0], model_id="m")
    with open(damaged, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xa5" * 8192)
    with pytest.raises(StoreError, match="damaged or not a SQLite database"):
        with Store(damaged) as s:
            s.query("SELECT COUNT(*) FROM statements")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match=r"foreign\.db: not an nlp_reports store"):
        Store(foreign, readonly=True)


def test_year_is_a_nullable_integer_when_a_report_has_none(tmp_path):
    """A pandas user filters and prints years: 2023, not 2023.0, even when one report of the
    store has no year (which made the column float)."""
    from dataclasses import replace

    import pandas as pd

    tagger = FakeTagger()
    with Store(tmp_path / "c.db") as store:
        for path, year in (("a.txt", 2023), ("b.txt", None)):
            r = make_report("甲县人民政府", 2023, ["人员力量不足。"], ["加强培训。"])
            r = replace(r, metadata=replace(r.metadata, year=year))
            store.write_report(path, r, tagger.tag_many([r])[0], sha256=path, size=1,
                               model_id="m")
        for frame in (store.reports(), store.statements()):
            assert frame["year"].dtype == pd.Int64Dtype()
            assert frame["year"].iloc[0] == 2023 and pd.isna(frame["year"].iloc[-1])
            assert frame["year"].astype(str).iloc[0] == "2023"
