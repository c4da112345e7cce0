"""The store's readers behind a summary read less and give what they gave.

The unreadable tables come from one query (was three scans of ``report_tables``), the
vocabulary sample from the one read of ``reports`` (was a window query reading the table
again), and two partial indexes let the unreadable tables and the failed checks be found
without reading every row. Each is compared with the query it replaced, on a store with
the cases that matter: a table read in part, a status NULL, a table id twice in a report
(first read whole, second not, and the reverse), a check that fails.
"""

from __future__ import annotations

import importlib
import random
import sqlite3

from _corpus_helpers import mess_table_statuses, synthetic_store

from nlp_reports.corpus.store import Store, _column

sm = importlib.import_module("nlp_reports.corpus.summarize")  # (the package binds the function)


def _messy_store(tmp_path):
    """A synthetic store with unreadable tables, a NULL status, repeated table ids and
    two reports whose checks fail."""
    path = synthetic_store(tmp_path / "s.sqlite", 16)
    with Store(path) as store:
        conn = store.connection
        ids = [r for (r,) in conn.execute("SELECT id FROM reports ORDER BY id")]
        mess_table_statuses(conn, ids, null_table="table4")
        # a report whose second check fails; one whose row is named "fail" (none fails)
        conn.execute("UPDATE report_checks SET checks = ? WHERE report_id = ?", (
            '[["I1","pass","table3",null,"total",5.0,5.0,"5 = 5"],'
            '["I2","fail","table3",null,"total",5.0,4.0,"5 ≠ 4"]]', ids[4]))
        conn.execute("UPDATE report_checks SET checks = ? WHERE report_id = ?", (
            '[["X1","pass","table3","fail","total",1.0,1.0,"1 = 1"]]', ids[9]))
        conn.commit()
    return path, ids


def _old_unreadable(store, table_id):
    rows = store.query("SELECT report_id, status FROM report_tables WHERE table_id = ? "
                       "ORDER BY rowid", (table_id,)).drop_duplicates("report_id")
    return set(rows.loc[rows["status"] != "ok", "report_id"].tolist()) if len(rows) else set()


def _old_counts(store):
    rows = store.query("SELECT report_id, count(*) AS n FROM report_tables "
                       "WHERE status IS NOT 'ok' GROUP BY report_id")
    return dict(zip(rows["report_id"].astype(int), rows["n"].astype(int), strict=True))


def test_one_pass_gives_the_first_table_of_each_id_and_the_counts(tmp_path):
    path, ids = _messy_store(tmp_path)
    with Store(path, readonly=True) as store:
        unread = store.unreadable_tables()
        assert list(unread.columns) == ["report_id", "table_id", "first"]
        for table_id in ("table3", "table4", "table2.1", "nothing"):
            first = unread.loc[unread["first"].astype(bool) & (unread["table_id"] == table_id)]
            assert set(first["report_id"]) == _old_unreadable(store, table_id)
            assert sm.unreadable_tables(store, table_id) == _old_unreadable(store, table_id)
        assert sm.unreadable_tables(store, "table3") == {ids[0], ids[3]}
        assert sm.unreadable_tables(store, "table4") == {ids[1]}
        counts = unread.groupby("report_id").size().to_dict()
        assert counts == _old_counts(store) == {ids[0]: 1, ids[1]: 1, ids[2]: 1, ids[3]: 1}
        reports = sm.load_frames(store).reports.set_index("id")
        assert reports["n_unreadable"].to_dict() == {i: counts.get(i, 0) for i in ids}


def test_vocabulary_sample_is_the_window_query_it_replaced():
    """first_of_groups gives SQLite's ROW_NUMBER() OVER (PARTITION BY … ORDER BY id) <= n,
    in its order, over NULLs, integers, reals equal to them, text and CJK text."""
    rng = random.Random(16)
    values = [None, 2023, 2019, 2023.0, 2.5, "2023", "县级", "市级", "省级", "a", "B", "é", ""]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, a, b, words TEXT)")
    conn.executemany("INSERT OR IGNORE INTO r VALUES (?,?,?,?)", [
        (rng.randint(1, 10**6), rng.choice(values), rng.choice(values[:6]),
         None if rng.random() < 0.2 else "词 语") for _ in range(2000)])
    rows = conn.execute("SELECT id, a, b, words IS NOT NULL FROM r ORDER BY id").fetchall()
    columns = {"a": _column(tuple(r[1] for r in rows)).tolist(),
               "b": _column(tuple(r[2] for r in rows)).tolist()}
    ids, keep = [r[0] for r in rows], [bool(r[3]) for r in rows]
    for keys in (("a",), ("b",), ("a", "b"), ("b", "a")):
        for n in (1, 3, 50):
            want = [i for (i,) in conn.execute(
                f"SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY {', '.join(keys)} "
                "ORDER BY id) AS rn FROM r WHERE words IS NOT NULL) WHERE rn <= ?", (n,))]
            assert sm.first_of_groups([columns[k] for k in keys], ids, keep, n) == want
    years = _column((2021, None, 2019, 2021, None, 2020))  # float with NaN for NULL
    assert sm.first_of_groups([years.tolist()], [1, 2, 3, 4, 5, 6], [True] * 6, 1) == [2, 3, 6, 1]


def test_partial_indexes_find_the_same_rows_as_a_scan(tmp_path):
    """A store gets the two partial indexes; the readers use them; a store made before
    (without them) is read to the same frames, and gets them when opened for writing."""
    path, ids = _messy_store(tmp_path)
    names = ("report_tables_unreadable", "report_checks_failed")
    with Store(path, readonly=True) as store:
        have = {n for (n,) in store.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert set(names) <= have
        plans = " ".join(str(r) for sql in (
            "SELECT report_id FROM report_tables t WHERE status IS NOT 'ok'",
            "SELECT report_id FROM report_checks k WHERE instr(k.checks, '\"fail\"')")
            for r in store.connection.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert all(n in plans for n in names)
        failed, unread = store.failed_checks(), store.unreadable_tables()
    assert failed["report_id"].tolist() == [ids[4]] and failed["id"].tolist() == ["I2"]
    assert unread.values.tolist() == [[ids[0], "table3", 1], [ids[1], "table4", 1],
                                      [ids[2], "table3", 0], [ids[3], "table3", 1]]
    conn = sqlite3.connect(path)
    for n in names:
        conn.execute(f"DROP INDEX {n}")
    conn.commit()
    conn.close()
    with Store(path, readonly=True) as store:
        assert not {n for (n,) in store.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")} & set(names)
        assert store.failed_checks().equals(failed)
        assert store.unreadable_tables().equals(unread)
    with Store(path) as store:
        assert set(names) <= {n for (n,) in store.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert store.failed_checks().equals(failed)
