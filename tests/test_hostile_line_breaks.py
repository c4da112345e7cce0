"""The repair of lost line breaks (ingest/linebreaks.py, 2103d93) against hostile text: it only
turns a blank into a break or adds one, never another change, in time linear in the text;
a report that kept its breaks is not touched (held: nothing to fix, the tests keep it so).
"""

from __future__ import annotations

import pathlib
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports import load_report
from nlp_reports.errors import NlpReportsError
from nlp_reports.ingest.encoding import decode_text_file
from nlp_reports.ingest.linebreaks import lost_line_breaks, restore_line_breaks

EXAMPLES = sorted((pathlib.Path(__file__).parent.parent / "examples").rglob("*.txt"))

_PIECES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
           "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
           "六、其他需要报告的事项", "梅林街道办事处2021年政府信息公开工作年度报告", "年度报告",
           "详见本报告", " ", "  ", "\u3000", "\xa0", "\n", "。", "；", "）", "0", "17", "3.5",
           "第二十条第（一）项", "信息内容", "现行有效件数", "本年制发件数", "本年废止件数", "规章",
           "行政规范性文件", "行政复议", "行政诉讼", "维持", "纠正", "其他结果", "尚未审结", "总计",
           "一是", "（二）", "本街道依申请公开答复均在法定期限内办结"]


def _bare(text: str) -> str:
    return text.replace("\n", "").replace(" ", "")


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=300))
def test_only_breaks_are_put_back(pieces):
    """Whatever the text, the repair changes no character but a blank for a break, and a
    second pass finds nothing more to cut before a heading it already put on its line."""
    text = "".join(pieces)
    lost_line_breaks(text)
    out = restore_line_breaks(text)
    assert _bare(out) == _bare(text)
    assert out.count("\n") >= text.count("\n")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:20])
def test_a_report_that_kept_its_breaks_is_not_touched(path):
    text = decode_text_file(path.read_bytes())[0]  # (UTF-8 or GB18030, as saved)
    assert not lost_line_breaks(text) or restore_line_breaks(text) == text


@pytest.mark.parametrize("build", [
    lambda n: "某" * n,                                              # no break, no heading
    lambda n: "本机关依法公开。二、主动公开政府信息情况" * (n // 20),     # heading lookalikes
    lambda n: "".join(f"{d}、主动公开政府信息情况 现行有效件数 规章 0 0 0 " for d in
                      "一二三四五六七八九" * (n // 300)),                # numerals cycling
    lambda n: "二、主动公开政府信息情况 " + "行政复议 " * (n // 5),       # table4's label only
    lambda n: "（一）一是1、①" * (n // 8),                               # every item marker
    lambda n: "关于印发《某县2023年政府信息公开工作年度报告》的通知 " + "2023年" * (n // 5),
])
def test_long_lines_are_linear(build):
    """A 2 MB text on one line in each shape: 4× the text takes at most ~6× the CPU (a
    quadratic scan takes 16×) and the parse ends with a Report or the project's error."""
    times = []
    for n in (200_000, 800_000):
        text = build(n)
        start = time.process_time()
        restore_line_breaks(text) if lost_line_breaks(text) else text
        times.append(time.process_time() - start)
    assert times[1] < max(6 * times[0], 1.0)  # (the floor: a loaded 2-core machine took 0.66 s)
    try:
        load_report(("鹿鸣县教育局2022年政府信息公开工作年度报告" + build(2_000_000)).encode(),
                     filename="一行.txt")
    except NlpReportsError:
        pass


def test_a_notice_title_in_quotes_is_not_cut_before_its_closing_mark():
    """A notice printing the report (关于印发《…》的通知) over a line of ~12,000 characters (a
    document list pasted on one line) reads as a text whose breaks were lost; putting them
    back, the break after 年度报告 went before "》": the title was cut at the quote's end
    ("关于印发《…年度报告")."""
    listing = "；".join(f"清政办发〔2022〕{k}号关于做好第{k}批政务公开事项的通知" for k in range(1, 400))
    text = ("清河县人民政府办公室\n关于印发《清河县2022年政府信息公开工作年度报告》的通知\n"
            "各乡镇人民政府，县直各单位：\n　　经县政府同意，现将报告印发给你们，请认真贯彻落实。\n"
            f"附件目录：{listing}。\n清河县人民政府办公室\n2023年1月16日\n"
            "一、总体情况\n本年度，县政府办公室依法依规做好政府信息公开工作。\n"
            "二、主动公开政府信息情况\n详见下表。\n三、收到和处理政府信息公开申请情况\n详见下表。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n未发生。\n五、存在的主要问题及改进情况\n"
            "公开内容不够全面。\n六、其他需要报告的事项\n无。\n")
    assert len(listing) > 10_000 and lost_line_breaks(text)
    assert "年度报告》的通知" in restore_line_breaks(text)
    report = load_report(text.encode(), filename="通知.txt")
    assert report.metadata.title == "关于印发《清河县2022年政府信息公开工作年度报告》的通知"
