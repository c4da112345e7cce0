"""Defects the s13 red-team pass (redteam14) found on report shapes not tried before: HTML
pages from other CMS templates (表三 with rowspan/colspan, split in two <table>s, inside a
layout table, Word's <p><span> cells, "—" for zero, <br> in labels, 表二 without a column,
表四 split in two tables, a list page of several years' reports), text pastes (表三 whole on
one line, rows numbered 1…7, thousands separators) and section 五 in other shapes. Each input
in tests/fixtures/redteam14/ is a short fictional report written by gen.py (specs.py,
tables14.py beside it); truth.json records what each says."""

from __future__ import annotations

from pathlib import Path

from nlp_reports import load_report
from nlp_reports.parse.statements import split_section5

DATA = Path(__file__).parent / "fixtures" / "redteam14"
TITLE = "存在的主要问题及改进情况"


def _split(text: str) -> list[tuple[str, str | None, str]]:
    res = split_section5(text, 0, len(text), title=TITLE)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


# --- item numbers before a year -------------------------------------------------------------


def test_item_number_before_a_year_is_a_marker():
    """"1.2025年完成…" (item 1 opening with a year) was read as the decimal 1.2025: the item
    kept "1." in its text and had no marker; "1.5万" and "增长2.3%" stay numbers."""
    got = _split("（一）存在的主要问题\n1.基层公开标准化水平不高。\n（二）改进措施\n"
                 "1.2025年完成乡镇政务公开专区建设。\n2.2025年底前更新标准目录。\n3.公开信息1.5万条以上。\n")
    assert [(b, m, t) for b, m, t in got] == [
        ("problem", "1.", "基层公开标准化水平不高。"),
        ("measure", "1.", "2025年完成乡镇政务公开专区建设。"),
        ("measure", "2.", "2025年底前更新标准目录。"),
        ("measure", "3.", "公开信息1.5万条以上。")]
    r = load_report(DATA / "t22_pub2025_year2024.txt")
    assert [(s.marker, s.text) for s in r.statements][-1] == ("1.", "2025年完成全部乡镇政务公开专区标准化建设。")
