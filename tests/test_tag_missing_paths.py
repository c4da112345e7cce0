"""A path named on the command line that is not there: refused before the store is touched.

Why it matters: ``nlp-reports tag reportz/ --db corpus.sqlite`` (a typo, or the tour's
placeholder) on an existing store recorded a ``files`` row ``reportz/ not_found``; ``info``
then said "44 files (1 failed)" and every ``audit`` listed it as an unreadable file, a
defect of the corpus. What must hold: a top-level path that names nothing — no such file or
folder, a broken symbolic link, a glob matching no path — stops the whole run with a usage
error (exit 2, English then Chinese, naming it) before the store is opened or created, and
nothing is recorded; a file missing inside a folder walked is recorded as before; a store an
older version left such a row in loses it on its next run.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, make_report, write_json_reports

from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.errors import MissingPathError, UsageError


def _corpus(folder: Path) -> list[Path]:
    return write_json_reports(folder, {
        "宁川县住房和城乡建设局2023": make_report(
            "宁川县住房和城乡建设局", 2023, ["依申请公开答复规范性有待提高。"],
            ["组织业务骨干参加答复文书培训。"], level="department", region="甘肃"),
        "白河镇人民政府2022": make_report(
            "白河镇人民政府", 2022, ["镇政务公开专栏信息更新不够及时。"],
            ["明确专人每月核查栏目内容。"], level="township", region="湖南"),
    })


def _store(tmp_path: Path) -> Path:
    db = tmp_path / "corpus.sqlite"
    result = tag_paths([tmp_path / "reports"], db, model=FakeTagger(), loader=json_loader)
    assert (result.ok, result.failed) == (2, 0)
    return db


def _state(db: Path) -> tuple[str, list[tuple]]:
    """The store file's bytes (hashed) and its files rows."""
    with Store(db, readonly=True) as store:
        rows = [tuple(r) for r in store.connection.execute(
            "SELECT path, status, reason FROM files ORDER BY path")]
    return hashlib.sha256(db.read_bytes()).hexdigest(), rows


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path / "reports")
    return tmp_path


def test_a_mistyped_folder_leaves_an_existing_store_as_it_was(corpus):
    db = _store(corpus)
    before = _state(db)
    with pytest.raises(MissingPathError) as raised:
        tag_paths(["reportz/"], db, model=FakeTagger(), loader=json_loader)
    assert isinstance(raised.value, UsageError)  # (exit 2 on the command line)
    assert str(raised.value).startswith("reportz/: no such file or folder")
    assert raised.value.missing == (("reportz/", "no such file or folder"),)
    assert _state(db) == before
    assert not Path(f"{db}.lock").exists()


def test_one_missing_path_among_several_refuses_the_whole_run_and_says_which(corpus):
    db = _store(corpus)
    before = _state(db)
    _corpus(corpus / "more")  # there, but not read: the run is refused as a whole
    with pytest.raises(MissingPathError) as raised:
        tag_paths(["more", "reportz", "reports"], db, model=FakeTagger(), loader=json_loader)
    message = str(raised.value)
    assert "reportz: no such file or folder (1 of the 3 paths given)" in message
    assert "more" not in message.replace("reportz", "")
    assert "所给3个路径之一" in raised.value.message_zh
    assert _state(db) == before


def test_globs_matching_nothing_and_broken_links_are_named_each(corpus):
    if sys.platform == "win32":
        pytest.skip("needs symbolic links")
    os.symlink(corpus / "挪走了的报告.docx", corpus / "2024年报告.docx")
    with pytest.raises(MissingPathError) as raised:
        tag_paths(["reports", "2023/*.pdf", "2024年报告.docx"], corpus / "new.sqlite",
                  model=FakeTagger(), loader=json_loader)
    message = str(raised.value)
    assert message.startswith("2 of the 3 paths given are not there: ")
    assert "2023/*.pdf (the pattern matches no file)" in message
    assert "2024年报告.docx (broken symbolic link (it points to" in message
    assert "通配符没有匹配到任何文件" in raised.value.message_zh
    assert "符号链接指向的文件不存在" in raised.value.message_zh
    assert not (corpus / "new.sqlite").exists()


def test_a_glob_that_matches_is_read_and_a_path_inside_a_folder_is_recorded(corpus):
    if sys.platform == "win32":
        pytest.skip("needs symbolic links")
    # within a folder walked, a file that cannot be read is the batch's, with its reason
    os.symlink(corpus / "gone.txt", corpus / "reports" / "坏链接.txt")
    result = tag_paths(["reports/*.txt", "reports"], corpus / "c.sqlite", model=FakeTagger(),
                       loader=json_loader)
    assert result.ok == 2 and [(Path(f.path).name, f.reason) for f in result.failures] == [
        ("坏链接.txt", "not_found")]
    with Store(corpus / "c.sqlite") as store:
        assert store.count("files") == 3


def test_the_command_exits_2_with_both_languages_and_records_nothing(corpus, capsys):
    db = _store(corpus)
    before = _state(db)
    assert main(["tag", "reportz/", "--db", str(db), "--quiet"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == ("error: reportz/: no such file or folder; nothing was read or written: "
                      "check the path")
    assert err[1].strip() == "文件或文件夹不存在：reportz/，请检查路径和文件名；本次未读写任何内容"
    assert _state(db) == before
    assert main(["info", "--db", str(db)]) == 0
    assert "2 files (2 ok)" in capsys.readouterr().out
    # a new store is not made either
    assert main(["tag", "reportz/", "--db", "new.sqlite", "--quiet"]) == 2
    assert not (corpus / "new.sqlite").exists()


def test_the_dask_backend_is_refused_alike_before_any_scheduler_is_asked(corpus):
    # (nothing listens on port 1: a ClusterError if the scheduler were asked first)
    with pytest.raises(MissingPathError):
        tag_paths(["reportz/"], corpus / "d.sqlite", model=FakeTagger(), loader=json_loader,
                  backend="dask", scheduler="tcp://127.0.0.1:1")
    assert not (corpus / "d.sqlite").exists()


def test_audit_of_files_refuses_a_missing_one_alike(corpus, capsys):
    there = corpus / "reports" / "白河镇人民政府2022.txt"
    assert main(["audit", str(there), "2023年报告.docx"]) == 2
    err = capsys.readouterr().err
    assert "error: 2023年报告.docx: no such file or folder (1 of the 2 paths given)" in err
    assert "文件或文件夹不存在：2023年报告.docx" in err
    assert "audit.sqlite" not in err


def test_a_row_an_older_version_recorded_goes_on_the_next_run(corpus, capsys):
    """Older versions recorded the mistyped path; every tag run drops the failures of paths
    no longer there, so running the command meant (any path: stored reports are skipped)
    clears it."""
    db = _store(corpus)
    with Store(db) as store:  # what `tag reportz/ --db corpus.sqlite` left before
        store.record_failure("reportz/", "not_found", "no such file or folder")
    assert main(["info", "--db", str(db)]) == 0
    assert "3 files (1 failed, 2 ok)" in capsys.readouterr().out
    again = tag_paths(["reports"], db, model=FakeTagger(), loader=json_loader)
    assert (again.skipped, again.failed) == (2, 0)
    with Store(db, readonly=True) as store:
        assert store.count("files") == 2
        assert store.failures().empty
