"""Classifier-side defects a new-user trial found (s5): suggest on statement-less reports,
the model card's command, predict(str), small-data warnings, label-file formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
LIUAN = CORPUS / "柳岸县人民政府2024年政府信息公开工作年度报告.txt"
SHIPPED = ROOT / "models" / "default"


@pytest.fixture(scope="module")
def shipped():
    from nlp_reports.classify import Tagger

    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("no shipped model in models/default")
    return Tagger.load()


# --- finding 1: suggest never reads a report's lines as statements -----------------------------


def _section5_says_none(tmp_path: Path) -> Path:
    """The 柳岸县 2024 example with the body of section 五 replaced by "无。"."""
    if not LIUAN.is_file():
        pytest.skip("example corpus not present")
    text = LIUAN.read_text("utf-8")
    new, n = re.subn(r"(\n五、[^\n]*\n).*?(\n六、)", r"\1无。\n\2", text, flags=re.S)
    assert n == 1
    path = tmp_path / "柳岸县2024_第五部分为无.txt"
    path.write_text(new, "utf-8")
    return path


def test_a_report_whose_section_5_says_none_gives_no_statements(tmp_path, caplog):
    from nlp_reports import load_report
    from nlp_reports.classify.suggest import iter_statements

    path = _section5_says_none(tmp_path)
    report = load_report(path)
    assert report.statements == () and len(report.sections) >= 5  # parsed as a report
    with caplog.at_level("INFO", logger="nlp_reports"):
        got = list(iter_statements(path))
    assert got == []
    assert any("no statements in section 五" in r.getMessage() for r in caplog.records)


def test_suggest_on_a_folder_takes_statements_only_from_reports_that_have_them(tmp_path,
                                                                               shipped):
    from nlp_reports import load_report
    from nlp_reports.classify import suggest

    _section5_says_none(tmp_path)
    other = CORPUS / "柳岸县人民政府2023年政府信息公开工作年度报告.txt"
    (tmp_path / other.name).write_bytes(other.read_bytes())
    expected = {s.text for s in load_report(other).statements}
    rows = suggest([tmp_path], n=500, tagger=shipped)
    assert rows and {r["text"] for r in rows} <= expected
    assert {Path(r["source"]).name for r in rows} == {other.name}


def test_a_statements_txt_is_still_read_one_per_line(tmp_path):
    """Lines naming 信息公开 (a key phrase) or a 年度报告 still make a statement list: no
    heading, no table and no title with an agency."""
    from nlp_reports.classify.suggest import iter_statements

    lines = ["街道负责信息公开的只有一名兼职人员，常常顾此失彼。",
             "2023年度报告未按时发布",
             "下一步将把政务公开工作纳入各科室年度绩效考核。"]
    path = tmp_path / "statements.txt"
    path.write_text("\n".join(lines[:1] + [""] + lines[1:]) + "\n", "utf-8")
    assert [t for t, _ in iter_statements(path)] == lines


def test_a_report_fragment_with_a_title_is_not_a_statement_list(tmp_path):
    from nlp_reports.classify.suggest import iter_statements

    path = tmp_path / "fragment.txt"
    path.write_text("柳岸县人民政府2023年政府信息公开工作年度报告\n本年度我县政务公开工作稳步推进。\n",
                    "utf-8")
    assert list(iter_statements(path)) == []


# --- finding 4: one str where a list of statements is expected -------------------------------

ONE = "部分工作人员身兼数职，信息公开工作力量不足。"


def test_tagger_predict_refuses_a_single_string(shipped):
    with pytest.raises(TypeError, match=r"pass a list of statements, e.g\. \[text\]"):
        shipped.predict(ONE)
    with pytest.raises(TypeError, match="list of statements"):
        shipped.predict(ONE.encode())
    [one] = shipped.predict([ONE])  # the list form still works, one prediction
    assert one.text == ONE


def test_tag_and_tag_many_refuse_the_wrong_shape(shipped):
    from nlp_reports import load_report

    if not LIUAN.is_file():
        pytest.skip("example corpus not present")
    report = load_report(LIUAN)
    with pytest.raises(TypeError, match="predict"):
        shipped.tag(ONE)
    with pytest.raises(TypeError, match=r"e\.g\. \[report\]"):
        shipped.tag_many(report)
    with pytest.raises(TypeError, match="list of Reports"):
        shipped.tag_many([ONE])
    assert len(shipped.tag(report)) == len(report.statements) > 0


def test_the_estimators_refuse_a_single_string(shipped):
    from nlp_reports.classify import KeywordBaseline

    base = KeywordBaseline().fit()
    calls = [lambda: shipped.bundle.predict_all(ONE), lambda: shipped.model.predict(ONE),
             lambda: shipped.model.predict_proba(ONE), lambda: shipped.model.predict_all(ONE),
             lambda: shipped.model.predict_themes(ONE), lambda: shipped.model.transform(ONE),
             lambda: base.predict(ONE), lambda: base.predict_themes(ONE)]
    for call in calls:
        with pytest.raises(TypeError, match=r"e\.g\. \[text\]"):
            call()
    assert len(shipped.model.predict([ONE])) == len(base.predict([ONE])) == 1
