"""expand_paths: folders walked, files resolved to their real paths (symlinks followed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlp_reports.corpus.batch import expand_paths


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_found_files_are_their_resolved_paths(tmp_path, monkeypatch):
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "top").mkdir()
    (tmp_path / "real" / "a.txt").write_text("x", "utf-8")
    (tmp_path / "real" / "sub" / "b.TXT").write_text("y", "utf-8")
    (tmp_path / "real" / "notes.md").write_text("z", "utf-8")
    (tmp_path / "top" / "c.html").write_text("z", "utf-8")
    os.symlink(tmp_path / "real" / "a.txt", tmp_path / "top" / "link.txt")
    os.symlink(tmp_path / "real", tmp_path / "top" / "dirlink")  # not walked by rglob
    os.symlink(tmp_path / "real", tmp_path / "rlink")
    monkeypatch.chdir(tmp_path)
    for args in (["top"], ["rlink"], ["."], [str(tmp_path / "rlink") + "/"],
                 ["real", "top", "rlink/sub"], ["./top/../real"]):
        files, missing = expand_paths(args)
        assert not missing
        expected = sorted({str(f.resolve()) for a in args for f in Path(a).rglob("*")
                           if f.is_file() and f.suffix.lower() in (".txt", ".html")})
        assert [str(f) for f in files] == expected, args


@pytest.mark.skipif(not hasattr(os, "symlink") or not hasattr(os, "mkfifo"),
                    reason="needs symlinks and FIFOs")
def test_report_named_non_files_are_failures_not_silently_passed_over(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("x", "utf-8")
    os.symlink(tmp_path / "gone.txt", tmp_path / "in" / "dangling.txt")
    os.mkfifo(tmp_path / "in" / "pipe.txt")  # opening it would block the run
    (tmp_path / "in" / "2023.txt").mkdir()  # a folder named like a file is walked
    (tmp_path / "in" / "2023.txt" / "inner.txt").write_text("y", "utf-8")
    os.symlink(tmp_path / "gone.md", tmp_path / "in" / "other.md")  # not a report name
    monkeypatch.chdir(tmp_path)
    # the folder walked, the same paths given again, and a glob: each failure once
    files, missing = expand_paths(["in", "in/pipe.txt", "in/dangling.txt", "in/*.txt"])
    assert [f.name for f in files] == ["inner.txt", "good.txt"]
    by_path = {f.path: f for f in missing}
    assert len(by_path) == len(missing) == 2
    dangling = by_path[str(tmp_path / "in" / "dangling.txt")]
    assert dangling.reason == "not_found" and "broken symbolic link" in dangling.message
    assert str(tmp_path / "gone.txt") in dangling.message
    assert by_path[str(tmp_path / "in" / "pipe.txt")].reason == "unreadable"


def test_a_glob_matching_only_files_already_found_is_not_reported_empty(tmp_path):
    (tmp_path / "a.txt").write_text("x", "utf-8")
    files, missing = expand_paths([tmp_path, str(tmp_path / "*.txt")])
    assert [f.name for f in files] == ["a.txt"] and not missing
    files, missing = expand_paths([str(tmp_path / "*.pdf")])
    assert not files and [(m.reason, m.message) for m in missing] == [
        ("not_found", "the pattern matches no file")]
