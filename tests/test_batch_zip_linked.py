"""A crawled page inside a zip that only links its report is ``linked``, like a loose one, when
the linked file is a neighbouring member of the same zip: beside the page, or under
the site's mirrored folders, as a crawl zipped whole keeps them. A page whose file is not in
the zip stays failed; the zip's other members are read as before. The linked files are
tests/fixtures/doc13's fictional reports; the pages are fictional too."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import load_report
from nlp_reports.corpus import tag_paths
from nlp_reports.errors import NotAReportError

DOCS = Path(__file__).parent / "fixtures" / "doc13"

# a county health commission's article page on the county portal (a TRS-style CMS)
_ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>清河县卫生健康委员会2022年度政府信息公开工作年度报告-清河县人民政府</title></head><body>
<div class="position">当前位置：<a href="/">首页</a> &gt; 政府信息公开 &gt; 年度报告</div>
<h2 class="art-title">清河县卫生健康委员会2022年度政府信息公开工作年度报告</h2>
<div class="art-info">发布日期：2023-01-30　来源：县卫健委　浏览量：87</div>
<div class="TRS_Editor"><p>根据《中华人民共和国政府信息公开条例》要求，现将我委2022年度政府信息公开
工作年度报告予以公开，全文见附件。</p>
<p>相关附件：<a href="/attach/0/{name}">清河县卫生健康委员会2022年度政府信息公开工作年度报告.docx</a></p>
</div><div class="foot">清河县人民政府办公室 主办　冀ICP备05000000号</div></body></html>
"""

# a township's page saved as text by a browser extension: the attachment named in a line
_TEXT_PAGE = """首页 > 信息公开 > 年度报告
青溪镇人民政府2023年政府信息公开工作年度报告
发布时间：2024年01月22日　　信息来源：青溪镇党政综合办公室

按照上级要求，现将《青溪镇人民政府2023年政府信息公开工作年度报告》全文公布，请下载附件查阅。

附件：青溪镇2023年政府信息公开工作年度报告.docx

【打印本页】【关闭窗口】
"""

_DOC_NAME = "P020230130512260314872.docx"


def _crawl_zip(tmp_path: Path, *, with_files: bool = True) -> Path:
    """A zipped crawl: the county page linking /attach/0/P0….docx (mirrored folders) and the
    township's text page naming its .docx beside it."""
    z = tmp_path / "crawl-2023.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("www.qinghe.gov.cn/art/2023/1/30/art_3318_905.html",
                    _ARTICLE.format(name=_DOC_NAME))
        zf.writestr("qingxi/art_7702_118.txt", _TEXT_PAGE)
        if with_files:
            zf.write(DOCS / "county_weijian_2022.docx", f"www.qinghe.gov.cn/attach/0/{_DOC_NAME}")
            zf.write(DOCS / "township_2023.docx", "qingxi/青溪镇2023年政府信息公开工作年度报告.docx")
    return z


def _files(db: Path) -> dict[str, tuple[str, str | None, str | None]]:
    with sqlite3.connect(db) as conn:
        return {p: (s, r, t) for p, s, r, t in conn.execute(
            "SELECT path, status, reason, linked_to FROM files")}


def test_pages_linking_neighbouring_members_are_linked(tmp_path):
    z = _crawl_zip(tmp_path)
    db = tmp_path / "s.sqlite"
    result = tag_paths([str(z)], db, model=FakeTagger())
    assert (result.ok, result.failed, result.linked) == (2, 0, 2)
    files = _files(db)
    page = f"{z}/www.qinghe.gov.cn/art/2023/1/30/art_3318_905.html"
    doc = f"{z}/www.qinghe.gov.cn/attach/0/{_DOC_NAME}"
    assert files[page] == ("linked", "not_a_report", doc)
    assert files[doc][0] == "ok"
    text_page = f"{z}/qingxi/art_7702_118.txt"
    assert files[text_page] == ("linked", "not_a_report",
                                f"{z}/qingxi/青溪镇2023年政府信息公开工作年度报告.docx")


def test_pages_whose_files_are_not_in_the_zip_stay_failed(tmp_path):
    z = _crawl_zip(tmp_path, with_files=False)
    db = tmp_path / "s.sqlite"
    result = tag_paths([str(z)], db, model=FakeTagger())
    assert (result.ok, result.failed, result.linked) == (0, 2, 0)
    assert all("download that file and parse it" in f.message for f in result.failures)
    assert {s for s, _, _ in _files(db).values()} == {"failed"}


def test_the_refusal_names_the_member_it_found(tmp_path):
    z = _crawl_zip(tmp_path)
    member = f"{z}/qingxi/art_7702_118.txt"
    with zipfile.ZipFile(z) as zf:
        data = zf.read("qingxi/art_7702_118.txt")
    with pytest.raises(NotAReportError, match="the linked file 青溪镇2023年政府信息公开工作年度报告"
                       r"\.docx is in this folder"):
        load_report(data, filename=member)
