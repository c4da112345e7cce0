"""The end-of-run move to the better-named copy of a duplicate survives a run
stopped before its end (the resume moves what it stored), and a move uses the partial index
on ``files.duplicate_of`` instead of scanning ``files``."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger
from test_batch_duplicate_holder import DONGLI, LIUAN, _files

from nlp_reports.corpus import Store, batch, tag_paths
from nlp_reports.parse import load_report

_CRAWL = {"2023/附件1.txt": LIUAN, "县卫健局/柳岸县卫健局2023年报.txt": LIUAN,
          "下载失败/青溪县2020年报告.txt": DONGLI, "乡镇/东篱镇人民政府2024年报告.txt": DONGLI}


def _crawl(root):
    for name, text in _CRAWL.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


class _CtrlC:
    """A loader the user's Ctrl-C stops at its ``at``-th file (as a kill would)."""

    def __init__(self, at: int) -> None:
        self.at, self.n = at, 0

    def __call__(self, path: str):
        self.n += 1
        if self.n == self.at:
            raise KeyboardInterrupt
        return load_report(path)


def test_a_run_stopped_before_its_end_gets_the_holders_of_an_uninterrupted_one(tmp_path,
                                                                              monkeypatch):
    """附件1.txt (parsed first) is stored, then the run is stopped; the resume moves it to the
    copy named for the report, as an uninterrupted run does (before: 附件1.txt kept it)."""
    monkeypatch.setattr(batch, "WRITE_BATCH", 1)
    root = _crawl(tmp_path / "crawl")
    whole = tmp_path / "whole.sqlite"
    tag_paths([root], whole, model=FakeTagger(), chunk_size=1)
    expected = _files(whole)
    assert expected["县卫健局/柳岸县卫健局2023年报.txt"] == ("ok", None)

    db = tmp_path / "stopped.sqlite"
    for at in (2, 1):  # stopped after one report; then again at once, storing nothing
        with pytest.raises(KeyboardInterrupt):
            tag_paths([root], db, model=FakeTagger(), chunk_size=1, loader=_CtrlC(at))
    with Store(db) as s:
        assert [p.rsplit("/", 1)[1] for (p,) in s.connection.execute(
            "SELECT path FROM reports")] == ["附件1.txt"]
    tag_paths([root], db, model=FakeTagger(), chunk_size=1)
    assert _files(db) == expected
    # the run completed: its mark is gone, so its holders never move again
    with Store(db) as s:
        assert s.connection.execute("SELECT value FROM meta WHERE key = 'holders_new_from'"
                                    ).fetchone() is None


_KILLED_RUN = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from _corpus_helpers import FakeTagger
    from nlp_reports.corpus import batch, tag_paths
    from nlp_reports.parse import load_report
    batch.WRITE_BATCH = 1
    seen = []
    def loader(path):
        seen.append(path)
        if len(seen) == 2:  # the first report is stored: kill -9 before the run's end
            os.kill(os.getpid(), signal.SIGKILL)
        return load_report(path)
    tag_paths([{root!r}], {db!r}, model=FakeTagger(), chunk_size=1, loader=loader)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no kill -9 here")
def test_a_run_killed_then_resumed_moves_what_it_stored(tmp_path):
    root = _crawl(tmp_path / "crawl")
    whole, db = tmp_path / "whole.sqlite", tmp_path / "killed.sqlite"
    tag_paths([root], whole, model=FakeTagger())
    script = _KILLED_RUN.format(tests=str(Path(__file__).parent), root=str(root), db=str(db))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).parents[1])
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with Store(db, readonly=True) as s:
        assert s.count("reports") == 1
    tag_paths([root], db, model=FakeTagger(), jobs=2)
    assert _files(db) == _files(whole)


def test_a_completed_run_then_a_rerun_moves_nothing(tmp_path):
    root = tmp_path / "crawl"
    (root / "2023").mkdir(parents=True)
    (root / "2023" / "附件1.txt").write_text(LIUAN, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    tag_paths([root], db, model=FakeTagger())
    (root / "县卫健局").mkdir()
    (root / "县卫健局" / "柳岸县卫健局2023年报.txt").write_text(LIUAN, encoding="utf-8")
    (root / "乡镇").mkdir()
    (root / "乡镇" / "东篱镇人民政府2024年报告.txt").write_text(DONGLI, encoding="utf-8")
    # a later run stopped before it stored anything does not make the old report new
    with pytest.raises(KeyboardInterrupt):
        tag_paths([root], db, model=FakeTagger(), loader=_CtrlC(1))
    tag_paths([root], db, model=FakeTagger())
    assert _files(db) == {"2023/附件1.txt": ("ok", None),
                          "县卫健局/柳岸县卫健局2023年报.txt": ("duplicate", "2023/附件1.txt"),
                          "乡镇/东篱镇人民政府2024年报告.txt": ("ok", None)}


def _plan(store: Store, sql: str) -> str:
    return " ".join(str(r) for r in store.connection.execute(f"EXPLAIN QUERY PLAN {sql}",
                                                             ("a", "b")))


def test_a_move_finds_the_duplicates_by_index(tmp_path):
    """The hand-over's UPDATE of a holder's other duplicates, and _delete_path's, use the
    partial index; a store without it (made before) gets it when opened for writing."""
    db = tmp_path / "s.sqlite"
    tag_paths([_crawl(tmp_path / "crawl")], db, model=FakeTagger())
    move = ("UPDATE files SET duplicate_of = ? WHERE status = 'duplicate' AND "
            "duplicate_of = ?")
    with Store(db) as s:
        assert "files_duplicate_of" in _plan(s, move)
        count = s.connection.execute(
            "SELECT COUNT(*) FROM files INDEXED BY files_duplicate_of "
            "WHERE duplicate_of IS NOT NULL").fetchone()[0]
        assert count == 2  # only the duplicates' rows
    conn = sqlite3.connect(db)
    conn.execute("DROP INDEX files_duplicate_of")
    conn.commit()
    conn.close()
    with Store(db, readonly=True) as s:
        assert "files_duplicate_of" not in _plan(s, move)
    with Store(db) as s:
        assert "files_duplicate_of" in _plan(s, move)
