"""Ctrl-C while ``tag --jobs N`` ends its worker pools, with a worker that ignores SIGTERM.

Why it matters: a worker whose library installs its own SIGTERM handler (or ignores it) and
is busy on a file, or stuck at its end, was waited for without limit. Ctrl-C mid-run then
hung in the pool's shutdown (the terminated worker never ended), and Ctrl-C during the
join at the end of a run left the workers to the interpreter's exit, which joins the
executor's thread: it hung too. What must hold: the run stops (KeyboardInterrupt), no
worker outlives it, and what was written stays in the store.

Each case runs in its own Python (a hang is caught by the subprocess timeout, not taken for
a slow test; the SIGINT reaches that process only).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import run_pool_script

from nlp_reports.corpus import Store, pool

pytestmark = pytest.mark.skipif(not pool._fork_available(), reason="needs fork (Linux)")

_BODY = """

    def stubborn(path):
        # a forked worker that ignores SIGTERM; MODE busy: stuck on one file (Ctrl-C mid-run),
        # MODE ending: stuck at its end (Ctrl-C while the run joins its pools)
        mark = PIDS / str(os.getpid())
        if os.getpid() == PARENT:  # (the batch's own process: a head start's files)
            return json_loader(path)
        if not mark.exists():
            mark.write_text(path)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if MODE == "ending":
                multiprocessing.util.Finalize(None, _stuck, exitpriority=0)
        if MODE == "busy" and path.endswith("r150.txt"):
            _stuck()
        if MODE == "cut" and path.endswith("r150.txt"):
            _cut()
        return json_loader(path)

    def _cut():
        # a worker ended while writing its result (as hostile11's: the message cut short, the
        # queue's write lock held), the Ctrl-C coming then
        f = sys._getframe()
        while f.f_code.co_name != "_process_worker":
            f = f.f_back
        queue = f.f_locals["result_queue"]
        queue._wlock.acquire()
        os.write(queue._writer.fileno(), struct.pack("!i", 100_000) + b"\\x80\\x05partial")
        os.kill(os.getppid(), signal.SIGINT)
        os._exit(9)

    def _stuck():
        try:  # one Ctrl-C: the first worker stuck sends it
            os.close(os.open(TMP / "sigint", os.O_CREAT | os.O_EXCL))
            os.kill(os.getppid(), signal.SIGINT)
        except FileExistsError:
            pass
        time.sleep(3600)

    towns = ("城关镇", "东关街道", "石门乡", "卫生健康局", "自然资源局", "实验小学")
    reports = {{
        f"r{{i:03d}}": make_report(f"宾川县{{towns[i % 6]}}{{i}}", 2019 + i % 6,
                                   [f"第{{i}}批政务公开事项更新不及时。"],
                                   [f"{{i}}月底前完成专栏栏目调整。"])
        for i in range(200)}}
    write_json_reports(TMP / "in", reports)
    out = {{"interrupted": False}}
    try:
        batch.tag_paths([TMP / "in"], TMP / "c.db", model=FakeTagger(), loader=stubborn,
                        jobs=2, chunk_size=4)
    except KeyboardInterrupt:
        out["interrupted"] = True
    out["workers"] = [int(p.name) for p in PIDS.iterdir()]
    out["alive"] = [w for w in out["workers"] if alive(w)]
    print(json.dumps(out), flush=True)
"""


def _run(tmp_path: Path, mode: str) -> dict:
    return run_pool_script(_BODY, tmp_path, mode, timeout=120)


def test_ctrl_c_mid_run_with_a_busy_worker_ignoring_sigterm_stops_the_run(tmp_path):
    out = _run(tmp_path, "busy")
    assert out["interrupted"] and out["workers"]
    assert out["alive"] == []
    with Store(tmp_path / "c.db") as store:  # what was written before the Ctrl-C stays
        stored = store.count("reports")
    assert stored < 200


def test_ctrl_c_while_a_worker_was_cut_sending_its_result_stops_the_run(tmp_path):
    # the executor's thread waited for the rest of the message for ever, and the shutdown of
    # the interrupted pool joined it: a real Ctrl-C of tag --jobs 2 hung 1 in ~4 at one moment
    out = _run(tmp_path, "cut")
    assert out["interrupted"] and out["workers"] and out["alive"] == []


def test_ctrl_c_while_the_pools_are_joined_does_not_hang_the_exit(tmp_path):
    out = _run(tmp_path, "ending")
    assert out["workers"] and out["alive"] == []
    with Store(tmp_path / "c.db") as store:
        stored = store.count("reports")
    # the Ctrl-C came once every chunk was back: all written, whether the run saw it or not
    assert stored == 200 or out["interrupted"]


class _Proc:
    """A worker that never ends: terminate and kill are recorded, kill ends it."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.exitcode: int | None = None

    def terminate(self) -> None:
        self.calls.append("terminate")

    def kill(self) -> None:
        self.calls.append("kill")
        self.exitcode = -9


class _Interrupted:
    """An executor thread whose join is cut by Ctrl-C (KeyboardInterrupt in the waiting)."""

    def join(self, timeout: float | None = None) -> None:
        raise KeyboardInterrupt

    def is_alive(self) -> bool:
        return True


def test_ctrl_c_during_the_join_kills_every_worker_not_ended():
    procs = [_Proc(), _Proc()]
    other = _Proc()
    ending = [(None, _Interrupted(), procs), (None, _Interrupted(), [other])]
    with pytest.raises(KeyboardInterrupt):
        pool._join_ended(ending)
    # (left alive, the interpreter's exit joins the executor's thread, which waits for them)
    assert all(p.calls[-1:] == ["kill"] for p in (*procs, other))
    assert ending == []


class _Pool:
    """A pool whose shutdown is cut by Ctrl-C."""

    _executor_manager_thread = _Interrupted()
    _processes = {1: _Proc()}

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        raise KeyboardInterrupt


def test_ctrl_c_inside_the_shutdown_leaves_the_pool_to_be_joined():
    ending: list = []
    with pytest.raises(KeyboardInterrupt):
        pool._shut(_Pool(), ending)
    assert len(ending) == 1 and ending[0][2] == list(_Pool._processes.values())
