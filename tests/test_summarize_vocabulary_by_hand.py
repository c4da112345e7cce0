"""The distinctive vocabulary's z-scores against a by-hand computation.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", §3.5.1, eq. 16 and the variance below
it, as docs/summary.md states them: for a word with count y in the group and y' in the
other sampled reports, the informative prior α = y + y' (the corpus count), n and n' the
group's and the others' word totals and α₀ the corpus total, over the words kept,

    δ = log((y+α)/(n+α₀−y−α)) − log((y'+α)/(n'+α₀−y'−α)),  σ² ≈ 1/(y+α) + 1/(y'+α),

z = δ/σ. The reference below is written from that text alone, on plain dicts, in the
order a reader would do it by hand; the summarizer works on sparse matrices of word codes.
The store is tagged from the example corpus through the public API (two years of several
agencies, each with its own wording in sections 一 and 五).
"""

from __future__ import annotations

import math
import shutil
from collections import Counter
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import Store, summarize, tag_paths
from nlp_reports.corpus.summarize import is_vocabulary_word

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="example corpus not present")


def _store(tmp_path: Path) -> Path:
    """The example corpus's plain-text reports of 2022 and 2023, tagged into a store."""
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(EXAMPLES.glob("*.txt")):
        if "2022年" in p.name or "2023年" in p.name:
            shutil.copy(p, folder / p.name)
    db = tmp_path / "c.db"
    result = tag_paths([folder], db, model=FakeTagger())
    assert result.ok >= 10 and result.failed == 0
    return db


def _stored_words(db: Path) -> list[tuple[int, int, str, list[str]]]:
    """(id, year, agency, words) of every report, by id: the words tagging stored."""
    with Store(db) as s:
        rows = s.connection.execute(
            "SELECT id, year, agency, words FROM reports ORDER BY id").fetchall()
    out = []
    for rid, year, agency, words in rows:
        text = words.decode("utf-8") if isinstance(words, bytes) else words
        out.append((rid, year, agency, text.split()))
    return out


def _by_hand(reports, key, top: int = 15) -> dict:
    """{group: [(word, z, count), ...]} in rank order, from the doc's rules alone."""
    counts: dict = {}
    users: dict = {}  # group -> word -> agencies writing it
    agencies: dict = {}
    first_use: dict = {}  # word -> its place among the words as first written, by report id
    for _id, year, agency, words in reports:
        g = key(year, agency)
        counts.setdefault(g, Counter()).update(words)
        agencies.setdefault(g, set()).add(agency)
        for w in words:
            users.setdefault(g, {}).setdefault(w, set()).add(agency)
            first_use.setdefault(w, len(first_use))
    corpus = Counter()
    for c in counts.values():
        corpus.update(c)
    # a word: 2+ characters, not a placeholder such as <num> nor a number written in Chinese
    # numerals (一次, 一名: is_vocabulary_word, tests/test_vocabulary_numeral_words.py), seen
    # twice in all reports
    kept = {w for w, c in corpus.items() if is_vocabulary_word(w) and c >= 2}
    a0 = sum(corpus[w] for w in kept)
    out = {}
    for g, c in counts.items():
        n = sum(c[w] for w in kept)
        n_other = a0 - n
        scored = []
        for w in kept:
            y = c[w]
            if y == 0:
                continue
            if len(agencies[g]) >= 2 and len(users[g][w]) < 2:
                continue  # one agency's own word says nothing of the group
            alpha = corpus[w]
            y_other = corpus[w] - y
            delta = (math.log((y + alpha) / (n + a0 - y - alpha))
                     - math.log((y_other + alpha) / (n_other + a0 - y_other - alpha)))
            z = delta / math.sqrt(1 / (y + alpha) + 1 / (y_other + alpha))
            if z > 0:
                scored.append((-z, first_use[w], w, z, y))
        scored.sort()
        out[g] = [(w, z, y) for _, _, w, z, y in scored[:top]]
    return out


def _table(vocab, group_cols) -> dict:
    out: dict = {}
    for row in vocab.itertuples(index=False):
        g = tuple(getattr(row, c) for c in group_cols)
        out.setdefault(g if len(g) > 1 else g[0], []).append((row.rank, row.word, row.z,
                                                              row.count))
    return out


@pytest.mark.parametrize("by", [(), ("agency",)])
def test_vocabulary_z_scores_are_the_papers_computed_by_hand(tmp_path, by):
    """Every listed word's z (3 decimals) and count, and the words' order, as the
    reference computes them: by year (several agencies a group, the shared-word rule on)
    and by agency (one agency a group)."""
    db = _store(tmp_path)
    reports = _stored_words(db)
    if by:
        want = _by_hand(reports, lambda year, agency: agency)
        got = _table(summarize(db, by=by).vocabulary, ["agency"])
    else:
        want = _by_hand(reports, lambda year, agency: year)
        got = _table(summarize(db).vocabulary, ["year"])
    want = {g: rows for g, rows in want.items() if rows}
    assert set(got) == set(want) and len(want) >= 2
    for g, rows in want.items():
        assert [r[0] for r in got[g]] == list(range(1, len(rows) + 1))
        assert [r[1] for r in got[g]] == [w for w, _, _ in rows], g  # the ranking order
        for (_, word, z, count), (_, hand_z, hand_count) in zip(got[g], rows, strict=True):
            assert abs(z - round(hand_z, 3)) < 1e-9, (g, word, z, hand_z)
            assert count == hand_count, (g, word)

