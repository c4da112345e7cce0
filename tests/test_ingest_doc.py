"""Word 97–2003 .doc reports (and WPS .wps files in that format) are read directly.

The fixtures in tests/fixtures/doc13/ are .docx reports written with python-docx and
converted to .doc by LibreOffice (make_doc_fixtures.py): a county 卫健局 2022, a township
2023, a city bureau 2021 (with a wrong 总计, so checks fail), a 2012-layout county report
without tables, and a district 2024 report whose 表三 runs over four pages with merged
cells. Each .doc must parse to the same Report as the .docx it was made from.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import _outcome

from nlp_reports import load_report
from nlp_reports.errors import (
    BinaryInputError,
    MissingDependencyError,
    ParseError,
    UnsupportedFormatError,
)
from nlp_reports.ingest import read_document

pytest.importorskip("olefile")
pytest.importorskip("docx")

HERE = Path(__file__).parent / "fixtures" / "doc13"
FORMATS = Path(__file__).parent / "fixtures" / "formats_s5"
#: each .doc and the .docx it was converted from
PAIRS = {p.name: p.with_suffix(".docx") for p in HERE.glob("*.doc")
         if p.with_suffix(".docx").exists()}
PAIRS["numstyle_link.doc"] = FORMATS / "numstyle_link.docx"
PAIRS["layout_table.doc"] = FORMATS / "layout_table.docx"
PAIRS["textbox_title.doc"] = FORMATS / "textbox_title.docx"
DOCS = sorted(PAIRS)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_the_fixtures_are_there_and_small():
    assert len(DOCS) == 8
    for name in [*DOCS, "autonum_restart.doc"]:
        assert (HERE / name).read_bytes().startswith(OLE)
        assert (HERE / name).stat().st_size < 80_000


@pytest.mark.parametrize("name", DOCS)
def test_a_doc_parses_as_the_docx_it_was_saved_from(name):
    got = load_report(HERE / name)
    want = load_report(PAIRS[name])
    assert got.metadata.source_format == "doc" and want.metadata.source_format == "docx"
    assert replace(got.metadata, source=None, source_format=None) == \
        replace(want.metadata, source=None, source_format=None)
    assert got.sections == want.sections
    assert got.statements == want.statements
    assert got.tables == want.tables  # every cell, label and value
    assert got.checks == want.checks
    assert got.errors == want.errors
    assert got.text == want.text


def test_the_tables_of_a_doc_are_read_as_numbers_and_checked():
    report = load_report(HERE / "county_weijian_2022.doc")
    assert [t.id for t in report.tables] == ["table2.1", "table2.5", "table2.6", "table2.8",
                                             "table3", "table4"]
    assert all(t.status == "ok" for t in report.tables)
    t3 = report.table("table3")
    total = t3.values[t3.rows.index("3.7")]
    assert total[-1] == 10 and total[0] == 8  # (四 3.1+3.2+3.4.1+3.5.2: 8 + 1 + 1 … = 10)
    assert report.checks and not [c for c in report.checks if c.outcome == "fail"]
    # the city bureau's 三(七) 总计 was typed 53: the .doc's checks find it, as the .docx's
    city = load_report(HERE / "city_2021.doc")
    failed = [c for c in city.checks if c.outcome == "fail"]
    assert failed and all(c.table == "table3" for c in failed)
    assert any(c.found == 53 for c in failed)


def test_merged_cells_repeat_as_in_the_docx_reader():
    lines = read_document(HERE / "district_2024_split.doc").text.splitlines()
    rows = [line.split("\t") for line in lines if line.startswith("三、本年度办理结果\t")]
    assert len(rows) == 22  # the label merged over 22 rows (and 3 pages) is in each
    assert all(len(r) == 10 for r in rows)
    assert [r[1] for r in rows].count("(三)不予公开") == 8  # (normalized: half-width)
    head = next(line for line in lines if line.startswith("行政复议\t"))
    assert head.split("\t") == ["行政复议"] * 5 + ["行政诉讼"] * 10  # cell edges 2771 / 2772


def test_word_numbered_headings_get_their_numbers():
    # 一、 （一） 1. set by Word's numbering are not in the text stream: rebuilt from the lists
    lines = read_document(HERE / "autonum_restart.doc").text.splitlines()
    want = read_document(FORMATS / "autonum_restart.docx").text.splitlines()
    assert [x for x in lines if x[:2] in ("一、", "二、", "五、", "六、", "(一", "(二")] == \
        [x for x in want if x[:2] in ("一、", "二、", "五、", "六、", "(一", "(二")]
    assert "1.政策解读的形式较为单一。" in lines and "2.栏目信息更新不够及时。" in lines
    # the .docx restarts "改进措施" on a new w:num of the same list, continued on the old
    # one (1. 2. 3.); LibreOffice wrote the two as lists of their own in the .doc, which it
    # then shows itself as 1. 1. 2. — the .doc is read as it is
    assert lines[lines.index("1.丰富政策解读形式。") + 1] == "1.建立栏目定期巡查机制。"
    got, docx = load_report(HERE / "autonum_restart.doc"), load_report(
        FORMATS / "autonum_restart.docx")
    assert [(x.number, x.title) for x in got.sections] == \
        [(x.number, x.title) for x in docx.sections]
    assert got.sections[:4] == docx.sections[:4] and got.metadata == replace(
        docx.metadata, source=got.metadata.source, source_format="doc")


def test_a_report_laid_out_in_a_one_cell_table_is_read_as_lines_with_its_nested_table():
    lines = read_document(HERE / "layout_table.doc").text.splitlines()
    assert "一、总体情况" in lines and "五、存在的主要问题及改进情况" in lines
    head = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    assert lines[head + 1] == "" and lines[head + 2].split("\t")[:6] == \
        ["行政复议"] * 5 + ["行政诉讼"]
    assert load_report(HERE / "layout_table.doc").table("table4").status == "ok"


def test_a_title_in_a_text_box_is_read():
    report = load_report(HERE / "textbox_title.doc")
    assert read_document(HERE / "textbox_title.doc").text.startswith(
        "青禾县水利局2023年政府信息公开工作年度报告\n")
    assert report.metadata.agency == "青禾县水利局" and report.metadata.year == 2023


def test_a_hyperlink_field_keeps_its_text_not_its_code():
    text = read_document(HERE / "county_weijian_2022.doc").text
    assert "临川县政府门户网站卫生健康专栏，同步通过" in text
    assert "HYPERLINK" not in text and "http://" not in text


def test_a_wps_file_in_word_format_is_read(tmp_path):
    # LibreOffice cannot write .wps; WPS Office saves .wps in Word's binary format, so a
    # .doc under a .wps name stands for one
    wps = tmp_path / "白沙镇2023年报.wps"
    shutil.copy(HERE / "township_2023.doc", wps)
    got = load_report(wps)
    assert got.metadata.source_format == "doc"
    assert got.tables == load_report(HERE / "township_2023.docx").tables


def test_ole_files_without_a_word_document_are_refused(tmp_path):
    olefile = pytest.importorskip("olefile")
    # a real OLE container holding a Workbook stream (an .xls), under several names
    src = tmp_path / "base.doc"
    shutil.copy(HERE / "county_2012_notables.doc", src)
    data = bytearray(src.read_bytes())
    name = "WordDocument".encode("utf-16-le")
    at = bytes(data).index(name)
    data[at:at + len(name)] = "Workbook\0\0\0\0".encode("utf-16-le")
    assert olefile.isOleFile(bytes(data))
    for fname in ("figures.xls", "report.doc", "report.wps", "report.docx"):
        path = tmp_path / fname
        path.write_bytes(bytes(data))
        what = "spreadsheets are not" if fname.endswith(".xls") else "without a Word document"
        with pytest.raises(UnsupportedFormatError, match=what):
            read_document(path)


def test_a_doc_that_holds_html_docx_or_rtf_is_read_as_what_it_holds(tmp_path):
    page = tmp_path / "page.doc"
    page.write_text("<html><head><meta charset='utf-8'></head><body><p>青石县2022年政府信息"
                    "公开工作年度报告</p><p>一、总体情况</p><p>全年公开信息120条。</p></body>"
                    "</html>", encoding="utf-8")
    assert read_document(page).source_format == "html"
    zipped = tmp_path / "zipped.doc"
    shutil.copy(HERE / "township_2023.docx", zipped)
    assert read_document(zipped).source_format == "docx"
    rtf = tmp_path / "rich.doc"
    rtf.write_bytes(b"{\\rtf1\\ansi report}")
    with pytest.raises(UnsupportedFormatError, match="RTF"):
        read_document(rtf)
    named_docx = tmp_path / "saved_as.docx"  # a .doc renamed .docx
    shutil.copy(HERE / "township_2023.doc", named_docx)
    assert read_document(named_docx).source_format == "doc"
    data = (HERE / "township_2023.doc").read_bytes()  # bytes with no name: sniffed
    assert read_document(data).source_format == "doc"


def _fib_offset(data: bytes) -> int:
    """Where the WordDocument stream (the FIB) starts in the file."""
    return next(k for k in range(512, len(data), 512) if data[k:k + 2] == b"\xec\xa5")


def test_an_encrypted_doc_says_so(tmp_path):
    data = bytearray((HERE / "township_2023.doc").read_bytes())
    data[_fib_offset(bytes(data)) + 0x0B] |= 0x01  # fEncrypted
    path = tmp_path / "protected.doc"
    path.write_bytes(bytes(data))
    with pytest.raises(UnsupportedFormatError, match="encrypted"):
        read_document(path)


def test_a_word_95_file_is_refused_with_advice():
    data = bytearray((HERE / "township_2023.doc").read_bytes())
    at = _fib_offset(bytes(data))
    data[at + 2:at + 4] = (104).to_bytes(2, "little")  # nFib of Word 95
    with pytest.raises(UnsupportedFormatError, match="Word 6.0/95.*convert-to docx"):
        read_document(bytes(data), filename="old.doc")


def test_a_damaged_doc_is_the_projects_error(tmp_path):
    data = (HERE / "township_2023.doc").read_bytes()
    for cut in (600, len(data) // 3, len(data) - 700):
        with pytest.raises(ParseError):
            read_document(data[:cut], filename="cut.doc")
    broken = bytearray(data)
    at = _fib_offset(data)
    broken[at:at + 2] = b"\0\0"  # no FIB
    with pytest.raises(BinaryInputError, match="re-save"):
        read_document(bytes(broken), filename="nofib.doc")


def test_without_olefile_the_message_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "olefile", None)
    with pytest.raises(MissingDependencyError, match=r"nlp-reports\[docx\]"):
        read_document(HERE / "township_2023.doc")


# --- the text stream's marks, on a hand-made piece table ------------------------------------


class _NoTables:
    """Paragraph properties that say no paragraph is in a table or a list."""

    from nlp_reports.ingest.doc import _NONE

    lists = None

    def props(self, fc):
        return self._NONE


def _stream(text: str, ccp: int | None = None) -> list[str]:
    from nlp_reports.ingest.doc import _lines

    word = text.encode("utf-16-le")
    fib = SimpleNamespace(ccp_text=len(text) if ccp is None else ccp)
    return _lines(word, [(0, len(text), 0, False)], fib, _NoTables())


def test_fields_breaks_hyphens_and_objects():
    lines = _stream("见\x13 HYPERLINK \"http://x.gov.cn\" \x14门户\x13 PAGE \x143\x15网站\x15。\r"
                    "第一行\x0b第二行\x0c三\x1e四\x1f五\x08六\r"
                    "\x13 TOC \\o \x15目录后\r"
                    "\x13 IF \x13 PAGE \x141\x15 = 1 \"首页\" \x14首页\x15\r")
    assert lines == ["见门户3网站。", "第一行\n第二行\n三-四五六", "目录后", "首页"]


def test_8_bit_and_utf16_pieces_are_read_in_cp_order():
    # Word stores a piece of only Latin text 8-bit (fCompressed, at fc/2): here the "2012 –"
    # of a heading, then the Chinese rest in UTF-16LE elsewhere in the stream
    from nlp_reports.ingest.doc import _lines

    latin = "2012 – ".encode("cp1252")  # (– is 0x96 in cp1252)
    chinese = "年度报告\r一、概述\r".encode("utf-16-le")
    word = b"\0" * 16 + latin + b"\0" * 9 + chinese
    pieces = [(0, 7, 16, True), (7, 7 + 10, 16 + len(latin) + 9, False)]
    fib = SimpleNamespace(ccp_text=17)
    assert _lines(word, pieces, fib, _NoTables()) == ["2012 – 年度报告", "一、概述"]


def test_picture_anchor_gives_the_image_mark_and_only_main_text_is_read():
    from nlp_reports.ingest.normalize import IMAGE_MARK

    main = "一、总体情况\r\x01\r"
    lines = _stream(main + "脚注文字\r", ccp=len(main))
    assert lines == ["一、总体情况", "", IMAGE_MARK]
    assert "脚注" not in "".join(lines)


# --- batch ------------------------------------------------------------------------------------


def test_a_folder_of_doc_files_is_tagged_and_a_broken_one_recorded(tmp_path):
    from _corpus_helpers import FakeTagger

    from nlp_reports.corpus.batch import tag_paths
    from nlp_reports.corpus.store import Store

    folder = tmp_path / "下载"
    (folder / "乡镇").mkdir(parents=True)
    for name in ("county_weijian_2022.doc", "city_2021.doc"):
        shutil.copy(HERE / name, folder / name)
    shutil.copy(HERE / "township_2023.doc", folder / "乡镇" / "白沙镇.wps")
    data = (HERE / "district_2024_split.doc").read_bytes()
    (folder / "broken.doc").write_bytes(data[:len(data) // 2])
    db = tmp_path / "s.sqlite"
    result = tag_paths(folder, db, model=FakeTagger())
    assert result.ok == 3 and result.failed == 1
    with Store(db) as s:
        rows = dict(s.connection.execute("SELECT path, status FROM files").fetchall())
        failed = s.connection.execute(
            "SELECT path, reason, message FROM files WHERE status = 'failed'").fetchall()
        n_reports = s.connection.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        n_statements = s.connection.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    assert sorted(Path(p).name for p, st_ in rows.items() if st_ == "ok") == \
        ["city_2021.doc", "county_weijian_2022.doc", "白沙镇.wps"]
    assert n_reports == 3 and n_statements > 0
    [(path, reason, message)] = failed
    assert Path(path).name == "broken.doc" and reason == "binary", (reason, message)
    assert "cut short" in message and "re-download" in message


def test_a_crawled_doc_without_a_suffix_is_walked_and_an_xls_is_not(tmp_path):
    """A crawler saves attachments as …/content/NNN; a .doc's directory (which names its
    WordDocument stream) lies at its end, past the first bytes a folder walk sniffs."""
    from _corpus_helpers import FakeTagger

    from nlp_reports.corpus.batch import tag_paths
    from nlp_reports.corpus.files import expand_paths, sniff_report

    crawl = tmp_path / "crawl" / "content"
    crawl.mkdir(parents=True)
    data = (HERE / "district_2024_split.doc").read_bytes()
    name = "WordDocument".encode("utf-16-le")
    assert data.index(name) > 16 * 1024  # the case: the name is past the sniffed head
    (crawl / "5102261").write_bytes(data)
    (crawl / "5102262").write_bytes(data.replace(name, "Workbook\0\0\0\0".encode("utf-16-le")))
    assert sniff_report(crawl / "5102261") and not sniff_report(crawl / "5102262")
    found = expand_paths([tmp_path / "crawl"])
    assert [p.name for p in found.files] == ["5102261"] and found.ignored == {"": 1}
    result = tag_paths([tmp_path / "crawl"], tmp_path / "s.sqlite", model=FakeTagger())
    assert result.ok == 1 and result.failed == 0, result.failures


# --- hostile input ------------------------------------------------------------------------------

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
_SOURCES = [(HERE / n).read_bytes() for n in ("township_2023.doc", "county_2012_notables.doc",
                                              "numstyle_link.doc", "layout_table.doc",
                                              "textbox_title.doc")]


@SETTINGS
@given(st.sampled_from(_SOURCES), st.floats(0, 1),
       st.lists(st.tuples(st.floats(0, 1), st.integers(0, 7)), max_size=12),
       st.sampled_from(["x.doc", "x.wps", None]))
def test_truncated_or_bit_flipped_docs(data, fraction, flips, name):
    data = bytearray(data[:max(8, int(len(data) * fraction))])
    for where, bit in flips:
        data[min(int(where * len(data)), len(data) - 1)] ^= 1 << bit
    t = time.process_time()
    _outcome(bytes(data), name)  # a Report or the project's error, within the CPU budget
    assert time.process_time() - t < 5
