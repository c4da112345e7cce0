"""The Dask backend as a cluster's user meets it: a scheduler address that is wrong
fails at once and says why, a worker that cannot do the work is found before any file is
tried, a file a worker cannot see fails saying so, and a scheduler lost mid-run stops the
run with the reports written so far kept — none of the files left is recorded as failed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, local_cluster, make_report, write_json_reports

from nlp_reports.corpus import dask_backend, tag_paths, worker
from nlp_reports.corpus.store import Store
from nlp_reports.errors import ClusterError, MissingDependencyError, UsageError

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")


def _corpus(folder: Path, n: int) -> list[Path]:
    towns = ["青石镇", "白沙乡", "柳河街道", "东坪县教育局", "南岭市卫生健康委员会", "北塘区司法局"]
    return write_json_reports(folder, {
        f"r{i:02d}": make_report(f"{towns[i % len(towns)]}（第{i}号）", 2019 + i % 5,
                                 [f"政务公开专业人员不足，第{i}批培训覆盖面有限。"],
                                 [f"下一步将加强第{i}类政策解读。"])
        for i in range(n)})


def _files(db: Path) -> list[tuple[str, str]]:
    with Store(db, readonly=True) as store:
        return sorted((Path(p).name, s) for p, s in
                      store.connection.execute("SELECT path, status FROM files"))


@pytest.fixture
def quiet_port():
    """A port that accepts connections and never writes (a dashboard or any HTTP port)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        srv.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(srv.accept()[0])
            except OSError:
                pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield srv.getsockname()[1]
    stop.set()
    t.join()
    for c in held:
        c.close()
    srv.close()


def test_refused_port_is_a_cluster_error_naming_it(tmp_path):
    # before: Dask retried the refused port for 30 s, then an OSError "Timed out …"
    _corpus(tmp_path / "in", 2)
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(ClusterError, match=f"connection refused.*port {port}"):
        tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(), loader=json_loader,
                  backend="dask", scheduler=f"tcp://127.0.0.1:{port}")


def test_a_port_that_says_nothing_is_not_waited_on_for_ever(tmp_path, quiet_port, monkeypatch):
    # before: Client() waited for the handshake for ever (> 120 s, its timeout not applied)
    monkeypatch.setattr(dask_backend, "_CONNECT_SECONDS", 0.5)
    _corpus(tmp_path / "in", 2)
    with pytest.raises(ClusterError, match="no Dask greeting.*dashboard"):
        tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(), loader=json_loader,
                  backend="dask", scheduler=f"tcp://127.0.0.1:{quiet_port}")


def test_an_unknown_scheme_is_a_usage_error():
    # before: a ValueError traceback from distributed's comm registry
    with pytest.raises(UsageError, match="unknown address scheme 'http'.*Scheduler at"):
        dask_backend._probe_scheduler("http://127.0.0.1:8786")


def test_no_worker_seeing_the_files_stops_before_any_is_tried(tmp_path):
    _corpus(tmp_path / "in", 2)
    spec = worker.TaggerSpec(instance=FakeTagger())
    with local_cluster(2) as cluster, distributed.Client(cluster) as client:
        shipped, unship = dask_backend._ship_spec(client, spec)
        try:
            dask_backend._check_workers(client, shipped, str(tmp_path / "in" / "r00.txt"))  # seen
            with pytest.raises(ClusterError, match="none of the 2 Dask workers.*does not see"):
                dask_backend._check_workers(client, shipped, str(tmp_path / "elsewhere" / "r00.txt"))
        finally:
            unship()


def test_a_file_the_worker_cannot_see_fails_with_not_found_and_the_rest_is_tagged(tmp_path):
    paths = _corpus(tmp_path / "in", 3)
    items = [(str(p), f"{i:064x}", p.stat().st_size) for i, p in enumerate(paths)]
    gone = items[1][0]
    Path(gone).unlink()  # (as on a worker without the client's disk)
    spec = worker.TaggerSpec(instance=FakeTagger())
    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        out = client.submit(dask_backend._dask_chunk, items, spec, json_loader, True, None,
                            pure=False).result()
    by_path = {r[1]: r for r in out}
    assert by_path[gone][0] == "failed" and by_path[gone][4] == "not_found"
    assert "Dask worker tcp://" in by_path[gone][5] and "same path" in by_path[gone][5]
    assert sorted(r[0] for r in out) == ["failed", "ok", "ok"]


class _NoEngineOnWorkers(FakeTagger):
    """Tags in the process that made it; unpickled (on a Dask worker) it lacks its engine,
    as a worker without rjieba does while the client segments with it."""

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.unpickled = True

    def predict(self, texts):
        if getattr(self, "unpickled", False):
            raise MissingDependencyError("rjieba", "fast", "The rjieba tokenizer engine")
        return [self.predict_one(t) for t in texts]


def test_workers_that_cannot_tag_stop_the_run_before_any_file(tmp_path):
    # before: every file of the run failed with tag_error, one row each
    _corpus(tmp_path / "in", 6)
    db = tmp_path / "c.db"
    with local_cluster(2) as cluster, pytest.raises(ClusterError, match="rjieba") as err:
        tag_paths([tmp_path / "in"], db, model=_NoEngineOnWorkers(), loader=json_loader,
                  backend="dask", scheduler=cluster.scheduler_address, chunk_size=2)
    assert "none of the 2 Dask workers can do the work, nothing was tagged" in str(err.value)
    assert not db.exists() or _files(db) == []


def _stall_on_r06(path: str):
    """A loader that stalls on r06 until the test says so (the scheduler dies meanwhile)."""
    if Path(path).name == "r06.txt":
        flag = Path(path).parent.parent / "go"
        (Path(path).parent.parent / "stalled").touch()
        for _ in range(100):
            if flag.exists():
                break
            time.sleep(0.05)
    return json_loader(path)


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _start(args: list[str]) -> subprocess.Popen:
    """A `dask scheduler` / `dask worker` process of its own session, as from the shell."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent),
                                                          os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", *args], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_scheduler_lost_mid_run_keeps_what_was_written_and_fails_no_file(tmp_path, monkeypatch,
                                                                       caplog):
    # before: every chunk still to come was recorded as failed (worker_error), then a
    # ClosedClientError traceback after Dask's 30 s reconnect
    monkeypatch.setattr(dask_backend, "_CONNECT_SECONDS", 1.0)
    _corpus(tmp_path / "in", 12)
    db = tmp_path / "c.db"
    address = f"tcp://127.0.0.1:{_free_port()}"
    procs = [_start(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
                     address.rsplit(":", 1)[1], "--dashboard-address", ":0"])]
    try:
        procs.append(_start(["distributed.cli.dask_worker", address, "--nthreads", "1",
                             "--no-nanny", "--dashboard-address", ":0"]))
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(1, timeout=30)

        def kill_scheduler() -> None:
            for _ in range(400):
                if (tmp_path / "stalled").exists():
                    break
                time.sleep(0.05)
            os.killpg(procs[0].pid, signal.SIGKILL)
            procs[0].wait()
            (tmp_path / "go").touch()

        t = threading.Thread(target=kill_scheduler)
        t.start()
        try:
            with pytest.raises(ClusterError, match="lost the connection to the Dask scheduler"):
                tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=_stall_on_r06,
                          backend="dask", scheduler=address, chunk_size=2)
        finally:
            t.join()
        # Dask's reconnect traceback is not printed above our line
        assert not [r for r in caplog.records if r.name == "distributed.client"
                    and r.levelno >= logging.ERROR], caplog.text
    finally:
        for p in procs:
            with contextlib.suppress(OSError):
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    files = _files(db)
    assert files and all(s == "ok" for _, s in files), files  # nothing recorded as failed
    assert "r06.txt" not in {n for n, _ in files}
    # the rerun on a new cluster tags the rest, nothing twice
    with local_cluster(1) as cluster:
        result = tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=json_loader,
                           backend="dask", scheduler=cluster.scheduler_address, chunk_size=2)
    assert result.failed == 0 and result.ok + result.skipped == 12
    assert result.skipped == len(files)
    assert [s for _, s in _files(db)] == ["ok"] * 12


def test_the_plugin_of_a_killed_run_is_removed_by_the_next_run(tmp_path):
    # a client killed with -9 left its tagger plugin (a loaded model) on every worker for
    # good, and the scheduler gave it to every worker joining later
    from nlp_reports.corpus._dask_worker import PLUGIN_PREFIX, TaggerPlugin

    _corpus(tmp_path / "in", 4)
    orphan = f"{PLUGIN_PREFIX}Client-00000000-dead-0000-0000-000000000000-0123456789ab"
    older = f"{PLUGIN_PREFIX}0123456789abcdef"  # named before the client id: left alone
    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        for name in (orphan, older):
            client.register_plugin(TaggerPlugin(name, worker.TaggerSpec(instance=FakeTagger())),
                                   name=name)
        result = tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                           loader=json_loader, backend="dask", scheduler=client)
        plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
        held = client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.worker_plugins))
    assert result.ok == 4
    tagger_plugins = [p for ps in plugins.values() for p in ps if p.startswith(PLUGIN_PREFIX)]
    assert tagger_plugins == [older]
    assert orphan not in held and older in held


def _busy(flag: str) -> None:
    for _ in range(200):
        if Path(flag).exists():
            return
        time.sleep(0.05)


def test_a_busy_worker_is_not_waited_on_for_the_check(tmp_path, monkeypatch, caplog):
    # the check is a task on each worker: one busy with another client's work (or lost)
    # must not hold the run; the others' answers count
    monkeypatch.setattr(dask_backend, "_CHECK_SECONDS", 0.5)
    _corpus(tmp_path / "in", 2)
    spec = worker.TaggerSpec(instance=FakeTagger())
    with local_cluster(2) as cluster, distributed.Client(cluster) as client:
        busy_one = sorted(client.nthreads())[0]
        blocker = client.submit(_busy, str(tmp_path / "free"), workers=[busy_one], pure=False)
        time.sleep(0.2)
        shipped, unship = dask_backend._ship_spec(client, spec)
        try:
            dask_backend._check_workers(client, shipped, str(tmp_path / "in" / "r00.txt"))
            idle = [w for w in client.nthreads() if w != busy_one]
            # the idle worker says it does not see the file; the busy one is not known:
            # a warning naming the idle one, not an error
            with caplog.at_level("WARNING", logger="nlp_reports"):
                dask_backend._check_workers(client, shipped, str(tmp_path / "nowhere.txt"))
            assert "1 of the 2 Dask workers cannot do the work" in caplog.text
            assert f"{idle[0]} does not see" in caplog.text
        finally:
            (tmp_path / "free").touch()
            blocker.result()
            unship()
