"""tag's check of the paths it is given (corpus/files.missing_arguments, 7be1978) against
hostile arguments: a usage error naming them, nothing stored — never another exception.

Found here: a path holding a NUL character (given through the API) raised ValueError out of
tag_paths; a name longer than the file system allows was not called missing, so the run
went on to fail on it later (exit 1, "File name too long"); a glob of a thousand folder
levels ("*/" × 1,000: 2 KB, under the path limit) raised RecursionError from glob; a glob
level of 10,000 "[" took 1.8 s in fnmatch (40,000: half a minute).
"""

from __future__ import annotations

import time

import pytest

from nlp_reports.corpus.batch import tag_paths
from nlp_reports.corpus.files import missing_arguments
from nlp_reports.errors import MissingPathError


@pytest.mark.parametrize("arg, what", [
    ("年报\0.txt", "NUL character"),
    ("县卫健委" * 400 + ".txt", "longer than the file system allows"),
    ("d/" * 2_100, "longer than the file system allows"),
    ("*/" * 1_000 + "2024.txt", "the pattern matches no file"),
    ("**/" * 3_000 + "x", "the pattern matches no file"),
    ("[" * 10_000 + "*", "the pattern matches no file"),
    ("2024年报[" + "]" * 300 + "*.txt", "the pattern matches no file"),
])
def test_hostile_arguments_are_a_usage_error_and_nothing_is_stored(tmp_path, arg, what):
    db = tmp_path / "corpus.sqlite"
    start = time.process_time()
    with pytest.raises(MissingPathError) as info:
        tag_paths([arg], db=str(db))
    assert time.process_time() - start < 2.0
    assert what in str(info.value) and info.value.missing[0][0] == arg
    assert not db.exists()


def test_a_good_glob_and_a_long_bracket_class_still_match(tmp_path, monkeypatch):
    """The guards refuse nothing that names a file: a glob with a bracket class, a name of
    200 Chinese characters (600 bytes: too long, said so), one of 80 (240 bytes: there)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "年报[1].txt").write_text("x", encoding="utf-8")
    name = "某" * 80 + ".txt"
    (tmp_path / name).write_text("x", encoding="utf-8")
    assert missing_arguments(["年报[[]1].txt", "年报*.txt", name, "*" * 300]) == []
    long = "某" * 200 + ".txt"
    assert [w for _, w in missing_arguments([long])] == [
        "no such file or folder (a name longer than the file system allows)"]

