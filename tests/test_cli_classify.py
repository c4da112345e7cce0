"""The classify / train / evaluate / suggest commands, run through nlp_reports.cli.main."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from nlp_reports.cli import main
from nlp_reports.taxonomy import KINDS, THEME_IDS

ROOT = Path(__file__).resolve().parents[1]
LABELED = sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))
HAS_SHIPPED = (ROOT / "models" / "default" / "model.joblib").is_file()
needs_shipped = pytest.mark.skipif(not HAS_SHIPPED, reason="no shipped model in models/default")

LINES = [
    "街道负责信息公开的只有一名兼职人员，常常顾此失彼。",
    "",
    "下一步将把政务公开工作纳入各科室年度绩效考核。",
    "本年度没有需要报告的其他事项。",
]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory) -> Path:
    if not LABELED:
        pytest.skip("labeled corpus not present")
    from nlp_reports.classify import load_labeled

    items = load_labeled(LABELED)
    items = items[:: max(1, len(items) // 250)]
    path = tmp_path_factory.mktemp("cli") / "tiny.jsonl"
    path.write_text("".join(
        json.dumps({"text": d.text, "kind": d.kind, "themes": list(d.themes),
                    "family": d.family}, ensure_ascii=False) + "\n" for d in items), "utf-8")
    return path


@pytest.fixture(scope="module")
def tiny_model(tiny_data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli-model") / "mine"
    assert main(["train", str(tiny_data), "--out", str(out), "--tokenizer", "jieba"]) == 0
    return out


def _check_jsonl(out: str) -> list[dict]:
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in rows] == LINES
    blank = rows[1]
    assert blank["kind"] == "other" and blank["themes"] == []
    for r in rows:
        assert r["kind"] in KINDS and set(r["theme_scores"]) == set(THEME_IDS)
        assert set(r["themes"]) <= set(THEME_IDS)
    return rows


@needs_shipped
def test_classify_from_a_file_one_json_line_per_input_line(capsys, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(LINES) + "\n", "utf-8")
    code, out, _ = _run(capsys, "classify", str(path))
    assert code == 0
    rows = _check_jsonl(out)
    assert rows[0]["kind"] == "problem" and "staffing" in rows[0]["themes"]
    assert rows[2]["kind"] == "measure" and "supervision" in rows[2]["themes"]


@needs_shipped
def test_classify_from_stdin(capsys, monkeypatch):
    data = ("\n".join(LINES) + "\n").encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = _run(capsys, "classify", "--batch-size", "1")
    assert code == 0
    _check_jsonl(out)


@needs_shipped
def test_classify_stdin_with_a_stray_byte_keeps_the_chinese_lines(capsys, monkeypatch):
    data = ("\n".join(LINES[:2]) + "\n").encode("utf-8") + b"\xff oops\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = _run(capsys, "classify")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in rows[:2]] == LINES[:2]
    assert len(rows) == 3 and rows[2]["text"].endswith(" oops")


@needs_shipped
def test_classify_reads_gbk_and_reports_a_missing_file(capsys, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("\r\n".join(LINES).encode("gbk"))
    code, out, _ = _run(capsys, "classify", str(path))
    assert code == 0
    _check_jsonl(out)
    code, out, err = _run(capsys, "classify", str(tmp_path / "absent.txt"))
    assert code != 0 and out == "" and "absent.txt" in err


def test_non_shipped_model_needs_trust_model(capsys, tiny_model, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(LINES), "utf-8")
    code, out, err = _run(capsys, "classify", str(path), "--model", str(tiny_model))
    assert code != 0 and out == ""
    assert "--trust-model" in err and "Traceback" not in err
    code, out, _ = _run(capsys, "classify", str(path), "--model", str(tiny_model),
                        "--trust-model")
    assert code == 0
    _check_jsonl(out)


def test_train_prints_metrics_and_writes_the_model(tiny_model):
    card = json.loads((tiny_model / "meta.json").read_text("utf-8"))
    assert (tiny_model / "model.joblib").is_file()
    assert card["name"] == "mine" and card["tokenizer"]["engine"] == "jieba"


def test_evaluate_prints_a_table_and_json(capsys, tiny_model, tiny_data):
    code, out, _ = _run(capsys, "evaluate", str(tiny_data), "--model", str(tiny_model),
                        "--trust-model")
    assert code == 0
    assert "kind accuracy" in out and "baseline" in out and "confidentiality" in out
    code, out, _ = _run(capsys, "evaluate", str(tiny_data), "--model", str(tiny_model),
                        "--trust-model", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["n"] == len(tiny_data.read_text("utf-8").splitlines())
    assert set(result) >= {"model", "baseline"}


def test_evaluate_reports_bad_data_without_traceback(capsys, tmp_path, tiny_model):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "kind": "maybe", "themes": []}\n', "utf-8")
    code, _, err = _run(capsys, "evaluate", str(bad), "--model", str(tiny_model), "--trust-model")
    assert code != 0 and "bad.jsonl:1" in err


def test_suggest_writes_a_csv_to_label(capsys, tiny_model, tmp_path):
    corpus = tmp_path / "statements.txt"
    corpus.write_text("\n".join(LINES + ["政府网站部分栏目长期不更新，内容陈旧。"]), "utf-8")
    out_csv = tmp_path / "label-me.csv"
    code, _, err = _run(capsys, "suggest", str(corpus), "-n", "2", "--out", str(out_csv),
                        "--model", str(tiny_model), "--trust-model")
    assert code == 0 and "2 statements" in err
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text("utf-8-sig"))))
    assert len(rows) == 2
    assert all(r["kind"] == "" and r["themes"] == "" and r["model_kind"] in KINDS for r in rows)
    assert all(r["source"] == str(corpus) for r in rows)
    code, out, _ = _run(capsys, "suggest", str(corpus), "-n", "1", "--model", str(tiny_model),
                        "--trust-model")
    assert code == 0 and out.splitlines()[0].startswith("text,kind,themes")


def test_unwritable_outputs_are_error_lines(capsys, tiny_data, tiny_model, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("x", "utf-8")
    code, _, err = _run(capsys, "train", str(tiny_data), "--out", str(blocker / "model"))
    assert code != 0 and err.startswith("error:") and "a_file" in err
    corpus = tmp_path / "s.txt"
    corpus.write_text(LINES[0], "utf-8")
    code, _, err = _run(capsys, "suggest", str(corpus), "--out", str(blocker / "x.csv"),
                        "--model", str(tiny_model), "--trust-model")
    assert code != 0 and err.startswith("error:")



def test_single_threaded_blas_leaves_a_loaded_numpy_s_environment_alone(monkeypatch):
    """Once numpy is loaded (a caller of main() in a notebook) the variable would change
    nothing in this process: it is not set; a value the user set is kept."""
    import os

    from nlp_reports import cli

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    cli._single_threaded_blas()
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    cli._single_threaded_blas()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "3"


@needs_shipped
def test_main_loads_one_openblas_thread_and_gives_the_environment_back(tmp_path):
    """In a fresh process main(["classify", …]) loads numpy with one OpenBLAS thread, and the
    caller's environment is as it was when main() returns (nothing left for the processes it
    starts later)."""
    import os
    import subprocess
    import sys

    pytest.importorskip("threadpoolctl")
    lines = tmp_path / "lines.txt"
    lines.write_text(LINES[0] + "\n", encoding="utf-8")
    code = ("import os, io, contextlib\nfrom nlp_reports.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['classify', {str(lines)!r}]) == 0\n"
            "from threadpoolctl import threadpool_info\n"
            "print(os.environ.get('OPENBLAS_NUM_THREADS'), sorted({i['num_threads'] for i in "
            "threadpool_info() if i['internal_api'] == 'openblas'}))")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split(None, 1)
    assert out[0] == "None"
    assert out[1].strip() in ("[1]", "[]")  # [] : a numpy without OpenBLAS
