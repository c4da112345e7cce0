"""Letter-spaced Chinese (字间空格: "加 强 队 伍 建 设", as justified PDF lines and spaced-out
titles come out of text extraction) reads as the same report as the text it spaces."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.ingest import normalize_text

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
_CJK = re.compile(r"([\u4e00-\u9fff，。、；：])(?=[\u4e00-\u9fff，。、；：])")


def _letter_spaced(text: str) -> str:
    """Every Chinese character or punctuation mark followed by a space when the next is one
    too (digits and ASCII untouched, as a PDF's justified line spaces its characters)."""
    return _CJK.sub(r"\1 ", text)


@pytest.mark.parametrize("name", ["county_2022_aligned.txt", "city_2023_flat.txt",
                                  "township_2022_prose5.txt", "ministry_2022_parts.txt"])
def test_a_letter_spaced_section_5_gives_the_same_statements(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    cut = text.rfind("\n", 0, text.index("存在的")) + 1  # section 五's heading line on
    spaced = text[:cut] + _letter_spaced(text[cut:])
    assert spaced != text
    clean, noisy = load_report(text.encode(), filename=name), load_report(
        spaced.encode(), filename=name)
    assert [s.text for s in noisy.statements] == [s.text for s in clean.statements]
    assert [s.block for s in noisy.statements] == [s.block for s in clean.statements]
    assert len(clean.statements) >= 2


def test_a_letter_spaced_title_gives_the_same_metadata():
    text = (FIXTURES / "county_2022_aligned.txt").read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    clean = load_report(text.encode(), filename="a.txt")
    noisy = load_report((_letter_spaced(first) + "\n" + rest).encode(), filename="a.txt")
    assert (noisy.metadata.agency, noisy.metadata.year) == (clean.metadata.agency,
                                                            clean.metadata.year)


@pytest.mark.parametrize("line", [
    "0 0 0 1 2 0 3",                    # a table row of single-digit cells
    "自然人 法人 其他组织 总计",        # words, not letters, spaced
    "目 录",                            # a short spaced heading is left as it is
    "张 三 李 四",                      # four characters: below the run length
])
def test_spacing_that_is_not_letter_spacing_is_kept(line):
    assert normalize_text(line) == line
