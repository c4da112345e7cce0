"""The keyword baseline (关键词基线): the lexicon in ``nlp_reports/data/lexicon.json`` as rules.

Transparent on purpose: every decision can be traced to a cue. It is always reported beside
the learned model, so a reader can see what the model adds over reading for keywords.

Rules. The text is NFKC-normalized and stripped of its enumeration marker.
*Themes*: a theme applies when any of its problem or measure cues occurs.
*Kind*: each kind scores ``weight × number of its cues found``; a measure cue found only
inside a problem cue (完善 in 不完善) does not count. Highest score wins; ties go
problem > measure > other, and no cue at all gives ``other``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from nlp_reports.classify.dataset import require_texts
from nlp_reports.classify.features import normalize_statement
from nlp_reports.errors import DataError
from nlp_reports.taxonomy import KINDS, THEME_IDS

__all__ = ["KeywordBaseline", "load_lexicon"]


def load_lexicon(source: str | os.PathLike | dict | None = None) -> dict[str, Any]:
    """The lexicon as a dict: the packaged one (None), a JSON file, or a dict given as is."""
    if isinstance(source, dict):
        lex = source
    elif source is None:
        text = resources.files("nlp_reports").joinpath("data", "lexicon.json").read_text("utf-8")
        lex = json.loads(text)
    else:
        try:
            with open(source, encoding="utf-8") as fh:
                lex = json.load(fh)
        except (OSError, ValueError, RecursionError) as exc:  # (not UTF-8, not JSON, nested)
            raise DataError(f"{source}: cannot read the lexicon "
                            f"({'nested too deeply' if isinstance(exc, RecursionError) else exc})"
                            ) from None
        if not isinstance(lex, dict):
            raise DataError(f"{source}: the lexicon must be a JSON object, not "
                            f"{type(lex).__name__}")
    unknown = set(lex.get("themes", {})) - set(THEME_IDS)
    if unknown or set(lex.get("kinds", {})) - {*KINDS, "weights"}:
        raise DataError(f"lexicon has unknown theme or kind keys: {sorted(unknown)}")
    return lex


class KeywordBaseline(ClassifierMixin, BaseEstimator):
    """Kind and themes from cue words (the lexicon); ``fit`` only records the label sets.

    ``lexicon``: None (the packaged ``data/lexicon.json``), a path, or a dict of the same form.
    """

    def __init__(self, *, lexicon: str | os.PathLike | dict | None = None) -> None:
        self.lexicon = lexicon

    def fit(self, X: Sequence[str] | None = None, y: Any = None, themes: Any = None
            ) -> KeywordBaseline:
        """No learning: loads the lexicon and records ``classes_`` (kinds) and ``themes_``."""
        lex = load_lexicon(self.lexicon)
        kinds = lex.get("kinds", {})
        self.weights_ = {k: float(kinds.get("weights", {}).get(k, 1.0)) for k in KINDS}
        self.kind_cues_ = {k: tuple(kinds.get(k, ())) for k in KINDS}
        self.theme_cues_ = {
            t: tuple(dict.fromkeys([*lex["themes"].get(t, {}).get("problem", ()),
                                    *lex["themes"].get(t, {}).get("measure", ())]))
            for t in THEME_IDS
        }
        self.classes_ = np.array(KINDS)
        self.themes_ = THEME_IDS
        return self

    def _kind(self, text: str) -> str:
        problem = [c for c in self.kind_cues_["problem"] if c in text]
        masked = text
        for c in problem:
            masked = masked.replace(c, "□" * len(c))
        scores = {
            "problem": self.weights_["problem"] * len(problem),
            "measure": self.weights_["measure"]
            * sum(1 for c in self.kind_cues_["measure"] if c in masked),
            "other": self.weights_["other"] * sum(1 for c in self.kind_cues_["other"] if c in text),
        }
        best = max(scores.values())
        if best == 0:
            return "other"
        return next(k for k in KINDS if scores[k] == best)

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """Kinds of a list of statements (one str raises TypeError)."""
        require_texts(X, "KeywordBaseline.predict")
        check_is_fitted(self, "kind_cues_")
        return np.array([self._kind(normalize_statement(x)) for x in X], dtype=object)

    def predict_themes(self, X: Sequence[str]) -> np.ndarray:
        """(n, 13) 0/1 theme matrix, columns in ``taxonomy.THEME_IDS`` order."""
        require_texts(X, "KeywordBaseline.predict_themes")
        check_is_fitted(self, "theme_cues_")
        out = np.zeros((len(X), len(THEME_IDS)), dtype=int)
        for i, x in enumerate(X):
            text = normalize_statement(x)
            for j, t in enumerate(THEME_IDS):
                if any(c in text for c in self.theme_cues_[t]):
                    out[i, j] = 1
        return out

    def explain(self, text: str) -> dict[str, list[str]]:
        """The cues found in ``text``, per kind and per theme (why the baseline decided)."""
        check_is_fitted(self, "kind_cues_")
        norm = normalize_statement(text)
        found = {k: [c for c in self.kind_cues_[k] if c in norm] for k in KINDS}
        found.update({t: [c for c in self.theme_cues_[t] if c in norm] for t in THEME_IDS})
        return {k: v for k, v in found.items() if v}
