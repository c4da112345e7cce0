"""A text too small to be any report — section headings with no title, no table and no
sentence under them — is refused as not_a_report, not stored as a report of one empty
section (which counted in every summary's denominators and audit rows). A report has at
least one of the three: a title, a table, or prose under its headings."""

from __future__ import annotations

import pytest

from nlp_reports import reasons
from nlp_reports.cli import main
from nlp_reports.errors import NotAReportError
from nlp_reports.parse.load import load_report, load_reports

HEADINGS_ONLY = {
    "one phrase": "依申请公开",
    "section one heading": "一、总体情况",
    "two headings, CRLF": "三、收到和处理政府信息公开申请情况\r\n\r\n四、政府信息公开行政复议、行政诉讼情况\r\n",
    "old-style part, full-width indent": "\u3000\u3000第五部分  存在的主要问题及改进措施\n",
    # the tail of a page cut short: the last heading, the sign-off, the date
    "last heading and sign-off": "六、其他需要报告的事项\n\n\n青石镇人民政府\n2024年1月18日\n",
}


@pytest.mark.parametrize("text", HEADINGS_ONLY.values(), ids=HEADINGS_ONLY.keys())
def test_headings_alone_are_refused(text):
    with pytest.raises(NotAReportError, match="too small to be a report") as got:
        load_report(text.encode())
    assert got.value.reason == "not_a_report"
    with pytest.raises(NotAReportError):
        load_reports(text.encode())


def test_the_refusal_says_why_in_chinese():
    with pytest.raises(NotAReportError) as got:
        load_report("依申请公开".encode())
    zh = reasons.error_meaning_zh(got.value)
    assert "片段" in zh and "没有报告标题" in zh
    assert zh != reasons.FAILURE_ZH["not_a_report"]  # not "未找到章节标题" beside a heading


def test_cli_parse_exits_nonzero_with_both_halves(tmp_path, capsys):
    k = tmp_path / "k.txt"
    k.write_text("依申请公开", encoding="utf-8")
    assert main(["parse", str(k)]) != 0
    err = capsys.readouterr().err
    assert "too small to be a report" in err and "文件内容过少" in err


KEPT = {
    # a title and one heading: the shortest reports are a title over a line or two
    "title and a heading": "棠溪街道办事处2023年政府信息公开工作年度报告\n\n一、总体情况\n",
    # a pasted section 五 with its sentences (a fragment is read; what is missing is listed)
    "a section with sentences": (
        "五、存在的主要问题及改进情况\n"
        "一是网站栏目更新偶有滞后；二是个别科室对依申请公开流程不熟。\n"
        "下一步将加强培训，明确专人负责栏目维护。\n"),
    # one sentence of prose, no full stop at its end (a page cut mid-sentence)
    "one clause cut short": "二、主动公开政府信息情况\n本年度，通过门户网站主动公开各类信息312条，其中",
}


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_a_title_or_prose_keeps_it_a_report(text):
    report = load_report(text.encode())
    assert report.sections


def test_a_table_alone_keeps_it_a_report():
    text = ("四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议\t\t\t\t\t行政诉讼\n"
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
            "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
            "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n")
    report = load_report(text.encode())
    assert report.tables


def test_the_forms_sections_each_saying_none_are_a_report():
    """Six headings with a bare "无" under each (a page's article body, its title not kept) is
    a report of empty sections, not a fragment: three or more of the form's sections keep it."""
    body = "\n".join(f"{n}、{t}\n无" for n, t in [
        ("一", "总体情况"), ("二", "主动公开政府信息情况"),
        ("三", "收到和处理政府信息公开申请情况"), ("四", "政府信息公开行政复议、行政诉讼情况"),
        ("五", "存在的主要问题及改进情况"), ("六", "其他需要报告的事项")])
    report = load_report(body)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_the_forms_headings_with_nothing_under_any_are_no_report():
    """The same six headings with nothing under them (a blank template, a table of contents
    cut from its page) are no report: headings are no content, however many."""
    body = "\n".join(f"{n}、{t}" for n, t in [
        ("一", "总体情况"), ("二", "主动公开政府信息情况"),
        ("三", "收到和处理政府信息公开申请情况"), ("四", "政府信息公开行政复议、行政诉讼情况"),
        ("五", "存在的主要问题及改进情况"), ("六", "其他需要报告的事项")])
    with pytest.raises(NotAReportError, match="too small to be a report"):
        load_report(body.encode())
