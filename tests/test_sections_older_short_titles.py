"""An older report (2008–2018) titled its parts in a short outline — 基本情况, 主动公开情况,
依申请公开情况, 收费及减免情况, 行政复议和行政诉讼情况, 存在的不足和今后工作打算 — and a page
sets them in bold only, a plain text without numerals. Numbered (一、主动公开情况) they were
read; unnumbered, 主动公开情况 and 行政复议和行政诉讼情况 were no headings, so sections 2 and 4
were reported missing and their text stood in 概述's and the fee part's.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

from nlp_reports.parse.load import load_report

_TEXT = """桃溪乡人民政府2011年度政府信息公开工作报告
基本情况
2011年，我乡把政府信息公开作为密切联系群众的一项基础工作来抓，乡党政办负责日常工作。
主动公开情况
全年通过乡公开栏、县政府网站主动公开信息73条，以新农合、农村低保和危房改造为主。
依申请公开情况
全年收到群众申请2件，均当场答复。
收费及减免情况
未收取任何费用。
行政复议和行政诉讼情况
全年未发生因政府信息公开引起的行政复议、行政诉讼。
存在的不足和今后工作打算
村级公开不够及时；明年起每季度检查一次各村公开栏。
"""

_PAGE = """<html><head><meta charset="utf-8"><title>桃溪乡人民政府2011年度政府信息公开工作报告</title></head>
<body><h1>桃溪乡人民政府2011年度政府信息公开工作报告</h1><div class="article">{}</div></body></html>"""


def _sections(report):
    return {s.number: s for s in report.sections}


def _check(report):
    found = _sections(report)
    assert found[2].title == "主动公开情况" and "危房改造" in found[2].text
    assert found[4].title == "行政复议和行政诉讼情况" and "未发生" in found[4].text
    assert "危房改造" not in found[1].text
    assert 2 not in report.missing_sections and 4 not in report.missing_sections


def test_unnumbered_short_titles_of_an_older_outline_are_headings(tmp_path):
    path = tmp_path / "桃溪乡2011.txt"
    path.write_text(_TEXT, encoding="utf-8")
    _check(load_report(path))


def test_bold_short_titles_on_a_page_are_headings(tmp_path):
    lines = _TEXT.splitlines()[1:]
    body = "".join(f"<p><strong>{line}</strong></p>" if len(line) < 14 else f"<p>{line}</p>"
                   for line in lines)
    path = tmp_path / "content_88.html"
    path.write_text(_PAGE.format(body), encoding="utf-8")
    _check(load_report(path))


def test_a_short_title_inside_a_numbered_report_stays_its_text(tmp_path):
    # under a numbered 一、总体情况 (2021 form), a bare "主动公开情况" line is a sub-heading
    path = tmp_path / "r.txt"
    path.write_text("""桃溪乡人民政府2022年政府信息公开工作年度报告
一、总体情况
主动公开情况
本年度主动公开信息112条。
二、主动公开政府信息情况
见下表。
""", encoding="utf-8")
    found = _sections(load_report(path))
    assert found[1].title == "总体情况" and "112条" in found[1].text
    assert found[2].title == "主动公开政府信息情况"


def test_the_case_part_title_without_de_is_a_heading(tmp_path):
    # "因政府信息公开申请行政复议、提起行政诉讼情况" (no 的 before 情况), unnumbered: it was no
    # heading (no known title holds it), so 四 was missing and its text stood in the fee part's
    text = _TEXT.replace("行政复议和行政诉讼情况\n", "因政府信息公开申请行政复议、提起行政诉讼情况\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    found = _sections(load_report(path))
    assert found[4].title == "因政府信息公开申请行政复议、提起行政诉讼情况"
    assert "未发生" in found[4].text and "未发生" not in found[3].text
