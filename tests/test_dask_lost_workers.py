"""A Dask run on a cluster as a lab has one: a worker lost while the model is
sent to the workers does not fail the run, and a worker that cannot see the files does not
take most of the run's chunks with it — its chunks are run again on the workers that can.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, local_cluster, make_report, write_json_reports

from nlp_reports.corpus import dask_backend, tag_paths, worker
from nlp_reports.corpus.store import Store

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow  # starts a cluster of worker processes (> 10 s)


def _corpus(folder: Path, n: int) -> list[Path]:
    bodies = ["岚州市人力资源和社会保障局", "湄川县青山镇人民政府", "白鹭市第一人民医院",
              "岚州省交通运输厅", "湄川县梧桐街道办事处", "白鹭市疾病预防控制中心"]
    return write_json_reports(folder, {
        f"g{i:02d}": make_report(f"{bodies[i % len(bodies)]}（{i}）", 2019 + i % 7,
                                 [f"基层站所信息公开专干多为兼职，第{i}季度栏目更新不及时。"],
                                 [f"下一步将对{i}个栏目开展季度巡查。"])
        for i in range(n)})


def _statuses(db: Path) -> list[str]:
    with Store(db, readonly=True) as store:
        return sorted(s for (s,) in store.connection.execute("SELECT status FROM files"))


class _SlowToArrive(FakeTagger):
    """A tagger that takes seconds to unpickle on a worker, as the shipped model's ≈ 28 MiB
    does on a loaded machine: the window in which a worker can die mid-broadcast."""

    def __setstate__(self, state: dict) -> None:
        time.sleep(4)
        self.__dict__.update(state)


def test_a_worker_lost_while_the_model_is_sent_does_not_fail_the_run(tmp_path):
    _corpus(tmp_path / "in", 8)
    with local_cluster(2) as cluster, distributed.Client(cluster) as client:
        victim = sorted(client.run(os.getpid).values())[0]
        killer = threading.Timer(1.5, os.kill, (victim, signal.SIGKILL))
        killer.start()
        try:
            result = tag_paths(tmp_path / "in", tmp_path / "s.sqlite", model=_SlowToArrive(),
                               backend="dask", scheduler=client, loader=json_loader,
                               chunk_size=2)
        finally:
            killer.cancel()
    assert result.ok == 8
    assert _statuses(tmp_path / "s.sqlite") == ["ok"] * 8


def _hide_files() -> None:
    """On one worker: every path resolves where nothing is (a worker without the disk)."""
    dask_backend.real_path = worker.real_path = lambda p: "/nonexistent-mount" + str(p)


def test_chunks_a_blind_worker_got_are_run_again_on_the_others(tmp_path, caplog):
    _corpus(tmp_path / "in", 16)
    with local_cluster(2) as cluster, distributed.Client(cluster) as client:
        blind = sorted(client.nthreads())[0]
        client.run(_hide_files, workers=[blind])
        with caplog.at_level("WARNING", logger="nlp_reports"):
            result = tag_paths(tmp_path / "in", tmp_path / "s.sqlite", model=FakeTagger(),
                               backend="dask", scheduler=client, loader=json_loader,
                               chunk_size=2)
    assert blind in caplog.text  # the check still names it
    assert result.ok == 16 and result.failed == 0
    assert _statuses(tmp_path / "s.sqlite") == ["ok"] * 16
