"""A store written inside the folder of reports it is made from (``nlp-reports tag . --db
corpus.sqlite``, the way many researchers work) is no file of the corpus: a folder walk
passes over its database, SQLite's -wal/-shm/-journal and the writer's .lock without
counting them. Before, the end-of-run line of the first run said "1 other file not read
(no reports: .lock 1)" and of every rerun "4 other files not read (.lock 1, .sqlite 1,
.sqlite-shm 1, .sqlite-wal 1)", files nobody had put there."""

from __future__ import annotations

import shutil
from pathlib import Path

from nlp_reports.corpus.batch import tag_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
REPORT = EXAMPLES / "云岭市东城区人民政府2021年政府信息公开工作年度报告.txt"


def test_the_store_inside_the_folder_is_not_counted(tmp_path):
    shutil.copy(REPORT, tmp_path / REPORT.name)
    (tmp_path / "old.sqlite").write_bytes(b"")  # another store: a file of the folder
    first = tag_paths(tmp_path, tmp_path / "corpus.sqlite")
    assert (first.ok, first.failed) == (1, 0)
    assert dict(first.ignored) == {".sqlite": 1}
    (tmp_path / "corpus.sqlite-journal").write_bytes(b"")  # as a crash may leave it
    again = tag_paths(tmp_path, tmp_path / "corpus.sqlite")
    assert (again.ok, again.skipped, again.failed) == (0, 1, 0)
    assert dict(again.ignored) == {".sqlite": 1}
    assert "other file not read (no reports: .sqlite 1)" in again.summary_line()


def test_the_store_inside_the_folder_is_not_counted_with_two_jobs(tmp_path):
    shutil.copy(REPORT, tmp_path / REPORT.name)
    tag_paths(tmp_path, tmp_path / "corpus.sqlite")
    again = tag_paths(tmp_path, tmp_path / "corpus.sqlite", jobs=2)
    assert (again.skipped, again.failed) == (1, 0) and dict(again.ignored) == {}


def test_the_store_inside_the_folder_is_not_counted_given_as_a_store_or_through_a_link(tmp_path):
    """The store given as an open :class:`Store` (the Python API) and a folder reached by a
    symbolic link (the lock file is named by the store's real path) pass it over too."""
    from _corpus_helpers import FakeTagger

    from nlp_reports.corpus.store import Store

    real = tmp_path / "reports"
    real.mkdir()
    shutil.copy(REPORT, real / REPORT.name)
    tag_paths(real, real / "corpus.sqlite", model=FakeTagger())
    with Store(real / "corpus.sqlite") as store:
        again = tag_paths(real, store, model=FakeTagger())
    assert (again.skipped, again.failed) == (1, 0) and dict(again.ignored) == {}
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    through = tag_paths(link, link / "corpus.sqlite", model=FakeTagger())
    assert through.failed == 0 and dict(through.ignored) == {}
