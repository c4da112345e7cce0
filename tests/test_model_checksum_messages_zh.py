"""A model refused for want of a recorded SHA-256 says so in Chinese too: the Chinese line
said the file did "not match" its checksum (与其记录的校验值不符) while the English said none
was recorded — a reader of the Chinese half went looking for a corrupted file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from nlp_reports import reasons
from nlp_reports.classify import Tagger
from nlp_reports.classify.modelcard import dump_model
from nlp_reports.cli import main
from nlp_reports.errors import ModelIntegrityError


def _model(tmp_path: Path, card: dict | None = None, sha: str | None = None) -> Path:
    model = tmp_path / "县级模型"
    model.mkdir()
    dump_model({"w": 1}, model / "model.joblib")
    if card is not None:
        (model / "meta.json").write_text(json.dumps(card, ensure_ascii=False), "utf-8")
    if sha is not None:
        (model / "model.joblib.sha256").write_text(sha)
    return model


def _refusal(model: Path) -> ModelIntegrityError:
    with pytest.raises(ModelIntegrityError) as got:
        Tagger.load(model, trust=True)
    return got.value


@pytest.mark.parametrize("card, sha", [
    ({"trained_on": "标注数据2023.jsonl"}, None),  # a card, no checksum in it, no .sha256
    (None, ""),  # an empty .sha256 file
    ({"model_sha256": ""}, "\n"),
])
def test_no_recorded_checksum_is_said_so_in_both_halves(tmp_path, card, sha):
    err = _refusal(_model(tmp_path, card, sha))
    assert "no recorded SHA-256" in str(err)
    zh = reasons.error_meaning_zh(err)
    assert "没有记录" in zh and "不符" not in zh


def test_a_mismatch_still_says_it_does_not_match(tmp_path):
    err = _refusal(_model(tmp_path, sha=hashlib.sha256(b"another file").hexdigest()))
    assert "does not match" in str(err)
    assert "不符" in reasons.error_meaning_zh(err)


def test_an_unreadable_card_is_not_called_a_mismatch(tmp_path):
    model = _model(tmp_path)
    (model / "meta.json").write_bytes(b"{\"sha256\": ")
    err = _refusal(model)
    assert "unreadable model card" in str(err)
    zh = reasons.error_meaning_zh(err)
    assert "无法读取" in zh and "不符" not in zh


def test_the_command_line_prints_the_chinese_that_matches(tmp_path, capsys):
    model = _model(tmp_path, {"trained_on": "x.jsonl"})
    lines = tmp_path / "statements.txt"
    lines.write_text("一是公开目录更新不及时。\n", "utf-8")
    code = main(["classify", "--model", str(model), "--trust-model", str(lines)])
    assert code != 0
    err = capsys.readouterr().err
    assert "no recorded SHA-256" in err and "没有记录 SHA-256 校验值" in err
    assert "校验值不符" not in err
