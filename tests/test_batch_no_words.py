"""tag --no-words, and the summary's vocabulary on a store without words.

A store tagged ``--no-words`` holds ``reports.words`` NULL; summarize segments the reports its
vocabulary table samples from the stored rows (section 一, the statements), read-only, so
every table is the one a store tagged with words gives, and a note says how many reports'
words were segmented at summary time.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import sqlite3
from pathlib import Path

import pytest

from nlp_reports.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"


def _have_pipeline() -> bool:
    try:
        from nlp_reports.classify import Tagger  # noqa: F401
        from nlp_reports.corpus.worker import vocabulary_tokenizer
        from nlp_reports.parse import load_report  # noqa: F401
    except ImportError:
        return False
    return EXAMPLES.is_dir() and vocabulary_tokenizer() is not None


pytestmark = pytest.mark.skipif(not _have_pipeline(),
                                reason="parser, tagger, segmenter or example corpus not available")

#: the words note's English opening (the rest gives the counts)
NOTE = "vocabulary: the words of "


def _tag(args: list[str]) -> int:
    with contextlib.redirect_stderr(io.StringIO()):
        return main(["tag", *args, "--quiet"])


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The example corpus (43 reports, 2019–2024, village to city) tagged three ways: with
    words (the default), --no-words, and mixed (the first agencies' files with words, the
    rest added by a resumed run with --no-words)."""
    root = tmp_path_factory.mktemp("words17")
    words, bare, mixed = root / "words.sqlite", root / "bare.sqlite", root / "mixed.sqlite"
    assert _tag([str(EXAMPLES), "--db", str(words)]) == 0
    assert _tag([str(EXAMPLES), "--db", str(bare), "--no-words"]) == 0
    files = sorted(EXAMPLES.iterdir())
    # half the files with words, then the folder resumed --no-words (the rest added bare)
    assert _tag([str(p) for p in files[:len(files) // 2]] + ["--db", str(mixed)]) == 0
    assert _tag([str(EXAMPLES), "--db", str(mixed), "--no-words"]) == 0
    return words, bare, mixed


def _rows(db: Path, sql: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as c:
        return c.execute(sql).fetchall()


def _by_path(db: Path, sql_tail: str) -> dict:
    return {path: rest for path, *rest in _rows(db, f"SELECT path, {sql_tail} FROM reports")}


def test_no_words_stores_null_and_everything_else_alike(stores):
    words, bare, _ = stores
    n = _rows(words, "SELECT count(*) FROM reports")[0][0]
    assert n == 43
    assert _rows(bare, "SELECT count(*), count(words) FROM reports")[0] == (43, 0)
    assert _rows(words, "SELECT count(words) FROM reports")[0][0] == 43
    # every other column of the reports, and the statements and sections, are the same
    cols = [r[1] for r in _rows(words, "PRAGMA table_info(reports)")
            if r[1] not in ("id", "words", "tagged_at")]
    assert _by_path(words, ", ".join(cols)) == _by_path(bare, ", ".join(cols))
    for table, key in (("statements", "idx, text, kind, themes"),
                       ("sections", "position, number, text")):
        sql = (f"SELECT r.path, {', '.join('t.' + k.strip() for k in key.split(','))} "
               f"FROM {table} t JOIN reports r ON r.id = t.report_id ORDER BY 1, 2")
        assert _rows(words, sql) == _rows(bare, sql)


def test_segmented_from_the_store_rows_as_tagging_stores_them(stores):
    """The words rebuilt from a --no-words store's rows are, report by report, the stored ones."""
    from nlp_reports.corpus.store import Store
    from nlp_reports.corpus.summarize import _segment_missing

    words, bare, _ = stores
    stored = _by_path(words, "words")
    ids = dict(_rows(bare, "SELECT id, path FROM reports"))
    with contextlib.closing(Store(bare)) as st:
        got = _segment_missing(st, list(ids))
    assert {ids[i]: w for i, w in got.items()} == {p: w for p, (w,) in stored.items()}
    assert all(len(w.split()) > 100 for w in got.values())


def _outputs(db: Path, out: Path, extra: tuple[str, ...] = ()) -> dict[str, bytes]:
    """summarize's Markdown, JSON, CSV files and HTML page, the store's bytes unchanged."""
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    out.mkdir()
    got = {}
    for fmt in ("markdown", "json"):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
            code = main(["summarize", "--db", str(db), "--format", fmt, *extra,
                         *(("--csv", str(out / "csv"), "--html", str(out / "r.html"))
                           if fmt == "json" else ())])
        assert code == 0
        got[fmt] = buf.getvalue().encode()
    got |= {f"csv/{p.name}": p.read_bytes() for p in sorted((out / "csv").iterdir())}
    got["html"] = (out / "r.html").read_bytes()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # read-only
    return got


def _without_note(data: bytes) -> tuple[bytes, list[str]]:
    """``data`` less the words note (a Markdown line, a JSON list item, an HTML <li>)."""
    import re

    text = data.decode()
    notes = re.findall(rf"{NOTE}[^\n\"<]*", text)
    for pattern in (rf"- {NOTE}[^\n]*\n", rf", \"{NOTE}[^\"]*\"", rf"\"{NOTE}[^\"]*\", ",
                    rf"<li>{NOTE}[^<]*</li>"):
        text = re.sub(pattern, "", text)
    return text.encode(), notes


def _paths_as(got: dict[str, bytes], out: Path) -> dict[str, bytes]:
    return {k: v.replace(str(out).encode(), b"OUT") for k, v in got.items()}


@pytest.mark.parametrize("extra", [(), ("--by", "level"), ("--by", "province"),
                                   ("--year", "2023", "--year", "2024")],
                         ids=["by-year", "by-level", "by-province-derived", "years-kept"])
def test_summary_identical_with_a_note(stores, tmp_path, extra):
    words, bare, mixed = stores
    want = _paths_as(_outputs(words, tmp_path / "w", extra), tmp_path / "w")
    assert b"<td>" in want["html"] and len(want["csv/vocabulary.csv"].splitlines()) > 10
    outputs = {}
    for name, db in (("bare", bare), ("mixed", mixed)):
        got = outputs[name] = _paths_as(_outputs(db, tmp_path / name, extra), tmp_path / name)
        assert got.keys() == want.keys()
        for key in want:
            if key.startswith("csv/"):  # (the CSV files hold no notes)
                assert got[key] == want[key], (name, key)
                continue
            assert _without_note(want[key]) == (want[key], []), key
            plain, notes = _without_note(got[key])
            assert plain == want[key], (name, key)
            assert len(notes) == 1, (name, key, notes)
    md = _without_note(outputs["mixed"]["markdown"])[1][0]  # (the note names no path)
    read = int(md.split(" reports it read")[0].rsplit(" ", 1)[1])
    segmented = int(md.removeprefix(NOTE).split(" ")[0])
    assert 0 < segmented < read  # the mixed store: only the reports added --no-words
    with_words = {p for p, (w,) in _by_path(mixed, "words").items() if w is not None}
    assert 0 < len(with_words) < 43


def test_no_words_in_tag_help(capsys):
    with pytest.raises(SystemExit):
        main(["tag", "--help"])
    assert "--no-words" in capsys.readouterr().out
