"""The unseen-writer test sets (nlp_reports/data/heldout): well-formed, double-annotated,
disjoint from the training corpus, and the shipped model beats the keyword baseline on them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nlp_reports.classify.dataset import load_labeled
from nlp_reports.taxonomy import KINDS, THEME_IDS

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = sorted((ROOT / "nlp_reports" / "data" / "heldout").glob("*.jsonl"))
LABELED = sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))
# one outside writer each, labelled from the taxonomy alone (unseen-6 … -9: each scored once
# with the shipped model before anything was designed on it); absent from an installed package
ONE_WRITER = sorted((ROOT / "benchmarks" / "data").glob("unseen-*-one-writer.jsonl"))
_NOISE = re.compile(r"[\s\W_]+")


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("path", HELDOUT, ids=lambda p: p.name)
def test_heldout_sets_are_valid_and_carry_both_blind_annotations(path):
    items = load_labeled(path)
    assert len(items) >= 400
    for rec in _records(path):
        for who in ("annotator_taxonomy", "annotator_guidelines"):
            assert rec[who]["kind"] in KINDS
            assert set(rec[who]["themes"]) <= set(THEME_IDS)
    assert len({it.family for it in items}) >= 40  # many reports, not a few templates


def test_no_heldout_statement_is_in_the_training_corpus():
    def key(text: str) -> str:
        return _NOISE.sub("", text)

    train = {key(it.text) for it in load_labeled(LABELED)}
    for path in HELDOUT:
        leaked = [r["text"] for r in _records(path)
                  if len(key(r["text"])) > 12 and key(r["text"]) in train]
        assert not leaked, (path.name, leaked[:3])


@pytest.mark.skipif(not ONE_WRITER, reason="benchmarks/data not in this checkout")
def test_one_writer_sets_are_valid_and_none_of_their_statements_is_trained_on():
    def key(text: str) -> str:
        return _NOISE.sub("", text)

    assert {p.name for p in ONE_WRITER} >= {"unseen-5-one-writer.jsonl",
                                            "unseen-6-one-writer.jsonl",
                                            "unseen-7-one-writer.jsonl",
                                            "unseen-8-one-writer.jsonl",
                                            "unseen-9-one-writer.jsonl",
                                            "unseen-10-one-writer.jsonl"}
    train = {key(it.text) for it in load_labeled(LABELED)}
    for path in ONE_WRITER:
        items, records = load_labeled(path), _records(path)
        assert len(items) == len(records) >= 300
        # unseen-5…10 also carry a second annotator's blind taxonomy-only labels
        for who in ("annotator_taxonomy", "annotator_taxonomy_b"):
            if path.name != "unseen-4-one-writer.jsonl" or who == "annotator_taxonomy":
                assert all(r[who]["kind"] in KINDS
                           and set(r[who]["themes"]) <= set(THEME_IDS) for r in records), who
        # a themeless lead-in ("我局…还存在一些不足。") recurs in every writer's reports; so
        # does one stock problem line, in part-zb ending in "；", and one stock measure line
        # an outside writer wrote word for word as a training part had (scored as it is)
        leaked = [r["text"] for r in records if r["themes"]
                  and len(key(r["text"])) > 12 and key(r["text"]) in train]
        stock = {"unseen-7": ["“双随机、一公开”抽查结果公开不够及时。"],
                 "unseen-10": ["进一步完善政府信息公开目录和指南；"]}.get(path.name[:-len(
                     "-one-writer.jsonl")], [])
        assert leaked == stock, (path.name, leaked[:3])
    # the honest sets' reports are kept beside them, one file per family with statements
    for name in ("unseen-6", "unseen-7", "unseen-8", "unseen-9", "unseen-10"):
        data = ROOT / "benchmarks" / "data"
        reports = {p.stem for p in (data / f"{name}-reports").glob("*.txt")}
        families = {r["family"] for r in _records(data / f"{name}-one-writer.jsonl")}
        assert families <= reports and len(families) >= 60, name


def test_shipped_model_beats_the_keyword_baseline_on_unseen_writers():
    from nlp_reports.classify.evaluate import evaluate

    for path in HELDOUT:
        result = evaluate(path)
        model, base = result["model"], result["baseline"]
        for key in ("kind_accuracy", "micro_f1", "macro_f1"):
            assert model[key] > base[key], (path.name, key, model[key], base[key])
