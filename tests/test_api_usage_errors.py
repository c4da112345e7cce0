"""Wrong arguments to the public API raise the project's UsageError (still a ValueError)."""

from __future__ import annotations

import pytest

from nlp_reports.corpus import Store, export, tag_paths
from nlp_reports.errors import NlpReportsError, UsageError


def test_export_with_an_unknown_format(tmp_path):
    Store(tmp_path / "c.db").close()
    with pytest.raises(UsageError, match="format must be one of") as info:
        export(tmp_path / "c.db", tmp_path / "out", format="xlsx")
    assert isinstance(info.value, ValueError) and isinstance(info.value, NlpReportsError)


def test_tag_with_an_unknown_backend(tmp_path):
    with pytest.raises(UsageError, match="backend must be 'joblib' or 'dask'"):
        tag_paths([tmp_path], tmp_path / "c.db", backend="spark")
    assert not (tmp_path / "c.db").exists()  # refused before anything was made


def test_suggest_refuses_a_count_below_one(tmp_path):
    # -n 0 wrote a CSV of headers alone and exited 0, as if nothing were uncertain
    from nlp_reports.classify.suggest import suggest

    statements = tmp_path / "s.txt"
    statements.write_text("政务公开专职人员不足，业务培训开展较少。\n", encoding="utf-8")
    for n in (0, -3, 2.5, True):
        with pytest.raises(UsageError, match="n >= 1"):
            suggest(statements, n=n)


def test_suggest_takes_a_numpy_count(tmp_path):
    # a count worked out with pandas/numpy (np.int64) is a count: refused as "not an int"
    # after n >= 1 was checked with isinstance(n, int), where it had worked before
    import numpy as np

    from nlp_reports.classify.suggest import suggest

    statements = tmp_path / "s.txt"
    statements.write_text("政务公开专职人员不足，业务培训开展较少。\n网站栏目更新不够及时，"
                          "个别信息发布滞后。\n下一步将加强对基层公开人员的培训。\n",
                          encoding="utf-8")
    rows = suggest(statements, n=np.int64(2))
    assert len(rows) == 2
    with pytest.raises(UsageError, match="n >= 1"):
        suggest(statements, n=np.int64(0))
