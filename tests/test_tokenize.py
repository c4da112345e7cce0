"""The genre tokenizer: dictionary, normalisation, pickling, engine parity, determinism."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from nlp_reports.tokenize import NUM_TOKEN, Tokenizer, available_engines, userdict_hash

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ENGINES = available_engines()


@pytest.fixture(scope="module", params=ENGINES)
def tok(request):
    return Tokenizer(engine=request.param)


@pytest.mark.parametrize(
    "term",
    ["依申请公开", "政务新媒体", "政府信息公开专栏", "三安全一稳定", "AB角", "12345政府热线",
     "保密审查", "身兼数职", "政策解读", "以会代训", "先审后发", "应公开尽公开"],
)
def test_genre_terms_stay_whole(tok, term):
    assert term in tok(f"我们要做好{term}相关工作")


def test_normalises_numbers_width_and_punctuation(tok):
    tokens = tok("全年共受理申请１２件，办结率98.5%；（二）改进措施")
    assert NUM_TOKEN in tokens
    assert not any(t.isdigit() for t in tokens)
    assert "，" not in tokens and "；" not in tokens and "(" not in tokens
    assert "改进" in tokens


def test_stopwords_dropped_but_cues_kept(tok):
    tokens = tok("信息公开的主动性还不够，下一步将进一步加强")
    assert "的" not in tokens
    for cue in ("不够", "将", "进一步", "加强"):
        assert cue in tokens
    assert "的" in Tokenizer(engine=tok.engine, stopwords=False)("公开的信息")


def test_never_touches_jiebas_global_instance():
    import jieba

    Tokenizer(engine="jieba")("三安全一稳定")
    assert "三安全一稳定" not in jieba.dt.FREQ


def test_pickles_without_its_segmenter(tok):
    tok("预热")  # build the segmenter first
    blob = pickle.dumps(tok)
    assert len(blob) < 1000
    again = pickle.loads(blob)
    assert again == tok
    assert again("保密审查机制不健全") == tok("保密审查机制不健全")


def test_works_inside_a_persisted_sklearn_vectorizer(tmp_path):
    joblib = pytest.importorskip("joblib")
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(tokenizer=Tokenizer(engine="jieba"), token_pattern=None,
                          lowercase=False)
    vec.fit(["政务新媒体更新不及时", "加强保密审查", "人员身兼数职"])
    joblib.dump(vec, tmp_path / "v.joblib")
    loaded = joblib.load(tmp_path / "v.joblib")
    assert "政务新媒体" in loaded.vocabulary_
    assert loaded.transform(["加强保密审查"]).nnz == vec.transform(["加强保密审查"]).nnz


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    sample = SHARED / "sample-report-bange-2023.txt"
    if sample.exists():
        texts.extend(sample.read_text(encoding="utf-8").splitlines())
    return texts


@pytest.mark.skipif(len(ENGINES) < 2, reason="needs both jieba and rjieba (extra 'fast')")
def test_engines_give_identical_tokens_on_the_corpus():
    texts = _corpus_texts()
    if len(texts) < 50:
        pytest.skip("labeled corpus not present")
    a, b = Tokenizer(engine="jieba"), Tokenizer(engine="rjieba")
    differing = [t for t in texts if a(t) != b(t)]
    assert differing == [], f"{len(differing)} of {len(texts)} texts differ, e.g. {differing[:3]}"


def test_deterministic_across_processes(tmp_path):
    text = "一是乡镇工作人员身兼数职，政务新媒体更新不及时；二是保密审查把关不严。"
    code = (
        "import json,sys; from nlp_reports.tokenize import Tokenizer; "
        f"print(json.dumps(Tokenizer(engine='jieba')({text!r})))"
    )
    env = {**os.environ, "NLP_REPORTS_CACHE": str(tmp_path / "cache")}
    outs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       check=True).stdout
        for _ in range(2)
    ]
    assert outs[0] == outs[1]
    assert json.loads(outs[0]) == Tokenizer(engine="jieba")(text)
    # jieba's dictionary cache went to our cache directory, not the system temp dir
    assert (tmp_path / "cache" / "jieba.cache").exists()


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown tokenizer engine"):
        Tokenizer(engine="thulac")("文本")


def test_userdict_hash_is_stable():
    assert userdict_hash() == userdict_hash()
    assert len(userdict_hash()) == 64


@pytest.mark.parametrize("stop", [True, False])
def test_memoised_normalisation_equals_the_token_by_token_rule(tok, stop, monkeypatch):
    import nlp_reports.tokenize as tk

    texts = _corpus_texts()[:400] + [
        "全年共受理申请１２件，办结率98.5%；（二）改进措施……——",
        "　　“三安全一稳定”12345政府热线、AB角1,200.5％", "。。。", "",
        "　　（二）改进措施：是否及时？是！一是加强，二是；（3）１２件",  # translated or not
        "（一）主动公开情况　　本年度新制发规章0件，现行有效：1件！",
    ]
    t = Tokenizer(engine=tok.engine, stopwords=stop)
    first = [t(x) for x in texts]  # fills the memo
    again = [t(x) for x in texts]  # served from the memo
    assert first == again == [t._call_unmemoised(x) for x in texts]
    # the memo is bounded: past the limit it is emptied and results stay the same
    monkeypatch.setattr(tk, "_NORM_CACHE_MAX", 5)
    novel = "编号" + "，".join(str(987_650 + i) for i in range(20))  # unseen tokens: a miss
    assert t(novel) == t._call_unmemoised(novel)
    assert len(tk._norm_memos[stop]) <= len(set(t.cut(novel)))
    assert [t(x) for x in texts[:50]] == first[:50]


def test_an_engine_that_does_not_import_is_skipped(tmp_path):
    """A broken rjieba install (found but failing to import) falls back to jieba."""
    shadow = tmp_path / "rjieba"
    shadow.mkdir()
    (shadow / "__init__.py").write_text('raise ImportError("broken wheel")\n')
    code = ("import logging; logging.basicConfig(); "
            "from nlp_reports.tokenize import default_engine, Tokenizer; "
            "print(default_engine(), Tokenizer()('政务新媒体'))")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True)
    assert out.stdout.split()[0] == "jieba"
    assert "政务新媒体" in out.stdout
    assert "does not import" in out.stderr


def test_rjieba_loads_without_building_its_default_instance():
    """Importing the ``rjieba`` package builds a default dictionary we never use (≈ 0.12 s);
    the engine loads the extension alone, and a later ``import rjieba`` still works."""
    pytest.importorskip("rjieba")
    code = ("import sys\n"
            "from nlp_reports.tokenize import Tokenizer, default_engine\n"
            "print('ENGINE', default_engine(), Tokenizer('rjieba')('政务新媒体'))\n"
            "print('PACKAGE', 'rjieba' in sys.modules)\n"
            "import rjieba\n"
            "print('SAME', rjieba.Jieba is sys.modules['rjieba.rjieba'].Jieba,"
            " rjieba.cut('依申请公开'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "ENGINE rjieba ['政务新媒体']" in out
    assert "PACKAGE False" in out
    assert "SAME True" in out
