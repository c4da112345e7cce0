"""Why the model said this (判定依据): each decision score as the sum of its features' parts.

The statement model is linear over TF-IDF features: for each head (each kind, each theme)
the decision score of a text is ``intercept + Σ tfidf(feature) × weight(feature)`` over the
text's features, and the head's sigmoid calibration maps that score to the probability
``Tagger.predict`` gives. :func:`explain` reads those parts off the compiled model
(:class:`~nlp_reports.classify.compiled.ModelBundle`, numpy only) and keeps the largest of
each sign: the words (jieba segmentation, 词) and character n-grams (字符 n 元组) that pushed
a text towards a label and those that pushed it away.

Exact, not an approximation: the contributions of all features plus the intercept are the
score the model computes (``tests/test_explain.py``). The layout evidence
``Tagger.tag`` adds (the block a statement sits in, a prior on the kind) is no part of the
linear score and so of no explanation here.

Why: a researcher who reports "staffing was named by 38 % of reports" must be able to show
why a statement was tagged staffing, and to catch a model keying on the wrong thing (a place
name, a year).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nlp_reports.taxonomy import KINDS, THEME_IDS

__all__ = ["EXPLAIN_VERSION", "Contribution", "Explanation", "HeadExplanation", "explain"]

#: Version of the ``explain`` object ``nlp-reports classify --explain`` writes (bumped when
#: a field changes meaning or goes away; new fields do not bump it).
EXPLAIN_VERSION = 1

_CHUNK = 512  # texts whose features are computed together


@dataclass(frozen=True)
class Contribution:
    """One feature's part in a decision score (特征贡献): ``tfidf × weight``.

    ``term`` is the feature as a reader sees it: a word of the tokenizer (a word bigram as
    its two words with a space between) for block ``word``; for block ``char`` the characters
    of a 1–3-character n-gram of the normalized text (digits folded to 0, full-width to
    half-width). The same text may be a feature of both blocks: ``block`` says which.
    """

    term: str
    block: str
    tfidf: float
    weight: float
    contribution: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, numbers rounded to 6 places."""
        return {"term": self.term, "block": self.block,
                "contribution": round(self.contribution, 6),
                "tfidf": round(self.tfidf, 6), "weight": round(self.weight, 6)}


@dataclass(frozen=True)
class HeadExplanation:
    """The decision score of one label (a kind or a theme) for one text, in parts.

    ``score == intercept + sum of every feature's contribution``; ``positive`` and
    ``negative`` hold the ``top`` largest contributions of each sign (largest first) and
    ``rest`` the sum of the others, so ``intercept + Σ positive + Σ negative + rest`` is the
    score too. ``features`` counts the text's features in the model's vocabulary;
    ``blocks`` gives the sum of all contributions of each feature block (``word``,
    ``char``): many small character n-grams can outweigh the few words shown.
    ``probability`` is the calibrated probability ``predict`` gives (for a kind: after the
    three kinds' calibrated scores are normalized to sum to 1). A higher score means a
    higher probability (every head's calibration slope is checked to be so, else
    ``direction`` is -1). ``threshold``: a theme's decision threshold (None for a kind);
    ``predicted``: the label is the predicted kind, or a theme over its threshold.
    A theme trained with one class only has a constant probability: ``linear`` False,
    no score, no parts.
    """

    label: str
    head: str
    probability: float
    predicted: bool
    threshold: float | None
    linear: bool
    score: float | None
    intercept: float | None
    positive: tuple[Contribution, ...]
    negative: tuple[Contribution, ...]
    rest: float
    features: int
    direction: int = 1
    blocks: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (numbers rounded to 6 places)."""
        def r6(x: float | None) -> float | None:
            return None if x is None else round(x, 6)

        out: dict[str, Any] = {
            "probability": r6(self.probability), "predicted": self.predicted,
            "score": r6(self.score), "intercept": r6(self.intercept),
            "positive": [c.to_dict() for c in self.positive],
            "negative": [c.to_dict() for c in self.negative],
            "rest": r6(self.rest), "features": self.features,
            "blocks": {b: round(x, 6) for b, x in self.blocks},
        }
        if self.threshold is not None:
            out["threshold"] = r6(self.threshold)
        if not self.linear:
            out["linear"] = False
        if self.direction != 1:
            out["direction"] = self.direction
        return out


@dataclass(frozen=True)
class Explanation:
    """Why the model labelled one text as it did (判定依据): its prediction, each kind's
    decision score in parts (``kinds``, KINDS order) and the themes' (``themes``: the
    predicted ones and any asked for, THEME_IDS order). A blank text is not scored
    (``scored`` False, no parts), as ``predict`` does not score it."""

    text: str
    prediction: Any  # tagger.Prediction
    scored: bool
    kinds: tuple[HeadExplanation, ...]
    themes: tuple[HeadExplanation, ...]

    @property
    def kind(self) -> HeadExplanation | None:
        """The explanation of the predicted kind (None for a blank text)."""
        for h in self.kinds:
            if h.label == self.prediction.kind:
                return h
        return None

    def theme(self, theme_id: str) -> HeadExplanation | None:
        """The explanation of one theme, if it was explained."""
        for h in self.themes:
            if h.label == theme_id:
                return h
        return None

    def to_dict(self) -> dict[str, Any]:
        """The ``explain`` object of ``nlp-reports classify --explain`` (docs/model-card.md,
        "Why did it say that?")."""
        return {"version": EXPLAIN_VERSION, "scored": self.scored,
                "kinds": {h.label: h.to_dict() for h in self.kinds},
                "themes": {h.label: h.to_dict() for h in self.themes}}


def _terms(bundle: Any) -> list[tuple[str, list[str | None]]]:
    """(block, column → term) of each vectorizer, built on first use and kept on the bundle
    (``_``-prefixed: never pickled, never in a data copy). The block is the vectorizer's
    analyzer: ``word`` (n-grams of the genre tokenizer) or ``char`` (character n-grams of
    the normalized text, markers stripped, digits folded to 0)."""
    cached = bundle.__dict__.get("_explain_terms")
    if cached is None:
        cached = []
        for v in bundle.vectorizers:
            names: list[str | None] = [None] * len(v.idf)
            for term, col in v.vocabulary.items():
                names[col] = term
            cached.append((v.analyzer, names))
        bundle.__dict__["_explain_terms"] = cached
    return cached


def _check_linear(bundle: Any) -> None:
    """ModelError unless the model's heads are the linear ones this explains."""
    from nlp_reports.classify.compiled import ModelBundle
    from nlp_reports.errors import ModelError

    if not isinstance(bundle, ModelBundle):
        raise ModelError(f"cannot explain a {type(bundle).__name__}: explanations read the "
                         "compiled linear model (ModelBundle) that Tagger.load gives")
    modes = [bundle.kind_head.get("mode"), *(h.get("mode") for h in bundle.theme_heads)]
    bad = sorted({str(m) for m in modes} - {"sigmoid", "logistic", "constant"})
    if bad or bundle.kind_head.get("mode") == "constant":
        raise ModelError(f"cannot explain this model: a head of mode {', '.join(bad) or 'constant'} "
                         "is not linear over the TF-IDF features (explanations need the "
                         "linear kind and theme heads nlp-reports train makes)")


def _rows(bundle: Any, texts: list[str]) -> list[tuple[Any, Any]]:
    """(global feature columns, tf-idf values) of each text, as ``ModelBundle.scores`` reads
    it (texts already repaired)."""
    import numpy as np

    from nlp_reports.classify.compiled import _Joined

    out: list[tuple[Any, Any]] = []
    for start in range(0, len(texts), _CHUNK):
        part = texts[start:start + _CHUNK]
        joined = _Joined(part)
        cols_by: list[list[Any]] = [[] for _ in part]
        vals_by: list[list[Any]] = [[] for _ in part]
        for v in bundle.vectorizers:
            docs, cols, vals = v.batch(part, joined)
            if not len(docs):
                continue
            cut = np.searchsorted(docs, np.arange(len(part) + 1))  # docs come sorted
            for d in range(len(part)):
                a, b = cut[d], cut[d + 1]
                if b > a:
                    cols_by[d].append(cols[a:b])
                    vals_by[d].append(vals[a:b])
        for c, v in zip(cols_by, vals_by, strict=True):
            out.append((np.concatenate(c) if c else np.zeros(0, np.int64),
                        np.concatenate(v) if v else np.zeros(0)))
    return out


def _block_of(bundle: Any, col: int) -> tuple[str, str]:
    """(block, term) of a global feature column."""
    terms = _terms(bundle)
    for v, (block, names) in zip(bundle.vectorizers, terms, strict=True):
        if v.offset <= col < v.offset + len(names):
            return block, names[col - v.offset] or f"#{col}"
    return "?", f"#{col}"


def _head(bundle: Any, cols: Any, vals: Any, column: int, top: int, *, label: str,
          head: str, probability: float, predicted: bool, threshold: float | None,
          direction: int) -> HeadExplanation:
    import numpy as np

    w = bundle.weights[cols, column].astype(np.float64)  # float32 widened exactly
    parts = w * vals
    intercept = float(bundle.intercepts[column])
    score = intercept + float(parts.sum())

    def top_of(idx: Any) -> tuple[Contribution, ...]:
        out = []
        for i in idx.tolist():
            block, term = _block_of(bundle, int(cols[i]))
            out.append(Contribution(term=term, block=block, tfidf=float(vals[i]),
                                    weight=float(w[i]), contribution=float(parts[i])))
        return tuple(out)

    pos = np.flatnonzero(parts > 0)
    neg = np.flatnonzero(parts < 0)
    # largest first; ties by column, for the same order every run
    pos = pos[np.lexsort((cols[pos], -parts[pos]))][:top]
    neg = neg[np.lexsort((cols[neg], parts[neg]))][:top]
    shown = float(parts[pos].sum() + parts[neg].sum())
    blocks = tuple((v.analyzer, float(parts[(cols >= v.offset) & (cols < v.offset + len(v.idf))].sum()))
                   for v in bundle.vectorizers)
    return HeadExplanation(label=label, head=head, probability=probability, predicted=predicted,
                           threshold=threshold, linear=True, score=score, intercept=intercept,
                           positive=top_of(pos), negative=top_of(neg),
                           rest=float(parts.sum()) - shown, features=int(len(cols)),
                           direction=direction, blocks=blocks)


def _direction(mode: str, slope: Any) -> int:
    """+1 when a higher decision score raises the head's probability, -1 when not: a
    sigmoid calibration ``expit(-(a·score + b))`` with a slope ``a`` > 0 turns it around."""
    return -1 if mode == "sigmoid" and slope > 0 else 1


def theme_ids(themes: Any) -> tuple[str, ...] | None:
    """The theme ids asked for: None (the predicted ones only), "all", or ids / Chinese
    names, several in one string separated as in label files (UsageError for others,
    naming the one meant)."""
    if themes is None:
        return None
    import re

    if isinstance(themes, str):
        themes = [themes]
    # "staffing;training" as the label files write several (; , 、 or spaces)
    themes = [p for t in themes for p in (re.split(r"[;,，；、\s]+", t) if isinstance(t, str)
                                          else [t]) if p != ""]
    if "all" in themes:
        return THEME_IDS
    from nlp_reports.classify.dataset import _theme_id, unknown_labels_message
    from nlp_reports.errors import UsageError

    ids = [_theme_id(t) if isinstance(t, str) else t for t in themes]
    bad = [t for t, i in zip(themes, ids, strict=True) if i not in THEME_IDS]
    if bad:
        raise UsageError(f"explain: {unknown_labels_message(bad, 'theme')}")
    return tuple(t for t in THEME_IDS if t in ids)


def explain(bundle: Any, texts: Sequence[str], predictions: Sequence[Any], *, top: int = 5,
            themes: Any = None) -> list[Explanation]:
    """One :class:`Explanation` per text (``predictions``: ``Tagger.predict(texts)``).

    ``top``: contributions kept of each sign per label; ``themes``: None (the predicted
    themes), "all", or theme ids / Chinese names to explain besides the predicted ones
    (why NOT staffing?). ModelError for a model whose heads are not linear.
    """
    import numpy as np

    from nlp_reports.errors import UsageError
    from nlp_reports.tokenize import repair_extractions

    if isinstance(top, bool) or not isinstance(top, int) or top < 0:
        raise UsageError(f"top must be a whole number ≥ 0, got {top!r}")
    _check_linear(bundle)
    asked = theme_ids(themes)
    texts = list(texts)
    scored = [i for i, t in enumerate(texts) if t and not t.isspace()]
    rows = _rows(bundle, repair_extractions([texts[i] for i in scored])) if scored else []
    row_of = dict(zip(scored, rows, strict=True))
    kh = bundle.kind_head
    classes, columns = list(kh["classes"]), list(kh["columns"])
    slopes = np.atleast_1d(kh.get("a", np.full(len(columns), -1.0))).tolist()
    # kind → (score column, direction: +1 when a higher score raises its probability)
    if len(classes) == 2 and len(columns) == 1:  # binary: one score, for classes[1]
        up = _direction(kh["mode"], slopes[0])
        kind_col = {classes[1]: (columns[0], up), classes[0]: (columns[0], -up)}
    else:
        kind_col = {k: (c, _direction(kh["mode"], a))
                    for k, c, a in zip(classes, columns, slopes, strict=True)}
    thresholds = bundle.thresholds
    out = []
    for i, (text, pred) in enumerate(zip(texts, predictions, strict=True)):
        if i not in row_of:
            out.append(Explanation(text=text, prediction=pred, scored=False, kinds=(), themes=()))
            continue
        cols, vals = row_of[i]
        kinds = []
        for k in KINDS:
            if k not in kind_col:  # a kind unseen in training: probability 0, no head
                continue
            column, direction = kind_col[k]
            kinds.append(_head(bundle, cols, vals, column, top, label=k, head="kind",
                               probability=pred.kind_scores[k], predicted=k == pred.kind,
                               threshold=None, direction=direction))
        heads = []
        for j, t in enumerate(THEME_IDS):
            if t not in pred.themes and (asked is None or t not in asked):
                continue
            h = bundle.theme_heads[j]
            common = dict(label=t, head="theme", probability=pred.theme_scores[t],
                          predicted=t in pred.themes, threshold=float(thresholds[j]))
            if h["mode"] == "constant":
                heads.append(HeadExplanation(**common, linear=False, score=None, intercept=None,
                                             positive=(), negative=(), rest=0.0,
                                             features=int(len(cols))))
                continue
            heads.append(_head(bundle, cols, vals, h["column"], top,
                               direction=_direction(h["mode"], h.get("a")), **common))
        out.append(Explanation(text=text, prediction=pred, scored=True, kinds=tuple(kinds),
                               themes=tuple(heads)))
    return out
