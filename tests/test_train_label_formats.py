"""Label files and the classifier's inputs and warnings: suggest on statement-less reports,
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
    from nlp_reports.classify.dataset import DataWarning

    with pytest.warns(DataWarning, match="fewer than the 500 asked"):
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


# --- finding 3: the model card records the command actually run --------------------------------

LABELED = sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))


@pytest.fixture(scope="module")
def small_data(tmp_path_factory) -> Path:
    """60 labeled statements spread over the corpus, as one JSONL file (far too few)."""
    import json

    if not LABELED:
        pytest.skip("labeled corpus not present")
    from nlp_reports.classify import load_labeled

    items = load_labeled(LABELED[0])
    items = items[:: max(1, len(items) // 60)][:60]
    path = tmp_path_factory.mktemp("small") / "my_labels.jsonl"
    path.write_text("".join(json.dumps({"text": d.text, "kind": d.kind, "themes": list(d.themes),
                                        "family": d.family}, ensure_ascii=False) + "\n"
                            for d in items), "utf-8")
    return path


@pytest.fixture(scope="module")
def cli_trained(small_data, tmp_path_factory):
    """(model dir, finished process) of `nlp-reports train` on the small data, run as a user
    runs it (its own process: what reaches stderr is what the user sees)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("cli-model") / "mine"
    proc = subprocess.run([sys.executable, "-m", "nlp_reports", "train", str(small_data),
                           "--out", str(out), "--seed", "3", "--thresholds", "fixed"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    return out, proc


def _how_it_was_made(model_dir: Path) -> str:
    readme = (model_dir / "README.md").read_text("utf-8")
    return readme.split("## How it was made", 1)[1].split("\n- ", 1)[0]


def test_the_card_shows_the_train_command_that_ran(cli_trained, small_data):
    import json
    import shlex

    out, proc = cli_trained
    assert proc.returncode == 0, proc.stderr
    block = _how_it_was_made(out)
    assert "nlp_reports/data/labeled" not in block
    [line] = [ln for ln in block.splitlines() if ln.startswith("nlp-reports train")]
    argv = shlex.split(line)
    assert argv[2] == str(small_data)
    assert argv[argv.index("--out") + 1] == str(out)
    assert argv[argv.index("--seed") + 1] == "3"
    assert argv[argv.index("--thresholds") + 1] == "fixed"
    assert json.loads((out / "meta.json").read_text("utf-8"))["command"] == line


def test_the_card_of_a_python_training_shows_the_call(small_data, tmp_path):
    from nlp_reports.classify import train
    from nlp_reports.classify.dataset import DataWarning

    out = tmp_path / "from-python"
    with pytest.warns(DataWarning):
        train(small_data, out=out, params={"cv": 2})
    block = _how_it_was_made(out)
    assert "nlp-reports train" not in block and "nlp_reports/data/labeled" not in block
    assert "nlp_reports.classify.train(" in block
    assert repr(str(small_data)) in block and "params={'cv': 2}" in block


# --- finding 11: label files (theme separators, unknown ids, GBK, unlabeled rows) -------------

LABEL_ROWS = [
    ("街道负责公开的只有一名兼职人员，工作常常顾此失彼。", "problem", "staffing{}training"),
    ("下一步将定期组织业务培训，并配齐专职人员。", "measure", "training{}staffing"),
]


def _write_csv(path: Path, rows, encoding: str = "utf-8") -> Path:
    import csv

    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "kind", "themes"])
        w.writerows(rows)
    return path


@pytest.mark.parametrize("sep", [";", "；", ",", "，", "、", "|", " ; ", ", "])
def test_several_themes_may_be_separated_by_any_usual_mark(tmp_path, sep):
    from nlp_reports.classify import load_labeled

    rows = [(t, k, th.format(sep)) for t, k, th in LABEL_ROWS]
    items = load_labeled(_write_csv(tmp_path / "my_labels.csv", rows))
    assert [d.themes for d in items] == [("staffing", "training")] * 2


def test_an_unknown_theme_id_lists_the_valid_ones(tmp_path):
    from nlp_reports.classify import load_labeled
    from nlp_reports.errors import DataError
    from nlp_reports.taxonomy import THEME_IDS

    path = _write_csv(tmp_path / "bad.csv", [("人员不足。", "problem", "staffing;people")])
    with pytest.raises(DataError) as info:
        load_labeled(path)
    message = str(info.value)
    assert "bad.csv:2" in message and "'people'" in message
    assert all(t in message for t in THEME_IDS)


def test_a_gbk_label_csv_is_read_with_a_note(tmp_path, caplog):
    from nlp_reports.classify import load_labeled

    rows = [(t, k, th.format(";")) for t, k, th in LABEL_ROWS]
    utf8 = load_labeled(_write_csv(tmp_path / "utf8.csv", rows))
    path = _write_csv(tmp_path / "excel.csv", rows, encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    with caplog.at_level("INFO", logger="nlp_reports"):
        items = load_labeled(path)
    assert [(d.text, d.kind, d.themes) for d in items] == [
        (d.text, d.kind, d.themes) for d in utf8]
    assert any("excel.csv" in r.getMessage() and "GB18030" in r.getMessage()
               for r in caplog.records)


def test_undecodable_label_bytes_are_still_a_data_error(tmp_path):
    from nlp_reports.classify import load_labeled
    from nlp_reports.errors import DataError

    path = tmp_path / "noise.csv"
    path.write_bytes(b"text,kind,themes\n" + bytes(range(128, 256)) * 8 + b",problem,\n")
    with pytest.raises(DataError, match="noise.csv"):
        load_labeled(path)


def test_unlabeled_rows_are_skipped_and_counted(tmp_path, caplog):
    from nlp_reports.classify import load_labeled

    rows = [(LABEL_ROWS[0][0], "problem", "staffing"), ("还没有标注的一句话。", "", ""),
            ("另一句没有标注的话。", "", "")]
    with caplog.at_level("INFO", logger="nlp_reports"):
        items = load_labeled(_write_csv(tmp_path / "partly.csv", rows))
    assert [d.text for d in items] == [LABEL_ROWS[0][0]]
    assert any("skipped 2 unlabeled rows" in r.getMessage() for r in caplog.records)


def test_train_and_evaluate_help_document_the_label_format(capsys):
    from nlp_reports.cli import main

    for command in ("train", "evaluate"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "; ； , ， 、 | / or spaces" in text and "skipped" in text and "GBK" in text
        assert "staffing" in text and "publicity" in text


def test_the_docs_describe_the_csv_label_format():
    doc = (ROOT / "docs" / "annotation-guidelines.md").read_text("utf-8")
    section = doc.split("## 6. File format", 1)[1].split("\n## ", 1)[0]
    assert all(mark in section for mark in ("`;`", "`，`", "`、`", "`|`"))
    assert "skipped" in section and "GBK" in section


# --- finding 8: too few labels are warned about; long runs say what they do ----------------------


def test_cli_train_says_it_started_each_stage_and_warns_about_too_few_labels(cli_trained,
                                                                            small_data):
    out, proc = cli_trained
    err = proc.stderr.splitlines()
    assert "training on 60 statements from 1 file; this takes about a minute on the full corpus" in err[0]
    for stage in ("split by family", "fitting the kind and theme models", "scoring the model",
                  "model written to"):
        assert any(stage in line for line in err), stage
    warnings = [line for line in err if line.startswith("WARNING")]
    assert any("only" in w and "statements" in w and "200" in w for w in warnings)
    assert any("cannot be learned" in w and "publicity" in w for w in warnings)
    n_test = int(re.search(r"n_test: (\d+)", proc.stdout).group(1))
    assert f"test figures on {n_test} held-out statements" in proc.stdout
    readme = (out / "README.md").read_text("utf-8")
    assert "too few labels" in readme and f"rest on {n_test} test statements" in readme


def test_train_logs_a_warning_and_records_it_in_the_card(small_data, tmp_path, caplog):
    import json

    from nlp_reports.classify import train
    from nlp_reports.classify.dataset import DataWarning

    with caplog.at_level("INFO", logger="nlp_reports"), pytest.warns(DataWarning) as shown:
        result = train(small_data, out=tmp_path / "m", params={"cv": 2})
    # shown in Python too (finding s6-2), and carried by the result
    assert [str(w.message) for w in shown] == list(result.warnings) == result.card["warnings"]
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("has only" in w for w in warned)
    card = json.loads((tmp_path / "m" / "meta.json").read_text("utf-8"))
    assert card["warnings"] == result.card["warnings"] and len(card["warnings"]) >= 2
    assert card["split"]["test_families"] >= 1


def test_enough_labels_give_no_scarcity_warning():
    from nlp_reports.classify import load_labeled
    from nlp_reports.classify.dataset import scarcity_warnings

    if not LABELED:
        pytest.skip("labeled corpus not present")
    items = load_labeled(LABELED)
    assert scarcity_warnings(items, "the corpus") == []
    few = [d for d in items if "publicity" not in d.themes][:500]
    [message] = scarcity_warnings(few, "the data")
    assert "publicity 0" in message


def test_evaluate_cv_on_few_labels_warns_and_shows_progress(small_data):
    import subprocess
    import sys

    argv = [sys.executable, "-m", "nlp_reports", "evaluate", str(small_data), "--cv", "2"]
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.splitlines()
    assert "cross-validating on 60 statements" in err[0] and "about a minute" in err[0]
    assert any("cv fold 2/2 done" in line for line in err)
    assert "too few labels" in proc.stdout and "statements: 60" in proc.stdout
    # said once, under the table (it stood there and as WARNING lines on stderr too)
    assert "only 60 statements" in proc.stdout and "only 60 statements" not in proc.stderr



def test_evaluate_quiet_keeps_the_warnings_only(small_data, shipped):
    import subprocess
    import sys

    argv = [sys.executable, "-m", "nlp_reports", "evaluate", str(small_data)]
    loud = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=300)
    quiet = subprocess.run(argv + ["-q"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert loud.returncode == quiet.returncode == 0 and loud.stdout == quiet.stdout
    err = loud.stderr.splitlines()
    # the model (and its trust) comes first, then the data (finding s6-16)
    assert "loaded model" in err[0] and "evaluating on 60 statements" in err[1]
    assert "too few labels" in quiet.stdout
    # -q drops the progress lines; the warnings are under the table, said once,
    # and a warning the table does not hold would stay on stderr
    assert "INFO" not in quiet.stderr and "loaded model" not in quiet.stderr
    assert all(line.startswith("WARNING") for line in quiet.stderr.splitlines())
    assert "only 60 statements" not in loud.stderr + quiet.stderr


def test_train_takes_labeled_statements_from_a_generator(small_data, tmp_path):
    # the card's Python call was built from the data before training read it, which used up
    # a generator: training then failed with 'no labeled statements to train on'
    from nlp_reports.classify import load_labeled, train
    from nlp_reports.classify.dataset import DataWarning

    items = load_labeled(small_data)
    with pytest.warns(DataWarning):
        result = train((d for d in items), out=tmp_path / "gen", params={"cv": 2})
    assert result.card["data"]["n_statements"] == len(items)
    assert f"<{len(items)} LabeledStatements>" in _how_it_was_made(tmp_path / "gen")


def test_a_statements_txt_saved_in_gbk_is_read(tmp_path):
    """Notepad or Excel on Chinese Windows saves GBK: decoded like a label file, not refused."""
    from nlp_reports.classify.suggest import iter_statements

    lines = ["乡里负责信息公开的干部身兼数职，精力有限。", "下一步将配齐配强专职人员。"]
    path = tmp_path / "statements.txt"
    path.write_bytes("\n".join(lines).encode("gbk"))
    assert [t for t, _ in iter_statements(path)] == lines


def test_suggest_reads_a_gbk_statements_jsonl(tmp_path):
    from nlp_reports.classify.suggest import _from_file

    f = tmp_path / "statements.jsonl"
    f.write_bytes('{"text": "信息公开工作人员少，身兼数职。"}\n'.encode("gbk"))
    assert _from_file(f) == ["信息公开工作人员少，身兼数职。"]


def test_evaluate_warns_on_the_models_own_training_data(tmp_path):
    """Scoring the shipped model on a file it was trained on measures nothing: say so."""
    import shutil

    from nlp_reports.classify.evaluate import evaluate

    labeled = Path(__file__).resolve().parents[1] / "nlp_reports" / "data" / "labeled"
    src = sorted(labeled.glob("part-*.jsonl"))[-1]
    part = tmp_path / src.name
    part.write_text("\n".join(src.read_text("utf-8").splitlines()[:40]) + "\n", "utf-8")
    from nlp_reports.classify.dataset import DataWarning

    with pytest.warns(DataWarning):
        result = evaluate(part)
    n = result["n_trained_on"]
    # most, not all: the file's test-split families were held out (part-zy2: 16 of these 40)
    assert n > 20 and any(f"{n} of 40 statements were in the model's training data "
                          f"({src.name})" in w for w in result["warnings"])
    # renamed, the same statements are still the training data (s6 finding 1: the file
    # name alone let a re-saved label file score as if new)
    other = tmp_path / "mine.jsonl"
    shutil.copy(part, other)
    with pytest.warns(DataWarning):
        again = evaluate(other)
    assert again["n_trained_on"] == n
    assert any(f"{n} of 40 statements were in the model's training data:" in w
               for w in again["warnings"])
