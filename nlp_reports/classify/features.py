"""Text features for statements (特征): word TF-IDF over the genre tokenizer ∪ char n-gram TF-IDF.

Word features carry the vocabulary of the genre (用户词典 terms such as 先审后发, AB角); the
character n-grams carry what the tokenizer splits oddly or has never seen, so the model holds
up on unseen phrasing. Everything here is picklable: the preprocessor is a module-level
function and the tokenizer is :class:`nlp_reports.tokenize.Tokenizer`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["build_features", "make_tokenizer", "normalize_statement", "strip_marker"]

# 一是 / 二是… , （一） (1) 1. 1、 ①, 第一, 首先/其次/再次/最后 at the start of a statement
_MARKER = re.compile(
    r"^\s*(?:"
    r"[一二三四五六七八九十]+是|"
    r"[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|"
    r"\d{1,2}\s*[.、．)）]|"
    r"[一二三四五六七八九十]+\s*[、.．]|"
    r"[①②③④⑤⑥⑦⑧⑨⑩]|"
    r"第[一二三四五六七八九十]+[，,、]?|"
    r"(?:首先|其次|再次|最后|另外|此外)[，,、]?"
    r")\s*"
)
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")


def strip_marker(text: str) -> str:
    """The statement without its leading enumeration marker (一是, （一）, 1., ① …)."""
    return _MARKER.sub("", text, count=1)


def normalize_statement(text: str) -> str:
    """NFKC (full-width → half-width), no enumeration marker, numbers → 0, no whitespace.

    Used as the char n-gram vectorizer's ``preprocessor``: a count such as 3名 or 2023年 says
    nothing about the kind or theme, and markers only say where the statement sat.
    """
    text = unicodedata.normalize("NFKC", text)
    text = strip_marker(text)
    text = _DIGITS.sub("0", text)
    return _SPACE.sub("", text)


def make_tokenizer(engine: str | None = None) -> Any:
    """The genre tokenizer (:class:`nlp_reports.tokenize.Tokenizer`) for the word features."""
    from nlp_reports.tokenize import Tokenizer

    return Tokenizer(engine)


def build_features(
    tokenizer: Any = None,
    *,
    word_ngram: tuple[int, int] = (1, 2),
    char_ngram: tuple[int, int] = (1, 3),
    min_df: int = 1,
    max_features: int | None = 200_000,
    lexicon: bool = False,
):
    """An unfitted FeatureUnion: word TF-IDF (``tokenizer``) ∪ char n-gram TF-IDF.

    ``tokenizer`` is a picklable callable text -> list[str]; None builds the default
    :class:`~nlp_reports.tokenize.Tokenizer` (fastest installed engine). ``lexicon`` adds
    :class:`LexiconFeatures` (the keyword lexicon's cue counts).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    if tokenizer is None:
        tokenizer = make_tokenizer()
    words = TfidfVectorizer(
        tokenizer=tokenizer,
        preprocessor=strip_marker,
        token_pattern=None,
        lowercase=False,
        ngram_range=word_ngram,
        min_df=min_df,
        sublinear_tf=True,
        max_features=max_features,
        dtype=_float32(),
    )
    chars = TfidfVectorizer(
        analyzer="char",
        preprocessor=normalize_statement,
        lowercase=False,
        ngram_range=char_ngram,
        min_df=min_df,
        sublinear_tf=True,
        max_features=max_features,
        dtype=_float32(),
    )
    parts = [("words", words), ("chars", chars)]
    if lexicon:
        parts.append(("lexicon", LexiconFeatures()))
    return FeatureUnion(parts)


def _float32():
    import numpy as np

    return np.float32


class LexiconFeatures:
    """Counts of the keyword lexicon's cues per kind and per theme (16 dense columns, log-scaled).

    A small, transparent signal beside the n-grams: it carries the genre knowledge written
    into ``data/lexicon.json`` to phrasings the labeled data lacks. ``fit`` learns nothing.
    """

    def __init__(self, lexicon: Any = None) -> None:
        self.lexicon = lexicon

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"lexicon": self.lexicon}

    def set_params(self, **params: Any) -> LexiconFeatures:
        for k, v in params.items():
            setattr(self, k, v)
        return self

    def fit(self, X: Any, y: Any = None) -> LexiconFeatures:
        from nlp_reports.classify.baseline import KeywordBaseline

        self.baseline_ = KeywordBaseline(lexicon=self.lexicon).fit()
        return self

    def transform(self, X: Any):
        import numpy as np
        from scipy import sparse

        from nlp_reports.taxonomy import KINDS, THEME_IDS

        base = self.baseline_
        rows = []
        for x in X:
            text = normalize_statement(x)
            kc = [sum(c in text for c in base.kind_cues_[k]) for k in KINDS]
            tc = [sum(c in text for c in base.theme_cues_[t]) for t in THEME_IDS]
            rows.append(kc + tc)
        return sparse.csr_matrix(np.log1p(np.array(rows, dtype=np.float32)) * 0.5)

    def fit_transform(self, X: Any, y: Any = None):
        return self.fit(X, y).transform(X)

    def get_feature_names_out(self, input_features: Any = None):
        import numpy as np

        from nlp_reports.taxonomy import KINDS, THEME_IDS

        return np.array([f"lex_{k}" for k in (*KINDS, *THEME_IDS)], dtype=object)
