"""Section 五's "一要…二要…三要…" enumerations: a marker run like 一是…二是…, while 要 after a
numeral inside a word (统一要求, 第一要务) or a lone 一要 starts no item."""

from __future__ import annotations

from nlp_reports.parse.statements import split_section5

TITLE = "存在的主要问题及改进情况"


def _split(text: str, title: str = TITLE) -> list[tuple[str, str | None, str]]:
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


# --- "一要…二要…三要…" -----------------------------------------------------------------------


def test_yi_yao_enumeration_is_a_marker_run():
    """"一要…；二要…；三要…" (must first …, second …) numbers measures as 一是…二是… does: it
    was split into sentences with "一要" kept in the text and statements_unsplit."""
    got = _split("（一）存在的主要问题\n一是部分村（社区）公开栏更新不及时；二是依申请公开答复格式不够规范。\n"
                 "（二）改进措施\n下一步，我镇将重点抓好以下工作：一要压实包村干部公开责任，每月检查一次"
                 "公开栏；二要按照县里统一要求修订答复文书模板；三要进一步加强业务培训。\n")
    assert got == [
        ("problem", "一是", "部分村（社区）公开栏更新不及时；"),
        ("problem", "二是", "依申请公开答复格式不够规范。"),
        ("measure", None, "下一步，我镇将重点抓好以下工作："),
        ("measure", "一要", "压实包村干部公开责任，每月检查一次公开栏；"),
        ("measure", "二要", "按照县里统一要求修订答复文书模板；"),
        ("measure", "三要", "进一步加强业务培训。"),
    ]
    lines = "（二）改进措施\n一要完善制度。\n二要强化督查。\n"
    assert not split_section5(lines, 0, len(lines), title=TITLE).unsplit


def test_yao_inside_words_is_no_marker():
    """统一要求, 唯一要素, 第一要务, 进一步要 …: 要 after a numeral inside a word starts no item,
    and a lone "一要" with no 二要 is no enumeration."""
    text = ("（二）改进措施\n严格执行全省统一要求，把公开作为第一要务。今年唯一要补的短板是解读质量。"
            "我们一要抓落实。\n")
    got = _split(text)
    assert all(m is None for _, m, _ in got)
    assert [t for _, _, t in got] == ["严格执行全省统一要求，把公开作为第一要务。",
                                      "今年唯一要补的短板是解读质量。", "我们一要抓落实。"]
