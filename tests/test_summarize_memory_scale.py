"""The summary's memory at a province's scale: the same tables, less held.

The distinctive vocabulary read every sampled report's words at once (Arrow arrays of
~50 bytes a word: 1 GB of the 1.58 GB peak of ``summarize --by agency`` on 20,000
reports) and counted them in dense group × word arrays (4,000 agencies × a real corpus's
100,000 words: 13 GB). Words are now coded a chunk of texts at a time and counted per
(group, agency) pair in sparse matrices. The old dense computation is kept here as the
reference the new one must equal, on messy inputs and across chunk boundaries.
"""

from __future__ import annotations

import importlib
import random
import tracemalloc

import numpy as np
import pandas as pd
import pytest

sm = importlib.import_module("nlp_reports.corpus.summarize")  # (the package binds the function)


def _dense_vocabulary(reps, words, groups, top):
    """The dense computation :func:`summarize._vocabulary` replaced (before mem26)."""
    cols = [*groups, "rank", "word", "z", "count"]
    if words is None or words.empty:
        return pd.DataFrame(columns=cols)
    r = reps.set_index("id")[list(groups)].join(words.set_index("id")["words"], how="inner")
    r = r.dropna(subset=["words"])
    g_codes, labels = pd.MultiIndex.from_frame(r[list(groups)].astype(str)).factorize()
    if len(labels) < 2:
        return pd.DataFrame(columns=cols)
    lengths, w_codes, vocab = sm._word_codes_py(r["words"].tolist())
    if len(w_codes) == 0:
        return pd.DataFrame(columns=cols)
    n_groups, n_words = len(labels), len(vocab)
    tok_group = np.repeat(g_codes, lengths)
    y = np.bincount(tok_group * n_words + w_codes, minlength=n_groups * n_words)
    y = y.reshape(n_groups, n_words).astype(float)
    agency = (reps.set_index("id")["agency"].reindex(r.index).astype(object)
              if "agency" in reps else pd.Series(None, index=r.index, dtype=object))
    unknown = agency.isna() | (agency == sm.UNKNOWN_GROUP)
    who = np.asarray(pd.factorize(agency.where(
        ~unknown, "\x00" + pd.Series(r.index.astype(str), index=r.index)))[0], dtype=np.int64)
    n_who = int(who.max()) + 1
    cell = tok_group * n_words + w_codes
    tok_who = np.repeat(who, lengths)
    lo = np.full(n_groups * n_words, n_who, dtype=np.int64)
    hi = np.full(n_groups * n_words, -1, dtype=np.int64)
    np.minimum.at(lo, cell, tok_who)
    np.maximum.at(hi, cell, tok_who)
    several = (hi > lo).reshape(n_groups, n_words)
    group_agencies = np.bincount(np.unique(g_codes * n_who + who) // n_who, minlength=n_groups)
    total = y.sum(axis=0)
    keep = (total >= 2) & np.array([len(w) >= 2 and not w.startswith("<") for w in vocab])
    y, vocab, total, several = y[:, keep], vocab[keep], total[keep], several[:, keep]
    alpha, a0, n_all = total, total.sum(), total.sum()
    rows = []
    for gi, label in enumerate(labels):
        yi = y[gi]
        yj = total - yi
        ni, nj = yi.sum(), n_all - yi.sum()
        if ni == 0 or nj == 0:
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = (np.log((yi + alpha) / (ni + a0 - yi - alpha))
                     - np.log((yj + alpha) / (nj + a0 - yj - alpha)))
            z = delta / np.sqrt(1.0 / (yi + alpha) + 1.0 / (yj + alpha))
        shared = several[gi] | (group_agencies[gi] < 2)
        z = np.where(np.isfinite(z) & (yi > 0) & shared, z, -np.inf)
        best = np.argsort(-z, kind="stable")[:top]
        values = label if isinstance(label, tuple) else (label,)
        for rank, b in enumerate(best, 1):
            if not np.isfinite(z[b]) or z[b] <= 0:
                break
            rows.append((*values, rank, vocab[b], round(float(z[b]), 3), int(yi[b])))
    out = pd.DataFrame(rows, columns=cols)
    if "year" in groups:
        out["year"] = out["year"].map(lambda v: int(v) if str(v).isdigit() else v)
    order = pd.DataFrame({f"_{i}": (pd.to_numeric(out[g], errors="coerce") if g == "year"
                                    else out[g].astype(str)) for i, g in enumerate(groups)})
    order["_rank"] = out["rank"]
    ix = order.sort_values(list(order.columns), kind="stable", na_position="last").index
    return out.loc[ix].reset_index(drop=True)


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


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("groups", [("year",), ("agency",), ("level", "year")])
def test_vocabulary_equals_the_dense_computation_across_chunks(monkeypatch, seed, groups):
    reps, words = _messy_corpus(seed)
    reps = sm.group_ready(reps) if seed % 2 else reps
    expected = _dense_vocabulary(reps, words, groups, 5)
    for chunk in (1, 7, 1000):  # a chunk boundary inside a group, between, or none
        monkeypatch.setattr(sm, "WORD_CHUNK", chunk)
        got = sm._vocabulary(reps, words, groups, 5)
        pd.testing.assert_frame_equal(got, expected)
    assert len(expected)  # (the case says something)


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
