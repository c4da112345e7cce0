"""A per-file time limit on Dask: a file whose parse hangs on a Dask worker fails
with reason ``timeout`` as it does with ``--jobs``, the rest of its chunk is tagged, the run
ends, and the worker still running the abandoned parse is restarted (by its nanny). The
readiness checks no longer wait a minute on a worker that died while answering them.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, local_cluster, make_report, write_json_reports

from nlp_reports.cli import main
from nlp_reports.corpus import Store, dask_backend, tag_paths
from nlp_reports.corpus import worker as batch_worker
from nlp_reports.errors import ClusterError

distributed = pytest.importorskip("distributed")


def _hangs_on_stuck(path: str):
    """Sleeps 20 s on files named stuck* (a parser that hangs), else reads the JSON report
    (module-level: the Dask worker processes unpickle it)."""
    if Path(path).name.startswith("stuck"):
        time.sleep(20)
    return json_loader(path)


def _corpus(folder: Path) -> None:
    write_json_reports(folder, {
        "a": make_report("云岭乡人民政府", 2021, ["依申请公开答复文书格式不统一。"],
                         ["统一答复文书模板。"], level="township", region="云南"),
        "b": make_report("海州市市场监督管理局", 2023, ["政策解读形式单一，图解视频偏少。"],
                         ["加强政策解读，增加图解和短视频。"], level="city", region="江苏"),
        "stuck": make_report("北川县第一中学", 2022, ["校务公开栏更新不及时。"],
                             ["指定专人每月更新公开栏。"], level="county", region="四川"),
        "c": make_report("松原市中心医院", 2024, ["院务公开目录不够完整。"],
                         ["完善院务公开目录。"], level="city", region="吉林"),
    })


def _statuses(db: Path) -> dict[str, tuple[str, str | None]]:
    with Store(db) as s:
        files = s.files()
    return {Path(p).stem: (status, reason if isinstance(reason, str) else None)
            for p, status, reason in zip(files["path"], files["status"], files["reason"], strict=True)}


@pytest.mark.slow
def test_a_file_that_hangs_on_a_worker_times_out_and_the_worker_is_restarted(tmp_path, caplog):
    # before: the Dask worker thread got no alarm, the parse held the worker for ever and the
    # run, reading results in order, never ended
    _corpus(tmp_path / "in")
    db = tmp_path / "c.db"
    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        [before] = client.nthreads()
        with caplog.at_level(logging.INFO, logger="nlp_reports"):
            start = time.monotonic()
            result = tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=_hangs_on_stuck,
                               backend="dask", scheduler=client, timeout=1, chunk_size=4)
            took = time.monotonic() - start
        assert took < 18, took  # did not wait for the 20 s sleep
        client.wait_for_workers(1, timeout=30)
        assert before not in client.nthreads()  # restarted: a new worker process
    assert (result.ok, result.failed) == (3, 1)
    [failure] = result.failures
    assert Path(failure.path).stem == "stuck" and failure.reason == "timeout"
    assert failure.message == "parsing took longer than 1 s"  # what --jobs says
    assert _statuses(db) == {"a": ("ok", None), "b": ("ok", None), "c": ("ok", None),
                             "stuck": ("failed", "timeout")}
    assert any("restarted it" in r.getMessage() and before in r.getMessage()
               for r in caplog.records), caplog.text
    # resumed: the stored files are not tagged again, the one that hung is tried again
    with local_cluster(1) as cluster:
        again = tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=json_loader,
                          backend="dask", scheduler=cluster.scheduler_address, timeout=1)
    assert (again.ok, again.skipped, again.failed) == (1, 3, 0)
    assert {s for s, _ in _statuses(db).values()} == {"ok"}


def test_the_watchdog_fails_only_the_file_over_the_limit_in_a_chunk(tmp_path):
    # on one in-process worker: the chunk's other files are tagged, in order, and the task
    # says which worker still runs the abandoned parse
    _corpus(tmp_path / "in")
    items = [(str(p), f"{i:064x}", p.stat().st_size)
             for i, p in enumerate(sorted((tmp_path / "in").iterdir()))]
    spec = batch_worker.TaggerSpec(instance=FakeTagger())
    with local_cluster(1, processes=False) as cluster, distributed.Client(cluster) as client:
        out = client.submit(dask_backend._dask_chunk, items, spec, _sleeps_on_stuck, True, 1,
                            pure=False).result()
        [worker] = client.nthreads()
    rows, [note] = dask_backend._split_abandoned(out)
    assert note == dask_backend._Abandoned(worker, 1)
    assert [(Path(r[1]).stem, r[0]) for r in rows] == [
        ("stuck", "failed"), ("a", "ok"), ("b", "ok"), ("c", "ok")]
    assert rows[0][4:] == ("timeout", "parsing took longer than 1 s")
    # no limit: no watchdog thread, nothing abandoned
    fast = [i for i in items if not i[0].endswith("stuck.txt")]
    with local_cluster(1, processes=False) as cluster, distributed.Client(cluster) as client:
        plain = client.submit(dask_backend._dask_chunk, fast, spec, json_loader, True, None,
                              pure=False).result()
    assert dask_backend._split_abandoned(plain) == (plain, [])


def _sleeps_on_stuck(path: str):
    """Sleeps 3 s on files named stuck* (a thread of the test process: kept short)."""
    if Path(path).name.startswith("stuck"):
        time.sleep(3)
    return json_loader(path)


TOWN = """白鹭镇人民政府2023年政府信息公开工作年度报告

一、总体情况
2023年，白鹭镇围绕征地补偿、低保救助等群众关心的事项，在镇政务公开专栏主动公开信息87条。

二、主动公开政府信息情况
本年度未制发规范性文件。

三、收到和处理政府信息公开申请情况
本年度收到政府信息公开申请1件，已按期答复。

四、政府信息公开行政复议、行政诉讼情况
本年度未发生政府信息公开行政复议、行政诉讼。

五、存在的主要问题及改进情况
主要问题：村级公开栏更新不及时，个别村低保名单公示期不足。
改进措施：督促各村每月核对更新公开栏，低保名单公示满7天后再发放。

六、其他需要报告的事项
无。
"""

BUREAU = """临河县交通运输局2022年政府信息公开工作年度报告

一、总体情况
2022年，我局在县政府门户网站公开道路养护计划、客运班线调整等信息41条，及时回应群众关切。

二、主动公开政府信息情况
本年度制发规范性文件1件，已全部公开。

三、收到和处理政府信息公开申请情况
本年度未收到政府信息公开申请。

四、政府信息公开行政复议、行政诉讼情况
本年度无行政复议、行政诉讼案件。

五、存在的主要问题及改进情况
（一）存在的问题
一是政策解读以文字为主，图解偏少；二是工作人员多为兼职，业务不够熟练。
（二）改进措施
一是增加图解、问答等解读形式；二是每半年组织一次业务培训。

六、其他需要报告的事项
本年度未收取信息处理费。
"""


def test_cli_on_dask_a_hanging_file_fails_with_timeout_and_exit_code_1(tmp_path, monkeypatch,
                                                                        caplog):
    # the CLI's own loader, on an in-process cluster (its workers have no nanny: the
    # abandoned parse cannot be ended, which the run says, and it goes on)
    folder = tmp_path / "年报"
    folder.mkdir()
    (folder / "白鹭镇2023.txt").write_text(TOWN, encoding="utf-8")
    (folder / "临河县交通局2022.txt").write_text(BUREAU, encoding="utf-8")
    (folder / "卡住的文件.txt").write_text(TOWN.replace("白鹭镇", "青松镇"), encoding="utf-8")
    real = batch_worker._default_loader
    real(str(folder / "白鹭镇2023.txt"))  # the parser's imports: not in the time limit
    release = threading.Event()

    def hangs(path: str):
        if "卡住" in path:
            release.wait(30)
        return real(path)

    monkeypatch.setattr(batch_worker, "_default_loader", hangs)
    db = tmp_path / "s.sqlite"
    try:
        with local_cluster(1, processes=False) as cluster, caplog.at_level(
                logging.WARNING, logger="nlp_reports"):
            code = main(["tag", str(folder), "--db", str(db), "--backend", "dask",
                         "--scheduler", cluster.scheduler_address, "--timeout", "2", "--quiet"])
    finally:
        release.set()  # (the abandoned thread is the test process's own)
    assert code == 1
    assert _statuses(db) == {"白鹭镇2023": ("ok", None), "临河县交通局2022": ("ok", None),
                             "卡住的文件": ("failed", "timeout")}
    assert any("has no nanny" in r.getMessage() for r in caplog.records), caplog.text


class _DiesOnWorkers:
    """A tagger spec whose process dies when a Dask worker loads it (as one killed by the
    kernel for its memory while loading the model); in the client it is a FakeTagger's."""

    tokenizer = None

    def get(self):
        if os.environ.get("NLP_REPORTS_DASK23_CLIENT") != str(os.getpid()):
            os._exit(3)
        return FakeTagger()


def test_a_worker_that_dies_during_a_check_is_not_waited_on(tmp_path, monkeypatch, caplog):
    # before: each check's task, held to the dead worker, waited the whole 60 s, and the
    # worker then passed as if it had answered
    monkeypatch.setenv("NLP_REPORTS_DASK23_CLIENT", str(os.getpid()))
    (tmp_path / "r.txt").write_text("{}", encoding="utf-8")
    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        [first] = client.nthreads()
        start = time.monotonic()  # (a wait, not CPU: what was slow was waiting)
        with caplog.at_level(logging.WARNING, logger="nlp_reports"):
            dask_backend._check_code(client, _DiesOnWorkers(), "fake-model-1")  # said, not raised
        assert f"the Dask worker {first} died or left the cluster during the code check" \
            in caplog.text
        client.wait_for_workers(1, timeout=30)  # its nanny started another
        [second] = client.nthreads()
        with pytest.raises(ClusterError, match=f"the Dask worker cannot do the work, nothing "
                                               f"was tagged: {second} died or left the cluster"):
            dask_backend._check_workers(client, _DiesOnWorkers(), str(tmp_path / "r.txt"))
        assert time.monotonic() - start < 40  # (two 60 s waits before)


def test_a_workers_parser_imports_come_before_the_first_files_time_limit(tmp_path, monkeypatch):
    # a Dask worker's first chunk imports the parser (~0.35 s under load) before it starts
    # the watchdog's clock, so a small --timeout does not fail its first files
    _corpus(tmp_path / "in")
    items = [(str(p), f"{i:064x}", p.stat().st_size)
             for i, p in enumerate(sorted((tmp_path / "in").iterdir())) if p.stem != "stuck"]
    events: list[str] = []
    monkeypatch.setattr(dask_backend, "_import_parser", lambda loader=None: events.append("imports"))

    def loads(path: str):
        events.append(Path(path).stem)
        return json_loader(path)

    out = dask_backend._dask_chunk(items, batch_worker.TaggerSpec(instance=FakeTagger()), loads, True, 5)
    assert [r[0] for r in out] == ["ok", "ok", "ok"]
    assert events == ["imports", "a", "b", "c"]
