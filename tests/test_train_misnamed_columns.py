"""A sociologist of emergency-management and public-security bodies retrains the
classifier on her own labels (suggest → label → train → evaluate)."""

from __future__ import annotations

import csv

import pytest

from nlp_reports.classify.dataset import load_labeled
from nlp_reports.errors import DataError

# Her statements, as `nlp-reports suggest` wrote them, labelled in a spreadsheet.
_ROWS = [
    ("行政处罚信息公示存在滞后，未能全部在7个工作日内上网。", "problem", "timeliness"),
    ("在消防监督检查领域，警情通报中涉案人员信息的处理、公开尺度把握不够精准。", "problem",
     "confidentiality"),
    ("下一步，我支队将全面公开“双随机、一公开”抽查事项清单和抽查结果。", "measure", "proactivity"),
    ("2023年，我局政务公开工作取得了一定成效，但对照上级要求仍存在一些不足。", "other", ""),
]


def _write(path, header):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for text, kind, themes in _ROWS:
            w.writerow([text, kind, themes, "measure", "0.61",
                        "东川县应急管理局2023年政府信息公开工作年度报告.docx"])


@pytest.mark.parametrize("column", ["theme", "主题", "Themes"])
def test_a_label_csv_whose_themes_column_is_misnamed_is_refused(tmp_path, column):
    # a column headed "theme" was ignored: every statement read as naming no theme, so
    # evaluate scored the model on zero positives and train taught it "no theme" on her domain
    f = tmp_path / "to_label.csv"
    _write(f, ["text", "kind", column, "model_kind", "model_kind_score", "source"])
    with pytest.raises(DataError) as err:
        load_labeled(f)
    msg = str(err.value)
    assert "'themes'" in msg and f"'{column}'" in msg and "to_label.csv:1" in msg


def test_a_themes_column_with_empty_cells_is_read(tmp_path):
    f = tmp_path / "to_label.csv"
    _write(f, ["text", "kind", "themes", "model_kind", "model_kind_score", "source"])
    got = [(s.kind, s.themes) for s in load_labeled(f)]
    assert got == [("problem", ("timeliness",)), ("problem", ("confidentiality",)),
                   ("measure", ("proactivity",)), ("other", ())]


def test_evaluate_names_the_missing_column(tmp_path, capsys):
    from nlp_reports.cli import main

    f = tmp_path / "labels.csv"
    _write(f, ["text", "kind", "theme", "model_kind", "model_kind_score", "source"])
    assert main(["evaluate", str(f)]) == 1
    assert "'themes'" in capsys.readouterr().err


@pytest.mark.parametrize("key", ["theme", "主题", "labels"])
def test_a_jsonl_record_with_a_misnamed_themes_field_is_refused(tmp_path, key):
    import json

    f = tmp_path / "mine.jsonl"
    recs = [{"text": t, "kind": k, key: th.split()} for t, k, th in _ROWS]
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    with pytest.raises(DataError, match=f"mine.jsonl:1: no 'themes' field, but '{key}'"):
        load_labeled(f)
    # a record without any themes field still reads as naming no theme
    f.write_text(json.dumps({"text": _ROWS[3][0], "kind": "other"}, ensure_ascii=False) + "\n",
                 "utf-8")
    assert [s.themes for s in load_labeled(f)] == [()]


@pytest.mark.slow
def test_cv_with_a_base_judges_scarcity_on_what_the_folds_train_on(recwarn):
    # evaluate my_labels.csv --cv 5 --base <shipped corpus>: 150 statements of hers warned
    # "the keyword baseline is likely better" and "publicity 7 … cannot be learned", though
    # every fold trained on 23,000 statements more
    from pathlib import Path

    import nlp_reports
    from nlp_reports.classify.dataset import DataWarning, scarcity_warnings
    from nlp_reports.classify.evaluate import evaluate

    data = Path(nlp_reports.__file__).parent / "data"
    mine = load_labeled(data / "heldout" / "unseen-1.jsonl")[:60]
    base = load_labeled(data / "labeled" / "part-a.jsonl") + load_labeled(
        data / "labeled" / "part-b.jsonl")
    result = evaluate(mine, cv=2, base=base)
    said = [str(w.message) for w in recwarn if issubclass(w.category, DataWarning)]
    assert result["n"] == 60 and result["n_base"] == len(base)
    assert not any("likely better" in m for m in said), said
    assert any("rest on only 60 statements" in m for m in said), said
    # (without the base the same 60 statements are too few to learn from, and it says so)
    assert any("likely better" in m for m in scarcity_warnings(mine, "the data"))


def test_a_card_whose_only_warning_is_her_held_out_statements_is_not_headed_too_few_labels():
    # 23,590 shipped statements and her 150, 12 of them held out as test: the card and the
    # train command said "too few labels"
    import json
    from pathlib import Path

    from nlp_reports.classify.dataset import scarcity_warnings
    from nlp_reports.classify.train import held_out_own, model_readme, too_few_labels

    card = json.loads((Path(__file__).parents[1] / "models" / "default" / "meta.json")
                      .read_text("utf-8"))
    note = held_out_own({"part-a.jsonl": [120, 974], "my_labels.csv": [12, 150]})
    assert note and "my_labels.csv 12 of 150" in note
    readme = model_readme({**card, "warnings": [note]})
    assert "too few labels" not in readme and note in readme
    assert not too_few_labels([note])
    few = scarcity_warnings(load_labeled_rows(), "the training split (train+dev)")
    assert few and too_few_labels([note, *few])
    assert "too few labels" in model_readme({**card, "warnings": [*few, note]})


def load_labeled_rows():
    from nlp_reports.classify.dataset import LabeledStatement

    return [LabeledStatement(text=t, kind=k, themes=tuple(th.split())) for t, k, th in _ROWS]
