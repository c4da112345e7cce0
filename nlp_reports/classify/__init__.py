"""Statement classification (语句分类): kind (problem/measure/other) and 13 themes.

The public names load lazily, so importing this package does not import scikit-learn:

* :class:`Tagger`, :class:`Prediction`, :class:`TaggedStatement` — load a model, label texts
  or a Report's statements (``tagger.py``);
* :func:`train` → :class:`TrainResult` (``train.py``); :func:`evaluate`,
  :func:`format_evaluation` (``evaluate.py``); :func:`suggest`, :func:`write_suggestions`
  (``suggest.py``);
* :class:`KeywordBaseline` — the transparent lexicon rules (``baseline.py``);
* :class:`StatementModel`, :class:`ThemeClassifier` — the estimators (``model.py``);
* :func:`load_labeled`, :func:`split_by_family`, :class:`LabeledStatement` (``dataset.py``);
* ``KINDS``, ``THEME_IDS`` from :mod:`nlp_reports.taxonomy`.
"""

from __future__ import annotations

import importlib
from typing import Any

from nlp_reports.taxonomy import KINDS as KINDS
from nlp_reports.taxonomy import THEME_IDS as THEME_IDS

_EXPORTS: dict[str, str] = {
    "Tagger": "tagger",
    "Prediction": "tagger",
    "TaggedStatement": "tagger",
    "train": "train",
    "TrainResult": "train",
    "evaluate": "evaluate",
    "format_evaluation": "evaluate",
    "suggest": "suggest",
    "write_suggestions": "suggest",
    "KeywordBaseline": "baseline",
    "StatementModel": "model",
    "ThemeClassifier": "model",
    "LabeledStatement": "dataset",
    "load_labeled": "dataset",
    "split_by_family": "dataset",
}

__all__ = sorted(["KINDS", "THEME_IDS", *_EXPORTS])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nlp_reports.classify' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"nlp_reports.classify.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
