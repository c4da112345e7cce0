"""Exports a Stata/R user joins across runs: ids that survive, dta as csv.

She exports ``reports.csv`` and ``statements.csv``, re-tags the corpus (a newer model, a
corrected file), exports again and merges files of the two exports on ``report_id``. The
id must stay with the file: before, every re-tagged report got a new id, so a
``statements.csv`` of the second export matched no ``reports.csv`` row of the first (and
a report that had the highest id could hand it to another file). The files are reports of
the bundled example corpus, parsed for real; the statements are tagged by the tests'
keyword tagger.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.export import export

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
NAMES = ["枫林乡人民政府2022年政府信息公开工作年度报告.txt",
         "江汀省生态环境厅2024年政府信息公开工作年度报告.html",
         "溪山县市场监督管理局2023年政府信息公开工作年度报告.txt",
         "云岭市东城区南湖街道办事处2023年政府信息公开工作年度报告.html"]


def _ids(db: Path) -> dict[str, int]:
    with Store(db, readonly=True) as s:
        df = s.reports()
    return dict(zip(df["path"].map(lambda p: Path(p).name), df["id"], strict=True))


def _export(db: Path, out: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    export(db, out, format="csv", table="reports")
    export(db, out, format="csv", table="statements")
    return (pd.read_csv(out / "reports.csv", encoding="utf-8-sig"),
            pd.read_csv(out / "statements.csv", encoding="utf-8-sig"))


def test_report_ids_survive_retagging_and_a_rewritten_file(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(CORPUS / name, folder / name)
    db = tmp_path / "c.sqlite"
    tag_paths([folder], db, model=FakeTagger())
    first = _ids(db)
    reports1, statements1 = _export(db, tmp_path / "exp1")

    # the whole corpus re-tagged (another model): every file keeps its id
    tag_paths([folder], db, model=FakeTagger(), retag=True)
    assert _ids(db) == first
    reports2, statements2 = _export(db, tmp_path / "exp2")
    # the second export's statements join the first export's reports, report by report
    old = statements2.merge(reports1[["id", "path"]], left_on="report_id", right_on="id")
    new = statements2.merge(reports2[["id", "path"]], left_on="report_id", right_on="id")
    assert len(old) == len(statements2) > 0
    assert old["path"].tolist() == new["path"].tolist()
    assert len(statements2) == len(statements1)

    # the file with the highest id corrected (its bytes change) and a new file added in the
    # same run: the corrected file keeps its id; the new one gets an id no file had
    last = max(first, key=first.get)
    path = folder / last
    path.write_bytes(path.read_bytes() + "\n（本报告已更正）\n".encode())
    added = "白石镇人民政府2024年政府信息公开工作年度报告.txt"
    shutil.copy(CORPUS / added, folder / f"0_{added}")  # walked before the corrected file
    tag_paths([folder], db, model=FakeTagger())
    third = _ids(db)
    assert {k: third[k] for k in first} == first
    assert third[f"0_{added}"] not in first.values()


def test_dta_export_reads_back_as_the_csv_export(tmp_path):
    """``--format dta``: Stata files a Stata user opens without import options. Each
    table reads back (pandas' Stata reader) with the CSV export's columns and rows, the
    Chinese text and multi-line section texts intact, a figure the report does not give
    missing and a reported 0 a 0."""
    names = [*NAMES, "柳岸县人民政府2023年政府信息公开工作年度报告.txt"]  # long sections
    folder = tmp_path / "mine"
    folder.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    db = tmp_path / "c.sqlite"
    tag_paths([folder], db, model=FakeTagger())
    written = export(db, tmp_path / "dta", format="dta")
    written += export(db, tmp_path / "dta", format="dta", table="panel")
    export(db, tmp_path / "csv", format="csv")
    export(db, tmp_path / "csv", format="csv", table="panel")
    assert sorted(p.name for p in written) == sorted(
        p.name.replace(".csv", ".dta") for p in (tmp_path / "csv").glob("*.csv"))
    for path in written:  # cell by cell as the CSV writes it: a missing one blank
        dta = pd.read_stata(path)
        csv = pd.read_csv(tmp_path / "csv" / f"{path.stem}.csv", encoding="utf-8-sig",
                          dtype=str, keep_default_na=False)
        assert list(dta.columns) == list(csv.columns), path.name
        assert len(dta) == len(csv) > 0, path.name
        for col in csv.columns:
            cells = dta[col].map(lambda v: "" if pd.isna(v) else str(v))
            assert cells.tolist() == csv[col].tolist(), (path.name, col)
    sections = pd.read_stata(tmp_path / "dta" / "sections.dta")
    assert max(len(t.encode()) for t in sections["text"]) > 2045  # written as strL
    assert sections["text"].str.contains("\n").any()
    reports = pd.read_stata(tmp_path / "dta" / "reports.dta").set_index("agency")
    assert pd.isna(reports.loc["溪山县市场监督管理局", "received"])  # 表三 unreadable
    assert reports.loc["枫林乡人民政府", "litigation"] == 0
