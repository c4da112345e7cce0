"""Duplicates found after a file is parsed (重复报告): the same report in several files.

Identical files (same SHA-256 and suffix) are told apart before parsing, in ``tag_paths``;
here are the duplicates a parse reveals: a report whose content fingerprint is one stored
or written earlier in the run (the same text in another encoding or format:
:func:`_content_duplicates`), a report one part of a compilation also holds
(:func:`_part_copies`), which file keeps the report (the earlier publication date, a name
that gives the report's agency and year: :func:`_name_holders`), and the files waiting on
a file's result (:func:`_resolve_duplicates`). ``docs/store-schema.md`` says what is stored.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from nlp_reports.corpus import archive
from nlp_reports.corpus.files import Failure, _citable_first, _suffix
from nlp_reports.corpus.store import REPORT_META_COLUMNS, PreparedParts, Store

log = logging.getLogger("nlp_reports")


def _content_duplicates(store: Store, results: list[tuple[Any, ...]], model_id: str | None,
                        since: str | None, run_start: str, new_from: int | None = None,
                        ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Split parsed results into those to write and the duplicates by content.

    A report whose content fingerprint (the same text in another encoding or format:
    :func:`~nlp_reports.corpus.store.content_fingerprint`) is that of a report met earlier
    in ``results`` or stored (by any model, at or after ``since``) is not written: it becomes
    a ``(path, sha256, size, holder, model_id)`` duplicate of that report, as a byte-identical
    copy does. Among the copies met in one run the holder is the one published first (then
    the one whose file name gives the report's agency or year (:func:`_name_gives`), then the
    first met): a mirror or 转载 re-post of a report, dated on its page months later,
    must not give the report its date (a false "published late" in the audit), whatever the
    folders' order. A copy dated earlier displaces a holder written earlier in the run
    (tagged at or after ``run_start``): the holder becomes its duplicate, and so do the
    holder's own duplicates; so does a copy dated the same whose name gives more of the report
    than the name of a holder new in this run (report id above ``new_from``; None: none is).
    A report stored by an earlier run stays the holder. The holders
    of earlier writes are read from the store, so nothing is kept from one write to the next
    (memory stays flat over a long run). Returns ``(results to write, duplicates)``.
    """
    fps = {r[1]: getattr(r[4], "fingerprint", None) for r in results if r[0] == "ok"}
    wanted = sorted({fp for fp in fps.values() if fp is not None})
    # fingerprint → (path, published, sha256, size, written in this run, new in this run)
    # of its holder
    held: dict[str, tuple[str, str | None, str, int, bool, bool]] = {
        fp: (path, published, sha, size, at >= run_start, new_from is not None and rid > new_from)
        for fp, (path, published, sha, size, at, rid) in (
            store.fingerprint_holders(wanted, since=since) if wanted else {}).items()}
    # the paths of these results that held a report before this run (tagged again: a new
    # model, --retag, a changed file) keep their ids, and so stay where they are
    stored_before = _stored_before(store, [p for p, fp in fps.items() if fp is not None],
                                   new_from)
    keep: list[tuple[Any, ...]] = []
    same: list[tuple[Any, ...]] = []
    for r in results:
        fp = fps.get(r[1]) if r[0] == "ok" else None
        holder = held.get(fp) if fp is not None else None
        if holder is not None and holder[0] != r[1]:
            date = _published(r)
            if holder[4] and _earlier(date, holder[1]):
                why = f"published earlier ({date}, not {holder[1]})"
            elif holder[5] and date == holder[1] and (
                    _cited_by_name(r[1], *r[4].head[_AGENCY:_YEAR + 1])
                    > _cited_by_name(holder[0], *r[4].head[_AGENCY:_YEAR + 1])):
                why = "its file name gives the report's agency or year"
            else:
                why = None
            if why is not None:
                log.info("%s: same text as %s, %s: it holds the report, %s is recorded as its "
                         "duplicate", r[1], holder[0], why, holder[0])
                keep = [k for k in keep if k[1] != holder[0]]  # (when not written yet)
                same = [(*d[:3], r[1] if d[3] == holder[0] else d[3], d[4]) for d in same]
                same.append((holder[0], holder[2], holder[3], r[1], model_id))
                held[fp] = (r[1], _published(r), r[2], r[3], True, new_from is not None)
                keep.append(r)
                continue
            log.info("%s: same text as %s (another encoding or format); recorded as its "
                     "duplicate", r[1], holder[0])
            same.append((r[1], r[2], r[3], holder[0], model_id))
            continue
        if fp is not None:  # it holds the text now (a file of its own tagged again too)
            held[fp] = (r[1], _published(r), r[2], r[3], True,
                        new_from is not None and r[1] not in stored_before)
        keep.append(r)
    return keep, same


def _part_copies(store: Store, results: list[tuple[Any, ...]], model_id: str | None,
                 since: str | None, run_start: str
                 ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], set[str]]:
    """A compilation's part (汇编) also saved as a file of its own (the bureau's report on its
    page and in the county's 汇编) with the same text (content fingerprint) is one report,
    held by the part: the compilation's other reports keep it from being anyone's duplicate.

    The file alone — among ``results`` (to write), or stored earlier — becomes a
    ``(path, sha256, size, compilation, model_id)`` duplicate of the compilation's path, its
    ``files`` row kept (:meth:`Store.record_duplicates` drops a report it held, and points
    its own duplicates to the compilation). Returns ``(results to write, those duplicates,
    the paths among them stored by an earlier run)`` (already counted then)."""
    parts: dict[str, str] = {}  # fingerprint → compilation path, of this write's compilations
    loose: dict[str, str] = {}  # path → fingerprint, of this write's files holding one report
    for r in results:
        if r[0] != "ok":
            continue
        if isinstance(r[4], PreparedParts):
            for _, prep in r[4].reports:
                if prep.fingerprint is not None:
                    parts.setdefault(prep.fingerprint, r[1])
        elif getattr(r[4], "fingerprint", None) is not None:
            loose[r[1]] = r[4].fingerprint
    if not parts and not loose:
        return results, [], set()
    held = {**parts, **(store.part_holders(sorted(set(loose.values())), since=since)
                        if loose else {})}
    keep: list[tuple[Any, ...]] = []
    same: list[tuple[Any, ...]] = []
    for r in results:
        holder = held.get(loose.get(r[1], ""))
        if holder is not None and holder != r[1]:
            log.info("%s: same text as a report of the compilation %s; recorded as its "
                     "duplicate", r[1], holder)
            same.append((r[1], r[2], r[3], holder, model_id))
        else:
            keep.append(r)
    earlier: set[str] = set()
    for fp, (path, _, sha, size, at, _) in (
            store.fingerprint_holders(sorted(parts), since=since) if parts else {}).items():
        if path in loose:  # (tagged again in this write: made a duplicate above)
            continue
        log.info("%s: same text as a report of the compilation %s; recorded as its duplicate",
                 path, parts[fp])
        same.append((path, sha, size, parts[fp], model_id))
        if at < run_start:
            earlier.add(path)
    return keep, same, earlier


def _name_holders(store: Store, new_from: int) -> int:
    """Pass each report new in this run (id above ``new_from``) that byte-identical copies
    share to the copy whose file name gives more of it (:func:`_cited_by_name`: a file on
    disk before a zip member, then :func:`_name_gives`; a tie keeps the holder): the run parsed the first copy it met, before it knew the report's agency and
    year. Done once the run's files are all settled, so the same files give the same holder
    whatever ``jobs``, chunks or backend; a report stored by a completed run stays where it
    is (one a stopped run stored is above ``new_from``: :meth:`Store.new_reports_from`).
    A compilation's parts stay (one name cannot give all of them). Returns how many moved."""
    rows = store.connection.execute(
        "SELECT d.duplicate_of, d.path, r.agency, r.year FROM files d JOIN files h ON "
        "h.path = d.duplicate_of AND h.status = 'ok' AND h.sha256 = d.sha256 JOIN reports r "
        "ON r.path = h.path AND r.part IS NULL WHERE d.status = 'duplicate' AND r.id > ?",
        (new_from,)).fetchall()
    copies: dict[tuple[str, Any, Any], list[str]] = {}
    for holder, path, agency, year in rows:
        copies.setdefault((holder, agency, year), []).append(path)
    moves = []
    for (holder, agency, year), paths in sorted(copies.items(), key=lambda kv: kv[0][0]):
        order = _citable_first(sorted([holder, *paths]))
        best = max(order, key=lambda p: (_cited_by_name(p, agency, year), p == holder,
                                         -order.index(p)))
        if best != holder:
            log.info("%s: holds the report of its identical copy %s (its name gives the "
                     "report's agency or year); %s is recorded as its duplicate", best, holder,
                     holder)
            moves.append((holder, best))
    store.hand_over(moves, end_run=True)  # (and no longer new to the next run)
    return len(moves)


def _cited_by_name(path: str, agency: Any, year: Any) -> tuple[bool, int]:
    """How a copy of a report ranks by its path, higher first: a file on disk before a zip
    member (as in :func:`_citable_first`), then by :func:`_name_gives`."""
    return archive.split_member(path) is None, _name_gives(path, agency, year)


def _stored_before(store: Store, paths: list[str], new_from: int | None) -> set[str]:
    """Those of ``paths`` that hold a report of id ``new_from`` or below (stored before the
    run began)."""
    if not new_from or not paths:
        return set()
    out: set[str] = set()
    for start in range(0, len(paths), 400):
        part = paths[start:start + 400]
        out.update(p for (p,) in store.connection.execute(
            f"SELECT DISTINCT path FROM reports WHERE id <= ? AND path IN "
            f"({','.join('?' * len(part))})", (new_from, *part)))
    return out


_PUBLISHED = REPORT_META_COLUMNS.index("published")
_AGENCY = REPORT_META_COLUMNS.index("agency")
_YEAR = REPORT_META_COLUMNS.index("year")
assert _YEAR == _AGENCY + 1

#: The place an agency's name opens with (柳岸县 of 柳岸县卫生健康局, 澜江省 of 澜江省交通运输厅).
_AGENCY_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|省|市|州|盟|县|区|旗|镇|乡|街道)")


def _name_gives(path: str, agency: Any, year: Any) -> int:
    """How much of its report a file's name gives (0–2): the report's ``year`` (2023, not
    inside a longer number such as t20230120_…) and its ``agency`` (the place its name opens
    with, 柳岸县 of 柳岸县卫生健康局; else its first four characters, 国家林草 of
    国家林草数据中心). Among copies of one report, the one whose name gives more holds it:
    "柳岸县卫健局2023年报.pdf" rather than "附件1.pdf", or a file named after another body and
    year that a site served the same bytes under."""
    name = os.path.basename(path)
    score = 0
    if isinstance(year, int) and re.search(rf"(?<!\d){year}(?!\d)", name):
        score += 1
    if isinstance(agency, str) and agency:
        place = _AGENCY_PLACE.match(agency)
        token = place.group() if place else agency[:4]
        score += len(token) >= 2 and token in name
    return score


def _published(result: tuple[Any, ...]) -> str | None:
    """The ``published`` date (ISO) of a parsed result's report, None when unknown."""
    head = getattr(result[4], "head", None)
    return head[_PUBLISHED] if head is not None and len(head) > _PUBLISHED else None


def _earlier(date: str | None, than: str | None) -> bool:
    """Whether ISO date ``date`` is before ``than`` (a known date before an unknown one)."""
    return date is not None and (than is None or date < than)


def _resolve_duplicates(store: Store, results: list[tuple[Any, ...]], fails: list[Failure],
                        inflight: dict[tuple[str, str], str],
                        waiting: dict[str, list[tuple[str, str, int]]],
                        settled: dict[tuple[str, str], tuple[str, ...]],
                        model_id: str | None,
                        redirect: dict[str, str] | None = None) -> tuple[int, list[Failure]]:
    """Settle the files that waited for these results: duplicates of a stored report, or
    failed like it (same content, same reason). Returns (duplicates, their failures).
    ``redirect``: path → holder, for results that became duplicates by content (their
    copies are duplicates of the holder)."""
    redirect = redirect or {}
    failed = {f.path: f for f in fails}
    dups: list[tuple[Any, ...]] = []
    dup_fails: list[tuple[Any, ...]] = []
    for r in results:
        path, key = r[1], (r[2], _suffix(r[1]))
        if inflight.get(key) == path:
            del inflight[key]
            first = failed.get(path)
            settled[key] = ("ok", redirect.get(path, path)) if first is None else (
                "failed", path, first.reason, first.message)
        for f, fsha, fsize in waiting.pop(path, ()):
            first = failed.get(path)
            if first is not None:
                dup_fails.append((f, first.reason, _same_content(path, first.message),
                                  fsha, fsize, model_id))
            else:
                dups.append((f, fsha, fsize, redirect.get(path, path), model_id))
    if dups:
        store.record_duplicates(dups)
    if dup_fails:
        store.record_failures(dup_fails)
    return len(dups), [Failure(*d[:3]) for d in dup_fails]


def _same_content(path: str, message: str) -> str:
    """The failure message of a copy of ``path`` (which failed with ``message``)."""
    if message.startswith("same content as "):
        return message
    return f"same content as {path}: {message}"
