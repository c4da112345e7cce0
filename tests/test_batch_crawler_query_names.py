"""A crawler names a downloaded file after its URL, query and all: wget writes
``getfile.aspx?fileid=88213`` (``getfile.aspx@fileid=88213`` with Windows-safe names), and a
portal's download servlet gives ``download.do?id=5`` or ``view.jsp;jsessionid=…``. The
suffix a folder walk sees is then ``.aspx@fileid=88213``: such a file was passed over as an
"other file", the report in it neither stored nor listed as failed, while ``nlp-reports parse``
of the same file read it."""

from __future__ import annotations

import shutil
from pathlib import Path

from nlp_reports.corpus.batch import tag_paths
from nlp_reports.corpus.files import expand_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PDF = FIXTURES / "reports" / "county_2022_aligned.pdf"
DOCX = FIXTURES / "reports" / "city_2023_flat.docx"


def test_a_report_saved_under_its_download_url_is_read(tmp_path):
    site = tmp_path / "crawl" / "rsj.example.gov.cn"
    site.mkdir(parents=True)
    shutil.copy(PDF, site / "getfile.aspx@fileid=88213")
    shutil.copy(DOCX, site / "download.do?id=5")
    result = tag_paths(tmp_path / "crawl", tmp_path / "s.sqlite")
    assert (result.ok, result.failed) == (2, 0)
    assert not result.ignored


def test_an_error_page_under_a_query_name_fails_with_its_reason(tmp_path):
    """Not passed over either: the page the site served is named as what it is."""
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "GetFile.aspx@id=17").write_bytes(
        b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>"
        b"<hr><center>nginx</center></body></html>")
    result = tag_paths(tmp_path / "crawl", tmp_path / "s.sqlite")
    assert result.ok == 0 and [f.reason for f in result.failures] == ["error_page"]


def test_a_query_name_holding_no_document_is_still_only_counted(tmp_path):
    """A picture or a script the crawler saved under a query name is no report: counted
    under its suffix, never read."""
    (tmp_path / "captcha.jpg@t=1706").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64))
    (tmp_path / "share.js@v=3").write_bytes(b"function share(){}")
    found = expand_paths([tmp_path])
    assert found.files == []
    assert sum(found.ignored.values()) == 2
