"""Some portals set an older report's part titles in lenticular brackets, with or without
the numeral: "【概述】", "【四、因政府信息公开申请行政复议、提起行政诉讼的情况】". The
brackets were kept in the title and counted in its length, so the long 复议诉讼 title was no
heading: section 四 was reported missing and its text stood in the fee part's (section 三).

The report text is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from nlp_reports.parse.fees import narrative_fee
from nlp_reports.parse.load import load_report

_TITLE = "南岭省水利厅2016年政府信息公开工作年度报告"
_PARTS = [
    ("概述", "我厅政府信息公开工作由厅办公室归口管理，各处室、直属单位明确兼职信息员27名。"
             "2016年修订了《厅政府信息公开保密审查办法》，公开前逐条审查。"),
    ("主动公开政府信息的情况", "全年主动公开水资源公报、取水许可审批结果、防汛抗旱信息等1046条，"
                             "其中通过厅门户网站发布893条，通过“南岭水利”微博发布153条。"),
    ("依申请公开政府信息和不予公开政府信息的情况",
     "收到公民、法人和其他组织申请31件（网上申请18件，信函申请13件），已全部答复："
     "同意公开20件，同意部分公开3件，信息不存在5件，不属于本机关公开范围3件。"),
    ("政府信息公开的收费及减免情况", "本年度未收取任何费用。"),
    ("因政府信息公开申请行政复议、提起行政诉讼的情况",
     "因政府信息公开被申请行政复议2件，复议机关均维持我厅答复；未发生行政诉讼。"),
    ("政府信息公开工作存在的不足及改进措施",
     "（一）存在的不足\n个别直属单位对答复时限把握不准。\n（二）改进措施\n"
     "2017年将组织直属单位开展答复文书专题培训。"),
    ("其他需要报告的事项", "本年度无其他需要报告的事项。"),
]
_NUMERALS = "一二三四五六七"


def _write(tmp_path, numbered):
    lines = [_TITLE]
    for numeral, (title, body) in zip(_NUMERALS, _PARTS, strict=True):
        lines += [f"【{numeral}、{title}】" if numbered else f"【{title}】", body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_report(path)


@pytest.mark.parametrize("numbered", [False, True])
def test_titles_in_lenticular_brackets_are_headings(tmp_path, numbered):
    report = _write(tmp_path, numbered)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6] and not report.missing_sections
    assert found[1].title == "概述"
    assert found[4].title == "因政府信息公开申请行政复议、提起行政诉讼的情况"
    assert "行政复议2件" in found[4].text and "行政复议" not in found[3].text
    assert [s.block for s in report.statements] == ["problem", "measure"]


def test_a_bracketed_line_that_is_no_title_stays_text(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(_TITLE + """
概述
我厅政府信息公开工作由厅办公室归口管理。
【典型做法】
在厅门户网站开设“水利工程建设领域项目信息公开”专栏。
主动公开政府信息的情况
全年主动公开信息1046条。
""", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert "【典型做法】" in found[1].text


@pytest.mark.parametrize("numbered", [False, True])
def test_the_fee_under_a_bracketed_title_is_read(tmp_path, numbered):
    # the fee part is stored inside section 三 (its number in the 2021 scheme), its bracketed
    # title a line of that text: "本年度未收取任何费用" is the fee part's 0 only under that title
    report = _write(tmp_path, numbered)
    three = next(s for s in report.sections if s.number == 3)
    assert narrative_fee([(three.title, three.text)], 2016) == 0.0


def test_bracketed_titles_with_the_text_run_on(tmp_path):
    # "【概述】我厅政府信息公开…": the bracket closes the title, the text goes on on the same line
    lines = [_TITLE]
    for title, body in _PARTS:
        lines += [f"【{title}】{body}"] if "\n" not in body else [f"【{title}】", body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[1].title == "概述" and found[1].text.startswith("我厅政府信息公开工作由厅办公室")
    assert found[4].text == _PARTS[4][1]


@pytest.mark.parametrize("chrome", [
    "【主动公开】【依申请公开】【政策解读】\n",  # a portal's column links on one line
    "【主动公开】\n【依申请公开】\n",  # the same links one a line, as a page copied to text
])
def test_bracketed_links_above_the_report_are_no_headings(tmp_path, chrome):
    # taken for titles, the links opened section 二 above 概述, and 概述 was lost
    lines = [_TITLE, chrome.rstrip("\n")]
    for title, body in _PARTS:
        lines += [title, body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[1].title == "概述" and found[2].title == "主动公开政府信息的情况"


def test_bracketed_labels_in_a_sentence_line_are_no_headings(tmp_path):
    # 概述 summing up each part under a bracketed label: the line stays 概述's text
    lines = [_TITLE, "概述",
             "本年度工作有序推进。", "【主动公开】发布1046条；【依申请公开】收到申请31件。"]
    for title, body in _PARTS[1:]:
        lines += [title, body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert "【依申请公开】收到申请31件" in found[1].text
    assert found[2].title == "主动公开政府信息的情况" and found[2].text.startswith("全年主动公开水资源公报")


def test_a_bracketed_title_over_a_bracketed_sub_heading_is_a_heading(tmp_path):
    # a bracket-only line next to another is a link list only when that one names a part too
    lines = [_TITLE]
    for title, body in _PARTS:
        lines += [f"【{title}】", "【工作机制】" if title == "概述" else "", body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[1].title == "概述" and found[1].text.startswith("【工作机制】")


@pytest.mark.parametrize("numeral", ["【{}】", "〔{}〕", "【第{}部分】"])
def test_a_bracketed_numeral_before_its_title_is_a_heading(tmp_path, numeral):
    # "【一】概述": read as a bracketed title, the numeral alone was the title and no line was a
    # heading, so the report had no sections at all (every part "missing", no statement)
    lines = [_TITLE]
    for n, (title, body) in zip(_NUMERALS, _PARTS, strict=True):
        lines += [numeral.format(n) + title, body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6] and not report.missing_sections
    assert found[2].title == "主动公开政府信息的情况"
    assert "行政复议2件" in found[4].text
    assert [s.block for s in report.statements] == ["problem", "measure"]


def test_a_bracketed_numeral_before_an_item_stays_text(tmp_path):
    # a numeral in brackets before a sentence or an item of section 五 heads nothing
    lines = [_TITLE]
    for n, (title, body) in zip(_NUMERALS, _PARTS, strict=True):
        lines += [f"{n}、{title}", body]
    lines.insert(2, "【一】全厅明确兼职信息员27名。")
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert "【一】全厅明确兼职信息员27名。" in found[1].text


def test_the_fee_under_a_bracketed_numeral_title_is_read(tmp_path):
    # "【四】政府信息公开的收费及减免情况" inside section 三's text was no heading line of the
    # fee reader's, so "本年度未收取任何费用。" gave no 0
    lines = [_TITLE]
    for n, (title, body) in zip(_NUMERALS, _PARTS, strict=True):
        lines += [f"【{n}】{title}", body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert narrative_fee([(found[3].title, found[3].text)], 2016) == 0.0


def test_bracketed_items_of_the_summary_take_no_part(tmp_path):
    # 概述 lists what was done under 【一】【二】, named like parts; the parts follow as bare
    # titles. The items took sections 二 and 三, and 主动公开's own title and text fell into
    # the item 【二】's section 三
    path = tmp_path / "r.txt"
    path.write_text("""青石县教育局2012年政府信息公开工作年度报告
概述
2012年，我局政府信息公开工作主要做了以下几方面：
【一】主动公开情况
全年主动公开学校招生、收费标准等信息126条。
【二】依申请公开情况
收到申请2件，均已答复。
主动公开政府信息情况
全年通过县政府门户网站和局网站主动公开信息126条，其中招生政策23条。
依申请公开政府信息情况
全年收到政府信息公开申请2件，同意公开2件。
因政府信息公开申请行政复议、提起行政诉讼的情况
无。
存在的主要问题及改进措施
学校信息公开栏内容更新较慢。下一步，我局将把公开栏更新纳入学校考核。
""", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert found[2].title == "主动公开政府信息情况" and found[2].text.startswith("全年通过县政府")
    assert found[3].title == "依申请公开政府信息情况" and "主动公开" not in found[3].text
    assert "【二】依申请公开情况" in found[1].text


def test_a_colon_report_keeps_a_sub_title_of_its_problems_part(tmp_path):
    # every part run on after a colon; 五's own "(一)存在的主要问题" line, a sub-title in the
    # section of its own number, does not undo the reading
    path = tmp_path / "r.txt"
    path.write_text("""临江县气象局2010年政府信息公开工作年度报告
概述：2010年，我局结合气象服务工作，做好政府信息公开，办公室为主管机构。
主动公开政府信息情况：全年公开天气预警、气候公报等信息312条。
依申请公开政府信息情况：本年度未收到申请。
因政府信息公开申请行政复议、提起行政诉讼的情况：无。
存在的主要问题及改进措施：
（一）存在的主要问题
预警信息发布渠道单一。
（二）改进措施
明年我局将开通手机短信发布渠道。
""", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert sorted(found) == [1, 2, 3, 4, 5]
    assert found[2].text.startswith("全年公开天气预警")
