"""Tests of nlp_reports.ingest: bytes/files → normalized Document (txt, html, docx, pdf)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputTooLargeError,
    MissingDependencyError,
    NotAReportError,
    ParseError,
    UnsupportedFormatError,
)
from nlp_reports.ingest import Document, normalize_text, read_document, sniff_format
from nlp_reports.ingest.normalize import detect_traditional

FIX = Path(__file__).parent / "fixtures" / "ingest"
SAMPLE = Path(__file__).parents[2] / "shared" / "sample-report-bange-2023.txt"

# The 表三-like table of page_report.html, written out by hand as the expected full grid.
NOTE = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
EXPECTED_HTML_TABLE = [
    [NOTE, NOTE, NOTE] + ["申请人情况"] * 7,
    [NOTE, NOTE, NOTE, "自然人"] + ["法人或其他组织"] * 5 + ["总计"],
    [NOTE, NOTE, NOTE, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
     "总计"],
    ["一、本年新收政府信息公开申请数量"] * 3 + ["4", "1", "0", "0", "0", "0", "5"],
    ["二、上年结转政府信息公开申请数量"] * 3 + ["0", "", "0", "0", "0", "0", "0"],
    ["三、本年度办理结果", "(一)予以公开", "(一)予以公开", "3", "1", "0", "0", "0", "0", "4"],
    ["三、本年度办理结果", "(三)不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
    ["三、本年度办理结果", "(三)不予公开", "2.其他法律行政 法规禁止公开", "1", "0", "0", "0", "0",
     "0", "1"],
    ["三、本年度办理结果", "(七)总计", "(七)总计", "4", "1", "", "0", "0", "0", "5"],
    ["四、结转下年度继续办理"] * 3 + ["0"] * 7,
]

# The docx/pdf table (see make_binary_fixtures.py), merged cells repeated.
EXPECTED_BINARY_LINES = [
    "青禾县石桥镇人民政府2023年政府信息公开工作年度报告",
    "三、收到和处理政府信息公开申请情况",
    "本年度共收到申请5件，办理情况见下表。",
    "",
    "申请人情况\t申请人情况\t自然人\t商业企业\t总计",
    "一、本年新收政府信息公开申请数量\t一、本年新收政府信息公开申请数量\t4\t1\t5",
    "三、本年度办理结果\t(一)予以公开\t3\t\t3",
    "三、本年度办理结果\t(二)部分公开\t1\t1\t2",
    "四、结转下年度继续办理\t四、结转下年度继续办理\t0\t0\t0",
    "",
    "四、政府信息公开行政复议、行政诉讼情况",
    "本年度未发生相关案件。",
]


def table_rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if "\t" in line]


@pytest.fixture(scope="module")
def utf8_doc() -> Document:
    return read_document(FIX / "report_utf8.txt")


# --- normalize_text -------------------------------------------------------------------------


def test_normalize_fullwidth_and_spaces():
    raw = "２０２３年ＡＢｃ（一）［注］｛甲｝１２．５％\u3000\u3000正文\u00a0x\u200b\ufeffy\r\n第二行\r第三行"
    assert normalize_text(raw) == "2023年ABc(一)[注]{甲}12.5% 正文 xy\n第二行\n第三行"


def test_normalize_keeps_chinese_punctuation_and_circled_numbers():
    raw = "，。；：、“引号”《条例》！？①②⑴⑵"
    assert normalize_text(raw) == raw


def test_normalize_collapses_spaces_but_keeps_tabs_and_lines():
    raw = "  一、总体情况   说明  \n\t4\t \t5\t\n\n末行 "
    assert normalize_text(raw) == "一、总体情况 说明\n\t4\t\t5\t\n\n末行"


def test_normalize_drops_emoji_and_markdown_marks_but_keeps_bullets():
    raw = "📌一、总体情况\n**二、主动公开政府信息情况**\n## 三、收到和处理\n▲社区公开栏\n申请人王**\n"
    assert normalize_text(raw).splitlines() == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理", "▲社区公开栏", "申请人王**"]


@given(st.text(alphabet=st.sampled_from(list("一二、\n\r\t （）１Ａa\u3000\u00a0\u200b①。0*#📌\ufe0f")),
               max_size=60))
def test_normalize_is_idempotent_and_never_joins_lines(raw):
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert once.count("\n") == raw.replace("\r\n", "\n").count("\n") + raw.replace(
        "\r\n", "").count("\r")
    assert "\r" not in once and "\u3000" not in once and "  " not in once


def test_normalize_text_speed():
    text = ("一、总体情况\n　　本机关全年主动公开政府信息１２６条（含解读８条），  办理申请５件。\n"
            "三、本年度办理结果\t(一)予以公开\t3\t1\t0\n") * 100
    start = time.process_time()
    for _ in range(50):
        normalize_text(text)
    assert (time.process_time() - start) / 50 < 0.005


# --- plain text and encodings ------------------------------------------------------------


def test_utf8_text_is_normalized(utf8_doc):
    assert utf8_doc.source_format == "txt"
    assert utf8_doc.encoding == "utf-8"
    assert not utf8_doc.traditional
    assert utf8_doc.simplified == utf8_doc.text
    lines = utf8_doc.text.splitlines()
    assert lines[0] == "青禾县石桥镇人民政府2023年政府信息公开工作年度报告"
    assert "(一)主动公开。全年主动公开政府信息126条，其中通过镇政务公开栏发布34条。" in lines
    raw_lines = (FIX / "report_utf8.txt").read_text(encoding="utf-8").strip("\n").splitlines()
    assert len(lines) == len(raw_lines)


@pytest.mark.parametrize(("name", "encoding"), [
    ("report_gb18030.txt", "gb18030"),
    ("report_utf8_bom.txt", "utf-8-sig"),
    ("report_utf16.txt", "utf-16"),
])
def test_encodings_decode_to_the_same_text(utf8_doc, name, encoding):
    doc = read_document(FIX / name)
    assert doc.encoding == encoding
    assert doc.text == utf8_doc.text


def test_bytes_without_name_are_sniffed(utf8_doc):
    doc = read_document((FIX / "report_gb18030.txt").read_bytes())
    assert (doc.source_format, doc.encoding, doc.text) == ("txt", "gb18030", utf8_doc.text)


def test_utf16_without_bom(utf8_doc):
    raw = (FIX / "report_utf8.txt").read_text(encoding="utf-8").encode("utf-16-le")
    doc = read_document(raw)
    assert doc.encoding == "utf-16-le"
    assert doc.text == utf8_doc.text


def test_utf8_cut_inside_the_last_character(utf8_doc):
    raw = (FIX / "report_utf8.txt").read_bytes().rstrip() + "报告".encode()[:4]
    doc = read_document(raw)
    assert doc.encoding == "utf-8"
    assert doc.text.endswith("本年度未收取信息处理费。报")


def test_utf8_with_one_bad_byte_is_not_read_as_gb18030(utf8_doc):
    raw = bytearray((FIX / "report_utf8.txt").read_bytes())
    raw[200] = 0xFF
    doc = read_document(bytes(raw))
    assert doc.encoding == "utf-8"
    assert doc.text.splitlines()[0] == utf8_doc.text.splitlines()[0]
    assert 0 < doc.text.count("\ufffd") <= 3


def test_gb18030_with_one_bad_byte(utf8_doc):
    raw = bytearray((FIX / "report_gb18030.txt").read_bytes())
    raw[101] = 0xFF
    doc = read_document(bytes(raw))
    assert doc.encoding == "gb18030"
    assert doc.text.splitlines()[0] == utf8_doc.text.splitlines()[0]
    assert 0 < doc.text.count("\ufffd") <= 2


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_short_chinese_text_with_a_bad_byte_is_not_read_as_a_cyrillic_codepage(codec):
    # too short for the frequent-character test: a stray byte once sent it to
    # charset-normalizer, which read the Chinese as Cyrillic mojibake (ptcp154)
    from nlp_reports.ingest.encoding import decode_bytes

    raw = "加强人员配备\n\n".encode(codec) + b"\xff\xfe bad\n"
    text, encoding = decode_bytes(raw)
    assert encoding == codec
    assert text.splitlines()[0] == "加强人员配备"
    assert text.splitlines()[2].endswith(" bad") and "\ufffd" in text


def test_html_declaring_utf8_but_holding_gbk(html_doc):
    raw = (FIX / "page_report.html").read_text(encoding="utf-8").encode("gb18030")
    doc = read_document(raw, filename="page.html")
    assert doc.encoding == "gb18030"
    assert doc.text == html_doc.text


def test_big5_report_is_decoded_and_simplified(utf8_doc):
    doc = read_document(FIX / "report_big5.txt")
    assert doc.encoding == "big5hkscs"
    assert doc.traditional
    assert "政府信息公開工作年度報告" in doc.text
    assert doc.simplified.splitlines()[0] == utf8_doc.text.splitlines()[0]


def test_traditional_report_keeps_its_characters_and_gets_a_simplified_twin(utf8_doc):
    doc = read_document(FIX / "report_traditional.txt")
    assert doc.traditional
    assert doc.text.startswith("青禾縣石橋鎮人民政府2023年政府信息公開工作年度報告")
    assert len(doc.simplified) == len(doc.text)
    assert doc.simplified == utf8_doc.text


def test_simplified_text_quoting_a_traditional_name_stays_simplified(utf8_doc):
    text = utf8_doc.text + "\n参考了臺灣地區「政府資訊公開法」。"
    assert not detect_traditional(text)
    assert not detect_traditional("一、总体情况")
    assert detect_traditional("一、總體情況\n本機關處理申請的問題與報告。")


def test_sample_report_reads_without_joining_lines():
    if not SAMPLE.exists():
        pytest.skip("the shared sample report is not available")
    raw = SAMPLE.read_bytes()
    doc = read_document(SAMPLE)
    assert doc.encoding == "utf-8" and not doc.traditional
    assert doc.text.count("\n") == raw.decode("utf-8").strip("\n").count("\n")
    for heading in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in doc.text.splitlines()
    again = read_document(raw.decode("utf-8").encode("gb18030"))
    assert again.encoding == "gb18030" and again.text == doc.text


def test_txt_path_is_fast():
    if SAMPLE.exists():
        raw = SAMPLE.read_bytes()
    else:
        raw = (FIX / "report_utf8.txt").read_bytes() * 8
    read_document(raw)
    n = 100
    start = time.process_time()
    for _ in range(n):
        read_document(raw)
    per_10kb = (time.process_time() - start) / n * (10_000 / len(raw))
    assert per_10kb < 0.003  # ~0.3 ms on a laptop; generous for loaded CI machines


# --- sources: str, Path, bytes --------------------------------------------------------------


def test_str_source_is_text_or_a_path(tmp_path, utf8_doc):
    doc = read_document("一、总体情况\n全年公开１２条")
    assert (doc.source_format, doc.encoding, doc.text) == ("text", None, "一、总体情况\n全年公开12条")
    assert read_document(str(FIX / "report_utf8.txt")).text == utf8_doc.text
    single = read_document("没有换行的一段文字")
    assert single.source_format == "text"


def test_missing_path_raises_parse_error(tmp_path):
    with pytest.raises(ParseError, match="no such file"):
        read_document(tmp_path / "missing.txt")


def test_sniff_format():
    assert sniff_format(b"%PDF-1.4 ...") == "pdf"
    assert sniff_format(b"  <!DOCTYPE html><html>") == "html"
    assert sniff_format(b"<table><tr><td>1</td></tr></table>") == "html"
    assert sniff_format("一、总体情况".encode()) == "txt"


# --- HTML -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def html_doc() -> Document:
    return read_document(FIX / "page_report.html")


def test_html_table_is_the_full_expanded_grid(html_doc):
    assert table_rows(html_doc.text) == EXPECTED_HTML_TABLE


def test_html_table_has_blank_lines_around_it(html_doc):
    lines = html_doc.text.splitlines()
    first = next(i for i, line in enumerate(lines) if "\t" in line)
    last = max(i for i, line in enumerate(lines) if "\t" in line)
    assert lines[first - 1] == "" and lines[last + 1] == ""
    assert lines[first - 2] == "三、收到和处理政府信息公开申请情况"
    assert lines[last + 2] == "五、存在的主要问题及改进情况"


def test_html_site_chrome_is_dropped(html_doc):
    for chrome in ("首页", "当前位置", "统计代码", "版权所有", "分享到", "打印本页", "请启用脚本",
                   "相关栏目", "网站标识码", "互动交流", "font-size"):
        assert chrome not in html_doc.text


def test_html_text_blocks_and_inline_soup(html_doc):
    lines = html_doc.text.splitlines()
    assert lines[0] == "青禾县石桥镇人民政府2023年政府信息公开工作年度报告"
    assert lines[1] == "发布时间：2024-01-20 来源：石桥镇"  # kept for the metadata; no share links
    assert "本报告根据《中华人民共和国政府信息公开条例》编制。" in lines
    assert "全年主动公开政府信息126条，其中政策解读8条。" in lines
    assert ["一是完善制度建设；", "二是加强平台管理；", "三是 强化监督保障。"] == [
        line for line in lines if line[:2] in ("一是", "二是", "三是")]
    assert lines[-1] == "政策解读形式较为单一。下一步将丰富解读形式。"
    assert html_doc.source_format == "html" and html_doc.encoding == "utf-8"


def test_gbk_declared_html(html_doc):
    raw = (FIX / "page_gbk.html").read_bytes()
    assert b"charset=gb2312" in raw
    doc = read_document(FIX / "page_gbk.html")
    assert doc.encoding == "gb18030"
    assert doc.text == html_doc.text


def test_html_with_wrong_declared_charset(html_doc):
    raw = (FIX / "page_report.html").read_bytes().replace(b'charset="utf-8"', b'charset="gbk"')
    doc = read_document(raw, filename="page.html")
    assert doc.encoding == "utf-8"
    assert doc.text == html_doc.text


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_html_with_byte_order_marks(html_doc, codec):
    raw = (FIX / "page_report.html").read_text(encoding="utf-8").encode(codec)
    doc = read_document(raw)
    assert (doc.source_format, doc.encoding) == ("html", codec)
    assert doc.text == html_doc.text


def test_browser_saved_complete_page(tmp_path, html_doc):
    page = (FIX / "page_report.html").read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    saved = "<!-- saved from url=(0047)http://www.example.gov.cn/art/2024/1/20/art_1.html -->\n"
    path = tmp_path / "report_files.htm"
    path.write_bytes((saved + page).encode("utf-8"))  # browsers may re-encode, keeping the meta
    doc = read_document(path)
    assert doc.encoding == "utf-8"
    assert doc.text == html_doc.text


def test_malformed_html():
    doc = read_document(FIX / "page_malformed.html")
    assert doc.text.splitlines() == [
        "石桥镇2023年政府信息公开工作年度报告",
        "一、总体情况", "全年主动公开政府信息126条。",
        "二、主动公开政府信息情况", "",
        "信息内容\t本年制发件数\t本年废止件数", "规章\t0\t0", "行政规范性文件\t2\t1", "",
        "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]


def test_word_exported_html():
    doc = read_document(FIX / "page_word_export.htm")
    lines = doc.text.splitlines()
    assert lines[:2] == ["青禾县石桥镇人民政府2023年政府信息", "公开工作年度报告"]
    assert "全年主动公开政府信息126条，较上年增加12条，主要涉及财政预决算、重大建设项目等领域。" in lines
    assert table_rows(doc.text) == [["信息内容", "本年处理决定数量"], ["行政许可", "37"]]
    assert "mso" not in doc.text and "WordDocument" not in doc.text


def test_source_line_wraps_next_to_chinese_vanish():
    markup = ("<html><body><p><span>全年主动公开政府信息</span>\n<span>126</span>\n"
              "<span>条，涉及财政</span>\n  <span>预决算。</span></p>"
              "<p>see the\nEnglish words</p></body></html>")
    doc = read_document(markup.encode(), filename="wrap.html")
    assert doc.text.splitlines() == ["全年主动公开政府信息126条，涉及财政预决算。",
                                     "see the English words"]


def test_deeply_nested_html_does_not_crash():
    body = "<p>一、总体情况</p><p>全年主动公开政府信息126条，办理依申请公开5件。</p>"
    for depth in (300, 5000, 50_000):
        markup = "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
        doc = read_document(markup.encode(), filename="deep.html")
        assert doc.text.splitlines() == ["一、总体情况", "全年主动公开政府信息126条，办理依申请公开5件。"]
    soup = "".join(f"<font><p>第{i}段正文内容。" for i in range(3000))  # never closed
    doc = read_document(f"<html><body>{soup}</body></html>".encode(), filename="soup.html")
    assert len(doc.text.splitlines()) == 3000


@pytest.mark.parametrize("markup", [
    "<table>" + "<tr><td rowspan='99999' colspan='999'>1</td>" * 2000 + "</table>",
    "<table>" + "<tr><td rowspan='99999'>1</td>" * 3000 + "</table>",
    "<html><body>" + "<table><tr><td>" * 3000 + "五、存在的主要问题及改进情况",
    "<html><body>一、总体情况" + "<p" * 20000 + "<script>" * 5000,
    "<html>" + "<" * 20000,
])
def test_hostile_markup_is_read_quickly(markup):
    start = time.process_time()
    try:
        doc = read_document(markup.encode(), filename="hostile.html")
    except EmptyInputError:
        doc = None
    assert time.process_time() - start < 1.5
    if doc is not None and "\t" in doc.text:
        assert len(doc.text) < 2_000_000


def test_nested_table_is_flattened_into_its_cell():
    markup = ("<html><body><table><tr><td>行政许可</td><td><table><tr><td>12</td><td>件</td>"
              "</tr></table></td></tr><tr><td>行政处罚</td><td>3</td></tr></table></body></html>")
    doc = read_document(markup.encode(), filename="t.html")
    assert table_rows(doc.text) == [["行政许可", "12 件"], ["行政处罚", "3"]]


def test_layout_table_is_not_squashed_into_one_cell():
    para = "本机关认真贯彻落实政府信息公开条例，持续推进政务公开工作，不断提升公开质量和实效。" * 4
    markup = ("<html><body><table><tr><td>导航</td><td>"
              f"<p>一、总体情况</p><p>{para}</p><p>{para}</p>"
              "<table><tr><td>规章</td><td>0</td></tr></table>"
              f"<p>五、存在的主要问题及改进情况</p><p>{para}</p></td></tr></table></body></html>")
    doc = read_document(markup.encode(), filename="layout.html")
    lines = doc.text.splitlines()
    assert "一、总体情况" in lines and "五、存在的主要问题及改进情况" in lines
    assert table_rows(doc.text) == [["规章", "0"]]


def test_link_menus_and_hidden_blocks_are_dropped_around_a_short_report():
    menu = "".join(f"<li><a href='/l{i}'>政府信息公开栏目第{i}项链接</a></li>" for i in range(30))
    markup = (f"<html><body><div class='left'><ul>{menu}</ul></div>"
              "<div class='right'><div style='display: none'>隐藏的提示文字不应出现</div>"
              "<p>一、总体情况</p><p>本年度未收到政府信息公开申请。</p>"
              "<p>五、存在的主要问题及改进情况</p><p>公开内容还不够全面。</p></div></body></html>")
    doc = read_document(markup.encode(), filename="short.html")
    assert doc.text.splitlines() == ["一、总体情况", "本年度未收到政府信息公开申请。",
                                     "五、存在的主要问题及改进情况", "公开内容还不够全面。"]


def test_aspnet_form_and_print_area_wrapping_a_short_report():
    menu = "".join(f"<li><a href='/l{i}'>政府信息公开栏目第{i}项链接</a></li>" for i in range(40))
    markup = (f"<html><body><form id='form1'><div class='menu'><ul>{menu}</ul></div>"
              "<div id='printContent'><p>一、总体情况</p><p>本年度未收到政府信息公开申请。</p></div>"
              "<div class='footer'>版权所有</div></form></body></html>")
    doc = read_document(markup.encode(), filename="aspx.html")
    assert doc.text.splitlines() == ["一、总体情况", "本年度未收到政府信息公开申请。"]


def test_short_report_in_a_layout_table_cell():
    markup = ("<html><body><table><tr><td><a href='/'>首页</a></td><td>"
              "<p>一、总体情况</p><p>本年度主动公开政府信息12条，未收到申请。</p>"
              "<p>二、主动公开政府信息情况</p>"
              "<table><tr><td>规章</td><td>0</td></tr><tr><td>行政规范性文件</td><td>1</td></tr>"
              "</table><p>五、存在的主要问题及改进情况</p><p>解读形式单一。</p>"
              "</td></tr></table></body></html>")
    doc = read_document(markup.encode(), filename="layout2.html")
    assert doc.text.splitlines() == [
        "一、总体情况", "本年度主动公开政府信息12条，未收到申请。", "二、主动公开政府信息情况", "",
        "规章\t0", "行政规范性文件\t1", "", "五、存在的主要问题及改进情况", "解读形式单一。"]


def test_a_row_missing_a_cell_is_not_padded_but_blank_cells_stay():
    markup = ("<table><tr><td>项目</td><td>自然人</td><td>商业企业</td><td>总计</td></tr>"
              "<tr><td>一、本年新收</td><td>2</td><td></td><td>2</td></tr>"
              "<tr><td>二、上年结转</td><td>0</td><td>0</td></tr></table>")
    doc = read_document(markup.encode(), filename="short_row.html")
    assert table_rows(doc.text) == [["项目", "自然人", "商业企业", "总计"],
                                    ["一、本年新收", "2", "", "2"],
                                    ["二、上年结转", "0", "0"]]


def test_html_rowspan_beyond_the_table_and_bad_spans():
    markup = ("<table><tr><td rowspan='99'>甲</td><td colspan='x'>1</td></tr>"
              "<tr><td>2</td></tr></table>")
    doc = read_document(markup.encode())
    assert doc.source_format == "html"
    assert table_rows(doc.text) == [["甲", "1"], ["甲", "2"]]


# --- docx -------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_interleaved():
    pytest.importorskip("docx")
    doc = read_document(FIX / "report.docx")
    assert doc.source_format == "docx" and doc.encoding is None
    assert doc.text.splitlines() == EXPECTED_BINARY_LINES


def test_docx_from_bytes_is_sniffed():
    pytest.importorskip("docx")
    doc = read_document((FIX / "report.docx").read_bytes())
    assert doc.source_format == "docx"
    assert doc.text.splitlines() == EXPECTED_BINARY_LINES


def test_docx_tracked_insertions_and_nested_tables(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    para = document.add_paragraph("本年度共收到申请")
    para._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a">'
                             '<w:r><w:t>5件</w:t></w:r></w:ins>'))
    para._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a">'
                             '<w:r><w:delText>6件</w:delText></w:r></w:del>'))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "行政许可"
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "12"
    inner.cell(0, 1).text = "件"
    path = tmp_path / "tracked.docx"
    document.save(path)
    doc = read_document(path)
    assert doc.text.splitlines() == ["本年度共收到申请5件", "", "行政许可\t12 件"]


def test_docx_automatic_numbering_is_rendered(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%3."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        para = document.add_paragraph(text)
        para._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    numbered("总体情况", 0)
    numbered("主动公开", 1)
    numbered("依申请公开", 1)
    numbered("属于国家秘密", 2)
    document.add_paragraph("不编号的段落。")
    numbered("主动公开政府信息情况", 0)
    numbered("规章", 1)
    document.add_paragraph("第一项", style="List Number")
    document.add_paragraph("第二项", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(path)
    assert read_document(path).text.splitlines() == [
        "一、总体情况", "(一)主动公开", "(二)依申请公开", "1.属于国家秘密", "不编号的段落。",
        "二、主动公开政府信息情况", "(一)规章", "1.第一项", "2.第二项"]


def test_truncated_docx():
    pytest.importorskip("docx")
    with pytest.raises(BinaryInputError, match="corrupt or truncated"):
        read_document(FIX / "truncated.docx")


def test_missing_python_docx(monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingDependencyError, match=r"nlp-reports\[docx\]") as info:
        read_document(FIX / "report.docx")
    assert info.value.package == "python-docx" and info.value.extra == "docx"


# --- pdf --------------------------------------------------------------------------------


def test_pdf_text_tables_and_page_furniture():
    pytest.importorskip("pdfplumber")
    doc = read_document(FIX / "report.pdf")
    assert doc.source_format == "pdf"
    lines = doc.text.splitlines()
    assert lines[: len(EXPECTED_BINARY_LINES)] == EXPECTED_BINARY_LINES
    assert lines[len(EXPECTED_BINARY_LINES):] == [
        "", "五、存在的主要问题及改进情况", "政策解读形式较为单一。"]
    assert "页" not in doc.text and "- 1 -" not in doc.text


def test_pdf_letter_spacing_and_wrapped_cells():
    pytest.importorskip("pdfplumber")
    doc = read_document(FIX / "wrapped.pdf")
    assert doc.text.splitlines() == [
        "一、总体情况", "本年度情况如下。", "", "行政许可\t其他法律行政法规禁止公开的政府信息"]


def test_pdf_running_heads_are_dropped_after_the_first_page():
    pytest.importorskip("pdfplumber")
    doc = read_document(FIX / "running_head.pdf")
    assert doc.text.splitlines() == [
        "青禾县石桥镇人民政府2023年政府信息公开工作年度报告", "一、总体情况", "第1部分的正文。", "",
        "二、主动公开政府信息情况", "第2部分的正文。", "",
        "五、存在的主要问题及改进情况", "第3部分的正文。"]


def test_scanned_pdf_asks_for_ocr():
    pytest.importorskip("pdfplumber")
    with pytest.raises(NotAReportError, match="no text layer .*OCR"):
        read_document(FIX / "scanned.pdf")


def test_broken_pdf():
    pytest.importorskip("pdfplumber")
    data = (FIX / "report.pdf").read_bytes()
    with pytest.raises(BinaryInputError):
        read_document(data[:300], filename="broken.pdf")


def test_missing_pdfplumber(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(MissingDependencyError, match=r"nlp-reports\[pdf\]"):
        read_document(FIX / "report.pdf")


@pytest.mark.parametrize("name", ["page_furniture"])
def test_page_furniture_patterns(name):
    from nlp_reports.ingest.pdf import is_page_furniture

    for line in ("第 3 页 共 5 页", "第3页", "- 3 -", "— 12 —", "3/5", "共5页 第3页", "Page 2 of 9"):
        assert is_page_furniture(line), line
    for line in ("三、本年度办理结果", "第三条", "2023年", "3件"):
        assert not is_page_furniture(line), line


# --- broken and refused inputs ----------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "whitespace.txt"])
def test_empty_inputs(name):
    with pytest.raises(EmptyInputError) as info:
        read_document(FIX / name)
    assert info.value.path == str(FIX / name)
    with pytest.raises(EmptyInputError):
        read_document((FIX / name).read_bytes())


def test_empty_str_and_html():
    with pytest.raises(EmptyInputError):
        read_document(" \n\u3000\n")
    with pytest.raises(EmptyInputError):
        read_document(b"<html><body><script>var a=1;</script></body></html>", filename="x.html")


def test_binary_noise():
    with pytest.raises(BinaryInputError, match="binary"):
        read_document(FIX / "noise.bin")
    with pytest.raises(BinaryInputError):
        read_document((FIX / "noise.bin").read_bytes(), filename="noise.txt")


@pytest.mark.parametrize("name", ["legacy.doc", "legacy_renamed.docx"])
def test_legacy_doc_is_refused_with_advice(name):
    with pytest.raises(UnsupportedFormatError, match="soffice --headless --convert-to docx"):
        read_document(FIX / name)


def test_zip_that_is_not_docx(tmp_path):
    with pytest.raises(UnsupportedFormatError, match="unpack"):
        read_document(FIX / "archive.zip")
    renamed = tmp_path / "fake.docx"
    renamed.write_bytes((FIX / "archive.zip").read_bytes())
    with pytest.raises(UnsupportedFormatError, match="not a .docx"):
        read_document(renamed)


def test_undecodable_bytes():
    data = bytes([0xFF, 0x80, 0xFE, 0x81, 0xC0, 0xC1] * 400)
    with pytest.raises(DecodingError, match="UTF-8"):
        read_document(data, filename="odd.txt")


def test_too_large_file_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.seek(50 * 2**20 + 10)
        fh.write(b"x")  # sparse: 50 MB + 11 bytes, nothing really written
    import builtins

    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        assert os.fspath(file) != os.fspath(big), "the file was opened"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    start = time.process_time()
    with pytest.raises(InputTooLargeError, match="over the 50 MB limit"):
        read_document(big)
    assert time.process_time() - start < 0.5
    with pytest.raises(InputTooLargeError):
        read_document(b"x" * 101, max_bytes=100)


def test_errors_are_parse_errors_with_reasons():
    with pytest.raises(ParseError) as info:
        read_document(FIX / "noise.bin")
    assert info.value.reason == "binary"
    assert str(info.value).startswith(str(FIX / "noise.bin"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_document_or_a_parse_error(data):
    try:
        doc = read_document(data)
    except ParseError:
        return
    assert doc.text.strip() and "\r" not in doc.text


_TAGS = ["<table>", "</table>", "<tr>", "</tr>", "<td rowspan=3>", "<td colspan=2>", "</td>",
         "<th>", "<p>", "</p>", "<br>", "<div class=nav>", "</div>", "<script>", "</script>",
         "一、总体情况", "申请", "3", "&nbsp;", "<span>", "\n", "<!--", "-->", "<html>"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_TAGS), max_size=40))
def test_html_soup_never_crashes(pieces):
    markup = "<html><body>" + "".join(pieces)
    try:
        doc = read_document(markup.encode(), filename="soup.html")
    except EmptyInputError:
        return
    assert "\x00" not in doc.text and "\x01" not in doc.text  # no internal markers leak
    for line in doc.text.splitlines():
        assert all(c == c.strip() for c in line.split("\t")), line


def test_html_list_items_get_the_marker_a_browser_draws():
    page = ("<html><body><h1>某县2023年政府信息公开工作年度报告</h1><p>存在的主要问题</p>"
            "<ol start='3'><li>人员少，兼职多。业务不熟。</li><li>经费少。</li></ol>"
            "<ul><li>加人。</li><li>加钱。</li></ul><ol><li>1.自带编号。</li><li>①自带圈号。</li></ol>"
            "</body></html>")
    lines = read_document(page.encode("utf-8"), filename="p.html").text.splitlines()
    assert lines[2:] == ["3.人员少，兼职多。业务不熟。", "4.经费少。", "•加人。", "•加钱。",
                         "1.自带编号。", "①自带圈号。"]
