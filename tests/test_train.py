"""Tests of the threshold methods of nlp_reports.classify.train and their model helpers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nlp_reports.errors import ModelError
from nlp_reports.taxonomy import THEME_IDS

ROOT = Path(__file__).resolve().parents[1]
LABELED = sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))


@pytest.fixture(scope="module")
def small_items():
    """About 200 labeled statements of the corpus, spread over its families."""
    if not LABELED:
        pytest.skip("labeled corpus not present")
    from nlp_reports.classify.dataset import load_labeled

    items = load_labeled(LABELED)
    return items[:: max(1, len(items) // 200)]


def test_unknown_threshold_method_fails_before_training(small_items, tmp_path):
    from nlp_reports.classify import train

    with pytest.raises(ModelError, match="thresholds must be one of"):
        train(small_items, out=tmp_path / "m", thresholds="median")
    assert not (tmp_path / "m").exists()


def test_set_thresholds_checks_the_shape(small_items):
    from nlp_reports.classify.model import StatementModel
    from nlp_reports.tokenize import Tokenizer

    model = StatementModel(tokenizer=Tokenizer("jieba"), cv=3, min_df=1)
    model.fit([d.text for d in small_items], [d.kind for d in small_items],
              [d.themes for d in small_items])
    wanted = np.linspace(0.2, 0.6, len(THEME_IDS))
    model.set_thresholds(wanted, ["oof"] * len(THEME_IDS))
    np.testing.assert_array_equal(model.thresholds_, wanted)
    assert model.theme_model_.threshold_sources_ == ["oof"] * len(THEME_IDS)
    with pytest.raises(ValueError):
        model.set_thresholds(wanted[:3], ["oof"] * 3)


@pytest.mark.slow
def test_out_of_fold_predictions_come_from_models_blind_to_the_group(small_items):
    from sklearn.base import clone
    from sklearn.model_selection import GroupKFold

    from nlp_reports.classify.dataset import theme_matrix
    from nlp_reports.classify.model import StatementModel, out_of_fold_theme_proba
    from nlp_reports.tokenize import Tokenizer

    texts = [d.text for d in small_items]
    kinds = [d.kind for d in small_items]
    Y = theme_matrix([d.themes for d in small_items])
    groups = [d.family for d in small_items]
    model = StatementModel(tokenizer=Tokenizer("jieba"), cv=3, min_df=1)
    proba = out_of_fold_theme_proba(model, texts, kinds, Y, groups, folds=3)
    assert proba.shape == (len(texts), len(THEME_IDS))
    fit_idx, held = next(GroupKFold(n_splits=3).split(texts, groups=groups))
    assert not {groups[i] for i in fit_idx} & {groups[i] for i in held}
    alone = clone(model).fit([texts[i] for i in fit_idx], np.asarray(kinds)[fit_idx],
                             Y[fit_idx])
    np.testing.assert_allclose(proba[held], alone.predict_all([texts[i] for i in held])[1])
    full = clone(model).fit(texts, kinds, Y).predict_all(texts)[1]
    # in-sample probabilities of the gold themes are higher than out-of-fold ones
    assert full[Y == 1].mean() > proba[Y == 1].mean()


@pytest.mark.slow
@pytest.mark.parametrize("method", ["fixed", "oof"])
def test_threshold_methods_are_recorded_in_the_card(small_items, tmp_path, method):
    from nlp_reports.classify import train
    from nlp_reports.classify.dataset import DataWarning

    with pytest.warns(DataWarning):  # ~200 statements: too few, and said so
        result = train(small_items, out=tmp_path / method, tokenizer="jieba",
                       params={"cv": 3, "min_df": 1}, thresholds=method)
    card = json.loads((tmp_path / method / "meta.json").read_text("utf-8"))
    assert card["threshold_method"] == method
    values = np.array([card["thresholds"][t] for t in THEME_IDS])
    if method == "fixed":
        assert (values == card["params"]["theme_threshold"]).all()
        assert set(card["threshold_sources"].values()) == {"default"}
    else:
        assert "oof" in set(card["threshold_sources"].values())
        assert len(set(values.round(3))) > 1
    assert result.metrics["n_test"] > 0


def test_weights_must_name_data_files_and_be_positive(small_items, tmp_path):
    from nlp_reports.classify import train
    from nlp_reports.errors import UsageError

    with pytest.raises(UsageError, match="not in the data: nowhere.jsonl"):
        train(small_items, out=tmp_path / "m", weights={"nowhere.jsonl": 3})
    name = small_items[0].source.rsplit(":", 1)[0].rsplit("/", 1)[-1]
    with pytest.raises(UsageError, match="must be positive"):
        train(small_items, out=tmp_path / "m", weights={name: 0})
    with pytest.raises(UsageError, match="must be a number"):
        train(small_items, out=tmp_path / "m", weights={name: "three"})
    assert not (tmp_path / "m" / "model.joblib").exists()


def test_sample_weight_pulls_the_model_toward_the_weighted_statements(small_items):
    from sklearn.base import clone

    from nlp_reports.classify.dataset import theme_matrix
    from nlp_reports.classify.model import StatementModel
    from nlp_reports.errors import UsageError
    from nlp_reports.tokenize import Tokenizer

    texts = [d.text for d in small_items]
    kinds = [d.kind for d in small_items]
    Y = theme_matrix([d.themes for d in small_items])
    model = StatementModel(tokenizer=Tokenizer("jieba"), cv=3, min_df=1)
    plain = clone(model).fit(texts, kinds, Y).predict_all(texts)[1]
    ones = clone(model).fit(texts, kinds, Y, sample_weight=np.ones(len(texts)))
    np.testing.assert_allclose(ones.predict_all(texts)[1], plain)
    chosen = np.arange(len(texts)) % 4 == 0
    heavy = clone(model).fit(texts, kinds, Y, sample_weight=np.where(chosen, 5.0, 1.0))
    proba = heavy.predict_all(texts)[1]
    gold = Y == 1

    def logit(p: np.ndarray) -> np.ndarray:
        p = np.clip(p, 1e-12, 1 - 1e-12)
        return np.log(p / (1 - p))

    # the weighted statements' gold themes get more probability, their other themes less. On
    # statements trained on, gold probabilities sit at 0.9995: their mean moves by ±1e-4 with
    # the corpus sample, so the pull is read in log-odds (+1.3 and +3.7 on two samples)
    assert logit(proba[chosen][gold[chosen]]).mean() > logit(plain[chosen][gold[chosen]]).mean()
    assert proba[chosen][~gold[chosen]].mean() < plain[chosen][~gold[chosen]].mean()
    with pytest.raises(UsageError, match="positive"):
        clone(model).fit(texts, kinds, Y, sample_weight=np.zeros(len(texts)))


@pytest.mark.slow
def test_file_weights_are_recorded_in_the_card_and_the_command(small_items, tmp_path):
    from nlp_reports.cli import main

    files = sorted({d.source.rsplit(":", 1)[0] for d in small_items})[:3]
    sub = tmp_path / "data"
    sub.mkdir()
    for f in files:  # a few statements of three corpus files, as files of their own
        lines = Path(f).read_text("utf-8").splitlines()[:80]
        (sub / Path(f).name).write_text("\n".join(lines) + "\n", "utf-8")
    heavy = Path(files[0]).name
    assert main(["train", str(sub), "--out", str(tmp_path / "m"), "--tokenizer", "jieba",
                 "--weight", f"{heavy}=3", "-q"]) == 0
    card = json.loads((tmp_path / "m" / "meta.json").read_text("utf-8"))
    assert card["weights"] == {heavy: 3.0}
    assert f"--weight {heavy}=3" in card["command"]
    readme = (tmp_path / "m" / "README.md").read_text("utf-8")
    assert f"weighted files: {heavy} ×3" in readme
    assert main(["train", str(sub), "--out", str(tmp_path / "n"), "--weight", "x.jsonl=3",
                 "-q"]) != 0  # a file that is not in the data: refused
    assert not (tmp_path / "n" / "model.joblib").exists()
