"""benchmarks/quality.py's second view: the model scored against the taxonomy-only annotator."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from nlp_reports.classify.dataset import load_labeled
from nlp_reports.classify.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
UNSEEN4 = ROOT / "benchmarks" / "data" / "unseen-4-one-writer.jsonl"


def _quality():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _records() -> list[dict]:
    """The fourth outside writer's set (327 statements: enough for evaluate not to warn)."""
    return [json.loads(line) for line in UNSEEN4.read_text("utf-8").splitlines() if line]


def test_taxonomy_copy_carries_the_annotators_labels_under_the_sets_name(tmp_path):
    records = _records()
    # the view only means something where the annotator and the gold part
    assert any(r["themes"] != r["annotator_taxonomy"]["themes"] for r in records)
    out = _quality().as_taxonomy_annotator(records, tmp_path / UNSEEN4.name)
    assert out.name == UNSEEN4.name  # a model trained on the set is still told apart by name
    items = load_labeled(out)
    assert [d.text for d in items] == [r["text"] for r in records]
    assert [d.kind for d in items] == [r["annotator_taxonomy"]["kind"] for r in records]
    assert [sorted(d.themes) for d in items] == [sorted(r["annotator_taxonomy"]["themes"])
                                                 for r in records]


def test_second_table_scores_the_model_against_the_taxonomy_annotator(tmp_path, monkeypatch,
                                                                      capsys):
    quality = _quality()
    records = _records()
    small = tmp_path / "sets" / "unseen-x.jsonl"
    small.parent.mkdir()
    small.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                     "utf-8")
    monkeypatch.setattr(quality, "HELDOUT", tmp_path / "none")  # only the file given
    assert quality.main([str(small)]) == 0
    out = capsys.readouterr().out
    assert "Against the **taxonomy-only annotator**" in out
    # the summary's "vs taxonomy annotator" row is the score against those labels, and it is
    # not the score against the gold
    tax = evaluate(quality.as_taxonomy_annotator(records, tmp_path / "tax.jsonl"))["model"]
    gold = evaluate(small)["model"]
    assert tax["micro_f1"] != gold["micro_f1"]
    rows = {line.split(" | ")[0]: line for line in out.splitlines() if line.startswith("| unseen-x")}
    assert f"| {tax['micro_f1']:.3f} |" in rows["| unseen-x: model vs taxonomy annotator"]
    assert f"| {gold['micro_f1']:.3f} |" in rows["| unseen-x: model vs gold"]
