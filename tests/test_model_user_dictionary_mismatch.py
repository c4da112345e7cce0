"""A model trained with another user dictionary (用户词典) than the installed one is loaded
with a warning: its words are segmented differently now, so its card's figures may not hold.
The shipped model never warns."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from nlp_reports.classify import Tagger
from nlp_reports.classify.dataset import DataWarning
from nlp_reports.classify.modelcard import check_userdict
from nlp_reports.tokenize import userdict_hash

SHIPPED = Path(__file__).resolve().parents[1] / "models" / "default"


def _dictionary_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.WARNING and "user dictionary" in r.getMessage()]


def _shipped_or_skip() -> Path:
    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("no shipped model")
    return SHIPPED


def test_the_shipped_model_was_trained_with_the_installed_dictionary(caplog) -> None:
    card = json.loads((_shipped_or_skip() / "meta.json").read_text("utf-8"))
    assert card["tokenizer"]["userdict_sha256"] == userdict_hash()
    with caplog.at_level(logging.INFO, logger="nlp_reports"):
        Tagger.load()
    assert _dictionary_warnings(caplog) == []


def test_a_model_of_an_older_dictionary_warns_once_and_still_tags(tmp_path: Path,
                                                                   caplog) -> None:
    model = tmp_path / "county-2022"
    shutil.copytree(_shipped_or_skip(), model)
    card_path = model / "meta.json"
    card = json.loads(card_path.read_text("utf-8"))
    old = "3f1c" + card["tokenizer"]["userdict_sha256"][4:]  # the dictionary before an edit
    card["tokenizer"]["userdict_sha256"] = old
    card_path.write_text(json.dumps(card, ensure_ascii=False), "utf-8")  # (not checksummed)
    with caplog.at_level(logging.INFO, logger="nlp_reports"), \
            pytest.warns(DataWarning, match="用户词典") as shown:  # (seen in a notebook too)
        tagger = Tagger.load(model, trust=True)
    assert len(shown) == 1
    said = _dictionary_warnings(caplog)
    assert len(said) == 1, said
    assert str(model) in said[0] and old[:12] in said[0] and userdict_hash()[:12] in said[0]
    assert "retrain" in said[0] and "用户词典" in said[0] and "重新训练" in said[0]
    pred = tagger.predict(["我局安排专人负责政务公开工作，配备专职工作人员2名。"])[0]
    assert pred.kind == "measure" and "staffing" in pred.themes


@pytest.mark.parametrize("tokenizer", [
    {"userdict": True},  # an older card: no hash recorded, nothing to compare
    {"userdict": False, "userdict_sha256": "0" * 64},  # a model segmenting without it
])
def test_no_warning_when_the_dictionary_cannot_matter(tokenizer, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="nlp_reports"):
        assert check_userdict({"tokenizer": tokenizer}, Path("m")) is False
    assert _dictionary_warnings(caplog) == []


def test_the_hash_is_compared_whatever_its_case(caplog) -> None:
    card = {"tokenizer": {"userdict": True, "userdict_sha256": userdict_hash().upper()}}
    with caplog.at_level(logging.INFO, logger="nlp_reports"):
        assert check_userdict(card, Path("m")) is False
    with pytest.warns(DataWarning):
        assert check_userdict({"tokenizer": {"userdict_sha256": "ab" * 32}}, Path("m")) is True
