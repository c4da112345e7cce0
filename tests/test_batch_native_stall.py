"""A parse stuck where ``--timeout``'s alarm cannot reach it (inside C code) does not hold the run.

``--timeout`` is a SIGALRM, which Python handles between bytecodes only: a worker stuck in
one C call (libxml2 on a pathological page, zlib) never saw it, and ``tag --jobs 2`` waited
for ever with nothing printed. The stand-in for such a call here: a loader that blocks
SIGALRM (``pthread_sigmask``) and sleeps, so that the alarm cannot fire — as inside C code.
What must hold: the worker is killed once past the watchdog's limit, the file is failed with
reason ``timeout`` (a Chinese line for it too), a new pool goes on, every other file is
stored exactly once, the store whole, and no worker outlives the run.

Each case runs in its own Python: a hang is caught by the subprocess timeout.
"""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest
from _corpus_helpers import run_pool_script

from nlp_reports.corpus import Store, pool, watchdog

pytestmark = pytest.mark.skipif(not pool._fork_available() or not hasattr(signal, "pthread_sigmask"),
                                reason="needs fork and pthread_sigmask (Linux)")

_BODY = """

    STUCK = set(MODE.split(","))

    def loader(path):
        if os.getpid() != PARENT:
            mark = PIDS / str(os.getpid())
            if not mark.exists():
                mark.write_text(path)
        if Path(path).stem in STUCK:  # as a C call would: no alarm gets through
            signal.pthread_sigmask(signal.SIG_BLOCK, {{signal.SIGALRM}})
            time.sleep(120)
        return json_loader(path)

    offices = ("信访局", "统计局", "应急管理局", "市场监督管理局", "档案馆", "乡村振兴局",
               "医疗保障局", "城市管理综合执法局", "退役军人事务局", "林业和草原局")
    reports = {{
        f"r{{i:02d}}": make_report(f"洛扎县{{offices[i]}}", 2020 + i % 4,
                                  [f"{{offices[i]}}公开专栏第{{i}}项内容更新滞后。"],
                                  [f"于{{i + 1}}月前补齐历年公开目录。"])
        for i in range(10)}}
    write_json_reports(TMP / "in", reports)
    t0 = time.monotonic()
    res = batch.tag_paths([TMP / "in"], TMP / "c.db", model=FakeTagger(), loader=loader,
                          jobs=2, chunk_size=3, timeout=1.0)
    out = {{"ok": res.ok, "seconds": time.monotonic() - t0,
            "failed": [[Path(f.path).stem, f.reason, f.message] for f in res.failures]}}
    out["workers"] = [int(p.name) for p in PIDS.iterdir()]
    out["alive"] = [w for w in out["workers"] if alive(w)]
    print(json.dumps(out), flush=True)
"""


def _stored_once(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        paths = [Path(p).stem for (p,) in con.execute("SELECT path FROM reports")]
    assert len(paths) == len(set(paths))
    return sorted(paths)


@pytest.mark.parametrize("stuck", [
    # two stalls: one in the chunk waited for, one in a chunk in flight beside it (~5 s)
    "r02,r05",
    pytest.param("r01", marks=pytest.mark.slow),  # the first chunk's
    pytest.param("r07", marks=pytest.mark.slow),  # a chunk handed out after others ended
])
def test_a_worker_stuck_beyond_the_alarm_is_killed_and_the_run_goes_on(tmp_path, stuck):
    out = run_pool_script(_BODY, tmp_path, stuck, timeout=150)
    names = stuck.split(",")
    assert sorted(f[0] for f in out["failed"]) == names
    for _name, reason, message in out["failed"]:
        assert reason == "timeout"
        assert "parsing took longer than 1 s" in message and "worker was stopped" in message
    assert out["ok"] == 10 - len(names)
    assert _stored_once(tmp_path / "c.db") == [f"r{i:02d}" for i in range(10)
                                                if f"r{i:02d}" not in names]
    with Store(tmp_path / "c.db") as store:
        assert sorted(store.failures()["reason"]) == ["timeout"] * len(names)
    # each stall cost the watchdog's limit, not the loader's 120 s
    assert out["seconds"] < 30 * len(names)
    assert out["alive"] == []


def test_the_limit_leaves_the_alarm_its_time_first():
    assert watchdog.limit(1.0) == 3.0
    assert watchdog.limit(60.0) == 72.0


def test_the_board_names_only_a_parse_older_than_the_limit():
    import multiprocessing as mp
    import time

    board = watchdog.Board(2, mp.get_context("fork").Lock())
    board.take()
    assert board.overdue(0.0) == []  # a slot taken, no parse
    board.begin("报告/甲县2023年.html")
    time.sleep(0.05)
    [(pid, key)] = board.overdue(0.01)
    assert key == watchdog.path_key("报告/甲县2023年.html") and pid > 0
    assert board.overdue(60.0) == []
    board.end()
    assert board.overdue(0.0) == []
    board.close()
