"""Statement classification (语句分类): kind (problem/measure/other) and 13 themes.

The public names load lazily, so importing this package does not import scikit-learn:

* :class:`Tagger`, :class:`Prediction`, :class:`TaggedStatement` — load a model, label texts
  or a Report's statements (``tagger.py``);
* :func:`train` → :class:`TrainResult` (``train.py``); :func:`evaluate`,
  :func:`format_evaluation` (``evaluate.py``); :func:`suggest`, :func:`write_suggestions`
  (``suggest.py``);
* :class:`Explanation`, :class:`HeadExplanation`, :class:`Contribution` — what
  :meth:`Tagger.explain` gives: each decision score in parts (``explain.py``);
* :class:`KeywordBaseline` — the transparent lexicon rules (``baseline.py``);
* :class:`StatementModel`, :class:`ThemeClassifier` — the estimators (``model.py``);
* :func:`load_labeled`, :func:`split_by_family`, :class:`LabeledStatement` (``dataset.py``);
* ``KINDS``, ``THEME_IDS`` from :mod:`nlp_reports.taxonomy`.
"""

from __future__ import annotations

import importlib
from typing import Any

# The modules named like their main function (train, evaluate, suggest) are imported here,
# so the function, not the submodule, is what ``nlp_reports.classify.train`` names. They
# import only the standard library at module level; scikit-learn loads when they run.
from nlp_reports.classify.evaluate import evaluate, format_evaluation
from nlp_reports.classify.suggest import suggest, write_suggestions
from nlp_reports.classify.train import TrainResult, train
from nlp_reports.taxonomy import KINDS as KINDS
from nlp_reports.taxonomy import THEME_IDS as THEME_IDS

# The rest load lazily on first access (tagger, model and baseline import scikit-learn).
_LAZY: dict[str, str] = {
    "Tagger": "tagger",
    "Prediction": "tagger",
    "TaggedStatement": "tagger",
    "KeywordBaseline": "baseline",
    "StatementModel": "model",
    "ThemeClassifier": "model",
    "Explanation": "explain",
    "HeadExplanation": "explain",
    "Contribution": "explain",
    "LabeledStatement": "dataset",
    "load_labeled": "dataset",
    "split_by_family": "dataset",
}

__all__ = [
    "KINDS", "THEME_IDS", "Contribution", "Explanation", "HeadExplanation", "KeywordBaseline", "LabeledStatement", "Prediction", "StatementModel",
    "TaggedStatement", "Tagger", "ThemeClassifier", "TrainResult", "evaluate",
    "format_evaluation", "load_labeled", "split_by_family", "suggest", "train",
    "write_suggestions",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nlp_reports.classify' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"nlp_reports.classify.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
