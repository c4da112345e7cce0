"""A page that only links its report (详见附件), whose linked file was read, is no failed file.

A crawler saves the article page and the file it links; both are tagged, the report is stored
from the file. The page is recorded ``linked`` (not ``failed``): not in "N failed", not in the
exit code, not an audit defect — whatever order the two are tagged in, in one run or two, with
any ``jobs``. When the linked file's report is not stored, the page stays a failure.
The linked files are tests/fixtures/doc13's fictional reports; the pages are fictional too.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import tag_paths
from nlp_reports.corpus.audit import audit
from nlp_reports.corpus.store import Store

DOCS = Path(__file__).parent / "fixtures" / "doc13"

# a 集约化 article page of a city site: the report is the attachment, mirrored by the crawl
_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title}_政府信息公开年报_丰阳市人民政府门户网站</title></head><body>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/col/col1572/">政府信息公开年报</a></div>
<div class="main"><h1>{title}</h1>
<div class="source">发布时间：{date}　信息来源：{body}　【字体：大 中 小】</div>
<div class="article-content"><p>　　按照《中华人民共和国政府信息公开条例》规定，现将{title}予以公布，
详见附件。</p><p>附件：<a href="{href}" target="_blank">{label}</a></p></div></div>
<div class="footer">丰阳市人民政府办公室主办　网站标识码：3607000013</div></body></html>
"""

# the same crawl saved as text by a browser add-on: the attachment named in a line
_TEXT_PAGE = """首页 > 政务公开 > 政府信息公开年报
白沙镇人民政府2023年度政府信息公开工作年度报告
发布日期：2024-01-26　来源：白沙镇党政办　浏览：52次

　　现将白沙镇2023年度政府信息公开工作年度报告全文公布，请点击附件查看。

附件下载：白沙镇2023年政府信息公开年报.docx

【打印】【关闭】
"""


def _mirrored_crawl(root: Path, *, save_file: bool = True) -> tuple[Path, Path]:
    """www.fengyang.gov.cn/art/2022/1/25/art_1572_3391.html linking
    /module/download/downfile.jsp?…/P020220125.docx, saved under the site's folder."""
    site = root / "www.fengyang.gov.cn"
    page = site / "art" / "2022" / "1" / "25" / "art_1572_3391.html"
    page.parent.mkdir(parents=True)
    title = "丰阳市自然资源和规划局2021年政府信息公开工作年度报告"
    page.write_text(_PAGE.format(title=title, date="2022-01-25 16:40", body="市自然资源和规划局",
                                 href="/module/download/P020220125395817264203.docx",
                                 label=f"{title}.docx"), encoding="utf-8")
    doc = site / "module" / "download" / "P020220125395817264203.docx"
    if save_file:
        doc.parent.mkdir(parents=True)
        shutil.copy(DOCS / "city_2021.docx", doc)
    return page, doc


def _text_page(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "art_2281_60417.txt"
    page.write_text(_TEXT_PAGE, encoding="utf-8")
    doc = folder / "白沙镇2023年政府信息公开年报.docx"
    shutil.copy(DOCS / "township_2023.docx", doc)
    return page, doc


def _files(db: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """path → (status, reason, linked_to)."""
    with sqlite3.connect(db) as conn:
        return {p: (s, r, t) for p, s, r, t in conn.execute(
            "SELECT path, status, reason, linked_to FROM files")}


def _tag(paths, db, **kw):
    return tag_paths([str(p) for p in paths], db, model=FakeTagger(), **kw)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_whose_linked_file_is_stored_is_linked_not_failed(tmp_path, jobs):
    page, doc = _mirrored_crawl(tmp_path / "crawl")
    text_page, text_doc = _text_page(tmp_path / "crawl" / "baisha")
    db = tmp_path / "s.sqlite"
    result = _tag([tmp_path / "crawl"], db, jobs=jobs)
    assert (result.ok, result.failed, result.linked) == (2, 0, 2)
    assert result.failures == ()
    line = result.summary_line()
    assert "0 failed" in line and "2 pages that link a report read from its file" in line
    files = _files(db)
    assert files[str(page)] == ("linked", "not_a_report", str(doc))
    assert files[str(text_page)] == ("linked", "not_a_report", str(text_doc))
    with Store(db, readonly=True) as store:
        assert len(store.failures()) == 0
    assert audit(db).counts()["failed_files"] == 0


def test_a_page_whose_file_was_not_saved_stays_failed(tmp_path):
    page, _ = _mirrored_crawl(tmp_path / "crawl", save_file=False)
    other = tmp_path / "crawl" / "linchuan.docx"  # another report, stored: not the linked one
    shutil.copy(DOCS / "county_weijian_2022.docx", other)
    db = tmp_path / "s.sqlite"
    result = _tag([tmp_path / "crawl"], db)
    assert (result.ok, result.failed, result.linked) == (1, 1, 0)
    assert result.failures[0].path == str(page)
    assert "download that file and parse it" in result.failures[0].message
    assert _files(db)[str(page)] == ("failed", "not_a_report", None)
    assert audit(db).counts()["failed_files"] == 1


def test_a_page_whose_linked_file_cannot_be_read_stays_failed(tmp_path):
    page, doc = _mirrored_crawl(tmp_path / "crawl")
    doc.write_bytes(b"PK\x03\x04 not a whole docx: the download was cut off")
    result = _tag([tmp_path / "crawl"], tmp_path / "s.sqlite")
    assert (result.ok, result.failed, result.linked) == (0, 2, 0)
    assert sorted(f.path for f in result.failures) == sorted([str(doc), str(page)])


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_page_first_then_its_file_in_a_second_run(tmp_path, jobs):
    page, doc = _mirrored_crawl(tmp_path / "crawl")
    db = tmp_path / "s.sqlite"
    first = _tag([page], db, jobs=jobs)
    assert (first.failed, first.linked) == (1, 0)  # the file is saved but not stored yet
    assert "the linked file P020220125395817264203.docx is saved with the page" in (
        first.failures[0].message)
    second = _tag([doc], db, jobs=jobs)
    assert (second.ok, second.failed, second.linked) == (1, 0, 1)
    assert "1 page that links a report read from its file" in second.summary_line()
    assert _files(db)[str(page)] == ("linked", "not_a_report", str(doc))
    third = _tag([page, doc], db, jobs=jobs)  # the page is read again, and linked again
    assert (third.skipped, third.failed, third.linked) == (1, 0, 1)


def test_the_file_first_then_its_page_in_a_second_run(tmp_path):
    page, doc = _text_page(tmp_path / "baisha")
    db = tmp_path / "s.sqlite"
    assert _tag([doc], db).ok == 1
    second = _tag([page], db)
    assert (second.ok, second.failed, second.linked) == (0, 0, 1)
    assert _files(db)[str(page)][0] == "linked"


def test_the_linked_file_found_by_its_content_stored_under_another_path(tmp_path):
    # the crawl saved the attachment beside the page; the report was tagged from a download
    # folder where it bears the name the site gave it
    page, doc = _text_page(tmp_path / "crawl")
    kept = tmp_path / "downloads" / "白沙镇人民政府2023年度政府信息公开工作年度报告.docx"
    kept.parent.mkdir()
    shutil.copy(doc, kept)
    db = tmp_path / "s.sqlite"
    result = _tag([page, kept], db)
    assert (result.ok, result.failed, result.linked) == (1, 0, 1)
    assert _files(db)[str(page)] == ("linked", "not_a_report", str(kept))


def test_a_linked_page_fails_again_when_its_file_is_no_longer_read(tmp_path):
    page, doc = _mirrored_crawl(tmp_path / "crawl")
    db = tmp_path / "s.sqlite"
    assert _tag([tmp_path / "crawl"], db).linked == 1
    doc.write_bytes(b"%PDF-1.4 renamed by the crawler, not the report")  # replaced since
    again = _tag([tmp_path / "crawl"], db)
    assert (again.failed, again.linked) == (2, 0)
    assert _files(db)[str(page)] == ("failed", "not_a_report", None)
    assert audit(db).counts()["failed_files"] == 2


def test_a_store_written_before_gets_the_linked_status(tmp_path):
    """A schema-4 store whose files table predates ``linked`` is rebuilt in place on the
    first write, its rows and the duplicates view kept."""
    db = tmp_path / "old.sqlite"
    old = tmp_path / "crawl" / "年报.doc"  # a failure of an earlier run, kept
    old.parent.mkdir()
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("DROP VIEW duplicates")
        conn.execute("DROP TABLE files")
        conn.execute("""CREATE TABLE files (path TEXT PRIMARY KEY, sha256 TEXT, size INTEGER,
            status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'duplicate')), reason TEXT,
            message TEXT, model_id TEXT, tagged_at TEXT NOT NULL, duplicate_of TEXT)""")
        conn.execute("CREATE VIEW duplicates AS SELECT path, duplicate_of, sha256, size, "
                     "model_id, tagged_at FROM files WHERE status = 'duplicate'")
        conn.execute("INSERT INTO files VALUES (?, NULL, 4, 'failed', 'unsupported_format', "
                     "'save it as .docx', 'm', '2024-03-01T08:00:00', NULL)", (str(old),))
    page, doc = _text_page(tmp_path / "baisha")
    result = _tag([page, doc], db)
    assert (result.failed, result.linked) == (0, 1)
    files = _files(db)
    assert files[str(old)] == ("failed", "unsupported_format", None)
    assert files[str(page)][0] == "linked"
    with Store(db, readonly=True) as store:
        assert len(store.query("SELECT * FROM duplicates")) == 0


def test_cli_tag_exits_0_with_the_linked_page_counted(tmp_path, capsys):
    from nlp_reports.cli import main

    page, _ = _text_page(tmp_path / "baisha")
    code = main(["tag", str(tmp_path / "baisha"), "--db", str(tmp_path / "s.sqlite"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "0 failed; 1 page that links a report read from its file" in err


def test_linked_file_reads_back_what_the_refusal_says(tmp_path):
    from nlp_reports.ingest.html import linked_file, saved_note

    page = tmp_path / "www.x.gov.cn" / "art" / "2023" / "art_9.html"
    beside = page.parent / "年报 (终稿).pdf"
    mirrored = tmp_path / "www.x.gov.cn" / "module" / "download" / "P0203.pdf"
    for saved in (beside, mirrored):
        said = f"the page holds no report text …: 报告.pdf; {saved_note(saved, str(page))}"
        assert linked_file(str(page), said) == str(saved)
    assert linked_file(str(page), "…; download that file and parse it") is None
