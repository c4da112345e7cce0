"""The year-over-year tables computed aside in a forked process give the serial tables.

On a big corpus (``ASIDE_STATEMENTS``) on Linux with two CPUs, ``summarize`` computes the
copying tables in a forked process while it computes the others: the same tables, notes,
log records and warnings as computed in turn, and in turn whenever the forked process
cannot run or fails.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import warnings

import pandas as pd
import pytest
from _corpus_helpers import alive, synthetic_store

from nlp_reports.corpus import aside

sm = importlib.import_module("nlp_reports.corpus.summarize")  # (the package binds the function)

REAL_IDLE_CPU = aside.idle_cpu  # (the fixture below stands in for it in the other tests)
REAL_ONLY_THREAD = aside._only_thread  # (likewise)
needs_fork = pytest.mark.skipif(  # (whatever threads earlier tests left: the fixture below)
    not (sys.platform.startswith("linux") and hasattr(os, "fork") and aside._cpus() >= 2),
    reason="fork or a second CPU not available")


@pytest.fixture(autouse=True)
def _idle(monkeypatch):
    """As on an idle machine (the tests may run beside others), in a process of one thread
    (earlier tests of the suite may leave an idle thread behind)."""
    monkeypatch.setattr(aside, "idle_cpu", lambda: True)
    monkeypatch.setattr(aside, "_only_thread", lambda: True)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return synthetic_store(tmp_path_factory.mktemp("aside") / "s.sqlite", 96, seed=4)


def _forks(monkeypatch) -> list[int]:
    """The pids forked from here on (os.fork wrapped)."""
    forked: list[int] = []
    real = os.fork

    def fork():
        pid = real()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return forked


@needs_fork
@pytest.mark.parametrize(("kwargs", "n_forks"), [
    ({}, 2),  # the index while loading, then the year-over-year tables
    ({"by": ("year",)}, 2),
    ({"by": ("level", "year")}, 2),
    ({"years": [2020, 2021]}, 1),  # (the index of all years, for the cross-year tables)
    ({"dedupe": True}, 1),  # (other statements than those read: the index is built after)
    ({"agencies": ["第3号机关", "第5号机关"]}, 1),
])
def test_tables_computed_aside_are_the_serial_tables(store, monkeypatch, kwargs, n_forks):
    serial = sm.summarize(store, **kwargs)
    monkeypatch.setattr(sm, "ASIDE_STATEMENTS", 0)
    forked = _forks(monkeypatch)
    parallel = sm.summarize(store, **kwargs)
    assert len(forked) == n_forks
    assert list(parallel.tables) == list(serial.tables)  # (the order the outputs follow)
    for name, df in serial.tables.items():
        pd.testing.assert_frame_equal(parallel.tables[name], df, check_exact=True, obj=name)
    assert len(serial.tables["copied_statements"]) > 0  # (there was something to compare)
    assert parallel.notes == serial.notes
    assert parallel.to_markdown() == serial.to_markdown()
    assert "".join(parallel.json_parts()) == "".join(serial.json_parts())


def test_the_index_built_while_loading_is_used_for_its_own_statements_only(store):
    from nlp_reports.corpus.store import open_store

    db, _ = open_store(store, readonly=True)
    with db:
        frames = sm.load_frames(db)
    assert frames.index is None  # (not asked for)
    some = frames.statements.head(5)
    built = sm._index_of(sm.Frames(frames.reports, some, frames.checks))
    assert len(built.uid) == 5
    frames.index = (some, built)  # (another statements object than frames.statements)
    assert len(sm._index_of(frames).uid) == len(frames.statements)


def test_a_small_corpus_a_busy_machine_or_one_cpu_is_computed_in_turn(store, monkeypatch):
    forked = _forks(monkeypatch)
    sm.summarize(store)  # (96 reports, far under ASIDE_STATEMENTS)
    monkeypatch.setattr(sm, "ASIDE_STATEMENTS", 0)
    monkeypatch.setattr(aside, "idle_cpu", lambda: False)
    sm.summarize(store)
    monkeypatch.setattr(aside, "idle_cpu", lambda: True)
    monkeypatch.setattr(aside, "can_fork", lambda: False)
    sm.summarize(store)
    assert forked == []


def test_a_process_with_another_thread_never_forks(store, monkeypatch):
    """A notebook kernel or a Dask client runs threads; a lock one of them holds at the fork
    would stay held in the forked process, so the summary is computed in turn there."""
    import threading

    forked = _forks(monkeypatch)
    monkeypatch.setattr(sm, "ASIDE_STATEMENTS", 0)
    monkeypatch.setattr(aside, "_cpus", lambda: 2)
    monkeypatch.setattr(aside, "_only_thread", REAL_ONLY_THREAD)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert aside.can_fork() is False
        sm.summarize(store)
    finally:
        stop.set()
        other.join()
    assert forked == []


@pytest.mark.parametrize(("files", "expected"), [
    ({"cpu.max": "100000 100000\n"}, 1),  # a container limited to one CPU: no fork
    ({"cpu.max": "150000 100000\n"}, 2),
    ({"cpu.max": "max 100000\n"}, 8),  # no quota
    ({"cpu.cfs_quota_us": "50000\n", "cpu.cfs_period_us": "100000\n"}, 1),  # cgroup v1
    ({"cpu.cfs_quota_us": "-1\n", "cpu.cfs_period_us": "100000\n"}, 8),
    ({}, 8),  # no cgroup files
    ({"cpu.max": "garbled\n"}, 8),
])
def test_the_cpus_counted_are_capped_by_a_container_quota(tmp_path, monkeypatch, files,
                                                            expected):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(aside, "_CPU_MAX", str(tmp_path / "cpu.max"))
    monkeypatch.setattr(aside, "_CFS", (str(tmp_path / "cpu.cfs_quota_us"),
                                        str(tmp_path / "cpu.cfs_period_us")))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    assert aside._cpus() == expected

def test_an_idle_cpu_is_read_from_the_running_tasks(tmp_path, monkeypatch):
    import builtins

    real_open = builtins.open

    def loadavg(text):
        def fake(path, *a, **k):
            if path == "/proc/loadavg":
                path = tmp_path / "loadavg"
                path.write_text(text)
            return real_open(path, *a, **k)
        return fake

    monkeypatch.setattr(aside, "_cpus", lambda: 2)
    for text, expected in (("0.50 0.40 0.30 1/90 123\n", True),
                           ("4.62 4.95 3.75 6/105 2652\n", False),
                           ("1.90 1.00 0.80 2/95 77\n", False),
                           ("garbled\n", True)):
        monkeypatch.setattr(builtins, "open", loadavg(text))
        assert REAL_IDLE_CPU() is expected, text


def test_an_idle_cpu_is_what_most_reads_say_not_one_passing_task(monkeypatch):
    # one read of the running tasks caught a passing task in 5 % of reads on an idle
    # machine: the summary then ran on one core, ~1 s slower
    import builtins
    import io

    real_open = builtins.open
    idle, busy = "0.10 0.20 0.30 1/90 123\n", "1.90 1.00 0.80 2/95 77\n"

    def reads(texts):
        it = iter(texts)

        def fake(path, *a, **k):
            if path == "/proc/loadavg":
                return io.StringIO(next(it))
            return real_open(path, *a, **k)
        return fake

    monkeypatch.setattr(aside, "_cpus", lambda: 2)
    monkeypatch.setattr(aside, "IDLE_GAP", 0)
    for texts, expected in (([busy] + [idle] * 8, True),
                            ([busy, idle, busy, idle, busy, idle, idle, idle, idle], True),
                            ([idle] + [busy] * 8, False),
                            ([busy, busy, idle, busy, busy, busy, busy, busy, busy], False)):
        monkeypatch.setattr(builtins, "open", reads(texts))
        assert REAL_IDLE_CPU() is expected, texts


def _in_child_only(parent: int, then):
    def fn(x):
        if os.getpid() != parent:
            then()
        return x * 2
    return fn


@needs_fork
def test_a_forked_process_that_fails_or_dies_is_computed_in_turn():
    me = os.getpid()

    def boom():
        raise MemoryError("in the child only")

    for then in (boom, lambda: os._exit(3), lambda: os.kill(os.getpid(), 9)):
        job = aside.start(_in_child_only(me, then), 21)
        assert job._pid  # (forked)
        assert job.result() == 42


@needs_fork
def test_an_error_is_raised_here_as_in_turn():
    def fail(x):
        raise KeyError(x)

    job = aside.start(fail, "年份")
    with pytest.raises(KeyError, match="年份"):
        job.result()


@needs_fork
def test_log_records_of_the_forked_process_are_logged_here_once(caplog):
    def noisy(x):
        logging.getLogger("nlp_reports").warning("copying: report %s is long", x)
        return [x]

    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        job = aside.start(noisy, 7)
        assert job._pid
        assert caplog.records == []  # (not before its result is taken)
        assert job.result() == [7]
    assert [r.getMessage() for r in caplog.records] == ["copying: report 7 is long"]


@needs_fork
def test_a_warning_in_the_forked_process_is_given_here():
    def warns(x):
        warnings.warn(f"{x} 份报告无法比较", UserWarning, stacklevel=1)
        return x

    with pytest.warns(UserWarning, match="无法比较"):
        job = aside.start(warns, 3)
        assert job._pid
        assert job.result() == 3


@needs_fork
def test_closing_before_the_result_ends_the_forked_process():
    import time

    job = aside.start(time.sleep, 30)
    pid = job._pid
    assert pid
    started = time.monotonic()
    job.close()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # (ended and reaped)
    job.close()  # (idempotent)


@needs_fork
def test_the_forked_process_ends_with_a_parent_killed_outright():
    """A parent ended by SIGKILL runs no ``finally``: its forked part must not go on
    computing, holding a copy of the frames, for nobody."""
    import time

    r, w = os.pipe()
    parent = os.fork()
    if parent == 0:  # (a process that starts a part aside, then dies at once)
        try:
            job = aside.start(time.sleep, 30)
            os.write(w, str(job._pid).encode())
        finally:
            os._exit(0)
    os.close(w)
    os.waitpid(parent, 0)
    child = int(os.read(r, 32) or 0)
    os.close(r)
    assert child
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:  # (a zombie is not alive)
        time.sleep(0.05)
    if alive(child):
        os.kill(child, 9)
        raise AssertionError("the forked part outlived its parent")


@needs_fork
def test_a_ctrl_c_while_waiting_ends_the_forked_process():
    """A Ctrl-C reaches this process (the forked one ignores it) while it waits for the
    result: the KeyboardInterrupt comes out, and ``close`` in the caller's ``finally`` ends
    and reaps the forked process rather than leaving it to compute for nobody."""
    import signal
    import time

    job = aside.start(time.sleep, 30)
    pid = job._pid
    assert pid
    old = signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), signal.SIGINT))
    signal.setitimer(signal.ITIMER_REAL, 0.3)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            try:
                job.result()
            finally:
                job.close()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
