"""Text rules added for older reports, Word soft breaks, a page's glued buttons and a crawl's
saved links stay linear on hostile input (issue 5: ``load_report`` returns a Report or raises
the package's error, in bounded time; the corpus reads the parts it stores the same way).

Twice the input must cost about twice the CPU time, not four times: a ratio holds on a
loaded machine where a fixed bound does not. A rule that backtracks exponentially would run
for hours, so each measure is cut off by a CPU-time alarm and fails the test instead.
"""

from __future__ import annotations

import io
import re
import signal
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports import load_report
from nlp_reports.errors import ParseError
from nlp_reports.parse.fees import narrative_fee, none_named

#: CPU seconds one measure may take before it counts as a hang.
_BUDGET = 10.0


class _Hang(BaseException):
    """Raised by the alarm; a BaseException so no ``except Exception`` swallows it."""


def _on_alarm(signum, frame):
    raise _Hang


def _cpu(fn, *args) -> float:
    old = signal.signal(signal.SIGPROF, _on_alarm)
    signal.setitimer(signal.ITIMER_PROF, _BUDGET)
    t = time.process_time()
    try:
        fn(*args)
    except ParseError:
        pass
    except _Hang:
        pytest.fail(f"over {_BUDGET} CPU s: a hang")
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)
    return time.process_time() - t


def _twice_costs_about_twice(cost) -> None:
    cost(1)  # (imports, compiled patterns)
    half, full = cost(1), cost(2)
    assert full < 3 * half + 0.2, (half, full)


_PARTS = ("一、总体情况\n全年主动公开信息214条。\n二、主动公开政府信息情况\n见下表。\n"
          "三、收到和处理政府信息公开申请情况\n本年新收申请6件。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"
          "五、存在的主要问题及改进情况\n栏目更新不及时。\n六、其他需要报告的事项\n无。\n")


# --- an older report's sentence saying its fee and case matters were none -------------------


def test_a_none_sentence_naming_a_matter_again_and_again_is_read_in_linear_time():
    # "政府信息公开申请复议" read two ways (the 申请 the head's or the matter's): each matter
    # more doubled the time a sentence failing at its end took, 20 of them 1.5 s
    def cost(k: int) -> float:
        sentence = "因政府信息公开申请复议" * 5_000 * k + "均无，详见附表。"
        return _cpu(none_named, sentence)

    _twice_costs_about_twice(cost)


def test_a_fee_part_of_repeated_matters_gives_no_fee_in_linear_time():
    def cost(k: int) -> float:
        text = "政府信息公开申请行政复议和" * 3_000 * k + "收费情况另行说明。"
        return _cpu(narrative_fee, [("四、政府信息公开的收费及减免情况", text)], 2012)

    _twice_costs_about_twice(cost)
    assert narrative_fee([("四、政府信息公开的收费及减免情况",
                           "政府信息公开申请复议" * 30 + "均无，详见附表。")], 2012) is None


@pytest.mark.parametrize(("sentence", "named"), [
    ("因政府信息公开申请复议均无。", {"review"}),
    ("政府信息公开申请行政复议和提起行政诉讼均未发生。", {"review", "litigation"}),
    ("政府信息公开申请的复议、诉讼均无。", {"review", "litigation"}),
    ("收费、因政府信息公开申请行政复议、行政诉讼均无。", {"fee", "review", "litigation"}),
    ("本年度没有发生政府信息公开申请收费及行政复议案件。", {"fee", "review"}),
    ("因政府信息公开申请复议2件，均已办结。", set()),
])
def test_the_matters_a_none_sentence_names_are_read_as_before(sentence, named):
    assert none_named(sentence) == named


# --- a Word paragraph of thousands of soft line breaks -------------------------------------


def _docx_paragraph(parts: list[str]) -> bytes:
    """A .docx of the report's lines, then one paragraph of ``parts`` joined by soft breaks."""
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    for line in ("青禾县林业局2023年政府信息公开工作年度报告", *_PARTS.splitlines()[:-2]):
        doc.add_paragraph(line)
    p = doc.add_paragraph()
    for k, part in enumerate(parts):
        run = p.add_run(part)
        if k < len(parts) - 1:
            run.add_break()
    for line in ("六、其他需要报告的事项", "无。", "青禾县林业局", "2024年1月19日"):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("part", [
    "部分栏目、专题更新不及时及时",    # a 、 (a mark), no comma, long: each break joined
    "信息发布审核机制还需完善，其",     # a comma: each break joined
])
def test_a_paragraph_of_thousands_of_soft_breaks_is_joined_in_linear_time(part):
    # each break asked the whole line joined so far whether it was a title, held a comma or a
    # label's colon: quadratic, a paragraph of 5,000 breaks 6 s
    def cost(k: int) -> float:
        data = _docx_paragraph([part] * 2_500 * k + ["他工作正常开展。"])
        return _cpu(lambda: load_report(data, filename="x.docx"))

    _twice_costs_about_twice(cost)


def _join_by_whole_lines(text: str) -> str:
    """The soft-break rules asked of the whole line joined so far at each break, as written
    first (quadratic): what the parser must still give."""
    from nlp_reports.ingest import docx as d

    title = re.compile(r"[^，,。；;！!？?]*(?:情况|问题|措施|事项|概述|不足|打算|方向|举措|环节)[ \t\u3000]*")
    lines = text.split("\n")
    prose = bool(d._PROSE_END.search(text))
    out = [lines[0]]
    for line in lines[1:]:
        before = out[-1]
        if before and line and (d._CONTINUES.match(line) or (
                prose and before[-1] not in d._ENDS and d._CJK_START.match(line)
                and not d._OWN_LINE.match(line) and d._MARK.search(line)
                and not title.fullmatch(before)
                and ("，" in before or (len(before) >= d._LONG and not d._LABEL.search(before)
                                       and not d._HEADING.match(before))))):
            out[-1] = before + line
        else:
            out.append(line)
    return "\n".join(out)


_PIECES = ["\n", "\n", "\n", "，", "、", "：", "。", "情况", "问题", " ", "\u3000", "一", "二、",
           "（一）", "第一部分", "我县", "政务公开工作", "及时回应", "1", "首先", "地址", "青禾县林业局",
           "的", "；", "）", "”", "a"]


@settings(max_examples=3_000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=16), st.booleans())
def test_soft_breaks_are_joined_as_the_whole_line_rules_say(pieces, stop):
    from nlp_reports.ingest.docx import _join_soft_breaks

    text = "".join(pieces) + ("。" if stop else "")
    assert _join_soft_breaks(text) == _join_by_whole_lines(text)


# --- a page's buttons glued to the report's last line ---------------------------------------


def test_a_line_of_thousands_of_bracketed_buttons_is_read_in_linear_time():
    # the buttons' run was searched from every button of the line: a line of 5,000 of them
    # ending in a word took 4 s
    def cost(k: int) -> float:
        text = (f"溪口县民政局2023年政府信息公开工作年度报告\n{_PARTS}溪口县民政局\n2024年1月18日\n"
                + "我局将不断提升水平。" + "【打印】【关闭】" * 2_500 * k + "确定\n")
        return _cpu(load_report, text)

    _twice_costs_about_twice(cost)


_ONE_SEARCH = re.compile(
    r"(?:[ \t\u3000]*[【\[][ \t\u3000]{0,2}(?:我要)?(?:打印本页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|返回顶部"
    r"|我要纠错|纠错)[ \t\u3000]{0,2}[】\]]){2,}[ \t\u3000\r]*$")
_BUTTON_PIECES = ["【", "】", "[", "]", "打印", "打印本页", "关闭", "关闭窗口", "我要", "纠错", " ", "\u3000",
                  "\t", "\r", "水平。", "x", "收藏", "返回顶部", "【打印】", "【关闭窗口】"]


@settings(max_examples=3_000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_BUTTON_PIECES), max_size=12))
def test_glued_buttons_start_where_one_search_for_their_run_finds_it(pieces):
    from nlp_reports.parse.sections import _glued_buttons

    line = "".join(pieces)
    text = f"无。\n{line}\n溪口县民政局"
    found = _ONE_SEARCH.search(text, 3, 3 + len(line))
    assert _glued_buttons(text, 3, 3 + len(line)) == (found.start() if found else None)


def test_glued_buttons_are_still_cut_from_the_last_line():
    six = "本年度无其他需要报告的事项，我局将不断提升水平。"
    head = _PARTS.removesuffix("无。\n")
    report = load_report(f"溪口县民政局2023年政府信息公开工作年度报告\n{head}{six}【打印本页】 【关闭窗口】\n")
    assert report.section(6).text == six


# --- a page's attachment link of a path thousands of folders deep ---------------------------


def test_a_stub_page_linking_a_path_thousands_of_folders_deep_is_refused_in_linear_time():
    # each folder up the link's path was looked at on disk for a zip holding the rest, and
    # each look resolved the path part by part: quadratic, 1,000 parts 6 s
    def cost(k: int) -> float:
        href = "/module/" + "d/" * 300 * k + "report.pdf?id=5"
        page = (f"<html><body><div><p>附件：<a href=\"{href}\">溪口县民政局2023年政府信息公开工作"
                "年度报告.pdf</a></p></div></body></html>")
        return _cpu(lambda: load_report(page.encode(), filename="x.html"))

    _twice_costs_about_twice(cost)


# --- a PDF page of thousands of characters in tiny type -------------------------------------


def _dense_pdf(rows: int) -> bytes:
    """A page of ``rows`` lines of 2 pt text, 270 characters each (a table of figures set tiny)."""
    pytest.importorskip("reportlab")
    from _pdf_drawing import FONT, register_font
    from reportlab.pdfgen import canvas

    register_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont(FONT, 8)
    c.drawString(40, 820, "溪口县民政局2023年政府信息公开工作年度报告")
    c.setFont(FONT, 2)
    for r in range(rows):
        c.drawString(20, 790 - r * 2.4, "0 1 0 0 2 0 " * 45)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_pdf_page_of_thousands_of_tiny_characters_is_deduplicated_in_linear_time():
    # pdfplumber's dedupe_chars put the kept characters back in order with list.index per
    # character: a page of 11,000 characters took 5 s, 22,000 20 s
    pdfplumber = pytest.importorskip("pdfplumber")
    from nlp_reports.ingest.pdf import _clean_chars

    def cost(k: int) -> float:
        with pdfplumber.open(io.BytesIO(_dense_pdf(40 * k))) as pdf:
            page = pdf.pages[0]
            assert len(page.chars) > 10_000 * k  # (read before the clock)
            return _cpu(lambda: _clean_chars(page).chars)

    _twice_costs_about_twice(cost)
    from nlp_reports.ingest.pdf import _deduped

    with pdfplumber.open(io.BytesIO(_dense_pdf(3))) as pdf:
        page = pdf.pages[0]
        assert _deduped(page).chars == page.dedupe_chars(tolerance=1).chars
