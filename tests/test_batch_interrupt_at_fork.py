"""Ctrl-C of ``tag --jobs N`` landing while the batch's process forks a worker or the head start.

Why it matters: Python runs the handlers registered with ``os.register_at_fork`` (logging's
lock, for one) around every fork, and an exception raised inside one of them is printed as
"Exception ignored in: <function _releaseLock …>" and dropped. A SIGINT arriving during a
fork (a few milliseconds for a process holding the model) was handled inside such a handler:
its KeyboardInterrupt was dropped, and the run went on to its end as if no Ctrl-C had come
(3 runs in 126 of ``tag --jobs 2`` with Ctrl-C at a random moment). What must hold: the run
stops (KeyboardInterrupt), no forked process outlives it, what was written stays whole.

Each case runs in its own Python (the fork handler cannot be unregistered); the SIGINT is
sent from a fork handler, at the moment a real one lands in logging's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import run_pool_script

from nlp_reports.corpus import Store, pool

pytestmark = pytest.mark.skipif(not pool._fork_available(), reason="needs fork (Linux)")

_HOOKS = """

    sent = []

    def ctrl_c():
        # the first fork of the batch's process gets the Ctrl-C (MODE: before it, or after it
        # in the parent, where logging's handler releases its lock)
        if os.getpid() == PARENT and not sent:
            sent.append(1)
            os.kill(PARENT, signal.SIGINT)

    def children():
        # this process's children still running (a zombie waiting to be reaped is not)
        out = []
        for d in os.listdir("/proc"):
            try:
                ppid = int(Path(f"/proc/{{d}}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == PARENT and alive(int(d)):
                out.append(int(d))
        return out

    if MODE.startswith("before"):
        os.register_at_fork(before=ctrl_c)
    else:
        os.register_at_fork(after_in_parent=ctrl_c)

    towns = ("城关镇", "东关街道", "石门乡", "卫生健康局", "自然资源局", "实验小学")
    reports = {{
        f"r{{i:03d}}": make_report(f"宾川县{{towns[i % 6]}}{{i}}", 2019 + i % 6,
                                   [f"第{{i}}批依申请公开答复超期。"],
                                   [f"{{i}}月底前完成目录梳理。"])
        for i in range(120)}}
    write_json_reports(TMP / "in", reports)
    out = {{"interrupted": False}}
"""

_POOL = _HOOKS + """
    try:
        batch.tag_paths([TMP / "in"], TMP / "c.db", model=FakeTagger(), loader=json_loader,
                        jobs=2, chunk_size=4)
    except KeyboardInterrupt:
        out["interrupted"] = True
    time.sleep(0.2)  # (a killed process is gone within milliseconds)
    out["alive"] = children()
    print(json.dumps(out), flush=True)
"""

_HEAD = _HOOKS + """
    from nlp_reports.corpus.head_start import _HeadStart

    files = sorted(str(p) for p in (TMP / "in").iterdir())
    try:
        head = _HeadStart(files, json_loader, None)
    except KeyboardInterrupt:
        out["interrupted"] = True
    else:
        head.close()
    out["alive"] = children()
    print(json.dumps(out), flush=True)
"""


@pytest.mark.parametrize("mode", ["before", "after"])
def test_ctrl_c_while_a_worker_is_forked_stops_the_run(tmp_path: Path, mode: str) -> None:
    out = run_pool_script(_POOL, tmp_path, mode, timeout=60)
    assert out["interrupted"], "the Ctrl-C was dropped: the run went on to its end"
    assert out["alive"] == []
    with Store(tmp_path / "c.db") as store:  # (nothing or whole reports, never all of them)
        stored = store.count("reports")
        files = store.count("files")
    assert stored < 120 and files == stored


@pytest.mark.parametrize("mode", ["before", "after"])
def test_ctrl_c_while_the_head_start_is_forked_stops_it(tmp_path: Path, mode: str) -> None:
    out = run_pool_script(_HEAD, tmp_path, mode, timeout=60)
    assert out["interrupted"], "the Ctrl-C was dropped"
    assert out["alive"] == []


def test_a_ctrl_c_held_over_a_block_is_raised_as_it_is_left() -> None:
    import os
    import signal

    handler = signal.getsignal(signal.SIGINT)
    went_on = False
    with pytest.raises(KeyboardInterrupt), pool._ctrl_c_held():
        os.kill(os.getpid(), signal.SIGINT)
        went_on = True  # (held: nothing raised inside the block)
    assert went_on and signal.getsignal(signal.SIGINT) is handler
    with pool._ctrl_c_held():  # no Ctrl-C: nothing raised, the handler back
        pass
    assert signal.getsignal(signal.SIGINT) is handler


def test_a_ctrl_c_ignored_before_stays_ignored() -> None:
    import os
    import signal

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with pool._ctrl_c_held():
            os.kill(os.getpid(), signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)


def test_a_process_forked_in_the_block_leaves_ctrl_c_to_its_parent() -> None:
    import os
    import signal

    read, write = os.pipe()
    with pool._forking_quietly():  # (the head start's fork)
        pid = os.fork()
    if pid == 0:  # (the child, out of the block)
        try:
            os.write(write, b"ign" if signal.getsignal(signal.SIGINT) is signal.SIG_IGN
                     else b"other")
        finally:
            os._exit(0)
    os.close(write)
    try:
        assert os.read(read, 16) == b"ign"
    finally:
        os.close(read)
        os.waitpid(pid, 0)
