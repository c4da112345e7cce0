"""The summary's memory at a province's scale: the same tables, less held.

The distinctive vocabulary read every sampled report's words at once (Arrow arrays of
~50 bytes a word: 1 GB of the 1.58 GB peak of ``summarize --by agency`` on 20,000
reports) and counted them in dense group × word arrays (4,000 agencies × a real corpus's
100,000 words: 13 GB). Words are now coded a chunk of texts at a time into per-report bags
of word ids (no text held) and counted per (group, agency) pair in sparse matrices. The
table must be the same whatever the chunks, count as a hand count does, and read a subset
of the reports from the bags of all of them as from their own texts.
"""

from __future__ import annotations

import importlib
import random
import tracemalloc

import numpy as np
import pandas as pd
import pytest

sm = importlib.import_module("nlp_reports.corpus.summarize")  # (the package binds the function)


_WORDS = ["政务公开", "信息公开", "标准化", "目录", "平台", "网站", "依申请", "答复", "培训",
          "考核", "解读", "栏目", "更新", "不及时", "人员", "<num>", "年", "砚山县", "一码通办",
          "乡镇", "街道", "卫健委", "教育局", "公开", "工作", "进一步", "加强"]


def _messy_corpus(seed: int, n: int = 90):
    """Reports of ~12 agencies (some unnamed or '(unknown)'), years and levels, with words
    in every spacing the store may hold: runs of spaces, tabs, full-width spaces, empty."""
    rng = random.Random(seed)
    agencies = [f"{p}县{k}局" for k, p in enumerate("甲乙丙丁戊己庚辛壬癸")] + [None, "(unknown)"]
    reps = pd.DataFrame({
        "id": list(range(1, n + 1)),
        "year": [rng.choice([2021, 2022, 2023, 2024]) for _ in range(n)],
        "level": [rng.choice(["county", "township", "department"]) for _ in range(n)],
        "agency": [rng.choice(agencies) for _ in range(n)]})
    spaces = [" ", " ", " ", "  ", "\t", "\u3000"]
    texts = []
    for _ in range(n):
        k = rng.randrange(0, 40)
        words = [rng.choice(_WORDS[: rng.randrange(3, len(_WORDS))]) for _ in range(k)]
        texts.append("".join(w + rng.choice(spaces) for w in words) if rng.random() > 0.05
                     else rng.choice(["", None]))
    words = pd.DataFrame({"id": reps["id"], "words": texts})
    return reps, words


def _hand_counts(reps, words, groups):
    """Each group's words counted by hand (split, Counter), and the agencies using each."""
    from collections import Counter

    text = dict(zip(words["id"], words["words"], strict=True))
    counts, users = {}, {}
    for rid, *values, agency in reps[["id", *groups, "agency"]].itertuples(index=False):
        t = text.get(rid)
        if not isinstance(t, str):
            continue
        key = tuple(str(v) for v in values)
        counts.setdefault(key, Counter()).update(t.split())
        who = agency if isinstance(agency, str) and agency != sm.UNKNOWN_GROUP else ("r", rid)
        for w in set(t.split()):
            users.setdefault(key, {}).setdefault(w, set()).add(who)
    return counts, users


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("groups", [("year",), ("agency",), ("level", "year")])
def test_vocabulary_is_the_same_across_passes_and_counts_by_hand(monkeypatch, seed, groups):
    """The words are coded into bags a pass of BAG_PASS texts at a time (a pass boundary
    inside a group, between, or none) and read WORD_CHUNK at a time: the same table; each
    row's count is the group's count by hand, a word of a group of several agencies is
    used by two of them, and ranks run 1, 2, … by falling z."""
    reps, words = _messy_corpus(seed)
    reps = sm.group_ready(reps) if seed % 2 else reps
    expected = sm._vocabulary(reps, words, groups, 5)
    assert len(expected)  # (the case says something)
    for chunk in (1, 7, 1000):
        monkeypatch.setattr(sm, "BAG_PASS", chunk)
        monkeypatch.setattr(sm, "WORD_CHUNK", max(chunk, 3))
        pd.testing.assert_frame_equal(sm._vocabulary(reps, words, groups, 5), expected)
    counts, users = _hand_counts(reps, words, groups)
    for values, rows in expected.groupby(list(groups), sort=False):
        key = tuple(str(v) for v in (values if isinstance(values, tuple) else (values,)))
        assert rows["rank"].tolist() == list(range(1, len(rows) + 1))
        assert (rows["z"].diff().dropna() <= 0).all() and (rows["z"] > 0).all()
        several = len({w for u in users[key].values() for w in u}) >= 2
        for word, n in zip(rows["word"], rows["count"], strict=True):
            assert counts[key][word] == n and len(word) >= 2 and not word.startswith("<")
            assert not several or len(users[key][word]) >= 2


@pytest.mark.parametrize("seed", range(6))
def test_vocabulary_of_some_reports_read_from_the_bags_of_more(seed):
    """The bags hold each report's words in their order of first use, so the table of a
    subset of the reports (a dedupe, a filter) read from the bags of all of them is the
    table of that subset's own words — ties ranked by first use over its texts too."""
    reps, words = _messy_corpus(seed)
    bags = sm.WordBags.from_texts(words["id"].tolist(), words["words"].tolist())
    some = reps.iloc[::3].reset_index(drop=True)
    for groups in (("year",), ("agency",)):
        own = sm._vocabulary(some, words[words["id"].isin(some["id"])], groups, 5)
        pd.testing.assert_frame_equal(sm._vocabulary(some, bags, groups, 5), own)
        pd.testing.assert_frame_equal(sm._vocabulary(some, bags.select(set(some["id"])),
                                                     groups, 5), own)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5])
def test_word_code_chunks_give_the_codes_of_one_pass(chunk):
    rng = random.Random(chunk)
    texts = [" ".join(rng.choice(_WORDS) for _ in range(rng.randrange(0, 9)))
             + rng.choice(["", " ", "\t", "\u3000 "]) for _ in range(23)]
    vocab: list[str] = []
    parts = list(sm.word_code_chunks(texts, vocab, chunk))
    lengths = np.concatenate([p[0] for p in parts])
    codes = np.concatenate([p[1] for p in parts])
    ref_lengths, ref_codes, ref_vocab = sm._word_codes_py(texts)
    assert lengths.tolist() == ref_lengths.tolist()
    assert codes.tolist() == ref_codes.tolist()
    assert vocab == ref_vocab.tolist()  # the words in order of first use, over all chunks


def test_vocabulary_by_agency_does_not_hold_a_group_by_word_table():
    """1,000 agencies × 12,000 distinct words: the dense arrays were 4 × 96 MB (with the
    counts' float copy); the sparse counts are a few MB (numpy's allocations are traced)."""
    rng = np.random.default_rng(3)
    n_agencies, n_words = 1000, 12000
    names = np.array([f"词{k:05d}" for k in range(n_words)])
    ids = np.arange(1, 2 * n_agencies + 1)
    reps = pd.DataFrame({"id": ids, "agency": [f"第{(i - 1) // 2}号机关" for i in ids]})
    words = pd.DataFrame({"id": ids, "words": [" ".join(names[rng.integers(0, n_words, 30)])
                                               for _ in ids]})
    tracemalloc.start()
    try:
        out = sm._vocabulary(reps, words, ("agency",), 5)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 60e6, f"{peak / 1e6:.0f} MB"
    assert out["agency"].nunique() > 500  # words two reports of one agency share


# --- template families: the shares of candidate pairs --------------------------------------


@pytest.mark.parametrize("seed", range(20))
def test_family_shares_equal_the_merged_rows(monkeypatch, seed):
    """Reports of 2–12 statements, some unclustered (-1), a cluster held twice by one report,
    pairs with nothing shared and a report with no clustered statement at all."""
    from nlp_reports.corpus import copying

    rng = random.Random(seed)
    rows = []
    for rid in range(1, rng.randrange(3, 30)):
        for idx in range(rng.randrange(2, 13)):
            rows.append((rid * 7, idx, rng.choice([-1, -1, *range(rng.randrange(1, 9))])))
    st = pd.DataFrame(rows, columns=["report_id", "idx", "cluster"])
    st["row"] = np.arange(len(st))
    n_of = st.groupby("report_id")["idx"].size()
    ids = sorted(st["report_id"].unique())
    pairs = sorted({tuple(sorted(rng.sample(ids, 2))) for _ in range(rng.randrange(1, 40))})
    pairs = pd.DataFrame(pairs, columns=["a", "b"])
    with monkeypatch.context() as m:  # the counts from the merged rows, as before mem26
        m.setattr(copying, "_shared_counts", copying._shared_counts_merged)
        expected = copying._shares(st, pairs, n_of)[["a", "b", "share", "share_back"]]
    monkeypatch.setattr(copying, "_PAIR_BLOCK", 3)  # pairs in several blocks
    got = copying._shares(st, pairs, n_of)[["a", "b", "share", "share_back"]]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))


# --- the audit's page: one copy built, written in slices -----------------------------------


def test_a_page_of_pieces_is_the_page_of_their_text_and_is_written_as_write_text(tmp_path):
    from nlp_reports.corpus.html_report import page, write_page

    rows = [f"<tr><td>第{i}号机关\n年度报告</td><td>表三 第二项为{i}</td></tr>" for i in range(40_000)]
    pieces = ["<h1>质量审查</h1>", "\n", "<table>", *rows, "</table>"]
    html = page("质量审查 Audit", pieces, script="let x = 1;", wide=True)
    assert html == page("质量审查 Audit", "".join(pieces), script="let x = 1;", wide=True)
    assert len(html) > 2 * (1 << 20)  # (slices end inside rows and characters)
    write_page(tmp_path / "a.html", html)
    (tmp_path / "b.html").write_text(html, encoding="utf-8")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
