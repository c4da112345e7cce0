"""Store.query_in: one query over any number of ids, in chunks SQLite accepts (the chunked
``IN (…)`` loop summarize and panel each wrote out)."""

from __future__ import annotations

from nlp_reports.corpus import Store


def test_query_in_chunks_and_empty(tmp_path):
    with Store(tmp_path / "q.sqlite") as store:
        store.connection.execute("CREATE TEMP TABLE t (id INTEGER, v TEXT)")
        store.connection.executemany("INSERT INTO t VALUES (?, ?)",
                                     [(i, f"第{i}份") for i in range(2500)])
        ids = list(range(0, 2500, 2))  # 1,250 ids: two chunks of 900 at most
        got = store.query_in("SELECT id, v FROM t WHERE id IN ({ids}) ORDER BY id", ids, size=900)
        assert got["id"].tolist() == ids and got["v"].iloc[-1] == "第2498份"
        empty = store.query_in("SELECT id, v FROM t WHERE id IN ({ids})", [])
        assert list(empty.columns) == ["id", "v"] and empty.empty
