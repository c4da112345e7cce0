"""The statement model (语句分类模型): kind (problem/measure/other) and the 13 themes.

scikit-learn conventions throughout: parameters only in ``__init__``, learned state ends in
``_``, ``check_is_fitted`` guards prediction, and ``clone``/``get_params`` work.

* :class:`ThemeClassifier` — one-vs-rest linear SVMs with sigmoid-calibrated probabilities and
  a per-theme decision threshold tuned on dev data (:meth:`ThemeClassifier.tune_thresholds`).
* :class:`StatementModel` — the shared features (word ∪ char TF-IDF, transformed once per
  batch) feeding a calibrated multiclass kind classifier and a :class:`ThemeClassifier`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.utils.validation import check_is_fitted

from nlp_reports.errors import UsageError
from nlp_reports.taxonomy import KINDS, THEME_IDS

log = logging.getLogger("nlp_reports")

__all__ = ["StatementModel", "ThemeClassifier", "out_of_fold_theme_proba", "tune_threshold"]


class _ConstantProba:
    """A stand-in binary classifier for a label with only one class in training (picklable)."""

    def __init__(self, p: float) -> None:
        self.p = float(p)

    def predict_proba(self, X: Any) -> np.ndarray:
        n = X.shape[0]
        return np.column_stack([np.full(n, 1 - self.p), np.full(n, self.p)])


def _calibrated_linear(C: float, class_weight: Any, cv: int, seed: int, y: np.ndarray,
                       base: str = "svm"):
    """A calibrated linear SVM sized to the data (fewer folds when a class is rare).

    ``ensemble=False``: the folds only fit the sigmoid; one SVM is fit on all the data, which
    keeps the shipped model small. With a class of one example, plain logistic regression.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.svm import LinearSVC

    _, counts = np.unique(y, return_counts=True)
    folds = int(min(cv, counts.min()))
    if folds < 2:
        return LogisticRegression(C=max(C, 1.0) * 10, class_weight=class_weight, max_iter=2000)
    if base == "svm":
        linear = LinearSVC(C=C, class_weight=class_weight, random_state=seed, max_iter=10_000)
    elif base == "logreg":
        linear = LogisticRegression(C=C, class_weight=class_weight, max_iter=2000)
    else:
        raise UsageError(f"base must be 'svm' or 'logreg', got {base!r}")
    return CalibratedClassifierCV(
        linear,
        method="sigmoid",
        cv=StratifiedKFold(folds, shuffle=True, random_state=seed),
        ensemble=False,
    )


def tune_threshold(
    proba: np.ndarray, y: np.ndarray, *, default: float = 0.4, min_positives: int = 3,
    shrink: float = 8.0,
) -> tuple[float, str]:
    """The decision threshold maximizing F1 on (proba, y), and how it was chosen.

    The best F1 is usually a plateau: its middle is taken. With few positives the estimate
    is noisy, so it is pulled toward ``default`` by weight ``npos / (npos + shrink)``; with
    fewer than ``min_positives`` positives ``default`` is used as is ("default").
    """
    npos = int(y.sum())
    if npos < min_positives:
        return default, "default"
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    pred = proba[:, None] >= grid[None, :]
    tp = (pred & (y[:, None] == 1)).sum(0)
    fp = (pred & (y[:, None] == 0)).sum(0)
    f1 = 2 * tp / np.maximum(2 * tp + fp + (npos - tp), 1)
    best = grid[f1 >= f1.max() - 1e-9]
    t = float(np.median(best))
    w = npos / (npos + shrink)
    return round(w * t + (1 - w) * default, 3), "dev"


class ThemeClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label theme classifier (主题分类): calibrated one-vs-rest linear SVMs + thresholds.

    ``fit(X, Y)`` takes a feature matrix and a (n, k) 0/1 label matrix. ``predict_proba``
    gives (n, k) calibrated probabilities; ``predict`` applies ``thresholds_`` (``default_threshold``
    until :meth:`tune_thresholds` sets them from dev data).
    """

    def __init__(self, *, C: float = 0.5, class_weight: Any = "balanced", cv: int = 5,
                 default_threshold: float = 0.4, min_positives: int = 3,
                 base: str = "svm", random_state: int = 0) -> None:
        self.C = C
        self.class_weight = class_weight
        self.cv = cv
        self.default_threshold = default_threshold
        self.min_positives = min_positives
        self.base = base
        self.random_state = random_state

    def fit(self, X: Any, Y: Any, sample_weight: Any = None) -> ThemeClassifier:
        """One calibrated classifier per label column of ``Y`` (a constant stand-in for a
        label with one class only); thresholds start at ``default_threshold``.
        ``sample_weight``: how much each statement counts (SVM loss and calibration)."""
        Y = np.asarray(Y)
        if Y.ndim != 2 or Y.shape[0] != X.shape[0]:
            raise UsageError(f"Y must be a (n_samples, n_labels) 0/1 matrix, got shape {Y.shape}")
        self.estimators_ = []
        for j in range(Y.shape[1]):
            y = Y[:, j].astype(int)
            if y.min() == y.max():
                self.estimators_.append(_ConstantProba(y.mean()))
                continue
            est = _calibrated_linear(self.C, self.class_weight, self.cv, self.random_state, y,
                                     self.base)
            self.estimators_.append(est.fit(X, y, sample_weight=sample_weight))
        self.n_labels_ = Y.shape[1]
        self.classes_ = np.arange(Y.shape[1])
        self.thresholds_ = np.full(Y.shape[1], self.default_threshold)
        self.threshold_sources_ = ["default"] * Y.shape[1]
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """(n, k) calibrated probability of each label."""
        check_is_fitted(self, "estimators_")
        if X.shape[0] == 0:
            return np.zeros((0, self.n_labels_))
        return np.column_stack([e.predict_proba(X)[:, 1] for e in self.estimators_])

    def predict(self, X: Any) -> np.ndarray:
        """(n, k) 0/1 labels: probability at or over each label's threshold."""
        return (self.predict_proba(X) >= self.thresholds_).astype(int)

    def tune_thresholds(self, X: Any, Y: Any) -> ThemeClassifier:
        """Set ``thresholds_`` to maximize each label's F1 on dev data (see :func:`tune_threshold`)."""
        proba = self.predict_proba(X)
        Y = np.asarray(Y)
        for j in range(self.n_labels_):
            t, how = tune_threshold(proba[:, j], Y[:, j], default=self.default_threshold,
                                    min_positives=self.min_positives)
            self.thresholds_[j] = t
            self.threshold_sources_[j] = how
        return self


def _repaired(X: Sequence[str]) -> list[str]:
    """The texts as the model reads them, in training as in prediction: with the noise of
    extraction undone (:func:`nlp_reports.tokenize.repair_extraction`; the compiled model
    behind :class:`~nlp_reports.classify.Tagger` gets the same texts)."""
    from nlp_reports.tokenize import repair_extractions

    return repair_extractions(list(X))


class StatementModel(ClassifierMixin, BaseEstimator):
    """Kind + themes of a statement from one shared feature transform (one per batch).

    ``fit(X, y, themes)``: ``X`` texts, ``y`` kinds, ``themes`` a sequence of theme-id
    sequences (or a (n, 13) 0/1 matrix). ``predict`` gives kinds; :meth:`predict_all` gives
    the kind probabilities (columns in ``taxonomy.KINDS`` order) and theme probabilities
    (``taxonomy.THEME_IDS`` order) together.

    Parameters: ``features`` an unfitted transformer (None: :func:`build_features` with
    ``tokenizer``, ``word_ngram``, ``char_ngram``, ``min_df``); ``kind_C``/``theme_C`` the SVM
    regularization; ``class_weight`` for the kind model and, unless ``theme_class_weight``
    is given (anything but ``"same"``), the theme models; ``cv`` calibration folds;
    ``theme_threshold`` the fallback threshold.
    """

    theme_class_weight: Any = "same"  # models pickled before the parameter existed

    def __init__(self, *, features: Any = None, tokenizer: Any = None,
                 word_ngram: tuple[int, int] = (1, 2), char_ngram: tuple[int, int] = (1, 3),
                 min_df: int = 1, kind_C: float = 0.5, theme_C: float = 0.5,
                 class_weight: Any = "balanced", theme_class_weight: Any = "same", cv: int = 5,
                 theme_threshold: float = 0.4, base: str = "svm", random_state: int = 0) -> None:
        self.features = features
        self.tokenizer = tokenizer
        self.word_ngram = word_ngram
        self.char_ngram = char_ngram
        self.min_df = min_df
        self.kind_C = kind_C
        self.theme_C = theme_C
        self.class_weight = class_weight
        self.theme_class_weight = theme_class_weight
        self.cv = cv
        self.theme_threshold = theme_threshold
        self.base = base
        self.random_state = random_state

    def _make_features(self):
        if self.features is not None:
            return clone(self.features)
        from nlp_reports.classify.features import build_features

        return build_features(self.tokenizer, word_ngram=tuple(self.word_ngram),
                              char_ngram=tuple(self.char_ngram), min_df=self.min_df)

    def fit(self, X: Sequence[str], y: Sequence[str], themes: Any = None,
            sample_weight: Any = None) -> StatementModel:
        """Fit the features, the kind model and the theme model on texts, kinds and themes
        (see the class docstring); kinds or themes outside the taxonomy raise DataError.
        ``sample_weight``: how much each statement counts in the kind and theme models (the
        features are fit on the texts as they are, each once)."""
        from nlp_reports.classify.dataset import require_texts, theme_matrix

        require_texts(X, "StatementModel.fit")
        X = _repaired(X)
        y = np.asarray(y)
        if len(X) != len(y):
            raise UsageError(f"X has {len(X)} texts but y has {len(y)} kinds")
        if themes is None:
            raise UsageError(
                "themes is required: a theme-id list per text (may be empty). In scikit-learn "
                "route it as a fit parameter: cross_val_score(model, X, y, "
                "params={'themes': T}), GridSearchCV(...).fit(X, y, themes=T), or "
                "pipeline.fit(X, y, <step>__themes=T)")
        bad = sorted({str(k) for k in y} - set(KINDS))
        if bad:
            from nlp_reports.classify.dataset import unknown_labels_message
            from nlp_reports.errors import DataError

            raise DataError(f"StatementModel.fit: {unknown_labels_message(bad, 'kind')}")
        if isinstance(themes, np.ndarray) and themes.ndim == 2 \
                and themes.dtype.kind in "biuf":
            Y = np.asarray(themes)
            if Y.shape != (len(X), len(THEME_IDS)):
                raise UsageError(f"a theme matrix must be (n_texts, {len(THEME_IDS)}) 0/1 "
                                 f"in taxonomy.THEME_IDS order, got shape {Y.shape}")
        else:
            Y = theme_matrix(list(themes))  # ids or Chinese names; DataError for others
            if len(Y) != len(X):
                raise UsageError(f"X has {len(X)} texts but themes has {len(Y)} rows")
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight, dtype=np.float64)
            if sample_weight.shape != (len(X),) or (sample_weight <= 0).any():
                raise UsageError(f"sample_weight must be {len(X)} positive numbers, one a text")
        self.features_ = self._make_features()
        Xf = self.features_.fit_transform(X)
        self.kind_model_ = _calibrated_linear(
            self.kind_C, self.class_weight, self.cv, self.random_state, y, self.base,
        ).fit(Xf, y, sample_weight=sample_weight)
        self.classes_ = np.array(KINDS)
        self.theme_model_ = ThemeClassifier(
            C=self.theme_C, cv=self.cv,
            class_weight=(self.class_weight if isinstance(self.theme_class_weight, str)
                          and self.theme_class_weight == "same" else self.theme_class_weight),
            default_threshold=self.theme_threshold, base=self.base,
            random_state=self.random_state,
        ).fit(Xf, Y, sample_weight=sample_weight)
        self.themes_ = THEME_IDS
        return self

    @property
    def thresholds_(self) -> np.ndarray:
        """Per-theme decision thresholds (``taxonomy.THEME_IDS`` order)."""
        check_is_fitted(self, "theme_model_")
        return self.theme_model_.thresholds_

    def transform(self, X: Sequence[str]):
        """The feature matrix of ``X`` (word ∪ char TF-IDF)."""
        from nlp_reports.classify.dataset import require_texts

        require_texts(X, "StatementModel.transform")
        check_is_fitted(self, "features_")
        return self.features_.transform(_repaired(X))

    def kind_proba_from_features(self, Xf: Any) -> np.ndarray:
        """Kind probabilities (n, 3) in ``KINDS`` order; a kind unseen in training gets 0."""
        p = self.kind_model_.predict_proba(Xf)
        out = np.zeros((Xf.shape[0], len(KINDS)))
        for j, k in enumerate(self.kind_model_.classes_):
            out[:, KINDS.index(k)] = p[:, j]
        return out

    def predict_all(self, X: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(kind probabilities (n, 3), theme probabilities (n, 13)) from one transform.

        ``X``: a list of statements (one str raises TypeError, as do predict and
        predict_proba/predict_themes, which call this)."""
        from nlp_reports.classify.dataset import require_texts

        require_texts(X, "StatementModel.predict")
        check_is_fitted(self, "features_")
        X = _repaired(X)
        if not X:
            return np.zeros((0, len(KINDS))), np.zeros((0, len(THEME_IDS)))
        Xf = self.features_.transform(X)
        return self.kind_proba_from_features(Xf), self.theme_model_.predict_proba(Xf)

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """(n, 3) kind probabilities in ``taxonomy.KINDS`` order."""
        return self.predict_all(X)[0]

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """The most probable kind of each text."""
        return np.array(KINDS)[self.predict_proba(X).argmax(1)]

    def predict_themes(self, X: Sequence[str]) -> np.ndarray:
        """(n, 13) 0/1 theme matrix with the tuned thresholds applied."""
        return (self.predict_all(X)[1] >= self.thresholds_).astype(int)

    def set_thresholds(self, thresholds: Any, sources: Sequence[str]) -> StatementModel:
        """Use these per-theme thresholds (``THEME_IDS`` order); ``sources`` says how each was set."""
        check_is_fitted(self, "theme_model_")
        thresholds = np.asarray(thresholds, dtype=np.float64)
        if thresholds.shape != (self.theme_model_.n_labels_,) or len(sources) != len(thresholds):
            raise UsageError(f"need {self.theme_model_.n_labels_} thresholds and sources")
        self.theme_model_.thresholds_ = thresholds.copy()
        self.theme_model_.threshold_sources_ = list(sources)
        return self

    def tune_thresholds(self, X: Sequence[str], themes: Any) -> StatementModel:
        """Tune the per-theme thresholds on dev texts and their theme lists."""
        from nlp_reports.classify.dataset import theme_matrix

        check_is_fitted(self, "theme_model_")
        Y = np.asarray(themes) if isinstance(themes, np.ndarray) else theme_matrix(themes)
        self.theme_model_.tune_thresholds(self.transform(X), Y)
        return self


def out_of_fold_theme_proba(model: StatementModel, X: Sequence[str], y: Sequence[str],
                            themes: Any, groups: Sequence[str], *, folds: int = 5,
                            sample_weight: Any = None) -> np.ndarray:
    """Theme probabilities (n, 13) of every text from a clone of ``model`` not trained on its group.

    Folds are grouped (``GroupKFold``, e.g. by family) so a template's near-duplicates never
    score each other: thresholds tuned on these predictions see the whole of train+dev
    instead of the dev split alone. Fewer folds when there are fewer groups.
    """
    from sklearn.model_selection import GroupKFold

    from nlp_reports.classify.dataset import theme_matrix

    X, y, groups = list(X), np.asarray(y), np.asarray(groups)
    Y = np.asarray(themes) if isinstance(themes, np.ndarray) else theme_matrix(themes)
    k = min(folds, len(set(groups.tolist())))
    if k < 2:
        raise UsageError("out-of-fold predictions need at least two groups")
    proba = np.zeros((len(X), Y.shape[1]))
    for fit_idx, held in GroupKFold(n_splits=k).split(X, groups=groups):
        m = clone(model).fit([X[i] for i in fit_idx], y[fit_idx], Y[fit_idx],
                             sample_weight=None if sample_weight is None
                             else np.asarray(sample_weight)[fit_idx])
        proba[held] = m.predict_all([X[i] for i in held])[1]
    return proba
