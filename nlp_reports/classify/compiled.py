"""A fitted StatementModel compiled to plain numpy arrays, for fast loading and prediction.

Why: unpickling scikit-learn estimators imports scikit-learn (and scipy.stats), seconds on
a busy machine, which a ``nlp-reports classify`` of three lines should not pay. A fitted
linear model is only vocabularies, idf weights, coefficients and sigmoid calibration
parameters; :class:`ModelBundle` keeps exactly those and predicts with numpy alone, with
the same arithmetic as scikit-learn (``tests/test_classify.py`` checks they agree).

The full scikit-learn estimator travels inside the bundle as pickled bytes and is
unpickled only when asked for (:attr:`ModelBundle.estimator`: evaluation, retraining).
"""

from __future__ import annotations

import json
import math
import pickle
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

import numpy as np

from nlp_reports.classify.features import (
    normalize_joined,
    normalize_statement,
    strip_marker,
    strip_markers_joined,
)
from nlp_reports.taxonomy import KINDS, THEME_IDS
from nlp_reports.tokenize import DROPPED, SEPARATOR

__all__ = ["ModelBundle", "bundle_from_data", "bundle_to_data", "compile_model", "same_bundle"]

_WHITE = re.compile(r"\s\s+")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_SCORE_CHUNK = 512  # texts scored together: bounds the (cells × columns) work array
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing multiplier (odd, 64 bits)


class _HashIndex:
    """Integer key → column, an open-addressing table (linear probing) probed for a whole
    array of keys at once: one gather per probe round instead of a binary search per key.

    Why: looking the batch's n-gram keys up with ``np.searchsorted`` in the sorted vocabulary
    cost ~16 dependent cache misses a key; at load ≤ 1/2 most keys need one probe.
    """

    def __init__(self, keys: np.ndarray, cols: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.uint64)
        cols = np.asarray(cols, dtype=np.int64)
        bits = max(4, (2 * len(keys)).bit_length())
        size = 1 << bits
        self.shift = np.uint64(64 - bits)
        self.mask = size - 1
        self.keys = np.zeros(size, dtype=np.uint64)
        self.cols = np.full(size, -1, dtype=np.int64)  # -1: empty slot
        slot = self._slot(keys)
        pending = np.arange(len(keys))
        while pending.size:  # each round: the first pending key of each free slot takes it
            s = slot[pending]
            free = self.cols[s] < 0
            taken, first = np.unique(s[free], return_index=True)
            winners = pending[free][first]
            self.keys[taken] = keys[winners]
            self.cols[taken] = cols[winners]
            placed = np.zeros(len(keys), dtype=bool)
            placed[winners] = True
            pending = pending[~placed[pending]]
            slot[pending] = (slot[pending] + 1) & self.mask

    def _slot(self, keys: np.ndarray) -> np.ndarray:
        return ((keys * _GOLDEN) >> self.shift).astype(np.intp)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The column of each key, -1 for keys not in the table."""
        keys = np.asarray(keys, dtype=np.uint64)
        slot = self._slot(keys)
        col = self.cols[slot]
        hit = self.keys[slot] == keys
        out = np.where(hit, col, -1)
        todo = np.flatnonzero(~hit & (col >= 0))  # slot held by another key: probe on
        slot = slot[todo]
        while todo.size:
            slot = (slot + 1) & self.mask
            col = self.cols[slot]
            hit = self.keys[slot] == keys[todo]
            out[todo[hit]] = col[hit]
            more = ~hit & (col >= 0)
            todo, slot = todo[more], slot[more]
        return out


class _Joined:
    """One batch's texts joined by "\\0" with full-width ASCII mapped (``tokenize._widen``),
    built once for both vectorizers. ``widened`` is None when a text holds a "\\0" itself;
    ``stripped`` is ``strip_markers_joined(widened)``, made on first use and shared (both
    the word and the char features strip the markers of the same widened text)."""

    __slots__ = ("_stripped", "widened")

    def __init__(self, texts: Sequence[str]) -> None:
        joined = "\0".join(texts)
        self.widened: str | None = None
        self._stripped: str | None = None
        if texts and joined.count("\0") == len(texts) - 1:
            self.widened = _widen_joined(joined)

    @property
    def stripped(self) -> str:
        if self._stripped is None:
            if self.widened is None:
                raise ValueError("no joined text: a text holds a \\0")
            self._stripped = strip_markers_joined(self.widened)
        return self._stripped


def _widen_joined(text: str) -> str:
    """``tokenize._widen(text)`` on code points in numpy: ``str.translate`` with a dict
    looks every character up in Python (≈ 4 µs a statement)."""
    if not _FULL_WIDTH.search(text):
        return text
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    full = (codes - np.uint32(0xFF01)) <= np.uint32(0xFF5E - 0xFF01)  # U+FF01–U+FF5E
    codes[full] -= np.uint32(0xFEE0)
    codes[codes == 0x3000] = 0x20  # the ideographic space
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def _sort_cells(keys: np.ndarray, bound: int) -> np.ndarray:
    """``np.sort(keys)`` for non-negative int64 keys below ``bound``.

    Below 2**32 (a batch's cells always are): a two-pass radix sort, each pass numpy's
    stable argsort of 16-bit digits (a counting sort) — a third faster than the stable
    sort of the int64 keys (timsort), about twice as fast as the default quicksort.
    """
    if bound > 1 << 32:
        return np.sort(keys, kind="stable")
    k = keys.astype(np.uint32)
    k = k[np.argsort(k.astype(np.uint16), kind="stable")]  # by the low 16 bits …
    k = k[np.argsort((k >> 16).astype(np.uint16), kind="stable")]  # … then the high ones
    return k.astype(np.int64)


def _code_keys(grams: list[str], n: int) -> np.ndarray:
    """Integer keys of same-length strings: code point + 1 per character, 21 bits each."""
    codes = np.frombuffer("".join(grams).encode("utf-32-le"), dtype=np.uint32)
    codes = codes.astype(np.int64).reshape(-1, n) + 1
    keys = codes[:, 0].copy()
    for j in range(1, n):
        keys = (keys << 21) | codes[:, j]
    return keys


#: Layout of the lookup tables a pickled _Vectorizer carries (bump when their build changes:
#: tables of another layout are ignored and rebuilt from the vocabulary).
_TABLES_VERSION = 1
_TABLE_KEYS = ("_wtables", "_index", "_unigrams")


class _Vectorizer:
    """TF-IDF of one FeatureUnion member: vocabulary, idf, analyzer settings (sklearn semantics)."""

    def __init__(self, *, analyzer: str, vocabulary: dict[str, int], idf: np.ndarray,
                 ngram: tuple[int, int], sublinear: bool, preprocessor: Callable | None,
                 tokenizer: Any, offset: int) -> None:
        self.analyzer = analyzer
        self.vocabulary = vocabulary
        self.idf = idf
        self.ngram = ngram
        self.sublinear = sublinear
        self.preprocessor = preprocessor
        self.tokenizer = tokenizer
        self.offset = offset

    def __getstate__(self) -> dict[str, Any]:
        """The settings and vocabulary, plus the batched paths' lookup tables (numpy arrays
        and one token dict, built here once): loading copies them instead of rebuilding
        them from the vocabulary (≈ 50 ms). Other caches (memos) stay out."""
        if "_lazy_vocabulary" in self.__dict__:
            self.vocabulary  # noqa: B018 - decoded before it is pickled
        d = self.__dict__
        # (a vectorizer from a data copy: its attributes in the order unpickling gives them,
        # so that its pickle is the same bytes)
        order = [k for k in d.get("_state_order", ()) if k in d]
        state = {k: d[k] for k in (*order, *d) if not k.startswith("_")}
        if self.analyzer == "word" and self.ngram[1] <= 2:
            self._word_tables()
        elif self.analyzer == "char" and self.ngram[1] <= 3:
            self._char_index()
            self._char_unigrams()
        state["tables"] = (_TABLES_VERSION, {k: self.__dict__[k] for k in _TABLE_KEYS
                                             if k in self.__dict__})
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        tables = state.pop("tables", None)
        self.__dict__.update(state)
        if tables is not None and tables[0] == _TABLES_VERSION:  # else rebuilt when needed
            self.__dict__.update(tables[1])

    def __getattr__(self, name: str) -> Any:
        """The vocabulary of a vectorizer loaded from a data copy (:func:`bundle_from_data`),
        decoded on first use: the batched paths never read it (they use the tables)."""
        if name != "vocabulary" or "_lazy_vocabulary" not in self.__dict__:
            raise AttributeError(name)
        with _VOCABULARY_LOCK:  # decoded once; other attributes stay readable meanwhile
            d = self.__dict__
            lazy = d.get("_lazy_vocabulary")
            if lazy is not None:
                d["vocabulary"] = lazy()
                del d["_lazy_vocabulary"]
            return d["vocabulary"]

    @classmethod
    def from_sklearn(cls, vec: Any, offset: int) -> _Vectorizer:
        if vec.analyzer not in ("word", "char") or vec.norm != "l2" or not vec.use_idf \
                or vec.binary or vec.stop_words is not None:
            raise ValueError(f"cannot compile this vectorizer: {vec!r}")
        # plain ints, not sklearn's numpy ones: each numpy scalar unpickles through a
        # function call (≈ 0.2 s for a model's 90,000 terms)
        return cls(analyzer=vec.analyzer,
                   vocabulary={term: int(col) for term, col in vec.vocabulary_.items()},
                   idf=np.asarray(vec.idf_, dtype=np.float64), ngram=tuple(vec.ngram_range),
                   sublinear=bool(vec.sublinear_tf), preprocessor=vec.preprocessor,
                   tokenizer=vec.tokenizer if vec.analyzer == "word" else None, offset=offset)

    def _terms(self, text: str) -> list[str]:
        if self.preprocessor is not None:
            text = self.preprocessor(text)
        min_n, max_n = self.ngram
        if self.analyzer == "char":
            text = _WHITE.sub(" ", text)
            grams = list(text) if min_n == 1 else []
            start = max(min_n, 2) if min_n == 1 else min_n
            size = len(text)
            for n in range(start, min(max_n, size) + 1):
                # the slices are cut in C (map over slice objects), not in a Python loop
                grams.extend(map(text.__getitem__, map(slice, range(size - n + 1),
                                                       range(n, size + 1))))
            return grams
        tokens = self.tokenizer(text)
        if max_n == 1:
            return list(tokens)
        grams = list(tokens) if min_n == 1 else []
        start = max(min_n, 2) if min_n == 1 else min_n
        for n in range(start, min(max_n, len(tokens)) + 1):
            grams.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
        return grams

    def batch(self, texts: Sequence[str], joined: _Joined | None = None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(doc index, global column, l2-normalized tf-idf value) of every non-zero cell of the
        texts' rows, sorted by doc. Char n-grams are computed for the whole batch at once.
        ``joined``: the texts' :class:`_Joined`, when the caller shares it between vectorizers."""
        if self.analyzer == "char" and self.ngram[1] <= 3:  # 21 bits a character: 3 fit
            return self._char_batch(texts, joined)
        if self.analyzer == "word":
            return self._word_batch(texts, joined)
        docs, cols, vals = [], [], []
        for d, text in enumerate(texts):
            idx, val = self.row(text)
            docs.append(np.full(len(idx), d, dtype=np.int64))
            cols.append(idx)
            vals.append(val)
        if not docs:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        return np.concatenate(docs), np.concatenate(cols), np.concatenate(vals)

    def _word_tables(self) -> tuple[dict[str, int], np.ndarray, _HashIndex | None]:
        """(token → token id, token id → unigram column (-1: none; the last entry is the -1
        for unknown tokens), table of bigram keys ``id1 * n_ids + id2`` → column).

        Only vocabulary entries a space-free token sequence can produce are kept: a term
        without a space (unigram) or with exactly one (bigram of its two halves)."""
        cached = self.__dict__.get("_wtables")
        if cached is None:
            ids: dict[str, int] = {}
            unigrams: list[tuple[str, int]] = []
            bigrams: list[tuple[str, str, int]] = []
            for term, col in self.vocabulary.items():
                parts = term.split(" ")
                if len(parts) == 1:
                    unigrams.append((term, col))
                    ids.setdefault(term, len(ids))
                elif len(parts) == 2 and parts[0] and parts[1]:
                    bigrams.append((parts[0], parts[1], col))
                    ids.setdefault(parts[0], len(ids))
                    ids.setdefault(parts[1], len(ids))
            uni = np.full(len(ids) + 1, -1, dtype=np.int64)
            for term, col in unigrams:
                uni[ids[term]] = col
            pairs = None
            if bigrams:
                width = len(ids)
                pairs = _HashIndex(np.array([ids[a] * width + ids[b] for a, b, _ in bigrams],
                                            dtype=np.int64),
                                   np.array([c for _, _, c in bigrams], dtype=np.int64))
            cached = self.__dict__["_wtables"] = (ids, uni, pairs)
        return cached

    def _word_codes(self, texts: Sequence[str], joined: _Joined | None = None
                    ) -> tuple[np.ndarray, np.ndarray] | None:
        """(token ids, doc of each) of the texts' kept tokens, in order; unknown tokens -1.
        None when a token contains a space (its n-grams are ambiguous strings)."""
        ids = self._word_tables()[0]
        pre = self.preprocessor
        tok = self.tokenizer
        if joined is None and pre is strip_marker:
            joined = _Joined(texts)

        def encode(t: str) -> int:
            return -3 if " " in t else ids.get(t, -1)

        if (joined is not None and joined.widened is not None and pre is strip_marker
                and hasattr(tok, "encode_joined") and getattr(tok, "hmm", True) is False):
            # the whole batch segmented in one call: strip_marker commutes with the width
            # mapping (its pattern matches a full-width form iff its ASCII form), and the
            # tokenizer maps the width itself anyway
            memo = self.__dict__.get("_memo_joined")
            if memo is None or memo[0] is not tok:
                memo = self.__dict__["_memo_joined"] = (tok, {})
            flat = tok.encode_joined(joined.stripped, encode, memo[1])
            codes = np.fromiter(flat, dtype=np.int64, count=len(flat))
            if (codes == -3).any():
                return None
            sep = codes == SEPARATOR
            kept = ~sep & (codes != DROPPED)
            return codes[kept], np.cumsum(sep)[kept]
        if pre is not None:
            texts = [pre(t) for t in texts]
        if hasattr(tok, "encode_batch"):  # the project Tokenizer: segment + id in one pass
            memo = self.__dict__.get("_memo")
            if memo is None or memo[0] is not tok:
                memo = self.__dict__["_memo"] = (tok, {})
            flat, lengths = tok.encode_batch(texts, encode, memo[1])
            codes = np.fromiter(flat, dtype=np.int64, count=len(flat))
            doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
            if (codes == -3).any():
                return None
            kept = codes != DROPPED
            return codes[kept], doc[kept]
        tokens: list[str] = []
        lengths = []
        for text in texts:
            toks = tok(text)
            tokens += toks
            lengths.append(len(toks))
        if " " in "".join(tokens):
            return None
        codes = np.fromiter(map(ids.get, tokens, repeat(-1, len(tokens))), dtype=np.int64,
                            count=len(tokens))
        return codes, np.repeat(np.arange(len(texts), dtype=np.int64), lengths)

    def _word_batch(self, texts: Sequence[str], joined: _Joined | None = None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Word n-grams (n ≤ 2) of every text: tokens mapped to integer ids in one C-level
        pass, unigram columns by indexing, bigrams as id pairs looked up in a hash table."""
        min_n, max_n = self.ngram
        coded = self._word_codes(texts, joined) if max_n <= 2 else None
        if coded is None:
            return self._word_batch_strings(texts)
        tid, doc = coded
        ids, uni, pairs = self._word_tables()
        docs, cols = [], []
        if min_n <= 1:
            docs.append(doc)
            cols.append(uni[tid])
        if max_n >= 2 and pairs is not None and len(tid) > 1:
            first, second = tid[:-1], tid[1:]
            ok = (first >= 0) & (second >= 0) & (doc[:-1] == doc[1:])
            docs.append(doc[:-1][ok])
            cols.append(pairs.lookup(first[ok] * len(ids) + second[ok]))
        if not docs:
            return self._tfidf(np.zeros(0, np.int64), np.zeros(0, np.int64), len(texts))
        doc, col = np.concatenate(docs), np.concatenate(cols)
        keep = col >= 0
        return self._tfidf(doc[keep], col[keep], len(texts))

    def _word_batch_strings(self, texts: Sequence[str]
                            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Word n-grams as joined strings looked up in the vocabulary (any n, any tokens)."""
        get = self.vocabulary.get
        cols: list[int] = []
        lengths: list[int] = []
        for text in texts:
            grams = self._terms(text)
            cols.extend(map(get, grams, repeat(-1, len(grams))))
            lengths.append(len(grams))
        col = np.fromiter(cols, dtype=np.int64, count=len(cols))
        doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        keep = col >= 0
        return self._tfidf(doc[keep], col[keep], len(texts))

    def _tfidf(self, docs: np.ndarray, cols: np.ndarray, n_docs: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(doc, global column, l2-normalized tf-idf) from one (doc, column) pair per term."""
        bits = max(1, len(self.idf) - 1).bit_length()  # (doc, column) packed: doc << bits
        # np.unique(..., return_counts=True) by hand, the keys sorted by _sort_cells
        cell = _sort_cells((docs << bits) | cols, n_docs << bits)  # sorted by doc, column
        new = np.empty(len(cell), dtype=bool)
        new[:1] = True
        np.not_equal(cell[1:], cell[:-1], out=new[1:])
        start = np.flatnonzero(new)
        counts = np.diff(np.append(start, len(cell)))
        key = cell[start]
        docs, cols = key >> bits, key & ((1 << bits) - 1)
        if self.sublinear:  # log(1) + 1 == 1 exactly: only repeated terms need the log
            tf = np.ones(len(counts))
            many = counts > 1
            tf[many] = np.log(counts[many].astype(np.float64)) + 1.0
        else:
            tf = counts.astype(np.float64)
        val = tf * self.idf[cols]
        norms = np.sqrt(np.bincount(docs, weights=val * val, minlength=n_docs))
        val = val / np.where(norms > 0, norms, 1.0)[docs]
        return docs, cols + self.offset, val

    def _char_index(self) -> _HashIndex:
        """The vocabulary's n-grams as integer keys (21 bits per code point + 1) in a hash
        table → column. Text boundaries are code 0: a gram with a 0 inside or at its end
        matches no key; one starting with 0 is masked out by the caller."""
        cached = self.__dict__.get("_index")
        if cached is None:
            by_len: dict[int, tuple[list[str], list[int]]] = {}
            for gram, col in self.vocabulary.items():
                grams, cols = by_len.setdefault(len(gram), ([], []))
                grams.append(gram)
                cols.append(col)
            keys = [_code_keys(g, n) for n, (g, _) in by_len.items() if n]
            cols = [np.asarray(c, dtype=np.int64) for n, (_, c) in by_len.items() if n]
            cached = self.__dict__["_index"] = _HashIndex(
                np.concatenate(keys) if keys else np.zeros(0, np.int64),
                np.concatenate(cols) if cols else np.zeros(0, np.int64))
        return cached

    def _char_unigrams(self) -> np.ndarray:
        """Column of each single-character gram by code point + 1 (-1: none); the last entry
        is the -1 for every code point above the vocabulary's largest."""
        cached = self.__dict__.get("_unigrams")
        if cached is None:
            grams = [(g, c) for g, c in self.vocabulary.items() if len(g) == 1]
            top = max((ord(g) for g, _ in grams), default=0)
            cached = np.full(top + 3, -1, dtype=np.int64)
            for g, c in grams:
                cached[ord(g) + 1] = c
            self.__dict__["_unigrams"] = cached
        return cached

    def _char_batch(self, texts: Sequence[str], shared: _Joined | None = None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        min_n, max_n = self.ngram
        pre = self.preprocessor
        if shared is None and pre is normalize_statement:
            shared = _Joined(texts)
        if shared is not None and shared.widened is not None and pre is normalize_statement:
            # the whole batch normalized at once; no whitespace is left for _WHITE
            joined = normalize_joined(shared.widened, shared.stripped)
        else:
            pieces = [pre(t) for t in texts] if pre is not None else list(texts)
            joined = "\0".join(pieces)  # \0 separates the texts
            if joined.count("\0") != len(pieces) - 1:  # a text with its own \0s
                joined = "\0".join(p.replace("\0", "\ufffd") for p in pieces)
            # whitespace runs never cross a separator: one substitution for the whole batch
            joined = _WHITE.sub(" ", joined)
        # all texts in one array of code points + 1, separated by 0
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        sep = codes == 0
        codes += 1
        codes[sep] = 0
        doc_of = np.cumsum(sep)
        starts = ~sep  # a gram starting on a separator would read as one of the next text
        size = len(codes)
        found_docs, found_cols = [], []
        for n in range(min_n, max_n + 1):
            m = size - n + 1
            if m <= 0:
                break
            if n == 1:
                table = self._char_unigrams()
                col = table[np.minimum(codes, len(table) - 1)]
            else:
                k = codes[:m]
                for j in range(1, n):
                    k = (k << 21) | codes[j:j + m]
                col = self._char_index().lookup(k)
            hit = (col >= 0) & starts[:m]
            found_docs.append(doc_of[:m][hit])
            found_cols.append(col[hit])
        docs = np.concatenate(found_docs) if found_docs else np.zeros(0, np.int64)
        cols = np.concatenate(found_cols) if found_cols else np.zeros(0, np.int64)
        return self._tfidf(docs, cols, len(texts))

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(global column indices, l2-normalized tf-idf values) of one text."""
        counts = Counter(map(self.vocabulary.get, self._terms(text)))  # counted in C
        counts.pop(None, None)  # grams outside the vocabulary
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.sublinear:
            tf = np.log(tf) + 1.0
        val = tf * self.idf[idx]
        norm = math.sqrt(float(val @ val))
        return idx + self.offset, (val / norm if norm else val)


class _Local(threading.local):
    """Per-thread scratch space of a ModelBundle: the gathered weight rows and the products."""

    rows: np.ndarray = np.empty((0, 0), dtype=np.float32)
    products: np.ndarray = np.empty((0, 0))

    def arrays(self, n: int, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(n × columns array of the weights' dtype, n × columns float64 array), grown as
        needed (by a quarter more than asked) and kept."""
        if (len(self.rows) < n or self.rows.shape[1] != weights.shape[1]
                or self.rows.dtype != weights.dtype):
            size = n + n // 4
            self.rows = np.empty((size, weights.shape[1]), dtype=weights.dtype)
            self.products = np.empty((size, weights.shape[1]))
        return self.rows[:n], self.products[:n]


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


class ModelBundle:
    """Inference-only form of a fitted StatementModel (numpy only) + the estimator as bytes.

    ``weights`` (n_features, n_kind_columns + 13) and ``intercepts`` give raw linear scores;
    ``kind_head`` / ``theme_heads`` turn them into probabilities exactly as the fitted
    CalibratedClassifierCV / LogisticRegression / constant stand-in do. ``thresholds`` are
    the tuned per-theme decision thresholds.
    """

    def __init__(self, *, vectorizers: list[_Vectorizer], weights: np.ndarray,
                 intercepts: np.ndarray, kind_head: dict[str, Any],
                 theme_heads: list[dict[str, Any]], thresholds: np.ndarray,
                 estimator_blob: bytes) -> None:
        self.vectorizers = vectorizers
        self.weights = weights
        self.intercepts = intercepts
        self.kind_head = kind_head
        self.theme_heads = theme_heads
        self.thresholds = thresholds
        self.estimator_blob = estimator_blob

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    @property
    def estimator(self) -> Any:
        """The full scikit-learn StatementModel (unpickled on first use; imports sklearn)."""
        est = self.__dict__.get("_estimator")
        if est is None:
            import warnings

            from sklearn.exceptions import InconsistentVersionWarning

            with warnings.catch_warnings():  # a patch-level difference was logged at load
                warnings.simplefilter("ignore", InconsistentVersionWarning)
                blob = self.estimator_blob
                if blob[:1] != b"\x80":  # zlib-compressed (a pickle starts with PROTO 0x80)
                    import zlib

                    blob = zlib.decompress(blob)
                est = pickle.loads(blob)  # same trusted, checksummed file
            self._restore_coefs(est)
            tok = self.tokenizer
            if tok is not None:
                for _, step in est.features_.transformer_list:
                    if getattr(step, "tokenizer", None) is not None:
                        step.tokenizer = tok
            self.__dict__["_estimator"] = est
        return est

    def _restore_coefs(self, est: Any) -> None:
        """Put the linear coefficients left out of the blob (:func:`_without_coefs`) back
        from ``weights``; a blob of an older file still holds its own and is left as is."""
        columns = [self.kind_head.get("columns")]
        columns += [[h["column"]] if "column" in h else None for h in self.theme_heads]
        for lin, cols in zip(_linear_heads(est), columns, strict=True):
            if lin is not None and cols is not None and getattr(lin, "coef_", None) is None:
                lin.coef_ = np.ascontiguousarray(self.weights[:, cols].T, dtype=np.float64)

    @property
    def tokenizer(self) -> Any:
        """The word features' tokenizer (None when no feature block has one)."""
        for v in self.vectorizers:
            if v.tokenizer is not None:
                return v.tokenizer
        return None

    def set_tokenizer(self, tokenizer: Any) -> None:
        """Use ``tokenizer`` for the word features (here and in the loaded estimator)."""
        for v in self.vectorizers:
            if v.tokenizer is not None:
                v.tokenizer = tokenizer
        est = self.__dict__.get("_estimator")
        if est is not None:
            for _, step in est.features_.transformer_list:
                if getattr(step, "tokenizer", None) is not None:
                    step.tokenizer = tokenizer

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Raw linear scores (n, columns): one sparse row per text against the dense weights."""
        weights = self.weights  # float32: half the bytes to gather; widened exactly below
        out = np.zeros((len(texts), weights.shape[1]))
        # One (cells × columns) work array per thread, kept and grown as needed: a fresh one
        # for every block costs page faults (numpy asks for huge pages above 4 MB, and
        # their faults are slow on a busy machine), more than the product itself.
        local = self.__dict__.get("_local") or self.__dict__.setdefault("_local", _Local())
        for start in range(0, len(texts), _SCORE_CHUNK):
            part = texts[start:start + _SCORE_CHUNK]
            joined = _Joined(part)
            for v in self.vectorizers:
                docs, cols, vals = v.batch(part, joined)
                if not len(docs):
                    continue
                rows, contrib = local.arrays(len(cols), weights)
                # every column is in range: "clip" skips take's buffered, checked path
                np.take(weights, cols, axis=0, out=rows, mode="clip")
                # float32 × float64 widens each weight exactly first: the float64 products
                np.multiply(rows, vals[:, None], out=contrib)
                new = np.empty(len(docs), dtype=bool)  # (np.r_ costs ~10 µs a call)
                new[0] = True
                np.not_equal(docs[1:], docs[:-1], out=new[1:])
                first = np.flatnonzero(new)
                if contrib.shape[1] % 2 == 0:
                    # each row's columns summed in pairs, as complex numbers: half the
                    # per-(text, column) calls of reduceat. The sums differ from the plain
                    # float ones only by the grouping of the additions (≈ 1e-16 relative)
                    # and depend on the text alone, never on the batch around it
                    sums = np.add.reduceat(contrib.view(np.complex128), first,
                                           axis=0).view(np.float64)
                else:
                    sums = np.add.reduceat(contrib, first, axis=0)
                out[start + docs[first]] += sums
        return out + self.intercepts

    def predict_all(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(kind probabilities (n, 3) in KINDS order, theme probabilities (n, 13)).

        ``texts``: a list of statements; one str raises TypeError."""
        from nlp_reports.classify.dataset import require_texts

        require_texts(texts, "ModelBundle.predict_all")
        # read as StatementModel reads them: with the noise of extraction undone
        from nlp_reports.tokenize import repair_extractions

        texts = repair_extractions(list(texts))
        if not texts:
            return np.zeros((0, len(KINDS))), np.zeros((0, len(THEME_IDS)))
        s = self.scores(texts)
        return self._kind_proba(s), self._theme_proba(s)

    def _theme_proba(self, s: np.ndarray) -> np.ndarray:
        """The theme heads, each kind of head for all themes at once (same per-element
        arithmetic as :func:`_head`, one numpy pass instead of one per theme)."""
        groups = self.__dict__.get("_head_groups")
        if groups is None:
            groups = self.__dict__["_head_groups"] = _group_heads(self.theme_heads)
        out = np.empty((s.shape[0], len(self.theme_heads)))
        for mode, idx, cols, a, b in groups:
            if mode == "constant":
                out[:, idx] = a
            elif mode == "logistic":
                out[:, idx] = _expit(s[:, cols])
            else:
                p = _expit(-(a * s[:, cols] + b))
                p[(p > 1.0) & (p <= 1.0 + 1e-5)] = 1.0
                out[:, idx] = p
        return out

    def _kind_proba(self, s: np.ndarray) -> np.ndarray:
        h = self.kind_head
        classes = h["classes"]
        n = s.shape[0]
        cols = s[:, h["columns"]]
        if h["mode"] == "sigmoid":
            p = _expit(-(h["a"] * cols + h["b"]))
            if len(classes) == 2:
                proba = np.column_stack([1.0 - p[:, 0], p[:, 0]])
            else:
                den = p.sum(1, keepdims=True)
                proba = np.divide(p, den, out=np.full_like(p, 1 / len(classes)), where=den != 0)
            proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        elif len(classes) == 2:  # binary logistic regression
            p1 = _expit(cols[:, 0])
            proba = np.column_stack([1.0 - p1, p1])
        else:  # multinomial logistic regression
            z = cols - cols.max(1, keepdims=True)
            e = np.exp(z)
            proba = e / e.sum(1, keepdims=True)
        out = np.zeros((n, len(KINDS)))
        for j, k in enumerate(classes):
            out[:, KINDS.index(k)] = proba[:, j]
        return out


# --- the data-only copy (模型数据副本) ---------------------------------------------------
#
# A loaded bundle written as JSON (settings, the tree of dicts/lists/tuples) plus raw array
# bytes, never a pickle, and read back with np.frombuffer: ``Tagger.load`` uses it instead of
# inflating and unpickling the model file once that file's SHA-256 is verified
# (``modelcard.read_data_copy``: where it lives and how it is checked). Only the types a
# bundle holds are written; anything else makes :func:`bundle_to_data` refuse (the model
# then always loads the plain way). Each vocabulary is kept as a JSON list of its terms and
# an array of columns, decoded on first use (the batched paths never need it).

#: Decoding a lazy vocabulary (one thread decodes, the others wait for it).
_VOCABULARY_LOCK = threading.Lock()
#: The functions a vectorizer may use as preprocessor, by name.
_DATA_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "strip_marker": strip_marker, "normalize_statement": normalize_statement}


class _NotData(ValueError):
    """The bundle holds something a data copy cannot represent."""


class _Payload:
    """The raw sections of a data copy: each at a 64-byte aligned offset."""

    def __init__(self) -> None:
        self.parts: list[Any] = []
        self.size = 0

    def add(self, data: Any) -> list[int]:
        pad = -self.size % 64
        if pad:
            self.parts.append(b"\0" * pad)
            self.size += pad
        n = memoryview(data).nbytes
        self.parts.append(data)
        self.size += n
        return [self.size - n, n]


def _encode(obj: Any, out: _Payload) -> Any:
    t = type(obj)
    if obj is None or t is bool or t is int or t is str:
        return obj
    if t is float:
        return {"f": obj.hex()}
    if t is list:
        return [_encode(x, out) for x in obj]
    if t is tuple:
        return {"tuple": [_encode(x, out) for x in obj]}
    if t is dict:
        if not all(type(k) is str for k in obj):
            raise _NotData("a dict with keys other than str")
        if len(obj) > 64 and all(type(v) is int for v in obj.values()):
            return {"strint": _encode_strint(obj, out)}
        return {"dict": [[k, _encode(v, out)] for k, v in obj.items()]}
    if t is bytes:
        return {"bytes": out.add(obj)}
    if t is np.ndarray:
        if obj.dtype.kind not in "biuf" or not obj.flags.c_contiguous:
            raise _NotData(f"an array of {obj.dtype}")
        return {"nd": [out.add(obj.reshape(-1).view(np.uint8)), obj.dtype.str, list(obj.shape)]}
    if isinstance(obj, np.generic) and obj.dtype.kind in "biuf":
        return {"scalar": [obj.dtype.str, obj.tobytes().hex()]}
    if t is _HashIndex:
        return {"hash_index": _encode(dict(obj.__dict__), out)}
    if t is _Vectorizer:
        state = obj.__getstate__()
        vocabulary = state.pop("vocabulary")
        if type(vocabulary) is not dict or not all(type(v) is int for v in vocabulary.values()):
            raise _NotData("a vocabulary that is not a dict of ints")
        return {"vectorizer": [_encode(state, out), _encode_strint(vocabulary, out),
                               list(obj.__dict__)]}
    from nlp_reports.tokenize import Tokenizer

    if t is Tokenizer:
        return {"tokenizer": _encode(obj.__getstate__(), out)}
    for name, fn in _DATA_FUNCTIONS.items():
        if obj is fn:
            return {"fn": name}
    raise _NotData(f"a {t.__name__}")


def _encode_strint(d: dict[str, int], out: _Payload) -> list[Any]:
    if not all(type(k) is str for k in d):
        raise _NotData("a dict with keys other than str")
    keys = json.dumps(list(d), ensure_ascii=True).encode("ascii")
    return [out.add(keys), out.add(np.fromiter(d.values(), dtype=np.int64, count=len(d)))]


def _decode(node: Any, payload: memoryview) -> Any:
    if type(node) is list:
        return [_decode(x, payload) for x in node]
    if type(node) is not dict:
        return node
    [(tag, v)] = node.items()
    if tag == "f":
        return float.fromhex(v)
    if tag == "tuple":
        return tuple(_decode(x, payload) for x in v)
    if tag == "dict":
        return {k: _decode(x, payload) for k, x in v}
    if tag == "strint":
        return _decode_strint(v, payload)
    if tag == "bytes":
        return bytes(payload[v[0]:v[0] + v[1]])
    if tag == "nd":
        (start, size), dtype, shape = v
        a = np.frombuffer(payload, dtype=np.uint8, count=size, offset=start)
        return a.view(np.dtype(dtype)).reshape(shape)
    if tag == "scalar":
        return np.frombuffer(bytes.fromhex(v[1]), dtype=np.dtype(v[0]))[0]
    if tag == "hash_index":
        index = _HashIndex.__new__(_HashIndex)
        index.__dict__.update(_decode(v, payload))
        return index
    if tag == "vectorizer":
        state, vocab, order = v
        vec = _Vectorizer.__new__(_Vectorizer)
        vec.__setstate__(_decode(state, payload))
        vec.__dict__["_lazy_vocabulary"] = lambda: _decode_strint(vocab, payload)
        vec.__dict__["_state_order"] = order
        return vec
    if tag == "tokenizer":
        from nlp_reports.tokenize import Tokenizer

        tok = Tokenizer.__new__(Tokenizer)
        tok.__setstate__(_decode(v, payload))
        return tok
    if tag == "fn":
        return _DATA_FUNCTIONS[v]
    raise ValueError(f"unknown data copy node {tag!r}")


def _decode_strint(v: list[Any], payload: memoryview) -> dict[str, int]:
    (ks, kn), (vs, vn) = v
    keys = json.loads(bytes(payload[ks:ks + kn]).decode("ascii"))
    cols = np.frombuffer(payload, dtype=np.int64, count=vn // 8, offset=vs).tolist()
    if len(keys) != len(cols):
        raise ValueError("a data copy's dict has more keys than values, or fewer")
    return dict(zip(keys, cols, strict=True))


def same_bundle(a: Any, b: Any) -> bool:
    """True when two bundles (or parts of them) hold the same values of the same types,
    dict orders included, floats and arrays bit for bit: what pickling them would write."""
    t = type(a)
    if t is not type(b):
        return False
    if t is np.ndarray:
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    if isinstance(a, np.generic):
        return a.dtype == b.dtype and a.tobytes() == b.tobytes()
    if t is float:
        return a.hex() == b.hex()
    if t is list or t is tuple:
        return len(a) == len(b) and all(map(same_bundle, a, b))
    if t is dict:
        if len(a) > 64 and _str_int(a) and _str_int(b):  # a vocabulary: compared in C
            return list(a.items()) == list(b.items())
        return list(a) == list(b) and all(same_bundle(a[k], b[k]) for k in a)
    if t is ModelBundle or t is _Vectorizer:
        return same_bundle(a.__getstate__(), b.__getstate__())
    if t is _HashIndex:
        return same_bundle(a.__dict__, b.__dict__)
    from nlp_reports.tokenize import Tokenizer

    if t is Tokenizer:
        return same_bundle(a.__getstate__(), b.__getstate__())
    if a is b:
        return True
    return (a is None or t in (bool, int, str, bytes)) and a == b


def _str_int(d: dict[Any, Any]) -> bool:
    return all(type(k) is str for k in d) and all(type(v) is int for v in d.values())


def bundle_to_data(bundle: ModelBundle) -> tuple[dict[str, Any], bytearray]:
    """(JSON header, payload) of a bundle's data copy; ValueError when the bundle holds
    something a data copy cannot represent, or when the copy would not read back equal."""
    out = _Payload()
    header = {"bundle": _encode(bundle.__getstate__(), out)}
    payload = bytearray(out.size)
    view = memoryview(payload)
    at = 0
    for part in out.parts:
        n = memoryview(part).nbytes
        view[at:at + n] = memoryview(part).cast("B")
        at += n
    back = bundle_from_data(json.loads(json.dumps(header, ensure_ascii=True, sort_keys=True)),
                            memoryview(bytearray(payload)))
    if not same_bundle(bundle, back):
        raise _NotData("the data copy does not read back equal")
    return header, payload


def bundle_from_data(header: dict[str, Any], payload: memoryview) -> ModelBundle:
    """The bundle of a data copy (arrays on ``payload``'s memory, vocabularies lazy)."""
    bundle = ModelBundle.__new__(ModelBundle)
    state = _decode(header["bundle"], payload)
    if not isinstance(state, dict):
        raise ValueError("a data copy without a bundle")
    bundle.__dict__.update(state)
    return bundle


def _group_heads(heads: list[dict[str, Any]]) -> list[tuple]:
    """(mode, theme indices, score columns, a (or p), b) per head mode, for _theme_proba."""
    groups = []
    for mode in ("constant", "logistic", "sigmoid"):
        members = [(i, h) for i, h in enumerate(heads) if h["mode"] == mode]
        if not members:
            continue
        idx = np.array([i for i, _ in members], dtype=np.intp)
        if mode == "constant":
            groups.append((mode, idx, None, np.array([h["p"] for _, h in members], float), None))
            continue
        cols = np.array([h["column"] for _, h in members], dtype=np.intp)
        a = np.array([h.get("a", 0.0) for _, h in members], dtype=np.float64)
        b = np.array([h.get("b", 0.0) for _, h in members], dtype=np.float64)
        groups.append((mode, idx, cols, a, b))
    if sum(len(g[1]) for g in groups) != len(heads):
        raise ValueError(f"unknown theme head mode in {[h['mode'] for h in heads]}")
    return groups


def _head(h: dict[str, Any], s: np.ndarray) -> np.ndarray:
    if h["mode"] == "constant":
        return np.full(s.shape[0], h["p"])
    col = s[:, h["column"]]
    if h["mode"] == "logistic":
        return _expit(col)
    p = _expit(-(h["a"] * col + h["b"]))
    p[(p > 1.0) & (p <= 1.0 + 1e-5)] = 1.0
    return p


def _linear(est: Any) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """(coef (k, F), intercept (k,), head info) of a fitted calibrated SVM or logistic model."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    if isinstance(est, CalibratedClassifierCV):
        if len(est.calibrated_classifiers_) != 1 or est.method != "sigmoid":
            raise ValueError("only ensemble=False sigmoid calibration can be compiled")
        cc = est.calibrated_classifiers_[0]
        inner = cc.estimator
        if [str(c) for c in inner.classes_] != [str(c) for c in cc.classes]:
            raise ValueError("calibrated classes differ from the estimator's")
        # calibrator i maps decision column i (class classes_[i]; binary: classes_[1])
        info = {"mode": "sigmoid", "classes": [str(c) for c in inner.classes_],
                "a": np.array([c.a_ for c in cc.calibrators], dtype=np.float64),
                "b": np.array([c.b_ for c in cc.calibrators], dtype=np.float64)}
        return np.atleast_2d(inner.coef_), np.atleast_1d(inner.intercept_), info
    if isinstance(est, LogisticRegression):
        return (np.atleast_2d(est.coef_), np.atleast_1d(est.intercept_),
                {"mode": "logistic", "classes": [str(c) for c in est.classes_]})
    raise ValueError(f"cannot compile {type(est).__name__}")


def _linear_heads(model: Any) -> list[Any]:
    """The linear estimator holding ``coef_`` inside each head of a StatementModel: kind
    first, then the themes in order (the bundle's ``kind_head`` / ``theme_heads`` order);
    None for a theme's constant stand-in."""
    from sklearn.calibration import CalibratedClassifierCV

    def inner(est: Any) -> Any:
        if isinstance(est, CalibratedClassifierCV):
            return est.calibrated_classifiers_[0].estimator
        return est if hasattr(est, "coef_") else None

    return [inner(model.kind_model_), *(inner(e) for e in model.theme_model_.estimators_)]


def _without_stop_words_id(vec: Any) -> Any:
    """``vec``, or a shallow copy of it without ``_stop_words_id`` when it has one."""
    if "_stop_words_id" not in getattr(vec, "__dict__", {}):
        return vec
    import copy

    vec = copy.copy(vec)
    del vec._stop_words_id
    return vec


def _without_coefs(model: Any) -> Any:
    """A copy of a fitted StatementModel with its linear coefficients left out.

    Why: they are the bundle's ``weights`` (float32, the precision the compiled path serves),
    and a second float64 copy of 16 heads over ~125,000 features was half of the model file.
    :attr:`ModelBundle.estimator` puts them back from ``weights``. The caller's model is
    untouched.

    The vectorizers lose scikit-learn's ``_stop_words_id`` too: a cache of ``id(stop_words)``,
    a memory address that moves from one process to the next, which made two trainings of
    the same data and seed write different model files (and model ids).
    """
    import copy

    slim = copy.copy(model)
    features = getattr(model, "features_", None)
    if features is not None and hasattr(features, "transformer_list"):
        slim.features_ = copy.copy(features)
        slim.features_.transformer_list = [
            (name, _without_stop_words_id(vec)) for name, vec in features.transformer_list]
    slim.kind_model_ = copy.deepcopy(model.kind_model_)
    slim.theme_model_ = copy.deepcopy(model.theme_model_)
    for est in _linear_heads(slim):
        if est is not None:
            est.coef_ = None
    return slim


def _stable_pickle(obj: Any) -> bytes:
    """The estimator pickled byte-stably and zlib-compressed: loading a model for prediction
    then copies these bytes through instead of inflating ~20 MB it does not need."""
    import zlib

    from nlp_reports.classify.modelcard import stable_pickle

    return zlib.compress(stable_pickle(obj), 6)


def compile_model(model: Any) -> ModelBundle:
    """The :class:`ModelBundle` of a fitted StatementModel (word + char TF-IDF features only)."""
    from nlp_reports.classify.model import _ConstantProba

    vectorizers = []
    offset = 0
    for name, vec in model.features_.transformer_list:
        if not hasattr(vec, "vocabulary_"):
            raise ValueError(f"cannot compile feature block {name!r} (not a TF-IDF vectorizer)")
        vectorizers.append(_Vectorizer.from_sklearn(vec, offset))
        offset += len(vec.vocabulary_)
    if model.features_.transformer_weights:
        raise ValueError("cannot compile a FeatureUnion with transformer_weights")
    coefs, intercepts = [], []
    kcoef, kint, kind_head = _linear(model.kind_model_)
    kind_head["columns"] = list(range(kcoef.shape[0]))
    coefs.append(kcoef)
    intercepts.append(kint)
    col = kcoef.shape[0]
    theme_heads = []
    for est in model.theme_model_.estimators_:
        if isinstance(est, _ConstantProba):
            theme_heads.append({"mode": "constant", "p": est.p})
            continue
        c, b0, info = _linear(est)
        head = {"mode": info["mode"], "column": col}
        if info["mode"] == "sigmoid":
            head.update(a=float(info["a"][0]), b=float(info["b"][0]))
        theme_heads.append(head)
        coefs.append(c)
        intercepts.append(b0)
        col += 1
    weights = np.ascontiguousarray(np.vstack(coefs).T, dtype=np.float32)
    if weights.shape[0] != offset:
        raise ValueError(f"feature count mismatch: {weights.shape[0]} weights, {offset} features")
    return ModelBundle(
        vectorizers=vectorizers, weights=weights, intercepts=np.concatenate(intercepts),
        kind_head=kind_head, theme_heads=theme_heads,
        thresholds=np.asarray(model.thresholds_, dtype=np.float64).copy(),
        estimator_blob=_stable_pickle(_without_coefs(model)),
    )
