"""Tagger.explain and ``classify --explain`` (issue #3): each decision score in parts.

The model is linear over TF-IDF features, so a score is exactly the intercept plus every
feature's tf-idf × weight. These tests hold explain to that — against the scores the compiled
model computes, on the shipped model and on one trained here — and check what a reader is
shown: terms that are the text's own words and character n-grams, the largest parts first,
the themes asked about (why NOT) as well as the predicted ones.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest

from nlp_reports.cli import main
from nlp_reports.taxonomy import KINDS, THEME_IDS

ROOT = Path(__file__).resolve().parents[1]
HAS_SHIPPED = (ROOT / "models" / "default" / "model.joblib").is_file()
needs_shipped = pytest.mark.skipif(not HAS_SHIPPED, reason="no shipped model in models/default")

# varied voices and levels: a ministry, a township, a school, a hospital, a county bureau,
# a prefecture's office, a provincial department; problems, measures and plain facts
TEXTS = [
    "（一）个别司局对依申请公开答复时限把握不够精准，临近法定期限才作出答复的情况仍有发生。",
    "镇政务公开工作由党政办一名干部兼任，人手紧张，专业能力有待提升。",
    "2）学校门户网站信息公开专栏栏目设置不够科学，部分招生收费信息更新滞后。",
    "下一步，我院将定期组织信息公开业务培训，提升科室联络员的政策水平和答复能力。",
    "四是健全考核评议机制，把政府信息公开纳入县直单位年度目标责任考核，考核结果予以通报。",
    "本年度行署办公室共收到政府信息公开申请37件，均已在法定期限内办结。",
    "对涉及群众切身利益的重要政策，同步发布图解、问答等解读材料，及时回应社会关切。",
    "2022年以来，厅机关未发生因信息公开引发的行政复议被纠错案件。",
    # as a PDF gives it: letter-spaced, traditional characters (the model reads it repaired)
    "部 分 鄉 鎮 對 政 務 公 開 工 作 重 視 不 夠 ， 存 在 應 付 心 理 。",
]


@pytest.fixture(scope="module")
def shipped():
    if not HAS_SHIPPED:
        pytest.skip("no shipped model")
    from nlp_reports.classify import Tagger

    return Tagger.load()


def _all_parts(h) -> float:
    return sum(c.contribution for c in (*h.positive, *h.negative))


def _columns(bundle) -> dict[tuple[str, str], int]:
    """(head, label) → the bundle's score column."""
    kh = bundle.kind_head
    cols = {("kind", k): c for k, c in zip(kh["classes"], kh["columns"], strict=False)}
    for t, h in zip(THEME_IDS, bundle.theme_heads, strict=True):
        if "column" in h:
            cols[("theme", t)] = h["column"]
    return cols


def _assert_exact(tagger, texts) -> None:
    """With every feature shown, intercept + all contributions is the model's own score, to
    1e-9, for every kind and theme head; nothing is left in ``rest``."""
    from nlp_reports.tokenize import repair_extractions

    scores = tagger.bundle.scores(repair_extractions(list(texts)))
    cols = _columns(tagger.bundle)
    explained = tagger.explain(texts, top=10**6, themes="all")
    for row, ex in zip(scores, explained, strict=True):
        assert ex.scored
        heads = [h for h in (*ex.kinds, *ex.themes) if h.linear]
        assert {h.label for h in ex.kinds} == set(tagger.bundle.kind_head["classes"])
        assert len(ex.themes) == len(THEME_IDS)
        for h in heads:
            assert h.rest == pytest.approx(0.0, abs=1e-12)
            assert abs(h.intercept + _all_parts(h) - h.score) < 1e-9
            assert abs(h.score - row[cols[(h.head, h.label)]]) < 1e-9, (ex.text, h.label)
            assert abs(h.intercept + sum(x for _, x in h.blocks) - h.score) < 1e-9
            assert len(h.positive) + len(h.negative) <= h.features


@needs_shipped
def test_contributions_add_up_to_the_shipped_models_scores(shipped):
    _assert_exact(shipped, TEXTS)


@needs_shipped
def test_probabilities_are_predicts_and_follow_from_the_explained_score(shipped):
    preds = shipped.predict(TEXTS)
    explained = shipped.explain(TEXTS, themes="all")
    heads = shipped.bundle.theme_heads
    for pred, ex in zip(preds, explained, strict=True):
        assert ex.prediction == pred
        assert {h.label: h.probability for h in ex.kinds} == pred.kind_scores
        assert {h.label: h.probability for h in ex.themes} == pred.theme_scores
        assert ex.kind.label == pred.kind and ex.kind.predicted
        # the calibration of the score explain shows gives the probability predict shows
        for h in ex.themes:
            head = heads[THEME_IDS.index(h.label)]
            p = 1 / (1 + math.exp(head["a"] * h.score + head["b"]))
            assert round(p, 6) == pytest.approx(h.probability, abs=1.5e-6)
            assert h.predicted == (h.label in pred.themes)
            assert h.direction == 1  # every shipped head: a higher score, a higher probability


@needs_shipped
def test_top_parts_are_the_largest_of_each_sign_and_the_rest_closes_the_sum(shipped):
    [full] = shipped.explain([TEXTS[1]], top=10**6)
    [short] = shipped.explain([TEXTS[1]], top=3)
    for h_full, h in zip(full.kinds, short.kinds, strict=True):
        assert len(h.positive) <= 3 and len(h.negative) <= 3
        assert all(c.contribution > 0 for c in h.positive)
        assert all(c.contribution < 0 for c in h.negative)
        assert [c.contribution for c in h.positive] == sorted(
            [c.contribution for c in h.positive], reverse=True)
        assert [c.contribution for c in h.negative] == sorted(c.contribution for c in h.negative)
        assert h.positive == h_full.positive[:3] and h.negative == h_full.negative[:3]
        assert abs(h.intercept + _all_parts(h) + h.rest - h.score) < 1e-9
        for c in (*h.positive, *h.negative):
            assert abs(c.tfidf * c.weight - c.contribution) < 1e-12
    [none] = shipped.explain([TEXTS[1]], top=0)
    assert none.kind.positive == () and abs(none.kind.rest + none.kind.intercept
                                            - none.kind.score) < 1e-9


@needs_shipped
def test_terms_are_the_texts_own_words_and_characters(shipped):
    """A word term is words of the text (a number reads <num>); a char term is characters
    of the normalized text: digits folded to 0, so a year or a count never shows as itself."""
    from nlp_reports.classify.features import normalize_statement
    from nlp_reports.tokenize import repair_extraction

    for ex in shipped.explain(TEXTS, top=50, themes="all"):
        read = repair_extraction(ex.text)  # what the model reads
        folded = normalize_statement(read)
        blocks = set()
        for h in (*ex.kinds, *ex.themes):
            for c in (*h.positive, *h.negative):
                blocks.add(c.block)
                if c.block == "char":
                    assert c.term in folded
                    assert not any(ch.isdigit() and ch != "0" for ch in c.term)
                else:
                    assert c.block == "word"
                    for w in c.term.split(" "):
                        assert w == "<num>" or w in read, (w, read)
        assert blocks == {"word", "char"}


@needs_shipped
def test_why_not_a_theme_the_model_did_not_predict(shipped):
    text = "镇政务公开工作由党政办一名干部兼任，人手紧张，专业能力有待提升。"
    [plain] = shipped.explain([text])
    assert all(h.predicted for h in plain.themes)  # only the predicted ones
    assert {h.label for h in plain.themes} == set(plain.prediction.themes)
    [asked] = shipped.explain([text], themes=["平台渠道与信息化", "staffing"])
    platform = asked.theme("platform")
    assert platform is not None and not platform.predicted
    assert platform.probability < platform.threshold
    assert platform.score < 0 and platform.negative  # what held it down is shown
    assert asked.theme("staffing") is not None


@needs_shipped
def test_unknown_theme_and_bad_top_are_refused_with_the_one_meant(shipped):
    from nlp_reports.errors import UsageError

    with pytest.raises(UsageError, match="did you mean 'staffing'"):
        shipped.explain(TEXTS[:1], themes=["staffng"])
    with pytest.raises(UsageError, match="top"):
        shipped.explain(TEXTS[:1], top=-1)
    with pytest.raises(TypeError):
        shipped.explain(TEXTS[0])


@needs_shipped
def test_blank_lines_are_not_scored_and_explanations_are_frozen(shipped):
    blank, real = shipped.explain(["  ", TEXTS[3]])
    assert not blank.scored and blank.kinds == () and blank.kind is None
    assert blank.prediction.kind == "other"
    assert real.scored and real.kind.label == real.prediction.kind
    with pytest.raises(dataclasses.FrozenInstanceError):
        real.kind.score = 0.0  # type: ignore[misc]
    d = real.to_dict()
    assert d["version"] == 1 and d["scored"] is True
    assert set(d["kinds"]) == set(KINDS)
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d


@needs_shipped
def test_a_model_whose_head_is_not_linear_is_refused(shipped):
    import copy

    from nlp_reports.classify import Tagger
    from nlp_reports.errors import ModelError

    bundle = copy.copy(shipped.bundle)
    bundle.kind_head = {**bundle.kind_head, "mode": "forest"}
    odd = Tagger(bundle, card={}, model_id="0" * 64, path=Path("odd"))
    with pytest.raises(ModelError, match="not linear"):
        odd.explain(TEXTS[:1])
    other = Tagger(object(), card={}, model_id="0" * 64, path=Path("odd"))
    with pytest.raises(ModelError, match="cannot explain"):
        from nlp_reports.classify.explain import explain

        explain(other.bundle, TEXTS[:1], shipped.predict(TEXTS[:1]))


def test_contributions_add_up_for_a_model_trained_here():
    """A small model fit in the test, with a theme of one positive (a plain logistic head)
    and a theme of none (a constant head): exact for every linear head; the constant one is
    said to be so."""
    from nlp_reports.classify import StatementModel, Tagger, load_labeled
    from nlp_reports.classify.compiled import compile_model
    from nlp_reports.classify.dataset import shipped_labeled_files
    from nlp_reports.tokenize import Tokenizer

    items = load_labeled(shipped_labeled_files())
    items = items[:: max(1, len(items) // 160)]
    X = [d.text for d in items]
    y = [d.kind for d in items]
    T = [[t for t in d.themes if t not in ("publicity", "confidentiality")] for d in items]
    T[0] = [*T[0], "publicity"]  # one positive: too few for calibration folds
    model = StatementModel(tokenizer=Tokenizer("jieba"), cv=2, min_df=1).fit(X, y, T)
    bundle = compile_model(model)
    modes = {t: h["mode"] for t, h in zip(THEME_IDS, bundle.theme_heads, strict=True)}
    assert modes["publicity"] == "logistic" and modes["confidentiality"] == "constant"
    tagger = Tagger(bundle, card={}, model_id="0" * 64, path=Path("trained-here"))
    _assert_exact(tagger, TEXTS)
    [ex] = tagger.explain(TEXTS[:1], themes="all")
    const = ex.theme("confidentiality")
    assert not const.linear and const.score is None and const.positive == ()
    assert const.probability == ex.prediction.theme_scores["confidentiality"]
    logistic = ex.theme("publicity")
    assert round(1 / (1 + math.exp(-logistic.score)), 6) == pytest.approx(
        logistic.probability, abs=1.5e-6)
    # the scikit-learn model's own decision function (float32 features) agrees too
    Xf = model.transform(TEXTS[:1])
    inner = model.kind_model_.calibrated_classifiers_[0].estimator
    sk = inner.decision_function(Xf)[0]
    for k, s in zip(inner.classes_, sk, strict=True):
        [h] = [h for h in ex.kinds if h.label == k]
        assert h.score == pytest.approx(float(s), abs=1e-5)


# --- the command ----------------------------------------------------------------------


def _run(capsys, *argv: str) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, [json.loads(x) for x in out.out.splitlines() if x.strip()], out.err


@needs_shipped
def test_classify_explain_adds_the_explain_object(tmp_path, capsys):
    path = tmp_path / "lines.txt"
    path.write_text("\n".join([TEXTS[4], "", TEXTS[5]]) + "\n", "utf-8")
    code, plain, _ = _run(capsys, "classify", str(path))
    assert code == 0 and all("explain" not in r for r in plain)
    code, rows, _ = _run(capsys, "classify", str(path), "--explain", "--top", "2")
    assert code == 0 and len(rows) == len(plain) == 3
    for r, p in zip(rows, plain, strict=True):
        assert {k: v for k, v in r.items() if k != "explain"} == p  # the rest unchanged
    first = rows[0]["explain"]
    assert first["version"] == 1 and first["scored"] is True
    kind = first["kinds"][rows[0]["kind"]]
    assert kind["predicted"] is True and len(kind["positive"]) <= 2
    assert set(first["themes"]) == set(rows[0]["themes"])
    total = kind["intercept"] + sum(c["contribution"] for c in kind["positive"] + kind["negative"])
    assert total + kind["rest"] == pytest.approx(kind["score"], abs=1e-5)
    assert rows[1]["explain"]["scored"] is False


@needs_shipped
def test_classify_theme_explains_an_unpredicted_theme_and_refuses_a_misspelt_one(
        tmp_path, capsys):
    path = tmp_path / "one.txt"
    path.write_text(TEXTS[6] + "\n", "utf-8")
    code, [row], _ = _run(capsys, "classify", str(path), "--theme", "人员力量")
    assert code == 0
    staffing = row["explain"]["themes"]["staffing"]
    assert "staffing" not in row["themes"] and staffing["predicted"] is False
    assert staffing["probability"] < staffing["threshold"]
    code, rows, err = _run(capsys, "classify", str(path), "--theme", "staffng")
    assert code == 2 and rows == [] and "did you mean 'staffing'" in err


@needs_shipped
def test_the_model_cards_explain_snippet_runs_and_says_what_it_shows():
    """docs/model-card.md, "Why did it say that?": its example runs, and its comments are
    what the shipped model gives (the terms it names are the ones shown)."""
    doc = (ROOT / "docs" / "model-card.md").read_text("utf-8")
    section = doc.split("## Why did it say that?", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict = {}
    exec(compile(code, "model-card-snippet", "exec"), scope)  # noqa: S102 - our own doc
    ex = scope["ex"]
    shown = [(c.term, c.block) for c in ex.kind.positive]
    for term, block in shown:
        assert f"('{term}', '{block}'" in code
    assert f"('{ex.kind.label}', {round(ex.kind.score, 3)}, {ex.kind.probability})" in code
