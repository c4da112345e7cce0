"""``parse --json``: a file (or a part of a compilation) that could not be read gives its
error object with ``message_zh``, the very sentence the console prints under its ``error:``
line (reasons.py, one table), for every reason a parse can fail with."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import nlp_reports.corpus.archive  # noqa: F401  (its ParseError subclass, reason per instance)
from nlp_reports import reasons
from nlp_reports.cli import main
from nlp_reports.errors import NotAReportError, ParseError, UnsupportedFormatError

FIXTURES = Path(__file__).parent / "fixtures"

LOGIN_PAGE = ("<html><head><title>用户登录 - 南川区政务服务网</title></head><body>"
              "<div class='login'><p>用户登录</p><p>账号</p><p>密码</p><p>忘记密码</p>"
              "<p>登录</p></div><div class='foot'>主办单位：南川区人民政府办公室</div></body></html>")


def _console_sentences(err: str) -> list[str]:
    """The sentence under each ``error:`` line of parse's stderr, in order."""
    lines = err.splitlines()
    return [lines[i + 1].removeprefix("    ") for i, line in enumerate(lines)
            if line.startswith("error: ")]


def _json_errors(out: str) -> list[dict]:
    return [d for d in map(json.loads, out.splitlines()) if "error" in d]


def test_a_clerks_failed_downloads_say_in_json_what_the_console_says(tmp_path, capsys):
    folder = tmp_path / "2022年报下载"
    folder.mkdir()
    (folder / "镇卫生院2022年报.txt").write_bytes(b"")
    (folder / "区交通局报告.html").write_text(LOGIN_PAGE, encoding="utf-8")
    (folder / "市场监管局年报截图.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 80)
    files = [str(folder / "镇卫生院2022年报.txt"), str(folder / "区交通局报告.html"),
             str(folder / "市场监管局年报截图.pdf"), str(folder / "县教育局年报.txt"), str(folder),
             str(FIXTURES / "reports" / "county_2023_rectification.txt")]

    assert main(["parse", "--json", *files]) == 1
    errors = _json_errors(capsys.readouterr().out)
    assert main(["parse", *files]) == 1
    console = _console_sentences(capsys.readouterr().err)

    assert [e["source"] for e in errors] == files[:5]  # the readable report is no error
    assert [e["error"]["message_zh"] for e in errors] == console
    said = dict(zip([e["error"]["reason"] for e in errors], console, strict=True))
    assert said["empty"] == reasons.FAILURE_ZH["empty"]
    assert "登录页" in said["error_page"]
    assert said["unsupported_format"].startswith("文件是图片")
    assert [e["error"]["message_zh"] for e in errors if e["error"]["reason"] == "parse_error"] \
        == ["文件不存在，请检查路径和文件名", console[4]] and console[4].startswith("这是文件夹")


def _reasons() -> list[tuple[str, type[ParseError]]]:
    def subclasses(cls: type) -> list[type]:
        return [c for s in cls.__subclasses__() for c in (s, *subclasses(s))]

    found = [(ParseError.reason, ParseError)]
    found += [(c.reason, c) for c in subclasses(ParseError) if "reason" in vars(c)]
    found += [(r, c) for c in subclasses(ParseError) if "reason" not in vars(c)
              for r in ("unreadable", "parse_error")]  # archive._Problem: set per instance
    return found


def _raise(cls: type[ParseError], reason: str, message: str, path: str):
    def load(_source):
        exc = (cls(reason, message) if "reason" not in vars(cls) and cls is not ParseError
               else cls(message, path=path))
        raise exc
    return load


@pytest.mark.parametrize(("reason", "cls"), _reasons(), ids=lambda x: getattr(x, "__name__", x))
def test_every_reason_parse_can_give_has_the_console_sentence_in_json(
        reason, cls, tmp_path, monkeypatch, capsys):
    path = str(tmp_path / "街道办2023年度报告.docx")
    message = f"the file could not be read ({reason})"
    monkeypatch.setattr("nlp_reports.parse.load_reports", _raise(cls, reason, message, path))
    assert main(["parse", "--json", path]) == 1
    (error,) = _json_errors(capsys.readouterr().out)
    assert main(["parse", path]) == 1
    (console,) = _console_sentences(capsys.readouterr().err)
    assert error["error"]["reason"] == reason
    assert error["error"]["message_zh"] == console == reasons.failure_meaning_zh(
        f"{reason}: {message}")
    assert console  # a sentence, never null


@pytest.mark.parametrize("message", [
    "the PDF has no text layer (a scan: 12 pages of images): run OCR",
    "the page holds only a link to or viewer of a file (附件: 2023年报.pdf)",
    "an image (PNG), not a report file",
])
def test_a_refined_sentence_is_the_one_given_not_the_reasons_own(message, tmp_path,
                                                                 monkeypatch, capsys):
    """The sentence is chosen by the bare message, as the console's, not by "path: message"."""
    cls = UnsupportedFormatError if message.startswith("an image") else NotAReportError
    path = str(tmp_path / "卫健委年报.pdf")
    monkeypatch.setattr("nlp_reports.parse.load_reports", _raise(cls, "", message, path))
    main(["parse", "--json", path])
    (error,) = _json_errors(capsys.readouterr().out)
    main(["parse", path])
    (console,) = _console_sentences(capsys.readouterr().err)
    assert error["error"]["message_zh"] == console != reasons.FAILURE_ZH[cls.reason]


def test_a_failed_part_of_a_compilation_has_its_sentence_too(tmp_path, monkeypatch, capsys):
    path = str(tmp_path / "某县2023年政府信息公开年报汇编.txt")
    part = ParseError("part 2 of 3: the text holds no section heading and no table",
                      path=path)
    part.part, part.parts = 2, 3

    monkeypatch.setattr("nlp_reports.parse.load_reports", lambda _s: [part])
    main(["parse", "--json", path])
    (error,) = _json_errors(capsys.readouterr().out)
    main(["parse", path])
    (console,) = _console_sentences(capsys.readouterr().err)
    assert (error["part"], error["parts"]) == (2, 3)
    assert error["error"]["message_zh"] == console == reasons.FAILURE_ZH["parse_error"]


def test_a_file_needing_a_missing_extra_fails_alone_and_the_rest_are_parsed(
        tmp_path, monkeypatch, capsys):
    """A .docx on a base install (python-docx absent) is one failed file with reason
    missing_dependency; it stopped the whole parse before, and the files after it were
    never read."""
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("禾林乡人民政府2023年政府信息公开工作年度报告")
    word = tmp_path / "乡政府年报.docx"
    doc.save(word)
    monkeypatch.setitem(sys.modules, "docx", None)  # as after pip install without extras
    report = FIXTURES / "reports" / "county_2023_rectification.txt"

    assert main(["parse", "--json", str(word), str(report)]) == 1
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [d["source"] for d in lines if "error" in d] == [str(word)]
    error = lines[0]["error"]
    assert error["reason"] == "missing_dependency"
    assert "nlp-reports[docx]" in error["message"]
    assert error["message_zh"] == reasons.FAILURE_ZH["missing_dependency"]
    assert any(d.get("metadata") or d.get("sections") for d in lines[1:])  # the report after it

    assert main(["parse", str(word), str(report)]) == 1
    said = capsys.readouterr()
    assert f"error: {word}: " in said.err and "nlp-reports[docx]" in said.err
    assert reasons.FAILURE_ZH["missing_dependency"] in said.err
    assert said.out.startswith("== 岚河县人民政府2023年")  # the report after it, printed
