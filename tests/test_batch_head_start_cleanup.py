"""The head start of ``tag --jobs N`` (head_start._HeadStart) leaves nothing behind: no process
(running or a zombie) after a Ctrl-C while it runs, no copy of its in-memory file in the
workers forked beside it; and where fork or memfd is missing the run goes without it."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, children, json_loader, make_report, write_json_reports

from nlp_reports.corpus import batch, files, head_start, worker
from nlp_reports.corpus import pool as batch_pool

fork_only = pytest.mark.skipif(not batch_pool._fork_available(), reason="needs fork (Linux)")


def _corpus(folder: Path, n: int) -> list[Path]:
    return sorted(write_json_reports(folder, {
        f"r{i:02d}": make_report(f"第{i}镇人民政府", 2021 + i % 3, [f"第{i}项：专业人员不足。"],
                                 [f"开展第{i}期业务培训。"])
        for i in range(n)}))


def _memfds(pid: int) -> list[str]:
    out = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            link = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:  # (closed meanwhile)
            continue
        if link.startswith("/memfd:nlp-reports-head-start"):
            out.append(link)
    return out


@fork_only
def test_workers_forked_beside_the_head_start_do_not_keep_its_file(tmp_path):
    """The workers are forked while the head start writes its file; each held it (up to 512
    parsed reports in memory) until the run ended."""
    paths = _corpus(tmp_path / "in", 6)
    head = head_start._HeadStart([str(p) for p in paths], json_loader, None, limit=3)
    pool = batch_pool._launched_pool(2, head)
    try:
        workers = list(pool._processes)
        assert len(workers) == 2 and _memfds(os.getpid())
        deadline = time.monotonic() + 30  # (a worker closes it in its initializer)
        while [w for w in workers if _memfds(w)] and time.monotonic() < deadline:
            time.sleep(0.01)
        assert [w for w in workers if _memfds(w)] == []
        parsed = head.stop()
        assert len(parsed) == 3 and not _memfds(os.getpid())
        items = [(str(p), *files.file_digest(p)) for p in paths]
        spec = worker.TaggerSpec(instance=FakeTagger())
        got = [o for res in batch_pool._run_forked_pools([items[:3], items[3:]], spec, json_loader,
                                                          2, False, None, head, parsed, pool)
               for o in res]
        assert [(o[0], o[1]) for o in got] == [("ok", p) for p, _, _ in items]
    finally:
        head.close()
        batch_pool._end_pool(pool)


@fork_only
def test_a_worker_closes_only_the_file_it_was_given(tmp_path):
    """The descriptor's number may name another file by then: it is left open."""
    import multiprocessing as mp

    with open(tmp_path / "a", "wb") as a, open(tmp_path / "b", "wb") as b:
        for scratch, kept in ((batch_pool._file_id(a.fileno()), False),
                              ((a.fileno(), *batch_pool._file_id(b.fileno())[1:]), True)):
            pool = batch_pool._pool(1, mp.get_context("fork"), scratch)
            try:
                fstat = pool.submit(os.fstat, a.fileno())
                if kept:
                    assert fstat.result(30).st_ino == os.fstat(a.fileno()).st_ino
                else:
                    with pytest.raises(OSError):
                        fstat.result(30)
            finally:
                batch_pool._end_pool(pool)


@fork_only
def test_ctrl_c_while_the_model_loads_leaves_no_process_nor_zombie(tmp_path, monkeypatch):
    _corpus(tmp_path / "in", 4)
    started: list[head_start._HeadStart] = []
    real = head_start._start_head

    def start(*args):
        started.append(real(*args))
        return started[-1]

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "_start_head", start)
    monkeypatch.setattr(worker.TaggerSpec, "get", interrupted)
    before = set(children(os.getpid()))
    with pytest.raises(KeyboardInterrupt):
        batch.tag_paths([tmp_path / "in"], tmp_path / "c.db", model=tmp_path / "m",
                        loader=json_loader, jobs=2)
    assert started and started[0] is not None
    assert started[0]._proc.exitcode is not None  # reaped: no zombie
    assert set(children(os.getpid())) <= before  # (children() lists zombies too)
    assert started[0]._file.closed and not (tmp_path / "c.db").exists()


def test_without_fork_no_head_start_is_forked(tmp_path, monkeypatch):
    """macOS and Windows: the run forks nothing before the model loads."""
    _corpus(tmp_path / "in", 3)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not batch_pool._fork_available()

    def forked(*args):
        raise AssertionError("a head start without fork")

    def loaded(self):
        raise KeyboardInterrupt  # (the run stops at the model load)

    monkeypatch.setattr(head_start, "_HeadStart", forked)
    monkeypatch.setattr(worker.TaggerSpec, "get", loaded)
    with pytest.raises(KeyboardInterrupt):
        batch.tag_paths([tmp_path / "in"], tmp_path / "c.db", model=tmp_path / "m",
                        loader=json_loader, jobs=2)


@fork_only
def test_without_memfd_the_head_start_hands_over_in_a_temporary_file(tmp_path, monkeypatch):
    paths = _corpus(tmp_path / "in", 3)
    monkeypatch.delattr(os, "memfd_create")
    head = head_start._HeadStart([str(p) for p in paths], json_loader, None, limit=2)
    head._proc.join(30)
    assert head._proc.exitcode == 0 and not _memfds(os.getpid())
    assert head.stop() == frozenset((str(p), *files.file_digest(p)) for p in paths[:2])
    assert head._file.closed
