"""The per-file time limit of a batch: a file whose parse hangs fails alone with "timeout"."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, make_report, write_json_reports

from nlp_reports.corpus import Store, tag_paths

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX only")


def slow_loader(path: str):
    """Hangs (sleeps 30 s) on files named slow*, else reads the JSON report (picklable)."""
    if Path(path).name.startswith("slow"):
        time.sleep(30)
    return json_loader(path)


def busy_loader(path: str):
    """Spins in Python, swallowing every Exception, on files named slow* (a stuck parser)."""
    if Path(path).name.startswith("slow"):
        while True:
            try:
                sum(range(1000))
            except Exception:  # noqa: BLE001 - what a careless parser does
                pass
    return json_loader(path)


def _corpus(folder: Path) -> None:
    reports = {name: make_report(f"{name}县人民政府", 2022, ["人员力量不足。"], ["加强培训。"])
               for name in ("a", "b", "slow", "c")}
    write_json_reports(folder, reports)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("loader", [slow_loader, busy_loader])
def test_a_hanging_file_times_out_and_the_batch_goes_on(tmp_path, jobs, loader):
    _corpus(tmp_path / "in")
    before = signal.getsignal(signal.SIGALRM)
    t0 = time.monotonic()
    res = tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(), loader=loader,
                    jobs=jobs, chunk_size=2, timeout=0.5)
    assert time.monotonic() - t0 < 20
    assert (res.ok, res.failed) == (3, 1)
    [failure] = res.failures
    assert Path(failure.path).name.startswith("slow") and failure.reason == "timeout"
    assert "0.5 s" in failure.message
    assert signal.getsignal(signal.SIGALRM) == before  # the caller's handler is back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with Store(tmp_path / "c.db") as s:
        assert list(s.failures()["reason"]) == ["timeout"]
        assert s.count("reports") == 3


def test_no_limit_and_the_callers_timer_kept(tmp_path):
    _corpus(tmp_path / "in")
    (tmp_path / "in" / "slow.txt").unlink()
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 50.0)
        res = tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                        loader=json_loader, timeout=5)
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0 < left <= 50.0  # the caller's timer still runs
        res2 = tag_paths([tmp_path / "in"], tmp_path / "d.db", model=FakeTagger(),
                         loader=json_loader, timeout=None)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert res.ok == res2.ok == 3 and not fired


def test_cli_has_a_timeout_option():
    from nlp_reports.cli import build_parser

    args = build_parser().parse_args(["tag", "x", "--db", "y.db", "--timeout", "2.5"])
    assert args.timeout == 2.5
    assert build_parser().parse_args(["tag", "x", "--db", "y.db"]).timeout == 60.0
