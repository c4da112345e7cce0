"""An older report (2008–2018) may join its fee part and its review/litigation part under one
title ("政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况"). Numbered
("四、…"), that title was read as section 四; written without a numeral — a bold line on a
page, a plain line in a text — it was too long for an unnumbered heading, so the report was
told it had no 第四部分 and the part's text stood in 依申请公开's.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from nlp_reports.parse.load import load_report

_MERGED = "政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况"

_TEXT = f"""柳湾县农业局2013年度政府信息公开工作报告
概述
2013年，我局落实县政府办的部署，由办公室牵头，各股室配合，把农业补贴和项目资金作为公开的重点。
主动公开政府信息情况
全年在县政府门户网站和局公开栏主动公开信息164条，其中良种补贴、农机购置补贴名单56条。
依申请公开政府信息情况
全年受理群众申请4件，均在规定时限内答复，同意公开3件，不予公开1件。
{_MERGED}
本年度未收取检索、复制费用。全年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。
存在的主要问题及改进措施
部分股室对公开工作重视不够。下一步将把公开情况纳入年终考核。
"""

_PAGE = """<html><head><meta charset="gb18030"><title>柳湾县农业局2013年度政府信息公开工作报告</title></head>
<body><div class="crumb">首页 &gt; 政府信息公开 &gt; 年度报告</div>
<h1>柳湾县农业局2013年度政府信息公开工作报告</h1><div class="TRS_Editor">{}</div>
<div class="foot">主办单位：柳湾县人民政府办公室</div></body></html>"""


def _check(report):
    found = {s.number: s for s in report.sections}
    assert 4 in found and 4 not in report.missing_sections
    assert found[4].title == _MERGED
    assert "检索、复制费用" in found[4].text and "行政复议" in found[4].text
    assert "检索、复制费用" not in found[3].text and "同意公开3件" in found[3].text
    assert found[5].title == "存在的主要问题及改进措施"


def test_unnumbered_merged_fee_and_cases_title_is_section_four(tmp_path):
    path = tmp_path / "柳湾县农业局2013.txt"
    path.write_text(_TEXT, encoding="utf-8")
    _check(load_report(path))


def test_bold_merged_title_on_a_gb18030_page_is_section_four(tmp_path):
    lines = _TEXT.splitlines()[1:]
    body = "".join(f"<p><strong>{line}</strong></p>" if "。" not in line else f"<p>{line}</p>"
                   for line in lines)
    path = tmp_path / "art_2014_0331.html"
    path.write_bytes(_PAGE.format(body).encode("gb18030"))
    _check(load_report(path))


def test_merged_title_after_numbered_parts_is_section_four(tmp_path):
    # the first parts numbered, the joined part and the problems written as bare titles
    text = _TEXT.replace("\n概述", "\n一、概述").replace("主动公开政府信息情况\n", "二、主动公开政府信息情况\n")
    text = text.replace("依申请公开政府信息情况\n", "三、依申请公开政府信息情况\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    _check(load_report(path))


def test_merged_title_ending_in_a_colon_is_section_four(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(_TEXT.replace(_MERGED, _MERGED + "："), encoding="utf-8")
    _check(load_report(path))


def test_merged_title_variants_are_section_four(tmp_path):
    for title in ("政府信息公开的收费及减免情况、因政府信息公开申请行政复议、提起行政诉讼的情况",
                  "收费及减免、行政复议和行政诉讼情况", "政府信息公开收费及减免和行政复议、行政诉讼情况"):
        path = tmp_path / "r.txt"
        path.write_text(_TEXT.replace(_MERGED, title), encoding="utf-8")
        found = {s.number: s for s in load_report(path).sections}
        assert found[4].title == title and "检索、复制费用" in found[4].text, title


def test_a_sentence_naming_both_parts_is_no_heading(tmp_path):
    # a line of prose naming the same parts, not a title: it stays in its part's text
    line = "收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况见附表"
    text = _TEXT.replace(f"{_MERGED}\n", "").replace(
        "不予公开1件。\n", f"不予公开1件。\n{line}\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert 4 not in found
    assert line in found[3].text


def test_merged_title_numbered_in_arabic_is_section_four(tmp_path):
    # "4.…的情况" was no heading: an Arabic-numbered title was taken only when known or short
    text = _TEXT
    for i, title in enumerate(("概述", "主动公开政府信息情况", "依申请公开政府信息情况", _MERGED,
                               "存在的主要问题及改进措施"), 1):
        text = text.replace(f"\n{title}\n", f"\n{i}.{title}\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    _check(load_report(path))


def test_numbered_merged_title_with_its_text_run_on(tmp_path):
    # a bold run-in title on a page: "四、…的情况均无。" kept 均无 in the title and left the part
    # empty; with a comma in the run-on text the title was cut after its fee half (section 三)
    for run_on, text in (("均无。", "均无。"), ("。均无。", "均无。"),
                         ("本年度未收取费用，未发生行政复议和行政诉讼。",
                          "本年度未收取费用，未发生行政复议和行政诉讼。")):
        numbered = _TEXT.replace("\n概述\n", "\n一、概述\n").replace(
            "\n主动公开政府信息情况\n", "\n二、主动公开政府信息情况\n").replace(
            "\n依申请公开政府信息情况\n", "\n三、依申请公开政府信息情况\n").replace(
            "\n存在的主要问题及改进措施\n", "\n五、存在的主要问题及改进措施\n")
        body = _TEXT.split(_MERGED + "\n")[1].split("\n")[0]
        numbered = numbered.replace(f"{_MERGED}\n{body}\n", f"四、{_MERGED}{run_on}\n")
        path = tmp_path / "r.txt"
        path.write_text(numbered, encoding="utf-8")
        found = {s.number: s for s in load_report(path).sections}
        assert found[4].title == _MERGED and found[4].text == text, run_on


def test_a_none_sentence_naming_both_parts_without_its_stop_is_no_heading(tmp_path):
    # "本年度无收费及减免情况和行政复议行政诉讼情况" has the joined title's shape but says
    # there was none: taken as 四's title, the statement was lost and the part left empty
    for line in ("本年度无收费及减免情况和行政复议行政诉讼情况", "全年未发生收费及减免情况和行政复议诉讼情况"):
        path = tmp_path / "r.txt"
        path.write_text(_TEXT.replace(f"{_MERGED}\n", f"{line}\n").replace(
            "本年度未收取检索、复制费用。全年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。\n", ""),
            encoding="utf-8")
        found = {s.number: s for s in load_report(path).sections}
        assert 4 not in found, line
        assert line in found[3].text


@pytest.mark.parametrize("cut", [24, 31, 36])
def test_numbered_merged_title_wrapped_over_two_lines_is_section_four(tmp_path, cut):
    # a page's narrow column or a PDF copy broke the longest title of all: "四、…申请行" then
    # "政复议和提起行政诉讼的情况" was no heading (the wrap repair knew only KNOWN_TITLES), so
    # 四 was reported missing and the part's text stood in 依申请公开's
    numbered = _TEXT.replace("\n概述\n", "\n一、概述\n").replace(
        "\n主动公开政府信息情况\n", "\n二、主动公开政府信息情况\n").replace(
        "\n依申请公开政府信息情况\n", "\n三、依申请公开政府信息情况\n").replace(
        "\n存在的主要问题及改进措施\n", "\n五、存在的主要问题及改进措施\n")
    numbered = numbered.replace(f"\n{_MERGED}\n", f"\n四、{_MERGED[:cut]}\n{_MERGED[cut:]}\n")
    path = tmp_path / "r.txt"
    path.write_text(numbered, encoding="utf-8")
    _check(load_report(path))


def test_a_numbered_fee_title_over_a_case_sentence_stays_apart(tmp_path):
    # the fee part's own title, then a sentence: no joined title, nothing is glued
    text = _TEXT.replace("\n概述\n", "\n一、概述\n").replace(
        "\n主动公开政府信息情况\n", "\n二、主动公开政府信息情况\n").replace(
        "\n依申请公开政府信息情况\n", "\n三、依申请公开政府信息情况\n").replace(
        f"\n{_MERGED}\n", "\n四、政府信息公开的收费及减免情况\n").replace(
        "\n存在的主要问题及改进措施\n", "\n五、存在的主要问题及改进措施\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert 4 not in found
    assert "本年度未收取检索、复制费用。" in found[3].text
