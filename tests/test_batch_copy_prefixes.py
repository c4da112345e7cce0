"""A copy named by a prefix — Windows XP's "复件 年报.doc", a typed "副本-年报.txt", "Copy of
年报.pdf" — or kept as a backup ("年报（备份）.txt", "年报_bak.txt") does not hold the report over the file it copies (a 汇编's reports were
stored under "副本-年报.txt" and the titled file was its duplicate; the copy suffixes were
known, the prefixes not)."""

from __future__ import annotations

import shutil

import pytest
from test_ingest_served_pages import _holders, _tag, _write

from nlp_reports.corpus.files import _COPY_NAME


@pytest.mark.parametrize("copy", ["复件 {t}", "复件 (2) {t}", "副本-{t}", "副本 {t}",
                                  "Copy of {t}", "Copy (3) of {t}",
                                  "{t}（备份）", "{t}(备份)", "备份-{t}", "{t}_bak", "{t}.backup",
                                  "{t}-BAK2", "{t}备份"])
def test_the_original_holds_the_report_not_its_prefixed_copy(tmp_path, copy):
    folder, db = tmp_path / "收集", tmp_path / "c.sqlite"
    title = "石门乡人民政府2022年政府信息公开工作年度报告"
    _write(folder / f"{title}.txt", "石门乡人民政府", 2022)
    shutil.copy(folder / f"{title}.txt", folder / (copy.format(t=title) + ".txt"))
    res = _tag(folder, db)
    assert (res.ok, res.duplicates, res.failed) == (1, 1, 0)
    assert _holders(db) == {f"{title}.txt": [copy.format(t=title) + ".txt"]}


@pytest.mark.parametrize("name", ["复件政府信息公开年报", "副本-2023年报", "Copy of report"])
def test_prefix_names_read_as_copies(name):
    assert _COPY_NAME.search(name)


@pytest.mark.parametrize("name", ["复兴街道办事处2023年报", "副市长分工调整后的年报", "Copyright 年报",
                                  "本级政府2023年报", "copy年报整理", "备份中心2023年报",
                                  "数据备份管理局2022年政府信息公开工作年度报告", "bakery年报", "年报_backend"])
def test_names_that_only_look_alike_are_not_copies(name):
    assert not _COPY_NAME.search(name)
