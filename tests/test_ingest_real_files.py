"""Red-team tests of the readers of real-world files (saved pages, .docx, .pdf).

Each fixture in tests/fixtures/formats_s5/ is a fictional report whose tables satisfy the
identities of the 2021 format, so a cell read wrongly shows as a wrong value or a failed
check. The figures asserted below are the ones written into the fixtures.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.errors import DecodingError, NotAReportError
from nlp_reports.ingest import read_document

FIX = Path(__file__).parent / "fixtures" / "formats_s5"
T4_HEADER = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _t4_page(tail: str) -> str:
    """A page with 表四's header and a data row left blank, then ``tail`` rows."""
    blank = "<td></td>" * 15
    return ("<html><body><p>四、政府信息公开行政复议、行政诉讼情况</p><table border=1>"
            '<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>'
            f"<tr>{''.join(f'<td>{x}</td>' for x in T4_HEADER * 3)}</tr>"
            f"<tr>{blank}</tr>{tail}</table><p>五、存在的主要问题及改进情况</p></body></html>")


@pytest.mark.parametrize("tail", ["", "<tr></tr>", "<tr> </tr>\n<tr></tr>", "<tr><td></td></tr>",
                                  "<tbody><tr></tr></tbody>"])
def test_html_blank_last_row_survives_trailing_empty_rows(tail: str) -> None:
    lines = read_document(_t4_page(tail).encode(), filename="p.html").text.splitlines()
    rows = [line.split("\t") for line in lines if "\t" in line or line == ""]
    grid = [r for r in rows if len(r) > 1]
    assert grid[-1] == [""] * 15  # the blank data row, once
    assert grid[-2] == T4_HEADER * 3


def test_html_blank_rows_inside_a_table_are_still_dropped() -> None:
    page = ("<html><body><table><tr><td>规章</td><td>1</td></tr><tr><td></td><td></td></tr>"
            "<tr><td>行政规范性文件</td><td>2</td></tr><tr></tr></table></body></html>")
    text = read_document(page.encode(), filename="p.html").text
    assert text.splitlines() == ["规章\t1", "行政规范性文件\t2"]


def test_saved_page_with_trailing_tr_reads_blank_table4() -> None:
    report = load_report(FIX / "trailing_tr.html")
    t4 = report.table("table4")
    assert t4 is not None, report.errors
    assert len(t4.columns) == 15 and t4.values == ((None,) * 15,)
    assert t4.raw == (("",) * 15,)
    assert {c.outcome for c in report.checks if c.id == "I4"} == {"not_assessable"}
    assert not [c for c in report.checks if c.outcome == "fail"]
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


# --- .docx -------------------------------------------------------------------------------

DOCX_TITLE = "青禾县水利局2023年政府信息公开工作年度报告"  # as make_formats_s5.py writes it


def test_docx_title_in_a_text_box_is_read_once() -> None:
    pytest.importorskip("docx")
    text = read_document(FIX / "textbox_title.docx").text
    assert text.splitlines()[0] == DOCX_TITLE
    assert text.count(DOCX_TITLE) == 1  # not again from the box's VML fallback
    report = load_report(FIX / "textbox_title.docx")
    assert report.metadata.title == DOCX_TITLE
    assert report.metadata.agency == "青禾县水利局" and report.metadata.year == 2023
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_docx_nested_text_boxes_read_inner_then_outer_once() -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    from nlp_reports.ingest.docx import docx_to_text

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    v = 'xmlns:v="urn:schemas-microsoft-com:vml"'

    def box(inner: str) -> str:
        return f"<w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>"

    inner_p = "<w:p><w:r><w:t>内框文字</w:t></w:r></w:p>"
    outer_p = f"<w:p><w:r>{box(inner_p)}</w:r><w:r><w:t>外框文字</w:t></w:r></w:p>"
    document = docx.Document()
    document.add_paragraph("前文")
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(f"<w:p {w} {v}><w:r>{box(outer_p)}</w:r>"
                                         "<w:r><w:t>锚定段落</w:t></w:r></w:p>"))
    buf = io.BytesIO()
    document.save(buf)
    lines = [x for x in docx_to_text(buf.getvalue()).splitlines() if x]
    assert lines == ["前文", "内框文字", "外框文字", "锚定段落"]


def test_docx_word_numbering_restarts_where_word_restarts_it() -> None:
    pytest.importorskip("docx")
    lines = read_document(FIX / "autonum_restart.docx").text.splitlines()
    i = lines.index("五、存在的主要问题及改进情况")
    assert lines[i + 1:i + 8] == [
        "(一)存在的主要问题", "1.政策解读的形式较为单一。", "2.栏目信息更新不够及时。",
        "(二)改进措施", "1.丰富政策解读形式。", "2.建立栏目定期巡查机制。", "3.加强业务培训。"]
    assert "六、其他需要报告的事项" in lines
    report = load_report(FIX / "autonum_restart.docx")
    got = [(s.block, s.marker, s.text) for s in report.statements]
    assert got == [("problem", "1.", "政策解读的形式较为单一。"), ("problem", "2.", "栏目信息更新不够及时。"),
                   ("measure", "1.", "丰富政策解读形式。"), ("measure", "2.", "建立栏目定期巡查机制。"),
                   ("measure", "3.", "加强业务培训。")]


# --- .pdf --------------------------------------------------------------------------------

T4_ROW = [1, 0, 2, 0, 3, 0, 1, 0, 1, 2, 0, 0, 0, 0, 0]  # as make_formats_s5.py prints it


def test_pdf_table_without_lines_keeps_its_column_gaps() -> None:
    pytest.importorskip("pdfplumber")
    lines = read_document(FIX / "borderless_t4.pdf").text.splitlines()
    assert "一、总体情况" in lines  # letter spacing still closes
    assert "本年度共收到政府信息公开申请3件，均按期答复。" in lines
    assert "行政复议 行政诉讼" in lines  # cells of different columns stay apart
    assert "未经复议直接起诉 复议后起诉" in lines
    t4 = load_report(FIX / "borderless_t4.pdf").table("table4")
    assert t4 is not None
    assert t4.values == (tuple(float(v) for v in T4_ROW),)


def test_pdf_running_head_that_repeats_the_title_is_not_a_second_title() -> None:
    pytest.importorskip("pdfplumber")
    lines = read_document(FIX / "running_title.pdf").text.splitlines()
    assert lines[:2] == [DOCX_TITLE, "发布日期：2024-01-26"]
    assert lines.count(DOCX_TITLE) == 1  # nor on pages 2 and 3
    report = load_report(FIX / "running_title.pdf")
    assert report.metadata.title == DOCX_TITLE
    assert report.metadata.published == "2024-01-26"
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_pdf_running_head_alone_on_the_first_page_stays_as_the_title() -> None:
    from nlp_reports.ingest.pdf import _drop_running_heads

    head = "某县2023年政府信息公开工作年度报告"
    pages = [[head, "一、总体情况", "正文甲"], [head, "二、主动公开政府信息情况", "正文乙"],
             [head, "三、收到和处理政府信息公开申请情况", "正文丙"]]
    out = _drop_running_heads(pages)
    assert out[0] == pages[0] and all(head not in page for page in out[1:])


def test_pdf_title_wrapped_over_two_lines_is_one_title() -> None:
    pytest.importorskip("pdfplumber")
    title = "白沙街道办事处2023年政府信息公开工作年度报告"
    lines = read_document(FIX / "wrapped_title.pdf").text.splitlines()
    assert lines[:2] == [title, "一、总体情况"]
    meta = load_report(FIX / "wrapped_title.pdf").metadata
    assert (meta.title, meta.agency, meta.year) == (title, "白沙街道办事处", 2023)


def test_pdf_title_join_leaves_other_large_lines_alone() -> None:
    from nlp_reports.ingest.pdf import _join_title

    body = [(100.0 + 20 * i, 0, [f"正文第{i}行。"], 12.0) for i in range(4)]
    cover = [(40.0, 0, ["青禾县人民政府"], 18.0), (66.0, 0, ["2023年度工作报告"], 18.0)]
    assert _join_title(cover + body)[0][2] == ["青禾县人民政府2023年度工作报告"]
    named = [(40.0, 0, ["某县政府信息公开年度报告"], 18.0), (66.0, 0, ["（2023年）报告"], 18.0)]
    assert _join_title(named + body) == named + body  # the first line names the 报告 already
    far = [(40.0, 0, ["青禾县人民政府"], 18.0), (200.0, 0, ["2023年度工作报告"], 18.0)]
    assert _join_title(far + body) == far + body  # not one block of text
    same = [(40.0, 0, ["青禾县人民政府"], 12.0), (60.0, 0, ["2023年度工作报告"], 12.0)]
    assert _join_title(same + body) == same + body  # body size: lines of the text


def test_pdf_scan_with_a_watermark_is_refused_as_a_scan() -> None:
    pytest.importorskip("pdfplumber")
    with pytest.raises(NotAReportError, match=r"no text layer \(a scan: 3 of its 3 pages.*OCR"):
        read_document(FIX / "scan_watermark.pdf")
    with pytest.raises(NotAReportError, match="no text layer"):
        load_report(FIX / "scan_watermark.pdf")


def test_pdf_partly_scanned_warns_which_pages_lack_text(caplog) -> None:
    pytest.importorskip("pdfplumber")
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        text = read_document(FIX / "scan_partial.pdf").text
    assert text.splitlines()[:2] == [DOCX_TITLE, "一、总体情况"]
    assert any("page(s) 2–3 are scanned images" in r.getMessage() for r in caplog.records)


def test_pdf_font_without_unicode_map_is_a_decoding_error() -> None:
    pytest.importorskip("pdfplumber")
    with pytest.raises(DecodingError, match="no usable Unicode map.*OCR"):
        read_document(FIX / "unmapped_font.pdf")


def test_pdf_a_few_unmapped_glyphs_are_dropped() -> None:
    from nlp_reports.ingest.pdf import _unmapped_glyphs

    text = "(cid:12)一、总体情况\n本年度共收到政府信息公开申请3件。(cid:3)\n" * 5
    assert _unmapped_glyphs(text, None) == "一、总体情况\n本年度共收到政府信息公开申请3件。\n" * 5
    with pytest.raises(DecodingError):
        _unmapped_glyphs("(cid:12)(cid:7)(cid:9)一" * 10, None)


def test_html_title_is_not_taken_from_links_to_other_reports() -> None:
    text = read_document(FIX / "sidebar_title.html").text
    assert text.splitlines()[0] == DOCX_TITLE
    meta = load_report(FIX / "sidebar_title.html").metadata
    assert (meta.title, meta.year, meta.published) == (DOCX_TITLE, 2023, "2024-01-22")


def test_html_linked_heading_is_the_title_when_nothing_else_names_one() -> None:
    page = ("<html><body><h1><a href='/self'>某县2023年政府信息公开工作年度报告</a></h1>"
            "<div><p>一、总体情况</p><p>本年度共收到政府信息公开申请3件。</p></div></body></html>")
    assert read_document(page.encode(), filename="p.html").text.splitlines()[0] == \
        "某县2023年政府信息公开工作年度报告"


def test_docx_report_inside_a_layout_table_is_read_as_body_text() -> None:
    pytest.importorskip("docx")
    lines = read_document(FIX / "layout_table.docx").text.splitlines()
    assert lines[:3] == [DOCX_TITLE, "一、总体情况", "本年度共收到政府信息公开申请3件，均按期答复。"]
    assert "\t".join(str(v) for v in T4_ROW) in lines  # the nested data table stays a grid
    report = load_report(FIX / "layout_table.docx")
    assert report.metadata.title == DOCX_TITLE
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.table("table4").values == (tuple(float(v) for v in T4_ROW),)


def test_docx_data_table_is_not_taken_for_layout() -> None:
    pytest.importorskip("docx")
    import docx
    from docx.oxml.ns import qn

    from nlp_reports.ingest.docx import _is_layout_table

    document = docx.Document(FIX / "layout_table.docx")
    outer = document.element.body.find(qn("w:tbl"))
    inner = outer.find(f".//{qn('w:tbl')}")
    assert _is_layout_table(outer) and not _is_layout_table(inner)


def test_pdf_two_columns_are_read_one_after_the_other() -> None:
    pytest.importorskip("pdfplumber")
    import sys

    sys.path.insert(0, str(FIX))
    try:
        from make_formats_s5 import TWOCOL_LEFT, TWOCOL_RIGHT
    finally:
        sys.path.remove(str(FIX))
    lines = read_document(FIX / "twocol.pdf").text.splitlines()
    # the page number dropped; each heading, then its paragraph's two wrapped lines joined
    paragraphs = [line for k in range(0, len(TWOCOL_LEFT + TWOCOL_RIGHT), 3)
                  for line in ((TWOCOL_LEFT + TWOCOL_RIGHT)[k],
                               "".join((TWOCOL_LEFT + TWOCOL_RIGHT)[k + 1:k + 3]))]
    assert lines == [DOCX_TITLE, *paragraphs]
    report = load_report(FIX / "twocol.pdf")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [s.text for s in report.statements] == ["政策解读的形式较为单一，图表解读的比例不高。",
                                                    "栏目信息更新不够及时。"]


def test_pdf_one_column_and_borderless_tables_have_no_gutter() -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    from nlp_reports.ingest.pdf import _gutter

    for name in ("borderless_t4.pdf", "running_title.pdf", "wrapped_title.pdf"):
        with pdfplumber.open(FIX / name) as pdf:
            assert all(_gutter(page) is None for page in pdf.pages), name
    with pdfplumber.open(FIX / "twocol.pdf") as pdf:
        gutter, spans = _gutter(pdf.pages[0])
    assert 270 < gutter < 312  # between the longest left line and the right column
    assert spans and all(bottom - top < 20 for top, bottom in spans)  # the title (one line)


def _docx_with_gap_row(tmp_path: Path) -> Path:
    """表四-like table: row 2 skips its first column (w:gridBefore) where row 1's label was
    merged down, and row 3 continues that merge (w:vMerge) from the place with no cell."""
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    table = document.add_table(rows=3, cols=4)
    for c, text in enumerate(["件数", "结果维持", "结果纠正", "总计"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["", "1", "2", "3"]):
        table.cell(1, c).text = text
        table.cell(2, c).text = text.replace("1", "4").replace("2", "5").replace("3", "9")
    table.cell(1, 0).merge(table.cell(2, 0))
    tr = table.rows[1]._tr
    tr.remove(tr.findall(qn("w:tc"))[0])
    tr.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    path = tmp_path / "gap.docx"
    document.save(path)
    return path


def test_docx_row_skipping_grid_columns_keeps_its_cells_in_place(tmp_path: Path) -> None:
    lines = read_document(_docx_with_gap_row(tmp_path)).text.splitlines()
    assert lines[-3:] == ["件数\t结果维持\t结果纠正\t总计", "\t1\t2\t3", "\t4\t5\t9"]


def test_docx_merged_cells_repeat_across_rows_and_columns() -> None:
    pytest.importorskip("docx")
    lines = read_document(FIX / "layout_table.docx").text.splitlines()
    assert ["行政复议"] * 5 + ["行政诉讼"] * 10 == lines[lines.index("") + 1].split("\t")
    assert lines[lines.index("") + 2].split("\t")[:6] == [
        "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉"]
    assert lines[lines.index("") + 3].split("\t")[:5] == [  # merged down from the row above
        "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


# --- encodings ---------------------------------------------------------------------------


def test_utf8_page_with_gbk_parts_is_read_not_refused(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        doc = read_document(FIX / "mixed_encoding.html")
    assert doc.encoding == "utf-8+gb18030"
    lines = doc.text.splitlines()
    assert lines[0] == DOCX_TITLE  # UTF-8
    assert "本年度未收取信息处理费，无其他需要报告的事项。" in lines  # GBK
    assert any("two encodings" in r.getMessage() for r in caplog.records)


def test_mixed_decode_reads_each_run_in_its_own_encoding() -> None:
    from nlp_reports.ingest.encoding import _utf8_with_gbk_runs
    from nlp_reports.ingest.normalize import _COMMON_SIMPLIFIED

    utf8 = _COMMON_SIMPLIFIED[:600]
    gbk = _COMMON_SIMPLIFIED[::-1][:200] + "䶮"  # (䶮: a four-byte GB18030 character)
    data = utf8.encode() + gbk.encode("gb18030") + " ok 结尾".encode()
    assert _utf8_with_gbk_runs(data) == utf8 + gbk + " ok 结尾"
    assert _utf8_with_gbk_runs((gbk * 4).encode("gb18030") + utf8[:100].encode()) is None


def test_mixed_decode_of_many_short_gbk_runs_is_linear() -> None:
    # each bad byte decoded all the rest of the file again (a copy of it): 480 KB of
    # alternating runs took ~4.5 s, over the parser's 2 s budget
    import time

    from nlp_reports.ingest.encoding import _utf8_with_gbk_runs

    unit = "公开".encode() + "栏".encode("gb18030") + b"a"
    t0 = time.process_time()
    text = _utf8_with_gbk_runs(unit * 80_000)
    assert time.process_time() - t0 < 1.0
    assert text == "公开栏a" * 80_000
    # a UTF-8 character cut by the decoding windows (a long ASCII lead) is still read whole
    data = b"x" * 255 + "政府".encode() + "栏".encode("gb18030") + b"x" * 1000 + "信息".encode()
    assert _utf8_with_gbk_runs(data) == "x" * 255 + "政府栏" + "x" * 1000 + "信息"


# --- every format -------------------------------------------------------------------------


def test_table_of_contents_is_not_read_as_the_headings() -> None:
    pytest.importorskip("pdfplumber")
    lines = [x for x in read_document(FIX / "contents.pdf").text.splitlines() if x]
    assert lines[:3] == [DOCX_TITLE, "一、总体情况", "本年度共收到政府信息公开申请3件，均按期答复。"]
    assert not any("…" in line or line.replace(" ", "") == "目录" for line in lines)
    report = load_report(FIX / "contents.pdf")
    assert [(s.number, s.title) for s in report.sections] == [
        (n, h) for n, h in enumerate(["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                                      "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况",
                                      "其他需要报告的事项"], 1)]
    assert [s.text for s in report.statements] == ["政策解读的形式较为单一。", "栏目信息更新不够及时。"]


BODY = "一、总体情况\n正文甲\n二、其他\n正文乙"


@pytest.mark.parametrize("text, kept", [
    ("目录\n一、总体情况......1\n二、其他......2\n" + BODY, BODY),
    ("目 录\n\n一、总体情况 ··· 3\n\n二、其他 ··· 4\n" + BODY, BODY),
    ("一、总体情况……1\n" + BODY, "一、总体情况……1\n" + BODY),  # one such line alone stays
    ("一、总体情况......3\n二、其他......2\n" + BODY,  # page numbers going down
     "一、总体情况......3\n二、其他......2\n" + BODY),
    # a table flattened with leaders: its labels are not printed again
    ("本年新收申请数量......3\n上年结转申请数量......1\n" + BODY,
     "本年新收申请数量......3\n上年结转申请数量......1\n" + BODY),
    ("规章\t……\t5\n行政许可……不详\n正文", "规章\t……\t5\n行政许可……不详\n正文"),
])
def test_contents_lines_need_leaders_page_numbers_and_company(text: str, kept: str) -> None:
    assert read_document(text).text == kept


def test_a_column_blank_in_every_row_is_dropped_from_html_tables() -> None:
    lines = read_document(FIX / "blank_columns.html").text.splitlines()
    assert "规章\t1\t0\t6" in lines and "行政许可\t57\t57\t57" in lines
    tables = {t.id: t.values for t in load_report(FIX / "blank_columns.html").tables}
    assert tables["table2.1"] == ((1.0, 0.0, 6.0), (4.0, 2.0, 31.0))
    assert tables["table2.5"] == ((57.0,),)
    assert tables["table2.6"] == ((12.0,), (3.0,))
    assert tables["table2.8"] == ((2.5,),)


def test_blank_columns_in_docx_tables_are_dropped(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for c, text in enumerate(["行政处罚", "", "12", ""]):
        table.cell(0, c).text = text
    for c, text in enumerate(["行政强制", "", "3"]):
        table.cell(1, c).text = text
    document.save(tmp_path / "t.docx")
    assert read_document(tmp_path / "t.docx").text.splitlines() == ["行政处罚\t12", "行政强制\t3"]


@pytest.mark.parametrize("rows, out", [
    ([["a", "", "1", ""], ["b", "", "2"]], [["a", "1"], ["b", "2"]]),
    ([["a", "1"], ["b"]], [["a", "1"], ["b"]]),  # a short row stays short
    ([["", "", ""]], [["", "", ""]]),  # one row: blank may be the data (表四 left blank)
    ([["复议", "诉讼"], ["", ""]], [["复议", "诉讼"], ["", ""]]),  # headed blank columns stay
])
def test_drop_blank_columns(rows: list, out: list) -> None:
    from nlp_reports.ingest.normalize import drop_blank_columns

    assert drop_blank_columns(rows) == out


def test_html_ordered_list_draws_its_list_style_numbers() -> None:
    lines = read_document(FIX / "ol_cjk.html").text.splitlines()
    assert lines[1] == "一、总体情况" and "六、其他需要报告的事项" in lines
    assert "1.政策解读的形式较为单一。" in lines  # the inner <ol type="1">
    report = load_report(FIX / "ol_cjk.html")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [(s.marker, s.text) for s in report.statements] == [
        ("1.", "政策解读的形式较为单一。"), ("2.", "栏目信息更新不够及时。")]


@pytest.mark.parametrize("attrs, marker", [
    ('style="list-style-type:lower-alpha" start="2"', "b."),
    ('type="I"', "I."), ('style="list-style:none"', ""), ("", "1."),
    ('style="list-style-type: simp-chinese-informal" start="11"', "十一、"),
])
def test_html_list_style_markers(attrs: str, marker: str) -> None:
    page = f"<html><body><ol {attrs}><li>项目内容甲</li></ol></body></html>"
    assert read_document(page.encode(), filename="p.html").text == f"{marker}项目内容甲"


def test_pdf_fake_bold_and_diagonal_watermark_leave_no_trace() -> None:
    pytest.importorskip("pdfplumber")
    lines = read_document(FIX / "watermark_bold.pdf").text.splitlines()
    assert lines[:3] == [DOCX_TITLE, "一、总体情况", "本年度共收到政府信息公开申请3件，均按期答复。"]
    assert len(lines) == 13 and lines[-1] == "本年度未收取信息处理费。"  # no watermark lines
    report = load_report(FIX / "watermark_bold.pdf")
    assert [s.title for s in report.sections][4:] == ["存在的主要问题及改进情况", "其他需要报告的事项"]
    assert [s.text for s in report.statements] == ["政策解读的形式较为单一。", "栏目信息更新不够及时。"]


def test_docx_from_a_web_editor_reads_its_imported_html() -> None:
    pytest.importorskip("docx")
    lines = read_document(FIX / "alt_chunk.docx").text.splitlines()
    assert lines[:2] == [DOCX_TITLE, "一、总体情况"]
    assert "\t".join(str(v) for v in T4_ROW) in lines
    report = load_report(FIX / "alt_chunk.docx")
    assert report.metadata.title == DOCX_TITLE
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.table("table4").values == (tuple(float(v) for v in T4_ROW),)


def test_docx_numbering_through_a_list_style_keeps_its_numbers() -> None:
    pytest.importorskip("docx")
    lines = read_document(FIX / "numstyle_link.docx").text.splitlines()
    assert lines[1] == "一、总体情况" and "六、其他需要报告的事项" in lines
    assert "(一)存在的主要问题" in lines and "(二)改进措施" in lines
    report = load_report(FIX / "numstyle_link.docx")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [s.block for s in report.statements] == ["problem"] * 2 + ["measure"] * 3


class _WordsPage:
    """A stand-in for a pdfplumber page: only the words :func:`pdf._gutter` reads."""

    def __init__(self, words: list[dict]) -> None:
        self.words = words

    def extract_words(self) -> list[dict]:
        return self.words


def _two_columns(scale: float, per_line: int, lines: int) -> list[dict]:
    words = []
    for row in range(lines):
        top = 40 + 14 * row
        for side in (0, 1):
            x = (50 + 260 * side) * scale
            step = 240 * scale / per_line
            for _ in range(per_line):
                words.append({"x0": x, "x1": x + step - 2, "top": top, "bottom": top + 10})
                x += step
    return words


def test_two_column_gutter_is_found_quickly_on_a_huge_page() -> None:
    # the gutter search counted, for every x of the middle of the page, the words crossing
    # it: x-range × words (a page 5 m wide with 12,000 lines took ~15 s)
    import time

    from nlp_reports.ingest.pdf import _gutter

    gutter, spans = _gutter(_WordsPage(_two_columns(1, 1, 20)))
    assert 290 <= gutter <= 310 and spans == []
    t0 = time.process_time()
    found = _gutter(_WordsPage(_two_columns(30, 1, 6000)))
    assert time.process_time() - t0 < 2.0
    assert found is not None and 290 * 30 <= found[0] <= 310 * 30


def test_a_text_report_named_pdf_or_docx_is_read_as_text(tmp_path):
    """A report saved or renamed under .pdf/.docx that holds plain text (UTF-8 or GB18030)
    is read as what it holds, not refused as a broken PDF; real binary stays an error."""
    from nlp_reports import load_report
    from nlp_reports.errors import ParseError

    text = ("柳岸县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度依法推进政务公开。\n"
            "五、存在的主要问题及改进情况\n（一）存在问题\n一是人员不足。\n二是更新滞后。\n"
            "（二）改进措施\n一是配备专人。\n二是定期更新。\n六、其他需要报告的事项\n无。\n")
    for name, enc in (("a.pdf", "utf-8"), ("b.docx", "gb18030")):
        p = tmp_path / name
        p.write_bytes(text.encode(enc))
        r = load_report(p)
        assert r.metadata.agency == "柳岸县人民政府" and len(r.statements) == 4
        assert r.metadata.source_format == "txt"
    junk = tmp_path / "c.pdf"
    junk.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ParseError):
        load_report(junk)
