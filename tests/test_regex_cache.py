"""The compiled-pattern cache (nlp_reports._regex_cache): module-level patterns come
back equal from the file without re's parser; run-time patterns, damaged files, another
interpreter's file and an unwritable cache directory change nothing but speed."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nlp_reports import _regex_cache

pytestmark = pytest.mark.skipif(_regex_cache._internals() is None,
                                reason="not CPython's re: the cache is off")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

# a module of the kind the parser has: constants compiled at import, one made per call
MODULE = r'''
import re

TITLE = re.compile(r"(?P<org>[\u4e00-\u9fff（）()]{2,40}?)(?P<year>20\d{2})\s*年度?"
                   r"政府信息公开(?:工作)?年度报告")
SECTION = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]+)\s*[、.．]\s*(?P<title>\S[^\n]{0,30})$",
                     re.M)
NO_CASE = re.compile(rb"<TD[^>]*>", re.I)
HELD = re.search(r"申请人(?:数|人次)", "收到申请人数共计12件")

def made_at_run_time(org):
    return re.compile(re.escape(org) + r"\d{4}年")
'''


def _module(tmp_path: Path, name: str):
    """Import the MODULE written under ``name`` (a fresh module, re's own cache purged)."""
    path = tmp_path / f"{name}.py"
    path.write_text(MODULE, encoding="utf-8")
    re.purge()
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parser():
    return _regex_cache._internals()[1]


def test_module_patterns_come_back_equal_without_the_parser(tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "regex.marshal"
    with _regex_cache.cached(str(cache)):
        first = _module(tmp_path, "rc_first")
    assert cache.is_file()
    entries = _regex_cache._load(str(cache))
    assert (first.TITLE.pattern, 0) in entries
    assert (first.NO_CASE.pattern, re.I) in entries
    assert (first.SECTION.pattern, re.M) in entries

    def refuse(*args, **kwargs):
        raise AssertionError("re's parser called for a cached pattern")

    monkeypatch.setattr(_parser(), "parse", refuse)
    with _regex_cache.cached(str(cache)):
        second = _module(tmp_path, "rc_second")
    for name in ("TITLE", "SECTION", "NO_CASE"):
        assert getattr(second, name) == getattr(first, name)
    m = second.TITLE.search("汀港市城市管理局2023年度政府信息公开工作年度报告")
    assert m is not None and m["year"] == "2023" and m["org"] == "汀港市城市管理局"
    assert second.SECTION.findall("一、总体情况\n五、存在的主要问题及改进情况\n") == [
        ("一", "总体情况"), ("五", "存在的主要问题及改进情况")]
    assert second.NO_CASE.match(b"<td class='x'>") is not None


def test_run_time_patterns_are_not_stored(tmp_path):
    cache = tmp_path / "regex.marshal"
    with _regex_cache.cached(str(cache)):
        module = _module(tmp_path, "rc_runtime")
        made = module.made_at_run_time("南溪区人民政府")
    assert made.match("南溪区人民政府2024年")
    assert (made.pattern, 0) not in _regex_cache._load(str(cache))
    assert (module.TITLE.pattern, 0) in _regex_cache._load(str(cache))


def test_the_hook_is_removed_on_the_way_out_even_after_an_error(tmp_path):
    compiler = _regex_cache._internals()[0]
    original = compiler.compile
    with pytest.raises(RuntimeError), _regex_cache.cached(str(tmp_path / "r.marshal")):
        with _regex_cache.cached(str(tmp_path / "other.marshal")):  # nested: one hook
            assert compiler.compile is not original
        assert compiler.compile is not original
        raise RuntimeError("a command failed")
    assert compiler.compile is original
    assert not (tmp_path / "other.marshal").exists()


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not marshal", "empty"])
def test_a_damaged_file_is_ignored_and_rewritten(tmp_path, damage):
    cache = tmp_path / "regex.marshal"
    with _regex_cache.cached(str(cache)):
        reference = _module(tmp_path, f"rc_ref_{damage.replace(' ', '_')}")
    data = bytearray(cache.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        data[len(data) // 2] ^= 0xFF
    elif damage == "not marshal":
        data = bytearray("<html>登录</html>".encode())
    else:
        data = bytearray()
    cache.write_bytes(bytes(data))
    assert _regex_cache._load(str(cache)) == {}
    with _regex_cache.cached(str(cache)):
        again = _module(tmp_path, f"rc_again_{damage.replace(' ', '_')}")
    assert again.TITLE == reference.TITLE and again.SECTION == reference.SECTION
    assert (reference.TITLE.pattern, 0) in _regex_cache._load(str(cache))


def test_a_damaged_entry_is_compiled_as_always(tmp_path):
    import marshal
    import zlib

    cache = tmp_path / "regex.marshal"
    with _regex_cache.cached(str(cache)):
        reference = _module(tmp_path, "rc_entry_ref")
    entries = _regex_cache._load(str(cache))
    key = (reference.TITLE.pattern, 0)
    flags, code, *rest = entries[key]
    entries[key] = (flags, code[: len(code) // 2], *rest)  # code _sre refuses
    payload = marshal.dumps(entries)
    cache.write_bytes(marshal.dumps((_regex_cache._version(), zlib.crc32(payload), payload)))
    with _regex_cache.cached(str(cache)):
        again = _module(tmp_path, "rc_entry_again")
    assert again.TITLE == reference.TITLE
    assert _regex_cache._load(str(cache))[key][1] == code  # stored whole again


def test_another_interpreters_file_is_ignored(tmp_path, monkeypatch):
    cache = tmp_path / "regex.marshal"
    with _regex_cache.cached(str(cache)):
        _module(tmp_path, "rc_v1")
    monkeypatch.setattr(_regex_cache, "_version", lambda: (1, "3.99.0 (other)", 0, 4))
    assert _regex_cache._load(str(cache)) == {}


def test_an_unwritable_cache_directory_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory would be", encoding="utf-8")
    monkeypatch.setenv("NLP_REPORTS_CACHE", str(blocker))
    with _regex_cache.cached():
        module = _module(tmp_path, "rc_blocked")
    assert module.SECTION.search("三、收到和处理政府信息公开申请情况")["num"] == "三"
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_cache_path_follows_the_cache_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("NLP_REPORTS_CACHE", str(tmp_path / "c"))
    assert Path(_regex_cache.cache_path()).parent == tmp_path / "c"
    monkeypatch.delenv("NLP_REPORTS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert Path(_regex_cache.cache_path()).parent == tmp_path / "xdg" / "nlp_reports"


# In a fresh interpreter: count re's parser calls while the parser's modules import, and
# parse real fixtures; a second run takes every module-level pattern from the file.
PROBE = r'''
import json, sys
import re
from nlp_reports import _regex_cache
parser = _regex_cache._internals()[1]
calls = 0
parse = parser.parse
def counting(*a, **k):
    global calls
    calls += 1
    return parse(*a, **k)
parser.parse = counting
with _regex_cache.cached():
    from nlp_reports import load_report
    import nlp_reports.parse.checks, nlp_reports.parse.tables
    at_import = calls
    reports = [load_report(p).to_dict() for p in sys.argv[1:]]
print(json.dumps({"calls": at_import, "reports": reports}, ensure_ascii=False))
'''


def test_the_parser_imports_from_the_cache_and_parses_the_same(tmp_path):
    files = [str(FIXTURES / "newuser23" / "汀港市城市管理局2023年政府信息公开工作年度报告.txt"),
             str(FIXTURES / "parse14b" / "qingzhou_daxue_fuyuan.txt"),
             str(FIXTURES / "newuser23" / "汀港市南溪区人民政府2023年政府信息公开工作年度报告.html")]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NLP_REPORTS_CACHE": str(tmp_path / "cache")}

    def run() -> dict:
        out = subprocess.run([sys.executable, "-c", PROBE, *files], env=env, cwd=tmp_path,
                             capture_output=True, text=True, check=True).stdout
        return json.loads(out)

    cold, warm = run(), run()
    assert cold["calls"] > 200  # the parser's patterns, each parsed by re
    assert warm["calls"] == 0  # … and none the second time
    assert warm["reports"] == cold["reports"]
    assert len(cold["reports"]) == 3 and all(r["statements"] for r in cold["reports"])


def test_a_pattern_another_librarys_function_builds_during_an_import_is_not_stored(tmp_path):
    # the standard library's tokenize joins a set of prefixes: its pattern differs with each
    # process's hash seed, and numpy's import calls it (review19a: an entry and a rewrite of
    # the file at every audit)
    helper = tmp_path / "rc_helper.py"
    helper.write_text("import re\n\ndef build(words):\n"
                      "    return re.compile('|'.join(sorted(words)) + r'\\d+')\n",
                      encoding="utf-8")
    (tmp_path / "rc_user.py").write_text(
        "import rc_helper\nBUILT = rc_helper.build({'申请', '答复'})\n", encoding="utf-8")
    cache = tmp_path / "regex.marshal"
    sys.path.insert(0, str(tmp_path))
    try:
        with _regex_cache.cached(str(cache)):
            module = _module(tmp_path, "rc_library")
            import rc_user
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("rc_user", None)
        sys.modules.pop("rc_helper", None)
    entries = _regex_cache._load(str(cache))
    assert rc_user.BUILT.match("答复12")
    assert (rc_user.BUILT.pattern, 0) not in entries
    assert (module.TITLE.pattern, 0) in entries


def test_an_unwritable_cache_directory_costs_no_second_parse(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory would be", encoding="utf-8")
    parser = _parser()
    parse, calls = parser.parse, []
    monkeypatch.setattr(parser, "parse", lambda *a, **k: calls.append(a[0]) or parse(*a, **k))
    with _regex_cache.cached(str(blocker / "regex.marshal")):
        _module(tmp_path, "rc_unwritable")
    assert calls and len(calls) == len(set(calls))  # each pattern parsed once, by re
