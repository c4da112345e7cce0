"""copying.sorted_unique: np.unique's values, dtype and order, by a sort."""

from __future__ import annotations

import numpy as np
import pytest

from nlp_reports.corpus.copying import _unique_pairs, sorted_unique


@pytest.mark.parametrize("values", [
    np.zeros(0, dtype=np.int64),
    np.array([7], dtype=np.int64),
    np.array([3, 3, 3], dtype=np.int64),
    np.array([5, -2, 5, 0, -2, 9, 1 << 40], dtype=np.int64),
    np.array([4, 1, 4, 2], dtype=np.int32),
    np.array([2.5, -1.0, 2.5], dtype=np.float64),
])
def test_as_np_unique_on_small_cases(values):
    got = sorted_unique(values)
    want = np.unique(values)
    assert got.dtype == want.dtype
    assert got.tolist() == want.tolist()


def test_as_np_unique_on_pair_codes_with_many_repeats():
    rng = np.random.default_rng(7)
    codes = rng.integers(0, 30_000 * 30_000, size=50_000)
    codes = np.r_[codes, codes[::3], codes[:100]]
    assert np.array_equal(sorted_unique(codes), np.unique(codes))


def test_distinct_pairs_are_sorted_and_unrepeated():
    a = np.array([3, 0, 3, 1, 0], dtype=np.int64)
    b = np.array([1, 2, 1, 4, 2], dtype=np.int64)
    pairs = _unique_pairs(a, b, "a", "b")
    assert list(zip(pairs["a"], pairs["b"], strict=True)) == [(0, 2), (1, 4), (3, 1)]
