"""tag's progress when stderr is no terminal (sbatch, nohup): a line at the start, at most
every minute and at each tenth of the files (a 30,000-report run must not stay silent
until its end line). A fake clock stands in for the minute: no wall-clock sleeps."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, local_cluster, make_report, write_json_reports

from nlp_reports.corpus import batch, progress, tag_paths
from nlp_reports.corpus.progress import Progress

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples" / "corpus"


def _corpus(folder: Path, n: int) -> None:
    places = ["那曲市色尼区", "日喀则市桑珠孜区", "林芝市巴宜区", "山南市乃东区", "昌都市卡若区"]
    write_json_reports(folder, {
        f"r{i:03d}": make_report(
            f"{places[i % 5]}第{i}乡人民政府", 2019 + i % 6,
            [f"政务公开专职人员仅{1 + i % 3}名，业务培训不够深入。", "部分栏目更新不及时。"][: 1 + i % 2],
            [f"{2020 + i % 6}年将健全信息发布审核制度。"], region="西藏")
        for i in range(n)})


def test_a_line_at_each_tenth_and_at_most_every_minute(monkeypatch):
    ticks = itertools.count(0.0, 7.0)  # each read of the clock: 7 s later
    said: list[Progress] = []
    monkeypatch.setattr(progress, "_progress_clock", lambda: next(ticks))
    lines = progress._ProgressLines(1000, said.append, lambda: (3, 0))
    for _ in range(1000):
        lines.update(1)
    assert said[0].done == 0 and said[0].total == 1000
    done = [p.done for p in said]
    assert done == sorted(done) and done[-1] < 1000  # the end line says the end
    for tenth in range(100, 1000, 100):  # each tenth told when it is reached
        assert tenth in done
    gaps = [b.seconds - a.seconds for a, b in zip(said, said[1:], strict=False)]
    assert max(gaps) <= 63  # at most a minute (and one 7 s tick) between two lines
    # between two tenths, lines come by the minute only: 1000 updates, about 7000/60 lines
    assert len(said) < 1000 / 5
    assert all(p.failed == 3 for p in said[1:])


def test_without_time_passing_only_the_tenths(monkeypatch):
    said: list[Progress] = []
    monkeypatch.setattr(progress, "_progress_clock", lambda: 100.0)
    lines = progress._ProgressLines(37, said.append, lambda: (0, 0))
    for _ in range(37):
        lines.update(1)
    assert [10 * p.done // 37 for p in said] == list(range(10))


def test_nothing_to_tag_says_nothing():
    said: list[Progress] = []
    progress._ProgressLines(0, said.append, lambda: (0, 0))
    assert said == []


def test_the_line_says_count_share_failures_rate_and_time_left():
    p = Progress(done=12_800, total=30_000, failed=1, skipped=0, seconds=12_800 / 35)
    line = p.line()
    assert line.startswith("12,800 of 30,000 files done (42 %), 1 failed, 35 reports/s, "
                           "about 8 min left")
    assert "已完成 12,800 / 30,000 个文件（42%），失败 1 个" in line
    # a resumed run: what was stored already is not counted in the rate, and the line does
    # not call it tagged ("tagged 42 of 52 … 42 already stored" read as a contradiction)
    resumed = Progress(done=20_000, total=30_000, failed=0, skipped=18_000, seconds=100.0)
    assert resumed.rate == 20.0 and resumed.seconds_left == 500.0
    assert resumed.line().startswith("20,000 of 30,000 files done (66 %; 18,000 already "
                                     "stored), 0 failed, 20 reports/s, about 8 min left / ")
    assert "已完成 20,000 / 30,000 个文件（66%；其中 18,000 个已在库中），失败 0 个" in resumed.line()
    assert "tagged" not in resumed.line()
    slow = Progress(done=100, total=30_000, failed=0, skipped=0, seconds=100.0)
    assert "about 8.3 h left" in slow.line()
    assert Progress(0, 30_000, 0, 0, 0.0).line().startswith("tagging 30,000 files")


def test_a_fast_rate_is_written_as_a_number_not_in_e_notation():
    """A folder of small files (10,000 stubs and notices) tags thousands a second: the line
    said "4.41e+03 reports/s"."""
    fast = Progress(done=8_000, total=10_000, failed=6_937, skipped=0, seconds=8_000 / 4_410.7)
    assert "4,410 reports/s" in fast.line() and "每秒 4,410 份" in fast.line()
    assert "e+" not in fast.line()
    assert "16.3 reports/s" in Progress(50, 100, 0, 0, 50 / 16.34).line()


@pytest.mark.parametrize("jobs,backend", [(1, "joblib"), (2, "joblib"), (1, "dask")])
def test_tag_paths_hands_the_progress_to_a_callback(tmp_path, monkeypatch, jobs, backend):
    if backend == "dask":
        pytest.importorskip("distributed")
    _corpus(tmp_path / "in", 40)
    ticks = itertools.count(0.0, 20.0)
    monkeypatch.setattr(progress, "_progress_clock", lambda: next(ticks))
    monkeypatch.setattr(batch, "WRITE_BATCH", 2)  # a write (and a progress update) a chunk
    said: list[Progress] = []
    kw = dict(model=FakeTagger(), loader=json_loader, jobs=jobs, chunk_size=2,
              progress=said.append)
    if backend == "dask":
        with local_cluster(1, processes=False) as cluster:
            result = tag_paths([tmp_path / "in"], tmp_path / "c.db", backend="dask",
                               scheduler=cluster, **kw)
    else:
        result = tag_paths([tmp_path / "in"], tmp_path / "c.db", **kw)
    assert result.ok == 40
    assert said[0].done == 0 and said[0].total == 40
    assert len(said) >= 5 and said[-1].done < 40
    assert [p.done for p in said] == sorted(p.done for p in said)
    assert all(p.failed == 0 and p.skipped == 0 for p in said)


def _run_tag(tmp_path: Path, *args: str) -> tuple[int, str]:
    """``nlp-reports tag`` in a child process, stderr to a file (no terminal); its clock
    goes 1 s a read and one file is written at a time, so that the lines are known."""
    script = tmp_path / "run.py"
    script.write_text(
        "import itertools, sys\n"
        "from nlp_reports.corpus import batch, progress\n"
        "ticks = itertools.count(0.0, 1.0)\n"
        "progress._progress_clock = lambda: next(ticks)\n"
        "batch.SERIAL_CHUNK_SIZE = batch.WRITE_BATCH = 1\n"
        "from nlp_reports.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n", encoding="utf-8")
    err = tmp_path / "stderr.log"
    with open(err, "w", encoding="utf-8") as fh:
        rc = subprocess.run([sys.executable, str(script), "tag", *args], stdout=subprocess.DEVNULL,
                            stderr=fh, cwd=tmp_path, timeout=300).returncode
    return rc, err.read_text(encoding="utf-8")


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/corpus not in this checkout")
def test_tag_logs_progress_lines_when_stderr_is_a_file(tmp_path):
    corpus = tmp_path / "reports"
    shutil.copytree(EXAMPLES, corpus)
    n = sum(1 for _ in corpus.iterdir())
    db = str(tmp_path / "c.sqlite")
    rc, err = _run_tag(tmp_path, str(corpus), "--db", db)
    lines = err.splitlines()
    assert rc == 0, err
    assert lines[0] == f"tagging {n} files / 开始处理 {n} 个文件"
    progress = [line for line in lines if " files done (" in line]
    assert len(progress) == 9  # 10 % … 90 %: each tenth once (no minute passed)
    assert progress[0].startswith(f"{-(-n // 10)} of {n} files done (")
    assert all("0 failed" in line and "reports/s" in line for line in progress)
    assert lines[-2].startswith(f"tagged {n} reports, skipped 0 already stored, 0 failed")
    rc, err = _run_tag(tmp_path, str(corpus), "--db", db)  # resumed: every file stored
    resumed = re.findall(r"^(\d+) of \d+ files done \(\d+ %; (\d+) already stored\)", err,
                         re.M)
    assert rc == 0 and len(resumed) == 9 and all(a == b for a, b in resumed), err
    rc, err = _run_tag(tmp_path, str(corpus), "--db", str(tmp_path / "q.sqlite"), "--quiet")
    assert rc == 0 and err.splitlines() == [f"tagged {n} reports, skipped 0 already stored, "
                                            "0 failed", f"已入库{n}份报告，跳过0个已入库的文件，"
                                            "0个文件无法读取"]
