"""The writer of ``tag --jobs N`` writes while it waits for its workers.

What must hold: reports that came back are in the store while a later chunk is still being
parsed (they used to wait for 64 reports or 2 s, then all came after the last chunk); the
store's write-ahead log can be copied into the database file before the store is closed
(``Store.checkpoint``), which a run does while its workers end their last chunks.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, make_report, store_of, write_json_reports

from nlp_reports.corpus import Store, pool
from nlp_reports.corpus.batch import tag_paths

#: (store, file) the waiting loader watches: set by the test before the workers are forked
_WATCH: dict[str, str] = {}


def _stored(db: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM reports").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # (not created yet)
        return 0


def waiting_loader(path: str):
    """Parse ``path``; the last file first waits up to 1.5 s (under the writer's 2 s) for
    the store to hold a report, and notes how many it saw."""
    if Path(path).name == _WATCH["last"]:
        deadline = time.monotonic() + 1.5
        while _stored(_WATCH["db"]) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        Path(_WATCH["seen"]).write_text(str(_stored(_WATCH["db"])))
    return json_loader(path)


@pytest.mark.skipif(not pool._fork_available(), reason="needs fork (Linux)")
def test_reports_back_are_written_while_a_worker_still_parses(tmp_path):
    reports = {f"d{i}": make_report(name, 2021 + i % 3, [f"{name}政务公开专栏更新不够及时。"],
                                    [f"{name}将按季度核查栏目内容。"])
               for i, name in enumerate(("临县卫生健康局", "磴口县教育局", "黎平县城市管理局",
                                         "龙泉驿区同安街道办事处", "沅陵县人民医院",
                                         "海珠区市场监督管理局"))}
    paths = sorted(write_json_reports(tmp_path / "in", reports))
    db = tmp_path / "s.sqlite"
    _WATCH.update(db=str(db), last=paths[-1].name, seen=str(tmp_path / "seen"))
    result = tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=waiting_loader,
                       jobs=2, chunk_size=2, words=False)
    assert result.ok == 6 and result.failed == 0
    # the first chunks' reports were stored before the last file was parsed
    assert int((tmp_path / "seen").read_text()) >= 2
    assert _stored(str(db)) == 6


def test_checkpoint_puts_what_was_written_into_the_database_file(tmp_path):
    db = store_of(tmp_path / "s.sqlite", {
        "a.txt": make_report("乌海市海勃湾区司法局", 2022, ["依申请公开答复格式不够规范。"],
                             ["制定答复文书范本。"]),
        "b.txt": make_report("江津区白沙镇人民政府", 2023, ["村务公开栏更新滞后。"],
                             ["每月检查一次公开栏。"])})
    third = make_report("汕尾市城区教育局", 2024, ["招生信息解读不足。"], ["招生政策配发图解。"])
    with Store(db) as s:
        s.write_report("c.txt", third, FakeTagger().tag_many([third])[0], model_id="m")
        copy = tmp_path / "before.sqlite"
        shutil.copyfile(db, copy)  # the file alone: what the log holds is not in it yet
        assert _stored(str(copy)) == 2
        s.checkpoint()
        copy.with_name("before.sqlite-wal").unlink(missing_ok=True)
        copy.with_name("before.sqlite-shm").unlink(missing_ok=True)
        shutil.copyfile(db, copy)
        assert _stored(str(copy)) == 3
    with Store(db, readonly=True) as ro:
        ro.checkpoint()  # (nothing to do, no error)
        assert ro.connection.execute("SELECT count(*) FROM reports").fetchone()[0] == 3
