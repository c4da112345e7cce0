"""A national section title with its body's first sentence run on after it, no stop between
("二、主动公开政府信息情况本局制发规范性文件3件。"): a bold run-in title, or a copy that lost
its line breaks. The title is the national one and the sentence opens the section's text,
when the sentence opens as no title goes on (a speaker, a verb or preposition that starts
a clause). A title that goes on as a title ("总体情况概述", "…情况及成效") stays as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

FIX = Path(__file__).parent / "fixtures" / "lost_line_breaks"

_REPORT = """{agency}2023年政府信息公开工作年度报告
一、总体情况{one}
二、主动公开政府信息情况{two}
三、收到和处理政府信息公开申请情况全年受理申请5件，均在法定期限内答复。
四、政府信息公开行政复议、行政诉讼情况{four}
五、存在的主要问题及改进情况一是栏目更新不够及时；二是解读形式单一。
六、其他需要报告的事项无。
"""


def _sections(**parts: str) -> dict:
    fill = {"agency": "溪口县自然资源局", "one": "2023年，我局全年主动公开信息152条。",
            "two": "全年制发规范性文件1件。", "four": "本年度未发生行政复议、行政诉讼。"} | parts
    return {s.number: s for s in load_report(_REPORT.format(**fill)).sections}


@pytest.mark.parametrize("part, body", [
    ("two", "本局制发规范性文件3件，废止1件，现行有效12件。"),
    ("two", "依托县政府门户网站“法定主动公开内容”专栏，及时更新机构职能、规划计划等信息。"),
    ("two", "通过政务新媒体发布不动产登记办理指南28期。"),
    ("two", "主要通过政府网站和政务公开栏发布。"),
    ("one", "认真落实年度政务公开工作要点的各项任务。"),
    ("one", "截至12月底，共主动公开政府信息1046条。"),
    ("four", "该局未发生因政府信息公开被申请行政复议或提起行政诉讼的情况。"),
    ("four", "根据统计全年无此类案件。"),
], ids=["speaker-bureau", "verb-yituo", "prep-tongguo", "mainly-via", "verb-renzhen",
        "as-of", "speaker-that-bureau", "according-to"])
def test_sentence_run_on_after_a_national_title_opens_the_section(part, body):
    number = {"one": 1, "two": 2, "four": 4}[part]
    title = {1: "总体情况", 2: "主动公开政府信息情况", 4: "政府信息公开行政复议、行政诉讼情况"}[number]
    secs = _sections(**{part: body})
    assert sorted(secs) == [1, 2, 3, 4, 5, 6]
    assert secs[number].title == title
    assert secs[number].text.startswith(body[:10])


@pytest.mark.parametrize("part, text, title", [
    ("one", "概述", "总体情况概述"),
    ("two", "及成效", "主动公开政府信息情况及成效"),
    ("two", "统计表", "主动公开政府信息情况统计表"),
])
def test_a_title_that_goes_on_stays_whole(part, text, title):
    number = {"one": 1, "two": 2}[part]
    assert _sections(**{part: text})[number].title == title


def test_lost_line_breaks_part_heading_with_body_glued():
    report = load_report(FIX / "bureau_2021_part_glued.txt")
    secs = {s.number: s for s in report.sections}
    assert secs[2].title == "主动公开政府信息情况"
    assert secs[2].text.startswith("本局制发规范性文件3件")
