"""A crawler's output (one province 2009–2025): list pages, notices, short reports, links.

F1/F2: a site's list page of report titles and a 更正说明 notice were stored as reports (0
sections, 0 tables), and ``--dedupe`` kept the later notice over the report. F3: files
without a suffix (``…/content/5102257``) were passed over. F4: a symbolic link to a site
folder filed that site under the link. F9: of two copies of one report, the one whose folder
sorts first kept its (later) date.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import batch
from nlp_reports.corpus.batch import tag_paths
from nlp_reports.corpus.files import expand_paths, sniff_report
from nlp_reports.corpus.store import Store
from nlp_reports.errors import NotAReportError
from nlp_reports.parse import load_report

TESTS = Path(__file__).parent
DATA = TESTS / "data" / "newuser8"
FIXTURES = TESTS / "fixtures" / "reports"
REPORT = FIXTURES / "county_2022_aligned.txt"  # a 2021-format report: sections and tables


# --- F1 / F2: texts too short to be a report ----------------------------------------------


@pytest.mark.parametrize("name", ["list_page.html", "list_page.txt"])
def test_a_list_page_of_report_titles_is_not_a_report(name):
    raw = (DATA / name).read_text(encoding="utf-8")
    titles = set(re.findall(r"青岚县水利局\d{4}年政府信息公开工作年度报告", raw))
    with pytest.raises(NotAReportError) as info:
        load_report(DATA / name)
    assert info.value.reason == "not_a_report"
    assert f"a list of {len(titles)} report titles, not a report" in str(info.value)


def test_a_correction_notice_is_not_a_report():
    with pytest.raises(NotAReportError) as info:
        load_report(DATA / "correction_notice.html")
    message = str(info.value)
    assert info.value.reason == "not_a_report"
    assert "correction notice (更正说明)" in message and "separate file" in message


def test_a_sentence_about_the_report_is_too_short():
    with pytest.raises(NotAReportError, match="too short to be a report"):
        load_report("2012年，某局依申请公开工作情况说明：全年未收到申请。")


def test_short_older_reports_in_prose_still_parse():
    # a township's 2014 report in one paragraph (130 characters of prose), and a terser one
    # that states its figures
    legacy = load_report(TESTS / "data" / "redteam_s6" / "short_legacy_with_xls.html")
    assert (legacy.metadata.agency, legacy.metadata.year) == ("青石乡人民政府", 2014)
    assert legacy.sections == () and legacy.tables == ()
    terse = load_report("苇塘县林业局2009年政府信息公开工作年度报告\n2009年，我局主动公开政府信息"
                        "41条，受理申请3件，均已答复。全年未收取费用。\n苇塘县林业局\n2010年3月2日\n")
    assert (terse.metadata.agency, terse.metadata.year) == ("苇塘县林业局", 2009)


def test_a_folder_with_a_notice_and_a_list_page_stores_only_the_report(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("list_page.html", "correction_notice.html"):
        shutil.copy(DATA / name, folder / name)
    shutil.copy(REPORT, folder / "report.txt")
    result = tag_paths([folder], tmp_path / "s.sqlite", model=FakeTagger())
    assert result.ok == 1
    assert {(Path(f.path).name, f.reason) for f in result.failures} == {
        ("list_page.html", "not_a_report"), ("correction_notice.html", "not_a_report")}


def test_dedupe_never_prefers_a_text_without_sections_and_tables_published_later(tmp_path):
    # a store made before the parser refused notices: the notice, published later, has
    # neither sections nor tables; the report has both
    from nlp_reports.corpus.summarize import dedupe_frames, load_frames

    report = load_report(REPORT)
    assert report.sections and report.tables and report.metadata.published
    notice = dataclasses.replace(
        report, sections=(), tables=(), statements=(), checks=(),
        metadata=dataclasses.replace(report.metadata, published="2030-01-01"))
    db = tmp_path / "d.sqlite"
    with Store(db) as s:
        s.write_report("/c/a/report.txt", report, FakeTagger().tag_many([report])[0],
                       model_id="m")
        s.write_report("/c/b/notice.html", notice, [], model_id="m")
        frames = load_frames(s)
    kept, dropped = dedupe_frames(frames)
    assert dropped == 1
    assert kept.reports["path"].tolist() == ["/c/a/report.txt"]
    from nlp_reports.corpus.summarize import summarize

    (note,) = [n for n in summarize(db, dedupe=True).notes if n.startswith("dedupe:")]
    assert "sections or 表三 over a text with neither, then the one published last" in note
    assert "Kept: " in note and "report.txt (sections or 表三) over notice.html" in note


# --- F3: files without a suffix -------------------------------------------------------------


def test_a_folder_walk_reads_files_without_a_suffix_that_hold_a_report(tmp_path):
    crawl = tmp_path / "crawl" / "content"
    crawl.mkdir(parents=True)
    shutil.copy(REPORT, crawl / "5102257")  # text naming 年度报告
    shutil.copy(FIXTURES / "township_2024.html", crawl / "5102258")  # a web page
    shutil.copy(FIXTURES / "county_2022_aligned.pdf", crawl / "5102259")  # a PDF
    (crawl / "README").write_text("crawl log: 3 pages fetched\n", encoding="utf-8")
    (crawl / "5102260").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # an image
    found = expand_paths([tmp_path / "crawl"])
    assert sorted(p.name for p in found.files) == ["5102257", "5102258", "5102259"]
    assert found.ignored == {"": 2}
    assert sniff_report(crawl / "5102257") and not sniff_report(crawl / "README")
    pytest.importorskip("pdfplumber")
    result = tag_paths([tmp_path / "crawl"], tmp_path / "s.sqlite", model=FakeTagger())
    assert result.ok == 3 and result.failed == 0, result.failures
    assert "no suffix and no report content 2" in result.summary_line()


# --- F4: a symbolic link to a folder ----------------------------------------------------------


def _site(root: Path) -> Path:
    site = root / "z_site" / "2022"
    site.mkdir(parents=True)
    shutil.copy(REPORT, site / "report.txt")
    (site / "broken.pdf").write_bytes(b"%PDF-1.4\n%%EOF")  # fails: counted once
    return root / "z_site"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_file_reached_directly_and_through_a_link_keeps_the_direct_path(tmp_path):
    crawl = tmp_path / "crawl"
    site = _site(crawl)
    (crawl / "a_mirror").mkdir()
    (crawl / "a_mirror" / "sitelink").symlink_to(site)  # sorts before the real folder
    (crawl / "a_file_link.txt").symlink_to(site / "2022" / "report.txt")
    found = expand_paths([crawl])
    assert [str(p) for p in found.files] == [str(site / "2022" / "broken.pdf"),
                                            str(site / "2022" / "report.txt")]
    # a file reached only through a link keeps the link's path
    only = expand_paths([crawl / "a_mirror"])
    assert [p.parent.parent.name for p in only.files] == ["sitelink", "sitelink"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_link_added_to_a_stored_crawl_records_nothing_twice(tmp_path):
    crawl = tmp_path / "crawl"
    site = _site(crawl)
    db = tmp_path / "s.sqlite"
    first = tag_paths([crawl], db, model=FakeTagger())
    assert (first.ok, first.failed) == (1, 1)
    (crawl / "a_mirror").mkdir()
    (crawl / "a_mirror" / "sitelink").symlink_to(site)
    again = tag_paths([crawl], db, model=FakeTagger())
    assert (again.ok, again.skipped, again.duplicates, again.failed) == (0, 1, 0, 1)
    with Store(db) as s:
        rows = s.query("SELECT path, status FROM files ORDER BY path")
    assert len(rows) == 2 and not rows["path"].str.contains("sitelink").any()


# --- F9: of two copies of one report, the earlier-dated one holds it --------------------------


@pytest.mark.parametrize("one_flush", [True, False])
def test_of_two_copies_the_one_published_first_holds_the_report(tmp_path, monkeypatch,
                                                                 one_flush):
    text = REPORT.read_text(encoding="utf-8")
    date = re.search(r"发布日期：(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    assert date is not None
    original = "{}-{:02d}-{:02d}".format(*map(int, date.groups()))
    mirror = tmp_path / "a_转载"  # sorts first; its page is dated months later
    (mirror / "copy").mkdir(parents=True)
    later = text.replace(date.group(), f"发布日期：{int(date.group(1)) + 1}年6月5日")
    (mirror / "r.txt").write_text(later, encoding="utf-8")
    (mirror / "copy" / "r.txt").write_text(later, encoding="utf-8")  # its byte copy
    (tmp_path / "b_原文").mkdir()
    (tmp_path / "b_原文" / "r.txt").write_text(text, encoding="utf-8")
    if not one_flush:  # the mirror written and committed before the original is parsed
        monkeypatch.setattr(batch, "WRITE_BATCH", 1)
    db = tmp_path / "s.sqlite"
    result = tag_paths([mirror, tmp_path / "b_原文"], db, model=FakeTagger(),
                       chunk_size=None if one_flush else 1)
    assert (result.ok, result.duplicates, result.failed) == (1, 2, 0)
    holder = str(tmp_path / "b_原文" / "r.txt")
    with Store(db) as s:
        reports = s.query("SELECT path, published FROM reports")
        dups = s.query("SELECT path, duplicate_of FROM files WHERE status = 'duplicate'")
    assert reports.values.tolist() == [[holder, original]]
    assert sorted(dups["duplicate_of"]) == [holder, holder]
    rerun = tag_paths([mirror, tmp_path / "b_原文"], db, model=FakeTagger())
    assert (rerun.ok, rerun.skipped) == (0, 3)


# --- F5: the too_large message -------------------------------------------------------------


def test_too_large_says_what_to_do_from_the_commands_and_in_python(tmp_path):
    from nlp_reports.errors import InputTooLargeError
    from nlp_reports.ingest import read_document

    big = tmp_path / "big.txt"
    shutil.copy(REPORT, big)
    with pytest.raises(InputTooLargeError) as info:
        read_document(big, max_bytes=1024)
    message = str(info.value)
    assert "pass max_bytes=..." not in message and "the commands keep the limit" in message
    # the Python way it names reads the file
    advice = re.search(r"load_report\(nlp_reports\.ingest\.read_document\(path, max_bytes=N\)"
                       r"\.text\)", message)
    assert advice is not None
    report = load_report(read_document(big, max_bytes=big.stat().st_size).text)
    assert report.metadata.year == load_report(REPORT).metadata.year


# --- F6: train says what it held out as the test split --------------------------------------


@pytest.mark.slow
def test_train_says_per_file_what_it_held_out_and_how_to_keep_it(tmp_path, capsys):
    import json

    from nlp_reports.cli import main

    labeled = sorted((TESTS.parent / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))
    if len(labeled) < 2:
        pytest.skip("labeled corpus not present")
    data = tmp_path / "data"
    data.mkdir()
    for i, f in enumerate(labeled[:2]):  # 120 statements of two corpus files, as files of
        lines = f.read_text("utf-8").splitlines()[:120]  # one's own (a shipped file's name
        (data / f"own-{i}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")  # gets no advice)
    kept = data / "mine.jsonl"  # the same kind of labels, every one marked split = train
    rows = [json.loads(x) for x in labeled[2].read_text("utf-8").splitlines()[:60]]
    kept.write_text("".join(json.dumps({**r, "split": "train"}, ensure_ascii=False) + "\n"
                            for r in rows), "utf-8")
    assert main(["train", str(data), "--out", str(tmp_path / "m"), "--tokenizer", "jieba",
                 "-q"]) == 0
    out = capsys.readouterr().out
    card = json.loads((tmp_path / "m" / "meta.json").read_text("utf-8"))
    by_file = card["split"]["test_by_file"]
    assert sum(n for n, _ in by_file.values()) == card["split"]["test"] > 0
    assert by_file["mine.jsonl"] == [0, len(rows)]  # the split field kept them all
    assert "held out as the test split, never trained on" in out
    for name, (n, total) in by_file.items():
        assert (f"{name} {n} of {total}" in out) == (n > 0)
    assert "'split' column (CSV) or field (JSONL) set to train" in out


# --- F7: evaluate --cv says how far it is ---------------------------------------------------


@pytest.mark.slow
def test_evaluate_cv_prints_a_line_per_fold_unless_quiet(tmp_path, caplog):
    # (the lines are the library's INFO log records, which the command shows on stderr
    # unless -q: caplog sees the records whatever stream pytest gives the handler)
    from nlp_reports.cli import main

    labeled = sorted((TESTS.parent / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))
    if not labeled:
        pytest.skip("labeled corpus not present")
    data = tmp_path / "mine.jsonl"
    data.write_text("\n".join(labeled[0].read_text("utf-8").splitlines()[:150]) + "\n", "utf-8")
    base = tmp_path / "base.jsonl"
    base.write_text("\n".join(labeled[1].read_text("utf-8").splitlines()[:200]) + "\n", "utf-8")
    argv = ["evaluate", str(data), "--cv", "2", "--base", str(base), "--tokenizer", "jieba"]
    assert main(argv) == 0
    err = "\n".join(caplog.messages)
    for fold in (1, 2):  # as each fold starts (its training set: base + the other fold)
        assert re.search(rf"cv fold {fold}/2: training on \d+ statements", err), err
        assert re.search(rf"cv fold {fold}/2 done \(\d+ test statements\) after \d+ s", err)
    assert "left" in err.split("cv fold 1/2 done")[1].splitlines()[0]
    caplog.clear()
    assert main([*argv, "-q"]) == 0
    assert not [m for m in caplog.messages if "cv fold" in m]


# --- F8: a misnamed file's warning, once it fails, goes with its failure ------------------------


def test_a_misnamed_file_that_fails_warns_in_its_failure_not_at_every_run(tmp_path, caplog):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "P0001.pdf").write_text(  # a 404 page saved under the link's .pdf name
        "<html><head><title>404</title></head><body><p>您访问的页面不存在或已被删除。</p>"
        "<p>返回首页</p></body></html>", "utf-8")
    shutil.copy(REPORT, folder / "P0002.pdf")  # the report's text under a .pdf name
    db = tmp_path / "s.sqlite"
    with caplog.at_level("WARNING", logger="nlp_reports"):
        first = tag_paths([folder], db, model=FakeTagger())
    assert (first.ok, first.failed) == (1, 1)
    warned = [m for m in caplog.messages if "named .pdf but holds" in m]
    assert len(warned) == 1 and "P0002.pdf" in warned[0]  # the file that parsed: logged
    (failure,) = first.failures
    assert failure.path.endswith("P0001.pdf")
    assert failure.message.endswith("(named .pdf but holds HTML; read as html)")
    caplog.clear()
    with caplog.at_level("WARNING", logger="nlp_reports"):
        again = tag_paths([folder], db, model=FakeTagger())
    assert again.failed == 1 and again.failures[0].message == failure.message
    assert not [m for m in caplog.messages if "named .pdf" in m]
