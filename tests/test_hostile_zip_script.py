"""Hostile input (issue #5 part 2) against a page's script read
as data (html._held_by_script), a .zip read in place (corpus/archive.py) and options typed
with an input method's dashes (_console). Each input gets a Report, the project's own error
or a failure row with its reason — never another exception, never unbounded CPU, nothing
dropped without a word. Fixtures: tests/fixtures/hostile22 (make_hostile22.py writes them
from examples/corpus's fictional reports)."""

from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
import warnings
import zipfile
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_reports import _console, load_report
from nlp_reports.cli import build_parser
from nlp_reports.corpus import archive, tag_paths
from nlp_reports.ingest import html as html_mod

HERE = Path(__file__).parent / "fixtures" / "hostile22"
CORPUS = Path(__file__).parent.parent / "examples" / "corpus"
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


# --- a script's string literals --------------------------------------------------------

def test_a_cut_off_script_string_costs_no_quadratic_time():
    """A saved single-page app whose second script's JSON.parse('…') a crawler cut off (15,000
    escaped quotes, none closing): its article is read from the first script at once.
    Before, each quote was retried to the script's end: 21 s of CPU for this 100 KB page."""
    start = time.process_time()
    report = load_report(HERE / "spa_cut_state.html")
    spent = time.process_time() - start
    assert report.metadata.agency == "柳岸县人民政府" and report.metadata.year == 2024
    assert report.statements
    assert spent < 3.0, spent


@SETTINGS
@given(st.text(alphabet="ab'\"`\\\n<p>", max_size=60))
def test_script_literals_are_the_regex_literals(script):
    """The one-pass scan finds exactly the literals re.finditer finds (left to right)."""
    want = [m.span() for m in html_mod._JS_STRING.finditer(script)]
    got = [m.span() for m in html_mod._js_literals(script, 0, len(script))]
    assert got == want


# --- a zip's member names ---------------------------------------------------------------

def _rows(db: Path) -> dict[str, tuple[str, str | None, str | None]]:
    with sqlite3.connect(db) as conn:
        return {p: (s, r, m) for p, s, r, m in
                conn.execute("SELECT path, status, reason, message FROM files")}


def test_members_under_one_name_are_said_not_dropped(tmp_path):
    """'2024/年报.txt' and '2024\\年报.txt', '/市场监管局.txt' and '市场监管局.txt': each pair
    has one path. The first of each is read (its own report, not the other's), and the zip's
    row says two members were not read and what to do; a sound zip downloaded again drops
    that row. Before: 3 rows, two reports gone without a word."""
    folder = tmp_path / "下载"
    folder.mkdir()
    zpath = folder / "打包下载.zip"
    zpath.write_bytes((HERE / "repeated_names.zip").read_bytes())
    db = tmp_path / "s.sqlite"
    result = tag_paths([str(folder)], db, model=FakeTagger())
    rows = _rows(db)
    z = str(zpath)
    assert result.ok == 3
    assert rows[z][:2] == ("failed", "parse_error")
    assert "2 members" in rows[z][2] and "2024/年报.txt ×2" in rows[z][2]
    assert "市场监管局.txt ×2" in rows[z][2]
    with sqlite3.connect(db) as conn:
        agencies = dict(conn.execute(
            "SELECT f.path, r.agency || r.year FROM files f JOIN reports r ON r.path = f.path"))
    assert agencies[f"{z}/2024/年报.txt"] == "桐川市交通运输局2024"
    assert agencies[f"{z}/市场监管局.txt"] == "溪山县市场监督管理局2023"
    # the department uploads a sound zip: every member read, the zip's failure gone
    with zipfile.ZipFile(zpath, "w") as zf:
        for name, src in (("2024/年报.txt", "桐川市交通运输局2024年"), ("2025/年报.txt", "桐川市交通运输局2025年")):
            zf.writestr(name, (CORPUS / f"{src}政府信息公开工作年度报告.txt").read_bytes())
    tag_paths([str(folder)], db, model=FakeTagger())
    rows = _rows(db)
    assert z not in rows
    assert {p for p in rows} == {f"{z}/2024/年报.txt", f"{z}/2025/年报.txt"}


_NAME_PARTS = st.sampled_from(["..", "../", "/", "\\", "C:", "C:\\", "\x00", "a", "报告", "é",
                               "e\u0301", "A", ".txt", ".TXT", ".zip", "__MACOSX/", "._", "x" * 300])


@SETTINGS
@given(st.lists(st.lists(_NAME_PARTS, min_size=1, max_size=6).map("".join),
                min_size=1, max_size=8))
def test_every_member_of_a_hostile_zip_is_accounted_for(tmp_path_factory, names):
    """Any member names — '../', '/etc', 'C:\\', NUL, NFC/NFD, case, repeats: each member is
    read under a path inside the zip's, failed with a reason, counted as passed over, or
    named in the zip's failure as a repeated name; the path read gives the first member's
    bytes under its name; nothing is written beside the zip."""
    folder = tmp_path_factory.mktemp("z")
    zpath = folder / "p.zip"
    with zipfile.ZipFile(zpath, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (zipfile's "Duplicate name": the point here)
        for i, name in enumerate(names):
            zf.writestr(zipfile.ZipInfo(name), f"member {i}\n".encode())
    with zipfile.ZipFile(zpath) as zf:  # (a name of a NUL only is "": no folder)
        infos = [i for i in zf.infolist() if not i.filename.endswith("/")]
        data = [zf.read(i) for i in infos]
    keys, fails, ignored = archive.expand(str(zpath))
    assert sorted(p.name for p in folder.iterdir()) == ["p.zip"]
    firsts: dict[str, bytes] = {}
    for info, held in zip(infos, data, strict=True):
        firsts.setdefault(archive.member_name(info), held)
    member_fails = [f for f in fails if f[0] != str(zpath)]
    said = " ".join(f[2] for f in fails if f[0] == str(zpath))
    assert all(k.startswith(f"{zpath}/") for k in keys + [f[0] for f in member_fails])
    not_read = sum(map(int, re.findall(r"holds (\d+) members under a name", said)))
    folders = sum(1 for i in infos if i.filename and not archive.member_name(i).split("/")[-1])
    assert len(keys) + len(member_fails) + sum(ignored.values()) + folders + not_read == len(infos)
    for key in keys:
        name = key[len(str(zpath)) + 1:]
        assert archive.read_member(key) == firsts[name]


# --- options typed with an input method -------------------------------------------------

_LONG = sorted(o for o in _console.option_strings(build_parser()) if o.startswith("--"))


@SETTINGS
@given(st.sampled_from(_LONG), st.data())
def test_an_option_typed_with_full_width_dashes_anywhere_is_named(option, data):
    """'——db', '−−db' (a PDF's minus sign), '⸺db', '——no—words', '--no－words', '--db＝x':
    every dash of a known option, in any position, typed with an input method's dash — the
    option is named; typed in ASCII it is left to argparse."""
    dashes = [data.draw(st.sampled_from("-" + _console.IME_DASHES)) if c == "-" else c
              for c in option]
    if all(c == "-" for c, o in zip(dashes, option, strict=True) if o == "-"):
        dashes[0] = data.draw(st.sampled_from(_console.IME_DASHES))
    typed = "".join(dashes) + data.draw(st.sampled_from(["", "=x.sqlite", "＝x.sqlite"]))
    message = _console.ime_typo(["tag", "某县", typed], set(_console.option_strings(build_parser())))
    assert message is not None and f"option {option} " in message
    assert _console.ime_typo(["tag", option, option + "=x"], set(_LONG)) is None


@pytest.mark.parametrize("typed", ["−−db", "⸺db", "﹘db", "——no—words", "--no—words", "——db＝年报.sqlite"])
def test_input_method_dashes_stop_the_cli_before_any_work(tmp_path, monkeypatch, capsys, typed):
    """Each was taken for a path (or left argparse asking for the --db just typed)."""
    from nlp_reports.cli import main

    monkeypatch.chdir(tmp_path)
    code = main(["tag", str(CORPUS / "白石镇人民政府2024年政府信息公开工作年度报告.txt"),
                 "--db", "s.sqlite", typed])
    assert code == 2
    assert "input method" in capsys.readouterr().err
    assert not (tmp_path / "s.sqlite").exists()


def test_nfc_and_nfd_names_are_two_members(tmp_path):
    """'é报告.txt' composed and decomposed are two names (two paths, two reports)."""
    zpath = tmp_path / "p.zip"
    a, b = sorted(CORPUS.glob("白石镇人民政府*.txt"))[:2]
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr(unicodedata.normalize("NFC", "é报告.txt"), a.read_bytes())
        zf.writestr(unicodedata.normalize("NFD", "é报告.txt"), b.read_bytes())
    keys, fails, _ = archive.expand(str(zpath))
    assert len(keys) == 2 and not fails
    assert {archive.read_member(k) for k in keys} == {a.read_bytes(), b.read_bytes()}
