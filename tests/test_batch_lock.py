"""Two ``tag`` runs on one store: the second stops at once, naming the first.

Before, both walked, parsed and tagged every file and interleaved their writes (two
students sharing a --db, a second terminal, a cron job overlapping the last): the second
run's work was wasted and nothing said another run was writing. A run holds an advisory
``flock`` on ``<db>.lock``; the kernel drops it when the run dies (kill -9), and readers
never look at it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nlp_reports.cli import main
from nlp_reports.corpus import tag_paths
from nlp_reports.corpus.store import Store
from nlp_reports.corpus.writelock import lock_path
from nlp_reports.errors import StoreBusyError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no advisory lock on Windows")

ROOT = Path(__file__).resolve().parents[1]

TOWNSHIP = """石桥镇人民政府2023年政府信息公开工作年度报告

一、总体情况
2023年，石桥镇以村务公开、惠农补贴发放公开为重点，通过镇政府网站和村公开栏主动公开信息153条。

二、主动公开政府信息情况
本年度未制发规范性文件。

三、收到和处理政府信息公开申请情况
本年度收到政府信息公开申请2件，均已按时答复。

四、政府信息公开行政复议、行政诉讼情况
本年度无政府信息公开行政复议、行政诉讼。

五、存在的主要问题及改进情况
主要问题：村公开栏内容更新慢，惠农补贴名单公示时间不足。
改进措施：明确各村报账员每月更新公开栏，补贴名单公示不少于7天。

六、其他需要报告的事项
无。
"""

HOSPITAL = """江州市第二人民医院2022年信息公开工作年度报告

一、总体情况
2022年，我院按照卫生健康部门要求，在医院官网公开收费标准、出诊信息、药品价格等内容，累计更新信息96条。

二、主动公开政府信息情况
本年度修订院务公开目录1次。

三、收到和处理政府信息公开申请情况
本年度收到患者及家属信息公开申请4件，均已答复。

四、政府信息公开行政复议、行政诉讼情况
本年度未发生相关行政复议和行政诉讼。

五、存在的主要问题及改进情况
（一）存在问题：部分科室出诊信息调整后未及时同步到官网；收费公示栏字体偏小，老年患者反映看不清。
（二）改进措施：由医务科每周核对出诊信息；门诊大厅增设电子收费查询屏。

六、其他需要报告的事项
无。
"""

SCHOOL = """临溪县第一中学2024年政府信息公开工作年度报告

一、总体情况
2024年，学校围绕招生录取、收费项目、学生资助等群众关注事项，在学校网站公开信息62条。

二、主动公开政府信息情况
本年度制定学校管理制度3项，均在校园网公开。

三、收到和处理政府信息公开申请情况
本年度未收到政府信息公开申请。

四、政府信息公开行政复议、行政诉讼情况
本年度无政府信息公开行政复议、行政诉讼。

五、存在的主要问题及改进情况
存在的问题主要是信息公开工作由教务处兼职人员负责，专业能力不足，部分栏目长期未更新。
下一步，学校将指定专人负责信息公开，每学期对栏目进行一次全面检查。

六、其他需要报告的事项
无。
"""

# A run in another process: takes the store's lock, forks a "worker" that outlives it (as
# a --jobs worker could for a moment after a kill -9), says so, then waits to be killed.
HOLDER = """
import os, sys, time
from nlp_reports.corpus.writelock import writer_lock
with writer_lock(sys.argv[1]):
    worker = os.fork()
    if worker == 0:
        time.sleep(60)
        os._exit(0)
    print("held", worker, flush=True)
    time.sleep(60)
"""


def _digest(db: Path) -> str:
    h = hashlib.sha256()
    for name in (db, Path(f"{db}-wal")):
        if name.exists():
            h.update(name.read_bytes())
    return h.hexdigest()


def _paths(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(p for (p,) in conn.execute("SELECT path FROM files"))


def test_a_second_run_stops_at_once_and_a_killed_run_blocks_nothing(tmp_path, capsys):
    folder = tmp_path / "第 1 组"
    folder.mkdir()
    (folder / "石桥镇2023年报.txt").write_text(TOWNSHIP, encoding="utf-8")
    (folder / "江州二院2022年报.txt").write_text(HOSPITAL, encoding="utf-8")
    db = tmp_path / "class.sqlite"
    assert main(["tag", str(folder), "--db", str(db), "--quiet"]) == 0
    assert not lock_path(db).exists()  # a run that ended leaves no lock file
    (folder / "临溪一中2024年报.txt").write_text(SCHOOL, encoding="utf-8")
    before, paths = _digest(db), _paths(db)
    capsys.readouterr()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], env=env,
                              stdout=subprocess.PIPE, text=True)
    worker = None
    try:
        line = holder.stdout.readline().split()
        assert line[0] == "held", line
        worker = int(line[1])

        # the command line: exit 1, the other run named, what to do, in English and Chinese
        assert main(["tag", str(folder), "--db", str(db)]) == 1
        err = capsys.readouterr().err
        assert f"pid {holder.pid}" in err and "another tag run is writing this store" in err
        assert "wait for that one to end" in err and "another --db" in err
        assert "请等它结束" in err and f"进程号 {holder.pid}" in err
        assert "tagged" not in err  # no walk, no end line
        assert _digest(db) == before and _paths(db) == paths  # nothing written
        assert lock_path(db).exists()  # nor the other run's lock file removed

        # in Python: the error names the holder; nothing was read (the loader never called)
        read: list[str] = []
        with pytest.raises(StoreBusyError) as info:
            tag_paths([folder], db, loader=lambda p: read.append(p))
        assert info.value.holder.pid == holder.pid and read == []

        # readers are never blocked: summarize, audit, a Store in Python
        assert main(["summarize", "--db", str(db)]) == 0
        assert main(["audit", "--db", str(db)]) in (0, 1)  # (1: problems found, not the lock)
        assert "another tag run" not in capsys.readouterr().err
        with Store(db, readonly=True) as store:
            assert store.count("reports") == 2
    finally:
        holder.send_signal(signal.SIGKILL)  # a run killed -9: its lock file stays behind
        holder.wait()
        holder.stdout.close()
    try:
        assert lock_path(db).exists()
        # the next run proceeds, though the killed run's forked worker still lives
        os.kill(worker, 0)
        assert main(["tag", str(folder), "--db", str(db), "--quiet"]) == 0
        assert "临溪县第一中学" in " ".join(_agencies(db))
        assert not lock_path(db).exists()
    finally:
        os.kill(worker, signal.SIGKILL)
        _reap(worker)


def _agencies(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [a for (a,) in conn.execute("SELECT agency FROM reports")]


def _reap(pid: int) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def test_a_store_reached_two_ways_has_one_lock(tmp_path):
    """A relative --db, an absolute one and a symbolic link to the store lock one file."""
    db = tmp_path / "c.sqlite"
    db.touch()
    os.symlink(db, tmp_path / "link.sqlite")
    assert lock_path(tmp_path / "link.sqlite") == lock_path(db) == Path(f"{db}.lock")


@pytest.mark.parametrize("planted", ["directory", "symlink"])
def test_something_else_at_the_lock_path_is_said_as_a_warning(tmp_path, planted, caplog):
    # a directory or a symbolic link at <db>.lock (hostile23): no lock can be taken, and the
    # run goes on without one — which the user must be told, not only the debug log
    import logging

    from nlp_reports.corpus.writelock import writer_lock

    db = tmp_path / "corpus.sqlite"
    where = lock_path(db)
    if planted == "directory":
        where.mkdir()
    else:
        where.symlink_to(tmp_path / "elsewhere.lock")
    with caplog.at_level(logging.WARNING, logger="nlp_reports"), writer_lock(db) as held:
        assert held is None
    assert any("is not a lock file" in r.getMessage() for r in caplog.records), caplog.text
    assert not (tmp_path / "elsewhere.lock").exists()  # nothing written through the link
