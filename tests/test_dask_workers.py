"""The Dask backend on worker processes: the tagger reaches each worker once, a dead worker
fails only its chunk, and the workers that replace it get the tagger too.

These start LocalClusters of real processes (≈ 1–2 s each), since with thread workers
nothing is pickled and the costs the backend avoids would not show.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, local_cluster, make_report, write_json_reports
from test_batch import _content

from nlp_reports.corpus import tag_paths

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

#: How many times a CountingTagger was unpickled in this process (read on the workers).
UNPICKLED = 0


class CountingTagger(FakeTagger):
    """A FakeTagger that counts its unpickling in the process that unpickles it."""

    def __setstate__(self, state: dict) -> None:
        global UNPICKLED
        UNPICKLED += 1
        self.__dict__.update(state)


def _unpickled() -> int:
    return UNPICKLED


def _corpus(folder: Path, n: int) -> list[Path]:
    return write_json_reports(folder, {
        f"r{i:02d}": make_report(f"第{i}县人民政府", 2020 + i % 3,
                                 [f"第{i}项问题：人员力量不足。"], [f"加强第{i}类培训。"])
        for i in range(n)})


def _killer(path: str):
    """A loader that kills its worker process on r05 (a crash no ``except`` can catch)."""
    if Path(path).name == "r05.txt":
        os._exit(3)
    return json_loader(path)


def test_loaded_tagger_reaches_each_worker_once(tmp_path):
    _corpus(tmp_path / "in", 16)
    serial = tmp_path / "serial.db"
    tag_paths([tmp_path / "in"], serial, model=FakeTagger(), loader=json_loader)
    with local_cluster(2) as cluster, distributed.Client(cluster) as client:
        result = tag_paths([tmp_path / "in"], tmp_path / "dask.db", model=CountingTagger(),
                           loader=json_loader, backend="dask", scheduler=client, chunk_size=2)
        per_worker = client.run(_unpickled)
        plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
    assert result.ok == 16 and result.failed == 0
    # 8 tasks, 2 workers: pickled into each task, some worker would unpickle it ≥ 4 times
    assert sum(per_worker.values()) >= 1
    assert max(per_worker.values()) == 1, per_worker
    # the plugin that carried it is gone once the batch ends
    assert not any(p.startswith("nlp-reports-tagger") for ps in plugins.values() for p in ps)
    assert _content(serial) == _content(tmp_path / "dask.db")


def test_dead_worker_fails_its_chunk_and_its_replacement_gets_the_tagger(tmp_path):
    _corpus(tmp_path / "in", 12)
    # no retry of a task whose worker died, one task at a time on the one worker: the
    # chunk that kills it is the one lost; the nanny restarts the worker for the rest
    with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                          "distributed.scheduler.worker-saturation": 1.0}), local_cluster(1) as cluster:
        result = tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                           loader=_killer, backend="dask", scheduler=cluster, chunk_size=2)
    failed = sorted(Path(f.path).name for f in result.failures)
    assert failed == ["r04.txt", "r05.txt"]  # the chunk holding r05, nothing else
    assert {f.reason for f in result.failures} == {"worker_error"}
    assert result.ok == 10  # the chunks after the restart were tagged by the new worker
