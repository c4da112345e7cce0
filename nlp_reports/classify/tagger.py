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
the opposite kind (a measure in the problems block, or the reverse) a probability of at
least ``DISAGREE_CONFIDENCE`` — a statement worth a look; a lead-in it calls ``other`` is not.
"""

from __future__ import annotations

import functools
import logging
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

from nlp_reports._gc import GC_THRESHOLD, fewer_collections
from nlp_reports.classify.dataset import require_texts
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
        """JSON-ready fields (lists and plain dicts: what the CLI writes per text)."""
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
        """JSON-ready: the statement's place (index, block, marker), its prediction's fields,
        the model's own kind and whether the layout disagrees."""
        return {
            "index": self.statement.index,
            "block": self.statement.block,
            "marker": self.statement.marker,
            **self.prediction.to_dict(),
            "model_kind": self.model_kind,
            "layout_disagrees": self.layout_disagrees,
        }


def _statement_texts(texts: Sequence[Any], where: str) -> list[str]:
    """``texts`` as a list of str: a missing value (None, a float NaN, ``pd.NA``/``NaT`` —
    what a pandas text column holds in its gaps) becomes "", a blank statement; any other
    non-str raises TypeError naming its position. Why: ``predict(df["text"])`` on a column
    with one gap raised "AttributeError: 'float' object has no attribute 'isspace'" from deep
    inside, and [None] was taken as blank while [nan] crashed."""
    texts = list(texts)
    if all(type(t) is str for t in texts):  # the usual case: one pass, nothing copied
        return texts
    out = []
    for i, t in enumerate(texts):
        if isinstance(t, str):
            out.append(t)
        elif t is None or type(t).__name__ in ("NAType", "NaTType") or (
                isinstance(t, float) and t != t):
            out.append("")
        else:
            raise TypeError(f"{where}: statement {i} is a {type(t).__name__} ({t!r:.40}), "
                            "not a str; pass the statements' texts")
    return out


def _blank_prediction(text: str) -> Prediction:
    """A blank line: kind other with certainty, no themes (nothing to classify)."""
    return Prediction(
        text=text, kind="other", kind_score=1.0,
        kind_scores={k: float(k == "other") for k in KINDS},
        themes=(), theme_scores={t: 0.0 for t in THEME_IDS},
    )


_new = object.__new__


def _frozen(cls: type, fields: dict[str, Any]) -> Any:
    """``cls(**fields)`` for a frozen dataclass without its ``__init__`` (one guarded
    ``object.__setattr__`` per field): the fields go straight into the instance dict, which
    is all that init does. Why: a Prediction and a TaggedStatement are built per statement,
    and the init cost as much as the model's whole theme head. ``tests/test_compiled.py``
    checks the results still match the classes."""
    obj = _new(cls)
    obj.__dict__.update(fields)
    return obj


def _prediction(text: str, kind: str, kind_score: float, kind_scores: dict[str, float],
                themes: tuple[str, ...], theme_scores: dict[str, float]) -> Prediction:
    """``Prediction(...)``, fast (:func:`_frozen`)."""
    return _frozen(Prediction, {"text": text, "kind": kind, "kind_score": kind_score,
                                "kind_scores": kind_scores, "themes": themes,
                                "theme_scores": theme_scores})


def _tagged(statement: Statement, prediction: Prediction, model_kind: str,
            layout_disagrees: bool) -> TaggedStatement:
    """``TaggedStatement(...)``, fast (:func:`_frozen`)."""
    return _frozen(TaggedStatement, {"statement": statement, "prediction": prediction,
                                     "model_kind": model_kind,
                                     "layout_disagrees": layout_disagrees})


def _round6(values: Any) -> list:
    """``round(float(x), 6)`` of every element (nested lists, like ``tolist()``), in numpy.

    Python's round picks the decimal nearest the exact binary value; ``rint(x * 1e6) / 1e6``
    picks the same one unless ``x * 1e6`` lands within rounding error of a half (or is huge
    or not finite): those few elements are rounded by Python itself. Why: 16 Python
    ``round`` calls per statement cost more than the whole linear model.
    """
    import numpy as np

    x = np.asarray(values, dtype=np.float64)
    t = x * 1e6
    out = np.rint(t) / 1e6
    with np.errstate(invalid="ignore"):
        unsure = ~(np.abs(t) < 1e12) | (np.abs(t - np.floor(t) - 0.5) < 1e-3)
    if unsure.any():
        flat_x, flat_out = x.reshape(-1), out.reshape(-1)
        for i in np.flatnonzero(unsure.reshape(-1)).tolist():
            flat_out[i] = round(float(flat_x[i]), 6)
    return out.tolist()


#: The gen-0 GC threshold while a batch is predicted (the batch runner's own value).
PREDICT_GC_THRESHOLD = GC_THRESHOLD


#: Texts a Tagger remembers the predictions of across :meth:`Tagger.tag_many` calls
#: (~1.5 KB each; emptied when full). Why: a batch tags chunks of 32–64 reports, and the
#: boilerplate statements one chunk repeats within itself (predicted once a call) recur in
#: the next chunks; predicting them again cost ~0.05 s a 1,000 reports in chunks of 32.
PREDICTION_MEMO_MAX = 2048


def _thresholds_key(bundle: Any) -> bytes:
    """The bundle's theme thresholds as bytes: a memo of predictions made under other
    thresholds is not used."""
    thresholds = getattr(bundle, "thresholds", None)
    try:
        return bytes(thresholds.tobytes())
    except AttributeError:
        return repr(thresholds).encode()


@lru_cache(maxsize=1)
def _theme_bits() -> Any:
    """``2**j`` for theme j (int64): a row of over-threshold flags times this is its mask."""
    import numpy as np

    return np.left_shift(1, np.arange(len(THEME_IDS), dtype=np.int64))


@functools.cache  # at most 2**13 masks
def _themes_of(mask: int) -> tuple[str, ...]:
    """The theme ids whose bit is set in ``mask``, in THEME_IDS order (what
    ``tuple(compress(THEME_IDS, flags))`` gives for the row's flags). Why: one cached
    lookup a statement instead of a list of 13 flags and a compress."""
    return tuple(t for j, t in enumerate(THEME_IDS) if mask >> j & 1)


def _fastest_engine() -> str | None:
    """The fastest engine that imports ("rjieba", else "jieba"), None when neither does."""
    from nlp_reports.errors import MissingDependencyError
    from nlp_reports.tokenize import default_engine

    try:
        return default_engine()
    except MissingDependencyError:
        return None


def _prebuild_segmenter(card: dict[str, Any], tokenizer: str | None) -> None:
    """Build the rjieba segmenter the loaded model will use, while its file is inflated.

    The build (~0.1 s) holds the GIL but the model's zlib inflation does not, so the two
    overlap; the model then finds the segmenter built (``tokenize._segmenter`` keeps one per
    process). Only for rjieba, from the card's tokenizer settings; a card that says
    otherwise than the model only costs a build, and any error is left to the first use.
    """
    settings = card.get("tokenizer")
    if not isinstance(settings, dict):
        return
    engine = tokenizer or settings.get("engine") or _fastest_engine()
    if engine != "rjieba":
        return
    try:
        from nlp_reports.tokenize import _segmenter

        _segmenter(engine, bool(settings.get("hmm", False)),
                   bool(settings.get("userdict", True)))
    except Exception:  # the first use raises it again, where it is reported
        log.debug("could not build the rjieba segmenter ahead", exc_info=True)


def _from_data_copy(copy: Any) -> Any:
    """The ModelBundle of a data copy read by ``ModelFileReader``, or None (no copy, or
    one that does not decode: the model file is then loaded the plain way)."""
    if copy is None:
        return None
    from nlp_reports.classify.compiled import bundle_from_data

    try:
        return bundle_from_data(*copy)
    except Exception:  # a copy that checks out but does not decode: not used
        log.debug("the model's data copy could not be decoded; loading the model file",
                  exc_info=True)
        return None


def _write_data_copy(bundle: Any, path: Path, model_id: str) -> None:
    """Write the data-only copy of a just-unpickled bundle, so that later loads skip the
    inflating and unpickling (``modelcard.read_data_copy``). Silent when it cannot: a
    bundle a copy cannot hold, an unwritable cache directory."""
    from nlp_reports.classify.compiled import ModelBundle, bundle_to_data

    if type(bundle) is not ModelBundle:
        return
    try:
        header, payload = bundle_to_data(bundle)
        from nlp_reports.classify import modelcard as mc

        mc.write_data_copy(path, model_id, header, payload)
    except (OSError, ValueError) as exc:
        log.debug("no data copy of model %s written: %s", model_id[:12], exc)


def _layout_scores(kind_rows: Sequence[Sequence[float]], blocks: Sequence[str]
                   ) -> list[list[float] | None]:
    """Each row's kind scores (KINDS order) with the layout prior applied: the block's kind
    multiplied by :data:`LAYOUT_PRIOR`, renormalised and rounded to 6 places — or None where
    the block is not problem/measure or the weighted total is not positive. In numpy for
    all rows at once (``Tagger.tag_many``); the sum runs left to right as ``sum()`` would."""
    import numpy as np

    out: list[list[float] | None] = [None] * len(blocks)
    col = {k: j for j, k in enumerate(KINDS) if k in ("problem", "measure")}
    rows = [i for i, b in enumerate(blocks) if b in col]
    if not rows:
        return out
    w = np.array([kind_rows[i] for i in rows], dtype=np.float64).reshape(len(rows), -1)
    w[np.arange(len(rows)), [col[blocks[i]] for i in rows]] *= LAYOUT_PRIOR
    total = w[:, 0]
    for j in range(1, w.shape[1]):
        total = total + w[:, j]
    ok = total > 0
    sel = [i for i, good in zip(rows, ok.tolist(), strict=True) if good]
    if sel:
        for i, sc in zip(sel, _round6(w[ok] / total[ok, None]), strict=True):
            out[i] = sc
    return out


def _with_layout(pred: Prediction, scores: list[float]) -> Prediction:
    k = max(range(len(KINDS)), key=scores.__getitem__)
    return _prediction(pred.text, KINDS[k], scores[k], dict(zip(KINDS, scores, strict=True)),
                       pred.themes, pred.theme_scores)


def _disagrees(pred: Prediction, block: str) -> bool:
    """The model alone confidently calls a statement of a problem block a measure, or the
    reverse. Not when it calls it ``other``: lead-ins and boilerplate ("…还存在一些不足：")
    sit in every block, and flagging them all buried the real disagreements."""
    return (pred.kind != block and pred.kind != "other"
            and pred.kind_score >= DISAGREE_CONFIDENCE)


def apply_layout(pred: Prediction, block: str) -> tuple[Prediction, bool]:
    """(prediction with the layout prior applied, layout disagrees?) for a statement's block."""
    [scores] = _layout_scores([[pred.kind_scores[k] for k in KINDS]], [block])
    if scores is None:
        return pred, False
    return _with_layout(pred, scores), _disagrees(pred, block)


#: Reads of a model directory :meth:`Tagger.load` makes when it was replaced during one.
_LOAD_ATTEMPTS = 5


def _dir_identity(path: str | os.PathLike | None) -> tuple[int, ...] | None:
    """Which folder a model directory given as a path (of the folder or its model.joblib)
    is now: its and its card's inode and change time; None for the shipped model, a bare
    name or a missing folder. Train's rename into place puts another folder there, so a
    load that failed sees it changed (the change times too: a freed inode number is reused)."""
    if path is None:
        return None
    p = Path(path)
    if p.name == "model.joblib":
        p = p.parent
    try:
        st = os.stat(p)
        card = os.stat(p / "meta.json")
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_ctime_ns, card.st_ino, card.st_ctime_ns)


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
        self._memo: dict[str, tuple[Prediction, list[float]]] = {}
        self._memo_for: tuple[Any, bytes] | None = None

    def __getstate__(self) -> dict[str, Any]:
        """The tagger without its prediction memo (a tagger shipped to workers: less to
        send; each process fills its own)."""
        state = dict(self.__dict__)
        state["_memo"] = {}
        state["_memo_for"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_memo", {})  # (a tagger pickled before the memo existed)
        self.__dict__.setdefault("_memo_for", None)

    def _remembered(self) -> dict[str, tuple[Prediction, list[float]]]:
        """The memo of :meth:`tag_many`: text → (model prediction, rounded kind scores),
        emptied when the bundle or its thresholds change (a test or a caller may set
        ``tagger.bundle.thresholds``) and when it holds :data:`PREDICTION_MEMO_MAX` texts."""
        bundle = self.bundle
        owner = (bundle, _thresholds_key(bundle))
        held = self.__dict__.get("_memo_for")  # (None too for a Tagger made without __init__)
        if (held is None or held[0] is not bundle or held[1] != owner[1]
                or len(self._memo) >= PREDICTION_MEMO_MAX):
            self._memo = {}
            self._memo_for = owner
        return self._memo

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
        IncompatibleModelError; warns (a log line and a DataWarning) when the card's user
        dictionary is not the installed one (:func:`~nlp_reports.classify.modelcard.check_userdict`). A directory
        replaced by ``train --out`` while it was read (its card of one model, its model file of
        the next) is read again.
        """
        from nlp_reports.errors import ModelIntegrityError, ModelNotFoundError

        for attempt in range(_LOAD_ATTEMPTS):
            before = _dir_identity(path)
            try:
                return cls._load_once(path, trust=trust, tokenizer=tokenizer)
            except (ModelIntegrityError, ModelNotFoundError, FileNotFoundError):
                if attempt + 1 == _LOAD_ATTEMPTS or before is None or _dir_identity(path) == before:
                    raise  # not a directory replaced under the read: the error stands
                log.info("%s was replaced while it was read (a retrain finished): reading "
                         "it again", path)
        raise AssertionError("unreachable")  # (the loop returns or raises)

    @classmethod
    def _load_once(cls, path: str | os.PathLike | None, *, trust: bool,
                   tokenizer: str | None) -> Tagger:
        """One read of a model directory (:meth:`load`)."""
        from nlp_reports.classify import modelcard as mc

        model_dir, _shipped = mc.resolve_model_dir(path, trust=trust)
        card = mc.read_card(model_dir)
        expected = mc.recorded_checksum(model_dir, card)
        from nlp_reports.tokenize import cache_dir

        try:
            copy_path = mc.data_copy_path(cache_dir(), expected) if expected else None
        except RuntimeError:  # no home directory (HOME unset, no passwd entry): no copy
            copy_path = None
        # the file is read, hashed and (when the hash is the recorded one) inflated in a
        # thread (GIL released) while the imports and the segmenter build below run; it is
        # unpickled once verified. When the model's data copy is there (written by an
        # earlier load), it is read and checked instead of inflating
        reader = mc.ModelFileReader(model_dir / mc.MODEL_FILE, expected, data_copy=copy_path)
        from nlp_reports.classify.compiled import ModelBundle, compile_model
        from nlp_reports.errors import IncompatibleModelError

        _prebuild_segmenter(card, tokenizer)
        digest, raw = reader.result()
        model_id = mc.verify_checksum(model_dir, card, digest)
        mc.check_compatible(card, model_dir)
        bundle = _from_data_copy(reader.data_copy) if digest == model_id else None
        if bundle is None:
            try:
                bundle = mc.load_model(model_dir / mc.MODEL_FILE, raw)
            except Exception as exc:  # unpickling can fail in many ways; report one
                raise IncompatibleModelError(
                    f"{model_dir / mc.MODEL_FILE}: cannot be loaded ({type(exc).__name__}: "
                    f"{exc}); retrain it with this version of nlp_reports"
                ) from exc
            if copy_path is not None and model_id == expected:
                _write_data_copy(bundle, copy_path, model_id)
        if not isinstance(bundle, ModelBundle):  # a bare StatementModel: compile it now
            with warnings.catch_warnings():
                from sklearn.exceptions import InconsistentVersionWarning

                # a patch-level sklearn difference was already logged by check_compatible
                warnings.simplefilter("ignore", InconsistentVersionWarning)
                try:
                    bundle = compile_model(bundle)
                except ValueError as exc:  # an estimator this version cannot serve
                    raise IncompatibleModelError(
                        f"{model_dir / mc.MODEL_FILE}: cannot be served ({exc}); retrain it "
                        "with this version of nlp_reports") from exc
        tagger = cls(bundle, card=card, model_id=model_id, path=model_dir)
        mc.check_userdict(card, model_dir)
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
            from nlp_reports.errors import UsageError

            raise UsageError("this model has no tokenizer to swap")
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
        """Kind and themes for each text, in order; blank texts get kind "other", no themes.

        ``texts`` is a list (any sequence) of statements; one str raises TypeError. A
        missing value in it (None, NaN, ``pd.NA``: a DataFrame column with gaps) is a blank
        statement, its text ""; another non-str (a number) a TypeError naming its position.
        """
        require_texts(texts, "Tagger.predict")
        return self._predict(_statement_texts(texts, "Tagger.predict"), batch_size)[0]

    @fewer_collections
    def _predict(self, texts: Sequence[str], batch_size: int
                 ) -> tuple[list[Prediction], list[list[float]]]:
        """(predictions, each one's rounded kind scores in KINDS order): built from the
        model's arrays in bulk (rounding in numpy, dicts zipped in C)."""
        texts = list(texts)
        out: list[Prediction | None] = [None] * len(texts)
        kind_rows: list[list[float] | None] = [None] * len(texts)
        # blank: empty or whitespace only (what ``not t.strip()`` says, without a copy)
        todo = [i for i, t in enumerate(texts) if t and not t.isspace()]
        if len(todo) < len(texts):
            blank_row = [float(k == "other") for k in KINDS]
            for i, t in enumerate(texts):
                if not t or t.isspace():
                    out[i] = _blank_prediction(t or "")
                    kind_rows[i] = blank_row
        thresholds = self.bundle.thresholds
        step = max(1, int(batch_size))
        for start in range(0, len(todo), step):
            idx = todo[start:start + step]
            # the model reads each text with the noise of extraction undone (PDF spacing,
            # traditional characters …: tokenize.repair_extraction, in the bundle, as in
            # training); the predictions keep the text as given
            kp, tp = self.bundle.predict_all(list(map(texts.__getitem__, idx)))
            krows = _round6(kp)
            trows = _round6(tp)
            kinds = kp.argmax(1).tolist()
            # each text's themes over threshold as one bit mask: a tuple per distinct mask
            masks = ((tp >= thresholds) @ _theme_bits()).tolist()
            # the per-statement pieces built by map() in C, only the objects in Python
            preds = map(_prediction, map(texts.__getitem__, idx), map(KINDS.__getitem__, kinds),
                        map(list.__getitem__, krows, kinds),
                        map(dict, map(zip, repeat(KINDS), krows)),
                        map(_themes_of, masks),
                        map(dict, map(zip, repeat(THEME_IDS), trows)))
            if len(idx) == len(texts):  # no blank line: one batch, in order
                out[:] = preds
                kind_rows[:] = krows
                continue
            for i, pred, kr in zip(idx, preds, krows, strict=True):
                out[i] = pred
                kind_rows[i] = kr
        return out, kind_rows  # type: ignore[return-value]

    def explain(self, texts: Sequence[str], *, top: int = 5, themes: Any = None,
                batch_size: int = 2048) -> list[Any]:
        """Why the model labelled each text as it did: one frozen
        :class:`~nlp_reports.classify.explain.Explanation` per text, in order.

        For each kind and for the predicted themes (plus ``themes``: ids or Chinese names to
        explain too — why NOT staffing? — or "all"), the decision score as intercept plus
        the ``top`` largest positive and negative feature contributions (tf-idf × weight;
        the rest summed), beside the calibrated probability ``predict`` gives. The layout
        evidence of :meth:`tag` is no part of it. ModelError for a model whose heads are not
        linear; UsageError for an unknown theme. ``texts``: a list; one str raises TypeError.
        """
        from nlp_reports.classify.explain import explain

        require_texts(texts, "Tagger.explain")
        texts = _statement_texts(texts, "Tagger.explain")
        return explain(self.bundle, texts, self.predict(texts, batch_size=batch_size),
                       top=top, themes=themes)

    def tag(self, report: Report) -> list[TaggedStatement]:
        """Tag a report's statements, using each statement's layout block as evidence."""
        if not isinstance(report, Report):
            raise TypeError(f"Tagger.tag takes one Report, got {type(report).__name__}: for "
                            "texts use predict([text]), for several reports tag_many(reports)")
        return self.tag_many([report])[0]

    @fewer_collections
    def tag_many(self, reports: Sequence[Report], *, batch_size: int = 2048
                 ) -> list[list[TaggedStatement]]:
        """Tag the statements of many reports with one batched predict over all of them.

        The layout prior (:func:`apply_layout`) is applied to all statements at once
        (:func:`_layout_scores`). ``reports`` is a list of Reports; one Report or a str
        raises TypeError.
        """
        if isinstance(reports, (Report, str, bytes, bytearray)):
            raise TypeError(f"Tagger.tag_many takes a list of Reports, not a single "
                            f"{type(reports).__name__}: pass a list, e.g. [report]")
        reports = list(reports)
        bad = [r for r in reports if not isinstance(r, Report)]
        if bad:
            raise TypeError(f"Tagger.tag_many takes a list of Reports, got a "
                            f"{type(bad[0]).__name__} in it (for texts use predict)")
        statements = [s for r in reports for s in r.statements]
        # each distinct text classified once: reports repeat boilerplate statements, and a
        # text's scores do not depend on the batch around it (tests/test_compiled.py)
        # — and across calls: a batch's chunks of reports repeat each other's boilerplate
        # (the same predictions whatever the chunks, tests/test_tagger_memo.py)
        texts = [s.text for s in statements]
        memo = self._remembered()
        new = [t for t in dict.fromkeys(texts) if t not in memo]
        if new:
            npreds, nrows = self._predict(new, batch_size)
            fresh = dict(zip(new, zip(npreds, nrows, strict=True), strict=True))
            if len(memo) + len(fresh) <= PREDICTION_MEMO_MAX:
                memo.update(fresh)
                got = list(map(memo.__getitem__, texts))
            else:  # more than the memo holds: not kept
                got = [fresh.get(t) or memo[t] for t in texts]
        else:
            got = list(map(memo.__getitem__, texts))
        preds = [g[0] for g in got]
        kind_rows = [g[1] for g in got]
        final = list(preds)
        disagree = [False] * len(preds)
        blocks = [s.block for s in statements]
        for i, scores in enumerate(_layout_scores(kind_rows, blocks)):
            if scores is not None:
                final[i] = _with_layout(preds[i], scores)
                disagree[i] = _disagrees(preds[i], blocks[i])
        result: list[list[TaggedStatement]] = []
        pos = 0
        for r in reports:
            end = pos + len(r.statements)
            tagged = list(map(_tagged, r.statements, final[pos:end],
                              [p.kind for p in preds[pos:end]], disagree[pos:end]))
            pos = end
            result.append(tagged)
        return result
