"""A Dask worker running other nlp_reports code (another checkout, an older install) or
loading another model stops the run before any file is tried, naming the worker and both
codes (else such a worker parses with its own code, without a word)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, local_cluster, make_report, write_json_reports

from nlp_reports.corpus import batch, dask_backend, tag_paths
from nlp_reports.corpus.store import Store
from nlp_reports.errors import ClusterError

CLIENT = ("a" * 64, "/home/postdoc/nlp_reports/nlp_reports", "fde104068ade77")


def test_the_same_code_and_model_pass():
    assert dask_backend._other_code("tcp://10.0.0.7:40111", ("a" * 64, "/opt/clone2/nlp_reports",
                                                      "node07", "fde104068ade77"), CLIENT) is None
    # a worker that could not load the model: its readiness check says so, not this one
    assert dask_backend._other_code("tcp://10.0.0.7:40111", ("a" * 64, "/x", "node07", None),
                             CLIENT) is None


def test_other_code_or_another_model_is_said_with_both_sides():
    said = dask_backend._other_code("tcp://10.0.0.7:40111",
                             ("b" * 64, "/scratch/old/nlp_reports", "node07", "fde104068ade77"),
                             CLIENT)
    assert said == ("the Dask worker tcp://10.0.0.7:40111 (node07) runs nlp_reports from "
                    "/scratch/old/nlp_reports (code digest bbbbbbbbbbbb), the client from "
                    "/home/postdoc/nlp_reports/nlp_reports (aaaaaaaaaaaa)")
    said = dask_backend._other_code("tcp://10.0.0.7:40111", ("a" * 64, "/x", "node07", "0123456789ab"),
                             CLIENT)
    assert said is not None and "loads model 0123456789ab" in said and "fde104068ade" in said


def test_the_digest_is_of_the_package_sources():
    digest, folder = dask_backend._code_stamp()
    assert len(digest) == 64 and Path(folder) == Path(batch.__file__).resolve().parents[1]
    assert dask_backend._code_stamp() is dask_backend._code_stamp()  # read once a process


def _fake_checkout() -> None:
    """On one worker: the code of another checkout."""
    dask_backend._CODE_STAMP = ("0" * 64, "/scratch/lab/old-clone/nlp_reports")


def test_a_worker_with_other_code_stops_the_run_before_any_file(tmp_path):
    distributed = pytest.importorskip("distributed")
    write_json_reports(tmp_path / "in", {
        f"k{i}": make_report(f"澄江县第{i}中学", 2021 + i, ["信息公开专栏内容更新不够及时。"],
                             ["明确专人负责栏目维护。"], level="school", region="云南")
        for i in range(4)})
    with local_cluster(2) as cluster, \
            distributed.Client(cluster) as client:
        old, same = sorted(client.nthreads())
        client.run(_fake_checkout, workers=[old])
        with pytest.raises(ClusterError) as err:
            tag_paths(tmp_path / "in", tmp_path / "s.sqlite", model=FakeTagger(),
                      backend="dask", scheduler=client, loader=json_loader, chunk_size=2)
    said = str(err.value)
    assert (f"the Dask worker {old} (" in said
            and "runs nlp_reports from /scratch/lab/old-clone/nlp_reports (code digest "
                "000000000000), the client from " + dask_backend._code_stamp()[1] in said)
    assert same not in said
    assert "install the same version on every worker" in said and "nothing was tagged" in said
    if (tmp_path / "s.sqlite").exists():
        with Store(tmp_path / "s.sqlite", readonly=True) as store:
            assert store.count("files") == 0
