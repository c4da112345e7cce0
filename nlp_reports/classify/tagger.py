"""The tagger (语句标注器): a loaded model that labels statements with kind and themes.

:meth:`Tagger.load` finds, verifies and unpickles a model directory (see
:mod:`nlp_reports.classify.modelcard` for the trust and checksum rules); :meth:`Tagger.predict`
labels texts in batches (one feature transform per batch); :meth:`Tagger.tag` labels a
:class:`~nlp_reports.report.Report`'s statements using the layout as extra evidence.

Layout evidence. The parser knows whether a statement sits under 存在的主要问题 (block
``problem``) or under 改进措施 (block ``measure``). That is strong but imperfect evidence (a
problem block often opens with boilerplate, some reports mix the two), so it acts as a prior:
the model's kind probabilities are multiplied by ``LAYOUT_PRIOR`` for the block's kind
(1 for the others) and renormalized. ``layout_disagrees`` is set when the model alone gives
another kind a probability of at least ``DISAGREE_CONFIDENCE`` — a statement worth a look.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nlp_reports.report import Report, Statement
from nlp_reports.taxonomy import KINDS, THEME_IDS

log = logging.getLogger("nlp_reports")

__all__ = ["DISAGREE_CONFIDENCE", "LAYOUT_PRIOR", "Prediction", "TaggedStatement", "Tagger"]

#: Weight the layout block gives its own kind before renormalizing (see module docstring).
LAYOUT_PRIOR = 3.0
#: The model's own probability above which a kind other than the block's is a disagreement.
DISAGREE_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Prediction:
    """The model's labels for one text: kind (类型) with its probability, themes (主题) over threshold."""

    text: str
    kind: str
    kind_score: float
    kind_scores: dict[str, float]
    themes: tuple[str, ...]
    theme_scores: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "kind_score": self.kind_score,
            "themes": list(self.themes),
            "theme_scores": dict(self.theme_scores),
            "kind_scores": dict(self.kind_scores),
        }


@dataclass(frozen=True)
class TaggedStatement:
    """A report statement with its final prediction (model × layout) and the model's own kind."""

    statement: Statement
    prediction: Prediction
    model_kind: str
    layout_disagrees: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.statement.index,
            "block": self.statement.block,
            "marker": self.statement.marker,
            **self.prediction.to_dict(),
            "model_kind": self.model_kind,
            "layout_disagrees": self.layout_disagrees,
        }


def _blank_prediction(text: str) -> Prediction:
    """A blank line: kind other with certainty, no themes (nothing to classify)."""
    return Prediction(
        text=text, kind="other", kind_score=1.0,
        kind_scores={k: float(k == "other") for k in KINDS},
        themes=(), theme_scores={t: 0.0 for t in THEME_IDS},
    )


def _fastest_engine() -> str | None:
    """The fastest engine that imports ("rjieba", else "jieba"), None when neither does."""
    from nlp_reports.errors import MissingDependencyError
    from nlp_reports.tokenize import default_engine

    try:
        return default_engine()
    except MissingDependencyError:
        return None


def apply_layout(pred: Prediction, block: str) -> tuple[Prediction, bool]:
    """(prediction with the layout prior applied, layout disagrees?) for a statement's block."""
    if block not in ("problem", "measure"):
        return pred, False
    weighted = {k: p * (LAYOUT_PRIOR if k == block else 1.0) for k, p in pred.kind_scores.items()}
    total = sum(weighted.values())
    if total <= 0:
        return pred, False
    scores = {k: round(v / total, 6) for k, v in weighted.items()}
    kind = max(KINDS, key=lambda k: scores[k])
    disagrees = pred.kind != block and pred.kind_score >= DISAGREE_CONFIDENCE
    return replace(pred, kind=kind, kind_score=scores[kind], kind_scores=scores), disagrees


class Tagger:
    """A loaded statement model. Build with :meth:`load`; see the module docstring.

    Attributes: ``model_id`` (the model file's SHA-256), ``name``, ``card`` (meta.json),
    ``tokenizer_engine``, ``path`` (the model directory), ``model`` (the StatementModel).
    """

    def __init__(self, bundle: Any, *, card: dict[str, Any], model_id: str, path: Path,
                 name: str | None = None) -> None:
        self.bundle = bundle
        self.card = card
        self.model_id = model_id
        self.path = path
        self.name = name or card.get("name") or path.name

    @property
    def model(self) -> Any:
        """The fitted scikit-learn StatementModel (loaded on first use; imports sklearn)."""
        return self.bundle.estimator

    def __repr__(self) -> str:
        return f"Tagger(name={self.name!r}, model_id={self.model_id[:12]!r}, path='{self.path}')"

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, *, trust: bool = False,
             tokenizer: str | None = None) -> Tagger:
        """Load a model directory: None → the shipped default (no trust needed).

        Any path outside the shipped models needs ``trust=True``. The SHA-256 is checked
        before unpickling; ``tokenizer`` ("jieba"/"rjieba") swaps the segmentation engine.
        Raises ModelNotFoundError, UntrustedModelError, ModelIntegrityError,
        IncompatibleModelError.
        """
        from nlp_reports.classify import modelcard as mc
        from nlp_reports.classify.compiled import ModelBundle, compile_model
        from nlp_reports.errors import IncompatibleModelError

        model_dir, _shipped = mc.resolve_model_dir(path, trust=trust)
        card = mc.read_card(model_dir)
        model_id = mc.verify_checksum(model_dir, card)
        mc.check_compatible(card, model_dir)
        try:
            bundle = mc.load_model(model_dir / mc.MODEL_FILE)
        except Exception as exc:  # unpickling can fail in many ways; report one
            raise IncompatibleModelError(
                f"{model_dir / mc.MODEL_FILE}: cannot be loaded ({type(exc).__name__}: "
                f"{exc}); retrain it with this version of nlp_reports"
            ) from exc
        if not isinstance(bundle, ModelBundle):  # a bare StatementModel: compile it now
            with warnings.catch_warnings():
                from sklearn.exceptions import InconsistentVersionWarning

                # a patch-level sklearn difference was already logged by check_compatible
                warnings.simplefilter("ignore", InconsistentVersionWarning)
                bundle = compile_model(bundle)
        tagger = cls(bundle, card=card, model_id=model_id, path=model_dir)
        if tokenizer is None and getattr(bundle.tokenizer, "engine", "") is None:
            tokenizer = _fastest_engine()  # imports only the engine it picks
        if tokenizer is not None:
            tagger.set_tokenizer(tokenizer)
        log.info("loaded model %s (%s) from %s", tagger.name, model_id[:12], model_dir)
        return tagger

    # --- tokenizer -----------------------------------------------------------------------

    @property
    def tokenizer_engine(self) -> str:
        """The segmentation engine in use ("jieba" or "rjieba")."""
        tok = self.bundle.tokenizer
        return getattr(tok, "engine_", None) or str(getattr(tok, "engine", "jieba"))

    def set_tokenizer(self, engine: str) -> None:
        """Swap the word features' tokenizer engine (same dictionary, HMM and stopwords)."""
        from importlib.util import find_spec

        from nlp_reports.tokenize import Tokenizer

        old = self.bundle.tokenizer
        if old is None:
            raise ValueError("this model has no tokenizer to swap")
        params = old.get_params() if hasattr(old, "get_params") else {}
        params["engine"] = engine
        new = Tokenizer(**params)
        if engine not in ("jieba", "rjieba") or find_spec(engine) is None:
            new("测试")  # fail now (MissingDependencyError / ValueError), not mid-batch
        self.bundle.set_tokenizer(new)

    # --- prediction ----------------------------------------------------------------------

    @property
    def thresholds(self) -> dict[str, float]:
        """Theme id → decision threshold."""
        return {t: float(x) for t, x in zip(THEME_IDS, self.bundle.thresholds, strict=True)}

    def predict(self, texts: Sequence[str], *, batch_size: int = 2048) -> list[Prediction]:
        """Kind and themes for each text, in order; blank texts get kind "other", no themes."""
        texts = list(texts)
        out: list[Prediction | None] = [None] * len(texts)
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        for i, t in enumerate(texts):
            if not (t and t.strip()):
                out[i] = _blank_prediction(t or "")
        thresholds = self.bundle.thresholds
        step = max(1, int(batch_size))
        for start in range(0, len(todo), step):
            idx = todo[start:start + step]
            kp, tp = self.bundle.predict_all([texts[i] for i in idx])
            for row, i in enumerate(idx):
                kscores = {k: round(float(kp[row, j]), 6) for j, k in enumerate(KINDS)}
                kind = KINDS[int(kp[row].argmax())]
                tscores = {t: round(float(tp[row, j]), 6) for j, t in enumerate(THEME_IDS)}
                themes = tuple(t for j, t in enumerate(THEME_IDS) if tp[row, j] >= thresholds[j])
                out[i] = Prediction(text=texts[i], kind=kind, kind_score=kscores[kind],
                                    kind_scores=kscores, themes=themes, theme_scores=tscores)
        return out  # type: ignore[return-value]

    def tag(self, report: Report) -> list[TaggedStatement]:
        """Tag a report's statements, using each statement's layout block as evidence."""
        return self.tag_many([report])[0]

    def tag_many(self, reports: Sequence[Report], *, batch_size: int = 2048
                 ) -> list[list[TaggedStatement]]:
        """Tag the statements of many reports with one batched predict over all of them."""
        statements = [s for r in reports for s in r.statements]
        preds = self.predict([s.text for s in statements], batch_size=batch_size)
        result: list[list[TaggedStatement]] = []
        pos = 0
        for r in reports:
            tagged = []
            for s in r.statements:
                pred = preds[pos]
                pos += 1
                final, disagrees = apply_layout(pred, s.block)
                tagged.append(TaggedStatement(statement=s, prediction=final,
                                              model_kind=pred.kind, layout_disagrees=disagrees))
            result.append(tagged)
        return result
