"""Near-duplicate statements (雷同/照抄): boilerplate across agencies, copying across years.

The 2021 format names "内容雷同、敷衍塞责" as a defect; this module finds it at corpus scale
without an O(n²) comparison:

1. statements are normalised (whitespace, punctuation, enumeration markers, digits) and
   exact duplicates share one entry, so heavy boilerplate costs one text, not thousands;
2. each unique text gets a MinHash signature over its character bigrams, cut into
   bands (LSH); texts sharing a band bucket are candidates;
3. candidates are verified by TF-IDF cosine over character bigrams (≥ ``threshold``,
   0.8 by default), computed only for candidate pairs on sparse rows.

Clusters are connected components of verified pairs. Everything is numpy / scipy sparse.
Year over year, a statement found word for word inside the agency's previous section 五
taken whole is copied too, however either year was cut into statements; across agencies,
:func:`found_inside` does the same against a few given reports (the audit's: those of the
agency a report already shares most with).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

DEFAULT_THRESHOLD = 0.8
N_HASHES = 24
YOY_BANDS = 4  # bands used for year-over-year copying (plus exact matches)
BAND_ROWS = 3  # 8 bands of 3 rows: Jaccard 0.5 → candidate with p ≈ 0.66, 0.7 → 0.98
_PRIME = (1 << 31) - 1

_MARKER = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[一二三四五六七八九十]+是|[①-⑳])\s*")
_DROP = re.compile(r"[\s\u3000，。、；：？！…—–·‘’“”《》〈〉【】〔〕（）()「」『』,.;:?!\"'\-]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_DIGIT = re.compile(r"\d")


def normalize(text: str) -> str:
    """The comparison form of a statement: no marker, punctuation or spaces; digits → 0."""
    t = _MARKER.sub("", text or "")
    t = _DROP.sub("", t)
    return _DIGITS.sub("0", t)


#: The words an announcement (引导语, :func:`announcements`) is made of: what it announces
#: (问题, 不足, 措施, 工作 …), that a list follows (以下, 如下, 几个方面, 针对上述问题 …), who, when
#: and in which work (我们, 我局, 本关, 公司, 下一步, 2025年, 政府信息公开工作 …) and a verb of being
#: or intent (存在, 有, 是, 将, 拟, 打算, 加以改进 …). Nothing about how the work went: a sentence
#: that says it — "在总结成绩的同时，我们也清醒地认识到工作中还存在一些问题和短板："
#: (总结成绩, 清醒地认识到), "…取得了一定成效，但仍存在一些不足：", "下一步，我局将坚持问题导向：" —
#: stays a statement: boilerplate, which the copying checks are there to find.
_ANNOUNCING_WORDS = (
    "下一步", "下一阶段", "下阶段", "下步", "今后", "明年", "来年", "新的一年", "0年度", "0年",
    "本年度", "今年", "我们", "公司", "学校", "学院", "医院", "分局", "总队", "支队", "街道办事处",
    "街道", "政府信息公开工作", "政务公开工作", "信息公开工作", "政府信息公开", "政务公开",
    "信息公开", "同时", "但是", "但", "当然", "也", "还", "仍然", "仍", "主要是", "主要", "重点",
    "着力", "着重", "具体", "存在", "表现在", "体现在", "表现为", "包括", "有", "是", "为", "如下",
    "以下", "下列", "下述", "上述", "以上", "针对", "对此", "这些", "这样", "若干", "一些", "几",
    "方面", "将", "拟", "计划", "准备", "打算", "要", "做好", "抓好", "做", "改", "从", "采取",
    "加以", "着手", "改进措施", "整改措施", "改进", "整改", "措施", "举措", "对策", "思路", "安排",
    "工作", "问题", "不足", "之处", "困难", "短板", "弱项", "薄弱环节", "差距", "的", "了", "着",
    "等", "和", "及", "与", "以及", "中", "在", "如",
)
_ANNOUNCING = re.compile(
    "(?:[我本](?:单位|部门|中心|公司|医院|学校|街道|机关|集团|[局委办厅院镇乡区县市省署处司部站所校队关])"
    "|[一二两三四五六七八九十几0]+(?:个|点|项|条)?|"
    + "|".join(sorted(_ANNOUNCING_WORDS, key=len, reverse=True)) + ")+")


def announcements(texts: Sequence[str]) -> np.ndarray:
    """Which statements only announce what follows (引导语): "主要存在以下问题：", "下一步，我们
    将：", "具体改进措施如下：", "2025年，我局将重点做好以下几方面工作：".

    An announcement ends in a colon and, normalised (:func:`normalize`), is made only of
    :data:`_ANNOUNCING_WORDS` (and numerals, 我局, 本县 …): no word of its own. The parser keeps
    it as a statement (a lead-in sentence is one: ``parse/statements.py``), but it carries
    no content to copy: written by every agency, it joined cross-agency near-duplicate
    clusters and the year-over-year copies as if it were a shared statement. The copying
    checks leave it out (:func:`boilerplate`, :func:`year_over_year`,
    :func:`template_families`). Only texts ending in a colon are looked at (a few per
    report), so 130,000 statements cost little.
    """
    out = np.zeros(len(texts), dtype=bool)
    for i, t in enumerate(texts):  # (statements are stored stripped)
        if t and t[-1] in "：:":
            out[i] = _announces(t)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _announces(text: str) -> bool:
    """:func:`announcements` of one text ending in a colon (remembered: the summary asks
    three times, and a stock lead-in is written by thousands)."""
    return _ANNOUNCING.fullmatch(normalize(text)) is not None


def normalize_all(texts: Sequence[str]) -> list[str]:
    """``[normalize(t) for t in texts]``, the punctuation and digits done in numpy.

    Two regex passes per text cost 0.2 s over the 67,860 distinct statements of 20,000
    reports (3.8 million characters); here every character of all texts at once is looked
    up in a table of the distinct characters, each classified by the patterns themselves
    (``_DROP`` dropped; ``\\d`` digits, a run of them within a text becomes one "0":
    ``_DIGITS``'s decimal point is always dropped first). Markers stay per text (anchored).
    """
    n = len(texts)
    stripped = [_MARKER.sub("", t or "") for t in texts]
    joined = "".join(stripped)
    if not joined:
        return [""] * n
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, stripped), dtype=np.int64, count=n), out=offsets[1:])
    del stripped
    # one 2-byte code unit a character when none is beyond the BMP and none a surrogate
    # (a lone one could pair with the next once decoded): half the fresh memory of 4 bytes
    units = joined.encode("utf-16-le", "surrogatepass")
    cps = np.frombuffer(units, dtype=np.uint16)
    if len(cps) != len(joined) or ((cps >= 0xD800) & (cps < 0xE000)).any():
        # (surrogatepass: a lone surrogate goes through as normalize() leaves it)
        cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    del joined, units
    codec = "utf-16-le" if cps.dtype == np.uint16 else "utf-32-le"
    present = np.zeros(int(cps.max()) + 1, dtype=bool)
    present[cps] = True
    kind = np.zeros(len(present), dtype=np.uint8)  # 1 dropped, 2 a digit
    for c in np.flatnonzero(present).tolist():
        if _DROP.fullmatch(chr(c)):
            kind[c] = 1
        elif _DIGIT.fullmatch(chr(c)):
            kind[c] = 2
    cls = kind[cps]
    keep = np.zeros(len(cps) + 1, dtype=bool)  # (one past the end: every offset an index)
    np.not_equal(cls, 1, out=keep[:-1])
    # text i is kept[at[i]:at[i + 1]]: its characters kept, counted text by text (a running
    # count over all characters was two arrays of 4 bytes a character)
    at = _segment_starts(keep, offsets)
    kept = cps[keep[:-1]]
    digit = cls[keep[:-1]] == 2
    m = len(kept)
    text_start = np.zeros(m + 1, dtype=bool)
    text_start[at] = True
    first = np.ones(m + 1, dtype=bool)  # all but the 2nd… digit of a run within one text
    first[1:m] = ~(digit[1:] & digit[:-1] & ~text_start[1:m])
    first[m] = False
    out = kept[first[:m]]
    out[digit[first[:m]]] = ord("0")
    ends = _segment_starts(first, at).tolist()
    whole = out.tobytes().decode(codec, "surrogatepass")
    return [whole[a:b] for a, b in zip(ends[:-1], ends[1:], strict=True)]


def _segment_starts(flags: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Where each segment ``flags[starts[i]:starts[i + 1]]`` begins once only its True
    entries are kept (``flags`` one longer than the last segment's end, that entry False)."""
    lens = np.diff(starts)
    counts = np.add.reduceat(flags, starts[:-1], dtype=np.int64) if len(lens) else lens
    counts[lens == 0] = 0  # (reduceat gives an empty segment its first entry)
    out = np.zeros(len(starts), dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


def first_codes(values: list[Any]) -> tuple[Any, Any]:
    """``pd.factorize(values)``: each value's code, in order of first appearance, and the
    distinct values. Texts only (the statements of a store) are counted in a dict: pandas'
    hashing of Python objects took twice as long (0.06–0.08 s against 0.04 on the 141,000
    statements of 20,000 reports); anything else (None, numbers) goes to pandas."""
    import pandas as pd

    if all(type(v) is str for v in values):
        first: dict[str, int] = {}
        codes = np.fromiter((first.setdefault(v, len(first)) for v in values),
                            dtype=np.int64, count=len(values))
        return codes, list(first)
    return pd.factorize(pd.Series(values, dtype=object))


@dataclass
class NearDuplicateIndex:
    """Unique normalised texts, their TF-IDF rows and MinHash band keys.

    ``uid[i]`` is the unique-text id of input text i; ``band_keys`` is (n_unique, n_bands)
    int64 (band number mixed in, so keys of different bands never collide).
    """

    uid: np.ndarray
    unique: list[str]
    tfidf: Any  # scipy.sparse CSR, rows L2-normalised
    band_keys: np.ndarray

    @classmethod
    def build(cls, texts: Sequence[str]) -> NearDuplicateIndex:
        """The index of ``texts`` (one entry per distinct normalised text)."""
        # exact duplicates first (raw, then normalised): boilerplate costs one entry
        raw_codes, raw_unique = first_codes(list(texts))
        norm = normalize_all([str(t) for t in raw_unique])
        norm_codes, unique = first_codes(norm)
        uid = np.asarray(norm_codes, dtype=np.int64)[raw_codes] if len(raw_codes) else \
            np.zeros(0, dtype=np.int64)
        unique = [str(u) for u in unique]
        counts = char_bigrams(unique)
        return cls(uid=uid, unique=unique, tfidf=_tfidf(counts),
                   band_keys=_band_keys(counts))

    def cosine(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Cosine of unique texts a[k] and b[k], for arrays of pairs (sparse, row-wise)."""
        if len(a) == 0:
            return np.zeros(0)
        out = np.empty(len(a))
        # in slices of 16,384 pairs: the rows of a slice (and their product) are a few MB
        # that the next slice reuses; slices of 200,000 were fresh memory each call, whose
        # page faults cost 0.4 s of system time on 20,000 reports (the cosines are the same:
        # each pair's sum is its own)
        step = 16_384
        for s in range(0, len(a), step):
            xa = self.tfidf[a[s:s + step]]
            xb = self.tfidf[b[s:s + step]]
            out[s:s + step] = np.asarray(xa.multiply(xb).sum(axis=1)).ravel()
        out[a == b] = 1.0
        return out


def char_bigrams(texts: Sequence[str]) -> Any:
    """Counts of character bigrams per text (CSR, texts × bigram ids), vectorised in numpy.

    Each text is prefixed with a start mark, so a one-character text still has a bigram.
    """
    from scipy.sparse import csr_matrix

    n = len(texts)
    if n == 0:
        return csr_matrix((0, 1))
    marked = ["\x02" + t for t in texts]
    lengths = np.fromiter((len(t) for t in marked), dtype=np.int64, count=n)
    cps = np.frombuffer("".join(marked).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    ends = np.cumsum(lengths)
    starts = np.ones(len(cps) - 1, dtype=bool)
    starts[(ends - 1)[:-1]] = False  # the last character of a text starts no bigram
    # every character with the next, then those of one text (few temporaries: each array
    # here is ~35 MB on 20,000 reports, and fresh memory costs page faults)
    bigram = cps[:-1] * 0x110000
    bigram += cps[1:]
    bigram = bigram[starts]
    del cps, starts
    import pandas as pd

    feat, _ = pd.factorize(bigram)
    del bigram
    # the rows are the texts in order: CSR straight from the offsets (no COO, no row
    # sort); each row's bigram ids are then sorted and counted
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths - 1, out=indptr[1:])
    x = csr_matrix((np.ones(len(feat), dtype=np.float64), feat, indptr),
                   shape=(n, int(feat.max()) + 1 if len(feat) else 1))
    x.sum_duplicates()
    return x


def _tfidf(counts: Any) -> Any:
    """Sublinear TF × smooth IDF, rows L2-normalised (as scikit-learn's TfidfTransformer)."""
    x = counts.copy().astype(np.float64)
    n = x.shape[0]
    df = np.bincount(x.indices, minlength=x.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    row_nnz = np.diff(x.indptr)
    # (a bincount, not add.reduceat: that fails when the last rows are empty, a statement
    # such as "1." that normalises to nothing)
    norms = np.sqrt(np.bincount(np.repeat(np.arange(n), row_nnz), weights=x.data ** 2,
                                minlength=n))
    norms[norms == 0] = 1.0
    x.data /= np.repeat(norms, row_nnz)
    return x


def _band_keys(counts: Any) -> np.ndarray:
    """MinHash over the bigram shingles, banded: (n_unique, n_bands) int64 keys."""
    n = counts.shape[0]
    n_bands = N_HASHES // BAND_ROWS
    if n == 0:
        return np.zeros((0, n_bands), dtype=np.int64)
    x = counts.tocsr()
    shingles = x.indices
    lengths = np.diff(x.indptr)
    empty = lengths == 0
    rng = np.random.default_rng(20210926)
    a = rng.integers(1, _PRIME, size=N_HASHES, dtype=np.int64)
    b = rng.integers(0, _PRIME, size=N_HASHES, dtype=np.int64)
    sig = np.full((n, N_HASHES), _PRIME, dtype=np.int64)
    starts = x.indptr[:-1][~empty]
    rows = np.flatnonzero(~empty)
    # a hash is a function of the bigram id alone: hashed once per distinct bigram (never
    # more than the shingles, and far fewer: 3,151 against 1.3 million on the benchmark's
    # 20,000 reports) and looked up per shingle, not multiplied and taken modulo per
    # shingle 24 times (0.19 s, now 0.10); a hash is below _PRIME < 2^31, so the looked-up
    # values and their minima are int32 (half the memory traffic); the keys are the same
    ids = np.arange(x.shape[1], dtype=np.int64)
    table = np.empty(x.shape[1], dtype=np.int64)
    h = np.empty(len(shingles), dtype=np.int32)  # one buffer for the 24 hashes
    for k in range(N_HASHES):
        np.multiply(ids, a[k], out=table)
        table += b[k]
        table %= _PRIME
        if len(h):
            np.take(table.astype(np.int32), shingles, out=h)
            sig[rows, k] = np.minimum.reduceat(h, starts)
    # combine the rows of each band into one 64-bit key (with the band number mixed in)
    keys = np.empty((n, n_bands), dtype=np.int64)
    for band in range(n_bands):
        part = sig[:, band * BAND_ROWS:(band + 1) * BAND_ROWS].astype(np.uint64)
        key = np.full(n, band + 1, dtype=np.uint64)
        for col in range(part.shape[1]):
            key = key * np.uint64(1_000_003) ^ part[:, col]
        keys[:, band] = key.view(np.int64)
    # texts with no shingle get unique keys (never candidates)
    if empty.any():
        keys[empty] = -(np.arange(empty.sum() * n_bands, dtype=np.int64)
                        .reshape(-1, n_bands) + 1)
    return keys


def candidate_pairs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (a, b) of unique texts sharing a band bucket: each member to its bucket's first.

    A star per bucket keeps this linear in the bucket size; clusters still form because
    components are taken over all bands.
    """
    n, n_bands = keys.shape
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    flat = keys.ravel()
    ids = np.repeat(np.arange(n, dtype=np.int64), n_bands)
    order = np.argsort(flat, kind="stable")  # stable: ids stay ascending within a bucket
    fk, fi = flat[order], ids[order]
    start = np.r_[True, fk[1:] != fk[:-1]]
    group_first = fi[np.flatnonzero(start)][np.cumsum(start) - 1]
    mask = fi != group_first
    pairs = _unique_pairs(group_first[mask], fi[mask], "a", "b")
    return pairs["a"].to_numpy(), pairs["b"].to_numpy()


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label of each of n nodes given edges (a, b): 0, 1, 2 … in the
    order of each component's smallest node, as ``scipy.sparse.csgraph`` numbers them.

    Min-label hooking with pointer jumping, in numpy: importing scipy's csgraph (it pulls
    in scipy.sparse.linalg) cost more than the whole computation on 20,000 reports.
    """
    parent = np.arange(n)
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    while len(a):
        pa, pb = parent[a], parent[b]  # roots: parent is fully compressed here
        differ = pa != pb
        if not differ.any():
            break
        lo, hi = np.minimum(pa, pb)[differ], np.maximum(pa, pb)[differ]
        np.minimum.at(parent, hi, lo)  # hook each larger root under a smaller one
        while True:  # compress: every node points at its root
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    return np.unique(parent, return_inverse=True)[1].reshape(-1)


def agency_keys(agency: Any) -> np.ndarray:
    """:func:`~nlp_reports.parse.metadata.agency_key` of each name of a column (None where
    no name): computed once per distinct name (a few thousand), not per statement — mapped
    over the 130,000 statements of 20,000 reports it cost 0.03 s a call, remembered or not."""
    import pandas as pd

    from nlp_reports.parse.metadata import agency_key

    codes, names = pd.factorize(agency)
    return np.array([*(agency_key(a) for a in names), None], dtype=object)[codes]


def boilerplate(statements: Any, index: NearDuplicateIndex, *,
                threshold: float = DEFAULT_THRESHOLD, min_agencies: int = 2) -> tuple[Any, Any]:
    """Clusters of near-duplicate statements shared across different agencies.

    ``statements`` is a DataFrame with report_id, idx, text, kind, agency (row i ↔
    ``index.uid[i]``). Returns ``(clusters, members)``: one row per cluster (cluster,
    n_statements, n_reports, n_agencies, agencies, kind, text) and one row per member
    statement (report_id, idx, cluster). Announcements (:func:`announcements`) join none.
    """
    import pandas as pd

    n_u = len(index.unique)
    a, b = candidate_pairs(index.band_keys)
    keep = index.cosine(a, b) >= threshold
    labels = components(n_u, a[keep], b[keep])
    st = statements[["report_id", "idx", "text", "kind", "agency"]].copy()
    st["uid"] = index.uid
    st["cluster"] = labels[index.uid] if n_u else np.zeros(0, dtype=np.int64)
    # unknown agencies (None) are not counted as different; one agency's 行署 and 行政公署
    # years are one agency
    st["agency_key"] = agency_keys(st["agency"])
    # an announcement ("主要存在以下问题：") is shared by every agency and says nothing
    st = st[~announcements(st["text"].tolist())]
    per = st.groupby("cluster").agg(n_agencies=("agency_key", "nunique"),
                                    n_statements=("idx", "size"),
                                    n_reports=("report_id", "nunique"))
    shared = per[per["n_agencies"] >= min_agencies]
    members = st[st["cluster"].isin(shared.index)]
    if members.empty:
        empty_c = pd.DataFrame(columns=["cluster", "n_statements", "n_reports", "n_agencies",
                                        "agencies", "kind", "text"])
        return empty_c, pd.DataFrame(columns=["report_id", "idx", "cluster"])
    # the most frequent wording is the cluster's face; the most frequent kind its kind
    face = (members.groupby(["cluster", "uid"]).size().rename("n").reset_index()
            .sort_values(["cluster", "n", "uid"], ascending=[True, False, True])
            .drop_duplicates("cluster").set_index("cluster")["uid"])
    first_text = members.drop_duplicates("uid").set_index("uid")["text"]
    kinds = (members.groupby(["cluster", "kind"]).size().rename("n").reset_index()
             .sort_values(["cluster", "n", "kind"], ascending=[True, False, True])
             .drop_duplicates("cluster").set_index("cluster")["kind"])
    names = (members[["cluster", "agency_key"]].dropna().drop_duplicates()
             .sort_values(["cluster", "agency_key"]))
    shown = names.groupby("cluster").head(5).groupby("cluster")["agency_key"].agg("、".join)
    more = per["n_agencies"].reindex(shown.index) > 5
    agencies = shown.where(~more, shown + "…")
    clusters = shared.join(agencies.rename("agencies")).join(kinds.rename("kind"))
    clusters["text"] = first_text.reindex(face.reindex(clusters.index).values).values
    clusters = clusters.sort_values(["n_agencies", "n_statements"], ascending=False)
    renum = {c: i + 1 for i, c in enumerate(clusters.index)}
    clusters.index = clusters.index.map(renum)
    clusters = clusters.rename_axis("cluster").reset_index()
    members = members[["report_id", "idx", "cluster"]].assign(
        cluster=members["cluster"].map(renum)).reset_index(drop=True)
    return clusters[["cluster", "n_statements", "n_reports", "n_agencies", "agencies", "kind",
                     "text"]], members


def _join(cur_key: np.ndarray, prev_key: np.ndarray, rows: np.ndarray) -> Any:
    """Pairs (row, row_prev) whose keys are equal.

    Every current entry is paired with one previous entry of its key, the last one (a
    star, linear in the number of entries with the key); other bands supply the other
    candidates. Hashed (pandas): a stable sort of both sides together cost 3× more.
    """
    import pandas as pd

    n = len(cur_key)
    if n == 0 or len(prev_key) == 0:
        return _unique_pairs(np.zeros(0, np.int64), np.zeros(0, np.int64), "row", "row_prev")
    codes, uniques = pd.factorize(prev_key)
    last = np.full(len(uniques), -1, dtype=np.int64)
    np.maximum.at(last, codes, np.arange(len(prev_key), dtype=np.int64))
    at = pd.Index(uniques).get_indexer(cur_key)
    take = at >= 0
    left, right = rows[take], rows[last[at[take]]]
    return _unique_pairs(left, right, "row", "row_prev")


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of a 1-D numeric array, by a sort and a look at neighbours.

    numpy 2.4's plain np.unique hashes (_unique_hash) before it sorts: 0.04 s for the
    190,000 candidate-pair codes of 20,000 reports (0.4 s for a million), where a sort
    takes 0.003 s (0.02 s). Same values, same dtype, same order.
    """
    out = np.sort(np.asarray(values).ravel())
    if len(out) < 2:
        return out
    return out[np.r_[True, out[1:] != out[:-1]]]


def _unique_pairs(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> Any:
    """Distinct (a, b) pairs of non-negative ints, via one 1-D unique."""
    import pandas as pd

    if len(a) == 0:
        return pd.DataFrame({name_a: np.zeros(0, np.int64), name_b: np.zeros(0, np.int64)})
    width = np.int64(max(int(b.max()), int(a.max())) + 1)
    code = sorted_unique(a.astype(np.int64) * width + b.astype(np.int64))
    return pd.DataFrame({name_a: code // width, name_b: code % width})


#: A statement found word for word (once normalised) inside the agency's section 五 of the
#: year before counts as copied only from this many normalised characters: a stock phrase
#: ("加强业务培训", "力争年内见到明显成效") inside last year's long text is no copied statement.
MIN_CONTAINED = 20
#: The most characters :func:`_contained` or :func:`found_inside` searches for one report
#: in another (its statements to look for × that report's normalised section 五, one scan
#: each): a section 五 of 100,000 statements, year after year, would be 10^10 characters
#: (hours). 50,000,000 is 1,000 statements in a 50,000-character section 五, ten times the
#: longest real one; past it only the statement-to-statement cosine test runs.
MAX_CONTAINED_WORK = 50_000_000

log = logging.getLogger("nlp_reports")


def _found_in(rid: np.ndarray, idx: np.ndarray, norm: Sequence[str], look: np.ndarray,
              others: dict[Any, list[Any]], min_chars: int = MIN_CONTAINED
              ) -> list[tuple[int, list[int]]]:
    """The one containment search of :func:`_contained` and :func:`found_inside`.

    Row i is a statement of report ``rid[i]`` at ``idx[i]``, normalised ``norm[i]``. Each
    row with ``look`` True, of at least :data:`MIN_CONTAINED` characters and of a report
    in ``others``, is looked for inside the section 五 taken whole (normalised statements
    joined in order) of each of ``others[rid[i]]`` in turn; a report whose search would
    pass :data:`MAX_CONTAINED_WORK` is left out (with a warning). Returns, per row found,
    in report and statement order, ``(row, span)``: ``span`` the rows of the first report
    it lies in that the passage covers, in order (the first is where it starts).
    """
    import pandas as pd

    order = np.lexsort((idx, rid))  # every report's statements in order, for its text
    sorted_rid = rid[order]
    # each report's run of rows in that order, found once for all (two np.searchsorted
    # per report looked up cost more than the searches themselves); Python ints as keys:
    # a numpy scalar per row cost more too
    first_row = np.flatnonzero(np.r_[True, sorted_rid[1:] != sorted_rid[:-1]]) \
        if len(rid) else np.zeros(0, dtype=np.int64)
    run_of = dict(zip(sorted_rid[first_row].tolist(),
                      zip(first_row.tolist(), [*first_row[1:].tolist(), len(rid)],
                          strict=True), strict=True))
    order_list = order.tolist()
    rid_list = rid.tolist()
    rows_of: dict[Any, list[int]] = {}
    texts: dict[Any, str] = {}
    ends: dict[Any, np.ndarray] = {}  # where each statement of a report ends in whole()

    def statements_of(o: Any) -> list[int]:
        if o not in rows_of:
            lo, hi = run_of.get(o, (0, 0))
            rows_of[o] = order_list[lo:hi]
        return rows_of[o]

    def whole(o: Any) -> str:
        if o not in texts:
            texts[o] = "".join([norm[r] for r in statements_of(o)])
        return texts[o]

    look = (np.asarray(look, dtype=bool)
            & np.fromiter((len(t) >= min_chars for t in norm), dtype=bool, count=len(norm))
            & pd.Series(rid).isin(set(others)).to_numpy())
    wanted: dict[Any, list[int]] = {}
    for i in order[look[order]].tolist():
        wanted.setdefault(rid_list[i], []).append(i)
    hits = []
    for r, rows in wanted.items():
        kept = [o for o in others[r] if len(rows) * len(whole(o)) <= MAX_CONTAINED_WORK]
        if len(kept) < len(others[r]):
            log.warning("copying: report %s has %d statements against %d characters of "
                        "another report's section 五: too many to look for inside it "
                        "(compared one to one only)", r, len(rows),
                        max(len(whole(o)) for o in others[r]))
        # each text searched once per statement (100,000 on 20,000 reports): looked up
        # once per report, not per search
        searched = [(o, whole(o)) for o in kept]
        for i in rows:
            text = norm[i]
            for o, in_o in searched:
                at = in_o.find(text)
                if at < 0:
                    continue
                if o not in ends:
                    ends[o] = np.cumsum([len(norm[s]) for s in statements_of(o)])
                first = int(np.searchsorted(ends[o], at, side="right"))
                last = int(np.searchsorted(ends[o], at + len(text) - 1, side="right"))
                hits.append((i, statements_of(o)[first:last + 1]))
                break
    return hits


def _contained(st: Any, index: NearDuplicateIndex, agency_code: np.ndarray,
               base_year: np.ndarray, done: set[int]) -> tuple[Any, dict]:
    """Statements copied from the year before however either year was cut into statements.

    A statement of ``st`` (rows with report_id, idx, text, agency key, year; ``uid`` into
    ``index``; ``agency_code`` its agency as an int; ``base_year`` the year it is compared
    with, -1 for none: :func:`base_years`) not in ``done`` is copied when it lies inside
    (:func:`_found_in`) the section 五 of one of its agency's reports of that year (the
    year before): two statements of last year merged into one, or one of them cut in two, are
    found as well as a statement copied alone. Returns the pairs (row, row_prev,
    similarity 1.0), row_prev the statement of last year where the passage starts, and,
    for a passage spanning several statements of last year, their texts joined (by row).
    """
    import pandas as pd

    empty = pd.DataFrame({"row": np.zeros(0, np.int64), "row_prev": np.zeros(0, np.int64),
                          "similarity": np.zeros(0)})
    if not len(st):
        return empty, {}
    rid = st["report_id"].to_numpy()
    # each report's (agency, year) as one int; its reports of the base year by that key
    code = agency_code.astype(np.int64) * 10_000
    key = code + st["year"].to_numpy().astype(np.int64)
    base = np.where(base_year >= 0, code + base_year, -1)
    reports_of: dict[int, list[Any]] = {}
    base_of: dict[Any, int] = {}
    for r, k, b in sorted(set(zip(rid.tolist(), key.tolist(), base.tolist(), strict=True))):
        reports_of.setdefault(k, []).append(r)
        base_of[r] = b
    others = {r: reports_of[b] for r, b in base_of.items() if b in reports_of}
    look = np.ones(len(st), dtype=bool)
    look[list(done)] = False
    hits = _found_in(rid, st["idx"].to_numpy(), [index.unique[u] for u in st["uid"].tolist()],
                     look, others)
    if not hits:
        return empty, {}
    raw = st["text"].to_numpy()
    spans = {i: "".join(raw[span]) for i, span in hits if len(span) > 1}
    return pd.DataFrame({"row": np.asarray([i for i, _ in hits], np.int64),
                         "row_prev": np.asarray([span[0] for _, span in hits], np.int64),
                         "similarity": np.ones(len(hits))}), spans


def found_inside(statements: Any, index: NearDuplicateIndex, pairs: Any, *,
                 skip: np.ndarray | None = None, min_chars: int = MIN_CONTAINED) -> Any:
    """Statements found word for word inside another given report's section 五 taken whole.

    ``statements``: report_id, idx (row i ↔ ``index.uid[i]``); ``pairs``: report_id,
    other_report_id — the reports each report's statements are looked for in (a few per
    report: no all-pairs scan). A statement of at least :data:`MIN_CONTAINED` normalised
    characters (``skip`` False) is found when its normalised text lies inside the other
    report's normalised statements joined in order (:func:`_found_in`): one contiguous
    stretch, so a copy cut into statements differently is found, clauses picked from
    different places are not. Returns report_id, idx, other_report_id (the first of the
    pairs it is found in).
    """
    import pandas as pd

    found: dict[str, list[Any]] = {"report_id": [], "idx": [], "other_report_id": []}
    if pairs.empty or not len(statements):
        return pd.DataFrame(found)
    others: dict[Any, list[Any]] = {}
    for r, o in zip(pairs["report_id"].tolist(), pairs["other_report_id"].tolist(),
                    strict=True):
        others.setdefault(r, []).append(o)
    rid = statements["report_id"].to_numpy()
    idx = statements["idx"].to_numpy()
    look = (np.ones(len(rid), dtype=bool) if skip is None
            else ~np.asarray(skip, dtype=bool))
    for i, span in _found_in(rid, idx, [index.unique[u] for u in index.uid.tolist()],
                             look, others, min_chars):
        found["report_id"].append(rid[i])
        found["idx"].append(idx[i])
        found["other_report_id"].append(rid[span[0]])
    return pd.DataFrame(found)


def year_over_year(statements: Any, reports: Any, index: NearDuplicateIndex, *,
                   threshold: float = DEFAULT_THRESHOLD) -> tuple[Any, Any]:
    """Statements an agency repeated (near-)verbatim from its report of the year before.

    ``statements``: report_id, idx, text (row i ↔ ``index.uid[i]``); ``reports``: id,
    agency, year. A statement is copied when one statement of the agency's t−1 reports
    is like it (cosine ≥ ``threshold``) or when it lies word for word in a t−1 section 五
    taken whole (:func:`_contained`: a copy cut into statements differently, prose one
    year and a list the next). Returns ``(by_report, copied)``: per report with a t−1
    report, the number of statements (``n_statements``), how many are copied (``n_copied``), their
    share of the statements (``share_copied_statements`` = n_copied / n_statements) and
    the copied share of the statements' characters (``share_copied`` = characters of the
    copied statements / characters of all statements: a long copied paragraph weighs more
    than a short one); and one row per copied statement with its source and similarity.
    When ``statements`` has a ``kind`` column, the copied statements carry it and each
    report counts its copied problems and measures (``n_copied_problems``,
    ``n_copied_measures``): a lead-in such as "在总结成绩的同时，也清醒地认识到…" is copied by
    most agencies every year and says nothing about whether the problems are last year's.
    Announcements (:func:`announcements`: "下一步，我们将：") are left out of both counts.
    """
    import pandas as pd

    from nlp_reports.parse.metadata import agency_key

    rep = reports[["id", "agency", "year"]].dropna(subset=["agency", "year"])
    rep = rep.assign(year=rep["year"].astype(int))
    shown = rep.set_index("id")["agency"]  # years are linked by the key (行署 = 行政公署)
    rep = rep.assign(agency=rep["agency"].map(agency_key))
    has_kind = "kind" in statements.columns
    st = statements[["report_id", "idx", "text", *(["kind"] if has_kind else [])]
                    ].reset_index(drop=True)
    st["uid"] = index.uid
    st["chars"] = st["text"].map(len).astype(int) if len(st) else 0
    # an announcement is neither copied nor counted among the statements it is a share of
    st = st[~announcements(st["text"].tolist())]
    st = st.merge(rep.rename(columns={"id": "report_id"}), on="report_id", how="inner")
    # Candidate keys per statement: its exact normalised text, and the first YOY_BANDS
    # MinHash bands (copies are near-verbatim, so fewer bands keep recall and halve the
    # work). Each key is mixed with (agency, year) into one int64; a collision only adds
    # a candidate, and candidates are verified by cosine below.
    uid = st["uid"].to_numpy()
    keys = np.concatenate([
        (uid.astype(np.uint64) * np.uint64(0xFF51AFD7ED558CCD))[:, None],
        index.band_keys[uid, :YOY_BANDS].astype(np.uint64) if len(st)
        else np.zeros((0, YOY_BANDS), dtype=np.uint64)], axis=1)
    n_bands = keys.shape[1]
    agency_code = pd.factorize(st["agency"])[0].astype(np.uint64)
    year = st["year"].to_numpy().astype(np.uint64)
    base = agency_code * np.uint64(0x9E3779B97F4A7C15) + year * np.uint64(0xC2B2AE3D27D4EB4F)
    rows = np.repeat(np.arange(len(st)), n_bands)
    cur_key = (keys ^ base[:, None]).ravel().view(np.int64)
    # a statement of year b is keyed as of the year compared with b (one at most: the next
    # year with statements; else b + 1, which then has none to match)
    bases = base_years(rep, st)
    stated = bases[bases["base_year"].notna()].merge(st[["agency", "year"]].drop_duplicates(), on=["agency", "year"])
    then = pd.Series(stated["year"].to_numpy(), index=pd.MultiIndex.from_arrays(
        [stated["agency"], stated["base_year"].astype(int)]))
    at = then.index.get_indexer(pd.MultiIndex.from_arrays([st["agency"], st["year"]])) \
        if len(then) else np.full(len(st), -1)
    target = np.where(at >= 0, then.to_numpy()[at] if len(then) else 0,
                      st["year"].to_numpy() + 1).astype(np.uint64)
    base_next = agency_code * np.uint64(0x9E3779B97F4A7C15) + \
        target * np.uint64(0xC2B2AE3D27D4EB4F)  # the same agency, the year compared with it
    prev_key = (keys ^ base_next[:, None]).ravel().view(np.int64)
    pairs = _join(cur_key, prev_key, rows)
    agencies = st["agency"].to_numpy()
    base_year = st[["agency", "year"]].merge(bases, on=["agency", "year"], how="left")[
        "base_year"].fillna(-1).to_numpy(np.int64)
    years = st["year"].to_numpy()
    same = ((agencies[pairs["row"].to_numpy()] == agencies[pairs["row_prev"].to_numpy()])
            & (base_year[pairs["row"].to_numpy()] == years[pairs["row_prev"].to_numpy()]))
    pairs = pairs[same].reset_index(drop=True)
    cur_rows = pairs["row"].to_numpy()
    prev_rows = pairs["row_prev"].to_numpy()
    sim = index.cosine(uid[cur_rows], uid[prev_rows])
    pairs = pairs.assign(similarity=sim)
    pairs = pairs[pairs["similarity"] >= threshold]
    best = pairs.sort_values(["row", "similarity"], ascending=[True, False]).drop_duplicates("row")
    inside, spans = _contained(st, index, agency_code, base_year, set(best["row"].tolist()))
    best = pd.concat([best, inside]).sort_values("row", kind="stable")
    cur = st.iloc[best["row"].to_numpy()].reset_index(drop=True)
    src = st.iloc[best["row_prev"].to_numpy()].reset_index(drop=True)
    prev_text = src["text"]
    if len(inside):  # a passage of several statements of last year: all of them
        prev_text = prev_text.copy()
        at = np.flatnonzero(best["row"].isin(list(spans)).to_numpy())
        prev_text.iloc[at] = [spans[r] for r in best["row"].to_numpy()[at]]
    copied = pd.DataFrame({
        "agency": cur["agency"], "year": cur["year"], "report_id": cur["report_id"],
        "idx": cur["idx"], "text": cur["text"], "prev_report_id": src["report_id"],
        "prev_idx": src["idx"], "prev_text": prev_text,
        "similarity": best["similarity"].to_numpy().round(3),
    })
    if has_kind:
        copied.insert(5, "kind", cur["kind"].to_numpy())
    # per report that has a report to compare with (:func:`base_years`)
    has_prev = rep.merge(bases.dropna(subset=["base_year"]), on=["agency", "year"])
    has_prev = has_prev.merge(rep.rename(columns={"year": "base_year"}).astype(
        {"base_year": float}), on=["agency", "base_year"], suffixes=("", "_prev"))
    totals = st.groupby("report_id").agg(n_statements=("idx", "size"), chars=("chars", "sum"))
    # several reports of the year before (a revision, a truncated copy): name the one the
    # copies came from most, else the one with the most statements, else the newest
    sources = copied.groupby(["report_id", "prev_report_id"]).size().rename("n_from")
    has_prev = has_prev.merge(sources, left_on=["id", "id_prev"], right_index=True,
                              how="left")
    has_prev["prev_n"] = has_prev["id_prev"].map(totals["n_statements"])
    has_prev = has_prev.fillna({"n_from": 0, "prev_n": 0}).sort_values(
        ["id", "n_from", "prev_n", "id_prev"], ascending=[True, False, False, False])
    has_prev = has_prev.drop_duplicates("id")[["id", "agency", "year", "id_prev", "base_year"]]
    copied_tot = copied.merge(st[["report_id", "idx", "chars"]], on=["report_id", "idx"])
    counts = {"n_copied": ("idx", "size"), "copied_chars": ("chars", "sum")}
    if has_kind:
        copied_tot = copied_tot.assign(problem=copied_tot["kind"] == "problem",
                                       measure=copied_tot["kind"] == "measure")
        counts |= {"n_copied_problems": ("problem", "sum"),
                   "n_copied_measures": ("measure", "sum")}
    copied_tot = copied_tot.groupby("report_id").agg(**counts)
    by_report = has_prev.rename(columns={"id": "report_id", "id_prev": "prev_report_id",
                                         "base_year": "prev_year"})
    by_report["prev_year"] = by_report["prev_year"].astype(int)
    by_report = by_report.merge(totals, left_on="report_id", right_index=True, how="left")
    by_report = by_report.merge(copied_tot, left_on="report_id", right_index=True, how="left")
    kind_counts = ["n_copied_problems", "n_copied_measures"] if has_kind else []
    ints = ["n_statements", "chars", "n_copied", "copied_chars", *kind_counts]
    by_report[ints] = by_report[ints].fillna(0).astype(int)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = by_report["copied_chars"] / by_report["chars"].where(by_report["chars"] > 0)
        count_share = by_report["n_copied"] / by_report["n_statements"].where(
            by_report["n_statements"] > 0)
    by_report["share_copied_statements"] = count_share.round(3)
    by_report["share_copied"] = share.round(3)
    if len(by_report):  # the names as written (行署 or 行政公署), not the key
        by_report["agency"] = by_report["report_id"].map(shown)
        copied["agency"] = copied["report_id"].map(shown)
    by_report = by_report.sort_values(["agency", "year"]).reset_index(drop=True)
    return (by_report[["agency", "year", "report_id", "prev_report_id", "prev_year",
                       "n_statements",
                       "n_copied", *kind_counts, "share_copied_statements", "share_copied"]],
            copied)


def base_years(rep: Any, stated: Any) -> Any:
    """Per (agency, year) of ``rep``, in order: ``base_year``, the year it is compared with — the
    agency's latest earlier (agency, year) of ``stated``, a year whose section 五 holds a
    statement (NaN when none). ``agency`` is the key years are linked by (``agency_key``).

    A section 五 that states nothing (只写“无”, missing, a truncated file) is no base: the year
    after is compared with the year before it, where a copy across the empty year lies and
    a problem stated both years persists. A year with no stored report is passed over the
    same way (a gap). :func:`year_over_year` and the summary's ``problem_changes`` both
    compare by it."""
    import pandas as pd

    years = rep[["agency", "year"]].drop_duplicates().reset_index(drop=True)
    stated = stated[["agency", "year"]].drop_duplicates().sort_values("year")
    if years.empty or stated.empty:
        return years.assign(base_year=np.nan)
    stated = stated.assign(base_year=stated["year"].astype(float))
    out = pd.merge_asof(years.astype({"year": int}).assign(pos=np.arange(len(years)))
                        .sort_values("year", kind="stable"),
                        stated.astype({"year": int}), on="year", by="agency",
                        allow_exact_matches=False)
    # (in the order of ``rep``'s first rows: merge_asof wants them by year)
    return out.sort_values("pos")[["agency", "year", "base_year"]].reset_index(drop=True)


#: A report joins a template family (套用同一模板) when at least this share of its section 五
#: statements has a near-duplicate in the family's central report, and as much of the
#: central report's statements has one in it (both ways: a short report of three stock
#: sentences lies inside every template, but is not one).
FAMILY_SHARE = 0.8
#: Pairs sharing this share of one side's statements as boilerplate clusters are compared
#: further (a re-split copy matches few statements one to one, most word for word inside).
FAMILY_CANDIDATE_SHARE = 0.5
#: A member whose every statement matches the central report's at this cosine or more,
#: statement for statement, is an exact copy (a township's own name or a figure aside).
FAMILY_EXACT = 0.95
#: Only statements written by at most this many reports of the year pair reports into
#: candidates: a template is shared by a county's townships or a city's bureaus, tens of
#: reports; text written by hundreds is boilerplate sent down from above (套话), which
#: makes no family, and pairing its hundreds of reports two by two would cost minutes.
FAMILY_RARE = 100
#: Between a report and its family's central report, a piece found word for word inside
#: the other's section 五 counts from this many normalised characters (not
#: :data:`MIN_CONTAINED`): the pair already shares half its statements, so a short piece
#: there is the template cut in two (将政务公开纳入班子会议研究事项 / 强化全员公开意识), not a
#: stock phrase.
FAMILY_MIN_INSIDE = 8
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:自治区|省|市|县|区|旗|镇|乡|街道)")


def _own_names(agency: Any) -> list[str]:
    """The places in an agency's name (鹤州市, 梅岭县, 青石镇), longest first: a township
    writes its own name into the county's template, so it is masked before comparing."""
    if not isinstance(agency, str):
        return []
    return sorted({normalize(n) for n in _PLACE.findall(agency)}, key=len, reverse=True)

FAMILY_COLUMNS = ["family", "year", "size", "report_id", "agency", "level", "role", "match",
                  "n_statements", "share_member", "share_central"]


def _prefix_pairs(st: Any, share: float, targets: Any = None) -> Any:
    """Candidate report pairs (a, b) of one year, different agencies, sharing a cluster
    among a's rarest ``n − ⌈share·n⌉ + 1`` statements (b among ``targets`` if given).

    A prefix filter: any ⌈share·n⌉ of a's n statements include one of its
    n − ⌈share·n⌉ + 1 rarest, so every pair where b holds a near-duplicate of ``share`` of
    a's statements is found — as long as that shared statement is written by at most
    :data:`FAMILY_RARE` reports of the year (text written by hundreds pairs no one).
    """
    import pandas as pd

    freq = st.groupby(["year", "cluster"])["report_id"].transform("nunique")
    freq = freq.where(st["cluster"] >= 0, 1)
    # (the columns used only: sorting the statements' texts along cost a third of it)
    s = st[["report_id", "idx", "year", "cluster", "agency_key"]].assign(freq=freq).sort_values(
        ["report_id", "freq", "cluster"], kind="stable")
    rank = s.groupby("report_id").cumcount()
    n = s.groupby("report_id")["idx"].transform("size")
    need = np.ceil(share * n - 1e-9).astype(int)
    pre = s[(rank < n - need + 1) & (s["cluster"] >= 0) & (s["freq"] <= FAMILY_RARE)][
        ["report_id", "year", "cluster", "agency_key"]]
    holders = st[(st["cluster"] >= 0) & (freq <= FAMILY_RARE)]
    if targets is not None:
        holders = holders[holders["report_id"].isin(targets)]
    holders = holders[["report_id", "year", "cluster", "agency_key"]].drop_duplicates(
        ["report_id", "cluster"])
    p = pre.drop_duplicates(["report_id", "cluster"]).merge(
        holders, on=["year", "cluster"], suffixes=("", "_b"))
    p = p[(p["report_id"] != p["report_id_b"]) & (p["agency_key"] != p["agency_key_b"])]
    a = p["report_id"].to_numpy(np.int64)
    b = p["report_id_b"].to_numpy(np.int64)
    if targets is None:
        a, b = np.minimum(a, b), np.maximum(a, b)
    return _unique_pairs(a, b, "a", "b") if len(a) else pd.DataFrame(
        {"a": np.zeros(0, np.int64), "b": np.zeros(0, np.int64)})


def _matched(st: Any, pairs: Any) -> Any:
    """Per directed pair (a, b): rows of a's statements whose cluster b also holds."""
    rows = st.loc[st["cluster"] >= 0, ["report_id", "cluster", "row"]]  # (not the texts)
    held = rows[["report_id", "cluster"]].drop_duplicates()
    both = _directed(pairs)
    m = both.merge(rows, left_on="a", right_on="report_id").drop(columns="report_id")
    m = m.merge(held, left_on=["b", "cluster"], right_on=["report_id", "cluster"])
    return m[["a", "b", "row", "cluster"]]


#: Report pairs whose shares :func:`_shares` computes at once (~100 bytes a pair a block).
_PAIR_BLOCK = 100_000


def _shares(st: Any, pairs: Any, n_of: Any) -> Any:
    """Both directions of ``pairs`` with ``share`` (a's statements whose cluster b holds,
    over a's statements) and ``share_back`` (the same of b in a)."""
    d = _directed(pairs)
    d = d.assign(share=_shared_counts(st, pairs, d) / d["a"].map(n_of).to_numpy())
    back = d.rename(columns={"a": "b", "b": "a", "share": "share_back"})[["a", "b",
                                                                          "share_back"]]
    return d.merge(back, on=["a", "b"])


def _shared_counts(st: Any, pairs: Any, d: Any) -> Any:
    """Per directed pair of ``d`` (:func:`_directed` of ``pairs``): a's statements whose
    cluster b holds. k = Σ over clusters of (a's statements in it) × (b holds it): a sparse
    report × cluster matrix's rows multiplied pair by pair, a block of pairs at a time.
    (_matched's rows — each pair × a's statements — were 14 M on 5,000 generated reports:
    0.5 GB.) A statement in two clusters is counted once by :func:`_shared_counts_merged`."""
    import pandas as pd
    from scipy import sparse

    rows = st.loc[st["cluster"] >= 0, ["report_id", "cluster", "row"]]
    if not rows["row"].is_unique:  # (a statement in two clusters)
        return _shared_counts_merged(st, pairs, d)
    rep, reps = pd.factorize(rows["report_id"])
    clu, _ = pd.factorize(rows["cluster"])
    held = sparse.csr_matrix((np.ones(len(rep), dtype=np.int64), (rep, clu)),
                             shape=(len(reps), int(clu.max()) + 1 if len(clu) else 0))
    has = (held > 0).astype(np.int64).tocsr()
    at = pd.Index(reps)
    ia, ib = at.get_indexer(d["a"]), at.get_indexer(d["b"])
    k = np.zeros(len(d), dtype=np.int64)
    ok = np.flatnonzero((ia >= 0) & (ib >= 0))  # (a report with no clustered statement: 0)
    for start in range(0, len(ok), _PAIR_BLOCK):
        part = ok[start:start + _PAIR_BLOCK]
        k[part] = np.asarray(held[ia[part]].multiply(has[ib[part]]).sum(axis=1)).ravel()
    return k


def _shared_counts_merged(st: Any, pairs: Any, d: Any) -> Any:
    """:func:`_shared_counts` from :func:`_matched`'s rows (distinct statements per pair)."""
    count = _matched(st, pairs).groupby(["a", "b"])["row"].nunique().rename("k")
    k = d.merge(count.reset_index(), on=["a", "b"], how="left")["k"]
    return k.fillna(0).to_numpy(np.int64)


def _directed(pairs: Any) -> Any:
    """Both directions of undirected pairs (a, b)."""
    import pandas as pd

    return pd.concat([pairs[["a", "b"]], pairs[["b", "a"]].set_axis(["a", "b"], axis=1)],
                     ignore_index=True)


def template_families(statements: Any, index: NearDuplicateIndex, members: Any) -> Any:
    """Reports of different agencies, one year, whose section 五 is one template (套用同一模板).

    ``statements``: report_id, idx, text, agency, year, level (row i ↔ ``index.uid[i]``);
    ``members``: :func:`boilerplate`'s statement → cluster rows (near-duplicates shared
    by different agencies: no second similarity engine). A statement of report a is
    *shared* with report b when b holds a statement of its cluster or, for a pair already
    sharing :data:`FAMILY_CANDIDATE_SHARE` of one side's statements, when it lies word for
    word inside b's section 五 taken whole (:func:`found_inside`: a template cut into
    statements differently). Two reports are *linked* when each shares
    :data:`FAMILY_SHARE` of its statements with the other. A family is grown from the
    linked pairs' connected components, then kept in check: its central report is the one
    linked to most others, and only the reports linked to it directly are members (a
    chain a–b–c where a and c share little is not one family).

    Returns one row per member, families largest first (central report first): family,
    year, size, report_id, agency, level, role (central / member), match (exact,
    reworded, re-split — how the member differs from the central report), n_statements,
    share_member (share of its statements shared with the central report) and
    share_central (share of the central report's statements shared with it).
    """
    import pandas as pd

    empty = pd.DataFrame({c: [] for c in FAMILY_COLUMNS})
    if not len(statements) or members.empty:
        return empty
    st = statements[["report_id", "idx", "text", "agency", "year", "level"]].copy()
    st["uid"] = index.uid
    st["row"] = np.arange(len(st))
    st = st.merge(members[["report_id", "idx", "cluster"]], on=["report_id", "idx"],
                  how="left").sort_values("row", kind="stable").reset_index(drop=True)
    st["cluster"] = st["cluster"].fillna(-1).astype(np.int64)
    st["agency_key"] = agency_keys(st["agency"])
    st["year"] = pd.to_numeric(st["year"], errors="coerce")  # "(unknown)" of a group key
    # announcements are in no cluster (boilerplate): neither shared nor counted
    st["announces"] = announcements(st["text"].tolist())
    known = st["agency_key"].notna() & st["year"].notna() & ~st["announces"]
    if not known.any() or not (st["cluster"] >= 0).any():
        return empty
    sk = st[known].copy()
    sk["year"] = sk["year"].astype(int)
    n_of = st[~st["announces"]].groupby("report_id")["idx"].size()
    # a report with fewer than FAMILY_CANDIDATE_SHARE of its statements clustered links no one
    clustered = sk[sk["cluster"] >= 0].groupby("report_id")["idx"].size()
    able = clustered.index[clustered >= np.ceil(
        FAMILY_CANDIDATE_SHARE * n_of.reindex(clustered.index) - 1e-9)]
    sk = sk[sk["report_id"].isin(able)]
    d = _shares(sk, _prefix_pairs(sk, FAMILY_SHARE), n_of)
    strong = d[(d["share"] >= FAMILY_SHARE) & (d["share_back"] >= FAMILY_SHARE)
               & (d["a"] < d["b"])]
    if strong.empty:
        return empty
    ids = sorted_unique(np.r_[strong["a"].to_numpy(), strong["b"].to_numpy()])
    pos = {r: i for i, r in enumerate(ids.tolist())}
    lab = components(len(ids), strong["a"].map(pos).to_numpy(), strong["b"].map(pos).to_numpy())
    comp = dict(zip(ids.tolist(), lab.tolist(), strict=True))
    und = _directed(strong)
    und = und.assign(weight=(und.merge(d, on=["a", "b"])[["share", "share_back"]]
                             .min(axis=1).to_numpy()))
    deg = und.groupby("a").agg(n=("b", "size"), w=("weight", "sum"))
    deg["comp"] = deg.index.map(comp)
    # ties (every township linked to every other): the report whose very wordings most
    # other members write — the template as sent, not a member's rewording of it
    mine = sk[sk["report_id"].isin(deg.index)][["report_id", "uid"]].drop_duplicates()
    mine = mine.assign(comp=mine["report_id"].map(comp))
    holders = mine.groupby(["comp", "uid"])["report_id"].transform("size") - 1
    deg["same_text"] = holders.groupby(mine["report_id"]).sum().reindex(deg.index).fillna(0)
    central = (deg.reset_index().sort_values(["comp", "n", "same_text", "w", "a"],
                                            ascending=[True, False, False, False, True])
               .drop_duplicates("comp").set_index("comp")["a"])
    centres = set(central.tolist())
    fam_of = {c: c for c in centres}
    for a, b in zip(und["a"].tolist(), und["b"].tolist(), strict=True):
        if a in centres and comp[b] == comp[a]:
            fam_of[b] = a
    # re-split copies: candidates of a centre not in a family, matched word for word inside
    in_family = set(fam_of)
    rest = sk[~sk["report_id"].isin(in_family) | sk["report_id"].isin(centres)]
    d = _shares(rest, _prefix_pairs(rest, FAMILY_CANDIDATE_SHARE, sorted(centres)), n_of)
    loose = d[d["b"].isin(centres) & ~d["a"].isin(in_family)
              & (d[["share", "share_back"]].max(axis=1) >= FAMILY_CANDIDATE_SHARE)]
    loose = loose.sort_values(["a", "share", "b"], ascending=[True, False, True]
                              ).drop_duplicates("a")
    inside = _inside_shares(st, index, _matched(sk, loose[["a", "b"]]), loose[["a", "b"]],
                            n_of)
    for a, b in inside:
        fam_of[a] = b
    rows = []
    fam_pairs = pd.DataFrame([(r, c) for r, c in fam_of.items() if r != c],
                             columns=["a", "b"])
    shares = _member_shares(st, index, _matched(sk, fam_pairs), fam_of, n_of)
    for member, centre in fam_of.items():
        share_m, share_c, match = shares[member]
        rows.append((centre, member, share_m, share_c, match))
    out = pd.DataFrame(rows, columns=["centre", "report_id", "share_member", "share_central",
                                      "match"])
    size = out.groupby("centre")["report_id"].transform("size")
    out = out[size >= 2].assign(size=size[size >= 2])
    first = st.drop_duplicates("report_id").set_index("report_id")
    out["agency"] = out["report_id"].map(first["agency"])
    out["level"] = out["report_id"].map(first["level"])
    out["year"] = out["report_id"].map(first["year"]).astype(int)
    out["n_statements"] = out["report_id"].map(n_of).astype(int)
    out["role"] = np.where(out["report_id"] == out["centre"], "central", "member")
    out["central_first"] = out["role"] != "central"
    out = out.sort_values(["size", "year", "centre", "central_first", "share_member",
                           "report_id"], ascending=[False, True, True, True, False, True])
    out["family"] = pd.factorize(out["centre"])[0] + 1
    out[["share_member", "share_central"]] = out[["share_member", "share_central"]].round(3)
    return out[FAMILY_COLUMNS].reset_index(drop=True)


def _shared(st: Any, index: NearDuplicateIndex, m: Any, directed: list[tuple[int, int]]
            ) -> dict[tuple[int, int], tuple[set[int], set[int], set[int]]]:
    """Per directed pair (a, b): a's statement rows shared with b — by cluster; by the
    same text once each report's own place names are masked (a township's name in the
    county's template); and only word for word inside b's section 五 (:func:`found_inside`
    on the masked texts, from :data:`FAMILY_MIN_INSIDE` characters, one b per a a round)."""
    import pandas as pd

    by_cluster: dict[tuple[int, int], set[int]] = {p: set() for p in directed}
    sub = m[m.set_index(["a", "b"]).index.isin(directed)]
    for a, b, r in zip(sub["a"].tolist(), sub["b"].tolist(), sub["row"].tolist(),
                       strict=True):
        by_cluster[(a, b)].add(r)
    rid = st["report_id"].to_numpy()
    announces = st["announces"].to_numpy()
    involved = np.flatnonzero(np.isin(rid, [r for p in directed for r in p]) & ~announces)
    masked: dict[int, str] = {}
    names = {r: _own_names(a) for r, a in
             st.iloc[involved].drop_duplicates("report_id")[["report_id", "agency"]]
             .itertuples(index=False)}
    rows_of: dict[int, list[int]] = {}
    for row in involved.tolist():
        text = index.unique[index.uid[row]]
        for n in names[rid[row]]:
            text = text.replace(n, "〇")
        masked[row] = text
        rows_of.setdefault(int(rid[row]), []).append(row)
    named: dict[tuple[int, int], set[int]] = {}
    for a, b in directed:
        theirs = {masked[r] for r in rows_of.get(b, [])}
        named[(a, b)] = {r for r in rows_of.get(a, []) if masked[r] in theirs}
    inside: dict[tuple[int, int], set[int]] = {p: set() for p in directed}
    rounds: list[list[tuple[int, int]]] = []
    seen: dict[int, int] = {}
    for a, b in directed:
        k = seen.get(a, 0)
        seen[a] = k + 1
        if k == len(rounds):
            rounds.append([])
        rounds[k].append((a, b))
    row_of = pd.Series(st["row"].to_numpy(),
                       index=pd.MultiIndex.from_arrays([st["report_id"], st["idx"]]))
    for pairs in rounds:  # each on its reports' statements only, masked
        sub = np.flatnonzero(np.isin(rid, [r for p in pairs for r in p]))
        skip = np.isin(sub, [r for p in pairs for r in by_cluster[p] | named[p]]) | announces[sub]
        # an announcing lead-in is skipped, not masked: its own text stands in the view
        view = replace(index, uid=np.arange(len(sub)),
                       unique=[masked[r] if r in masked else index.unique[index.uid[r]]
                               for r in sub.tolist()])
        found = found_inside(st.iloc[sub], view,
                             pd.DataFrame(pairs, columns=["report_id", "other_report_id"]),
                             skip=skip, min_chars=FAMILY_MIN_INSIDE)
        for a, i, b in zip(found["report_id"].tolist(), found["idx"].tolist(),
                           found["other_report_id"].tolist(), strict=True):
            inside[(a, b)].add(int(row_of[(a, i)]))
    return {p: (by_cluster[p], named[p], inside[p]) for p in directed}


def _inside_shares(st: Any, index: NearDuplicateIndex, m: Any, loose: Any,
                   n_of: Any) -> list[tuple[int, int]]:
    """The (report, centre) pairs of ``loose`` linked once statements found word for word
    inside the other's section 五 count as shared (a re-split copy of the template)."""
    pairs = list(zip(loose["a"].tolist(), loose["b"].tolist(), strict=True))
    if not pairs:
        return []
    shared = _shared(st, index, m, pairs + [(b, a) for a, b in pairs])
    out = []
    for a, b in pairs:
        fwd = len(set.union(*shared[(a, b)])) / n_of[a]
        bwd = len(set.union(*shared[(b, a)])) / n_of[b]
        if fwd >= FAMILY_SHARE and bwd >= FAMILY_SHARE:
            out.append((a, b))
    return out


def _member_shares(st: Any, index: NearDuplicateIndex, m: Any, fam_of: dict[int, int],
                   n_of: Any) -> dict[int, tuple[float, float, str]]:
    """Per report of a family: its share shared with the centre, the centre's with it, and
    how it differs (central; re-split: some statements shared only word for word inside
    the other's section 五; exact: statement for statement at :data:`FAMILY_EXACT`; else
    reworded — words changed, or an item added or left out)."""
    pairs = [(r, c) for r, c in fam_of.items() if r != c]
    shared = _shared(st, index, m, pairs + [(c, r) for r, c in pairs])
    uid = st["uid"].to_numpy()
    cluster = st["cluster"].to_numpy()
    rows_of = st[~st["announces"]].groupby("report_id")["row"].agg(list)
    out: dict[int, tuple[float, float, str]] = {c: (1.0, 1.0, "central")
                                                for c in set(fam_of.values())}
    # each statement of a member against the central report's of its cluster (or of its
    # very text), all pairs in one cosine call
    left: list[int] = []
    right: list[int] = []
    for r, c in pairs:
        c_rows = np.asarray(rows_of[c])
        for row in rows_of[r]:
            same = c_rows[cluster[c_rows] == cluster[row]] if cluster[row] >= 0 else \
                c_rows[uid[c_rows] == uid[row]]
            left += [row] * len(same)
            right += same.tolist()
    sims = index.cosine(uid[np.asarray(left, dtype=np.int64)],
                        uid[np.asarray(right, dtype=np.int64)])
    best_of: dict[int, float] = {}
    for row, sim in zip(left, sims.tolist(), strict=True):
        best_of[row] = max(best_of.get(row, 0.0), sim)
    for r, c in pairs:
        by_cl, same, ins = shared[(r, c)]
        by_cl_c, same_c, ins_c = shared[(c, r)]
        best_of.update(dict.fromkeys(same, 1.0))  # the same text but for its own name
        share_m = len(by_cl | same | ins) / n_of[r]
        share_c = len(by_cl_c | same_c | ins_c) / n_of[c]
        if ins or ins_c:
            match = "re-split"
        elif n_of[r] != n_of[c] or share_m < 1 or share_c < 1:
            match = "reworded"
        else:
            best = [best_of.get(row, 0.0) for row in rows_of[r]]
            match = "exact" if min(best, default=0.0) >= FAMILY_EXACT else "reworded"
        out[r] = (share_m, share_c, match)
    return out
