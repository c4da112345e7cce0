"""How the rows of ``tag --jobs N`` come back from the forked workers: a wide result pipe.

Why: a worker's result (the store rows of a chunk: ~2 MB for 64 reports) went through a
64 KiB pipe that the executor's thread reads 64 KiB at a time, needing the GIL between
reads; while the main thread tagged the head start's files or wrote rows, each read waited
up to the 5 ms switch interval and the worker sat idle with its result half sent. What must
hold: the pipe is widened where the system allows it (left as it is elsewhere, the run going
on), a result many times the pipe's size still arrives whole, and the run leaves the
interpreter's thread switch interval alone (a process-wide setting: a library that tags
inside a host application must not change it).
"""

from __future__ import annotations

import fcntl
import multiprocessing as mp
import sys
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, make_report, write_json_reports

from nlp_reports.corpus import Store, batch, pool

pytestmark = pytest.mark.skipif(not pool._fork_available(), reason="needs fork (Linux)")

#: ``fcntl`` command that reads a pipe's capacity (Linux, <fcntl.h>).
_F_GETPIPE_SZ = 1032


def _pipe_max() -> int:
    try:
        return int(Path("/proc/sys/fs/pipe-max-size").read_text())
    except (OSError, ValueError):
        return 0


def _result_pipe_size(executor) -> int:
    return fcntl.fcntl(executor._result_queue._writer.fileno(), _F_GETPIPE_SZ)


def test_the_result_pipe_of_a_pool_is_widened():
    if _pipe_max() < pool.RESULT_PIPE_BYTES:
        pytest.skip("this system caps pipes below RESULT_PIPE_BYTES")
    executor = pool._pool(2, mp.get_context("fork"))
    try:
        assert _result_pipe_size(executor) == pool.RESULT_PIPE_BYTES
    finally:
        pool._shut(executor, None)


def test_a_pipe_that_cannot_be_widened_is_left_and_the_pool_works(monkeypatch):
    def refused(fd, cmd, arg=0):
        raise PermissionError(1, "Operation not permitted")

    import os

    reader, writer = os.pipe()  # a new pipe's size on this system (64 KiB, or 4 KiB once
    try:                         # a user has passed pipe-user-pages-soft)
        default = fcntl.fcntl(writer, _F_GETPIPE_SZ)
    finally:
        os.close(reader)
        os.close(writer)
    monkeypatch.setattr(fcntl, "fcntl", refused)
    executor = pool._pool(1, mp.get_context("fork"))
    monkeypatch.undo()
    try:
        assert _result_pipe_size(executor) == default  # untouched
        assert pool._result(pool._submit(executor, sum, [1, 2, 3]), executor) == 6
    finally:
        pool._shut(executor, None)


def _long_report(agency: str, year: int, n: int) -> object:
    """A report whose section 五 holds ``n`` distinct statements (a county's 十年汇总 style
    listing every rectification item): its rows are megabytes, more than the pipe holds."""
    units = ("城关镇", "教育局", "卫健委", "自然资源局", "市场监管局", "住建局", "民政局")
    problems = [f"{units[i % 7]}第{i + 1}项整改事项中，政务公开栏目第{i % 53 + 1}期内容更新滞后"
                f"{i % 11 + 2}天，涉及信息{i % 97 + 3}条。" for i in range(n)]
    measures = [f"由{units[i % 7]}牵头，于{year + 1}年{i % 12 + 1}月底前补齐第{i + 1}项缺漏。"
                for i in range(n // 4)]
    return make_report(agency, year, problems, measures, region="四川")


def test_a_result_many_times_the_pipe_comes_back_whole(tmp_path):
    folder = tmp_path / "in"
    write_json_reports(folder, {
        "big-a": _long_report("苍溪县人民政府", 2022, 30_000),
        "big-b": _long_report("旺苍县人民政府", 2023, 25_000),
        "small": make_report("剑阁县人民政府", 2021, ["信息发布不够及时。"], ["加强审核。"]),
    })
    res = batch.tag_paths([folder], tmp_path / "c.db", model=FakeTagger(), loader=json_loader,
                          jobs=2, chunk_size=1)
    assert res.ok == 3 and res.failed == 0
    with Store(tmp_path / "c.db") as store:
        rows = store.query("SELECT r.agency, COUNT(s.idx) AS n, SUM(LENGTH(s.text)) AS chars "
                           "FROM reports r JOIN statements s ON s.report_id = r.id "
                           "GROUP BY r.agency ORDER BY r.agency")
    got = {a: (n, c) for a, n, c in rows.itertuples(index=False)}
    for agency, n in (("苍溪县人民政府", 30_000), ("旺苍县人民政府", 25_000)):
        report = _long_report(agency, 2022 if agency.startswith("苍") else 2023, n)
        assert got[agency] == (len(report.statements),
                               sum(len(s.text) for s in report.statements))
    assert got["剑阁县人民政府"][0] == 2


def test_the_run_leaves_the_switch_interval_alone(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    write_json_reports(folder, {
        f"r{i}": make_report(f"{town}人民政府", 2020 + i, [f"{topic}工作还有差距。"],
                             [f"进一步做好{topic}。"])
        for i, (town, topic) in enumerate((("汤溪镇", "政策解读"), ("罗埠镇", "依申请公开"),
                                           ("洋埠镇", "平台建设"), ("游埠镇", "主动公开")))})
    seen: list[float] = []
    run = pool._run_forked_pools

    def watched(*args, **kwargs):
        seen.append(sys.getswitchinterval())
        yield from run(*args, **kwargs)

    monkeypatch.setattr(pool, "_run_forked_pools", watched)
    before = sys.getswitchinterval()
    res = batch.tag_paths([folder], tmp_path / "c.db", model=FakeTagger(), loader=json_loader,
                          jobs=2, chunk_size=1)
    assert res.ok == 4
    assert seen == [before] and sys.getswitchinterval() == before
