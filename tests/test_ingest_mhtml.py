"""MHTML web archives (.mht/.mhtml, 网页单个文件): the saved pages of examples/corpus wrapped
as IE/Chrome would save them read to the same report as the .html itself, and malformed
archives fail with a ParseError that says why.

The archives are built here with the stdlib ``email`` package: the page part quoted-printable
or base64, its charset declared right, wrongly or not at all, with a stylesheet and an image
beside it as a saved page has.
"""

from __future__ import annotations

import base64
import quopri
import re
import time
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.corpus.files import expand_paths
from nlp_reports.errors import EmptyInputError, ParseError
from nlp_reports.ingest import read_document, sniff_format

CORPUS = Path(__file__).parents[1] / "examples" / "corpus"
PAGES = sorted(CORPUS.glob("*.html"))
pytestmark = pytest.mark.skipif(not PAGES, reason="examples/corpus is missing")

_META = re.compile(r"<meta charset=['\"]?utf-8['\"]?>", re.IGNORECASE)
# a 1×1 PNG: the image part a saved page carries
_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChw"
                        "GA60e6kgAAAABJRU5ErkJggg==")


def _page(path: Path, *, meta: str | None = "utf-8") -> str:
    """The page's markup with its ``<meta charset>`` set to ``meta`` (None: removed)."""
    html = path.read_text("utf-8")
    assert _META.search(html), "the example pages declare utf-8"
    return _META.sub(f'<meta charset="{meta}">' if meta else "", html, count=1)


def _part(body: bytes, charset: str | None, transfer: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", "html", **({"charset": charset} if charset else {}))
    if transfer == "quoted-printable":
        part.set_payload(quopri.encodestring(body).decode("ascii"))
    else:
        part.set_payload(base64.encodebytes(body).decode("ascii"))
    part["Content-Transfer-Encoding"] = transfer
    part["Content-Location"] = "http://www.example.gov.cn/zwgk/ndbg/index.html"
    return part


def _archive(body: bytes, charset: str | None, transfer: str, *, css_first: bool = False) -> bytes:
    """A saved page: headers as IE/Chrome write them, the page, a stylesheet and an image."""
    msg = MIMEMultipart("related", type="text/html")
    msg["From"] = "<Saved by Windows Internet Explorer 8>"
    msg["Subject"] = "=?gb2312?B?xOq2yLGouOY=?="  # 年度报告, encoded as IE does
    msg["Snapshot-Content-Location"] = "http://www.example.gov.cn/zwgk/ndbg/index.html"
    css = MIMENonMultipart("text", "css", charset="utf-8")
    css.set_payload("body{font-size:14px}")
    if css_first:
        msg.attach(css)
    msg.attach(_part(body, charset, transfer))
    if not css_first:
        msg.attach(css)
    image = MIMEBase("image", "png")
    image.set_payload(base64.encodebytes(_PNG).decode("ascii"))
    image["Content-Transfer-Encoding"] = "base64"
    msg.attach(image)
    return msg.as_bytes()


#: name → (page bytes, declared charset, transfer encoding, css part first)
def _variants(path: Path) -> dict[str, tuple[bytes, str | None, str, bool]]:
    return {
        # IE: GBK bytes, quoted-printable, gb2312 in the part header and in the page
        "qp_gb2312": (_page(path, meta="gb2312").encode("gb18030"), "gb2312",
                      "quoted-printable", False),
        # Chrome: UTF-8, base64 (the page's own <meta> kept)
        "base64_utf8": (_page(path).encode("utf-8"), "utf-8", "base64", True),
        # a wrong charset: UTF-8 bytes declared gb2312 in the header and the page
        "wrong_gb2312": (_page(path, meta="gb2312").encode("utf-8"), "gb2312",
                         "quoted-printable", False),
        # a wrong charset the other way: GBK bytes declared utf-8 (the page's <meta> too)
        "wrong_utf8": (_page(path).encode("gb18030"), "utf-8", "base64", False),
        # no charset anywhere
        "no_charset": (_page(path, meta=None).encode("gb18030"), None, "quoted-printable",
                       False),
    }


def _same_report(mht, html) -> None:
    a, b = mht.to_dict(), html.to_dict()
    for key in ("source", "source_format", "encoding"):
        a["metadata"].pop(key)
        b["metadata"].pop(key)
    assert a["metadata"] == b["metadata"]
    for key in ("sections", "statements", "tables", "checks", "errors"):
        assert a[key] == b[key], key
    assert mht.text == html.text


@pytest.mark.parametrize("page", PAGES[:4], ids=lambda p: p.stem[:12])
def test_archive_reads_as_the_page_it_holds(page: Path) -> None:
    html = load_report(page)
    assert html.sections and html.tables  # a real report, so equality means something
    for name, (body, charset, transfer, css_first) in _variants(page).items():
        data = _archive(body, charset, transfer, css_first=css_first)
        assert sniff_format(data) == "mhtml", name
        mht = load_report(data, filename="page.mht")
        assert mht.metadata.source_format == "mhtml", name
        utf8 = name in ("base64_utf8", "wrong_gb2312")
        assert mht.metadata.encoding == ("utf-8" if utf8 else "gb18030"), name
        _same_report(mht, html)


def test_archive_read_from_a_path_of_either_suffix_and_found_by_a_folder_walk(tmp_path):
    page = PAGES[0]
    body, charset, transfer, _ = _variants(page)["qp_gb2312"]
    data = _archive(body, charset, transfer)
    (tmp_path / "a.mht").write_bytes(data)
    (tmp_path / "b.MHTML").write_bytes(data)
    html = load_report(page)
    for name in ("a.mht", "b.MHTML"):
        report = load_report(tmp_path / name)
        assert report.metadata.source == str(tmp_path / name)
        assert report.metadata.source_format == "mhtml"
        _same_report(report, html)
    files, failures, _ = expand_paths([tmp_path])
    assert sorted(f.name for f in files) == ["a.mht", "b.MHTML"] and not failures


def test_archive_without_images_is_one_html_message() -> None:
    """A page saved with nothing beside it: the message itself is the text/html part."""
    page = PAGES[1]
    part = _part(_page(page).encode("utf-8"), "utf-8", "quoted-printable")
    part["MIME-Version"] = "1.0"
    data = part.as_bytes()
    assert sniff_format(data) == "mhtml"
    _same_report(load_report(data, filename="x.mht"), load_report(page))


def test_plain_page_saved_under_mht_is_read_as_html() -> None:
    page = PAGES[0]
    report = load_report(page.read_bytes(), filename="page.mht")
    assert report.metadata.source_format == "html"
    _same_report(report, load_report(page))


def test_text_part_only_is_read_as_text() -> None:
    msg = MIMEMultipart("alternative")
    text = "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本机关主动公开政府信息。"
    plain = MIMENonMultipart("text", "plain", charset="gb2312")
    plain.set_payload(base64.encodebytes(text.encode("gb18030")).decode("ascii"))
    plain["Content-Transfer-Encoding"] = "base64"
    msg.attach(plain)
    doc = read_document(msg.as_bytes(), filename="x.mhtml")
    assert doc.source_format == "mhtml" and doc.encoding == "gb18030"
    assert doc.text.splitlines()[1] == "一、总体情况"


def _no_page() -> bytes:
    msg = MIMEMultipart("related")
    image = MIMEBase("image", "png")
    image.set_payload(base64.encodebytes(_PNG).decode("ascii"))
    image["Content-Transfer-Encoding"] = "base64"
    msg.attach(image)
    return msg.as_bytes()


def _cut_before_page() -> bytes:
    page = PAGES[0]
    data = _archive(_page(page).encode("utf-8"), "utf-8", "base64")
    return data[: data.index(b"Content-Type: text/html")]


def _empty_page() -> bytes:
    return _archive(b"", "utf-8", "base64")


def _binary_page() -> bytes:
    return _archive(bytes(range(256)) * 40, "utf-8", "base64")


MALFORMED = {
    "plain_text_named_mht": ("一、总体情况\n本机关主动公开政府信息。".encode(), ParseError,
                             "no MIME headers"),
    "header_like_text": (b"Note: saved from the site\n\n" + "一、总体情况".encode(), ParseError,
                         "no MIME headers"),
    "no_page_part": (_no_page(), ParseError, "no page"),
    "cut_before_page": (_cut_before_page(), ParseError, "no page"),
    "empty_page_part": (_empty_page(), EmptyInputError, "empty"),
    "binary_page_part": (_binary_page(), ParseError, ""),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_archives_raise_parse_error_saying_why(case: str) -> None:
    data, error, words = MALFORMED[case]
    with pytest.raises(error) as info:
        load_report(data, filename="broken.mht")
    assert "broken.mht" in str(info.value) and words in str(info.value)


def test_archive_cut_inside_the_page_reads_what_is_there(caplog) -> None:
    page = PAGES[0]
    body = _page(page).encode("utf-8")
    data = _archive(body, "utf-8", "quoted-printable")
    start = data.index(b"Content-Type: text/html")
    cut = data[: start + len(data[start:]) // 2]
    report = load_report(cut, filename="cut.mht")
    assert report.metadata.title == load_report(page).metadata.title
    assert "truncated" in caplog.text
    # cut inside the image after the page: the whole report
    _same_report(load_report(data[: data.rindex(b"iVBOR") + 10], filename="cut.mht"),
                 load_report(page))


_HEAD = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b0\n\n"
#: hostile archives → the words of the ParseError they must raise (None: a report will do)
HOSTILE = {
    "self_nested": (_HEAD + "--b0\nContent-Type: multipart/related; boundary=b0\n\n" * 5000,
                    "no page"),
    "nested_3000_deep": (_HEAD + "".join(
        f"--b{i}\nContent-Type: multipart/related; boundary=b{i + 1}\n\n" for i in range(3000)),
        "nested too deeply"),
    "20000_parts": (_HEAD + "--b0\nContent-Type: image/png\n\nx\n" * 20000 + "--b0--\n",
                    "no page"),
    "bad_base64": ("MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n"
                   "Content-Transfer-Encoding: base64\n\n" + "!!!=" * 1000, "empty"),
    "bad_rfc2231_charset": ("MIME-Version: 1.0\nContent-Type: text/html; charset*=''%FF%FE;"
                            " charset*0*=x'y'%ZZ\n\n<html><body>一、总体情况<p>本年度主动公开信息25条。</p>"
                            "</body></html>",
                            None),
    "50000_headers": ("MIME-Version: 1.0\n" + "X: y\n" * 50000, "no page"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_archives_fail_fast_with_parse_error(case: str) -> None:
    data, words = HOSTILE[case]
    start = time.process_time()
    try:
        report = load_report(data.encode("utf-8"), filename="h.mht")
    except ParseError as exc:
        assert words is not None and words in str(exc), exc
    else:
        assert words is None and report.metadata.source_format == "mhtml"
    assert time.process_time() - start < 3
