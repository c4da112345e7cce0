"""Hostile inputs (issue 5 item 2) to pages writing their article with
document.write, 表三 read by its header's column names, watermark lines, bracketed second names
of agencies, '针对X的问题' turning to the measures, label files as Excel writes them. Each input
gives a Report or the project's own error, within a CPU budget (process_time), and keeps what
it says.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

import html
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_reports.errors import ParseError
from nlp_reports.ingest.html import _written_by_script
from nlp_reports.parse.load import load_report
from nlp_reports.report import Report

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

#: A township's short report (fictional), one line a paragraph.
_REPORT = """石门坎乡人民政府2023年政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》规定，现公布本乡2023年度政府信息公开工作情况。
一、总体情况
2023年，我乡依托县政府门户网站乡镇专栏公开惠农补贴、低保名单等信息146条。
二、主动公开政府信息情况
全年主动公开信息146条，其中财政预决算信息12条。
三、收到和处理政府信息公开申请情况
全年收到依申请公开2件，均在法定期限内答复。
四、政府信息公开行政复议、行政诉讼情况
全年未发生政府信息公开行政复议、行政诉讼案件。
五、存在的主要问题及改进情况
一是村级公开栏内容更新滞后，部分村务信息未按季度公开。针对村级公开栏的问题，我乡将每季度开展一次督查。
二是工作人员多为兼职，业务能力参差不齐。下一步，我乡将组织专题培训。
六、其他需要报告的事项
本年度未收取信息处理费。
石门坎乡人民政府
2024年1月22日"""


def _cpu(f, *args, **kw):
    t = time.process_time()
    result = f(*args, **kw)
    return result, time.process_time() - t


def _js(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")


def _writes(report: str = _REPORT, quote=_js) -> str:
    """A script printing the report a paragraph per document.write call."""
    return "<script>" + "".join(f"document.write('<p>{quote(html.escape(line))}</p>');\n"
                                for line in report.splitlines()) + "</script>"


def _page(body: str) -> str:
    return f"<html><head><title>年报</title></head><body>{body}</body></html>"


def _plain() -> Report:
    return load_report(_page("".join(f"<p>{html.escape(line)}</p>"
                                     for line in _REPORT.splitlines())).encode(), filename="p.html")


def _texts(report: Report) -> list[str]:
    return [s.text for s in report.statements]


# --- document.write ------------------------------------------------------------------------------

def test_a_written_page_reads_as_the_plain_page():
    report = load_report(_page(_writes()).encode(), filename="w.html")
    assert _texts(report) == _texts(_plain()) and len(report.statements) == 4


def test_an_unclosed_write_call_of_blank_separated_strings_is_linear():
    """document.write('a'  'a'  … with no ')' — the call's pattern could split the blanks
    between two pieces several ways and backtracked exponentially: 18 pieces took 38 s."""
    small = "<script>document.write(" + "'甲'  " * 200 + "</script>"
    big = "<script>document.write(" + "'甲'  " * 20000 + "</script>"
    out, t_small = _cpu(_written_by_script, small)
    assert out == small
    out, t_big = _cpu(_written_by_script, big)
    assert out == big
    assert t_big < 1.0


def test_many_unclosed_script_tags_are_read_in_one_pass():
    """10,000 '<script>' openings with no '</script>' (270 KB) took 7.9 s: each opening
    scanned the rest of the page for its close."""
    page = _page("<script>document.write('x')" * 10000 + "<p>" + "正文" * 100 + "</p>")
    out, t = _cpu(_written_by_script, page)
    assert out == page
    assert t < 1.0


def test_a_script_writing_the_script_that_writes_the_article_is_read():
    """A script whose document.write prints a <script> holding the article's writes (the
    close escaped '<\\/script>') gave 'the HTML page holds no text': the written script was
    dropped as chrome with the report in it. Read up to 3 deep."""
    code = _writes()
    for _ in range(2):  # 3 scripts deep
        code = "<script>document.write('" + _js(code).replace("</script>", "<\\/script>") + "');</script>"
        report = load_report(_page(code).encode(), filename="n.html")
        assert _texts(report) == _texts(_plain())


def test_a_template_literal_is_read_as_a_string():
    """document.write(`<p>…</p>`) (an ES2015 template string) was not a string literal:
    'the HTML page holds no text'."""
    code = "<script>document.write(`" + "".join(f"<p>{html.escape(line)}</p>" for line in
                                             _REPORT.splitlines()) + "`);</script>"
    report = load_report(_page(code).encode(), filename="t.html")
    assert _texts(report) == _texts(_plain())


def test_escaped_surrogates_give_characters_not_lone_surrogates():
    """'\\ud83d\\ude00' in a script string became two lone surrogates in the report's text:
    the Report could not be written as UTF-8 (UnicodeEncodeError in the store or --json)."""
    code = _writes(quote=lambda s: _js(s) + "\\ud83d\\ude00\\udc00")
    report = load_report(_page(code).encode(), filename="s.html")
    report.text.encode("utf-8")
    for s in report.statements:
        s.text.encode("utf-8")
    assert "".join(_texts(report)).replace("\ufffd", "") == "".join(_texts(_plain()))
    # the pair is one character (the escape's own), not two halves of nothing
    assert _written_by_script(_page("<script>document.write('" + "中" * 100 + "\\ud83d\\ude00');"
                                    "</script>")).count("\U0001F600") == 1


@SETTINGS
@given(st.lists(st.sampled_from(["\\x3c", "\\u003c", "\\u003C", "' + '", "' +\n '", "\\'",
                                 "\\\\", "\\n", "<\\/p>", "\\u4e2d", "\\x", "\\u12", "'", "\"",
                                 "`", "document.write(", ")", "<script>", "</script>", "${x}"]),
                max_size=12),
       st.integers(0, 16))
def test_script_strings_with_escapes_and_pieces_read_or_refuse(pieces, line):
    """Escapes (\\x3c, \\u003c), '+'-joined pieces and stray quotes/parens inside the written
    strings: a Report or the project's error, within budget; the plain page's lines are kept
    when the pieces are whole escapes."""
    lines = _REPORT.splitlines()
    lines[line] = lines[line] + "".join(pieces)
    code = "<script>" + "".join(f"document.write('<p>{_js(html.escape(x)) if i != line else x}</p>');\n"
                                for i, x in enumerate(lines)) + "</script>"
    try:
        report, t = _cpu(load_report, _page(code).encode(), filename="h.html")
    except ParseError:
        return
    assert isinstance(report, Report)
    report.text.encode("utf-8")


# --- metadata.level_of: bracketed second names ----------------------------------------------

def test_two_bracketed_tails_or_a_nested_one_are_set_aside():
    """'…局（…林业局）（挂…牌子）' and '…局（…林业局（草原局））' had level None: the tail's pattern
    took one bracket pair holding no bracket."""
    from nlp_reports.parse.metadata import level_of

    assert level_of("龙泉县自然资源局（龙泉县林业局）（挂龙泉县草原工作站牌子）") == "department"
    assert level_of("龙泉县自然资源局（龙泉县林业局（草原局））") == "department"
    assert level_of("白沙镇人民政府（白沙镇便民服务中心）（挂白沙镇退役军人服务站牌子）") == "township"
    # what closes nothing, opens nothing or leaves no name stays as it is
    assert level_of("（龙泉县林业局）") is None
    assert level_of("龙泉县自然资源局)(") is None
    assert level_of("龙泉县自然资源局（龙泉县林业局") == "department"


def test_bracket_runs_are_read_in_linear_time():
    from nlp_reports.parse.metadata import level_of

    for name in ("）" * 100_000, "（" * 100_000 + "）" * 100_000, "龙泉县" + "（某局）" * 100_000,
                 "龙泉县自然资源局" + "（" * 20 + "林业局" + "）" * 20):
        _, t = _cpu(level_of, name)
        assert t < 0.5, name[:20]


# --- 表三 read by its header ---------------------------------------------------------------------

_SUBS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_a_column_first_named_on_a_lower_header_line_reorders_nothing():
    """'申请人情况 | 法人或其他组织 ×5 | | 总计' over '商业企业 … 其他 | 自然人 |': the columns were
    taken in order of first appearance, so 自然人 (named on the lower line) went after 总计 —
    every row's total read as 自然人 and the 自然人 count as the total, status ok. Where a
    column first named below stands among those above is not in the labels: the values stay
    where printed."""
    from nlp_reports.parse.tables import _t3_header_order

    row1 = ["申请人情况", "法人或其他组织", "总计"]
    assert _t3_header_order([(row1, True), ([*_SUBS, "自然人"], True)]) is None
    assert _t3_header_order([(["申请人情况", "法人或其他组织", "自然人"], True),
                             ([*_SUBS, "总计"], True)]) is None
    # subs below the group label's line are placed by it (the redteam17 shape)
    assert _t3_header_order([(["申请人情况", "法人或其他组织", "自然人", "总计"], True),
                             (_SUBS, True)]) == [1, 2, 3, 4, 5, 0, 6]
    # subs below a line naming no group: no place for them
    assert _t3_header_order([(["申请人情况", "自然人", "总计"], True), (_SUBS, True)]) is None


_T3_WORDS = ["申请人情况", "法人或其他组织", "自然人", "总计", *_SUBS, "商业", "企业", "小计", "",
             "Natural persons", "合计"]


@SETTINGS
@given(st.lists(st.tuples(st.lists(st.sampled_from(_T3_WORDS), max_size=12), st.booleans()),
                max_size=4))
def test_header_order_is_a_permutation_or_none(header):
    """Duplicated, missing, English, split or blank names over any lines: None, or an
    order naming each of the 7 columns once, taken from grid lines that named all 7."""
    from nlp_reports.parse.tables import _t3_header_order

    order = _t3_header_order(header)
    if order is not None:
        assert sorted(order) == list(range(7)) and order != list(range(7))
        named = {h for labels, _ in header for h in labels}
        assert {"自然人", "总计", *_SUBS} <= named
        assert all(grid for labels, grid in header
                   if len({h for h in labels if h in {"自然人", "总计", "法人或其他组织", *_SUBS}}) >= 2)


# --- label files as Excel writes them ------------------------------------------------------------

_ROWS = ["乡卫生院院务公开栏内容更新不及时，部分收费信息滞后。,problem,timeliness",
         "县医保局将每月核对一次公开目录。,measure,content_quality;timeliness",
         "区疾控中心政务公开专职人员仅有1人。,problem,Staffing"]


def test_an_unclosed_quote_is_refused_not_read_as_one_unlabeled_row(tmp_path):
    """A quote opened in a text cell and never closed read every row below into that cell:
    1,001 labeled rows came back as one row with no kind, skipped with an INFO line, and
    load_labeled returned nothing."""
    import pytest

    from nlp_reports.classify.dataset import load_labeled
    from nlp_reports.errors import DataError

    f = tmp_path / "labels.csv"
    f.write_text("text,kind,themes\n\"" + "\n".join(_ROWS * 300) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"labels.csv:2: a quote .* never closed.*line 3"):
        load_labeled(f)
    # a closed quote holding a line break (and commas) inside the text stays one cell
    f.write_text("text,kind,themes\n\"镇政府公开栏更新不及时，\n部分信息滞后, 1,2\",problem,timeliness\n"
                 + "\n".join(_ROWS) + "\n", encoding="utf-8")
    assert len(load_labeled(f)) == 4


def test_a_csv_saved_with_cr_line_ends_is_read(tmp_path):
    """Excel for Mac's 'CSV (Macintosh)' ends lines with CR alone: refused with the csv
    module's 'new-line character seen in unquoted field - do you need to open the file in
    universal-newline mode?'."""
    from nlp_reports.classify.dataset import load_labeled

    f = tmp_path / "mac.csv"
    f.write_bytes(("text,kind,themes\r" + "\r".join(_ROWS) + "\r").encode("gbk"))
    got = load_labeled(f)
    assert [s.themes for s in got] == [("timeliness",), ("content_quality", "timeliness"),
                                       ("staffing",)]


def test_did_you_mean_over_a_huge_list_is_bounded(tmp_path):
    """300,000 unknown theme ids in one JSON record took 12 s of difflib for a message that
    names 10 of them."""
    import json

    import pytest

    from nlp_reports.classify.dataset import load_labeled
    from nlp_reports.errors import DataError

    f = tmp_path / "big.jsonl"
    rec = {"text": "县人社局政务公开专栏栏目设置不合理。", "kind": "problem",
           "themes": ["platfrom", *(f"staffin{i}" for i in range(300_000))]}
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    t = time.process_time()
    with pytest.raises(DataError, match=r"did you mean 'platform' for 'platfrom'"):
        load_labeled(f)
    assert time.process_time() - t < 2.0


# --- the prose counts of reports without tables (*_narrative) ----------------------------------

def test_a_chinese_numeral_with_qian_is_read_whole_not_by_its_tail():
    """'受理政府信息公开申请一千二百件，其中同意公开三百件' gave received_narrative 200: the
    figure's pattern knew 十 and 百, so it matched the tail '二百' after 一千."""
    from nlp_reports.parse.checks import narrative_figures, parse_chinese_number

    assert parse_chinese_number("一千二百") == 1200
    assert parse_chinese_number("两千零五") == 2005
    got = narrative_figures("本年度共受理政府信息公开申请一千二百件，其中同意公开三百件。")
    assert got.get("received") == {1200}
    # a numeral the reader cannot take whole gives no figure, never its tail
    assert "received" not in narrative_figures("本年度共受理政府信息公开申请一万二千件。")


# --- watermark lines -------------------------------------------------------------------------------

def test_bracketed_or_tiled_watermarks_are_dropped_and_content_kept():
    """'【仅供参考】', '（内部资料）', '内部资料，注意保存' and a word tiled four times on each
    page landed in section 五 as statements; only bare words, up to three, were known."""
    lines = _REPORT.splitlines()
    for mark in ("【仅供参考】", "（内部资料）", "内部资料，注意保存", "仅供参考仅供参考仅供参考仅供参考"):
        marked = "\n".join(x for line in lines for x in (line, mark))
        report = load_report(marked.encode(), filename="w.txt")
        assert _texts(report) == _texts(_plain()), mark
    # the words inside a real sentence, or a watermark-like line twice, stay
    own = _REPORT.replace("二是工作人员", "三是公开栏部分内容标注“仅供参考”字样，群众难以判断效力。\n二是工作人员")
    report = load_report(own.encode(), filename="o.txt")
    assert any("仅供参考" in s for s in _texts(report))


def test_a_watermark_like_line_fails_in_linear_time():
    from nlp_reports.ingest.normalize import drop_running_heads

    line = "仅供参考" + ("  \u3000 仅供参考" * 7) + " " * 40 + "见附件"
    text = "\n".join([line] * 2000 + ["仅供参考"] * 3)
    out, t = _cpu(drop_running_heads, text)
    assert out.split("\n") == [line] * 2000
    assert t < 1.0
