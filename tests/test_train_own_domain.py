"""The retraining loop (suggest → label → train) on a domain of its own: 消防救援 reports.

``benchmarks/data/domain-fire.jsonl`` holds 480 statements of section 五 of fictional fire
and rescue (消防救援/公安消防) reports, labeled by taxonomy.md and then by the guidelines,
split by report into the researcher's own labels (``split`` train) and a test half
(docs/model-card.md, "Retraining on your own labels: what it buys").
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from nlp_reports.classify.dataset import load_labeled
from nlp_reports.classify.suggest import SUGGESTION_COLUMNS, write_suggestions
from nlp_reports.taxonomy import KINDS, THEME_IDS

DOMAIN = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "domain-fire.jsonl"


@pytest.mark.parametrize("cell", ["train ", " Train", "TRAIN"])
def test_split_cell_as_a_spreadsheet_saves_it(tmp_path, cell):
    """A `split` cell typed in a spreadsheet ("train " with a trailing space, "Train") keeps
    the row in training, as README says; it was refused as an unknown split, while the
    kind beside it was stripped."""
    f = tmp_path / "mine.csv"
    f.write_text("text,kind,themes,split\n"
                 f"大队仅有一名文员兼管政务公开，执法公示常常滞后。,problem,staffing;timeliness,{cell}\n",
                 encoding="utf-8")
    (item,) = load_labeled(f)
    assert item.split == "train"
    assert item.themes == ("staffing", "timeliness")


def test_unknown_split_still_refused(tmp_path):
    from nlp_reports.errors import DataError

    f = tmp_path / "mine.csv"
    f.write_text("text,kind,themes,split\n加强业务培训。,measure,training,holdout\n",
                 encoding="utf-8")
    with pytest.raises(DataError, match="unknown split 'holdout'"):
        load_labeled(f)


def test_labeled_suggestions_with_a_split_column_read_back(tmp_path):
    """The loop's hand-off: a suggest CSV, kind/themes filled in and a split column added
    (as a spreadsheet does: a new last column), reads back as training rows."""
    rows = [{"text": t, "kind": "", "themes": "", "model_kind": "measure",
             "model_kind_score": 0.5, "model_themes": "", "uncertainty": 0.9, "source": "x.txt"}
            for t in ("支队政务新媒体账号较多但运营能力不足，有的半年未更新。",
                      "建立火灾调查信息公开前法制审核和保密审查双审程序。",
                      "对行政许可结果实行办结即推送。")]
    f = tmp_path / "to_label.csv"
    write_suggestions(rows, f)
    with open(f, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    labels = [("problem", "platform;timeliness"), ("measure", "confidentiality"), ("", "")]
    for rec, (kind, themes) in zip(table, labels, strict=True):
        rec.update(kind=kind, themes=themes, split="Train " if kind else "")
    with open(f, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=[*SUGGESTION_COLUMNS, "split"])
        w.writeheader()
        w.writerows(table)
    got = load_labeled(f)
    assert [(d.kind, d.themes, d.split) for d in got] == [
        ("problem", ("timeliness", "platform"), "train"),
        ("measure", ("confidentiality",), "train")]


@pytest.mark.skipif(not DOMAIN.exists(), reason="benchmarks/data not in this checkout")
def test_domain_file_is_split_by_report_and_covers_the_taxonomy():
    records = [json.loads(line) for line in DOMAIN.read_text("utf-8").splitlines() if line]
    items = load_labeled(DOMAIN)
    assert len(items) == len(records) >= 480
    sides: dict[str, set[str]] = {}
    for d in items:
        sides.setdefault(d.family, set()).add(d.split)
        assert 15 <= len(d.text) <= 300, d.text
    assert all(len(s) == 1 for s in sides.values()), "a report on both sides of the split"
    test = [d for d in items if d.split == "test"]
    assert {d.kind for d in test} == set(KINDS)
    assert {t for d in test for t in d.themes} == set(THEME_IDS)
    for rec in records:  # both labelings kept, as benchmarks/quality.py reads them
        for who in ("annotator_taxonomy", "annotator_guidelines"):
            assert rec[who]["kind"] in KINDS
            assert set(rec[who]["themes"]) <= set(THEME_IDS)


def test_train_output_names_the_files_trained_on_in_full():
    """After `train nlp_reports/data/labeled/ own.csv` with own.csv all split=train, the
    held-out lines list 37 shipped files; own.csv must appear too, as trained on whole."""
    from nlp_reports.classify.train import held_out_lines

    lines = held_out_lines({"part-a.jsonl": [120, 974], "own.csv": [0, 40],
                            "part-b.jsonl": [165, 997]})
    text = "\n".join(lines)
    # the shipped files are one part (37 names listed before one's own file hid it)
    assert "the shipped corpus (2 files) 285 of 1971" in text and "part-a" not in text
    assert "trained on in full (statements): own.csv (40)" in text
    assert "own.csv 0 of 40" not in text
    assert held_out_lines({"own.csv": [0, 40]}) == []  # nothing held out: nothing to say
    assert not any("in full" in x for x in held_out_lines({"part-a.jsonl": [120, 974]}))
