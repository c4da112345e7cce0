"""A command stopped for want of an optional package says so in Chinese without claiming a
file's format could not be read: that sentence is for a file tag or parse could not read."""

import sys

from nlp_reports import reasons
from nlp_reports.cli import main
from nlp_reports.errors import MissingDependencyError
from nlp_reports.reasons import error_meaning_zh


def test_export_to_parquet_without_pyarrow_is_not_told_a_format_cannot_be_read(
        tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as after pip install without extras
    code = main(["export", "--db", str(tmp_path / "corpus.sqlite"), "--table", "panel",
                 "--format", "parquet", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "nlp-reports[parquet]" in err
    assert reasons.FAILURE_ZH["missing_dependency"] not in err  # 缺少读取该格式所需的…
    assert "读取" not in err.split("\n", 1)[1]
    assert "可选依赖" in err and "安装" in err


def test_a_file_that_needs_an_extra_still_says_its_format():
    exc = MissingDependencyError("rjieba", "fast", "The rjieba tokenizer engine")
    assert "读取" not in error_meaning_zh(exc)
    # a file tag or parse could not read keeps the reading sentence (reason missing_dependency)
    assert "读取该格式" in reasons.failure_meaning_zh("missing_dependency: Reading .docx files …")


def test_a_missing_core_dependency_names_the_package_not_an_extra():
    from nlp_reports.errors import MissingDependencyError

    core = str(MissingDependencyError("jieba", None, "Word segmentation"))
    assert "pip install jieba" in core and "nlp-reports[" not in core
    extra = str(MissingDependencyError("pdfplumber", "pdf", "Reading PDF"))
    assert "pip install 'nlp-reports[pdf]'" in extra
