"""expand_paths: folders walked (linked folders too), files kept under the path that reached them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from nlp_reports.corpus.files import expand_paths


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_files_keep_the_path_they_were_reached_by_and_are_taken_once(tmp_path, monkeypatch):
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "top").mkdir()
    (tmp_path / "real" / "a.txt").write_text("x", "utf-8")
    (tmp_path / "real" / "sub" / "b.TXT").write_text("y", "utf-8")
    (tmp_path / "real" / "notes.md").write_text("z", "utf-8")
    (tmp_path / "top" / "c.html").write_text("z", "utf-8")
    os.symlink(tmp_path / "real" / "a.txt", tmp_path / "top" / "link.txt")
    os.symlink(tmp_path / "real", tmp_path / "top" / "dirlink")  # a linked folder: walked
    os.symlink(tmp_path / "real", tmp_path / "rlink")
    monkeypatch.chdir(tmp_path)
    real = [str(tmp_path / "real" / "a.txt"), str(tmp_path / "real" / "sub" / "b.TXT")]
    cases = [
        # the link's own path is kept; the linked folder's b.TXT is walked through it
        (["top"], [str(tmp_path / "top" / "c.html"),
                   str(tmp_path / "top" / "dirlink" / "sub" / "b.TXT"),
                   str(tmp_path / "top" / "link.txt")]),
        (["rlink"], [str(tmp_path / "rlink" / "a.txt"),
                     str(tmp_path / "rlink" / "sub" / "b.TXT")]),
        ([str(tmp_path / "rlink") + "/"], [str(tmp_path / "rlink" / "a.txt"),
                                           str(tmp_path / "rlink" / "sub" / "b.TXT")]),
        # the same files reached twice are taken once, by the first path that reached them
        (["real", "top", "rlink/sub"], [*real, str(tmp_path / "top" / "c.html")]),
        (["./top/../real"], real),
    ]
    for args, expected in cases:
        files, missing, ignored = expand_paths(args)
        assert not missing
        assert [str(f) for f in files] == sorted(expected), args
        assert ignored == {".md": 1}, args  # notes.md, however often it is reached
    files, _, _ = expand_paths(["."])
    assert len(files) == 3  # a.txt, b.TXT, c.html, whatever link reached them


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_link_loop_ends_and_each_folder_is_walked_once(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "r.txt").write_text("x", "utf-8")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "up")  # a → b → up → a …
    os.symlink(tmp_path / "loop2", tmp_path / "loop1")
    os.symlink(tmp_path / "loop1", tmp_path / "loop2")
    files, missing, _ = expand_paths([tmp_path])
    assert [f.name for f in files] == ["r.txt"] and not missing


def test_web_page_suffixes_are_walked_and_other_files_counted(tmp_path):
    for name in ("a.shtml", "b.jsp", "c.aspx", "d.HTM", "e.php", "f.txt"):
        (tmp_path / name).write_text("x", "utf-8")
    for name in ("g.txt.bak", "README", "h.png", "i.png", "j.csv"):
        (tmp_path / name).write_text("x", "utf-8")
    files, missing, ignored = expand_paths([tmp_path])
    assert [f.name for f in files] == ["a.shtml", "b.jsp", "c.aspx", "d.HTM", "e.php", "f.txt"]
    assert ignored == {".bak": 1, "": 1, ".png": 2, ".csv": 1} and not missing


def test_summary_line_names_the_files_not_read(tmp_path):
    from nlp_reports.corpus.batch import BatchResult

    result = BatchResult(ok=3, skipped=0, failed=0, failures=(), db="x", model_id=None,
                         ignored=((".png", 2), ("", 1)))
    assert result.summary_line().endswith(
        "; 3 other files not read (no reports: .png 2, no suffix and no report content 1)")


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
    files, missing, _ = expand_paths(["in", "in/pipe.txt", "in/dangling.txt", "in/*.txt"])
    assert [f.name for f in files] == ["inner.txt", "good.txt"]
    by_path = {f.path: f for f in missing}
    assert len(by_path) == len(missing) == 2
    dangling = by_path[str(tmp_path / "in" / "dangling.txt")]
    assert dangling.reason == "not_found" and "broken symbolic link" in dangling.message
    assert str(tmp_path / "gone.txt") in dangling.message
    assert by_path[str(tmp_path / "in" / "pipe.txt")].reason == "unreadable"


def test_a_glob_matching_only_files_already_found_is_not_reported_empty(tmp_path):
    (tmp_path / "a.txt").write_text("x", "utf-8")
    files, missing, _ = expand_paths([tmp_path, str(tmp_path / "*.txt")])
    assert [f.name for f in files] == ["a.txt"] and not missing
    files, missing, _ = expand_paths([str(tmp_path / "*.pdf")])
    assert not files and [(m.reason, m.message) for m in missing] == [
        ("not_found", "the pattern matches no file")]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                    reason="needs a file system that takes any bytes as a name")
def test_file_names_in_gbk_bytes_are_read_and_stored_under_their_chinese_name(tmp_path):
    """A zip made on Chinese Windows, unpacked on Linux, leaves GBK bytes as names: the
    batch once crashed on the first store query and stored nothing."""
    from _corpus_helpers import FakeTagger

    from nlp_reports.corpus import Store, tag_paths

    examples = sorted((Path(__file__).parents[1] / "examples" / "corpus").glob("*.txt"))
    folder = tmp_path / "unzipped"
    folder.mkdir()
    gbk = os.fsencode(folder) + b"/" + "白石镇2025年报.txt".encode("gbk")
    with open(gbk, "wb") as fh:
        fh.write(examples[0].read_bytes())
    with open(os.fsencode(folder) + b"/" + "空白.txt".encode("gbk"), "wb"):
        pass
    with open(os.fsencode(folder) + b"/odd\xff.txt", "wb") as fh:  # not GB18030 either
        fh.write(examples[1].read_bytes())
    (folder / "utf8.txt").write_bytes(examples[2].read_bytes())

    result = tag_paths([folder], tmp_path / "c.db", model=FakeTagger())
    assert result.ok == 3
    assert [(Path(f.path).name, f.reason) for f in result.failures] == [("空白.txt", "empty")]
    with Store(tmp_path / "c.db") as store:
        files = store.files()
        names = sorted(Path(p).name for p in files["path"])
        sources = sorted(Path(r.metadata.source).name for r, _ in store.iter_reports())
    assert names == ["odd\\xff.txt", "utf8.txt", "白石镇2025年报.txt", "空白.txt"]
    assert sources == ["odd\\xff.txt", "utf8.txt", "白石镇2025年报.txt"]
    again = tag_paths([folder], tmp_path / "c.db", model=FakeTagger())
    assert (again.ok, again.skipped, again.failed) == (0, 3, 1)


def test_a_page_this_package_wrote_inside_the_folder_is_counted_not_read(tmp_path):
    """``audit 报告/ --html 报告/自查.html`` (or a summary page saved beside the reports) put
    a page of ours inside the folder; the next run read it as a report, and it failed as no
    report at every run, a defect in the next audit. Its head names nlp_reports as generator:
    a folder walk counts it (``nlp_reports page``) and reads it not; another page is read."""
    from nlp_reports.corpus import audit, tag_paths
    from nlp_reports.corpus.files import OWN_PAGE
    from nlp_reports.corpus.html_report import GENERATOR_META

    examples = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    folder = tmp_path / "报告"
    folder.mkdir()
    for src in sorted(examples.glob("*.txt"))[:2]:
        (folder / src.name).write_bytes(src.read_bytes())
    (folder / "网站另存.html").write_text("<html><head><meta charset='utf-8'></head><body>"
                                        "某县2024年政府信息公开工作年度报告</body></html>", "utf-8")
    db = tmp_path / "c.sqlite"
    tag_paths([folder], db)
    audit(db).to_html(folder / "自查.html")
    assert GENERATOR_META in (folder / "自查.html").read_text("utf-8")[:400]
    found = expand_paths([folder])
    assert sorted(f.name for f in found.files) == sorted(
        [p.name for p in folder.glob("*.txt")] + ["网站另存.html"])
    assert dict(found.ignored)[OWN_PAGE] == 1
