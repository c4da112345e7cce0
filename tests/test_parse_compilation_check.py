"""A PhD student's folder, mostly through the Python API:
F2 a compilation (年鉴 / 汇编) stored as one report of its first agency, F9 a tables-only annex
(附表) counted as a report of its own, F6 ``suggest`` offering page chrome of refused files and
one statement twice, F11 ``train()`` silent on one's own labels held out, F8 ``weights`` keyed
by path, F10/F5 errors and the summary line speaking only CLI flags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.errors import NotAReportError, UsageError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
DATA = Path(__file__).parent / "data" / "newuser9"
COUNTY = CORPUS / "柳岸县人民政府2023年政府信息公开工作年度报告.txt"
TOWNSHIP = CORPUS / "枫林乡人民政府2023年政府信息公开工作年度报告.txt"
COUNTY_2024 = CORPUS / "柳岸县人民政府2024年政府信息公开工作年度报告.txt"


def _text(path: Path) -> str:
    return path.read_text("utf-8")


# --- F2: a compilation is refused, saying what it is and what to do -----------------------------


def test_two_reports_of_two_agencies_in_one_file_are_a_compilation(tmp_path):
    for p in (COUNTY, TOWNSHIP):  # each alone is a report
        assert load_report(p).statements
    book = tmp_path / "汇编.txt"
    book.write_text("某县2023年度政府信息公开工作年度报告汇编\n\n" + _text(COUNTY) + "\n\n"
                    + _text(TOWNSHIP), "utf-8")
    with pytest.raises(NotAReportError, match=r"a compilation of 2 reports") as err:
        load_report(book)
    message = str(err.value)
    assert "柳岸县人民政府 2023" in message and "枫林乡人民政府 2023" in message
    assert "split it into one file per report" in message
    assert err.value.reason == "not_a_report"


def test_two_years_of_one_agency_in_one_file_are_a_compilation(tmp_path):
    both = tmp_path / "两年.txt"
    both.write_text(_text(COUNTY) + "\n" + _text(COUNTY_2024), "utf-8")
    with pytest.raises(NotAReportError, match=r"compilation of 2 reports \(柳岸县人民政府 2023; "
                                              r"柳岸县人民政府 2024\)"):
        load_report(both)


def test_a_docx_compilation_whose_third_title_was_lost_counts_three_reports():
    pytest.importorskip("docx")
    with pytest.raises(NotAReportError, match=r"a compilation of 3 reports") as err:
        load_report(DATA / "乡镇年报汇编2023.docx")
    # the third report has no title line: its opening sentence names it (现公布…年度报告)
    assert "柳岸县人民政府 2023" in str(err.value)


def test_a_report_that_repeats_its_title_still_parses(tmp_path):
    """A cover page + the heading, a summary page + the full text, a header on every page:
    one report, not a compilation."""
    text = _text(COUNTY)
    title = text.splitlines()[0]
    alone = load_report(COUNTY)
    # the summary page (title, 一、总体情况) before the full text of the same report
    summary = "\n".join(text.splitlines()[:13])
    twice = tmp_path / "twice.txt"
    twice.write_text(summary + "\n\n" + text, "utf-8")
    assert load_report(twice).metadata.agency == alone.metadata.agency
    # the title as a page header above every 20th line, and on a cover page
    lines = text.splitlines()
    paged = [f"{title}\n{line}" if i and i % 20 == 0 else line for i, line in enumerate(lines)]
    headed = tmp_path / "headed.txt"
    headed.write_text(f"{title}\n\n\n" + "\n".join(paged), "utf-8")
    report = load_report(headed)
    assert (report.metadata.agency, report.metadata.year) == ("柳岸县人民政府", 2023)
    assert len(report.statements) == len(alone.statements)


def test_the_compilation_check_is_linear_on_a_long_adversarial_line():
    import time

    from nlp_reports.parse.load import _refuse_compilation

    for line in ("一、总体情况\n" + "公布" * 500_000 + "\n一、总体情况",  # 1 MB lines
                 "一、总体情况\n" + "一、" * 500_000 + "\n一、总体情况",
                 "一、总体情况\n" + "年度报告" * 250_000 + "\n一、总体情况",
                 ("年度报告" * 20 + "\n一、总体情况\n") * 2_000):
        start = time.process_time()
        try:
            _refuse_compilation(line, None)
        except NotAReportError:
            pass
        assert time.process_time() - start < 3


# --- F9: a tables-only annex says its body is probably another file ------------------------------


def _annex(tmp_path: Path) -> Path:
    """Sections 二–四 of a report under a title "…年度报告附表": the tables half of a
    report split in two files."""
    lines = _text(COUNTY).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("二、主动公开"))
    end = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    path = tmp_path / "附表.txt"
    path.write_text("柳岸县人民政府2023年政府信息公开工作年度报告附表\n"
                    + "\n".join(lines[start:end]), "utf-8")
    return path


def test_a_tables_only_annex_is_flagged_and_the_full_report_is_not(tmp_path):
    annex = load_report(_annex(tmp_path))
    assert annex.tables and not annex.statements
    codes = [p.code for p in annex.errors]
    assert "tables_only_annex" in codes
    message = next(p.message for p in annex.errors if p.code == "tables_only_annex")
    assert "probably another file" in message
    assert "tables_only_annex" not in [p.code for p in load_report(COUNTY).errors]
    # the body alone (sections 一, 五, 六) is no annex either
    lines = _text(COUNTY).splitlines()
    body = tmp_path / "正文.txt"
    cut = [i for i, line in enumerate(lines) if re.match(r"[二五]、", line)]
    body.write_text("\n".join(lines[:cut[0]] + lines[cut[-1]:]), "utf-8")
    assert "tables_only_annex" not in [p.code for p in load_report(body).errors]


def test_the_annex_code_has_a_chinese_sentence_in_the_audit():
    from nlp_reports.corpus.audit import problem_zh

    zh = problem_zh("tables_only_annex", "an annex of tables")
    assert "附表" in zh and "另一文件" in zh and "tables_only_annex" not in zh


# --- F6: suggest skips what tag refuses, and offers a statement once ------------------------------


POINTER = """首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年度报告
北港县水务局2022年政府信息公开工作年度报告
信息来源：北港县水务局  发布时间：2023年01月25日  字号：大 中 小

　　现将《北港县水务局2022年政府信息公开工作年度报告》予以公开，请点击下方附件查阅。

附件下载：北港县水务局2022年政务信息公开年报.docx

相关文件
北港县水务局2021年政府信息公开工作年度报告
【打印此页】  【关闭窗口】
"""


def test_suggest_reads_no_chrome_of_a_page_tag_refuses(tmp_path):
    from nlp_reports.classify.suggest import iter_statements

    page = tmp_path / "attach_only.txt"
    page.write_text(POINTER, "utf-8")
    with pytest.raises(NotAReportError, match="attached file"):
        load_report(page)  # what tag records as not_a_report
    assert list(iter_statements(page)) == []
    # a statement list is still read one per line
    own = tmp_path / "statements.txt"
    own.write_text("信息公开工作人员身兼数职，力量薄弱。\n进一步加大主动公开力度。\n", "utf-8")
    assert [t for t, _ in iter_statements(own)] == ["信息公开工作人员身兼数职，力量薄弱。",
                                                   "进一步加大主动公开力度。"]


def test_suggest_offers_a_statement_of_a_copy_and_a_traditional_copy_once(tmp_path):
    import opencc

    from nlp_reports.classify import Tagger, suggest
    from nlp_reports.classify.suggest import iter_statements

    folder = tmp_path / "corpus"
    folder.mkdir()
    text = _text(TOWNSHIP)
    (folder / "a.txt").write_text(text, "utf-8")
    (folder / "a（副本）.txt").write_text(text, "utf-8")
    (folder / "繁體.txt").write_text(opencc.OpenCC("s2t").convert(text), "utf-8")
    (folder / "attach_only.txt").write_text(POINTER, "utf-8")
    found = list(iter_statements(folder))
    n = len(load_report(TOWNSHIP).statements)
    assert n and len(found) == 3 * n  # read from the three copies, none from the page
    from nlp_reports.classify.dataset import DataWarning

    with pytest.warns(DataWarning, match="fewer than the 100 asked"):
        rows = suggest([folder], n=100, tagger=Tagger.load())
    assert len(rows) == n
    assert all(Path(r["source"]).name != "attach_only.txt" for r in rows)


# --- F8 / F11: train's weights by path, and one's own labels held out ---------------------------


def _labels(path: Path, n: int = 12) -> Path:
    import csv

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["text", "kind", "themes"])
        w.writeheader()
        for i in range(n):
            w.writerow({"text": f"第{i}项：信息公开工作人员身兼数职{i}", "kind": "problem",
                        "themes": "staffing"})
    return path


def test_weights_take_the_path_given_in_data_as_well_as_the_name(tmp_path):
    from nlp_reports.classify.dataset import load_labeled
    from nlp_reports.classify.train import _check_weights

    path = _labels(tmp_path / "my40.csv")
    items = load_labeled([path])
    assert _check_weights({str(path): 5}, items) == {"my40.csv": 5.0}
    assert _check_weights({path: 5}, items) == {"my40.csv": 5.0}
    assert _check_weights({"my40.csv": 3}, items) == {"my40.csv": 3.0}
    with pytest.raises(UsageError, match=r"not in the data: \S*other.csv \(data files: my40.csv\)"):
        _check_weights({str(tmp_path / "other.csv"): 2}, items)


def test_held_out_own_names_only_ones_own_files():
    from nlp_reports.classify.dataset import shipped_labeled_files
    from nlp_reports.classify.train import held_out_own

    shipped = shipped_labeled_files()[0].name
    line = held_out_own({shipped: [120, 974], "my40.csv": [5, 40], "all.csv": [0, 10]})
    assert line is not None and "my40.csv 5 of 40" in line and "'split' column" in line
    assert shipped not in line and "all.csv" not in line
    assert held_out_own({shipped: [120, 974], "all.csv": [0, 10]}) is None
    assert held_out_own({"my40.csv": [5, 40]}) is None  # one's own data alone: its test split


@pytest.mark.slow
def test_train_warns_in_python_when_ones_own_labels_are_held_out(tmp_path):
    """One's labels added to a shipped file: train() warns once which of them were held out
    (the CLI prints held_out_lines), and takes the weight by the path given."""
    import csv

    from nlp_reports.classify import train
    from nlp_reports.classify.dataset import DataWarning, shipped_labeled_files

    shipped = shipped_labeled_files()[0]
    data = tmp_path / "mine.csv"
    kinds = ("problem", "measure", "other")
    with open(data, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["text", "kind", "themes", "family"])
        w.writeheader()
        for i in range(90):
            word = chr(0x4E00 + 37 * i) + chr(0x4F00 + 11 * i)  # (digits normalize away)
            w.writerow({"text": f"政务公开{'人员培训' if i % 2 else '平台建设'}{word}工作",
                        "kind": kinds[i % 3], "themes": "staffing" if i % 2 else "platform",
                        "family": f"f{i}"})
    with pytest.warns(DataWarning) as shown:
        result = train([shipped, data], out=tmp_path / "m", params={"cv": 2},
                       weights={str(data): 2})
    held = [w for w in result.warnings if w.startswith("held out as the test split")]
    n_test = result.card["split"]["test_by_file"]["mine.csv"][0]
    assert n_test and len(held) == 1 and f"mine.csv {n_test} of 90" in held[0]
    assert shipped.name not in held[0]
    assert [str(w.message) for w in shown].count(held[0]) == 1
    assert result.card["weights"] == {"mine.csv": 2.0}


# --- F10 / F5: messages a Python caller reads name the argument too ------------------------------


def test_filter_errors_name_the_argument_and_the_flag():
    import pandas as pd

    from nlp_reports.corpus.summarize import agency_report_ids, filter_report_ids

    reports = pd.DataFrame({"id": [1, 2], "year": [2023, 2024], "folder": ["甲", "乙"],
                            "agency": ["岚州市公安局", "岚州市财政局"]})
    with pytest.raises(UsageError, match=r"^year 2030 \(--year / years=\): .*2023 \(1\)"):
        filter_report_ids(reports, [2030])
    with pytest.raises(UsageError, match=r"^folder 丙 \(--folder / folders=\): "):
        filter_report_ids(reports, folders=["丙"])
    with pytest.raises(UsageError, match=r"^agency 岚州市公安 \(--agency / agencies=\): .*岚州市公安局"):
        agency_report_ids(reports, ["岚州市公安"])


def test_the_summary_line_points_python_to_result_failures():
    from nlp_reports.corpus.batch import BatchResult
    from nlp_reports.corpus.files import Failure

    fails = tuple(Failure(f"/x/{i}.txt", "empty", "the file is empty") for i in range(3))
    res = BatchResult(ok=1, skipped=0, failed=3, failures=fails, db="x.db", model_id="m")
    assert "result.failures" in res.summary_line() and "--show-failures" in res.summary_line()
    assert "result.failures" not in res.summary_line(shown=3)
