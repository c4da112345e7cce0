"""Active learning (主动学习): the statements the model is least sure about, as a CSV to label.

Uncertainty of one statement = the mean of
* ``1 − margin`` between its two most probable kinds, and
* ``1 − 2·min |p − threshold|`` over the themes (a theme probability sitting on its
  threshold is the least certain decision).

Candidates are deduplicated on normalized text, then picked greedily by uncertainty while
skipping any whose character-bigram Jaccard similarity to an already picked one is ≥ 0.6,
so the list covers varied phrasing instead of one template many times.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import numbers
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from nlp_reports._walk import walk
from nlp_reports.ingest import REPORT_SUFFIXES
from nlp_reports.taxonomy import THEME_IDS

log = logging.getLogger("nlp_reports")

__all__ = ["SUGGESTION_COLUMNS", "iter_statements", "suggest", "write_suggestions"]

SIMILARITY_LIMIT = 0.6
#: Column order of the CSV: the columns to fill first, then the model's guesses, then where
#: the statement is from — the file, its report's agency (机关) and year (报告年度) as the
#: report says them (empty for a statement of a list, .txt or .jsonl, and when the report
#: names none), and with ``suggest(db=…)`` the report's id in the store. ``block`` is the sub-heading
#: block the statement sat under in its report: ``problem`` (存在的问题…), ``measure``
#: (改进措施…), empty under no such heading or for a statement list. ``train`` reads text,
#: kind and themes, source as the statement's family, and block to check the kind labels
#: against (:func:`~nlp_reports.classify.dataset.layout_warnings`); the others are for the
#: labeller.
SUGGESTION_COLUMNS = ("text", "kind", "themes", "model_kind", "model_kind_score",
                      "model_themes", "uncertainty", "block", "source", "agency", "year",
                      "report_id")


def _block_cell(block: Any) -> str:
    """A statement's block as the CSV writes it: ``problem``/``measure``, else empty."""
    return block if block in ("problem", "measure") else ""


def _lines_of(path: Path) -> list[str]:
    """The non-blank lines of a statements file, decoded like a label file (UTF-8, else
    GB18030/GBK … with a note in the log)."""
    from nlp_reports.classify.dataset import read_text

    return [line.strip() for line in read_text(path).splitlines() if line.strip()]


def _is_report(report: Any) -> bool:
    """Whether a parsed .txt is a report (any section heading, any table, or a title naming
    an agency) rather than statements one per line, which have none of these.

    Why not "has statements": a report whose section 五 says 无 has none, and reading its
    lines instead would queue its headings and table labels for labeling.
    """
    return bool(report.sections or report.tables
                or (report.metadata.title and report.metadata.agency))


#: How many first lines of a refused .txt are looked at for a report's title (a saved page
#: puts a breadcrumb and a site's name above it).
_TITLE_LINES = 10


#: A report of another kind's title ("…关于2022年度法治政府建设情况的报告"), and a line
#: naming an annual report; neither holds a sentence's marks.
_OTHER_REPORT_TITLE = re.compile(r"关于|\d{4}年")
_ANNUAL_REPORT_LINE = re.compile(r"年度报告|年报")
_SENTENCE_MARK = re.compile(r"[。，；]")


def _titled(lines: list[str]) -> bool:
    """Whether the lines of a .txt the parser refused open with a report's title naming an
    agency, in the first :data:`_TITLE_LINES` (a fragment of a report, a notice, a page
    pointing to an attached report, a list page: refused as ``tag`` refuses them, and no
    statement list either: their lines are page chrome)."""
    from nlp_reports.parse import metadata as meta

    lines = lines[:_TITLE_LINES]
    first = lines[0] if lines else ""
    if meta.agency_and_year(first)[0] is not None:
        return True
    if (len(first) <= 80 and first.endswith(("报告", "总结")) and _OTHER_REPORT_TITLE.search(first)
            and not _SENTENCE_MARK.search(first)):
        return True  # a report of another kind
    return any(len(line) <= 80 and _ANNUAL_REPORT_LINE.search(line)
               and not _SENTENCE_MARK.search(line) and meta.agency_and_year(line)[0] is not None
               for line in lines[1:])


def _from_file(path: Path) -> list[str]:
    """Statements of one file: a .jsonl of {"text"}, a report, or a .txt of one per line.

    A .txt is a statement list only when it is not a report (:func:`_is_report`): a
    report contributes its section-五 statements, none when it has none.
    """
    return [text for text, _, _ in _blocks_of(path)]


#: Whose a statement is, for the CSV: its report's agency and year, or none (a statement
#: list's line, a .jsonl's record).
_NO_REPORT: dict[str, Any] = {"agency": None, "year": None}


def _blocks_of(path: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(text, block, whose) of :func:`_from_file`'s statements: a report's statement its
    sub-heading block (:func:`_block_cell`) and its report's ``agency`` and ``year``
    (:class:`~nlp_reports.report.Metadata`, as ``tag`` stores them), a list's or a .jsonl's
    none (empty block, :data:`_NO_REPORT`)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        out = []
        from nlp_reports.classify.dataset import read_text

        for i, line in enumerate(read_text(path).splitlines(), 1):  # UTF-8, or GBK
            if line.strip():
                try:
                    rec = json.loads(line)
                except (ValueError, RecursionError) as exc:  # (a --exclude file: no traceback)
                    from nlp_reports.classify.dataset import _json_problem
                    from nlp_reports.errors import DataError

                    raise DataError(f"{path}:{i}: invalid JSON ({_json_problem(exc)})") from None
                text = rec.get("text") if isinstance(rec, dict) else rec
                if isinstance(text, str) and text.strip():
                    out.append((text.strip(), "", _NO_REPORT))
        return out
    from nlp_reports import load_report
    from nlp_reports.errors import NotAReportError

    try:
        report = load_report(path)
    except NotAReportError:
        if suffix == ".txt":
            lines = _lines_of(path)
            if not _titled(lines):
                return [(line, "", _NO_REPORT) for line in lines]
        raise
    if report.statements:
        whose = {"agency": report.metadata.agency, "year": report.metadata.year}
        return [(s.text, _block_cell(s.block), whose) for s in report.statements]
    if suffix == ".txt" and not _is_report(report):
        return [(line, "", _NO_REPORT) for line in _lines_of(path)]
    log.info("%s: a report with no statements in section 五 (%s); nothing to suggest from it",
             path, ", ".join(p.code for p in report.errors) or "none found")
    return []


def iter_statements(corpus: str | os.PathLike | Iterable[str | os.PathLike]
                    ) -> Iterator[tuple[str, str]]:
    """(text, source file) for every statement in files/folders; unreadable files are skipped."""
    for text, source, _, _ in _iter_with_blocks(corpus):
        yield text, source


def _iter_with_blocks(corpus: str | os.PathLike | Iterable[str | os.PathLike]
                      ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(text, source file, block, whose: agency and year) of :func:`iter_statements`
    (:func:`_blocks_of`), files in a folder in sorted path order."""
    if isinstance(corpus, (str, os.PathLike)):
        corpus = [corpus]
    for entry in corpus:
        root = Path(entry)
        if root.is_dir():  # (walked without recursion: rglob raised RecursionError 1,500 deep)
            files = sorted(f for f in (Path(r, name) for r, _, names in walk(str(root))
                                       for name in names)
                           if f.suffix.lower() in (*REPORT_SUFFIXES, ".jsonl") and f.is_file())
        else:
            files = [root]
        for f in files:
            try:
                texts = _blocks_of(f)
            except Exception as exc:  # one bad file must not stop the batch
                from nlp_reports.errors import NlpReportsError

                if isinstance(exc, NlpReportsError):  # our message names the file and why
                    log.warning("skipped %s", exc)
                else:
                    log.warning("skipped %s: %s: %s", f, type(exc).__name__, exc)
                continue
            for t, block, whose in texts:
                yield t, str(f), block, whose


def _texts_of(path: Path) -> list[str]:
    """The statements of a label file: a CSV's or a TSV's ``text`` column (labeled or not),
    or a .txt's when its first line is a table's header row, as train reads it (Excel's
    "Unicode text" save: its lines, labels and all, were read as statements, so none was
    excluded); else as :func:`_from_file` reads a .jsonl or a .txt."""
    from nlp_reports.classify.dataset import csv_rows, read_text, table_delimiter
    from nlp_reports.errors import DataError

    if path.suffix.lower() not in (".csv", ".tsv", ".tab", ".txt"):
        return _from_file(path)
    try:
        raw = read_text(path)
    except DataError:
        if path.suffix.lower() != ".txt":
            raise
        return _from_file(path)  # (what _from_file makes of it)
    delimiter = table_delimiter(path, raw)
    if delimiter is None:
        return _from_file(path)
    fieldnames, rows = csv_rows(raw, path, delimiter)
    if "text" not in fieldnames:
        raise DataError(f"{path}:1: a CSV of statements to exclude needs a 'text' column",
                        message_zh=f"{path}：用于排除的标注文件（--exclude）须有名为 text 的列"
                        "（首行列名；中文列名“文本”请改为 text）")
    return [row["text"].strip() for _, row in rows if (row.get("text") or "").strip()]


#: Closing marks (after NFKC) that do not make a statement another one to label.
_CLOSING = "。.;:,!?、…"


def _key(text: str) -> str:
    """What makes two statements the same to label: normalized text
    (:func:`~nlp_reports.classify.features.normalize_statement`) in simplified characters, so
    a traditional-character copy of a report (繁體) offers nothing twice, without its closing
    mark (a lead-in ending "…薄弱环节：" in one report and "…薄弱环节。" in another was
    offered again after the first was labelled)."""
    from nlp_reports.classify.features import normalize_statement
    from nlp_reports.ingest.normalize import _TRADITIONAL_ANY, to_simplified

    if _TRADITIONAL_ANY.search(text):
        text = to_simplified(text)
    return normalize_statement(text).rstrip(_CLOSING)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def suggest(corpus: Any = None, *, n: int = 50, tagger: Any = None,
            exclude: Iterable[str | os.PathLike] = (),
            db: str | os.PathLike | Any = None) -> list[dict[str, Any]]:
    """The ``n`` least certain, deduplicated, diverse statements of ``corpus`` with model guesses.

    ``db``: a store made by ``tag`` (a path or a :class:`~nlp_reports.corpus.store.Store`)
    instead of ``corpus``: its stored statements are drawn from, none re-parsed
    (:func:`_from_store`); each row also has ``report_id`` and
    ``scored_by`` (``"stored"``: the scores the store holds, the loaded model being the one it
    was tagged with; ``"rescored"``: tagged with another model, scored again by the loaded one).

    ``tagger``: the :class:`~nlp_reports.classify.Tagger` whose uncertainty picks them (None:
    the shipped model, as the CLI without ``--model``).

    ``exclude``: label files already made (a filled-in suggest CSV or any CSV with a
    ``text`` column, a .jsonl, a .txt of one statement per line): their statements are never
    suggested again, so a second round brings new ones.

    ``corpus``: report files or folders (parsed with :func:`nlp_reports.load_report`; a
    report with no section-五 statements, one saying 无, gives none), .txt files of one
    statement per line (a .txt with a section heading, a table or a report title is a
    report, never a statement list), or .jsonl files with a ``text`` field. Each row has the
    :data:`SUGGESTION_COLUMNS` (``kind`` and ``themes`` empty, to fill in; ``agency`` and
    ``year`` its report's, as from a store, None for a statement list's). A file the parser
    refuses as ``tag`` does is skipped (a .txt is read as a statement list only when no
    report title stands in its first lines: a page that points to an attached report, a
    notice, a compilation give no page chrome to label), and a statement is offered once
    (its normalized text in simplified characters: a copied file or a traditional-character
    copy adds nothing: the first found keeps its file, block, agency and year, files in
    sorted path order). Fewer than ``n``
    rows when the corpus has fewer distinct, dissimilar statements. That, and a store tagged
    with another model than ``tagger`` (its statements scored again), is logged and issued as
    a :class:`~nlp_reports.classify.dataset.DataWarning`, which a notebook shows. A path of
    ``corpus`` that is not there raises :class:`~nlp_reports.errors.MissingPathError` (its
    ``message_zh`` in Chinese) before any work, as :func:`~nlp_reports.corpus.tag_paths` does.
    """
    from nlp_reports.errors import UsageError

    if (corpus is None) == (db is None):
        raise UsageError("suggest draws from report files/folders or from a store (db=), "
                         + ("give one of them" if corpus is None else "not both"))
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        # (-n 0 wrote a CSV of headers alone and exited 0, as if nothing were uncertain)
        raise UsageError(f"suggest needs n >= 1 statements to suggest, not {n!r}")
    n = int(n)  # (a numpy integer, a count worked out with pandas, is a count too)
    if corpus is not None:  # a mistyped folder gave [] and a warning: refused, as tag does
        from nlp_reports._missing_paths import refuse_missing

        corpus = [corpus] if isinstance(corpus, (str, os.PathLike)) else list(corpus)
        refuse_missing(corpus)
    done = {_key(t) for f in exclude for t in _texts_of(Path(f))}
    if db is not None:
        return _from_store(db, n, tagger, done)
    # (the first occurrence kept, with its file, block and report: files in sorted order)
    seen, skipped, repeated = _distinct(((text, (text, source, block, whose))
                                         for text, source, block, whose
                                         in _iter_with_blocks(corpus)), done)
    if skipped:
        log.info("%d statements of the corpus are in the excluded label files: not suggested",
                 skipped)
    if repeated:
        log.info("%d statements repeat one already found (a copy of a file, a traditional-"
                 "character copy, a copied sentence): offered once", repeated)
    if not seen:
        return []
    keys = list(seen)
    if tagger is None:
        from nlp_reports.classify.tagger import Tagger

        tagger = Tagger.load()
    preds = tagger.predict([seen[k][0] for k in keys])
    return [{**row, "text": seen[keys[i]][0], "source": seen[keys[i]][1],
             "block": seen[keys[i]][2], **seen[keys[i]][3]}
            for i, row in _least_sure(keys, preds, tagger, n, excluded=skipped)]


def _distinct(pairs: Iterable[tuple[str, Any]], done: set[str]
              ) -> tuple[dict[str, Any], int, int]:
    """(the first value of each distinct statement text of ``pairs`` — (text, value) — by its
    normalized key, at least 4 characters and not in ``done``; how many were in ``done``; how
    many repeated one already kept): the one dedup of :func:`suggest`, files or store."""
    seen: dict[str, Any] = {}
    skipped = repeated = 0
    for text, value in pairs:
        key = _key(text)
        if key in done:
            skipped += 1
        elif key in seen:
            repeated += 1
        elif len(key) >= 4:
            seen[key] = value
    return seen, skipped, repeated


def _least_sure(keys: list[str], preds: Sequence[Any], tagger: Any, n: int, *,
                stacklevel: int = 4, excluded: int = 0) -> list[tuple[int, dict[str, Any]]]:
    """(index, row without text and source) of the ``n`` least certain of ``preds`` (model
    predictions of the distinct statements ``keys``, their normalized texts), skipping one
    too like a statement already picked (:data:`SIMILARITY_LIMIT`). ``stacklevel``: that of
    the 'fewer than asked' DataWarning, so that it names the line that called ``suggest``;
    ``excluded``: how many statements were left out as already labelled (``exclude``), which
    that warning counts apart: "the corpus has 20 distinct statements" read as the whole
    corpus after a first round of 60."""
    import numpy as np

    thresholds = np.array([tagger.thresholds[t] for t in THEME_IDS])
    unc = np.empty(len(preds))
    for i, p in enumerate(preds):
        ks = sorted(p.kind_scores.values(), reverse=True)
        margin = ks[0] - (ks[1] if len(ks) > 1 else 0.0)
        ts = np.array([p.theme_scores[t] for t in THEME_IDS])
        nearest = float(np.min(np.abs(ts - thresholds)))
        unc[i] = 0.5 * (1 - margin) + 0.5 * (1 - min(1.0, 2 * nearest))
    order = np.argsort(-unc, kind="stable")
    picked: list[int] = []
    grams: list[set[str]] = []
    similar = 0
    for i in order:
        g = _bigrams(keys[i])
        if any(len(g & h) / len(g | h) >= SIMILARITY_LIMIT for h in grams):
            similar += 1
            continue
        picked.append(int(i))
        grams.append(g)
        if len(picked) >= n:
            break
    if len(picked) < n:  # say why, or "-n 150" giving 62 looks like a bug
        from nlp_reports.classify.dataset import warn_data

        # a DataWarning too: in a notebook the logger alone shows nothing
        left = (f"{len(keys)} distinct statements not yet labelled (after removing repeats "
                f"and the {excluded} statements found in the excluded label files)"
                if excluded else f"{len(keys)} distinct statements (after removing repeats)")
        warn_data([f"{len(picked)} statements to label, fewer than the {n} asked: the corpus "
                   f"has {left}"
                   + (f", and {similar} of them closely resemble one already picked"
                      if similar else "")], stacklevel=stacklevel)
    rows = []
    for i in picked:
        p = preds[i]
        rows.append((i, {
            "text": "",
            "kind": "",
            "themes": "",
            "model_kind": p.kind,
            "model_kind_score": round(p.kind_score, 3),
            "model_themes": ";".join(p.themes),
            "uncertainty": round(float(unc[i]), 3),
            "source": "",
        }))
    return rows


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _model_named(model_id: str | None, row: dict[str, Any] | None) -> str:
    """A model as a reader knows it: "model default (fde104068ade, created 2026-11-28)" from
    its row of the store's ``models`` table (or the loaded tagger's card), the short id alone
    when the store knows no more of it (an ``unknown`` row), "no model recorded" for a NULL
    ``model_id`` (a report stored untagged)."""
    if not model_id:
        return "no model recorded"
    name = row.get("name") if row and row.get("provenance") not in (None, "unknown") else None
    if not name:
        return f"model {model_id[:12]} (the store knows only its SHA-256)"
    date = str(row.get("created") or "")[:10] if row else ""
    return f"model {name} ({model_id[:12]}" + (f", created {date})" if date else ")")


def _model_scores(kind_scores: dict[str, float], block: str | None) -> list[float]:
    """A stored statement's kind scores as the model alone gave them (KINDS order): the
    store keeps them with the layout prior applied (its block's kind ×
    :data:`~nlp_reports.classify.tagger.LAYOUT_PRIOR`, renormalized), which would make every
    statement under a 问题/措施 heading look sure; undone here, as suggest on files ranks
    the model's own scores."""
    from nlp_reports.classify.tagger import LAYOUT_PRIOR
    from nlp_reports.taxonomy import KINDS

    w = [float(kind_scores.get(k, 0.0)) for k in KINDS]
    if block in ("problem", "measure"):
        w[KINDS.index(block)] /= LAYOUT_PRIOR
        total = sum(w)
        if total > 0:
            w = [x / total for x in w]
    return w


def _from_store(db: Any, n: int, tagger: Any, done: set[str]) -> list[dict[str, Any]]:
    """:func:`suggest` on the statements a ``tag`` store holds: no report parsed again (a
    folder of thousands of reports took minutes to re-parse for a list of 50).

    The loaded ``tagger`` ranks them. Statements of reports tagged with it use the scores
    stored (the model's own kind scores recovered, :func:`_model_scores`); those tagged with
    another model (or none recorded) are scored again with it, and a DataWarning says so,
    naming the models (name and date from the store's ``models`` table): the list is always the loaded model's least sure."""
    import json

    from nlp_reports.classify.tagger import Tagger, _prediction
    from nlp_reports.corpus.store import open_store
    from nlp_reports.errors import StoreError
    from nlp_reports.taxonomy import KINDS

    if isinstance(db, (str, os.PathLike)) and not Path(db).is_file():
        raise StoreError(f"{db}: no such store; make one with 'nlp-reports tag FOLDER "
                         f"--db {db}'")
    store, owned = open_store(db, readonly=True)
    try:
        rows = store.query(
            "SELECT s.report_id, s.idx, s.text, s.block, s.kind_scores, s.theme_scores, "
            "s.model_kind, s.themes, r.path, r.agency, r.year, r.model_id "
            "FROM statements s JOIN reports r ON r.id = s.report_id ORDER BY r.path, s.idx"
        ).to_dict("records")
        models = {str(m["model_id"]): m for m in store.models(counts=False).to_dict("records")}
    finally:
        if owned:
            store.close()
    if tagger is None:
        tagger = Tagger.load()
    seen, skipped, repeated = _distinct(((r["text"], r) for r in rows), done)
    if skipped:
        log.info("%d statements of the store are in the excluded label files: not suggested",
                 skipped)
    if repeated:
        log.info("%d stored statements repeat one already found (the same sentence in "
                 "several reports): offered once", repeated)
    if not seen or n <= 0:
        if not rows:
            log.warning("%s holds no statements to suggest from", getattr(db, "path", db))
        return []
    keys = list(seen)
    own = tagger.model_id
    stale = [k for k in keys if seen[k]["model_id"] != own]
    fresh = dict(zip(stale, tagger.predict([seen[k]["text"] for k in stale]), strict=True))
    if stale:
        by_model: dict[str | None, list[str]] = {}
        for k in stale:
            by_model.setdefault(seen[k]["model_id"] or None, []).append(k)
        others = "; ".join(
            f"{_model_named(m, models.get(m or ''))}: {_n(len(ks), 'statement')} of "
            f"{_n(len({seen[k]['report_id'] for k in ks}), 'report')}"
            for m, ks in sorted(by_model.items(), key=lambda mk: (-len(mk[1]), mk[0] or "")))
        loaded = {"name": tagger.name, "created": (getattr(tagger, "card", None) or {}).get(
            "created"), "provenance": "card"}
        from nlp_reports.classify.dataset import warn_data

        warn_data([f"{_n(len(stale), 'statement')} {'was' if len(stale) == 1 else 'were'} "
                   "tagged with another model than the loaded "
                   f"{_model_named(own, loaded)} — {others}: scored again with the loaded "
                   "model"], stacklevel=4)
    if len(stale) < len(keys):
        log.info("%d statements scored by the loaded model %s when tagged: their stored "
                 "scores used", len(keys) - len(stale), own[:12])
    preds = []
    for k in keys:
        if k in fresh:
            preds.append(fresh[k])
            continue
        r = seen[k]
        ks = _model_scores(json.loads(r["kind_scores"] or "{}"), r["block"])
        kind = r["model_kind"] if r["model_kind"] in KINDS else KINDS[ks.index(max(ks))]
        preds.append(_prediction(r["text"], kind, ks[KINDS.index(kind)],
                                 dict(zip(KINDS, ks, strict=True)),
                                 tuple(json.loads(r["themes"] or "[]")),
                                 json.loads(r["theme_scores"] or "{}")))
    out = []
    for i, row in _least_sure(keys, preds, tagger, n, stacklevel=5,  # (via _from_store)
                              excluded=skipped):
        r = seen[keys[i]]
        year = r["year"]
        out.append({**row, "text": r["text"], "source": r["path"],
                    "block": _block_cell(r["block"]),
                    "report_id": int(r["report_id"]), "agency": r["agency"],
                    "year": None if year is None or year != year else int(year),
                    "scored_by": "rescored" if keys[i] in fresh else "stored"})
    return out


def write_suggestions(rows: Sequence[dict[str, Any]], path_or_file: str | os.PathLike | IO[str]
                      ) -> None:
    """Write suggestion rows as CSV (UTF-8 with BOM for a path, so spreadsheets read Chinese),
    the :data:`SUGGESTION_COLUMNS`: a row names its report's agency and year beside its file
    (and with ``suggest(db=…)`` its store id); a column a row lacks, or None, is left empty."""
    if isinstance(path_or_file, (str, os.PathLike)):
        try:
            fh = open(path_or_file, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        except OSError as exc:
            from nlp_reports.errors import DataError

            raise DataError(f"{path_or_file}: cannot write the suggestions "
                            f"({exc.strerror or exc})") from None
        with fh:
            _write(rows, fh)
    else:
        _write(rows, path_or_file)


def _write(rows: Sequence[dict[str, Any]], fh: IO[str] | io.StringIO) -> None:
    writer = csv.DictWriter(fh, fieldnames=list(SUGGESTION_COLUMNS), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
