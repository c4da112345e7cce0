"""The chrome test under a report's title finds the lines it found when it was written with
PAGE_DATE_KEY's group inside it, now that every alternative starts with a character of its
own (so that re skips to those characters instead of trying each one of a line).

The reference is the pattern as it stood: ``【?\\s{0,2}大…`` and PAGE_DATE_KEY (a named group,
its bare 日期 looked behind from the start) in one alternation. Only whether a line holds
chrome is asked anywhere, so the two must agree on that, for every line.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nlp_reports.ingest.normalize import PAGE_DATE_KEY
from nlp_reports.parse import sections

REFERENCE = re.compile(
    r"发布时间|发布日期|发文日期|来源[:：]|信息来源|阅读次数|浏览次数|点击[数率:：]|访问量|字号"
    r"|【?\s{0,2}大\s{0,2}中\s{0,2}小"
    rf"|打印|关闭|分享|索引号|发布机构|发文机关|成文日期|主题分类|生效日期|文号|{PAGE_DATE_KEY}\d{{4}}"
)

#: Every run of Chinese characters PAGE_DATE_KEY spells (its key words and their endings):
#: a word added to it shows up here, and the pairs below test it.
_KEY_BITS = sorted(set(re.findall(r"[\u4e00-\u9fff]+", PAGE_DATE_KEY.replace(r"\u4e00-\u9fff", ""))))

_PIECES = st.sampled_from([
    *_KEY_BITS, "大", "中", "小", "【", "】", "[", "]", "：", ":", " ", "\u3000", "\t", "字号",
    "2024", "2", "0", "-01-15", "年", "来源", "本站", "浏览次数", "点", "击", "数", "东", "政府",
    "信息公开", "工作年度报告", "办理", "（", "）", "日", "期", "时间",
])


def _agree(line: str) -> None:
    assert bool(sections._HEAD_CHROME.search(line)) == bool(REFERENCE.search(line)), line


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=12))
@example(["【", "字号", "：", "大", " ", "中", " ", "小", "】"])
@example([" ", " ", "大", "\u3000", "中", "小"])
@example(["办理", "日期", "：", "2024"])  # (日期 after a Chinese character: no date key)
@example(["（", "日期", "：", "2024"])
@example(["日期", "】", " ", "：", "2024"])
@example(["發佈", "時間", "[", "2023"])
def test_finds_what_the_composed_pattern_finds(pieces):
    _agree("".join(pieces))


@pytest.mark.parametrize("line", [
    "发布时间：2024-01-15 10:22 来源：本站 浏览次数：1234 【字号：大 中 小】【打印】【关闭】",
    "更新日期:2023-12-29　　【字体：大　中　小】",
    "[发稿时间]2022-03-31 09:00",
    "公開日期 2021年3月30日",
    "日期：2024-02-01",
    "来源：区政务服务和数据管理局  作者：  时间：2024年01月30日",
    "溪口县人民政府2023年政府信息公开工作年度报告",
    "东城区卫生健康委员会关于2022年度政府信息公开工作的报告",
    "办理日期2023年",
    "首页 > 政务公开 > 年度报告",
])
def test_real_looking_lines(line):
    _agree(line)


def test_every_key_word_with_every_ending():
    """Each key word PAGE_DATE_KEY spells, with each ending, then a date: whether after a
    Chinese character or not, with and without the bracket and colon between."""
    for head in _KEY_BITS:
        for tail in ("", *_KEY_BITS):
            for before in ("", "办", "（", " "):
                for gap in ("", "：", "】", " ] :  "):
                    _agree(f"{before}{head}{tail}{gap}2024-01-15")


def test_each_alternative_starts_with_a_character():
    """What makes the scan fast: re finds the characters a match can start with only when
    each alternative of the pattern begins with one (a group or an optional part first
    makes it try every position of the line)."""
    parser = getattr(re, "_parser", None)
    if parser is None or not hasattr(parser, "parse"):
        pytest.skip("this interpreter's re has no _parser")
    tree = parser.parse(sections._HEAD_CHROME.pattern)
    op, (_, alternatives) = tree.data[0]
    assert op is parser.BRANCH and len(tree.data) == 1
    assert all(alt.data and alt.data[0][0] is parser.LITERAL for alt in alternatives)
