"""Tests of nlp_reports.classify: data, baseline, estimators, training, loading rules, tagging."""

from __future__ import annotations

import csv
import io
import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest

from nlp_reports.errors import (
    DataError,
    IncompatibleModelError,
    ModelIntegrityError,
    ModelNotFoundError,
    UntrustedModelError,
)
from nlp_reports.report import Metadata, Report, Statement
from nlp_reports.taxonomy import KINDS, THEME_IDS

ROOT = Path(__file__).resolve().parents[1]
LABELED = sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))
SHIPPED = ROOT / "models" / "default"

# Statements written for these tests (not from the labeled corpus): text, kind, a theme it must get.
OWN_STATEMENTS = [
    ("乡里负责公开的同志还兼着党政办的文秘和档案，岗位一调整，交接就出空档。", "problem", "staffing"),
    ("明年起安排一名专职人员负责政务公开，并建立AB岗互为备份。", "measure", "staffing"),
    ("惠民补贴发放这类群众关心的事项，只在村务栏贴过一次，没有在网上主动公开。", "problem",
     "proactivity"),
    ("发布前逐条进行保密审查，坚决防止泄露国家秘密和公民个人隐私。", "measure", "confidentiality"),
    ("少数股室对哪些文件可以公开、哪些涉密拿不准，存在不敢公开的顾虑。", "problem", "confidentiality"),
    ("每季度举办一次政务公开业务培训班，提升经办人员的实际操作能力。", "measure", "training"),
]


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory) -> Path:
    """Every 5th statement of the labeled corpus (families kept), as one JSONL file."""
    if not LABELED:
        pytest.skip("labeled corpus not present")
    from nlp_reports.classify.dataset import load_labeled

    items = load_labeled(LABELED)
    items = items[:: max(1, len(items) // 300)]  # ~300 statements, all kinds and families
    records = [{"text": d.text, "kind": d.kind, "themes": list(d.themes), "family": d.family}
               for d in items]
    return _write_jsonl(tmp_path_factory.mktemp("data") / "tiny.jsonl", records)


@pytest.fixture(scope="module")
def tiny_model(tiny_data, tmp_path_factory) -> Path:
    """A model trained on the tiny data, outside the shipped models (so it needs trust)."""
    from nlp_reports.classify import train
    from nlp_reports.classify.dataset import DataWarning

    out = tmp_path_factory.mktemp("models") / "tiny"
    # ~300 statements: some 40 in the test split (the count moves with the corpus)
    with pytest.warns(DataWarning, match=r"only \d\d test statements"):
        result = train(tiny_data, out=out, tokenizer="jieba", params={"cv": 3})
    return result.path


@pytest.fixture(scope="module")
def shipped():
    from nlp_reports.classify import Tagger

    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("no shipped model in models/default")
    return Tagger.load()


# --- dataset -------------------------------------------------------------------------------


def test_load_labeled_jsonl_and_csv(tmp_path):
    from nlp_reports.classify import load_labeled

    _write_jsonl(tmp_path / "a.jsonl", [
        {"text": "公开意识不强", "kind": "problem", "themes": ["awareness"], "family": "f1"},
        {"text": "加强业务培训", "kind": "measure", "themes": ["training", "staffing"]},
    ])
    with open(tmp_path / "b.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "kind", "themes", "split"])
        w.writerow(["网站栏目不健全", "problem", "platform;institution", "test"])
        w.writerow(["无", "other", "", ""])
        w.writerow(["严格保密审查", "measure", '["confidentiality"]', "dev"])
    items = load_labeled(tmp_path)
    assert [d.text for d in items] == ["公开意识不强", "加强业务培训", "网站栏目不健全", "无",
                                       "严格保密审查"]
    assert items[1].themes == ("staffing", "training")  # taxonomy order
    assert items[2].themes == ("platform", "institution")
    assert items[2].split == "test" and items[3].split is None
    assert items[4].themes == ("confidentiality",)
    assert items[0].family == "f1" and items[1].family  # a family even when not given
    assert items[3].source.endswith("b.csv:3")


@pytest.mark.parametrize("record, message", [
    ({"text": "x", "kind": "issue", "themes": []}, "unknown kind"),
    ({"text": "x", "kind": "problem", "themes": ["people"]}, "unknown theme"),
    ({"text": " ", "kind": "problem", "themes": []}, "text"),
    ({"text": "x", "kind": "problem", "themes": [], "split": "valid"}, "unknown split"),
])
def test_load_labeled_rejects_bad_records_naming_file_and_line(tmp_path, record, message):
    from nlp_reports.classify import load_labeled

    good = {"text": "内容不够全面", "kind": "problem", "themes": ["content_quality"]}
    path = _write_jsonl(tmp_path / "bad.jsonl", [good, record])
    with pytest.raises(DataError, match=message) as info:
        load_labeled(path)
    assert "bad.jsonl:2" in str(info.value)


def test_load_labeled_rejects_broken_json(tmp_path):
    from nlp_reports.classify import load_labeled

    path = tmp_path / "broken.jsonl"
    path.write_text('{"text": "a", "kind": "other"}\n{"text": \n', "utf-8")
    with pytest.raises(DataError, match="broken.jsonl:2"):
        load_labeled(path)


def test_split_by_family_is_deterministic_and_keeps_families_together():
    from nlp_reports.classify.dataset import LabeledStatement, split_by_family

    items = [LabeledStatement(text=f"句子{i}", kind="other", family=f"fam{i // 4}")
             for i in range(2000)]
    parts = split_by_family(items)
    assert parts == split_by_family(list(items))
    fams = [{d.family for d in p} for p in parts]
    assert not (fams[0] & fams[1] or fams[0] & fams[2] or fams[1] & fams[2])
    share = [len(p) / len(items) for p in parts]
    assert 0.6 < share[0] < 0.8 and 0.08 < share[1] < 0.22 and 0.08 < share[2] < 0.22
    forced = [LabeledStatement(text="x", kind="other", family="fam0", split="test")]
    assert split_by_family(forced)[2] == forced


# --- baseline --------------------------------------------------------------------------------


def test_keyword_baseline_rules_and_explanations():
    from sklearn.base import clone

    from nlp_reports.classify import KeywordBaseline

    base = KeywordBaseline().fit()
    texts = ["信息公开工作人员身兼数职，专业素质不高", "下一步将严格落实先审后发的保密审查制度", "无"]
    assert list(base.predict(texts)) == ["problem", "measure", "other"]
    themes = base.predict_themes(texts)
    assert themes.shape == (3, len(THEME_IDS))
    assert themes[0, THEME_IDS.index("staffing")] == 1
    assert themes[1, THEME_IDS.index("confidentiality")] == 1
    assert themes[2].sum() == 0
    assert "身兼数职" in base.explain(texts[0])["staffing"]
    assert clone(base).get_params() == base.get_params()
    assert list(base.classes_) == list(KINDS)


def test_keyword_baseline_masks_measure_cues_inside_problem_cues():
    from nlp_reports.classify import KeywordBaseline

    base = KeywordBaseline().fit()
    assert base.predict(["制度不完善"])[0] == "problem"  # 完善 inside 不完善 is no measure cue
    assert base.predict(["完善制度"])[0] == "measure"


# --- estimators ------------------------------------------------------------------------------


def test_tune_threshold_finds_the_separating_point_and_falls_back():
    from nlp_reports.classify.model import tune_threshold

    proba = np.array([0.1, 0.2, 0.3, 0.62, 0.7, 0.8, 0.9] * 10)
    y = np.array([0, 0, 0, 1, 1, 1, 1] * 10)
    t, how = tune_threshold(proba, y, default=0.4, shrink=0.0)
    assert how == "dev" and 0.3 < t <= 0.62
    t_few, how_few = tune_threshold(proba[:3], y[:3], default=0.4)
    assert (t_few, how_few) == (0.4, "default")


def test_estimators_follow_sklearn_conventions():
    from sklearn.base import clone
    from sklearn.exceptions import NotFittedError

    from nlp_reports.classify import StatementModel, ThemeClassifier
    from nlp_reports.tokenize import Tokenizer

    m = StatementModel(tokenizer=Tokenizer("jieba"), theme_C=2.0, char_ngram=(2, 4))
    c = clone(m)
    assert c.get_params() == m.get_params() and c is not m
    assert c.get_params()["theme_C"] == 2.0
    with pytest.raises(NotFittedError):
        m.predict(["任何文本"])
    t = ThemeClassifier(C=0.3)
    assert clone(t).get_params()["C"] == 0.3
    with pytest.raises(NotFittedError):
        t.predict_proba(np.zeros((1, 3)))


def test_trained_model_pickles_and_predicts_the_same(tiny_model):
    import joblib

    from nlp_reports.classify import Tagger

    tagger = Tagger.load(tiny_model, trust=True)
    texts = [t for t, _, _ in OWN_STATEMENTS]
    kp, tp = tagger.model.predict_all(texts)
    again = pickle.loads(pickle.dumps(tagger.model))
    kp2, tp2 = again.predict_all(texts)
    np.testing.assert_allclose(kp, kp2)
    np.testing.assert_allclose(tp, tp2)
    buf = io.BytesIO()
    joblib.dump(tagger.model, buf)
    buf.seek(0)
    np.testing.assert_allclose(joblib.load(buf).predict_all(texts)[1], tp)
    assert kp.shape == (len(texts), len(KINDS)) and np.allclose(kp.sum(1), 1)


def test_compiled_bundle_predicts_like_the_sklearn_estimator(tiny_model, tiny_data):
    from nlp_reports.classify import Tagger, load_labeled

    tagger = Tagger.load(tiny_model, trust=True)
    texts = [d.text for d in load_labeled(tiny_data)][:200] + [t for t, _, _ in OWN_STATEMENTS]
    texts.append("完全无关的一句话 with some ASCII 123")
    kp, tp = tagger.bundle.predict_all(texts)
    kp2, tp2 = tagger.model.predict_all(texts)
    np.testing.assert_allclose(kp, kp2, atol=1e-5)
    np.testing.assert_allclose(tp, tp2, atol=1e-5)
    np.testing.assert_array_equal(tagger.bundle.thresholds, tagger.model.thresholds_)
    # the estimator's coefficients are not stored twice: the blob leaves them out and the
    # estimator above got them back from the bundle's weights
    import pickle
    import zlib

    from nlp_reports.classify.compiled import _linear_heads

    stored = pickle.loads(zlib.decompress(tagger.bundle.estimator_blob))
    assert all(h is None or h.coef_ is None for h in _linear_heads(stored))
    # a trained model file carries what loads fast: plain-int vocabularies (numpy scalars
    # unpickle one function call each) and the batched paths' lookup tables
    for vec in tagger.bundle.vectorizers:
        assert {type(c) for c in vec.vocabulary.values()} == {int}
        assert any(k in vec.__dict__ for k in ("_wtables", "_index"))


def test_training_writes_a_complete_card(tiny_model, tiny_data):
    from nlp_reports.classify.modelcard import sha256_file

    card = json.loads((tiny_model / "meta.json").read_text("utf-8"))
    assert card["model_sha256"] == sha256_file(tiny_model / "model.joblib")
    assert (tiny_model / "model.joblib.sha256").read_text().split()[0] == card["model_sha256"]
    assert card["labels"]["kinds"] == list(KINDS) and card["labels"]["themes"] == list(THEME_IDS)
    assert card["data"]["sha256"] == __import__("hashlib").sha256(tiny_data.read_bytes()).hexdigest()
    sizes = card["split"]
    assert sizes["train"] > sizes["dev"] > 0 and sizes["test"] > 0
    for key in ("kind_accuracy", "theme_micro_f1", "baseline_kind_accuracy"):
        assert 0.0 <= card["metrics"]["test"][key] <= 1.0
    assert {"scikit-learn", "numpy", "jieba", "joblib", "python", "nlp_reports"} <= set(
        card["versions"])
    assert len(card["tokenizer"]["userdict_sha256"]) == 64
    assert set(card["thresholds"]) == set(THEME_IDS)
    how = (tiny_model / "README.md").read_text("utf-8").split("## How it was made")[1]
    assert how.count("nlp_reports.classify.train(") == 1 and repr(str(tiny_data)) in how


@pytest.mark.slow
def test_training_is_deterministic(tiny_data, tiny_model, tmp_path):
    from nlp_reports.classify import train
    from nlp_reports.classify.dataset import DataWarning

    with pytest.warns(DataWarning):
        again = train(tiny_data, out=tmp_path / "again", tokenizer="jieba", params={"cv": 3})
    first = json.loads((tiny_model / "meta.json").read_text("utf-8"))
    assert again.card["model_sha256"] == first["model_sha256"]  # byte-identical model file
    assert again.card["metrics"] == first["metrics"]
    assert again.card["thresholds"] == first["thresholds"]


# --- loading rules ---------------------------------------------------------------------------


def test_untrusted_path_is_refused_and_trust_loads_it(tiny_model):
    from nlp_reports.classify import Tagger

    with pytest.raises(UntrustedModelError, match="trust"):
        Tagger.load(tiny_model)
    tagger = Tagger.load(tiny_model, trust=True)
    assert tagger.model_id == json.loads((tiny_model / "meta.json").read_text())["model_sha256"]
    assert tagger.name == "tiny"


def test_tampered_model_is_refused_before_unpickling(tiny_model, tmp_path):
    from nlp_reports.classify import Tagger

    copy = shutil.copytree(tiny_model, tmp_path / "copy")
    data = bytearray((copy / "model.joblib").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "model.joblib").write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="SHA-256"):
        Tagger.load(copy, trust=True)


def test_other_sklearn_minor_version_is_incompatible(tiny_model, tmp_path):
    from nlp_reports.classify import Tagger

    copy = shutil.copytree(tiny_model, tmp_path / "old")
    card = json.loads((copy / "meta.json").read_text("utf-8"))
    card["versions"]["scikit-learn"] = "0.24.2"
    (copy / "meta.json").write_text(json.dumps(card), "utf-8")
    with pytest.raises(IncompatibleModelError, match="0.24.2"):
        Tagger.load(copy, trust=True)


def test_missing_model_is_reported(tmp_path):
    from nlp_reports.classify import Tagger

    with pytest.raises(ModelNotFoundError):
        Tagger.load(tmp_path / "nothing", trust=True)


def test_thresholds_decide_the_themes(tiny_model):
    from nlp_reports.classify import Tagger

    tagger = Tagger.load(tiny_model, trust=True)
    texts = [t for t, _, _ in OWN_STATEMENTS]
    tagger.bundle.thresholds = np.full(len(THEME_IDS), 1.01)
    assert all(p.themes == () for p in tagger.predict(texts))
    tagger.bundle.thresholds = np.zeros(len(THEME_IDS))
    assert all(p.themes == THEME_IDS for p in tagger.predict(texts))
    tagger.bundle.thresholds = np.full(len(THEME_IDS), 0.5)
    for p in tagger.predict(texts):
        assert p.themes == tuple(t for t in THEME_IDS if p.theme_scores[t] >= 0.5)


def test_tokenizer_engine_can_be_swapped(tiny_model):
    pytest.importorskip("rjieba")
    from nlp_reports.classify import Tagger

    jieba_tagger = Tagger.load(tiny_model, trust=True, tokenizer="jieba")
    rjieba_tagger = Tagger.load(tiny_model, trust=True, tokenizer="rjieba")
    assert (jieba_tagger.tokenizer_engine, rjieba_tagger.tokenizer_engine) == ("jieba", "rjieba")
    texts = [t for t, _, _ in OWN_STATEMENTS]
    a = [p.theme_scores for p in jieba_tagger.predict(texts)]
    b = [p.theme_scores for p in rjieba_tagger.predict(texts)]
    assert a == b  # the two engines segment identically


# --- the shipped model -----------------------------------------------------------------------


def test_shipped_model_labels_new_statements_sensibly(shipped):
    preds = shipped.predict([t for t, _, _ in OWN_STATEMENTS])
    for (text, kind, theme), p in zip(OWN_STATEMENTS, preds, strict=True):
        assert p.kind == kind, (text, p.kind_scores)
        assert theme in p.themes, (text, p.theme_scores)
        assert abs(sum(p.kind_scores.values()) - 1) < 1e-3
        assert list(p.theme_scores) == list(THEME_IDS)
    assert shipped.name == "default" and len(shipped.model_id) == 64


# More statements written for these tests, one per theme and kind: (text, kind, main theme).
MORE_OWN_STATEMENTS = [
("个别科室把政务公开当作办公室一家的事，配合不够积极。", "problem", "awareness"),
("门户网站个别专栏内容长期停留在前年，未做到动态更新。", "problem", "timeliness"),
("政策文件出台后，配套的图文解读跟进较慢，群众看不太懂。", "problem", "interpretation"),
("依申请公开答复文书格式不统一，个别答复未告知救济途径。", "problem", "application"),
("年度考核中政务公开所占分值偏低，督促作用发挥不明显。", "problem", "supervision"),
("公开的财政资金信息只有总数，缺少分项明细，群众难以看明白。", "problem", "content_quality"),
("政务新媒体账号多而散，部分账号长期不更新。", "problem", "platform"),
("信息发布流程没有形成书面制度，全凭经办人经验。", "problem", "institution"),
("社区居民对政务公开查阅点知之甚少，利用率不高。", "problem", "publicity"),
("经办人员对新条例的条款理解不透，业务能力有待提高。", "problem", "training"),
("建立政策解读与文件同步起草、同步审签、同步发布机制。", "measure", "interpretation"),
("对网站栏目开展一次全面体检，清理僵尸栏目，整合重复栏目。", "measure", "platform"),
("将政务公开纳入年度绩效考核，对排名靠后的单位进行约谈。", "measure", "supervision"),
("制定依申请公开办理规程，实行登记、审核、答复全流程台账管理。", "measure", "application"),
("利用政府开放日邀请群众代表走进机关，现场了解公开工作。", "measure", "publicity"),
("实行信息发布前三级审核，涉及个人信息的一律脱敏处理。", "measure", "confidentiality"),
("按照“应公开、尽公开”原则，扩大重大项目批准和实施信息公开范围。", "measure", "proactivity"),
("本机关全年共主动公开政府信息326条，其中规范性文件5件。", "other", None),
("本年度未发生因政府信息公开引起的行政复议和行政诉讼。", "other", None),
("存在的问题及改进措施如下：", "other", None),
]


def test_shipped_model_on_a_wider_set_of_new_statements(shipped):
    """At most two misses of kind and of main theme over twenty statements it never saw."""
    preds = shipped.predict([t for t, _, _ in MORE_OWN_STATEMENTS])
    kind_miss = [t for (t, k, _), p in zip(MORE_OWN_STATEMENTS, preds, strict=True) if p.kind != k]
    theme_miss = [t for (t, _, th), p in zip(MORE_OWN_STATEMENTS, preds, strict=True)
                  if th and th not in p.themes]
    assert len(kind_miss) <= 2, kind_miss
    assert len(theme_miss) <= 2, theme_miss
    for (_, k, _), p in zip(MORE_OWN_STATEMENTS, preds, strict=True):
        if k == "other":
            assert len(p.themes) <= 1  # reporting figures is not a statement about a theme


def test_predict_keeps_order_and_handles_blank_lines_in_batches(shipped):
    texts = [OWN_STATEMENTS[0][0], "", "   ", OWN_STATEMENTS[3][0]] * 3
    preds = shipped.predict(texts, batch_size=2)
    assert [p.text for p in preds] == texts
    for p in preds[1:3]:
        assert (p.kind, p.themes) == ("other", ())
    whole = shipped.predict(texts)
    assert [p.to_dict() for p in whole] == [p.to_dict() for p in preds]


def test_tag_uses_the_layout_block_as_evidence(shipped):
    from nlp_reports.classify.tagger import (
        DISAGREE_CONFIDENCE,
        LAYOUT_PRIOR,
        Prediction,
        apply_layout,
    )

    p = shipped.predict([OWN_STATEMENTS[1][0]])[0]
    assert p.kind == "measure"
    statements = (
        Statement(index=0, text=OWN_STATEMENTS[0][0], block="problem", marker="一是"),
        Statement(index=1, text=OWN_STATEMENTS[1][0], block="problem"),
        Statement(index=2, text=OWN_STATEMENTS[3][0], block="unknown"),
    )
    report = Report(metadata=Metadata(title="测试"), statements=statements)
    tagged = shipped.tag(report)
    assert [t.statement for t in tagged] == list(statements)
    assert tagged[0].prediction.kind == "problem" and not tagged[0].layout_disagrees
    weighted = p.kind_scores["problem"] * LAYOUT_PRIOR
    expect = weighted / (weighted + p.kind_scores["measure"] + p.kind_scores["other"])
    assert tagged[1].prediction.kind_scores["problem"] == pytest.approx(expect, abs=1e-4)
    assert tagged[1].model_kind == "measure"
    assert tagged[1].layout_disagrees == (p.kind_score >= DISAGREE_CONFIDENCE)
    # a lead-in the model calls other does not disagree with its block
    lead = Prediction("x", "other", 0.99, {"problem": 0.005, "measure": 0.005, "other": 0.99},
                      (), {})
    assert not apply_layout(lead, "problem")[1]
    assert tagged[2].prediction == shipped.predict([OWN_STATEMENTS[3][0]])[0]
    assert json.loads(json.dumps(tagged[0].to_dict(), ensure_ascii=False))["block"] == "problem"
    # an uncertain model follows the layout

    unsure = Prediction("x", "measure", 0.5, {"problem": 0.4, "measure": 0.5, "other": 0.1},
                        (), {})
    final, disagrees = apply_layout(unsure, "problem")
    assert final.kind == "problem" and not disagrees


def test_tag_many_matches_tag(shipped):
    r1 = Report(metadata=Metadata(), statements=(
        Statement(0, OWN_STATEMENTS[2][0], "problem"),))
    r2 = Report(metadata=Metadata(), statements=(
        Statement(0, OWN_STATEMENTS[4][0], "problem"), Statement(1, OWN_STATEMENTS[5][0], "measure")))
    many = shipped.tag_many([r1, r2, Report(metadata=Metadata())])
    assert [len(x) for x in many] == [1, 2, 0]
    assert many[1] == shipped.tag(r2)


def test_sample_report_tagged_like_the_worked_example(shipped):
    """The real sample report (../shared), parsed, against taxonomy.md's worked example."""
    sample = ROOT.parent / "shared" / "sample-report-bange-2023.txt"
    if not sample.is_file():
        pytest.skip("sample report not present")
    from nlp_reports import load_report

    report = load_report(sample)
    if len(report.statements) != 7:
        pytest.skip("the parser does not split the sample into its 7 statements yet")
    tagged = shipped.tag(report)
    kinds = [t.prediction.kind for t in tagged]
    assert kinds == ["other", "problem", "problem", "problem", "measure", "measure", "measure"]
    themes = [set(t.prediction.themes) for t in tagged]
    assert "staffing" in themes[1] and "proactivity" in themes[2]
    assert "confidentiality" in themes[3] and {"staffing", "proactivity"} <= themes[5]
    assert not themes[0]


# --- evaluate / suggest ----------------------------------------------------------------------


def test_evaluate_reports_model_and_baseline(tiny_model, tiny_data):
    from nlp_reports.classify import evaluate, format_evaluation
    from nlp_reports.classify.dataset import DataWarning

    with pytest.warns(DataWarning, match="were in the model's training data"):
        result = evaluate(tiny_data, model=tiny_model, trust=True)
    for side in ("model", "baseline"):
        s = result[side]
        assert set(s["themes"]) == set(THEME_IDS)
        assert 0 <= s["micro_f1"] <= 1 and 0 <= s["kind_accuracy"] <= 1
        assert sum(map(sum, s["kind_confusion"]["matrix"])) == result["n"]
    # the model saw most of this data: it must beat reading for keywords
    assert result["model"]["micro_f1"] > result["baseline"]["micro_f1"]
    text = format_evaluation(result)
    assert all(t in text for t in THEME_IDS) and "baseline" in text
    with pytest.raises(UntrustedModelError):
        evaluate(tiny_data, model=tiny_model)


def test_evaluate_cross_validation_grouped_by_family(tiny_data):
    from nlp_reports.classify import evaluate

    with pytest.raises(DataError, match="2 folds"):
        evaluate(tiny_data, cv=1)
    result = evaluate(tiny_data, cv=2)
    assert result["mode"] == "cv" and result["folds"] == 2
    assert result["model"]["n"] == result["baseline"]["n"] == result["n"]


def test_score_counts(tmp_path):
    from nlp_reports.classify.evaluate import score

    Y_true = np.zeros((4, len(THEME_IDS)), int)
    Y_pred = np.zeros_like(Y_true)
    Y_true[[0, 1], 0] = 1
    Y_pred[[0, 2], 0] = 1
    s = score(["problem", "measure", "other", "other"], ["problem", "other", "other", "other"],
              Y_true, Y_pred)
    assert s["kind_accuracy"] == 0.75
    assert s["kind_confusion"]["matrix"][1] == [0, 0, 1]
    assert s["themes"]["staffing"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert s["macro_f1"] == 0.5 and s["n_themes_scored"] == 1


def test_suggest_picks_uncertain_unique_statements(shipped, tmp_path):
    from nlp_reports.classify import load_labeled, suggest, write_suggestions

    lines = [t for t, _, _ in OWN_STATEMENTS] + [OWN_STATEMENTS[0][0], "", "短"]
    (tmp_path / "lines.txt").write_text("\n".join(lines), "utf-8")
    _write_jsonl(tmp_path / "more.jsonl", [{"text": "政务公开专栏的栏目设置有待优化，更新也不够及时。"}])
    (tmp_path / "broken.pdf").write_bytes(b"not a pdf at all")
    rows = suggest([tmp_path], n=4, tagger=shipped)
    assert 0 < len(rows) <= 4
    texts = [r["text"] for r in rows]
    assert len(set(texts)) == len(texts)
    assert all(r["kind"] == "" and r["model_kind"] in KINDS for r in rows)
    unc = [r["uncertainty"] for r in rows]
    assert unc == sorted(unc, reverse=True)
    out = tmp_path / "to_label.csv"
    write_suggestions(rows, out)
    read = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [r["text"] for r in read] == texts
    # a labeler fills in one row; the CSV then loads as labeled data (unfilled rows skipped)
    read[0]["kind"], read[0]["themes"] = "problem", "staffing;timeliness"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(read[0]))
        w.writeheader()
        w.writerows(read)
    labeled = load_labeled(out)
    assert [(d.text, d.kind, d.themes) for d in labeled] == [
        (texts[0], "problem", ("staffing", "timeliness"))]


def test_normalize_statement_maps_full_width_as_nfkc_does():
    """The full-width shortcut before NFKC must not change any statement's features."""
    import random
    import unicodedata

    from nlp_reports.classify import features as F

    def reference(text: str) -> str:
        text = F.strip_marker(unicodedata.normalize("NFKC", text))
        return F._SPACE.sub("", F._DIGITS.sub("0", text))

    rnd = random.Random(0)
    pools = [(0x20, 0x7E), (0xFF00, 0xFFEF), (0x300, 0x36F), (0x4E00, 0x4FFF), (0x3000, 0x3000),
             (0x2000, 0x206F)]
    texts = ["".join(chr(rnd.randint(*rnd.choice(pools))) for _ in range(rnd.randint(1, 30)))
             for _ in range(5000)]
    texts += ["（一）加强队伍建设，全年培训３次。", "Ａ\u0301角制度\u3000落实", "１２３４５政府热线"]
    assert [F.normalize_statement(t) for t in texts] == [reference(t) for t in texts]
