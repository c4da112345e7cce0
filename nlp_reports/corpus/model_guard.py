"""The store's own model kept (自有模型保护): ``tag`` without a model does not replace it.

A researcher re-tags her store with a model retrained on her labels, then adds this year's
files with the plain ``tag`` command, no ``--model``. Resume re-tags a stored report whose
model differs, so the shipped model's tags replaced hers, said after the fact.
:func:`refuse_shipped_over_own` stops such a run before it reads or writes anything, naming
her model(s) and the ways on: her model again (``--model DIR --trust-model``), or the
shipped model on purpose (``--model default``, or ``--retag``: every file re-tagged). A store tagged only by a shipped model (this
version's, or an older one's from the shipped folder: an upgrade re-tags, as expected) or an
empty store passes; so does a store an older version of the package tagged with its shipped
model, wherever it was installed (its id is in ``modelcard.SHIPPED_MODEL_IDS``). A store
whose models cannot be read is refused too (fails closed: a StoreError).
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Any

__all__ = ["is_shipped", "keep_advice", "own_models", "refuse_shipped_over_own",
           "shipped_folder"]


def shipped_folder(path: str | os.PathLike[str] | None) -> bool:
    """Whether a ``models`` row's folder is a shipped model's (an older version's too)."""
    from nlp_reports.classify.modelcard import SHIPPED_MODELS, shipped_models_roots

    if not path:
        return False
    try:
        here = Path(path).resolve()
        return any(here == (root / name).resolve()
                   for root in shipped_models_roots() for name in SHIPPED_MODELS)
    except (OSError, ValueError):  # (a row's path holding "\0": a store edited by hand)
        return False


def is_shipped(model_id: str | None, path: str | os.PathLike[str] | None = None) -> bool:
    """Whether a model a store recorded (its id, its ``models`` row's folder) is a shipped
    one: the installed model, any version the project has shipped (``SHIPPED_MODEL_IDS``,
    from any install) or one loaded from a shipped folder. Not shipped: one's own."""
    from nlp_reports.classify.modelcard import SHIPPED_MODEL_IDS
    from nlp_reports.corpus.summarize import shipped_model_id

    return (model_id in SHIPPED_MODEL_IDS or (model_id is not None
                                               and model_id == shipped_model_id())
            or shipped_folder(path))


def keep_advice(folder: str | os.PathLike[str] | None) -> str:
    """The options that tag with one's own model again, quoted to be copied into a shell."""
    return (f"--model {shlex.quote(str(folder))} --trust-model" if folder
            else "--model DIR --trust-model")


def own_models(store: Any) -> list[dict[str, Any]]:
    """The ``models`` rows (:meth:`Store.models`, with ``reports``) of the models of one's
    own whose tags stored reports carry now: neither a model the project has shipped
    (``SHIPPED_MODEL_IDS``: any version's, from any install) nor one loaded from a shipped
    folder. A model the store knows only by its SHA-256 (provenance
    ``unknown``: a custom tagger, an old store) counts as one's own — which it most often is,
    and ``--retag`` goes on if it is not."""
    rows = store.models(counts=True).to_dict("records")
    return [r for r in rows if int(r.get("reports") or 0) > 0
            and not is_shipped(r["model_id"], r.get("path"))]


def _no_tables(path: str | os.PathLike[str]) -> bool:
    """Whether the file ``path`` is an SQLite database with no table at all (or empty): a
    store whose creation was interrupted (Ctrl-C, SIGTERM) before its schema was committed.

    Why: the interrupted run said "run the same command again to resume", and the rerun was
    refused here, "not an nlp_reports store (it has no meta table)"; the run's own open
    creates the schema in such a file. False when it cannot be read: the opening says why."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return False


def refuse_shipped_over_own(db: Any) -> None:
    """Raise :class:`~nlp_reports.errors.StoreModelError` when the store ``db`` (a path or
    an open :class:`~nlp_reports.corpus.store.Store`) holds reports tagged with a model of
    one's own (:func:`own_models`); nothing when it does not exist or holds none. Read-only:
    called by ``tag_paths(model=None)`` before its writer lock, its model and its files.

    Fails closed: a store that cannot be opened raises the StoreError its opening gives (the
    run's own open would say the same); one opened whose models cannot be read (locked by
    another program for a moment, a ``models`` table edited by hand) raises a StoreError
    saying so and how to go on (:func:`_unchecked`) — let through, the run's read-write
    open could succeed and tag with the shipped model over her tags."""
    from nlp_reports.corpus.store import Store
    from nlp_reports.errors import NlpReportsError, StoreModelError

    given_path = isinstance(db, (str, os.PathLike))
    if given_path and (not os.path.isfile(db) or _no_tables(db)):
        return  # a new store (or not one: open_store says so, as before)
    try:
        if given_path:
            with Store(db, readonly=True) as store:
                own = own_models(store)
        else:
            own = own_models(db)
    except NlpReportsError:  # (a StoreError of the opening: with its advice)
        raise
    except Exception as exc:
        raise _unchecked(db if given_path else db.path, exc) from exc
    if not own:
        return
    names = "; ".join(_named(r) for r in own[:5]) + ("; …" if len(own) > 5 else "")
    names_zh = "；".join(_named(r, zh=True) for r in own[:5]) + ("等" if len(own) > 5 else "")
    folder = next((str(r["path"]) for r in own if r.get("path")), None)
    keep = keep_advice(folder)
    count = sum(int(r["reports"]) for r in own)
    where = getattr(db, "path", db)
    raise StoreModelError(
        f"{where}: {count} stored report{'s' if count != 1 else ''} carry the tags of a model "
        f"of your own — {names} — and no model was given, so this run would tag with the "
        f"shipped model and re-tag those reports among the files with it. Nothing was read or "
        f"written. To keep your model, run the same command with {keep}; to tag with the "
        f"shipped model on purpose, add --model default (the reports another model tagged "
        f"re-tagged, the others skipped) or --retag (every file given re-tagged)",
        models=tuple(own),
        message_zh=(f"数据库中已有{count}份报告由自己的模型 {names_zh} 标注，本次未指定 --model，"
                    f"将改用随包模型标注并重新标注其中的已入库报告，已拒绝运行，本次未读写任何内容。"
                    f"沿用该模型请加 {keep} 原样再运行一次；确要改用随包模型，请加 --model default"
                    f"（只重新标注由其他模型标注的报告）或 --retag（所给文件全部重新标注）"))


def _unchecked(where: Any, exc: BaseException) -> Exception:
    """The StoreError of a store whose models the guard could not read (``exc``), with
    ``message_zh`` (the Chinese line under the English one): which ways on there are."""
    from nlp_reports.errors import StoreError

    return StoreError(
        f"{where}: cannot tell which models tagged the stored reports ({type(exc).__name__}: "
        f"{exc}), so a run without --model might re-tag reports a model of your own tagged "
        f"with the shipped model. Nothing was read or written. Run the same command again "
        f"(another program may hold the store for a moment), or name the model: "
        f"{keep_advice(None)} for your own, --model default for the shipped one",
        message_zh=(
            "无法读取数据库中报告的标注模型（原因见上行），不指定 --model 运行可能把由自己模型标注的报告改用随包"
            "模型重新标注，已拒绝运行，本次未读写任何内容。请原样再运行一次（可能有其他程序暂时占用数据库），或指定模型："
            "自己的模型加 --model 模型文件夹 --trust-model，随包模型加 --model default"))


def _named(row: dict[str, Any], *, zh: bool = False) -> str:
    """``mine (7498e8771010, 50 reports)``, or the short id when only the SHA-256 is known;
    ``zh``: the same in Chinese, for the message's Chinese half (``mine（7498e8771010，50份报告）``)."""
    n = int(row.get("reports") or 0)
    short = str(row["model_id"])[:12]
    known = row.get("provenance") not in (None, "unknown") and bool(row.get("name"))
    if zh:
        return (f"{row['name']}（{short}，{n}份报告）" if known
                else f"{short}（数据库只记录了其SHA-256，{n}份报告）")
    count = f"{n} report{'s' if n != 1 else ''}"
    if not known:
        return f"{short} (the store knows only its SHA-256, {count})"
    return f"{row['name']} ({short}, {count})"
