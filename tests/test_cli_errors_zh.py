"""Failures said in Chinese on the command line too: a reader of the Chinese half of
the README met every failure of ``tag`` and ``parse`` in English, though the audit holds a
Chinese sentence per reason. One table (:mod:`nlp_reports.reasons`) says it everywhere, and
every reason a batch can record has its sentence."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nlp_reports
from nlp_reports import reasons
from nlp_reports.cli import main
from nlp_reports.corpus.audit import FAILURE_ZH as AUDIT_FAILURE_ZH
from nlp_reports.corpus.audit import failure_zh
from nlp_reports.corpus.store import PART_FAILED
from nlp_reports.errors import ParseError

FIXTURES = Path(__file__).parent / "fixtures"
PACKAGE = Path(nlp_reports.__file__).parent

LOGIN_PAGE = ("<html><head><title>统一身份认证平台</title></head><body><form>"
              "<p>请输入用户名和密码登录后访问本栏目</p><input name=user><input name=pwd>"
              "<button>登录</button></form></body></html>")


def _class_folder(root: Path) -> Path:
    """A 政务公开 clerk's download folder: one sound report, a download that saved nothing,
    a login wall saved as the report, and a PNG screenshot saved as .pdf."""
    folder = root / "2023年度报告"
    folder.mkdir()
    shutil.copy(FIXTURES / "reports" / "county_2023_rectification.txt",
                folder / "某县自然资源局2023年报告.txt")
    (folder / "某镇人民政府2023年报告.txt").write_bytes(b"")
    (folder / "市教育局年报（下载）.html").write_text(LOGIN_PAGE, encoding="utf-8")
    (folder / "截图.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return folder


def test_each_failed_file_of_a_batch_is_followed_by_its_chinese_sentence(tmp_path, capsys):
    folder = _class_folder(tmp_path)
    assert main(["tag", str(folder), "--db", str(tmp_path / "s.sqlite"), "-q"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[1].startswith("已入库1份报告，跳过0个已入库的文件，3个文件无法读取")
    failed = [i for i, line in enumerate(lines) if line.startswith("  failed: ")]
    assert len(failed) == 3
    for i in failed:  # the sentence of that file's own failed cell, on the next line
        cell = lines[i].split(": ", 2)[2]
        assert lines[i + 1] == "    " + reasons.failure_meaning_zh(cell)
    by_name = {Path(lines[i].split(": ")[1]).name: lines[i + 1] for i in failed}
    assert "文件为空" in by_name["某镇人民政府2023年报告.txt"]
    assert "登录页" in by_name["市教育局年报（下载）.html"]
    assert "文件是图片" in by_name["截图.pdf"]


def test_the_same_sentence_twice_running_is_said_once(tmp_path, capsys):
    folder = tmp_path / "空文件"
    folder.mkdir()
    for name in ("甲街道办事处2022年报告.txt", "乙街道办事处2022年报告.txt"):
        (folder / name).write_text("  \n\u3000\n", encoding="utf-8")
    assert main(["tag", str(folder), "--db", str(tmp_path / "s.sqlite"), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.count("文件为空") == 1 and "（原因同上）" in err


def test_failures_not_listed_are_pointed_to_in_chinese(tmp_path, capsys):
    folder = _class_folder(tmp_path)
    assert main(["tag", str(folder), "--db", str(tmp_path / "s.sqlite"), "-q",
                 "--show-failures", "1"]) == 1
    err = capsys.readouterr().err
    assert "（只列出1个，其余用 --show-failures 列出）" in err
    assert sum(line.startswith("  failed: ") for line in err.splitlines()) == 1


def test_parse_says_each_error_in_chinese_too(tmp_path, capsys):
    empty = tmp_path / "区卫健委2021年报.txt"
    empty.write_bytes(b"")
    page = tmp_path / "报告.html"
    page.write_text(LOGIN_PAGE, encoding="utf-8")
    good = FIXTURES / "reports" / "county_2023_rectification.txt"
    assert main(["parse", str(empty), str(good), str(page)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith("error: ") and lines[1] == "    " + reasons.FAILURE_ZH["empty"]
    assert lines[2].startswith("error: ") and "登录页" in lines[3]
    assert captured.out  # the readable report is still printed


def test_an_interrupted_tag_says_what_is_kept_in_chinese_too(tmp_path, capsys, monkeypatch):
    folder = _class_folder(tmp_path)
    db = str(tmp_path / "s.sqlite")
    main(["tag", str(folder), "--db", db, "-q"])
    capsys.readouterr()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("nlp_reports.corpus.tag_paths", interrupted)
    assert main(["tag", str(folder), "--db", db]) == 130
    assert f"已中断：1份报告已完整存入 {db}；原样再运行一次本命令即可继续" in capsys.readouterr().err


def test_a_damaged_zip_is_not_told_to_be_unpacked():
    zh = reasons.failure_meaning_zh("unsupported_format: a damaged zip archive, not a report "
                                    "file we read")
    assert "重新下载" in zh and "解压" not in zh
    assert "解压" in reasons.failure_meaning_zh(
        "unsupported_format: a RAR archive, not read in place: unpack it")


def test_the_audit_says_the_same_sentences():
    assert AUDIT_FAILURE_ZH is reasons.FAILURE_ZH
    assert failure_zh("empty: x").startswith("文件无法读取：" + reasons.FAILURE_ZH["empty"])


def _subclasses(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_subclasses(sub))]


def _name(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")


def _literal(node: ast.AST | None) -> str | None:
    ok = isinstance(node, ast.Constant) and isinstance(node.value, str)
    return node.value if ok and node.value.replace("_", "").isalpha() else None


def _recorded_reasons() -> set[str]:
    """The reason codes the batch code writes, read from its source: a files row built as
    ("failed", path, sha, size, REASON, …), Failure(path, REASON, …), record_failure(path,
    REASON, …), _Problem(REASON, …), a (path, REASON, message) appended to the failures, and
    the (REASON, message) a worker returns for a report it could not prepare."""
    found = {PART_FAILED} | {c.reason for c in _subclasses(ParseError) if "reason" in vars(c)}
    for path in sorted((PACKAGE / "corpus").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple) and len(node.elts) > 4 and \
                    _literal(node.elts[0]) == "failed":
                found.add(_literal(node.elts[4]))
            elif isinstance(node, ast.Call):
                where = {"Failure": 1, "record_failure": 1, "_Problem": 0}.get(_name(node.func))
                if where is not None and len(node.args) > where:
                    found.add(_literal(node.args[where]))
                if _name(node.func) == "append" and node.args and \
                        isinstance(node.args[0], ast.Tuple) and len(node.args[0].elts) == 3:
                    found.add(_literal(node.args[0].elts[1]))
            elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and \
                    len(node.value.elts) == 2 and (_literal(node.value.elts[0]) or "").endswith(
                        "_error"):
                found.add(_literal(node.value.elts[0]))
    found.discard(None)
    return found


def test_every_reason_a_batch_can_record_has_a_chinese_sentence():
    import nlp_reports.corpus.archive  # noqa: F401  (its ParseError subclass)

    found = _recorded_reasons()
    # the reader finds the codes of every kind of site (not an empty scan that passes)
    assert {"timeout", "missing_dependency", "error", "worker_error", "tag_error",
            "store_error", "not_found", "unreadable", "parse_error", "empty", "error_page",
            PART_FAILED} <= found
    assert sorted(found - set(reasons.FAILURE_ZH)) == []


def test_the_command_line_does_not_load_the_audit_to_say_a_failure(tmp_path):
    (tmp_path / "空.txt").write_bytes(b"")
    code = ("import sys; from nlp_reports.cli import main; "
            f"main(['parse', {str(tmp_path / '空.txt')!r}]); "
            "print('nlp_reports.corpus.audit' in sys.modules, 'pandas' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         encoding="utf-8", check=True)
    assert run.stdout.split() == ["False", "False"]
    assert "文件为空" in run.stderr


@pytest.mark.parametrize("reason", sorted(reasons.FAILURE_ZH))
def test_each_sentence_is_chinese_and_one_line(reason):
    zh = reasons.FAILURE_ZH[reason]
    assert "\n" not in zh and sum("\u4e00" <= c <= "\u9fff" for c in zh) >= 4


def _options(command: str) -> list:
    from nlp_reports.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.choices and command in a.choices)
    return [a for a in sub.choices[command]._actions if a.help != "show this help message and exit"]


@pytest.mark.parametrize("command", ["tag", "summarize", "export", "audit"])
def test_every_option_says_itself_in_chinese_after_its_english(command):
    """As the command list does: '… English … / 中文', the Chinese a gloss after the last ' / '
    (not the Chinese terms an English text quotes, 汇编 or 页面不存在)."""
    lacking = [a.dest for a in _options(command)
               if sum("\u4e00" <= c <= "\u9fff" for c in (a.help or "/").rsplit(" / ", 1)[-1])
               < 4 or " / " not in (a.help or "")]
    assert lacking == []


@pytest.mark.parametrize("command", ["tag", "summarize", "export"])
def test_the_help_pages_still_print(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0 and "%(" not in capsys.readouterr().out


def test_audit_of_a_mistyped_file_says_the_file_is_missing(tmp_path, capsys):
    """``audit FILE`` whose only file does not exist said that its own temporary store was
    missing ("…/nlp-reports-audit-…/audit.sqlite: no store here", and a line about --db): it
    now names the file, in English and Chinese, as ``parse`` does; a usage error (exit 2),
    as ``tag`` of a path that is not there (test_tag_missing_paths)."""
    missing = tmp_path / "2024年报告.docx"
    assert main(["audit", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"error: {missing}: no such file or folder" in err
    assert f"文件或文件夹不存在：{missing}" in err
    assert "audit.sqlite" not in err and "--db" not in err
