"""Near-duplicate families (近似重复表述分组) of labeled statements given no ``family``.

A statement without a family used to be a family of its own, so cross-validation and the
held-out split put near-variants of one sentence on both sides of a fold: the same line
with a lead-in (同时，/此外，/下一步，/针对上述问题，/存在的不足：), another enumerator
(一是/（一）/1．), another agency or year, other punctuation. On 119 labels (70 statements and
49 such variants) cv theme micro-F1 read 0.856 — 0.140 with each variant grouped with its
statement. Agencies copy boilerplate across reports and years, so a researcher's own labels
are full of such near-twins.

:func:`near_duplicate_groups` unites two statements when their comparison forms
(:func:`comparison_form`: lead-ins, enumerators, agency words, digits and punctuation gone)
are equal, when the shorter (at least :data:`MIN_CONTAINED` characters and at least
:data:`CONTAINED_SHARE` of the longer) ends the longer (a lead-in put before it), or when
their sets of character 4-grams overlap at Jaccard ≥ :data:`NEAR_JACCARD`. Pairs come from a
prefix filter (each form's rarest 4-grams, in numpy and scipy.sparse), never all pairs: the
23,886 shipped statements take 1.5 s of CPU, 1,000 statements 0.05 s.
:func:`group_families` applies it to labeled statements. (The corpus's copying detection,
``corpus.copying``, works on whole reports a layer above; this is the same idea at the
size of a label file, with the lead-ins a labeller's variants carry.)
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from nlp_reports.classify.dataset import TEXT_FAMILY

if TYPE_CHECKING:
    from nlp_reports.classify.dataset import LabeledStatement

log = logging.getLogger("nlp_reports")

__all__ = ["FamilyGrouping", "comparison_form", "group_families", "near_duplicate_groups"]

#: Jaccard of two forms' 4-gram sets at or above which they are one statement. Why 0.6:
#: reworded twins (…多为兼职，专业能力不强 / …专业能力有待提升) score 0.68–0.86, two problems
#: differing in their point (部分信息公开不够及时 / …不够全面) 0.56; on the shipped corpus
#: with its families dropped, 0.5 chained 361 statements into one group through stock
#: phrases; 0.6 forms groups of one line's wordings (the largest: the heading 改进措施 67
#: times, and one "…取得了一定成效，但也存在一些问题" line in 56 wordings).
NEAR_JACCARD = 0.6
#: A form this short or shorter is compared only whole (a 4-gram set of one or two grams
#: says nothing about a rewording).
MIN_FUZZY = 5
#: A form that ends another unites them when it has at least this many characters …
MIN_CONTAINED = 8
#: … and at least this share of the longer's characters (a lead-in added, not a stock
#: phrase such as 公开意识有待加强 ending a statement that says more). Only the end: a
#: clause added after (…公开不够 / …公开不够全面) changes the point more often than not.
CONTAINED_SHARE = 0.6

_GRAM = 4
# agency words a variant swaps (我局 → 我委, 县 → 区, 街道): dropped, so they do not count
_SELF = re.compile(r"(?:我|本)(?:们|单位|机关|部门|街道|[局委办厅署院室处科股所部镇乡街县区市省])")
_PLACE = re.compile(r"街道|[省市县区镇乡旗州盟]")
# what a variant puts before the statement: enumerators, connectives, a problem/measure
# lead-in, a year, "we will", and the punctuation between them — all of them, in any order
_LEAD = re.compile(
    r"^(?:[\s\W_]+"
    r"|[(（]?(?:[一二三四五六七八九十]+|\d+)[)）]"
    r"|(?:[一二三四五六七八九十]+|\d+)(?:[、.．,，]|是(?!否))"
    r"|第[一二三四五六七八九十]+(?=[，,、])"
    r"|[①-⑳]"
    r"|首先|其次|再次|最后|另外|此外|同时|与此同时|另一方面|一方面|下一步|下步|今后|为此|对此"
    r"|因此|针对(?:上述|以上|存在的|这些)问题|存在的(?:主要)?(?:不足|问题)(?=[:：，,])"
    r"|主要(?:表现在|是)(?=[:：，,])"
    r"|\d+年度?|本年度|今年|明年|一年来"
    r"|我们将|我们|将(?=[\u4e00-\u9fff]))+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# full-width forms as NFKC reads them (（一） → (一), １． → 1.), by one table: NFKC itself
# cost 0.5 s on the 23,886 shipped statements
_WIDE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_DROP = re.compile(r"[\s\W_]+")


def comparison_form(text: str) -> str:
    """What two statements are compared by: full-width forms as half-width; the agency
    words a variant changes (我局, 本委, 县, 区, 街道 …) dropped; the lead-ins before the
    statement gone (一是, （一）, 1．, 同时，, 此外，, 下一步，, 针对上述问题，, 存在的不足：,
    2024年，, 我们将 …); digits one ``0``; punctuation and spaces gone. Empty for a
    statement of nothing else."""
    t = text.translate(_WIDE)
    t = _PLACE.sub("", _SELF.sub("", t))
    t = _LEAD.sub("", t)
    t = _DIGITS.sub("0", t)
    return _DROP.sub("", t)


#: The Jaccard the candidate pairs are drawn at: low enough to hold every contained pair
#: (8 characters in 13 share 5 of 10 4-grams; a form within another has all its grams in it).
_CANDIDATE_JACCARD = 0.45


def _gram_rows(forms: Sequence[str]) -> tuple[Any, Any]:
    """(row, gram id) of every distinct character 4-gram of each form, in numpy: a 4-gram
    is two bigrams two characters apart, each bigram a factorized pair of code points."""
    import numpy as np
    import pandas as pd

    lengths = np.fromiter(map(len, forms), dtype=np.int64, count=len(forms))
    cps = np.frombuffer("".join(forms).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    ends = np.cumsum(lengths)
    row = np.repeat(np.arange(len(forms)), lengths)
    bigram, _ = pd.factorize(cps[:-1] * 0x110000 + cps[1:])
    start = np.arange(len(cps) - _GRAM + 1)
    start = start[start + _GRAM <= ends[row[start]]]  # a gram within one form
    gram, _ = pd.factorize(bigram[start] * (int(bigram.max()) + 1) + bigram[start + 2])
    pair = np.unique(row[start] * (int(gram.max()) + 1) + gram)
    return pair // (int(gram.max()) + 1), pair % (int(gram.max()) + 1)


def _pairs(forms: Sequence[str]) -> Any:
    """The pairs (a, b), a < b, of ``forms`` that are near-duplicates (module docstring)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    m = len(forms)
    rows, grams = _gram_rows(forms)
    x = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, grams)),
                   shape=(m, int(grams.max()) + 1))
    size = np.diff(x.indptr)
    df = np.bincount(grams)
    # prefix filter: two sets at Jaccard ≥ t share one of each's |A| - ceil(t|A|) + 1 rarest
    # grams (a global order: by document frequency, then id)
    order = np.lexsort((grams, df[grams], rows))
    rows, grams = rows[order], grams[order]
    rank = np.arange(len(rows)) - x.indptr[rows]
    keep = rank < size[rows] - np.ceil(_CANDIDATE_JACCARD * size[rows]) + 1
    p = csr_matrix((np.ones(int(keep.sum()), dtype=np.int32), (rows[keep], grams[keep])),
                   shape=x.shape)
    cand = (p @ p.T).tocoo()
    up = cand.row < cand.col
    a, b = cand.row[up].astype(np.int64), cand.col[up].astype(np.int64)
    shared = np.empty(len(a), dtype=np.int64)
    for s in range(0, len(a), 16_384):  # row-wise products of the pairs, a slice at a time
        shared[s:s + 16_384] = np.asarray(
            x[a[s:s + 16_384]].multiply(x[b[s:s + 16_384]]).sum(axis=1)).ravel()
    near = shared >= NEAR_JACCARD * (size[a] + size[b] - shared)
    # the rest: one form the tail of the other (a lead-in put before it), long enough
    length = np.fromiter(map(len, forms), dtype=np.int64, count=m)
    short, long_ = np.where(length[a] <= length[b], a, b), np.where(length[a] <= length[b], b, a)
    maybe = np.flatnonzero(~near & (shared == size[short]) & (length[short] >= MIN_CONTAINED)
                           & (length[short] >= CONTAINED_SHARE * length[long_]))
    for k in maybe.tolist():
        near[k] = forms[int(long_[k])].endswith(forms[int(short[k])])
    return a[near], b[near]


def near_duplicate_groups(texts: Sequence[str]) -> list[int]:
    """A group number for each text (0, 1, … in order of first appearance): texts of one
    group are near-duplicates, directly or through others (see the module docstring)."""
    n = len(texts)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, int] = {}  # form → its first text; equal forms are one group at once
    for i, text in enumerate(texts):
        j = first.setdefault(comparison_form(text), i)
        if j != i:
            parent[i] = j
    forms = [f for f in first if len(f) > MIN_FUZZY]
    if len(forms) > 1:
        a, b = _pairs(forms)
        for fa, fb in zip(a.tolist(), b.tolist(), strict=True):
            ra, rb = find(first[forms[fa]]), find(first[forms[fb]])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(find(i), len(numbers)) for i in range(n)]


#: How :meth:`FamilyGrouping.message` begins (some statements given a family, or none): a
#: note on the data, never a sign of too few labels (``train.too_few_labels`` knows it so).
MESSAGE_STARTS = ("some statements have no family", "the data have no family column")


@dataclass(frozen=True)
class FamilyGrouping:
    """What :func:`group_families` did: ``n_without`` of the ``n_statements`` had no family
    (no family column, or a blank cell) and now make ``n_families`` families (a statement
    near no other one of its own; those that joined a given family not counted). ``given``:
    some statements of the data had a family (or a suggest CSV's source) of their own."""

    n_statements: int
    n_without: int
    n_families: int
    given: bool

    def message(self) -> str:
        """The line saying so, in English and Chinese (empty when every statement had a
        family)."""
        if not self.n_without:
            return ""
        where = MESSAGE_STARTS[0] if self.given else MESSAGE_STARTS[1]
        zh = "部分表述未填 family（模板家族）" if self.given else "数据没有 family（模板家族）列"
        return (f"{where}: {self.n_without} "
                + ("statement without one was" if self.n_without == 1
                   else "statements without one were") + " grouped by near-"
                f"duplicate text into {self.n_families} "
                f"{'family' if self.n_families == 1 else 'families'} (near-variants of one "
                "statement — a lead-in, an enumerator, another agency or year — stay on one "
                "side of every split); give a family column (the report each statement "
                "comes from) to group them as they really are"
                f"\n    {zh}：{self.n_without} 条未标家族的表述按近似重复归为 {self.n_families} "
                "个家族（同一表述加引导语、换序号、换机关名或年份的变体始终在划分的同一侧）；"
                "请补上 family 列（每条表述所出自的报告），按实际来源分组")


def group_families(items: Sequence[LabeledStatement]
                   ) -> tuple[list[LabeledStatement], FamilyGrouping]:
    """``items`` with each statement that had no family (its family its own text, as
    :func:`~nlp_reports.classify.dataset.load_labeled` leaves it) given the family of its
    near-duplicates, and what was done.

    A near-duplicate with a family lends it (a statement close to one of family ``a-0042``
    joins ``a-0042``; one close to two given families joins the first, in sorted order); a
    group of statements none of which has a family is ``near:`` + its first text in sorted
    order (the same whatever the order of the files); a statement near nothing keeps its
    family. Items that all have a family are returned as they are (the shipped corpus)."""
    items = list(items)
    without = [i for i, d in enumerate(items) if d.family.startswith(TEXT_FAMILY)]
    given = len(without) < len(items)
    if not without:
        return items, FamilyGrouping(len(items), 0, 0, given)
    groups = near_duplicate_groups([d.text for d in items])
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    out = list(items)
    n_families = 0
    for idx in members.values():
        free = [i for i in idx if items[i].family.startswith(TEXT_FAMILY)]
        if not free:
            continue
        families = sorted({items[i].family for i in idx} - {items[i].family for i in free})
        if families:
            family = families[0]
        elif len(free) == 1:
            n_families += 1
            continue
        else:
            family = "near:" + min(items[i].text for i in free)
            n_families += 1
        for i in free:
            out[i] = replace(items[i], family=family)
    grouping = FamilyGrouping(len(items), len(without), n_families, given)
    log.info("%d statements without a family grouped into %d near-duplicate families",
             grouping.n_without, grouping.n_families)
    return out, grouping
