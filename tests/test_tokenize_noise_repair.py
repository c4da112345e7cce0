"""Extraction noise (提取噪声) undone before the model: real held-out statements, real reports.

Statements reach the tagger from PDF text, scraped HTML and .docx with noise the clean
training text rarely has. ``tokenize.repair_extraction`` undoes it in ``Tagger.predict``;
these tests check, on the real held-out and labeled statements and on the fixture reports,
that a noisy statement gets the prediction of its clean form and that clean statements are
predicted exactly as the model alone predicts them.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

import pytest

from nlp_reports.taxonomy import KINDS, THEME_IDS
from nlp_reports.tokenize import repair_extraction, repair_extractions

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nlp_reports" / "data"
REPORTS = ROOT / "tests" / "fixtures" / "reports"


def _records(pattern: str) -> list[dict]:
    return [json.loads(line) for f in sorted(DATA.glob(pattern))
            for line in f.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def tagger():
    from nlp_reports.classify import Tagger

    return Tagger.load()


@pytest.fixture(scope="module")
def heldout() -> list[dict]:
    records = _records("heldout/*.jsonl")
    assert len(records) > 1000
    return records


@pytest.fixture(scope="module")
def labeled_sample() -> list[dict]:
    return random.Random(0).sample(_records("labeled/*.jsonl"), 3000)


def _labels(preds) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.kind, tuple(sorted(p.themes))) for p in preds]


def _model_alone(tagger, texts: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The shipped model's labels for the texts exactly as given (no repair): the
    predictions before this change."""
    s = tagger.bundle.scores(texts)  # (predict_all repairs the texts first)
    kp, tp = tagger.bundle._kind_proba(s), tagger.bundle._theme_proba(s)
    over = tp >= tagger.bundle.thresholds
    return [(KINDS[k], tuple(sorted(t for t, on in zip(THEME_IDS, row, strict=True) if on)))
            for k, row in zip(kp.argmax(1).tolist(), over.tolist(), strict=True)]


def _hits(record: dict, label: tuple[str, tuple[str, ...]]) -> int:
    """Gold labels a prediction gets right: the kind (1) and each theme (1), minus wrong themes."""
    kind, themes = label
    return int(kind == record["kind"]) + len(set(themes) & set(record["themes"])) \
        - len(set(themes) - set(record["themes"]))


# --- clean text: predictions unchanged ------------------------------------------------------

@pytest.mark.parametrize("which", ["heldout", "labeled_sample"])
def test_clean_statements_keep_their_predictions(tagger, which, request):
    """Every held-out statement and 3,000 labeled ones: the prediction is the model's own
    on the text as given, except for the few texts that carry extraction noise themselves
    (a page number, traditional characters …), and those move toward the gold labels."""
    records = request.getfixturevalue(which)
    texts = [r["text"] for r in records]
    before = _model_alone(tagger, texts)
    after = _labels(tagger.predict(texts))
    repaired = [repair_extraction(t) != t for t in texts]
    assert sum(repaired) < 0.03 * len(texts)  # clean text is left alone
    changed = [i for i in range(len(texts)) if before[i] != after[i]]
    for i in changed:
        assert repaired[i], texts[i]
        assert _hits(records[i], after[i]) >= _hits(records[i], before[i]), texts[i]
    assert len(changed) <= 0.002 * len(texts)


# --- noisy text: the clean text's prediction ------------------------------------------------

_CJK = "\u3400-\u9fff"


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def letter_spaced(text: str, i: int) -> str:
    out = [text[:1]]
    for a, b in zip(text, text[1:], strict=False):
        out.append(" " if _is_cjk(a) and _is_cjk(b) else "")
        out.append(b)
    return "".join(out)


def wrapped(text: str, i: int) -> str:
    width = 17 + i % 13
    return "\n".join(text[k:k + width] for k in range(0, len(text), width))


def fullwidth(text: str, i: int) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def halfwidth_punct(text: str, i: int) -> str:
    return text.translate(str.maketrans("，。；：（）！？", ",.;:()!?"))


@cache
def _converter(config: str):
    return pytest.importorskip("opencc").OpenCC(config)


def traditional(text: str, i: int) -> str:
    return _converter(("s2t", "s2tw", "s2hk")[i % 3]).convert(text)


_ENUMERATORS = ("（一）", "1.", "1、", "①", "一是", "第一，", "其一，", "(3)", "二、", "一是，", "其二是",
                "4）", "三. ")


def enumerated(text: str, i: int) -> str:
    return _ENUMERATORS[i % len(_ENUMERATORS)] + text


_PAGES = (" - 3 -", "\n- 12 -", "  第 4 页", "\n第 5 页 共 9 页", " 17", "— 8 —", "\n3/7")


def page_numbered(text: str, i: int) -> str:
    return text + _PAGES[i % len(_PAGES)]


def invisible(text: str, i: int) -> str:
    marks = "\u200b\u00a0\ufeff\u3000\u00ad"
    return "\u3000\u3000" + "".join(c + (marks[k % 5] if k % 7 == 3 else "")
                                    for k, c in enumerate(text))


def doubled_punct(text: str, i: int) -> str:
    return "".join(c * 2 if c in "，。；：、" else c for c in text)


_HEADINGS = ("（二）下一步工作打算", "二、下一步改进措施", " (二)存在的主要问题", "六、其他需要报告的事项 无",
             "2.改进措施", "下一步工作打算", "\n（三）改进措施")


def glued_heading(text: str, i: int) -> str:
    return text + _HEADINGS[i % len(_HEADINGS)]


NOISES = [letter_spaced, wrapped, fullwidth, halfwidth_punct, traditional, enumerated,
          page_numbered, invisible, doubled_punct, glued_heading]


@pytest.mark.parametrize("noise", NOISES, ids=lambda f: f.__name__)
def test_noisy_heldout_statement_gets_the_clean_prediction(tagger, heldout, noise):
    texts = [r["text"] for r in heldout]
    noisy = [noise(t, i) for i, t in enumerate(texts)]
    assert noisy != texts
    clean = _labels(tagger.predict(texts))
    after = _labels(tagger.predict(noisy))
    changed = sum(a != c for a, c in zip(after, clean, strict=True))
    assert changed <= 0.005 * len(texts), f"{changed} of {len(texts)} predictions changed"
    if noise is not fullwidth:  # (the features map the width themselves)
        before = _model_alone(tagger, noisy)  # the model on the noise as it is
        assert sum(b != c for b, c in zip(before, clean, strict=True)) > changed


@pytest.mark.parametrize("noise", [letter_spaced, wrapped, invisible, doubled_punct,
                                   page_numbered, glued_heading], ids=lambda f: f.__name__)
def test_repair_restores_the_clean_statement(heldout, noise):
    """The noise that loses nothing is undone exactly, on real statements."""
    restored = total = 0
    for i, r in enumerate(heldout):
        text = r["text"]
        if repair_extraction(text) != text:  # (a statement noisy already)
            continue
        total += 1
        restored += repair_extraction(noise(text, i)) == text
    assert total > 1000
    assert restored >= 0.99 * total, f"{restored} of {total}"


def test_prediction_keeps_the_text_as_given(tagger, heldout):
    text = letter_spaced(heldout[1]["text"], 0)
    [pred] = tagger.predict([text])
    assert pred.text == text
    assert (pred.kind, pred.themes) == (lambda p: (p.kind, p.themes))(
        tagger.predict([heldout[1]["text"]])[0])


def test_batch_repair_agrees_with_one_by_one(heldout, labeled_sample):
    """The batch path's quick test (table lookups) never skips a text the regexes repair."""
    texts = [r["text"] for r in heldout + labeled_sample]
    texts += [noise(t, i) for noise in NOISES if noise is not traditional
              for i, t in enumerate(texts[:300])]
    texts += ["", " ", "\u200b", "无", "其一，", "一是，x", "十二是：x", "a。。", "第3页"]
    assert repair_extractions(texts) == [repair_extraction(t) for t in texts]


def test_clean_text_is_returned_as_it_is():
    texts = ["部分单位信息公开不及时。", "加强业务培训，提高工作人员能力"]
    assert repair_extractions(texts) is texts


# --- real reports: a traditional mirror of a report is tagged like the original -------------

@pytest.mark.parametrize("name", ["county_2022_aligned.txt", "city_2023_flat.txt",
                                  "county_2023_rectification.txt",
                                  "department_2016_seven_parts.txt"])
def test_traditional_mirror_of_a_report_gets_the_same_tags(tagger, name):
    """A mirror site's traditional copy: the parser cuts statements from the original
    characters, so they reach the tagger traditional; their tags must be the original's."""
    opencc = pytest.importorskip("opencc")
    from nlp_reports.parse import load_report

    raw = (REPORTS / name).read_text("utf-8")
    report = load_report(raw.encode("utf-8"))
    mirror = load_report(opencc.OpenCC("s2t").convert(raw).encode("utf-8"))
    assert len(mirror.statements) == len(report.statements) > 0
    assert any(a.text != b.text for a, b in zip(report.statements, mirror.statements,
                                                   strict=True))
    tags, mirror_tags = tagger.tag(report), tagger.tag(mirror)
    assert [(t.prediction.kind, t.prediction.themes) for t in mirror_tags] == \
        [(t.prediction.kind, t.prediction.themes) for t in tags]
