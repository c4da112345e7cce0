"""Which copy holds a duplicated report (the one whose file name gives the report's
agency or year), zip members reaching a custom ``loader``, the lock file another user's run
left, and a compilation (汇编) written part by part through ``Store.write_report``."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import Store, tag_paths, writelock
from nlp_reports.corpus.writelock import lock_path, writer_lock
from nlp_reports.errors import StoreBusyError
from nlp_reports.parse import load_report, load_reports

LIUAN = """柳岸县卫生健康局2023年政府信息公开工作年度报告

一、总体情况
2023年，县卫健局围绕群众关心的就医、疫苗接种、医保报销等事项，全年主动公开信息276条，其中卫生监督执法信息41条。

二、主动公开政府信息情况
本年新制发规范性文件0件。

五、存在的主要问题及改进情况
（一）存在的问题
一是基层卫生院信息公开栏更新不及时，个别院站仍张贴上年度内容。
二是专职工作人员只有1名，且兼顾办公室文字工作，力量不够。
（二）改进措施
下一步，我局将把乡镇卫生院公开栏纳入季度督查，并通过以会代训方式提升经办人员业务水平。

六、其他需要报告的事项
本年度未收取信息处理费。
"""

DONGLI = """东篱镇人民政府2024年度政府信息公开工作年度报告

一、总体情况
今年以来，东篱镇紧扣乡村振兴、宅基地审批、低保救助等村民关注事项，通过镇政府信息公开专栏和村务公开栏公开信息158条。

五、存在的主要问题及改进情况
存在问题：一是村级公开栏内容规范性不足，各村标准不一；二是对依申请公开办理流程熟悉的人员少。
改进措施：2025年将统一村级公开栏样式，组织镇村两级经办人员集中学习条例。

六、其他需要报告的事项
无。
"""


def _files(db: Path) -> dict[str, tuple[str, str | None]]:
    """Each file's name relative to its folder → (status, the name of the file it duplicates)."""
    with Store(db) as s:
        rows = s.connection.execute("SELECT path, status, duplicate_of FROM files").fetchall()
    base = os.path.commonpath([p for p, _, _ in rows])

    def rel(p: str | None) -> str | None:
        return None if p is None else os.path.relpath(p, base)

    return {rel(p): (st, rel(d)) for p, st, d in rows}


def _holder(db: Path) -> list[tuple[str, str]]:
    with Store(db) as s:
        return [(Path(p).name, Path(src).name) for p, src in
                s.connection.execute("SELECT path, source FROM reports ORDER BY id")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_copy_whose_name_gives_the_report_holds_it(tmp_path, jobs):
    """Identical files: a shorter '附件1' path or a copy named after another body/year no
    longer holds the report over the copy named for it (path order was the only rule)."""
    root = tmp_path / "crawl"
    for name in ("2023/附件1.txt", "县卫健局/柳岸县卫健局2023年报.txt", "下载/download (3).txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(LIUAN, encoding="utf-8")
    # newuser25's case: a file named after another body and year holds this report's bytes
    for name in ("下载失败/青溪县2020年报告.txt", "乡镇/东篱镇人民政府2024年报告.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(DONGLI, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    result = tag_paths([root], db, model=FakeTagger(), jobs=jobs, chunk_size=1)
    assert (result.ok, result.duplicates, result.failed) == (2, 3, 0)
    assert _files(db) == {
        "县卫健局/柳岸县卫健局2023年报.txt": ("ok", None),
        "2023/附件1.txt": ("duplicate", "县卫健局/柳岸县卫健局2023年报.txt"),
        "下载/download (3).txt": ("duplicate", "县卫健局/柳岸县卫健局2023年报.txt"),
        "乡镇/东篱镇人民政府2024年报告.txt": ("ok", None),
        "下载失败/青溪县2020年报告.txt": ("duplicate", "乡镇/东篱镇人民政府2024年报告.txt"),
    }
    # the report's source names its holder (the audit lists it under that name)
    assert sorted(_holder(db)) == [("东篱镇人民政府2024年报告.txt",) * 2,
                                   ("柳岸县卫健局2023年报.txt",) * 2]
    before = _files(db)
    again = tag_paths([root], db, model=FakeTagger(), jobs=jobs)
    assert (again.ok, again.skipped) == (0, 5) and _files(db) == before


def test_a_file_on_disk_still_holds_before_a_better_named_zip_member(tmp_path):
    root = tmp_path / "crawl"
    (root / "下载").mkdir(parents=True)
    (root / "下载" / "download.txt").write_text(DONGLI, encoding="utf-8")
    with zipfile.ZipFile(root / "镇政府.zip", "w") as zf:
        zf.writestr("东篱镇人民政府2024年报告.txt", DONGLI.encode("utf-8"))
    db = tmp_path / "s.sqlite"
    assert tag_paths([root], db, model=FakeTagger()).duplicates == 1
    assert _files(db) == {"下载/download.txt": ("ok", None),
                          "镇政府.zip/东篱镇人民政府2024年报告.txt": ("duplicate", "下载/download.txt")}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_copy_in_other_bytes_named_for_the_report_holds_it(tmp_path, jobs):
    """The same text in GB18030 (a content duplicate), neither dated: the titled copy holds."""
    root = tmp_path / "site"
    (root / "2023").mkdir(parents=True)
    (root / "县卫健局").mkdir()
    (root / "2023" / "附件1.txt").write_bytes(LIUAN.encode("gb18030"))
    (root / "县卫健局" / "柳岸县卫健局2023年报.txt").write_text(LIUAN, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    result = tag_paths([root], db, model=FakeTagger(), jobs=jobs, chunk_size=1)
    assert (result.ok, result.duplicates) == (1, 1)
    assert _files(db) == {"县卫健局/柳岸县卫健局2023年报.txt": ("ok", None),
                          "2023/附件1.txt": ("duplicate", "县卫健局/柳岸县卫健局2023年报.txt")}


def test_a_stored_holder_stays_on_later_runs(tmp_path):
    """Resume never moves a report: a better-named copy found later is its duplicate."""
    root = tmp_path / "crawl"
    (root / "2023").mkdir(parents=True)
    (root / "2023" / "附件1.txt").write_text(LIUAN, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    tag_paths([root], db, model=FakeTagger())
    (root / "柳岸县卫健局2023年报.txt").write_text(LIUAN, encoding="utf-8")
    (root / "柳岸县卫健局2023年报.html").write_text(
        "<html><body><pre>" + LIUAN + "</pre></body></html>", encoding="utf-8")
    tag_paths([root], db, model=FakeTagger())
    expected = {"2023/附件1.txt": ("ok", None),
                "柳岸县卫健局2023年报.txt": ("duplicate", "2023/附件1.txt"),
                "柳岸县卫健局2023年报.html": ("duplicate", "2023/附件1.txt")}
    assert _files(db) == expected
    tag_paths([root], db, model=FakeTagger(), retag=True)
    tag_paths([root], db, model=FakeTagger(model_id="fake-model-2"))
    assert _files(db) == expected


def test_zip_members_reach_a_custom_loader(tmp_path):
    """A custom loader (path → Report) is given a real file named as the member, not the
    member's path inside the zip (which no loader can open)."""
    root = tmp_path / "in"
    root.mkdir()
    with zipfile.ZipFile(root / "卫健局年报.zip", "w") as zf:
        zf.writestr("2023/柳岸县卫健局2023年报.txt", LIUAN.encode("utf-8"))
        zf.writestr("2024/东篱镇2024年报.txt", DONGLI.encode("gb18030"))
    seen: list[str] = []

    def loader(path: str):
        seen.append(Path(path).name)
        assert Path(path).is_file()
        return load_report(Path(path))

    db = tmp_path / "s.sqlite"
    result = tag_paths([root], db, model=FakeTagger(), loader=loader)
    assert (result.ok, result.failed) == (2, 0), result.failures
    assert sorted(seen) == ["东篱镇2024年报.txt", "柳岸县卫健局2023年报.txt"]
    with Store(db) as s:
        rows = sorted(s.connection.execute("SELECT path, source, agency FROM reports"))
    zipped = str(root / "卫健局年报.zip")
    assert [(p, src) for p, src, _ in rows] == [
        (f"{zipped}/2023/柳岸县卫健局2023年报.txt",) * 2, (f"{zipped}/2024/东篱镇2024年报.txt",) * 2]
    assert [a for _, _, a in rows] == ["柳岸县卫生健康局", "东篱镇人民政府"]


def test_a_lock_file_this_user_cannot_write_names_the_run_holding_it(tmp_path, monkeypatch):
    """Another user's run left its lock file (0644, kill -9): this run takes the lock but
    cannot write its name there; a third run must not be told the dead run is writing."""
    db = tmp_path / "shared.sqlite"
    lock = lock_path(db)
    lock.write_text(json.dumps({"pid": 424242, "host": "lab-node-3", "started": 1.7e9,
                                "command": "nlp-reports tag 旧目录 --db shared.sqlite"}))
    real_open = os.open

    def other_users_file(path, flags, *args):  # (the tests run as root: no real 0644)
        if str(path) == str(lock) and flags & os.O_RDWR and os.path.exists(path) and (
                "424242" in Path(path).read_text()):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(writelock.os, "open", other_users_file)
    with writer_lock(db) as me:
        assert me is not None and me.pid == os.getpid()
        with pytest.raises(StoreBusyError) as busy, writer_lock(db):
            pass
        assert busy.value.holder.pid == os.getpid()
        assert "424242" not in str(busy.value) and f"pid {os.getpid()}" in str(busy.value)
    assert not lock.exists()


def test_write_report_keeps_every_part_of_a_compilation(tmp_path):
    """Store.write_report of a 汇编's parts, one call each: every part stays, numbered."""
    text = "柳岸县各部门2023年政府信息公开工作年度报告汇编\n\n" + LIUAN + "\n\n" + LIUAN.replace(
        "柳岸县卫生健康局", "柳岸县自然资源局").replace("卫健局", "自然资源局").replace(
        "就医、疫苗接种、医保报销", "不动产登记、用地审批、矿产开发").replace(
        "卫生监督执法信息41条", "国土空间规划信息17条").replace("基层卫生院", "各自然资源所")
    path = tmp_path / "柳岸县2023年报汇编.txt"
    path.write_text(text, encoding="utf-8")
    parts = load_reports(path)
    assert [r.metadata.part for r in parts] == [1, 2]
    tagger = FakeTagger()
    with Store(tmp_path / "s.sqlite") as s:
        for report, tagged in zip(parts, tagger.tag_many(parts), strict=True):
            s.write_report(str(path), report, tagged)
        rows = s.connection.execute(
            "SELECT part, agency FROM reports WHERE path = ? ORDER BY part", (str(path),)).fetchall()
        assert rows == [(1, "柳岸县卫生健康局"), (2, "柳岸县自然资源局")]
        ids = [i for (i,) in s.connection.execute("SELECT id FROM reports ORDER BY part")]
        s.write_report(str(path), parts[1], tagger.tag_many([parts[1]])[0])  # again: replaced
        assert [i for (i,) in s.connection.execute(
            "SELECT id FROM reports ORDER BY part")] == ids
        assert s.connection.execute("SELECT parts FROM files").fetchone()[0] == 2
