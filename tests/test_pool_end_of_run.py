"""The end of a ``tag --jobs N`` run: the worker pool has ended when ``tag_paths`` returns.

Why it matters: the pool is shut down without waiting once its last result is in (its workers
end while the parent writes). At exit, Python 3.11 wakes every executor thread still running
by writing to its wakeup pipe without the executor's lock; a thread closing that pipe at the
same moment made a complete run over 20,000 reports print "Exception ignored in: …
OSError: [Errno 9] Bad file descriptor" (batch26). An ended thread has closed its pipe and is
left alone. What must hold: no executor thread and no worker outlives the run, even when a
worker is slow to end; and a worker that never ends does not hold the run up (it is killed).
"""

from __future__ import annotations

import multiprocessing.util
import os
import threading
import time
from concurrent.futures.process import _ExecutorManagerThread
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, alive, json_loader, make_report, write_json_reports

from nlp_reports.corpus import Store, batch, pool

pytestmark = pytest.mark.skipif(not pool._fork_available(), reason="needs fork (Linux)")

#: Set by a test before the run (the forked workers inherit it): seconds each worker spends
#: ending, and the folder where each writes its pid.
_ENDING = {"seconds": 0.0, "pids": ""}


def lingering_loader(path: str):
    """``json_loader`` that makes the worker reading it slow to end (module-level: picklable)."""
    pids = Path(_ENDING["pids"])
    mark = pids / str(os.getpid())
    if not mark.exists():
        mark.write_text(path)
        multiprocessing.util.Finalize(None, time.sleep, args=(_ENDING["seconds"],),
                                      exitpriority=0)
    return json_loader(path)


def _corpus(folder: Path, n: int) -> Path:
    write_json_reports(folder, {
        f"r{i:02d}": make_report(f"{name}人民政府", 2020 + i % 5,
                                 [f"{topic}工作还存在不足。"], [f"进一步加强{topic}工作。"])
        for i, (name, topic) in enumerate(
            (f"{county}县{town}", topic)
            for county in ("临川", "丰宁", "榆社", "宾川")
            for town, topic in (("城关镇", "依申请公开"), ("东关街道", "政策解读"),
                                ("石门乡", "主动公开"), ("卫生健康局", "平台建设")))
        if i < n})
    return folder


def _executor_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if isinstance(t, _ExecutorManagerThread)]


def _run(tmp_path: Path, seconds: float) -> tuple[batch.BatchResult, list[int]]:
    pids = tmp_path / "pids"
    pids.mkdir()
    _ENDING.update(seconds=seconds, pids=str(pids))
    try:
        res = batch.tag_paths([_corpus(tmp_path / "in", 16)], tmp_path / "c.db",
                              model=FakeTagger(), loader=lingering_loader, jobs=2,
                              chunk_size=2)
    finally:
        _ENDING.update(seconds=0.0, pids="")
    return res, [int(p.name) for p in pids.iterdir()]


def test_a_worker_slow_to_end_has_ended_when_the_run_returns(tmp_path):
    assert not _executor_threads()
    res, workers = _run(tmp_path, 1.0)  # (within _POOL_END_SECONDS: it ends on its own)
    assert res.ok == 16 and res.failed == 0
    assert workers and not _executor_threads()
    assert not any(alive(pid) for pid in workers)


def test_a_worker_that_never_ends_is_killed_and_the_run_ends(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "_POOL_END_SECONDS", 0.2)
    res, workers = _run(tmp_path, 3600.0)
    assert res.ok == 16 and res.failed == 0
    assert workers and not _executor_threads()
    assert not any(alive(pid) for pid in workers)
    with Store(tmp_path / "c.db") as store:
        assert store.count("reports") == 16
