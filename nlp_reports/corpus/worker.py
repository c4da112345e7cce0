"""The worker's side of batch tagging (工作进程): parse and tag one chunk of files.

:func:`process_chunk` is what runs in a worker process (or in the batch's own process with
one job): it loads each file (:func:`_load_with_timeout`, a file over ``timeout`` seconds
fails with reason ``timeout``), tags the chunk's reports with one ``tag_many`` call and
returns the ready store rows. :class:`TaggerSpec` says which tagger to load and caches it
once a process; the vocabulary words of sections 一 and 五 are segmented a report at a
time with rjieba, else (jieba) through a per-sentence memo (:class:`_MemoTokenizer`).
:func:`_warm` loads all of it before workers are forked, so that they start warm.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nlp_reports.corpus import archive
from nlp_reports.corpus.files import _storable, real_path
from nlp_reports.corpus.store import (
    PreparedParts,
    PreparedReport,
    parts_message,
    prepare_report,
    repaired_report,
    statement_rows,
    tagged_to_stored,
)
from nlp_reports.errors import MissingDependencyError, ParseError
from nlp_reports.report import Report

log = logging.getLogger("nlp_reports")


#: Per-process caches: the tagger and tokenizer are loaded once per worker process.
_TAGGERS: dict[tuple[Any, ...], Any] = {}
_TOKENIZERS: dict[Any, Any] = {}
#: A forked pool worker's slot on its pool's watchdog board (``pool._pool_worker``): the
#: batch's process sees there which file it parses and since when (``watchdog``).
_BOARD: Any = None
#: What the model folder's files were when the tagger of a ``_TAGGERS`` key was loaded
#: (:func:`_model_stamp`): a run checks it before it takes the cached tagger.
_STAMPS: dict[tuple[Any, ...], Any] = {}


def _model_stamp(model: str | None, trust: bool) -> Any:
    """Size, mtime and inode of the model file, its checksum file and card in the folder ``model``
    names (None when it cannot be found: the load says why), so that a model retrained in
    place under the same path is told from the one loaded before."""
    try:
        from nlp_reports.classify import modelcard as mc

        folder, _ = mc.resolve_model_dir(model, trust=trust)
        stamp = []
        for name in (mc.MODEL_FILE, mc.SHA_FILE, mc.CARD_FILE):
            try:
                st = os.stat(folder / name)
            except FileNotFoundError:
                stamp.append(None)
                continue
            stamp.append((st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev))
        return (str(folder), *stamp)
    except Exception:  # noqa: BLE001 - a stamp only decides whether to load again
        return None


@dataclass(frozen=True)
class TaggerSpec:
    """How a worker gets its tagger: load ``model`` (path or None) or use ``instance``."""

    model: str | None = None
    trust: bool = False
    tokenizer: str | None = None
    instance: Any = None

    def get(self) -> Any:
        if self.instance is not None:
            return self.instance
        key = (self.model, self.trust, self.tokenizer)
        if key not in _TAGGERS:
            from nlp_reports.classify import Tagger

            # (stamped before the load: a change meanwhile makes the next run load again)
            _STAMPS[key] = _model_stamp(self.model, self.trust)
            _TAGGERS[key] = Tagger.load(self.model, trust=self.trust, tokenizer=self.tokenizer)
        return _TAGGERS[key]

    def forget_if_changed(self) -> None:
        """Drop this process's cached tagger when the model folder's files changed since it
        was loaded: a model retrained in place under the same path is a new model (its id is
        its file's SHA-256) and must tag — and re-tag — as one. Called by a run's own
        process at its start; workers keep the tagger the run started with."""
        key = (self.model, self.trust, self.tokenizer)
        if self.instance is None and key in _TAGGERS:
            stamp = _model_stamp(self.model, self.trust)
            if stamp is None or stamp != _STAMPS.get(key):
                del _TAGGERS[key]


def _word_tokenizer(engine: str | None) -> Callable[[str], list[str]] | None:
    """The project's word tokenizer for the stored vocabulary words, or None when unavailable.

    The words are cut by the fastest installed engine whatever ``engine`` the tagger uses:
    jieba and rjieba cut identically (``tests/test_tokenize.py``), so the stored words are
    the same, and section 一 is most of a report — cutting it with jieba would cost more
    than everything else the batch does.
    """
    if engine not in _TOKENIZERS:
        try:
            from nlp_reports.tokenize import Tokenizer, default_engine

            fastest = default_engine()
        except ImportError:
            log.debug("nlp_reports.tokenize not available: no words stored for vocabulary")
            _TOKENIZERS[engine] = None
        except MissingDependencyError:
            log.debug("no segmentation engine installed: no words stored for vocabulary")
            _TOKENIZERS[engine] = None
        else:
            _TOKENIZERS[engine] = _MemoTokenizer(Tokenizer(engine=fastest))
    return _TOKENIZERS[engine]


#: Where a text may be cut into pieces without changing its tokens: right after a character
#: that both engines treat as a word boundary (never part of a word, in either width).
_PIECE_END = re.compile(r"(?<=[。；！？\n])")
#: The pieces :data:`_PIECE_END` cuts, but the last: found with findall, faster than a split
#: at a zero-width look-behind.
_PIECE = re.compile(r"[^。；！？\n]*[。；！？\n]")
_chain = itertools.chain.from_iterable  # (the pieces' words, one list)
#: Above this many distinct pieces a memo is emptied (bounded memory: ~4 MB; a report's
#: pieces are looked up again within it, and boilerplate recurs within hundreds of reports).
_MEMO_MAX = 10_000
#: Engines whose vocabulary words are cut without the per-sentence memo (:func:`texts_words`
#: gives a report's texts to ``words_many`` at once): rjieba segments a piece in less time than
#: the memo spends cutting the text into pieces, looking them up, splitting the new pieces'
#: words apart and keeping them — on the benchmark's 1,000 reports (28% of the text seen
#: before, within the memo's bound) report_words cost ~10% less CPU without it (417 against
#: 465 µs a report, medians of 12 alternated passes), the same words. jieba, ten times
#: slower, keeps it.
_WHOLE_ENGINES = frozenset({"rjieba"})
#: Per-process memos piece → tokens, one per tokenizer setting (engine, hmm, stopwords, …).
_MEMOS: dict[tuple[Any, ...], dict[str, tuple[str, ...]]] = {}
#: The same for :meth:`_MemoTokenizer.words`: piece → its tokens without blank ones (the
#: memo's own tuple when it has none, as nearly always: no copy).
_WORD_MEMOS: dict[tuple[Any, ...], dict[str, tuple[str, ...]]] = {}


class _MemoTokenizer:
    """A tokenizer that cuts a text into sentences and segments each distinct one once (分句缓存).

    Why: sections 一 and 五 of annual reports are full of boilerplate sentences shared across
    agencies and years, and the statements the tagger segments come back in section 五;
    segmenting is most of the batch's CPU with the jieba engine. Cutting after 。；！？ or
    a newline gives the same tokens as cutting the whole text (both engines split there and
    the normaliser drops the mark), so the result is identical; ``tests/test_batch_memo.py``
    checks this on real texts. The memo is shared by every tokenizer with the same settings
    in this process.
    """

    def __init__(self, base: Callable[[str], list[str]]) -> None:
        self.base = base
        params = base.get_params() if hasattr(base, "get_params") else {}
        key = (getattr(base, "engine_", None),
               *sorted((k, v) for k, v in params.items() if k != "engine"))
        self.memo = _MEMOS.setdefault(key, {})
        self.words_memo = _WORD_MEMOS.setdefault(key, {})
        #: whether :func:`texts_words` segments a report's texts whole, in one engine call
        self.whole = key[0] in _WHOLE_ENGINES and hasattr(base, "words_many")

    def __call__(self, text: str) -> list[str]:
        memo = self.memo
        out: list[str] = []
        for piece in _pieces(text):
            toks = memo.get(piece)  # (a hit without a call: the common case)
            if toks is None:
                if not piece:
                    continue
                toks = self._segment(piece)
            out.extend(toks)
        return out

    def _segment(self, piece: str) -> tuple[str, ...]:
        """A piece not in the memo, segmented and remembered (the memo emptied when full)."""
        memo = self.memo
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        toks = memo[piece] = tuple(self.base(piece))
        return toks

    def words(self, text: str) -> list[str]:
        """``list(filter(str.strip, self(text)))``: the tokens of ``text`` less blank ones,
        what :func:`report_words` keeps, each distinct piece's remembered (the filter over
        ~900 tokens a report cost a third of report_words), the new pieces of a text
        segmented together."""
        words_memo = self.words_memo
        pieces = _pieces(text)
        kept = list(map(words_memo.get, pieces))
        if None in kept:
            self._words_of_new(pieces, kept)
        return list(_chain(kept))

    def _words_of_new(self, pieces: list[str], kept: list[Any]) -> None:
        """Fill ``kept``'s gaps (None) with the words of those ``pieces``
        :attr:`words_memo` lacks, and remember them: segmented together, through the base's
        ``words_many`` (one call to the engine, not one a piece) when it has one."""
        words_memo = self.words_memo
        gaps = [i for i, k in enumerate(kept) if k is None]
        new = list(dict.fromkeys(pieces[i] for i in gaps))
        words_many = getattr(self.base, "words_many", None)
        cuts = (words_many(new) if words_many is not None
                else [filter(str.strip, self.base(p)) for p in new])
        fresh = dict(zip(new, map(tuple, cuts), strict=True))
        if len(words_memo) + len(fresh) > _MEMO_MAX:
            words_memo.clear()
        words_memo.update(fresh)
        for i in gaps:  # (from fresh: another thread may empty the shared memo meanwhile)
            kept[i] = fresh[pieces[i]]

    def __getattr__(self, name: str) -> Any:  # engine_, get_params …: those of the base
        if name == "base":  # not set yet (a copy being built): no endless lookup
            raise AttributeError(name)
        return getattr(self.base, name)


def _pieces(text: str) -> list[str]:
    """``text`` cut after each :data:`_PIECE_END` mark (the last piece may be empty)."""
    pieces = _PIECE.findall(text)
    end = sum(map(len, pieces))
    if end < len(text):
        pieces.append(text[end:])
    return pieces


def report_words(report: Any, tokenize: Callable[[str], list[str]]) -> list[str]:
    """The words of section 一 and of the statements of section 五 (distinctive vocabulary).

    Section 五 is read through its statements, without their enumeration markers — the very
    texts the tagger segments (the classifier segments them again, its own way, for its
    features); the headings of 五 (存在的主要问题 …), shared by every report, are left out.
    """
    return texts_words((s.text for s in report.sections if s.number == 1),
                       (st.text for st in report.statements), tokenize,
                       traditional=report.metadata.traditional)


def texts_words(section_one: Iterable[str], statements: Iterable[str],
                tokenize: Callable[[str], list[str]], *, traditional: bool = False) -> list[str]:
    """:func:`report_words` of the texts a store holds: section 一's texts (``sections``
    rows of number 1, in position order) and the statements' (``statements.text``, in idx
    order, markers still on). ``summarize`` segments a sampled report the store has no
    words for (``tag --no-words``) with it, and so gets the words tagging would have stored.

    ``traditional``: the report was in traditional characters (繁体; ``Metadata.traditional``,
    the store's ``reports.traditional``). The parser keeps such a report's sections and
    statements as written, and the dictionaries are simplified ("主動公開" as it stands
    segments to four single characters), so each text holding a traditional-only character
    is segmented in simplified characters, as the classifier's features are
    (``tokenize.repair_extraction``). (Only then: the test would cost ~10% of a simplified
    report's segmentation.)
    """
    try:
        from nlp_reports.classify.features import strip_marker
    except ImportError:  # the classify package is optional here: keep the markers
        def strip_marker(text: str) -> str:
            return text
    if traditional:
        section_one, statements = _simplified(section_one), _simplified(statements)
    if isinstance(tokenize, _MemoTokenizer):  # (the batch's: blank tokens dropped per piece)
        if tokenize.whole:  # rjieba: the report's texts in one call, no per-sentence memo
            texts = [*section_one, *map(strip_marker, statements)]
            return list(_chain(tokenize.base.words_many(texts)))
        cut = tokenize.words
    else:
        def cut(text: str) -> list[str]:
            return list(filter(str.strip, tokenize(text)))
    words: list[str] = []
    for text in section_one:
        words.extend(cut(text))
    for text in statements:
        words.extend(cut(strip_marker(text)))
    return words


def _simplified(texts: Iterable[str]) -> list[str]:
    """The texts, those holding a traditional-only character converted to simplified
    (OpenCC t2s, ``ingest.normalize.to_simplified``)."""
    from nlp_reports.ingest.normalize import to_simplified
    from nlp_reports.tokenize import traditional_rx

    find = traditional_rx().search
    return [to_simplified(t) if find(t) else t for t in texts]


def vocabulary_tokenizer() -> Callable[[str], list[str]] | None:
    """The tokenizer that cuts the stored vocabulary words (the fastest installed engine,
    memoized per sentence), or None when no engine is installed: what ``summarize`` uses to
    segment the words a store does not hold, so they are the words tagging stores."""
    return _word_tokenizer(None)


class FileTimeout(BaseException):
    """A file took longer than the batch's time limit (raised by SIGALRM in the worker).

    A BaseException, so that a parser's ``except Exception`` fallbacks cannot swallow it.
    """


def _can_time_out() -> bool:
    """True where a SIGALRM time limit works: POSIX, on the process's main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _over_time(seconds: float) -> str:
    """The message of a file failed with reason ``timeout`` (the alarm's and the Dask
    watchdog's: :func:`_parse_watched`)."""
    return f"parsing took longer than {seconds:g} s"


def _load_with_timeout(load: Callable[[str], Any], path: str, seconds: float | None) -> Any:
    """``load(path)``, interrupted by :class:`FileTimeout` after ``seconds`` (None: no limit).

    Only where :func:`_can_time_out` (forked and loky workers, and the main thread of the
    calling program); a Dask task's parses have a watchdog thread instead
    (:func:`_parse_watched`); elsewhere (another thread of the caller's, Windows) the file
    has no limit. Any timer or SIGALRM handler of the caller is restored afterwards.
    """
    if not seconds or seconds <= 0 or not _can_time_out():
        return load(path)

    def on_alarm(signum: int, frame: Any) -> None:
        raise FileTimeout(_over_time(seconds))

    start = time.monotonic()
    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return load(path)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay > 0:  # the caller had a timer running: give it back what is left
            left = max(old_delay - (time.monotonic() - start), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)


class _HeldWarnings(logging.Filter):
    """Holds the warnings this thread logs while one file is parsed ("named .pdf but holds
    HTML; read as html"): logged as usual when the file parses, added to the failure's
    message when it fails — a failed file is retried on every run, and its warning printed
    above every end-of-run line said nothing new."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.thread != self.thread or record.levelno < logging.WARNING:
            return True
        self.records.append(record)
        return False

    def settle(self, out: list[tuple[Any, ...]], path: str, real: str) -> None:
        """Into the failure of ``path`` just appended to ``out``, or logged."""
        if out and out[-1][0] == "failed" and out[-1][1] == path:
            notes = []
            for record in self.records:
                text = record.getMessage()
                for name in (real, path):
                    if text.startswith(f"{name}: "):
                        text = text[len(name) + 2:]
                notes.append(_storable(text, real, path))
            out[-1] = (*out[-1][:5], f"{out[-1][5]} ({'; '.join(notes)})")
            return
        for record in self.records:
            log.handle(record)


def _default_loader(path: str) -> Any:
    """The file's reports (:func:`~nlp_reports.parse.load_reports`): a compilation (汇编)
    gives a list of its parts, a file holding one report that report."""
    from nlp_reports.parse import load_reports

    if archive.split_member(path) is not None:  # a zip member, read from its zip
        return _member_source(load_reports(archive.read_member(path), filename=path), path)
    reports = load_reports(Path(path))  # a file: a str with a line break would be read as text
    if len(reports) == 1 and isinstance(reports[0], Report) and reports[0].metadata.part is None:
        return reports[0]
    return reports


def _whole_loader(path: str) -> Any:
    """``load_report``: a compilation is refused (``tag --no-split``)."""
    from nlp_reports.parse import load_report

    if archive.split_member(path) is not None:
        return _member_source([load_report(archive.read_member(path), filename=path)], path)
    return load_report(Path(path))


def _member_source(reports: list[Any], path: str) -> Any:
    """A zip member's reports (read from bytes: no ``source``) naming its member path, one
    report or a compilation's list as :func:`_default_loader` gives them."""
    reports = [replace(r, metadata=replace(r.metadata, source=path)) if isinstance(r, Report)
               else r for r in reports]
    if len(reports) == 1 and isinstance(reports[0], Report) and reports[0].metadata.part is None:
        return reports[0]
    return reports


def _loader_of(loader: Callable[[str], Any] | None) -> Callable[[str], Any]:
    """What reads a file: ``loader`` (path → Report, or a compilation's list) or the default.
    A custom loader opens files by path, which a zip member's ``<zip>/<member>`` is not: it is
    given the member unpacked to a temporary file of the member's name (removed after), and
    the report's ``source`` names the member (as the default loader's reports do)."""
    if loader is None:
        return _default_loader
    if loader is _whole_loader:  # (reads members itself)
        return loader

    def load(path: str) -> Any:
        split = archive.split_member(path)
        if split is None:
            return loader(path)
        data = archive.read_member(path)  # (a member encrypted or too large: its ParseError)
        import tempfile

        with tempfile.TemporaryDirectory(prefix="nlp_reports-member-") as folder:
            name = os.path.basename(split[1].rstrip("/")) or "member"
            unpacked = os.path.join(folder, name)
            with open(unpacked, "wb") as fh:
                fh.write(data)
            out = loader(unpacked)
        if isinstance(out, list):
            return [_resourced(r, unpacked, path) if isinstance(r, Report) else r for r in out]
        return _resourced(out, unpacked, path) if isinstance(out, Report) else out

    return load


def process_chunk(items: Sequence[tuple[str, str, int]], spec: TaggerSpec,
                  loader: Callable[[str], Any] | None = None,
                  words: bool = True, timeout: float | None = None) -> list[tuple[Any, ...]]:
    """Parse and tag one chunk of files; runs in a worker, returns plain picklable data.

    Each item is ``(path, sha256, size)``. Each result is ``("ok", path, sha, size,
    prepared, None, None)`` — ``prepared`` the report's store rows
    (:class:`~nlp_reports.corpus.store.PreparedReport`, or a compilation's
    :class:`~nlp_reports.corpus.store.PreparedParts`), built here so that the single
    writer only inserts — or ``("failed", path, sha, size, reason, message)``. A file whose
    parse takes more than ``timeout`` seconds fails with reason ``timeout``.
    """
    load = _loader_of(loader)
    board = _BOARD
    if board is None or not timeout or timeout <= 0:
        return _tag_parsed([_parse_item(path, sha, size, load, timeout)
                            for path, sha, size in items], spec, words)
    parsed = []
    for path, sha, size in items:  # a forked worker: the batch's process watches each parse
        board.begin(path)
        try:
            parsed.append(_parse_item(path, sha, size, load, timeout))
        finally:
            board.end()
    return _tag_parsed(parsed, spec, words)


def _parse_item(path: str, sha: str, size: int, load: Callable[[str], Any],
                timeout: float | None) -> tuple[Any, ...]:
    """Parse one file: ``("parsed", path, sha, size, report)``, or its failure
    ``("failed", path, sha, size, reason, message)`` (the first step of :func:`process_chunk`)."""
    if _WATCH.on and timeout and timeout > 0:  # a Dask task: no alarm in its thread
        return _parse_watched(path, sha, size, load, timeout)
    real = real_path(path)  # the path is text_path() of the file's name
    held = _HeldWarnings()
    out: list[tuple[Any, ...]] = []
    try:
        log.addFilter(held)
        try:
            report = _load_with_timeout(load, real, timeout)
        finally:
            log.removeFilter(held)
        if isinstance(report, list):  # a compilation: its parts (a ParseError for a failed one)
            report = [_resourced(r, real, path) if isinstance(r, Report) else r for r in report]
            if not report:
                raise ParseError(f"{path}: no report read")
        else:
            report = _resourced(report, real, path)
        out.append(("parsed", path, sha, size, report))
    except FileTimeout as exc:
        log.warning("%s: %s; recorded as failed", path, exc)
        out.append(("failed", path, sha, size, "timeout", str(exc)))
    except ParseError as exc:  # (the message without the path: the row names the file)
        out.append(("failed", path, sha, size, exc.reason,
                    _storable(Exception.__str__(exc), real, path)))
    except MissingDependencyError as exc:  # the format needs an extra: say which
        out.append(("failed", path, sha, size, "missing_dependency", str(exc)))
    except Exception as exc:  # one broken file never stops the batch
        log.debug("unexpected error parsing %s", path, exc_info=True)
        out.append(("failed", path, sha, size, "error",
                    _storable(f"{type(exc).__name__}: {exc}", real, path)))
    if held.records:
        held.settle(out, path, real)
    return out[0]


def _resourced(report: Any, real: str, path: str) -> Any:
    """``report`` whose ``source`` names ``path`` (the file as the store knows it) rather than
    ``real`` (the name it was read under)."""
    if real != path and getattr(report.metadata, "source", None) == real:
        return replace(report, metadata=replace(report.metadata, source=path))
    return report


def _tag_parsed(outcomes: Iterable[tuple[Any, ...]], spec: TaggerSpec,
                words: bool = True) -> list[tuple[Any, ...]]:
    """Tag the parsed files of a chunk and build their store rows (the second step of
    :func:`process_chunk`): the parse failures first, in order, then the tagged reports."""
    parsed: list[tuple[Any, ...]] = []  # (path, sha, size, report, rows made beforehand)
    out: list[tuple[Any, ...]] = []
    for o in outcomes:
        if o[0] == "parsed":
            parsed.append((*o[1:], None))
        elif o[0] == "prepared":  # (a head start's: head_start._ready_ahead)
            parsed.append(o[1:])
        else:
            out.append(o)
    if not parsed:
        return out
    # a compilation's parts are tagged with the chunk's other reports, then put together
    flat: list[Any] = []
    for p in parsed:
        flat.extend((r for r in p[3] if isinstance(r, Report)) if isinstance(p[3], list)
                    else (p[3],))
    tagger = spec.get()
    try:
        tagged_all = tagger.tag_many(flat)
    except Exception:  # isolate the report that breaks the tagger
        log.debug("tag_many failed on a chunk; tagging one by one", exc_info=True)
        tagged_all = []
        for report in flat:
            try:
                tagged_all.append(tagger.tag_many([report])[0])
            except Exception as exc:
                tagged_all.append(exc)
    if len(tagged_all) != len(flat):
        tagged_all = [ValueError("the tagger returned a wrong number of reports")] * len(flat)
    tokenize = _word_tokenizer(spec.tokenizer) if words else None
    tags = iter(tagged_all)
    for path, sha, size, report, ahead in parsed:
        if not isinstance(report, list):
            done = _prepared(report, next(tags), tokenize, ahead)
            out.append(("ok", path, sha, size, done, None, None)
                       if isinstance(done, PreparedReport) else ("failed", path, sha, size, *done))
            continue
        reports: list[tuple[int, Any]] = []
        failed: list[tuple[int, str, str]] = []
        for k, item in enumerate(report, 1):
            number = getattr(item, "part", None) or k
            if isinstance(item, Report):
                number = item.metadata.part or k
                done = _prepared(item, next(tags), tokenize, None)
                if isinstance(done, PreparedReport):
                    reports.append((number, done))
                else:
                    failed.append((number, *done))
            else:  # the part's ParseError (its message says "part 2 of 4: …")
                failed.append((number, getattr(item, "reason", "error"),
                               Exception.__str__(item)))
        if not reports:  # nothing of the file stored: it failed, each part named
            out.append(("failed", path, sha, size, failed[0][1],
                        parts_message(failed, len(report))))
            continue
        out.append(("ok", path, sha, size,
                    PreparedParts(len(report), tuple(reports), tuple(failed)), None, None))
    return out


def _prepared(report: Any, tagged: Any, tokenize: Callable[[str], list[str]] | None,
              ahead: Any) -> Any:
    """The store rows of one tagged report (:class:`PreparedReport`), or ``(reason,
    message)`` when they cannot be made."""
    if isinstance(tagged, Exception):
        return "tag_error", f"{type(tagged).__name__}: {tagged}"
    try:
        stored = [tagged_to_stored(t, report.statements[i] if i < len(report.statements)
                                   else None) for i, t in enumerate(tagged)]
        try:
            w = report_words(report, tokenize) if tokenize is not None else None
        except UnicodeEncodeError:  # a lone surrogate (rjieba takes UTF-8 only): the
            # texts repaired first, as prepare_report would store them (text_repaired)
            report, stored, _ = repaired_report(report, stored, None)
            w = report_words(report, tokenize)
    except Exception as exc:
        return "tag_error", f"{type(exc).__name__}: {exc}"
    try:  # the rows are built here, in the worker: the writer only inserts them
        if ahead is None:
            return prepare_report(report, stored, w)
        # the other rows were made beforehand, from the full report
        return ahead._replace(statements=statement_rows(report.statements, stored),
                              words=" ".join(w) if w is not None else None)
    except Exception as exc:
        return "store_error", f"{type(exc).__name__}: {exc}"



def _import_parser(loader: Any = None) -> None:
    """Import what ``load_report`` imports on its first call (the parser's modules and
    regexes, ~0.07 s of CPU), unless another ``loader`` parses; idempotent.

    Called before the head start is forked, so that it and the workers inherit them: the
    head start no longer imports them a second time while the parent loads the model."""
    if loader is None or loader is _whole_loader:
        import nlp_reports.ingest.encoding
        import nlp_reports.parse.checks
        import nlp_reports.parse.load
        import nlp_reports.parse.tables  # noqa: F401


def _warm(spec: TaggerSpec, words: bool, loader: Any = None) -> None:
    """Load the tagger, its segmenter, the word tokenizer and the parser here, before
    forking workers.

    Forked workers inherit them: no worker pays the ~1.5 s of imports, model unpickling
    and dictionary building that a spawned (loky) worker pays, which at a few thousand
    reports is most of what ``--jobs 2`` can gain (the parser's imports and regexes alone
    are ~0.05 s of each worker's first chunk).
    """
    _import_parser(loader)
    tagger = spec.get()
    predict = getattr(tagger, "predict", None)
    if callable(predict):
        try:
            predict(["政府信息公开工作"])  # builds the segmenter the tagger's tokenizer uses
        except Exception:  # a stand-in tagger may not predict: it is then not warmed
            log.debug("could not warm the tagger", exc_info=True)
    tokenize = _word_tokenizer(spec.tokenizer) if words else None
    if tokenize is not None:
        tokenize("政府信息公开工作")



class _Watch(threading.local):
    """Whether this thread (a Dask task's) parses each file under :func:`_parse_watched`,
    and how many parses it gave up on."""

    on = False
    abandoned = 0


_WATCH = _Watch()



def _parse_watched(path: str, sha: str, size: int, load: Callable[[str], Any],
                   seconds: float) -> tuple[Any, ...]:
    """:func:`_parse_item` run in a helper thread, given ``seconds``: over the limit the
    file fails with reason ``timeout`` and the message of ``--timeout`` elsewhere, and the
    thread is left running (counted in ``_WATCH.abandoned``). A Dask task's parses only
    (``dask_backend._dask_chunk``).

    Why: ``--timeout`` is a SIGALRM, which only a process's main thread gets; a Dask task
    runs in a worker thread, so a file that hung its parser held the worker for ever and
    the run, reading results in order, waited on it. A thread cannot be stopped from
    outside: the abandoned one runs until its worker is restarted. Like the alarm, the
    watchdog cannot end a hang inside one C call that holds the GIL (a runaway regular
    expression): its own ``join`` waits for the GIL too. A thread costs ≈ 50 µs a file.
    """
    box: list[tuple[Any, ...]] = []
    thread = threading.Thread(target=lambda: box.append(_parse_item(path, sha, size, load, None)),
                              name="nlp-reports-parse", daemon=True)
    thread.start()
    thread.join(seconds)
    alive = thread.is_alive()  # (before box: a parse ending in between is not an 'error')
    if box:  # (done, if only just after the limit: kept)
        return box[0]
    if alive:
        _WATCH.abandoned += 1
        log.warning("%s: %s; recorded as failed", path, _over_time(seconds))
        return ("failed", path, sha, size, "timeout", _over_time(seconds))
    return ("failed", path, sha, size, "error",  # a BaseException _parse_item let through
            "the parse stopped without a result")
