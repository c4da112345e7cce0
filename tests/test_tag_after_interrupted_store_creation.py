"""A ``tag`` stopped (Ctrl-C, SIGTERM) while it created a new store leaves an SQLite file
with no table in it; its last line says to run the same command again to resume.

Why it matters: the rerun was refused — "not an nlp_reports store (it has no meta table);
choose another --db path" — by the check of the store's models, which read the file before
the run's own open could create the schema in it. What must hold: the rerun tags the reports,
and a database of somebody else's (tables, but not ours) is still refused.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from nlp_reports import cli
from nlp_reports.corpus.store import Store

_REPORT = """{agency}{year}年政府信息公开工作年度报告
一、总体情况
{year}年，{agency}全年主动公开政府信息{n}条，做好依申请公开答复工作。
二、主动公开政府信息情况
全年制发规范性文件{k}件。
五、存在的主要问题及改进情况
一是信息更新不够及时。下一步将安排专人负责。
"""


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "年报"
    folder.mkdir()
    for i, agency in enumerate(("梅岭镇人民政府", "江口县退役军人事务局", "北湖区档案馆")):
        (folder / f"{agency}2023.txt").write_text(
            _REPORT.format(agency=agency, year=2023, n=40 + i, k=i + 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize("how", ["interrupted", "zero-bytes"])
def test_tag_again_after_a_store_creation_was_cut_short(tmp_path, monkeypatch, capsys, how):
    folder, db = _corpus(tmp_path), tmp_path / "年报.sqlite"
    if how == "interrupted":
        def cut(conn):  # the Ctrl-C or SIGTERM lands before the schema is committed
            raise KeyboardInterrupt

        with monkeypatch.context() as patched:
            patched.setattr(Store, "_create_schema", staticmethod(cut))
            assert cli.main(["tag", str(folder), "--db", str(db)]) == 130
        assert "原样再运行一次本命令即可继续" in capsys.readouterr().err
    else:
        db.write_bytes(b"")
    assert db.is_file()
    assert cli.main(["tag", str(folder), "--db", str(db)]) == 0, capsys.readouterr().err
    with Store(db, readonly=True) as store:
        assert store.count("reports") == 3


def test_a_database_of_other_tables_is_still_refused(tmp_path, capsys):
    folder, db = _corpus(tmp_path), tmp_path / "其他.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE 台账 (id INTEGER PRIMARY KEY, 事项 TEXT)")
    assert cli.main(["tag", str(folder), "--db", str(db)]) != 0
    assert "not an nlp_reports store" in capsys.readouterr().err
