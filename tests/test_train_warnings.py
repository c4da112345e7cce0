"""Training and evaluating on one's own labels: evaluating on one's own
training labels re-saved, warnings visible in Python, F1 without support, label sets, the
tokenizer in one's own vectorizer, suggest/Tagger.load wording, trust before data."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LABELED = ROOT / "nlp_reports" / "data" / "labeled"
SHIPPED = ROOT / "models" / "default"


def _records(n: int, start: int = 0) -> list[dict]:
    """``n`` labeled records of the shipped data (part-a, then part-b …), from ``start``."""
    files = sorted(LABELED.glob("part-*.jsonl"))
    if not files:
        pytest.skip("labeled corpus not present")
    rows = [json.loads(line) for f in files[:3] for line in f.read_text("utf-8").splitlines()
            if line.strip()]
    return rows[start:start + n]


def _write_csv(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:  # Excel style, with BOM
        w = csv.writer(fh)
        w.writerow(["text", "kind", "themes", "family"])
        for r in records:
            w.writerow([r["text"], r["kind"], ";".join(r.get("themes", [])), r.get("family", "")])
    return path


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@pytest.fixture(scope="module")
def my_model(tmp_path_factory):
    """A model trained on 150 statements of one's own CSV (too few: it warns)."""
    from nlp_reports.classify import train
    from nlp_reports.classify.dataset import DataWarning

    base = tmp_path_factory.mktemp("s6")
    records = _records(150)
    labels = _write_csv(base / "my_labels.csv", records)
    with pytest.warns(DataWarning) as shown:
        result = train(labels, out=base / "models_csv", params={"cv": 2})
    return result, records, base, [str(w.message) for w in shown]


# --- finding 2: train() warnings are visible in Python and carried by the result -------------


def test_train_warnings_are_python_warnings_and_on_the_result(my_model):
    result, _, _, shown = my_model
    assert isinstance(result.warnings, tuple) and result.warnings
    assert list(result.warnings) == shown == result.card["warnings"]
    assert any("has only" in w and "200" in w for w in result.warnings)


# --- finding 1: the training statements are recognised in any file -------------------------


def test_evaluating_on_the_training_rows_saved_as_jsonl_warns_with_a_count(my_model):
    from nlp_reports.classify import evaluate, format_evaluation, load_labeled
    from nlp_reports.classify.dataset import DataWarning, split_by_family

    result, records, base, _ = my_model
    same = _write_jsonl(base / "my_labels.jsonl", records)  # another name, another format
    with pytest.warns(DataWarning) as shown:
        ev = evaluate(same, model=result.path, trust=True)
    train_, dev, test = split_by_family(load_labeled(same))
    fitted = {d.text for d in train_ + dev}
    n_seen = sum(r["text"] in fitted for r in records)
    assert 0 < n_seen < len(records) and ev["n_trained_on"] == n_seen
    message = f"{n_seen} of {len(records)} statements were in the model's training data"
    assert any(message in str(w.message) for w in shown)
    assert any(message in w for w in ev["warnings"])
    assert ev["unseen"]["n"] == len(records) - n_seen == ev["unseen"]["model"]["n"]
    assert f"on the {len(records) - n_seen} statements the model was not trained on" in \
        format_evaluation(ev)


def test_new_statements_are_not_counted_as_trained_on(my_model):
    from nlp_reports.classify import evaluate
    from nlp_reports.classify.dataset import DataWarning
    from nlp_reports.classify.evaluate import text_key

    result, records, base, _ = my_model
    known = {text_key(r["text"]) for r in records}  # stock lines ("无。") recur across parts
    fresh = [r for r in _records(300, start=1000) if text_key(r["text"]) not in known][:60]
    new = _write_jsonl(base / "new.jsonl", fresh)
    with pytest.warns(DataWarning, match="only 60 statements"):
        ev = evaluate(new, model=result.path, trust=True)
    assert ev["n_trained_on"] == 0 and "unseen" not in ev
    assert not any("training data" in w for w in ev["warnings"])
    # two trained-on lines among 62 (a stock line recurs anywhere): counted, not warned about
    from nlp_reports.classify import load_labeled
    from nlp_reports.classify.dataset import split_by_family

    train_, dev, _ = split_by_family(load_labeled(base / "my_labels.csv"))
    both = _write_jsonl(base / "new_and_two.jsonl", fresh + [
        {"text": d.text, "kind": d.kind, "themes": list(d.themes)} for d in train_[:2]])
    with pytest.warns(DataWarning, match="only 62 statements"):
        ev = evaluate(both, model=result.path, trust=True)
    assert ev["n_trained_on"] == 2 and ev["unseen"]["n"] == 60
    assert not any("training data" in w for w in ev["warnings"])


def test_the_list_of_trained_statements_is_small_and_holds_no_text(my_model):
    from nlp_reports.classify.evaluate import TRAINED_TEXTS_FILE

    result, records, _, _ = my_model
    lines = (result.path / TRAINED_TEXTS_FILE).read_text("ascii").split()
    assert 0 < len(lines) <= len(records) and all(len(k) == 16 for k in lines)
    assert result.card["data"]["trained_texts_file"] == TRAINED_TEXTS_FILE
    assert TRAINED_TEXTS_FILE not in json.dumps(result.card["metrics"])


# --- finding 16: trust is checked before the data are read or reported on -----------------


def test_evaluate_refuses_an_untrusted_model_before_reading_the_data(tmp_path, caplog):
    from nlp_reports.classify import evaluate
    from nlp_reports.errors import UntrustedModelError

    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("no shipped model")
    copy = shutil.copytree(SHIPPED, tmp_path / "colleague")
    data = _write_jsonl(tmp_path / "few.jsonl", _records(20))
    for cv in (None, 2):
        with caplog.at_level("INFO", logger="nlp_reports"), \
                pytest.raises(UntrustedModelError):
            evaluate(data, model=copy, cv=cv)
        assert not any("statements" in r.getMessage() for r in caplog.records)
    with pytest.raises(UntrustedModelError):  # even when the data path is wrong
        evaluate(tmp_path / "nope.jsonl", model=copy)


# --- finding 12: F1 of a theme with no example is n/a, not 0.000 ---------------------------


def test_a_theme_without_examples_has_no_f1():
    import numpy as np

    from nlp_reports.classify.evaluate import flat_metrics, format_evaluation, score
    from nlp_reports.taxonomy import THEME_IDS

    Y = np.zeros((3, len(THEME_IDS)), dtype=int)
    Y[:, THEME_IDS.index("staffing")] = 1
    wrong = Y.copy()
    wrong[0, THEME_IDS.index("training")] = 1  # predicted, never gold: precision 0, no F1
    s = score(["problem"] * 3, ["problem"] * 3, Y, wrong)
    assert s["themes"]["staffing"]["f1"] == 1.0
    assert s["themes"]["training"] == {"precision": 0.0, "recall": None, "f1": None,
                                       "support": 0}
    assert s["themes"]["confidentiality"]["precision"] is None
    assert s["n_themes_scored"] == 1 and s["macro_f1"] == 1.0
    flat = flat_metrics(s, s)
    assert flat["f1_confidentiality"] is None and flat["baseline_f1_staffing"] == 1.0
    row = next(line for line in format_evaluation(
        {"mode": "holdout", "n": 3, "model": s, "baseline": s}).splitlines()
        if line.startswith("confidentiality"))
    assert "—" in row and "0.000" not in row


def test_the_model_card_shows_a_dash_for_themes_without_test_examples(my_model):
    result, _, _, _ = my_model
    detail = result.card["metrics"]["test_detail"]["model"]["themes"]
    readme = (result.path / "README.md").read_text("utf-8")
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines()
            if line.startswith("| ") and line.split("|")[1].strip() in detail}
    assert rows
    for t, d in detail.items():
        f1_cell = rows[t].split("|")[5].strip()
        assert (f1_cell == "—") == (d["support"] == 0), rows[t]


# --- finding 11: suggest without a tagger; a mistyped model folder -------------------------


STATEMENTS = ["乡里负责信息公开的干部身兼数职，精力有限。", "下一步将配齐配强专职人员。",
              "部分栏目更新不及时，内容不够全面。", "将加强对政务公开工作的培训。",
              "依申请公开答复的规范性有待提高。"]


def test_suggest_without_a_tagger_uses_the_shipped_model(tmp_path):
    from nlp_reports import suggest
    from nlp_reports.classify import Tagger

    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("no shipped model")
    path = tmp_path / "statements.txt"
    path.write_text("\n".join(STATEMENTS), "utf-8")
    rows = suggest([path], n=3)
    assert rows == suggest([path], n=3, tagger=Tagger.load())
    assert len(rows) == 3 and {r["text"] for r in rows} <= set(STATEMENTS)


def test_a_bare_name_that_is_no_folder_says_no_model_here(tmp_path, monkeypatch):
    from nlp_reports.classify import Tagger
    from nlp_reports.errors import ModelNotFoundError

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelNotFoundError) as info:
        Tagger.load("models_nope", trust=True)
    message = str(info.value)
    assert message.startswith("models_nope: no model here") and str(tmp_path) in message
    assert "not installed" not in message and "default" in message


# --- finding 13: suggest says why it returned fewer than asked -----------------------------


def test_suggest_says_why_it_gives_fewer_than_asked(tmp_path, caplog):
    import subprocess
    import sys

    from nlp_reports.classify import suggest

    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("no shipped model")
    path = tmp_path / "statements.txt"
    path.write_text("\n".join(STATEMENTS + STATEMENTS[:2]), "utf-8")  # 5 distinct
    from nlp_reports.classify.dataset import DataWarning

    with caplog.at_level("WARNING", logger="nlp_reports"), \
            pytest.warns(DataWarning, match="fewer than the 150 asked"):  # Jupyter sees it
        rows = suggest([path], n=150)
    said = " ".join(r.getMessage() for r in caplog.records)
    assert f"{len(rows)} statements to label, fewer than the 150 asked" in said
    assert "the corpus has 5 distinct statements" in said
    caplog.clear()
    with caplog.at_level("WARNING", logger="nlp_reports"):
        suggest([path], n=2)
    assert not caplog.records
    out = tmp_path / "to_label.csv"
    proc = subprocess.run([sys.executable, "-m", "nlp_reports", "suggest", str(path), "-n", "150",
                           "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"{len(rows)} statements to label written to {out} (fewer than the 150 asked" \
        in proc.stderr


# --- finding 7: labels outside the fixed taxonomy; Chinese theme names; scikit-learn ---------


def test_fit_refuses_labels_outside_the_taxonomy_with_a_data_error():
    from nlp_reports.classify import StatementModel
    from nlp_reports.errors import DataError

    X = STATEMENTS[:3]
    with pytest.raises(DataError, match="unknown kind 'foo'.*fixed"):
        StatementModel().fit(X, ["foo", "problem", "measure"], [[], [], []])
    with pytest.raises(DataError, match="unknown theme id.*'my_theme'.*人员力量.*fixed"):
        StatementModel().fit(X, ["problem"] * 3, [["my_theme"], [], []])
    with pytest.raises(ValueError, match=r"params=\{'themes': T\}"):
        StatementModel().fit(X, ["problem"] * 3)


def test_chinese_theme_names_are_labels_in_files_and_in_fit(tmp_path):
    import numpy as np

    from nlp_reports.classify import StatementModel, load_labeled
    from nlp_reports.classify.dataset import theme_matrix
    from nlp_reports.taxonomy import THEME_NAMES

    rows = [{"text": STATEMENTS[0], "kind": "problem", "themes": ["staffing"]},
            {"text": STATEMENTS[1], "kind": "measure", "themes": ["staffing", "training"]}]
    named = [{**r, "themes": "、".join(THEME_NAMES[t] for t in r["themes"])} for r in rows]
    by_id = load_labeled(_write_csv(tmp_path / "ids.csv", rows))
    by_name = load_labeled(_write_csv(tmp_path / "names.csv",
                                      [{**r, "themes": r["themes"].split("、")} for r in named]))
    jsonl = load_labeled(_write_jsonl(tmp_path / "names.jsonl", named))
    assert [d.themes for d in by_name] == [d.themes for d in jsonl] == [d.themes for d in by_id]
    records = _records(80)
    X, y = [r["text"] for r in records], [r["kind"] for r in records]
    ids = [r.get("themes", []) for r in records]
    names = [[THEME_NAMES[t] for t in ts] for ts in ids]
    assert (theme_matrix(names) == theme_matrix(ids)).all()
    a = StatementModel(cv=2, min_df=1).fit(X, y, ids)
    b = StatementModel(cv=2, min_df=1).fit(X, y, names)
    assert np.allclose(a.predict_all(X[:5])[1], b.predict_all(X[:5])[1])


def test_a_label_file_with_an_own_theme_says_the_set_is_fixed(tmp_path):
    from nlp_reports.classify import load_labeled
    from nlp_reports.errors import DataError

    path = _write_jsonl(tmp_path / "own.jsonl",
                        [{"text": STATEMENTS[0], "kind": "problem", "themes": ["人手"]}])
    with pytest.raises(DataError, match=r"own.jsonl:1: unknown theme.*'人手'.*13 themes are fixed"):
        load_labeled(path)


@pytest.mark.slow
def test_the_scikit_learn_snippet_of_the_model_card_runs(monkeypatch, tmp_path):
    import runpy

    doc = (ROOT / "docs" / "model-card.md").read_text("utf-8")
    section = doc.split("## Use with scikit-learn", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    script = tmp_path / "snippet.py"
    script.write_text(code, "utf-8")
    runpy.run_path(str(script))


# --- finding 8: the tokenizer in one's own vectorizer; an unknown engine ---------------------


def test_the_tokenizer_doc_snippet_keeps_ab_terms_whole_without_warnings(tmp_path):
    import runpy
    import warnings

    pytest.importorskip("sklearn")
    doc = (ROOT / "docs" / "tokenizer.md").read_text("utf-8")
    section = doc.split("## In your own scikit-learn vectorizer", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert "lowercase=False, token_pattern=None" in code
    script = tmp_path / "snippet.py"
    script.write_text(code, "utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        names = runpy.run_path(str(script))
    assert {"AB岗", "AB角"} <= set(names["vec"].vocabulary_)
    from sklearn.feature_extraction.text import TfidfVectorizer

    from nlp_reports.tokenize import Tokenizer

    with pytest.warns(UserWarning, match="token_pattern"):  # why the doc passes None
        lowered = TfidfVectorizer(tokenizer=Tokenizer()).fit(["明确AB岗，落实AB角制度"])
    assert "AB岗" not in lowered.vocabulary_ and "ab" in lowered.vocabulary_


def test_an_unknown_engine_names_the_engines_at_first_use():
    from nlp_reports.tokenize import Tokenizer

    tok = Tokenizer(engine="spacy")  # scikit-learn convention: no validation in __init__
    assert tok.get_params()["engine"] == "spacy"
    with pytest.raises(ValueError, match="unknown tokenizer engine 'spacy': the engines are "
                                         "'jieba' and 'rjieba'.*or None"):
        tok("依申请公开")


# --- finding 6 (cheap part): test figures per source file when the data combine files -------


def test_training_on_several_files_reports_the_test_figures_of_each(tmp_path):
    import numpy as np

    from nlp_reports.classify import Tagger, load_labeled, train
    from nlp_reports.classify.dataset import DataWarning, split_by_family, theme_matrix
    from nlp_reports.classify.evaluate import score, text_key
    from nlp_reports.classify.train import MIN_SOURCE_TEST

    shipped = _write_jsonl(tmp_path / "shipped.jsonl", _records(300))
    mine = _write_csv(tmp_path / "mine.csv", _records(160, start=1200))
    with pytest.warns(DataWarning):
        result = train([shipped, mine], out=tmp_path / "m", params={"cv": 2})
    by_source = result.card["metrics"]["test_by_source"]
    assert set(by_source) == {"shipped.jsonl", "mine.csv"}
    assert sum(r["n"] for r in by_source.values()) == result.metrics["n_test"]
    # recompute one file's figures from the written model
    tr, dv, te = split_by_family(load_labeled([shipped, mine]))
    seen = {text_key(d.text) for d in tr + dv}
    te = [d for d in te if text_key(d.text) not in seen and d.source.startswith(str(shipped))]
    assert len(te) == by_source["shipped.jsonl"]["n"] >= MIN_SOURCE_TEST
    preds = Tagger.load(result.path, trust=True).predict([d.text for d in te])
    s = score([d.kind for d in te], [p.kind for p in preds], theme_matrix([d.themes for d in te]),
              np.array([[int(t in p.themes) for t in result.card["labels"]["themes"]]
                        for p in preds]))
    assert by_source["shipped.jsonl"]["theme_micro_f1"] == pytest.approx(s["micro_f1"], abs=0.02)
    assert by_source["shipped.jsonl"]["kind_accuracy"] == pytest.approx(s["kind_accuracy"],
                                                                        abs=0.02)
    readme = (result.path / "README.md").read_text("utf-8")
    assert "### By source file" in readme
    assert f"shipped.jsonl: {len(te)} test statements, kind accuracy" in readme


def test_one_file_gives_no_per_source_figures(my_model):
    result, _, _, _ = my_model
    assert "test_by_source" not in result.card["metrics"]
