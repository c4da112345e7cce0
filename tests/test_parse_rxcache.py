"""The on-disk cache of compiled regexes (parse/rxcache.py): a hit gives the pattern
re.compile gives, and a missing, corrupt or tampered cache file is ignored and rebuilt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from nlp_reports.parse import rxcache

PATTERNS = [
    (r"[\u4e00-\u9fff]{2,10}?(?:省|自治区)", 0),
    (r"(?P<year>(?:19|20)\d{2})[ \t\u3000]{0,2}年(?P<rest>.*)", re.MULTILINE | re.DOTALL),
    (r"^content-type[ \t]*:\s*text/html", re.IGNORECASE),
    (r"[^\s。，,；;：:！？!?、.．()（）]+(?=\n|$)", 0),
    ("[\U0001F000-\U0001FAFF\uFE0E\uFE0F]", 0),
]
TEXT = "云岭省东城区2023年报告\nContent-Type: text/html\n政府信息公开 \U0001F600 工作。\n"


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The module with an empty in-memory state and its cache file under ``tmp_path``."""
    monkeypatch.setenv("NLP_REPORTS_CACHE", str(tmp_path))
    monkeypatch.setattr(rxcache, "_ENTRIES", None)
    monkeypatch.setattr(rxcache, "_DIRTY", False)
    return rxcache


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert a == b  # pattern, flags and SRE code
    assert a.groupindex == b.groupindex and a.groups == b.groups
    assert [m.span() for m in a.finditer(TEXT)] == [m.span() for m in b.finditer(TEXT)]
    assert [m.groupdict() for m in a.finditer(TEXT)] == [m.groupdict() for m in b.finditer(TEXT)]


def test_miss_then_hit_equal_re_compile(fresh) -> None:
    for pattern, flags in PATTERNS:
        _same(fresh.compile(pattern, flags), re.compile(pattern, flags))
    fresh._save()
    assert fresh._cache_file().is_file()
    fresh._ENTRIES = None
    fresh._DIRTY = False
    assert len(fresh._entries()) == len(PATTERNS)
    for pattern, flags in PATTERNS:
        _same(fresh.compile(pattern, flags), re.compile(pattern, flags))
    assert not fresh._DIRTY  # every one was a hit


def test_corrupt_file_is_ignored_and_rebuilt(fresh) -> None:
    pattern, flags = PATTERNS[0]
    fresh.compile(pattern, flags)
    fresh._save()
    path = fresh._cache_file()
    raw = path.read_bytes()
    # a changed body (the checksum no longer matches), then plain garbage
    for bad in (raw[:-40] + b"0" * 40, b"\x00garbage", b""):
        path.write_bytes(bad)
        fresh._ENTRIES = None
        assert fresh._entries() == {}
        _same(fresh.compile(pattern, flags), re.compile(pattern, flags))
        assert fresh._DIRTY
        fresh._save()
        fresh._DIRTY = False
        fresh._ENTRIES = None
        assert set(fresh._entries()) == {f"{flags}:{pattern}"}


def test_bad_entry_with_valid_checksum_falls_back(fresh) -> None:
    """An entry whose SRE code _sre rejects is dropped for a fresh compile."""
    import base64
    from array import array

    pattern, flags = PATTERNS[1]
    entry = fresh._entry_of(pattern, flags)
    entry[4] = base64.b64encode(array(fresh._CODE_TYPE, [999, 1, 2]).tobytes()).decode()
    fresh._ENTRIES = {f"{flags}:{pattern}": entry}
    _same(fresh.compile(pattern, flags), re.compile(pattern, flags))


def test_file_outgrown_keeps_only_this_process_patterns(fresh, monkeypatch) -> None:
    monkeypatch.setattr(fresh, "_USED", set())
    monkeypatch.setattr(fresh, "_MAX_ENTRIES", 3)
    stale = fresh._entry_of("stale", 0)
    fresh._ENTRIES = {f"0:stale{i}": stale for i in range(5)}
    for pattern, flags in PATTERNS[:2]:
        fresh.compile(pattern, flags)
    fresh._save()
    fresh._ENTRIES = None
    assert set(fresh._entries()) == {f"{int(flags)}:{pattern}" for pattern, flags in PATTERNS[:2]}


def test_bytes_and_unwritable_dir(fresh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert fresh.compile(rb"\r?\n\r?\n") == re.compile(rb"\r?\n\r?\n")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NLP_REPORTS_CACHE", str(blocker / "sub"))
    fresh.compile(PATTERNS[2][0], PATTERNS[2][1])
    fresh._save()  # no error: the cache is optional


def test_parser_patterns_survive_a_round_trip(tmp_path: Path) -> None:
    """Every pattern the parser and tokenizer compile, built cold then from the file, equals
    re.compile's (a fresh interpreter each time, so module-level patterns are included)."""
    code = (
        "import re, nlp_reports.parse.load, nlp_reports.tokenize as t, nlp_reports.parse.rxcache as c\n"
        "t._tail_rxs(); t._noise_hint()\n"
        "e = c._entries()\n"
        "bad = [k for k, v in e.items() if c._build(k.split(':', 1)[1], int(k.split(':')[0]), v)"
        " != re.compile(k.split(':', 1)[1], int(k.split(':')[0]))]\n"
        "print(len(e), len(bad), c._DIRTY)\n"
    )
    env = {"NLP_REPORTS_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert runs[0][1] == "0" and runs[1][1] == "0"
    assert runs[0][0] == runs[1][0] and int(runs[0][0]) > 150
    assert runs[0][2] == "True" and runs[1][2] == "False"  # the second run only hit

