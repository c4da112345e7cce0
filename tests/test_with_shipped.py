"""``--with-shipped``: retraining on the shipped labeled corpus without knowing its path.

After a wheel install the README's ``train nlp_reports/data/labeled/*.jsonl …`` names no
file (the corpus lives in site-packages); the flag finds it where the package is installed.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import nlp_reports.classify as classify
from nlp_reports.classify.dataset import shipped_labeled_files
from nlp_reports.cli import main


def test_train_with_shipped_trains_on_the_installed_corpus_and_the_users_labels(
        tmp_path, monkeypatch, capsys):
    seen = {}

    def fake_train(data, **kwargs):
        seen["data"], seen["command"] = data, kwargs["command"]
        seen["with_shipped"] = kwargs["with_shipped"]
        return SimpleNamespace(path=tmp_path / "m", metrics={}, card={}, shipped=None)

    monkeypatch.setattr(classify, "train", fake_train)
    mine = tmp_path / "mine.csv"
    assert main(["train", "--with-shipped", str(mine), "--out", str(tmp_path / "m"), "-q"]) == 0
    shipped = [str(f) for f in shipped_labeled_files()]
    assert len(shipped) > 10 and all(f.endswith(".jsonl") for f in shipped)
    # train(with_shipped=True) puts the shipped files first (tests/test_train_retrain_loop.py)
    assert seen["data"] == [str(mine)] and seen["with_shipped"] is True
    # the card's command says how the model was made, not the expanded file list twice
    assert "--with-shipped" in seen["command"] and shipped[0] not in seen["command"]


def test_evaluate_with_shipped_is_the_base_of_cross_validation(tmp_path, monkeypatch, capsys):
    seen = {}

    def fake_evaluate(data, **kwargs):
        seen.update(kwargs)
        return {}

    monkeypatch.setattr(classify, "evaluate", fake_evaluate)
    monkeypatch.setattr(classify, "format_evaluation", lambda result: "")
    mine = tmp_path / "mine.csv"
    assert main(["evaluate", str(mine), "--with-shipped"]) == 2
    assert "give --cv too" in capsys.readouterr().err and not seen
    extra = tmp_path / "extra.jsonl"
    assert main(["evaluate", str(mine), "--cv", "5", "--with-shipped", "--base", str(extra)]) == 0
    assert seen["cv"] == 5
    assert seen["base"] == [*(str(f) for f in shipped_labeled_files()), str(extra)]


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_the_flag_is_in_the_help(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "--with-shipped" in capsys.readouterr().out
