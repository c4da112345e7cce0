"""A page that links its report through the site's download script (附件：<a href="download.jsp?
id=5">…年度报告.pdf</a>), crawled with wget, whose file was saved under the script's URL
(``download.jsp@id=5`` with Windows-safe names, ``download.jsp?id=5`` without). The file's
report was stored, yet the page failed telling the user to "download that file", which the
crawl had done: the link's href names no document, so the page was not read as one that only
links its report, and its saved file was looked for only under the href's path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import tag_paths
from nlp_reports.errors import NotAReportError
from nlp_reports.ingest.html import saved_link
from nlp_reports.parse.load import load_report

DOCS = Path(__file__).parent / "fixtures" / "doc13"

PAGE = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div>首页 &gt; 信息公开 &gt; 年度报告</div><h2>{title}</h2><div>发布时间：2025-01-21</div>
<p>附件：<a href="{href}">{title}.docx</a></p><div>【打印本页】【关闭窗口】</div></body></html>"""
TITLE = "汀州县水利局2024年政府信息公开工作年度报告"


@pytest.mark.parametrize("saved_as", ["download.jsp@id=5", "download.jsp?id=5"])
def test_the_saved_file_of_a_script_link_is_found(tmp_path, saved_as):
    page = tmp_path / "art_9.html"
    page.write_text(PAGE.format(title=TITLE, href="download.jsp?id=5"), encoding="utf-8")
    shutil.copy(DOCS / "county_weijian_2022.docx", tmp_path / saved_as)
    assert saved_link("download.jsp?id=5", str(page)) == tmp_path / saved_as
    with pytest.raises(NotAReportError, match="is in this folder"):
        load_report(page)


def test_a_page_linking_its_report_through_a_script_is_linked(tmp_path):
    crawl = tmp_path / "slj.example.gov.cn" / "art"
    crawl.mkdir(parents=True)
    page = crawl / "art_9.html"
    page.write_text(PAGE.format(title=TITLE, href="/art/download.jsp?id=5"), encoding="utf-8")
    shutil.copy(DOCS / "county_weijian_2022.docx", crawl / "download.jsp@id=5")
    result = tag_paths([str(tmp_path / "slj.example.gov.cn")], tmp_path / "s.sqlite",
                       model=FakeTagger())
    assert (result.ok, result.failed, result.linked) == (1, 0, 1)


def test_a_script_link_not_naming_a_document_is_no_attachment(tmp_path):
    """A link to a script whose text names no file (a page's 下载中心 link) points to nothing:
    the page is judged by its own text, as before."""
    page = tmp_path / "p.html"
    page.write_text(PAGE.format(title=TITLE, href="download.jsp?id=5").replace(
        f">{TITLE}.docx<", ">下载中心<"), encoding="utf-8")
    with pytest.raises(NotAReportError) as exc:
        load_report(page)
    assert "is in this folder" not in str(exc.value)
