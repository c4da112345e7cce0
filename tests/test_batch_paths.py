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
