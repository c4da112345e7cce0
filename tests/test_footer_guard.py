"""The cheap guard before the running-footer scan (ingest.normalize): it may let a text
through for nothing, but never hold back one whose footers the scan would cut."""

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports.ingest import normalize

FOOTERS = [
    "某县人民政府 第3页 共8页", "第3页 共8页 某县人民政府", "某县人民政府 - 3 -",
    "- 3 - 某县人民政府", "某县人民政府　— 3 —", "某县人民政府 －3－\t",
    "  某县人民政府 共8页，第3页",
]


def _page(footer: str, n: int) -> str:
    return footer.replace("3", str(n)).replace("8", "9")


def test_every_footer_shape_passes_the_guard_and_is_cut():
    for footer in FOOTERS:
        text = "\n".join(f"第{n}段正文，内容见下。\n{_page(footer, n)}" for n in (1, 2, 3))
        assert normalize._may_have_named_page(text), footer
        assert normalize._unname_page_numbers(text) != text, footer


def test_dates_alone_do_not_pass_the_guard():
    text = "发布日期：2024-01-15\n本报告数据统计期限自2023-01-01起至2023-12-31止。\n"
    assert not normalize._may_have_named_page(text)
    assert normalize._unname_page_numbers(text) == text


_LINE = st.text(alphabet="某县人民政府第共页0123456789 -—－\t，。报告", max_size=14)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8))
def test_the_guard_is_a_necessary_condition(lines):
    text = "\n".join(lines)
    if normalize._unname_page_numbers(text) != text:
        assert normalize._may_have_named_page(text)
