"""Summary notes name the reports a reader must know about: a truncated second copy of a
report, and reports with nothing in section 五 (they sit in every denominator)."""

from __future__ import annotations

from pathlib import Path

from _corpus_helpers import FakeTagger

from nlp_reports.corpus import summarize, tag_paths

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"


def test_a_truncated_copy_and_reports_without_statements_are_noted(tmp_path):
    [full] = sorted(EXAMPLES.glob("柳岸县人民政府2024*.txt"))
    text = full.read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "full.txt").write_text(text, encoding="utf-8")
    cut = text[: text.index("四、")]  # a download that stopped in 表三
    (folder / "cut.txt").write_text(cut, encoding="utf-8")
    result = tag_paths([folder], tmp_path / "c.db", model=FakeTagger())
    assert result.ok == 2

    notes = summarize(tmp_path / "c.db").notes
    [pair] = [n for n in notes if "more than one report" in n]
    assert "柳岸县人民政府 2024: 2" in pair and "in 1 of them" in pair
    assert "truncated download?" in pair
    [empty] = [n for n in notes if "no statement in section 五" in n]
    assert empty.startswith("1 report has no statement in section 五 (柳岸县人民政府 2024:")

    deduped = summarize(tmp_path / "c.db", dedupe=True).notes
    assert any("the most complete" in n for n in deduped)
    assert not [n for n in deduped if "no statement in section 五" in n]  # the cut one left out


def test_no_notes_for_a_clean_corpus(tmp_path):
    for p in sorted(EXAMPLES.glob("柳岸县*.txt"))[:2]:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    tag_paths([tmp_path], tmp_path / "c.db", model=FakeTagger())
    assert summarize(tmp_path / "c.db").notes == ()
