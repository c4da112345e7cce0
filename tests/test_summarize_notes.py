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


def test_copying_names_the_previous_report_the_copies_came_from(tmp_path):
    """With a truncated copy of last year's report stored first, copying's prev_report_id
    named the truncated copy while every copied statement came from the whole one."""
    [y2023] = sorted(EXAMPLES.glob("柳岸县人民政府2023*.txt"))
    [y2024] = sorted(EXAMPLES.glob("柳岸县人民政府2024*.txt"))
    text = y2023.read_text(encoding="utf-8")
    s5 = text.index("五、")
    # 2024 repeats 2023's section 五 (a copied report), 2023 exists whole and cut off
    this = y2024.read_text(encoding="utf-8")
    this = this[: this.index("五、")] + text[s5:]
    (tmp_path / "a_cut_2023.txt").write_text(text[: text.index("四、")], encoding="utf-8")
    (tmp_path / "b_2023.txt").write_text(text, encoding="utf-8")
    (tmp_path / "c_2024.txt").write_text(this, encoding="utf-8")
    tag_paths([tmp_path], tmp_path / "c.db", model=FakeTagger())
    from nlp_reports.corpus import Store

    with Store(tmp_path / "c.db") as store:
        ids = {p.rsplit("/", 1)[-1]: i for i, p in zip(store.reports()["id"],
                                                       store.reports()["path"], strict=True)}
    copying = summarize(tmp_path / "c.db").copying
    [row] = copying[copying["year"] == 2024].to_dict("records")
    assert row["report_id"] == ids["c_2024.txt"]
    assert row["prev_report_id"] == ids["b_2023.txt"]
    assert row["n_copied"] == row["n_statements"] > 0
