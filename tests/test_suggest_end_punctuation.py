"""A statement that differs from one already offered or labelled only in its closing mark
(。 : ；) is not offered again.

A second round (``--exclude`` the first round's labels) re-offered
"回顾全年工作…仍有薄弱环节:" after "…仍有薄弱环节。" was labelled: one report ends its lead-in
with a colon, another with a full stop, and the labeller labels the same sentence twice.
"""

import csv

import pytest

from nlp_reports.classify import suggest

LINES = ["一年来政务公开稳步推进，但仍存在一些薄弱环节。",
         "一年来政务公开稳步推进，但仍存在一些薄弱环节：",
         "乡镇公开栏长期无人维护，内容陈旧",
         "下一步将配齐专职信息员并定期开展培训；"]
# fewer statements than n asked: a DataWarning, as meant
pytestmark = pytest.mark.filterwarnings("ignore::nlp_reports.classify.dataset.DataWarning")


def test_closing_mark_alone_is_no_new_statement(tmp_path):
    f = tmp_path / "statements.txt"
    f.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    rows = suggest([f], n=10)
    texts = [r["text"] for r in rows]
    assert len(texts) == 3
    assert sum(t.startswith("一年来政务公开") for t in texts) == 1


def test_excluded_with_another_closing_mark(tmp_path):
    f = tmp_path / "statements.txt"
    f.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    done = tmp_path / "round1.csv"
    with open(done, "w", encoding="gb18030", newline="") as fh:
        csv.writer(fh).writerows([("text", "kind", "themes"),
                                  ("一年来政务公开稳步推进，但仍存在一些薄弱环节", "其他", ""),
                                  ("下一步将配齐专职信息员并定期开展培训。", "措施", "staffing;training")])
    texts = [r["text"] for r in suggest([f], n=10, exclude=[done])]
    assert texts == ["乡镇公开栏长期无人维护，内容陈旧"]
