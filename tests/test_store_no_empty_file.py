"""A run that fails before writing anything leaves no empty store file it created
(an unreachable scheduler must not leave u.sqlite behind, 0 files, as if a run had
been made); a store that existed, or one this run wrote reports into, is kept."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, make_report, write_json_reports

from nlp_reports.corpus import batch, tag_paths
from nlp_reports.corpus.store import Store
from nlp_reports.errors import ClusterError

pytest.importorskip("distributed")


def _corpus(folder: Path, n: int) -> None:
    write_json_reports(folder, {
        f"m{i}": make_report(f"泸水市{['自然资源局', '人民医院', '教育体育局'][i % 3]}", 2020 + i,
                             ["部分科室对信息公开工作认识不足。"], ["每季度开展一次专题培训。"],
                             level="county", region="云南")
        for i in range(n)})


def _refused() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    return f"tcp://127.0.0.1:{port}"


def test_an_unreachable_scheduler_leaves_no_new_store(tmp_path):
    _corpus(tmp_path / "in", 3)
    (tmp_path / "in" / "年报汇总.rar").write_bytes(b"Rar!\x1a\x07\x00" + b"\0" * 64)
    db = tmp_path / "u.sqlite"
    with pytest.raises(ClusterError, match="connection refused"):
        tag_paths(tmp_path / "in", db, model=FakeTagger(), loader=json_loader,
                  backend="dask", scheduler=_refused())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # nor -wal, -shm


def test_a_store_that_existed_is_kept_as_it_was(tmp_path):
    _corpus(tmp_path / "in", 3)
    db = tmp_path / "c.sqlite"
    assert tag_paths(tmp_path / "in", db, model=FakeTagger(), loader=json_loader).ok == 3
    _corpus(tmp_path / "more", 2)
    with pytest.raises(ClusterError):
        tag_paths(tmp_path / "more", db, model=FakeTagger(), loader=json_loader,
                  backend="dask", scheduler=_refused())
    with Store(db, readonly=True) as store:
        assert store.count("reports") == 3


class _Interrupting:
    """A loader the user's Ctrl-C stops at its third file."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, path: str):
        self.n += 1
        if self.n == 3:
            raise KeyboardInterrupt
        return json_loader(path)


def test_a_run_stopped_after_writing_keeps_its_store(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "WRITE_BATCH", 1)
    _corpus(tmp_path / "in", 5)
    db = tmp_path / "k.sqlite"
    with pytest.raises(KeyboardInterrupt):
        tag_paths(tmp_path / "in", db, model=FakeTagger(), loader=_Interrupting(),
                  chunk_size=1)
    with Store(db, readonly=True) as store:
        assert store.count("reports") == 2
