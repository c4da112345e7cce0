"""The shipped model is the one its card describes: trained on the shipped corpus, and better
than the keyword baseline on every figure of the held-out test split."""

from __future__ import annotations

import json
from pathlib import Path

from nlp_reports.classify.dataset import data_sha256
from nlp_reports.classify.modelcard import sha256_file

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "default"
DATA = ROOT / "nlp_reports" / "data" / "labeled"


def _card() -> dict:
    return json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))


def test_shipped_model_was_trained_on_the_shipped_corpus():
    card = _card()
    assert sorted(card["data"]["files"]) == sorted(p.name for p in DATA.glob("*.jsonl"))
    assert card["data"]["sha256"] == data_sha256(sorted(DATA.glob("*.jsonl"))), (
        "the labeled corpus changed since the model was trained: retrain with "
        "nlp-reports train nlp_reports/data/labeled/*.jsonl --out models/default")


def test_shipped_model_file_matches_its_card_and_checksum():
    card = _card()
    digest = sha256_file(MODEL / "model.joblib")
    assert card["model_sha256"] == digest
    assert (MODEL / "model.joblib.sha256").read_text().split()[0] == digest
    assert (MODEL / "model.joblib").stat().st_size < 20 * 2**20


def test_model_beats_the_keyword_baseline_on_every_test_figure():
    test = _card()["metrics"]["test"]
    figures = [k for k in test if not k.startswith(("baseline_", "n_"))]
    assert {"kind_accuracy", "theme_micro_f1", "theme_macro_f1", "f1_staffing",
            "f1_proactivity", "f1_confidentiality"} <= set(figures)
    for key in figures:
        assert test[key] > test[f"baseline_{key}"], key
