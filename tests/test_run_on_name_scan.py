"""Section 五's run-on sub-heading names ("（一）存在问题财政预决算…") are looked for in a block
first with a pattern whose every alternative starts with a character (a name with the end it
needs), so that re skips to those characters; the names are now listed once, and the
patterns built from the lists find what the patterns as written before found."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nlp_reports.parse import statements

BEFORE = re.compile(
    r"(?:(存在的?(?:主要)?(?:问题和不足|问题|不足)|主要问题|问题(?:和|与)不足|不足之处)"
    r"|((?:改进|整改|主要)措施|改进情况|整改情况|下一?步(?:工作)?(?:打算|计划|措施)"
    r"|今后(?:工作)?打算|工作打算))"
    r"(?=[\u4e00-\u9fff\d“《])(?![的和及与、是为较有在上中方等主])"
    r"(?!如下|表现|体现|集中|突出|包括|仍|依然|还|均|都|总体|基本|良好|显著|明显)")
BEFORE_AT = re.compile(BEFORE.pattern.split("(?=")[0])

_BITS = st.sampled_from([
    "存在", "的", "主要", "问题", "和", "与", "不足", "之处", "改进", "整改", "措施", "情况", "下",
    "一", "步", "工作", "打算", "计划", "今后", "财政", "预决算", "如下", "表现", "仍", "较多", "是",
    "2", "“", "《", "。", "：", "（一）", "二、", "\n", " ", "细化", "落实",
])


def _sig(m: re.Match[str] | None) -> tuple | None:
    return None if m is None else (m.span(), m.groups())


@settings(max_examples=1500, deadline=None)
@given(st.lists(_BITS, max_size=14))
@example(["（一）", "存在", "问题", "财政", "预决算"])
@example(["二、", "改进", "措施", "细化"])
@example(["存在", "问题", "较多"])
@example(["改进", "情况", "良好"])
@example(["下", "一", "步", "工作", "打算", "“"])
def test_names_found_as_before(bits):
    text = "".join(bits)
    assert bool(statements._ANY_RUN_ON_NAME.search(text)) == bool(BEFORE.search(text))
    assert _sig(statements._RUN_ON_NAME.search(text)) == _sig(BEFORE.search(text))
    for i in range(len(text) + 1):
        assert _sig(statements._RUN_ON_NAME.match(text, i)) == _sig(BEFORE.match(text, i))
        assert _sig(statements._NAME_AT.match(text, i)) == _sig(BEFORE_AT.match(text, i))


def test_every_alternative_of_the_scan_starts_with_a_character():
    parser = getattr(re, "_parser", None)
    if parser is None or not hasattr(parser, "parse"):
        pytest.skip("this interpreter's re has no _parser")
    tree = parser.parse(statements._ANY_RUN_ON_NAME.pattern)
    op, (_, alternatives) = tree.data[0]
    assert op is parser.BRANCH and len(tree.data) == 1
    assert all(alt.data and alt.data[0][0] is parser.LITERAL for alt in alternatives)


def test_run_on_pair_still_cut():
    """A report's 五 written with run-on names: both blocks read, the names no statements."""
    text = ("五、存在的主要问题及改进情况\n（一）存在问题财政预决算公开不够及时，部分科目说明过简。\n"
            "（二）改进措施细化公开清单，按季度开展自查。\n")
    split = statements.split_section5(text, text.index("\n") + 1, len(text))
    blocks = [(s.block, text[s.start:s.end]) for s in split.statements]
    assert blocks and {b for b, _ in blocks} == {"problem", "measure"}
    assert not any(t.startswith(("存在问题", "改进措施")) for _, t in blocks)
