"""Batch tagging of many report files into a store (批量标注): resumable, parallel, streaming.

Files are cut into chunks; a worker parses and tags one chunk (``tag_many`` on the whole
chunk, the tagger loaded once per worker process — on Linux workers are forked after the
parent loaded it, so they start warm) and sends back the ready store rows; the parent
process is the only writer to SQLite. Results stream (joblib ``return_as="generator"``, or
Dask futures read in order), so progress and writes happen while workers run and a kill
loses at most the chunks in flight and the results not yet committed (the writer commits
every :data:`WRITE_BATCH` reports). One broken file never stops the batch: it is recorded
as failed with a reason and retried on the next run; a file whose parse hangs fails with
reason ``timeout`` after ``timeout`` seconds. Identical files (same SHA-256 and suffix) are
parsed and tagged once; the other paths are recorded as duplicates
(``docs/store-schema.md``), and so is a file whose parsed report has the content
fingerprint of a report stored or written before it (the same text in another encoding
or format).

This module runs the batch (:func:`tag_paths`: the walk, resuming, chunking, the writer and
the end of the run); each of its jobs has its module beside it: ``files`` (finding the
files, sniffing, digests), ``worker`` (parsing and tagging one chunk, time limits, the
vocabulary words and their memo), ``head_start`` (the first files parsed while the model
loads), ``pool`` (forked or joblib worker processes), ``dask_backend`` (the same work on a
Dask cluster), ``duplicates`` (the same report in several files, found once parsed) and
``progress`` (count, rate and ETA).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from nlp_reports._gc import GC_THRESHOLD, fewer_collections
from nlp_reports._missing_paths import refuse_missing
from nlp_reports.corpus import archive
from nlp_reports.corpus.duplicates import (
    _content_duplicates,
    _name_holders,
    _part_copies,
    _resolve_duplicates,
    _same_content,
)
from nlp_reports.corpus.files import (
    NO_REPORT_FILES,
    Failure,
    _citable_first,
    _digest,
    _expand,
    _storable,
    _suffix,
    _unreadable,
    expand_paths,
    file_digest,
    real_path,
    text_path,
)
from nlp_reports.corpus.head_start import _start_head
from nlp_reports.corpus.pool import _fork_available, _join_ended, _run_joblib
from nlp_reports.corpus.progress import Progress, _progress
from nlp_reports.corpus.store import (
    PreparedParts,
    PreparedReport,
    Store,
    StoredStatement,
    _now,
    open_store,
    tagger_model_record,
)
from nlp_reports.corpus.worker import TaggerSpec, _import_parser, _whole_loader, process_chunk
from nlp_reports.corpus.writelock import LOCK_SUFFIX, writer_lock
from nlp_reports.errors import (
    ClusterError,
    ParseError,
    StoreError,
    UsageError,
)

log = logging.getLogger("nlp_reports")

#: Files per chunk at most with several processes: a chunk costs ~2.5 ms besides its files
#: (one ``tag_many`` call, one result message), and chunks of 8 cost 0.25 ms a report more
#: than chunks of 64. Chunks shrink as the run nears its end (:func:`_chunk_full`), so no
#: worker idles while another ends a big one.
DEFAULT_CHUNK_SIZE = 64
#: The fewest files a chunk shrinks to near the end of a run with several processes.
TAIL_CHUNK_FILES = 4
#: What a report costs besides its bytes, in bytes of file (parsing, tagging and store rows
#: have a cost per report): chunks are sized by the bytes plus this per file.
REPORT_WEIGHT = 8192
#: Files per chunk with one process (``jobs=1``, joblib backend): as many as the writer
#: commits at once. One ``tag_many`` call per 64 reports instead of per 16 costs ~0.15 ms a
#: report less; a kill still loses at most the results not yet committed.
SERIAL_CHUNK_SIZE = 64
#: The writer commits once this many results have arrived (or after WRITE_SECONDS, or,
#: with forked workers, when none has a result ready): a commit per 16-file chunk cost more
#: than the rows; a kill loses at most these.
WRITE_BATCH = 64
WRITE_SECONDS = 2.0
#: Seconds one file may take to parse before it is failed with reason ``timeout``.
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class BatchResult:
    """What :func:`tag_paths` did: counts, the failures, the store and the model used."""

    ok: int
    skipped: int
    failed: int
    failures: tuple[Failure, ...]  #: sorted by path
    db: str
    model_id: str | None
    duplicates: int = 0  #: files identical to a stored report, recorded as its duplicates
    #: stored files whose content changed since: tagged again, their old report replaced
    replaced: int = 0
    #: stored files (same content) tagged again because the model is another one
    retagged: int = 0
    #: the models those files had been tagged with, sorted
    previous_models: tuple[str, ...] = ()
    #: files a folder walk passed over (no reports: other formats, lock files, a saved
    #: page's resources), by suffix or kind ("" for none)
    ignored: tuple[tuple[str, int], ...] = ()
    #: pages that only link their report (详见附件) whose linked file's report is stored:
    #: recorded as ``linked``, neither failed nor counted in :attr:`failed` (this run's
    #: pages, and earlier failed pages whose file this run stored)
    linked: int = 0
    #: compilations (汇编: a file holding several reports) stored report by report, and
    #: how many reports they gave; parts that could not be read or tagged (their file is
    #: stored with the others, its ``files`` row naming them: reason ``part_failed``)
    split_files: int = 0
    split_reports: int = 0
    failed_parts: int = 0
    #: reports this run stored in which no section heading was found (problem
    #: ``no_headings``, 未找到各部分标题: a text without 一、总体情况 …, or one whose line
    #: breaks were lost): stored, not failed, but their six parts could not be checked
    no_headings: int = 0

    def summary_line(self, shown: int = 0) -> str:
        """One line for humans: ``tagged 38 reports, skipped 2 already stored, 3 failed``.

        ``shown``: how many failures the caller lists after the line; the hint to the
        list (``--show-failures`` on the command line, :attr:`failures` in Python) is added
        only when some failures are not listed.
        """
        dup = (f", {self.duplicates} duplicate{'s' if self.duplicates != 1 else ''} of "
               "stored reports" if self.duplicates else "")
        tagged = f"{self.ok} report{'s' if self.ok != 1 else ''}"
        if self.split_files:  # (ok counts files; a compilation gives several reports)
            n = self.ok - self.split_files + self.split_reports
            tagged = f"{n} report{'s' if n != 1 else ''} from {self.ok} files"
        line = (f"tagged {tagged}, "
                f"skipped {self.skipped} already stored{dup}, {self.failed} failed")
        if self.split_files:
            line += (f"; {self.split_files} file{'s' if self.split_files != 1 else ''} split "
                     f"into {self.split_reports} report{'s' if self.split_reports != 1 else ''}")
            if self.failed_parts:
                line += (f" ({self.failed_parts} part{'s' if self.failed_parts != 1 else ''} "
                         "failed: see the files table)")
        if self.replaced:
            line += (f"; {self.replaced} stored report{'s' if self.replaced != 1 else ''} "
                     f"replaced (the file changed since it was stored)")
        if self.retagged:
            was = ", ".join(m[:12] for m in self.previous_models[:3])
            more = ", …" if len(self.previous_models) > 3 else ""
            line += (f"; {self.retagged} stored report{'s' if self.retagged != 1 else ''} "
                     f"re-tagged with model {(self.model_id or '?')[:12]} (tagged before with "
                     f"{was}{more})")
        if self.linked:
            line += (f"; {self.linked} page{'s' if self.linked != 1 else ''} that "
                     f"link{'' if self.linked != 1 else 's'} a report read from its file "
                     "(status linked, not failed)")
        hidden = self.failed - max(shown, 0)
        if hidden > 0:
            see = "see --show-failures, in Python result.failures"
            line += f" ({hidden} not listed: {see})" if shown > 0 else f" ({see})"
        if self.ignored:
            n = sum(c for _, c in self.ignored)
            kinds = ", ".join(f"{s or 'no suffix and no report content'} {c}"
                              for s, c in self.ignored[:4])
            more = ", …" if len(self.ignored) > 4 else ""
            line += f"; {n} other file{'s' if n != 1 else ''} not read (no reports: {kinds}{more})"
        if self.no_headings:  # (stored, not failed: the audit says why each one)
            n = self.no_headings
            line += (f"; of the stored reports, {n} had no section heading (一、总体情况 …) and "
                     "could not be checked part by part: see audit (parse_problems no_headings)")
        return line

# --- finding files -----------------------------------------------------------------------

# --- the worker side ---------------------------------------------------------------------

# --- the parent side ---------------------------------------------------------------------


def _chunk_full(files: int, weight: float, chunk_size: int, jobs: int, left: float) -> bool:
    """Whether a chunk of ``files`` files weighing ``weight`` (bytes plus
    :data:`REPORT_WEIGHT` a file) is complete, ``left`` the weight not yet in a chunk (this
    chunk's included): at ``chunk_size`` files; with several processes also once it holds
    ``1/(2·jobs)`` of what is left (guided self-scheduling: full chunks while much is left,
    ever smaller ones at the end, down to :data:`TAIL_CHUNK_FILES`), so that the workers end
    together. Sized by bytes, not files: a chunk of big reports is a long one."""
    if files >= chunk_size:
        return True
    return jobs > 1 and files >= TAIL_CHUNK_FILES and weight * 2 * jobs >= left


#: Generation-0 threshold of the garbage collector while :func:`tag_paths` runs
#: (:mod:`nlp_reports._gc`).
BATCH_GC_THRESHOLD = GC_THRESHOLD


def _one_writer(func: Callable[..., BatchResult]) -> Callable[..., BatchResult]:
    """Run ``func`` holding its store's writer lock (:mod:`~nlp_reports.corpus.writelock`),
    taken before the walk and the model: a second run on the store raises StoreBusyError
    at once, having read and written nothing. Only this process writes (with ``--jobs`` and
    Dask the workers send their rows back), so only it locks."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> BatchResult:
        db = signature.bind(*args, **kwargs).arguments["db"]
        with writer_lock(db.path if isinstance(db, Store) else db):
            return func(*args, **kwargs)

    return run


def _paths_there(func: Callable[..., BatchResult]) -> Callable[..., BatchResult]:
    """Run ``func`` once every path it is given is there (:func:`refuse_missing`), checked
    before its writer lock, the model guard, the model and the store: a mistyped path
    leaves no trace. ``paths`` is made a list (it is read twice)."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> BatchResult:
        bound = signature.bind(*args, **kwargs)
        paths = bound.arguments["paths"]
        paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
        refuse_missing(paths)
        bound.arguments["paths"] = paths
        return func(*bound.args, **bound.kwargs)

    return run


def _store_files(db: str | os.PathLike[str] | Store) -> frozenset[str]:
    """The absolute paths of the store's own files — its database, SQLite's -wal, -shm and
    -journal, and the writer's .lock — which a folder walk passes over uncounted: with the
    store inside the folder of reports (``tag . --db corpus.sqlite``) the end-of-run line
    said "4 other files not read (no reports: .lock 1, .sqlite 1, …)". An open :class:`Store`
    is its path; each name is given as reached and as really is (the lock file is named by the
    store's real path; a folder may be reached through a link)."""
    if isinstance(db, Store):
        db = db.path
    if not isinstance(db, (str, os.PathLike)):
        return frozenset()
    # (the lock, writelock.lock_path, is the real path with LOCK_SUFFIX: among these)
    return frozenset(f"{base}{end}" for base in {os.path.abspath(db), os.path.realpath(db)}
                     for end in ("", "-wal", "-shm", "-journal", LOCK_SUFFIX))


@_paths_there
@_one_writer
@fewer_collections
def tag_paths(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
              db: str | os.PathLike[str] | Store, *, model: Any = None, trust: bool = False,
              tokenizer: str | None = None, jobs: int = 1, backend: str = "joblib",
              scheduler: Any = None, progress: bool | Callable[[Progress], None] = False,
              retag: bool = False,
              chunk_size: int | None = None,
              loader: Callable[[str], Any] | None = None, words: bool = True,
              timeout: float | None = DEFAULT_TIMEOUT, split: bool = True) -> BatchResult:
    """Parse, tag and store every report file under ``paths`` into the store ``db``.

    ``paths``: files, folders (walked recursively for .txt .htm .html .docx .pdf …, and
    files without a suffix holding one: :func:`expand_paths`) and globs. One that is not
    there (no such file or folder, a broken symbolic link, a glob matching no path) raises
    :class:`~nlp_reports.errors.MissingPathError` before anything is read or written (no
    store created, an existing one untouched); a file missing under a folder walked is
    recorded as failed (``not_found``), as any file that cannot be read.
    ``model``: a model directory (None: the shipped default; other paths need ``trust``),
    or an already loaded tagger (anything with ``model_id`` and ``tag_many``).
    Resumes: files stored ok (or as duplicates) with the same SHA-256 and model id are
    skipped unless ``retag``; a new model re-tags (old rows replaced, nothing duplicated);
    failed files are retried. ``model=None`` on a store holding reports tagged with a model
    of one's own raises :class:`~nlp_reports.errors.StoreModelError` before any work, unless
    ``retag`` (the shipped model on purpose): :mod:`~nlp_reports.corpus.model_guard`. A file identical to another (same SHA-256 and suffix) is not
    parsed again: it is recorded as a duplicate of the path holding the report
    (``BatchResult.duplicates``); so is a file whose report, once parsed, has the content
    fingerprint of a report already stored (by any model) or written earlier in the run
    (the same text in another encoding or format: ``docs/store-schema.md``).
    ``chunk_size``: files parsed and tagged together (None: :data:`SERIAL_CHUNK_SIZE` with
    one process, else :data:`DEFAULT_CHUNK_SIZE`).
    ``jobs`` > 1 runs chunks of ``chunk_size`` files in worker processes
    (forked with the tagger already loaded on Linux, joblib/loky elsewhere); ``backend="dask"`` submits them to ``scheduler`` (an address, a Client or
    a cluster; None starts a LocalCluster). ``loader`` replaces ``load_report`` (path →
    Report): it is given a file's path, and a zip member unpacked to a temporary file of
    the member's name (its report's ``source`` then names the member). ``words`` also
    stores the jieba words of sections 一 and 五 (``reports.words``, for summarize's vocabulary); False leaves the column NULL (``tag --no-words``: about a
    fifth less CPU and a quarter smaller store; summarize then segments the reports it
    samples from the stored rows, the same words, at its own cost).
    ``progress``: True draws a tqdm bar on stderr; a callable is given a :class:`Progress`
    when the files are found, then at most every ``progress.PROGRESS_SECONDS`` and at each tenth
    of them (``tag`` logs ``Progress.line()`` so when stderr is not a terminal).
    ``timeout``: seconds one file may take to parse (None or 0: no limit); a file over it
    is recorded as failed with reason ``timeout`` and the batch goes on (POSIX: in worker
    processes and on the main thread; on Dask by a watchdog thread, the worker still
    running the parse then restarted; not in another thread of the caller's). The limit
    is an alarm, which a parse stuck inside C code does not see: a forked worker (Linux,
    ``jobs`` > 1) on one file past ``watchdog.limit(timeout)`` is killed and replaced, the
    file failed with reason ``timeout``; with one process only the alarm applies.
    ``split``: a compilation (汇编: one file holding several reports) is stored report by
    report, keyed by its path and ``part`` 1 … N, all its parts in one transaction
    (``BatchResult.split_files`` / ``split_reports``); False refuses it as ``not_a_report``
    (``tag --no-split``). The default loader only: a ``loader`` returns what it returns.
    One run writes a store at a time: the run holds the store's writer lock
    (:mod:`~nlp_reports.corpus.writelock`, ``<db>.lock``), and raises
    :class:`~nlp_reports.errors.StoreBusyError` at once, before reading any file, when
    another process holds it.
    """
    if backend not in ("joblib", "dask"):
        raise UsageError(f"backend must be 'joblib' or 'dask', not {backend!r}")
    if model is None and not retag:  # her model's tags are not replaced unasked
        from nlp_reports.corpus.model_guard import refuse_shipped_over_own

        refuse_shipped_over_own(db)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if loader is None and not split:
        loader = _whole_loader
    jobs = (os.cpu_count() or 1) if jobs is not None and jobs < 0 else max(1, int(jobs or 1))
    if chunk_size is None:
        serial = jobs == 1 and backend == "joblib"
        chunk_size = SERIAL_CHUNK_SIZE if serial else DEFAULT_CHUNK_SIZE
    chunk_size = max(1, int(chunk_size))

    if model is not None and hasattr(model, "tag_many"):
        spec = TaggerSpec(instance=model, tokenizer=tokenizer)
    else:
        spec = TaggerSpec(model=None if model is None else str(model), trust=trust,
                          tokenizer=tokenizer)
    head = None
    found = None
    presorted = False  # found holds the walk's files in the order a run meets them
    if jobs > 1 and backend == "joblib" and spec.instance is None and _fork_available():
        # the files are found first, and the first of them parsed in another process while
        # this one loads the model (a bad model is told once the walk is done)
        found = _expand(paths, _store_files(db))
        found = (_citable_first(found[0]), *found[1:])  # (the head start's first files)
        presorted = True
        if found[0]:
            _import_parser(loader)  # inherited by the head start (else imported twice)
            head = _start_head(found[0], loader, timeout)
    try:
        # the folder's model as it is now, not one this process loaded before it was
        # retrained; and fail fast on a bad model, before touching any file
        spec.forget_if_changed()
        tagger = spec.get()
    except BaseException:
        if head is not None:
            head.close()
        raise
    model_id = getattr(tagger, "model_id", None)
    if jobs == 1 and spec.instance is None:
        spec = TaggerSpec(instance=tagger, tokenizer=tokenizer)

    files, missing, ignored = found if found is not None else _expand(paths, _store_files(db))
    del found
    if not files and missing and isinstance(db, (str, os.PathLike)) and not os.path.exists(db):
        # nothing to read (a mistyped path, a folder without reports): no new, empty store
        if head is not None:
            head.close()
        return BatchResult(ok=0, skipped=0, failed=len(missing), db=str(db), model_id=model_id,
                           failures=tuple(Failure(text_path(f.path), f.reason, f.message)
                                          for f in missing))
    created = isinstance(db, (str, os.PathLike)) and not os.path.exists(db)
    try:
        store, owned = open_store(db)
    except BaseException:
        if head is not None:
            head.close()
        raise
    walk_rows = 0  # the failures of the walk recorded (found again by a rerun)
    ending: list[Any] = []  # worker pools shut down, not yet ended (pool._shut)
    drop = False  # remove the store this run created: it failed with nothing written
    try:
        # reports of a higher id are new in this run (one tagged again keeps its id), or in
        # a run stopped before its end: only those may pass to a copy whose name gives them
        # (_name_holders)
        new_from = store.new_reports_from()
        store.use_model(tagger_model_record(tagger))  # (its models row: with its reports)
        store.forget_vanished_failures(lambda p: archive.exists(real_path(p)))
        _forget_gone_members(store, files, missing)
        missing = [Failure(shown, f.reason, _storable(f.message, f.path, shown))
                   for f in missing for shown in (text_path(f.path),)]
        failures: list[Failure] = list(missing)
        retried = [(f.path, f.reason, f.message, None, None, model_id)
                   for f in missing if f.reason != NO_REPORT_FILES]  # a file to retry
        if retried:
            store.record_failures(retried)
            walk_rows = len(retried)
        # Streaming: files are hashed and checked against the store one block at a time as
        # the workers ask for work, so memory does not grow with the corpus (a list of paths
        # as plain strings is all that is held).
        texts = [text_path(f) for f in files]  # real_path() reads each
        # (in that order already when the head start's files were ordered, but for a re-tag,
        # whose order asks the store, and names text_path changes: not UTF-8)
        todo_paths = (texts if presorted and not retag and texts == files
                      else _citable_first(texts, store if retag else None))
        del texts
        del files
        log.info("%d files found", len(todo_paths))
        counter = {"skipped": 0, "duplicates": 0, "replaced": 0, "retagged": 0,
                   "split_files": 0, "split_reports": 0, "failed_parts": 0}
        bar = _progress(len(todo_paths), progress,
                        lambda: (len(failures) - len(missing), counter["skipped"]))
        earlier: dict[str, str] = {}  # stored path → the other model it was tagged with
        previous_models: set[str] = set()
        # Identical files (same SHA-256) are parsed and tagged once: a file whose content is
        # queued already waits for that file's result (``waiting``); one whose content is
        # stored already is recorded as its duplicate at once. A re-tag only trusts reports
        # written by this run.
        # content key: (sha, suffix) — the suffix picks the reader, so it is part of "same"
        inflight: dict[tuple[str, str], str] = {}  # key → path queued, until written
        waiting: dict[str, list[tuple[str, str, int]]] = {}  # that path → files waiting on it
        # key → ("ok", path) or ("failed", path, reason, message): written since the store
        # was last asked (at the start of the current block), so not in its answers yet
        settled: dict[tuple[str, str], tuple[str, ...]] = {}
        run_start = _now()
        since = run_start if retag else None

        def pending_chunks() -> Iterator[list[tuple[str, str, int]]]:
            nonlocal near_end
            chunk: list[tuple[str, str, int]] = []
            weight = 0  # of the chunk (_chunk_full)
            seen = seen_weight = 0  # files hashed so far and their weight: the mean weight
            block = max(chunk_size, 256)
            for start in range(0, len(todo_paths), block):
                names = todo_paths[start:start + block]
                done = store.done_of(names)  # (with retag: to say what was re-tagged)
                digests: list[tuple[str, str, int]] = []
                for f in names:
                    try:
                        sha, size = _digest(f)
                    except (OSError, ParseError) as exc:
                        fail = (Failure(f, exc.reason, Exception.__str__(exc))
                                if isinstance(exc, ParseError)
                                else Failure(f, "unreadable", _unreadable(exc)))
                        failures.append(fail)
                        store.record_failure(fail.path, fail.reason, fail.message,
                                             model_id=model_id)
                        if bar is not None:
                            bar.update(1)
                        continue
                    if not retag and done.get(f) == (sha, model_id):
                        counter["skipped"] += 1
                        if bar is not None:
                            bar.update(1)
                        continue
                    if f in done and done[f][0] != sha:  # stored, and changed since
                        counter["replaced"] += 1
                    elif f in done:  # same content, tagged by another model (or --retag)
                        earlier[f] = done[f][1] or "?"
                    digests.append((f, sha, size))
                seen += len(digests)
                seen_weight += sum(d[2] for d in digests) + REPORT_WEIGHT * len(digests)
                shas = [d[1] for d in digests]
                # any model: content another model tagged is still stored (one report a
                # content); rerunning its holder's path re-tags it with this model
                stored = store.reports_with_content(shas, model_id, since=since,
                                                    any_model=True) if digests else {}
                failed = store.failures_with_content(shas, since=run_start) if digests else {}
                settled.clear()  # the store answers for these now
                order = {f: i for i, f in enumerate(names)}
                for f, sha, size in digests:
                    key = (sha, _suffix(f))
                    first = inflight.get(key)
                    if first is not None and first != f:
                        waiting.setdefault(first, []).append((f, sha, size))
                        continue
                    done_now = settled.get(key)
                    if done_now is not None and done_now[0] == "ok":
                        first = done_now[1]
                    else:
                        first = next((p for p in stored.get(sha, ())
                                      if _suffix(p) == key[1]), None)
                    if first is not None and first != f:
                        store.record_duplicates([(f, sha, size, first, model_id)])
                        counter["duplicates"] += 1
                        if bar is not None:
                            bar.update(1)
                        continue
                    like = done_now[1:] if done_now is not None else next(
                        (x for x in failed.get(sha, ())
                         if _suffix(x[0]) == key[1] and x[0] != f), None)
                    if like is not None:  # a copy of a file that failed in this run
                        fail = Failure(f, like[1], _same_content(like[0], like[2]))
                        failures.append(fail)
                        store.record_failure(f, fail.reason, fail.message, sha256=sha,
                                             size=size, model_id=model_id)
                        if bar is not None:
                            bar.update(1)
                        continue
                    inflight[key] = f
                    chunk.append((f, sha, size))
                    weight += size + REPORT_WEIGHT
                    after = len(todo_paths) - start - order[f] - 1  # files not looked at yet
                    if _chunk_full(len(chunk), weight, chunk_size, jobs,
                                   weight + after * seen_weight / max(seen, 1)):
                        # chunks shrunk this small: the last ~50 ms of a run with several
                        # processes (not the chunks of a small chunk_size)
                        near_end = near_end or len(chunk) <= min(2 * TAIL_CHUNK_FILES,
                                                                 chunk_size - 1)
                        yield chunk
                        chunk = []
                        weight = 0
            near_end = True
            if chunk:
                yield chunk

        near_end = False  # the last chunks are being handed out (the end is near)
        if backend == "dask":
            from nlp_reports.corpus.dask_backend import _run_dask

            results = _run_dask(pending_chunks(), spec, loader, jobs, words, scheduler, timeout)
        else:
            results = _run_joblib(pending_chunks(), spec, loader, jobs, words, timeout, head,
                                  ending)
        ok = 0
        buffer: list[tuple[Any, ...]] = []
        no_headings: set[str] = set()  # paths written with a report without headings
        last = time.monotonic()

        def flush() -> None:
            nonlocal ok, last
            keep, same = _content_duplicates(store, buffer, model_id, since, run_start,
                                             new_from)
            keep, in_parts, stored_before = _part_copies(store, keep, model_id, since, run_start)
            n_ok, chunk_failures = _write_chunk(store, keep, model_id)
            failed_now = {f.path for f in chunk_failures}
            # (a compilation not written keeps no copy: a file that had the text keeps it)
            same += [d for d in in_parts if d[3] not in failed_now]
            # (a holder written by an earlier flush that a copy dated earlier displaced is
            # counted among the duplicates now)
            counted = {r[1] for r in buffer} | stored_before
            ok += n_ok - sum(1 for d in same if d[0] not in counted)
            if earlier:  # reports written again because the model changed
                again = [earlier.pop(r[1]) for r in keep
                         if r[0] == "ok" and r[1] in earlier and r[1] not in failed_now]
                counter["retagged"] += len(again)
                previous_models.update(again)
            failures.extend(chunk_failures)
            no_headings.update(r[1] for r in keep if r[0] == "ok" and r[1] not in failed_now
                               and _has_no_headings(r[4]))
            for r in keep:  # compilations written report by report
                if r[0] == "ok" and isinstance(r[4], PreparedParts) and r[1] not in failed_now:
                    counter["split_files"] += 1
                    counter["split_reports"] += len(r[4].reports)
                    counter["failed_parts"] += len(r[4].failed)
            if same:
                store.record_duplicates(same)
            redirect = {d[0]: d[3] for d in same}
            for key, done_now in list(settled.items()):  # a holder displaced by an earlier date
                if done_now[0] == "ok" and done_now[1] in redirect:
                    settled[key] = ("ok", redirect[done_now[1]])
            n_dups, dup_failures = _resolve_duplicates(store, buffer, chunk_failures, inflight,
                                                       waiting, settled, model_id, redirect)
            counter["duplicates"] += n_dups + len(same) - len(stored_before)
            failures.extend(dup_failures)
            if bar is not None:
                bar.update(len(buffer) + n_dups + len(dup_failures))
            buffer.clear()
            last = time.monotonic()

        try:
            try:
                for chunk_result in results:
                    if not chunk_result:  # (forked workers: none back yet) write meanwhile
                        if buffer:
                            flush()
                        if near_end:  # what closing the store would do, done meanwhile
                            store.checkpoint()
                        continue
                    buffer.extend(chunk_result)
                    if len(buffer) >= WRITE_BATCH or time.monotonic() - last >= WRITE_SECONDS:
                        flush()
            except ClusterError:  # the Dask scheduler lost: what came back is whole, keep it
                if buffer:
                    flush()
                raise
            if buffer:
                flush()
        finally:
            if bar is not None:
                bar.close()
            close = getattr(results, "close", None)
            if close is not None:
                close()
        skipped = counter["skipped"]
        log.info("%d files tagged, %d already stored", ok, skipped)
        n_no_headings = _stored_no_headings(store, no_headings)
        _name_holders(store, new_from)
        # a page that only links its report, whose file is stored now: not a failure
        linked, n_linked = _settle_linked(store)
        failures = [f for f in failures if f.path not in linked]
    except BaseException:
        # a run stopped before it wrote anything (the Dask scheduler unreachable, Ctrl-C
        # during the walk) leaves no empty store file behind, only its error
        drop = created and owned and _holds_nothing(store, walk_rows)
        raise
    finally:
        try:
            if head is not None:
                head.close()
            if owned:
                store.close()
            if drop:
                _remove_store(store.path)
        finally:
            # (their workers ended while the last results were written and the store closed)
            _join_ended(ending)
    # by path: the order they finish in differs between runs with --jobs > 1
    return BatchResult(ok=ok, skipped=skipped, failed=len(failures),
                       failures=tuple(sorted(failures, key=lambda f: f.path)),
                       db=str(store.path), model_id=model_id,
                       duplicates=counter["duplicates"], replaced=counter["replaced"],
                       retagged=counter["retagged"], previous_models=tuple(sorted(previous_models)),
                       ignored=tuple(sorted(ignored.items(), key=lambda kv: (-kv[1], kv[0]))),
                       linked=n_linked, split_files=counter["split_files"],
                       split_reports=counter["split_reports"],
                       failed_parts=counter["failed_parts"], no_headings=n_no_headings)


def _has_no_headings(prepared: Any) -> bool:
    """Whether a file's store rows hold a report in which no section heading was found."""
    parts = ([p for _, p in prepared.reports] if isinstance(prepared, PreparedParts)
             else [prepared])
    return any(isinstance(p, PreparedReport) and any(row[0] == "no_headings" for row in p.problems)
               for p in parts)


def _stored_no_headings(store: Store, paths: set[str]) -> int:
    """How many reports stored under ``paths`` carry ``no_headings``: those this run wrote,
    less a copy a file dated earlier took over (the store's rows, not the run's tally)."""
    if not paths:
        return 0
    found = store.query_in(
        "SELECT DISTINCT r.id FROM reports r JOIN problems p ON p.report_id = r.id "
        "WHERE p.code = 'no_headings' AND r.path IN ({ids})", sorted(paths))
    return len(found)


def _forget_gone_members(store: Store, files: Sequence[str], missing: Sequence[Failure]) -> None:
    """Drop what the store holds of members no longer in the zips this run reads (the zip was
    replaced by one without them; a zip that now fails as a whole keeps none), and a zip's
    own failure it no longer has: else the reports of a replaced zip's old members, or the
    failure of a damaged zip downloaded again, would linger. A zip not reached is not looked at,
    like a folder not named (its paths keep their reports)."""
    zips: dict[str, set[str]] = {}
    for path in (*files, *(f.path for f in missing)):
        path = text_path(path)
        zipped = archive.zip_of(path)
        if zipped is not None:
            zips.setdefault(zipped, set()).add(path)
        elif _suffix(path) in ("", ".zip") and os.path.isfile(real_path(path)) and (
                archive.is_zip_archive(real_path(path))):
            zips.setdefault(path, set())  # (a damaged or over-full zip: none of it now)
    gone = [p for z, now in zips.items() for p in store.paths_under(z + "/") if p not in now]
    # and a zip's own failure of an earlier run (damaged, over-full, repeated names) that it
    # no longer has: the zip was replaced by a sound one
    failing = {text_path(f.path) for f in missing}
    gone += [z for z in zips if z not in failing
             and (rec := store.file_record(z)) is not None and rec.status == "failed"]
    if gone:
        store.forget(gone)


def _holds_nothing(store: Store, walk_rows: int) -> bool:
    """Whether ``store`` holds no report and no file row but the ``walk_rows`` failures of
    the walk (best effort: False when it cannot be read)."""
    try:
        return store.count("reports") == 0 and store.count("files") <= walk_rows
    except Exception:  # noqa: BLE001 - keep a store that cannot be read
        log.debug("could not count the store's rows", exc_info=True)
        return False


def _remove_store(path: str | os.PathLike[str]) -> None:
    """Remove a store file this run created and its SQLite side files (best effort)."""
    for name in (str(path), f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        with contextlib.suppress(OSError):
            os.remove(name)


def _settle_linked(store: Store) -> tuple[set[str], int]:
    """Record as ``linked`` the pages refused because they only link their report (详见附件)
    whose linked file the crawl saved (:func:`~nlp_reports.ingest.html.linked_file`, from
    the stored message) and the store holds: under that path, or — saved twice, or named
    otherwise — by its content (SHA-256). A ``linked`` page whose file's report is gone is
    ``failed`` again. Run at the end of every run over the whole store, so the order the page
    and its file are tagged in (one run or two, any ``jobs``) does not matter. Returns the
    paths linked now and how many of them were ``failed`` before."""
    rows = store.link_candidates()
    if not rows:
        return set(), 0
    from nlp_reports.ingest.html import linked_file  # (6 ms of imports: only when needed)

    target = {path: text_path(os.path.abspath(t)) for path, _, message, _ in rows
              if (t := linked_file(path, message)) is not None}
    stored = set(store.done_of(list(target.values())))  # stored ok or as a duplicate
    by_content: dict[str, str] = {}  # target → its sha, for the files not stored by path
    for t in set(target.values()) - stored:
        try:
            by_content[t] = file_digest(real_path(t))[0]
        except OSError:  # not there (any more): not linked
            continue
    holders = store.reports_with_content(list(by_content.values()), None, any_model=True)
    settle: list[tuple[str, str | None]] = []
    linked: set[str] = set()
    newly = 0
    for path, status, _, was in rows:
        t = target.get(path)
        to = t if t in stored else next(iter(holders.get(by_content.get(t, ""), ())), None)
        if to is not None:
            linked.add(path)
            newly += status == "failed"
        if (to is not None) != (status == "linked") or (to is not None and to != was):
            settle.append((path, to))
    store.set_linked(settle)
    return linked, newly


def _write_chunk(store: Store, results: list[tuple[Any, ...]],
                 model_id: str | None) -> tuple[int, list[Failure]]:
    """Write one chunk's reports in one transaction, and record its failures."""
    oks = [(r[1], r[4], r[5], r[2], r[3], model_id, r[6]) for r in results if r[0] == "ok"]
    fails = [Failure(r[1], r[4], r[5]) for r in results if r[0] == "failed"]
    written = len(oks)
    try:
        store.write_many(oks)
    except StoreError:
        # A report the store cannot take must not sink its chunk-mates: write one by one.
        written = 0
        for item in oks:
            try:
                store.write_many([item])
                written += 1
            except StoreError as exc:
                fails.append(Failure(item[0], "store_error", str(exc)))
    if fails:
        by_path = {r[1]: r for r in results}
        store.record_failures([
            (f.path, f.reason, f.message, by_path[f.path][2], by_path[f.path][3], model_id)
            for f in fails])
    return written, fails


__all__ = ["BatchResult", "Failure", "Progress", "StoredStatement", "expand_paths",
           "file_digest", "process_chunk", "refuse_missing", "tag_paths"]
