"""A ``tag --jobs N`` worker that dies: the pools left behind end, with a limit.

Why it matters: a worker that dies (a crash, the OOM killer) breaks its pool; the chunk waited
for is then run one file at a time, each in a pool of its own (``pool._isolate_forked``).
Two waits had no limit. Each per-file pool was shut down waiting for its worker to end: a
worker stuck at its end (a library's exit handler that never returns, SIGTERM ignored) held
the run there for ever, once per file of the chunk. And the broken pool's other worker, busy
on a long file and ignoring the SIGTERM the executor sends, kept a core busy — jobs + 1
processes — until the end of the run, though nothing it made could come back. What must
hold: the run ends with every good file stored and the crashing one failed, no worker
outlives it, and the broken pool's other worker is gone before the run goes on.

Each case runs in its own Python: a hang is caught by the subprocess timeout, not taken for
a slow test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import run_pool_script

from nlp_reports.corpus import Store, pool

pytestmark = pytest.mark.skipif(not pool._fork_available(), reason="needs fork (Linux)")

_BODY = """

    def _forever():
        while True:  # (no signal but SIGKILL ends it: SIGTERM is ignored)
            time.sleep(3600)

    def loader(path):
        if os.getpid() == PARENT:
            return json_loader(path)
        mark = PIDS / str(os.getpid())
        if not mark.exists():
            mark.write_text(path)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if MODE == "stuck_at_end":  # every worker: an exit handler that never returns
                multiprocessing.util.Finalize(None, _forever, exitpriority=0)
        name = Path(path).name
        if MODE == "stuck_at_end" and name == "r001.txt":
            os._exit(3)  # this file kills its worker, every time
        if MODE == "busy_sibling":
            busy, crashed = TMP / "busy", TMP / "crashed"
            if name == "r000.txt" and not busy.exists():
                busy.write_text(str(os.getpid()))
                _forever()  # busy on a long file when its pool breaks
            if name == "r001.txt" and not crashed.exists():
                for _ in range(600):  # (until the other worker is busy: at most 60 s)
                    if busy.exists():
                        break
                    time.sleep(0.1)
                crashed.write_text(str(os.getpid()))
                os._exit(3)
            if name == "r000.txt":  # run again alone once the pool broke: is the other gone?
                other = int(busy.read_text())
                for _ in range(200):  # (at most 20 s; killed at once it is gone at once)
                    if not alive(other):
                        break
                    time.sleep(0.1)
                (TMP / "seen").write_text("gone" if not alive(other) else "running")
        return json_loader(path)

    towns = ("城关镇", "东关街道", "石门乡", "卫生健康局", "自然资源局", "实验小学")
    reports = {{
        f"r{{i:03d}}": make_report(f"宾川县{{towns[i % 6]}}{{i}}", 2019 + i % 6,
                                   [f"第{{i}}批政务公开事项更新不及时。"],
                                   [f"{{i}}月底前完成专栏栏目调整。"])
        for i in range(8)}}
    write_json_reports(TMP / "in", reports)
    res = batch.tag_paths([TMP / "in"], TMP / "c.db", model=FakeTagger(), loader=loader,
                          jobs=2, chunk_size=4 if MODE == "stuck_at_end" else 1,
                          timeout=None)
    out = {{"ok": res.ok, "failed": [[Path(f.path).name, f.reason] for f in res.failures]}}
    out["workers"] = [int(p.name) for p in PIDS.iterdir()]
    out["alive"] = [w for w in out["workers"] if alive(w)]
    seen = TMP / "seen"
    out["seen"] = seen.read_text() if seen.exists() else None
    print(json.dumps(out), flush=True)
"""


def _run(tmp_path: Path, mode: str) -> dict:
    return run_pool_script(_BODY, tmp_path, mode, timeout=150)


def test_isolating_a_chunk_does_not_wait_for_ever_on_a_worker_stuck_at_its_end(tmp_path):
    out = _run(tmp_path, "stuck_at_end")
    assert out["ok"] == 7 and out["failed"] == [["r001.txt", "worker_error"]]
    # the broken pool's two, and one per file of the isolated chunk (r000 … r003)
    assert len(out["workers"]) >= 5 and out["alive"] == []
    with Store(tmp_path / "c.db") as store:
        assert store.count("reports") == 7


def test_the_other_worker_of_a_broken_pool_is_gone_before_the_run_goes_on(tmp_path):
    out = _run(tmp_path, "busy_sibling")
    assert out["seen"] == "gone"
    assert out["ok"] == 8 and out["failed"] == [] and out["alive"] == []
