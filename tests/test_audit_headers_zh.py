"""``audit --csv FILE --headers zh`` / ``Audit.to_csv(path, headers="zh")``: the CSV's header
row in Chinese (the names of docs/audit.md's 审查说明), values unchanged but the level, in
Chinese (部门 …, audit14); the ids by default."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import load_report
from nlp_reports.cli import main
from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.audit import COLUMN_NAMES_ZH, COLUMNS
from nlp_reports.errors import UsageError

ROOT = Path(__file__).parents[1]
DATA = ROOT / "tests" / "data" / "audit_s9"
DOC = ROOT / "docs" / "audit.md"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("zh") / "a.sqlite"
    with Store(path) as s:
        for f in sorted(DATA.rglob("*.txt")):
            r = load_report(f)
            s.write_report(str(f), r, FakeTagger().tag_many([r])[0], model_id="m")
        s.record_failure(str(DATA / "broken.txt"), "empty", "the file is empty")
    return path


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_zh_headers_name_every_column_and_keep_the_values(db, tmp_path):
    a = audit(db)
    en = _read(a.to_csv(tmp_path / "en.csv"))
    zh = _read(a.to_csv(tmp_path / "zh.csv", headers="zh"))
    assert en[0] == list(COLUMNS)
    assert zh[0] == [COLUMN_NAMES_ZH[c] for c in COLUMNS]
    assert len(set(zh[0])) == len(COLUMNS)  # no two columns under one name
    # the values are the same but the level, given in Chinese (部门 for department, audit14)
    level = list(COLUMNS).index("level")
    assert len(en) == 8  # 6 reports and the failed file
    assert [r[:level] + r[level + 1:] for r in zh[1:]] == [r[:level] + r[level + 1:] for r in en[1:]]
    assert {(e[level], z[level]) for e, z in zip(en[1:], zh[1:], strict=True)} <= {
        ("department", "部门"), ("county", "县级（县、区、旗、县级市）"), ("township", "乡镇"),
        ("street", "街道"), ("", "")}  # a failed file has no level
    assert ("department", "部门") in {(e[level], z[level]) for e, z in zip(en[1:], zh[1:],
                                                                       strict=True)}
    failed = [dict(zip(zh[0], r, strict=True)) for r in zh[1:] if r[1].endswith("broken.txt")]
    assert failed[0]["读取失败"].startswith("empty") and failed[0]["缺陷数"] == "1"


def test_every_chinese_name_is_the_one_the_doc_gives(db):
    # each column's row of the 审查说明 table names it by its id and its Chinese name
    zh_part = DOC.read_text(encoding="utf-8").split("## 审查说明")[1]
    rows = [line for line in zh_part.splitlines() if line.startswith("| ")]
    for column, name in COLUMN_NAMES_ZH.items():
        assert any(f"`{column}`" in r and name in r.split("`")[0] for r in rows), column
    assert set(COLUMN_NAMES_ZH) == set(COLUMNS)


def test_unknown_headers_and_the_html_page(db, tmp_path):
    a = audit(db)
    with pytest.raises(UsageError, match="headers"):
        a.to_csv(tmp_path / "x.csv", headers="fr")
    assert not (tmp_path / "x.csv").exists()
    page = a.to_html()
    assert all(f'<span class="zh">{COLUMN_NAMES_ZH[c]}</span>' in page
               for c in ("defects", "agency", "copied_from_last_year"))


def test_cli_headers(db, tmp_path, capsys):
    out = tmp_path / "a.csv"
    assert main(["audit", "--db", str(db), "--csv", str(out), "--headers", "zh",
                 "--year", "2024"]) == 0
    rows = _read(out)
    assert rows[0][:4] == ["报告编号", "文件", "机关", "年度"]
    years = {r[3] for r in rows[1:] if r[3]}
    assert years == {"2024"}
    assert main(["audit", "--db", str(db), "--csv", str(out)]) == 0
    assert _read(out)[0] == list(COLUMNS)
    capsys.readouterr()
    assert main(["audit", "--db", str(db), "--headers", "zh"]) == 2
    assert "--csv" in capsys.readouterr().err
