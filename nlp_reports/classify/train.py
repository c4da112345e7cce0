"""Training (训练): labeled statements in, a verified model directory out.

:func:`train` splits the data by family (or takes explicit dev/test files), fits a
:class:`~nlp_reports.classify.model.StatementModel` on train, tunes the theme thresholds on
dev, refits on train+dev keeping those thresholds, scores the final model and the keyword
baseline on test, and writes ``model.joblib`` + ``model.joblib.sha256`` + ``meta.json`` (the
card) + ``README.md``. Deterministic for a given seed and data.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp_reports.classify.dataset import (
    LabeledStatement,
    data_files,
    data_sha256,
    label_conflicts,
    layout_warnings,
    load_labeled,
    scarcity_warnings,
    shipped_labeled_files,
    split_by_family,
    warn_data,
)
from nlp_reports.classify.families import MESSAGE_STARTS, group_families
from nlp_reports.errors import DataError, UsageError
from nlp_reports.taxonomy import KINDS, THEME_IDS, THEME_NAMES

log = logging.getLogger("nlp_reports")

__all__ = ["DEFAULT_PARAMS", "DEFAULT_THRESHOLDS", "THRESHOLD_METHODS", "TrainResult", "train"]

#: How :func:`train` sets the per-theme thresholds: ``"dev"`` tuned on the dev split (model
#: fit on train), ``"oof"`` tuned on grouped out-of-fold predictions of train+dev (5 folds
#: by family), ``"fixed"`` the ``theme_threshold`` parameter for every theme.
THRESHOLD_METHODS: tuple[str, ...] = ("dev", "oof", "fixed")
#: A fixed threshold won grouped CV and leave-one-writer-out (docs/model-card.md, "Model
#: selection"): thresholds tuned per theme follow one writer's labeling habits and do not
#: transfer. Its value is ``DEFAULT_PARAMS["theme_threshold"]``.
DEFAULT_THRESHOLDS = "fixed"

#: Fewer test statements than this give figures that can be off by many points (warned).
MIN_TEST = 100

#: The StatementModel parameters the shipped model is trained with (chosen by grouped CV and
#: leave-one-writer-out; kind class-balanced, themes unweighted).
DEFAULT_PARAMS: dict[str, Any] = {
    "word_ngram": (1, 2),
    "char_ngram": (1, 3),
    "min_df": 2,
    "kind_C": 0.5,
    "theme_C": 0.5,
    "class_weight": "balanced",
    "theme_class_weight": None,
    "cv": 5,
    # 0.4 and 0.5 tie leaving one writer out (0.844 micro-F1 on parts a–v); on the first
    # unseen-writer set, labeled as the taxonomy reads (fewer themes a statement than our
    # writers give), 0.5 gains 0.4–0.5 point: model card, "Model selection"
    "theme_threshold": 0.5,
}


@dataclass(frozen=True)
class TrainResult:
    """Where the model was written, its headline test figures (model and baseline_*) and
    the warnings about its data (too few labels …; also issued as
    :class:`~nlp_reports.classify.dataset.DataWarning` and logged)."""

    path: Path
    metrics: dict[str, Any]
    card: dict[str, Any] = field(default_factory=dict, repr=False)
    warnings: tuple[str, ...] = ()

    @property
    def shipped(self) -> dict[str, Any] | None:
        """The shipped model's figures on the same test split, beside the new model's
        (``{"model_id", "kind_accuracy", "theme_micro_f1", …, "n_trained_on"}``), or None
        (no test split, no shipped model installed): what one's labels bought."""
        return (self.card.get("metrics") or {}).get("shipped")


def _oof_thresholds(model: Any, items: list[LabeledStatement], default: float,
                    sample_weight: Any = None) -> tuple[Any, list[str]]:
    """Per-theme thresholds tuned on grouped out-of-fold predictions of ``items`` (and sources)."""
    import numpy as np

    from nlp_reports.classify.dataset import theme_matrix
    from nlp_reports.classify.model import out_of_fold_theme_proba, tune_threshold

    Y = theme_matrix([d.themes for d in items])
    proba = out_of_fold_theme_proba(model, [d.text for d in items], [d.kind for d in items], Y,
                                    [d.family for d in items], sample_weight=sample_weight)
    chosen = [tune_threshold(proba[:, j], Y[:, j], default=default) for j in range(Y.shape[1])]
    return (np.array([t for t, _ in chosen]),
            ["oof" if how == "dev" else how for _, how in chosen])


def _check_weights(weights: dict[str, float] | None, items: list[LabeledStatement]
                   ) -> dict[str, float]:
    """``weights`` checked against the data: each names a data file (by its file name, or
    its path as given in ``data``) and is a positive number; UsageError otherwise. Keyed by
    file name, as the statements' sources are."""
    if not weights:
        return {}
    names = {_source_file(d) for d in items}
    by_name: dict[str, Any] = {}
    for key, w in weights.items():
        name = os.fspath(key)
        if name not in names and Path(name).name in names:
            name = Path(name).name  # the path given in data ("lab/my40.csv")
        if name in by_name and by_name[name] != w:
            raise UsageError(f"weights give {name} two weights: {by_name[name]!r} and {w!r}")
        by_name[name] = w
    unknown = sorted(set(by_name) - names)
    if unknown:
        raise UsageError(f"weights name files that are not in the data: {', '.join(unknown)} "
                         f"(data files: {', '.join(sorted(n for n in names if n))})")
    out = {}
    for name, w in by_name.items():
        try:
            out[name] = float(w)
        except (TypeError, ValueError):
            raise UsageError(f"the weight of {name} must be a number, got {w!r}") from None
        if not out[name] > 0:
            raise UsageError(f"the weight of {name} must be positive, got {w!r}")
    return out


def _norm(text: str) -> str:
    from nlp_reports.classify.features import normalize_statement

    return normalize_statement(text)


def _given(data: Any) -> tuple[list[Any], bool]:
    """``train``'s ``data`` as a list (one path: a list of one), and whether it holds
    LabeledStatements (records given in Python) rather than paths."""
    if isinstance(data, (str, os.PathLike)):
        data = [data]
    data = list(data)
    return data, bool(data) and all(isinstance(d, LabeledStatement) for d in data)


def _load(data: Any) -> tuple[list[LabeledStatement], list[Path]]:
    """(the labeled statements of ``data``, the files they were read from: none for records)."""
    data, records = _given(data)
    if records:
        return data, []
    return load_labeled(data), data_files(data)


def _records_sha256(items: list[LabeledStatement]) -> str:
    import hashlib
    import json

    h = hashlib.sha256()
    for d in items:
        h.update(json.dumps([d.text, d.kind, d.themes, d.family], ensure_ascii=False).encode())
    return h.hexdigest()


def _api_call(data: Any, **kwargs: Any) -> str:
    """The Python call that trained a model, for its card: the arguments actually given."""
    data, records = _given(data)
    if records:
        shown = f"<{len(data)} LabeledStatements>"
    else:
        shown = repr([os.fspath(d) for d in data])
    args = [shown] + [f"{k}={os.fspath(v) if isinstance(v, os.PathLike) else v!r}"
                      for k, v in kwargs.items() if v is not None]
    return f"nlp_reports.classify.train({', '.join(args)})"


def train(data: Any, *, out: str | os.PathLike, tokenizer: str | None = None,
          dev: str | os.PathLike | None = None, test: str | os.PathLike | None = None,
          seed: int = 0, params: dict[str, Any] | None = None, name: str | None = None,
          thresholds: str | None = None, command: str | None = None,
          weights: dict[str, float] | None = None, with_shipped: bool = False) -> TrainResult:
    """Train kind + theme models on ``data`` and write a model directory at ``out``.

    ``data``: labeled files/folders (JSONL/CSV) or LabeledStatements. ``dev``/``test``: files
    replacing the data's dev/test splits (then the data's own dev/test go to training).
    ``tokenizer``: engine recorded in the model (None: fastest installed at load time).
    ``params``: StatementModel parameters over :data:`DEFAULT_PARAMS`. ``thresholds``: how
    the per-theme thresholds are set (:data:`THRESHOLD_METHODS`; None: :data:`DEFAULT_THRESHOLDS`).
    ``command``: the command line that ran this, for the card's "How it was made" (the CLI
    passes it); None records this Python call with the arguments given. ``weights``: how
    many times each statement of a data file counts, by file name or path as given in
    ``data`` (``{"unseen-1.jsonl": 3}``; the others count once) — a sample weight of the
    kind and theme models, so a statement is never copied across the calibration folds.
    ``with_shipped``: the shipped labeled corpus (:func:`shipped_labeled_files`) is trained
    on too, before ``data`` (the CLI's ``--with-shipped``): retraining on it and one's labels.

    The shipped model is scored on the same test split as the new one (``metrics``'
    ``shipped_*`` figures, :attr:`TrainResult.shipped`): what one's labels bought. The model
    directory is written beside ``out`` and renamed into place when complete (a failed or
    interrupted training leaves a model already at ``out`` as it was).
    """
    from nlp_reports.classify import modelcard as mc
    from nlp_reports.classify.compiled import compile_model
    from nlp_reports.classify.evaluate import TRAINED_TEXTS_FILE, text_key
    from nlp_reports.classify.model import StatementModel
    from nlp_reports.tokenize import Tokenizer, userdict_hash

    method = DEFAULT_THRESHOLDS if thresholds is None else thresholds
    if method not in THRESHOLD_METHODS:
        from nlp_reports.errors import ModelError

        raise ModelError(f"thresholds must be one of {', '.join(THRESHOLD_METHODS)}, "
                         f"got {method!r}")
    if not isinstance(data, (str, os.PathLike)):
        data = list(data)  # read once: a generator would be used up by _api_call before _load
    if command is None:
        command = _api_call(data, out=out, tokenizer=tokenizer, dev=dev, test=test,
                            seed=seed or None, params=params, name=name,
                            thresholds=thresholds, weights=weights,
                            with_shipped=with_shipped or None)
    items, files = _load(data)
    warn_data(layout_warnings(items))  # kind labels against their sub-heading
    base: list[LabeledStatement] = []
    if with_shipped:
        shipped = shipped_labeled_files()
        base = load_labeled(shipped)
        items, files = base + items, [*shipped, *files]
    # one text labelled twice, differently (yours, or yours against the shipped corpus)
    warn_data(label_conflicts(items[len(base):], against=base))
    if not items:
        raise DataError("no labeled statements to train on")
    weights = _check_weights(weights, items)
    # statements given no family are grouped with their near-duplicates, so a variant of a
    # test statement (a lead-in, another enumerator or agency) is not trained on
    loaded = items
    items, grouping = group_families(items)
    log.info("training on %d statements from %s; this takes about a minute on the full corpus",
             len(items), (f"{len(files)} file" + "s" * (len(files) != 1)) if files
             else "records given in Python")
    out_dir = Path(out)
    mc.check_model_out(out_dir)  # fails before training, not after
    tr, dv, te = _splits(items, dev, test, files)
    kinds = {d.kind for d in tr}
    if len(kinds) < 2:
        raise DataError(f"the training split needs at least two kinds, has {sorted(kinds)}")
    log.info("split by family: train %d, dev %d, test %d statements", len(tr), len(dv), len(te))
    warnings = scarcity_warnings(tr + dv, "the training split (train+dev)")
    if grouping.n_without:
        warnings.append(grouping.message())
    if len(te) < MIN_TEST:
        warnings.append(f"the test figures rest on only {len(te)} test statements (at least "
                        f"{MIN_TEST} are needed for figures within a few points)")
    test_by_file = _test_by_file(tr + dv, te)
    own = held_out_own(test_by_file)
    if own:
        warnings.append(own)
    warn_data(warnings)

    tok = Tokenizer(tokenizer)
    settings = {**DEFAULT_PARAMS, **(params or {})}
    model = StatementModel(tokenizer=tok, random_state=seed, **settings)
    fit_items = tr + dv

    def weight_of(part: list[LabeledStatement]) -> Any:
        if not weights:
            return None
        return [weights.get(_source_file(d), 1.0) for d in part]

    if method == "dev" and not dv:
        log.warning("no dev statements: theme thresholds stay at the default %.2f",
                    settings["theme_threshold"])
        method = "fixed"
    if method == "dev":
        log.info("fitting on train (%d) to tune the theme thresholds on dev (%d)", len(tr),
                 len(dv))
        model.fit([d.text for d in tr], [d.kind for d in tr], [d.themes for d in tr],
                  sample_weight=weight_of(tr))
        model.tune_thresholds([d.text for d in dv], [d.themes for d in dv])
        tuned = model.theme_model_.thresholds_.copy()
        sources = list(model.theme_model_.threshold_sources_)
    elif method == "oof":
        log.info("tuning the theme thresholds on 5-fold out-of-fold predictions of %d "
                 "statements", len(fit_items))
        tuned, sources = _oof_thresholds(model, fit_items, settings["theme_threshold"],
                                         weight_of(fit_items))
    log.info("fitting the kind and theme models on train+dev (%d statements)", len(fit_items))
    model.fit([d.text for d in fit_items], [d.kind for d in fit_items],
              [d.themes for d in fit_items], sample_weight=weight_of(fit_items))
    if method != "fixed":
        model.set_thresholds(tuned, sources)

    metrics: dict[str, Any] = {"n_train": len(tr), "n_dev": len(dv), "n_test": len(te)}
    test_scores, by_source = _test_figures(model, te, fit_items, metrics, tokenizer)

    try:
        bundle = compile_model(model)
    except ValueError as exc:  # estimator parameters the numpy-served form cannot hold
        raise UsageError(f"the trained model cannot be served: {exc}; use the default "
                         "estimators or ones of the same kind") from exc
    created = mc.utc_now()
    card = {
        "name": name or out_dir.resolve().name,
        "version": created[:10].replace("-", "."),
        "created": created,
        "command": command,
        "format_version": mc.FORMAT_VERSION,
        "description": "Kind (problem/measure/other) and 13 themes of section-五 statements of "
                       "government information-disclosure annual reports.",
        "labels": {"kinds": list(KINDS), "themes": list(THEME_IDS),
                   "theme_names": dict(THEME_NAMES)},
        "data": {
            "files": [f.name for f in sorted(files, key=str)],
            "sha256": data_sha256(files) if files else _records_sha256(loaded),
            "n_statements": len(items),
            "n_families": len({d.family for d in items}),
            **({"near_duplicate_families": {"n_without": grouping.n_without,
                                            "n_families": grouping.n_families}}
               if grouping.n_without else {}),
            "trained_texts_file": TRAINED_TEXTS_FILE,
        },
        "split": {"train": len(tr), "dev": len(dv), "test": len(te),
                  "test_families": len({d.family for d in te}),
                  # per data file: [statements held out as test, statements used]: the final
                  # model never sees the test ones (a 'split' column set to train keeps them)
                  "test_by_file": test_by_file,
                  "method": "sha256(family) buckets 70/15/15; a 'split' field wins; dev/test "
                            "texts also in train dropped; final fit on train+dev"},
        "metrics": {"test": metrics, "test_detail": test_scores,
                    **({"test_by_source": by_source} if by_source else {}),
                    **({"shipped": _shipped_summary(test_scores["shipped"])}
                       if test_scores.get("shipped") else {})},
        "warnings": warnings,
        "thresholds": {t: float(x) for t, x in zip(THEME_IDS, model.thresholds_, strict=True)},
        "threshold_method": method,
        "threshold_sources": dict(zip(THEME_IDS, model.theme_model_.threshold_sources_, strict=True)),
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()},
        "weights": dict(weights or {}),
        "seed": seed,
        "tokenizer": {**tok.get_params(), "engine_at_training": tok.engine_,
                      "userdict_sha256": userdict_hash()},
        "versions": mc.library_versions(),
        "model_file": mc.MODEL_FILE,
        "model_sha256": None,  # (set once the file is written)
        "n_features": int(sum(len(v.vocabulary_) for _, v in model.features_.transformer_list)),
    }
    with mc.staged_model_dir(out_dir) as stage:
        model_path = stage / mc.MODEL_FILE
        mc.dump_model(bundle, model_path)
        digest = card["model_sha256"] = mc.sha256_file(model_path)
        (stage / mc.SHA_FILE).write_text(f"{digest}  {mc.MODEL_FILE}\n", "ascii")
        # what it learned from, by text: evaluate then knows its own training statements in a
        # re-saved, merged or renamed label file, whose file name says nothing
        (stage / TRAINED_TEXTS_FILE).write_text(
            "".join(k + "\n" for k in sorted({text_key(d.text) for d in fit_items})), "ascii")
        mc.write_card(stage, card)
        (stage / "README.md").write_text(model_readme(card), "utf-8")
    log.info("model written to %s (sha256 %s)", out_dir, digest[:12])
    return TrainResult(path=out_dir, metrics=metrics, card=card, warnings=tuple(warnings))


def _test_by_file(fit_items: list[LabeledStatement], te: list[LabeledStatement]
                  ) -> dict[str, list[int]]:
    """Data file name → ``[test statements, statements used]`` (train, dev and test): how
    much of each file the final model never saw, for the train command to say so ("" for
    records given in Python)."""
    from collections import Counter

    held = Counter(_source_file(d) for d in te)
    used = Counter(_source_file(d) for d in fit_items) + held
    return {f: [held.get(f, 0), used[f]] for f in sorted(used)}


def _splits(items: list[LabeledStatement], dev: Any, test: Any, files: list[Path]
            ) -> tuple[list[LabeledStatement], list[LabeledStatement], list[LabeledStatement]]:
    """(train, dev, test) of ``items`` split by family. A ``dev`` or ``test`` file replaces
    the data's own split of that name, which then joins train; its files are appended to
    ``files`` (for the card). Dev and test statements whose normalized text is in train, and
    test ones also in dev, are dropped: a figure on a text the model learned from (or was
    tuned on) measures nothing."""
    tr, dv, te = split_by_family(items)
    if dev is not None:
        tr, dv = tr + dv, load_labeled(dev)
        files += data_files(dev)
    if test is not None:
        tr, te = tr + te, load_labeled(test)
        files += data_files(test)
    seen = {_norm(d.text) for d in tr}
    n_dv, n_te = len(dv), len(te)
    dv = [d for d in dv if _norm(d.text) not in seen]
    seen_dv = {_norm(d.text) for d in dv}
    te = [d for d in te if (key := _norm(d.text)) not in seen and key not in seen_dv]
    if n_dv - len(dv) or n_te - len(te):
        log.info("dropped %d dev and %d test statements whose text is also in train",
                 n_dv - len(dv), n_te - len(te))
    return tr, dv, te


def _test_figures(model: Any, te: list[LabeledStatement], fit_items: list[LabeledStatement],
                  metrics: dict[str, Any], tokenizer: str | None = None
                  ) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the model's, the baseline's and the shipped model's scores on the test split,
    per-source figures when the data come from several files); the headline figures are
    added to ``metrics`` (the shipped model's as ``shipped_*``). Both empty, and a warning
    logged, without test statements."""
    if not te:
        log.warning("no test statements: the model card carries no test metrics")
        return {}, {}
    import numpy as np

    from nlp_reports.classify.dataset import theme_matrix
    from nlp_reports.classify.evaluate import (
        _baseline_scores,
        _shipped_beside,
        flat_metrics,
        score,
    )

    log.info("scoring the model and the keyword baseline on %d test statements", len(te))
    kp, tp = model.predict_all([d.text for d in te])
    kinds_pred = list(np.array(KINDS)[kp.argmax(1)])
    themes_pred = (tp >= model.thresholds_).astype(int)
    model_scores = score([d.kind for d in te], kinds_pred,
                         theme_matrix([d.themes for d in te]), themes_pred)
    base_scores = _baseline_scores(te)
    metrics.update(flat_metrics(model_scores, base_scores))
    shipped = _shipped_beside(None, te, None, tokenizer, predictions=True)
    if shipped is not None:
        metrics.update({"shipped_" + k: v for k, v in flat_metrics(shipped["model"]).items()})
    by_source: dict[str, Any] = {}
    if len({_source_file(d) for d in fit_items + te}) > 1:
        by_source = _scores_by_source(te, kinds_pred, themes_pred,
                                      shipped["predictions"] if shipped else None)
    detail = {"model": model_scores, "baseline": base_scores}
    if shipped is not None:
        detail["shipped"] = {k: v for k, v in shipped.items() if k != "predictions"}
    return detail, by_source


def _shipped_summary(shipped: dict[str, Any]) -> dict[str, Any]:
    """The card's ``metrics.shipped``: the shipped model's id, headline figures on the same
    test split and how many of those statements it was trained on (None: unknown)."""
    from nlp_reports.classify.evaluate import flat_metrics

    return {"model_id": shipped["model_id"], **flat_metrics(shipped["model"]),
            "n_trained_on": shipped.get("n_trained_on")}


#: A source file's share of the test split needs this many statements for figures of its own.
MIN_SOURCE_TEST = 20


def _source_file(d: LabeledStatement) -> str:
    """The name of the file a labeled statement was read from ("" for Python records)."""
    return Path(d.source.rsplit(":", 1)[0]).name if d.source else ""


def _scores_by_source(te: list[LabeledStatement], kinds_pred: list[str], Y_pred: Any,
                      shipped: tuple[list[str], Any] | None = None
                      ) -> dict[str, dict[str, Any]]:
    """Per source file: its test statements (``n``) and, with at least
    :data:`MIN_SOURCE_TEST` of them, kind accuracy and theme micro-F1 (model and baseline).

    Why: retraining on the shipped data plus one's own 135 labels gave card figures that are
    99 % the shipped statements; this is the part of the test split that is one's own.
    ``shipped``: the shipped model's (kinds, theme matrix) on ``te``, scored per file too
    (``shipped_*``).
    """
    import numpy as np

    from nlp_reports.classify.dataset import theme_matrix
    from nlp_reports.classify.evaluate import _baseline_scores, score

    groups: dict[str, list[int]] = {}
    for i, d in enumerate(te):
        groups.setdefault(_source_file(d) or "(records)", []).append(i)
    out: dict[str, dict[str, Any]] = {}
    for name in sorted(groups):
        idx = groups[name]
        row: dict[str, Any] = {"n": len(idx)}
        if len(idx) >= MIN_SOURCE_TEST:
            part = [te[i] for i in idx]
            s = score([d.kind for d in part], [kinds_pred[i] for i in idx],
                      theme_matrix([d.themes for d in part]), np.asarray(Y_pred)[idx])
            b = _baseline_scores(part)
            row.update({"kind_accuracy": round(s["kind_accuracy"], 4),
                        "theme_micro_f1": round(s["micro_f1"], 4),
                        "baseline_kind_accuracy": round(b["kind_accuracy"], 4),
                        "baseline_theme_micro_f1": round(b["micro_f1"], 4)})
            if shipped is not None:
                sh = score([d.kind for d in part], [shipped[0][i] for i in idx],
                           theme_matrix([d.themes for d in part]), np.asarray(shipped[1])[idx])
                row.update({"shipped_kind_accuracy": round(sh["kind_accuracy"], 4),
                            "shipped_theme_micro_f1": round(sh["micro_f1"], 4)})
        out[name] = row
    return out


def held_out_lines(test_by_file: dict[str, list[int]], width: int = 96) -> list[str]:
    """The train command's lines on the statements of each data file held out as the test
    split (by family, 15 %): the final model (fit on train+dev) never sees them — with 30
    labels of one's own, two missing is a surprise unless said — and how to keep them all
    (a ``split`` field set to ``train`` wins over the family hash). ``[]`` when none."""
    shipped = {f: nt for f, nt in test_by_file.items() if f and _shipped(f)}
    held = [f"{f or '(records given in Python)'} {n} of {total}"
            for f, (n, total) in test_by_file.items() if n and f not in shipped]
    if any(n for n, _ in shipped.values()):  # one part, not 37 lines before one's own file
        held.insert(0, f"the shipped corpus ({len(shipped)} file{'s' * (len(shipped) > 1)}) "
                       f"{sum(n for n, _ in shipped.values())} of "
                       f"{sum(t for _, t in shipped.values())}")
    if not held:
        return []
    lines = ["held out as the test split, never trained on (statements per file):"]
    line = " "
    for part in held:
        if len(line) + len(part) + 2 > width and line.strip():
            lines.append(line.rstrip(","))
            line = " "
        line += f" {part},"
    lines.append(line.rstrip(","))
    # files none of whose statements were held out, named too: else one's own 40 labels
    # (split = train) appear nowhere in the lines on the 37 shipped files
    whole = [f"{f} ({total})" for f, (n, total) in test_by_file.items()
             if f and not n and f not in shipped]
    if whole:
        lines.append("trained on in full (statements): " + ", ".join(whole))
    if any(n and not _shipped(f) for f, (n, _) in test_by_file.items()):
        lines.append(f"{_SPLIT_ADVICE} (docs/annotation-guidelines.md, section 5); its test "
                     "figures then rest on the other files")
    return lines


def too_few_labels(warnings: Sequence[str]) -> bool:
    """Whether a model card's warnings say its labels are too few, not only that some of
    one's own statements were held out (:func:`held_out_own`) or were given no family and
    grouped by near-duplicate text (:mod:`.families`): a model trained on the 23,000
    shipped statements and 150 of one's own was headed "too few labels"."""
    return any(not w.startswith((_HELD_OUT_OWN, *MESSAGE_STARTS)) for w in warnings)


_HELD_OUT_OWN = "held out as the test split, never trained on: "


def held_out_own(test_by_file: dict[str, list[int]]) -> str | None:
    """One warning naming the researcher's own data files (not shipped ones) that lost
    statements to the test split (``"my40.csv 5 of 40"``) when they are trained with the
    shipped corpus, or None: ``train()`` issues it, so a notebook learns what
    :func:`held_out_lines` tells the command line (5 of one's 40 labels added to the corpus
    silently unused was a surprise). Trained on one's own files alone, their test split is
    the point: no warning."""
    if not any(f and _shipped(f) for f in test_by_file):
        return None
    own = [f"{f} {n} of {total}" for f, (n, total) in test_by_file.items()
           if n and f and not _shipped(f)]
    if not own:
        return None
    return (_HELD_OUT_OWN + ", ".join(own)
            + f" (statements of your own files; {_SPLIT_ADVICE}: "
            "docs/annotation-guidelines.md, section 5)")


#: How to keep all of a file's statements in training, said by the command line and by
#: ``train()``'s warning alike.
_SPLIT_ADVICE = ("to train on all of a file's statements, give it a 'split' column (CSV) or "
                 "field (JSONL) set to train")


def _shipped(name: str) -> bool:
    """Whether the data file ``name`` (a file name, as the card's ``test_by_file`` keys, or a
    path) is one of the shipped corpus (its test split is the card's: no advice to train on
    all of it)."""
    names, paths = _shipped_files()
    if "/" not in name and os.sep not in name:
        return name in names
    try:
        return Path(name).resolve() in paths
    except OSError:
        return False


@lru_cache(maxsize=1)
def _shipped_files() -> tuple[frozenset[str], frozenset[Path]]:
    """The shipped label files' names and resolved paths, listed once (:func:`_shipped` is
    asked for every data file, twice)."""
    try:
        shipped = shipped_labeled_files()
        return frozenset(f.name for f in shipped), frozenset(f.resolve() for f in shipped)
    except (DataError, OSError):
        return frozenset(), frozenset()


def by_source_lines(by_source: dict[str, dict[str, Any]]) -> list[str]:
    """Plain-text lines of the per-source test figures (for the CLI and the card)."""
    lines = []
    for name, row in by_source.items():
        if "kind_accuracy" in row:
            ship_k = (f", shipped {row['shipped_kind_accuracy']:.3f}"
                      if "shipped_kind_accuracy" in row else "")
            ship_t = (f", shipped {row['shipped_theme_micro_f1']:.3f}"
                      if "shipped_theme_micro_f1" in row else "")
            lines.append(f"{name}: {row['n']} test statements, kind accuracy "
                         f"{row['kind_accuracy']:.3f} (baseline {row['baseline_kind_accuracy']:.3f}"
                         f"{ship_k}), theme micro-F1 {row['theme_micro_f1']:.3f} "
                         f"(baseline {row['baseline_theme_micro_f1']:.3f}{ship_t})")
        else:
            lines.append(f"{name}: {row['n']} test statement{'s' * (row['n'] != 1)} (fewer "
                         f"than {MIN_SOURCE_TEST}: no figures of its own)")
    return lines


_THRESHOLD_WORDS = {
    "dev": "tuned on dev",
    "oof": "tuned on 5-fold out-of-fold predictions of train+dev, grouped by family",
    "fixed": "fixed",
}


def _threshold_phrase(card: dict[str, Any]) -> str:
    """How the card's themes decide: one shared threshold said as such (a fixed 0.5 for all
    13 is not "its own threshold"), else a threshold per theme."""
    values = set((card.get("thresholds") or {}).values())
    if card.get("threshold_method") == "fixed" and len(values) == 1:
        return f"each deciding at the same probability threshold, {values.pop():g}"
    return "each with its own decision threshold"


def model_readme(card: dict[str, Any]) -> str:
    """A human model card (README.md) from the machine one (meta.json)."""
    from nlp_reports.classify.evaluate import TRAINED_TEXTS_FILE, fmt_figure

    m = card["metrics"]["test"]
    lines = [
        f"# Model card: `{card['name']}` ({card['version']})",
        "",
        card["description"],
        "",
        "## How it was made",
        "",
        *(["```", card["command"], "```", ""] if card.get("command") else []),
        f"- created {card['created']}, seed {card['seed']}, model format {card['format_version']}",
        f"- data: {', '.join(card['data']['files']) or '(records)'} — "
        f"{card['data']['n_statements']} statements, {card['data']['n_families']} families, "
        f"SHA-256 `{card['data']['sha256'][:16]}…`",
        f"- split by family: train {card['split']['train']}, dev {card['split']['dev']}, "
        f"test {card['split']['test']} (theme thresholds "
        f"{_THRESHOLD_WORDS.get(card.get('threshold_method', 'dev'), 'tuned on dev')}, "
        "final fit on train+dev)",
        *(["- weighted files: "
           + ", ".join(f"{n} ×{w:g}" for n, w in sorted(card["weights"].items()))
           + " (each of their train+dev statements counts that many times, as a sample "
           "weight). They are training data: figures on them are not held-out figures, "
           "except on their test-split statements (\"By source file\" below)"]
          if card.get("weights") else []),
        "- features: word TF-IDF (genre tokenizer "
        f"{card['tokenizer'].get('engine_at_training')}, n-grams {card['params']['word_ngram']}) "
        f"∪ char n-gram TF-IDF {card['params']['char_ngram']}; {card['n_features']} features",
        "- kind: linear SVM, sigmoid-calibrated (CalibratedClassifierCV); themes: one calibrated "
        "linear SVM per theme, " + _threshold_phrase(card),
        "- libraries: " + ", ".join(f"{k} {v}" for k, v in sorted(card["versions"].items())),
        f"- model file SHA-256 `{card['model_sha256']}` (also in `model.joblib.sha256`)",
        "",
        "## Test figures (held-out families)",
        "",
    ]
    if card.get("warnings"):
        lines[-2:-2] = ["**Warning: too few labels.**" if too_few_labels(card["warnings"])
                        else "**Note.**", "", *[f"- {w}" for w in card["warnings"]], ""]
    if "kind_accuracy" in m:
        families = card["split"].get("test_families")
        lines += [f"These figures rest on {card['split']['test']} test statements"
                  + (f" from {families} families." if families else "."), ""]
        ship = card["metrics"].get("shipped")
        lines += ["| figure | model | keyword baseline |" + (" shipped model |" if ship else ""),
                  "|---|---|---|" + ("---|" if ship else "")]
        for key in ("kind_accuracy", "theme_micro_f1", "theme_macro_f1", "f1_staffing",
                    "f1_proactivity", "f1_confidentiality"):
            lines.append(f"| {key} | {fmt_figure(m[key])} | {fmt_figure(m['baseline_' + key])} |"
                         + (f" {fmt_figure(ship.get(key))} |" if ship else ""))
        if ship:
            lines += ["", f"shipped model: the shipped model ({ship['model_id'][:12]}) scored on "
                      "the same test statements"
                      + (f" (it was trained on {ship['n_trained_on']} of them: not a held-out "
                         "figure for those)" if ship.get("n_trained_on") else "")
                      + ": what this model's data bought over it."]
        detail = card["metrics"]["test_detail"]["model"]["themes"]
        lines += ["", "| theme | support | P | R | F1 | threshold |", "|---|---|---|---|---|---|"]
        # "—": no test example of the theme (recall and F1 undefined), or no prediction (P)
        for t in THEME_IDS:
            d = detail[t]
            lines.append(f"| {t} | {d['support']} | {fmt_figure(d['precision'])} | "
                         f"{fmt_figure(d['recall'])} | {fmt_figure(d['f1'])} | "
                         f"{card['thresholds'][t]:.2f} |")
        by_source = card["metrics"].get("test_by_source")
        if by_source:
            lines += ["", "### By source file", "",
                      "The test statements of each data file ("
                      + ("model; keyword baseline and shipped model in brackets" if ship
                         else "model, keyword baseline in brackets")
                      + f"; figures with at least {MIN_SOURCE_TEST}):", ""]
            lines += [f"- {line}" for line in by_source_lines(by_source)]
    else:
        lines.append("No test split: no figures.")
    lines += [
        "",
        "## Files and loading",
        "",
        "- `model.joblib`: a gzip pickle (joblib can read it) of a `ModelBundle` "
        "(`nlp_reports/classify/compiled.py`): vocabularies, idf weights, coefficients and "
        "sigmoid calibrations as numpy arrays, so prediction needs neither scikit-learn nor "
        "its import time; the fitted scikit-learn `StatementModel` rides along as bytes "
        "without its coefficients, which are the bundle's (`Tagger.model` unpickles it on "
        "demand for evaluation and retraining and puts them back).",
        "- `model.joblib.sha256`: its checksum, verified before unpickling; `meta.json`: the "
        "machine card (labels, data hash, split sizes, metrics, thresholds, versions, "
        "tokenizer settings and user-dictionary hash).",
        f"- `{TRAINED_TEXTS_FILE}`: a 16-hex-digit SHA-256 key of each train+dev statement's "
        "normalized text, so `evaluate` counts the statements the model learned from "
        "whatever file they come in.",
        "- Kind evidence from the layout: `Tagger.tag` multiplies the model's probability of "
        "the statement's block kind (problem/measure) by 3 and renormalizes.",
        "",
        "## Limits",
        "",
        "- The labeled statements were written by the project team in the style of real "
        "reports; figures on them overstate accuracy on real, unseen reports. Check with "
        "`nlp-reports evaluate your_labeled.jsonl` and grow the data with `nlp-reports suggest`.",
        "- Pickled with scikit-learn " + card["versions"].get("scikit-learn", "?")
        + "; another minor version refuses to load (retrain).",
        "- Loading verifies the SHA-256 before unpickling. Only load models you trust.",
        "",
    ]
    return "\n".join(lines)
