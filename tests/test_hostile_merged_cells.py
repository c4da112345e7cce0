"""Hostile inputs (issue 5) to merged cells of HTML
and Word tables (ingest.html, ingest.docx), Word's automatic numbering (ingest.docx), JSON
label files (classify.dataset, classify.suggest --exclude). Each blew up memory or time, or
raised a traceback, before its fix: a reader must give bounded text or raise its own error.

Inputs are short fictional texts written for these tests (minimized findings).
"""

from __future__ import annotations

import contextlib
import io
import time
import zipfile
from pathlib import Path

import pytest

from nlp_reports.errors import DataError
from nlp_reports.ingest.html import html_to_text

_TITLE = "某县人民政府2023年政府信息公开工作年度报告"


def _cpu(f, *args):
    t = time.process_time()
    out = f(*args)
    return out, time.process_time() - t


def _page(body: str) -> str:
    return f"<html><body><h1>{_TITLE}</h1><p>一、总体情况</p>{body}</body></html>"


# --- HTML rowspan / colspan ---------------------------------------------------------------


def test_a_long_cell_spread_over_a_large_span_is_kept_once():
    # 1000×50 places of one 10 KB cell: 0.5 GB of text and 2.9 GB of memory, 6.4 s
    cell = "a" * 10_000
    page = _page(f"<table><tr><td colspan=1000 rowspan=50>{cell}</td></tr>"
                 + "<tr></tr>" * 49 + "</table>")
    text, cpu = _cpu(html_to_text, page)
    assert text.count(cell) == 1
    assert len(text) < 2 * len(page) and cpu < 2


def test_many_small_tables_of_large_spans_copy_a_bounded_amount():
    # 400 tables of one cell over 1000×50 places: 40 MB of text from a 200 KB page (and
    # 500 MB at 5 MB); the page's copies are bounded in all, not only per table
    one = "<table><tr><td colspan=1000 rowspan=50>x</td></tr>" + "<tr></tr>" * 49 + "</table>"
    page = _page(one * 400)
    text, cpu = _cpu(html_to_text, page)
    assert len(text) <= 1_100_000 and cpu < 3


def test_ordinary_spans_are_still_expanded():
    # a row label over two rows repeats in both, a heading over two columns in both
    page = _page("<table><tr><th colspan=2>申请情况</th><th>数量</th></tr>"
                 "<tr><td rowspan=2>收到申请</td><td>自然人</td><td>12</td></tr>"
                 "<tr><td>法人</td><td>3</td></tr></table>")
    rows = [line.split("\t") for line in html_to_text(page).split("\n") if "\t" in line]
    assert rows == [["申请情况", "申请情况", "数量"], ["收到申请", "自然人", "12"],
                    ["收到申请", "法人", "3"]]


def test_a_long_rowspan_column_is_linear():
    body = ("<table><tr><td rowspan=100000>标签</td><td>1</td></tr>"
            + "<tr><td>2</td></tr>" * 20_000 + "</table>")
    text, cpu = _cpu(html_to_text, _page(body))
    assert text.count("标签\t2") == 20_000 and cpu < 3


# --- Word tables and numbering ----------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str, numbering: str | None = None) -> bytes:
    docx = pytest.importorskip("docx")
    blank = io.BytesIO()
    docx.Document().save(blank)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blank.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'
                        f"{body}</w:body></w:document>").encode()
            elif info.filename == "word/numbering.xml" and numbering is not None:
                data = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {_W}>'
                        f"{numbering}</w:numbering>").encode()
            dst.writestr(info, data)
    return out.getvalue()


def _p(text: str, num: int | None = None) -> str:
    ppr = (f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
           if num else "")
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _docx_text(data: bytes) -> str:
    from nlp_reports.ingest.docx import docx_to_text

    return docx_to_text(data)


def test_a_merge_continued_down_many_rows_adds_bounded_text():
    # a cell holding a nested table of 3,000 characters, spanning 64 columns, continued
    # (w:vMerge) down 1,000 rows: 192 MB of text from a 37 KB file (10,000 rows: ~2 GB)
    nested = ("<w:tbl><w:tr><w:tc>" + _p("a" * 3000) + "</w:tc><w:tc>" + _p("b")
              + "</w:tc></w:tr></w:tbl>")
    first = ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="64"/><w:vMerge w:val="restart"/>'
             f"</w:tcPr>{nested}{_p('')}</w:tc><w:tc>{_p('1')}</w:tc></w:tr>")
    more = ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="64"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
            "<w:tc><w:p/></w:tc></w:tr>")
    data = _docx(_p(_TITLE) + _p("一、总体情况") + "<w:tbl>" + first + more * 1000 + "</w:tbl>")
    text, cpu = _cpu(_docx_text, data)
    assert len(text) < 1_500_000 and cpu < 3


def test_ordinary_merges_still_repeat_their_label():
    first = ('<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + _p("收到申请")
             + "</w:tc><w:tc>" + _p("自然人") + "</w:tc><w:tc>" + _p("12") + "</w:tc></w:tr>")
    second = ('<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>' + _p("法人")
              + "</w:tc><w:tc>" + _p("3") + "</w:tc></w:tr>")
    head = ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + _p("申请情况")
            + "</w:tc><w:tc>" + _p("数量") + "</w:tc></w:tr>")
    text = _docx_text(_docx(_p(_TITLE) + "<w:tbl>" + head + first + second + "</w:tbl>"))
    rows = [line.split("\t") for line in text.split("\n") if "\t" in line]
    assert rows == [["申请情况", "申请情况", "数量"], ["收到申请", "自然人", "12"],
                    ["收到申请", "法人", "3"]]


def _numbered(fmt: str, start: int, n: int = 3) -> str:
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                 '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    return _docx_text(_docx(_p(_TITLE) + "".join(_p("公开内容不够全面。", 1)
                                                  for _ in range(n)), numbering))


@pytest.mark.parametrize("fmt", ["lowerLetter", "upperRoman"])
def test_a_huge_list_start_is_written_in_digits(fmt):
    # w:start 10**10 in letters: a 0.4 GB label (hung); 10**9 in Roman numerals: a million
    # "M"s added one at a time (minutes)
    start = 10**10 if fmt == "lowerLetter" else 10**9
    text, cpu = _cpu(_numbered, fmt, start)
    assert f"{start + 2}.公开内容不够全面。" in text and len(text) < 1000 and cpu < 2


@pytest.mark.parametrize(("fmt", "start", "labels"), [
    ("lowerLetter", 1, ["a.", "b.", "c."]), ("lowerLetter", 27, ["aa.", "bb.", "cc."]),
    ("upperRoman", 3, ["III.", "IV.", "V."]), ("lowerRoman", 3998, ["mmmcmxcviii.",
                                                                     "mmmcmxcix.", "mmmm."]),
])
def test_lists_in_letters_and_roman_numerals_keep_their_labels(fmt, start, labels):
    lines = [line for line in _numbered(fmt, start).split("\n") if line.endswith("面。")]
    assert [line.removesuffix("公开内容不够全面。") for line in lines] == labels


def test_twenty_thousand_numbered_paragraphs_are_linear():
    text, cpu = _cpu(_numbered, "chineseCounting", 1, 20_000)
    assert text.count("公开内容不够全面。") == 20_000 and cpu < 6


# --- JSON label files -----------------------------------------------------------------------


def test_a_deeply_nested_jsonl_line_is_a_data_error(tmp_path):
    from nlp_reports.classify.dataset import load_labeled

    f = tmp_path / "labels.jsonl"
    f.write_text('{"text": "公开不及时", "kind": "problem"}\n' + "[" * 100_000 + "\n",
                 encoding="utf-8")
    with pytest.raises(DataError, match=r"labels\.jsonl:2"):
        load_labeled(f)


def test_a_deeply_nested_themes_cell_is_a_data_error(tmp_path):
    from nlp_reports.classify.dataset import load_labeled

    f = tmp_path / "labels.csv"
    f.write_text(f'text,kind,themes\n公开不及时,problem,"{"[" * 100_000}"\n', encoding="utf-8")
    with pytest.raises(DataError, match="themes"):
        load_labeled(f)


@pytest.mark.parametrize("line", ["{bad", "[" * 100_000])
def test_a_broken_jsonl_to_exclude_is_a_data_error(tmp_path, line):
    from nlp_reports.classify.suggest import suggest

    corpus = tmp_path / "statements.txt"
    corpus.write_text("公开内容不够全面，更新不及时。\n", encoding="utf-8")
    done = tmp_path / "done.jsonl"
    done.write_text('{"text": "公开不及时"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"done\.jsonl:2"):
        suggest(corpus, n=5, exclude=[done])


# --- tag --jobs: a worker killed at a bad moment ---------------------------------------------

_DIES_SENDING = """
import os, struct, sys
sys.path.insert(0, {tests!r})
from _corpus_helpers import FakeTagger, json_loader
from nlp_reports.corpus import pool
from nlp_reports.corpus.batch import tag_paths

def dies_sending(path):
    # what a kill -9 does to a worker writing its result: a message cut short, the queue's
    # write lock still held
    if path.endswith("cut.txt"):
        f = sys._getframe()
        while f.f_code.co_name != "_process_worker":
            f = f.f_back
        queue = f.f_locals["result_queue"]
        queue._wlock.acquire()
        os.write(queue._writer.fileno(), struct.pack("!i", 100_000) + b"\\x80\\x05partial")
        os._exit(9)
    return json_loader(path)

import __main__
__main__.dies_sending = dies_sending
pool._DEAD_WORKER_GRACE = 0.5  # (3 s: a loaded machine's pool may be slow to notice)
r = tag_paths([{folder!r}], {db!r}, model=FakeTagger(), loader=dies_sending, jobs=2,
              chunk_size=2)
print(r.ok, sorted((os.path.basename(f.path), f.reason) for f in r.failures))
"""


def _json_corpus(folder, n):
    from _corpus_helpers import make_report, write_json_reports

    return write_json_reports(folder, {
        f"r{i:02d}": make_report(f"第{i}县人民政府", 2022, [f"第{i}项问题：人员不足。"],
                                 [f"加强第{i}类培训。"]) for i in range(n)})


def test_a_worker_killed_while_sending_its_result_fails_its_file_and_the_run_ends(tmp_path):
    # the executor waited for the rest of the message for ever: the run hung (1 in ~14
    # kill -9s of a worker of `tag --jobs 2` on 231 reports), and so did the exit
    import subprocess
    import sys

    from nlp_reports.corpus import pool

    if not pool._fork_available():
        pytest.skip("needs fork (Linux)")
    paths = _json_corpus(tmp_path / "in", 6)
    paths[3].rename(paths[3].with_name("cut.txt"))
    script = _DIES_SENDING.format(tests=str(Path(__file__).parent), folder=str(tmp_path / "in"),
                                  db=str(tmp_path / "s.db"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[0] == "5 [('cut.txt', 'worker_error')]"


def test_a_pool_broken_before_a_chunk_is_submitted_is_handled_as_one_in_flight(tmp_path):
    # workers killed while this process was busy elsewhere (tagging a head start's files,
    # writing): pool.submit raised BrokenProcessPool, a traceback out of tag_paths
    import multiprocessing as mp
    import os
    import signal

    from _corpus_helpers import FakeTagger, json_loader

    from nlp_reports.corpus import files, pool, worker

    if not pool._fork_available():
        pytest.skip("needs fork (Linux)")
    items = [(str(p), *files.file_digest(p)) for p in sorted(_json_corpus(tmp_path, 10))]
    chunks = [items[i:i + 2] for i in range(0, 10, 2)]

    def source():
        for i, chunk in enumerate(chunks):
            if i == 3:  # the first three chunks are in the pool: its workers die
                for child in mp.active_children():
                    os.kill(child.pid, signal.SIGKILL)
                time.sleep(1)
            yield chunk

    results = pool._run_forked_pools(source(), worker.TaggerSpec(instance=FakeTagger()),
                                      json_loader, 2, False, None)
    outcomes = [o for chunk in results for o in chunk]
    assert sorted((o[0], o[1]) for o in outcomes) == [("ok", path) for path, _, _ in items]


# --- the folder walk ------------------------------------------------------------------------


@contextlib.contextmanager
def _nested(folder: Path, leaf: str, text: str, depth: int = 1500):
    """``folder``/a/a/…/a/``leaf`` (``depth`` levels) holding ``text``, removed afterwards
    here (the recursive rmtree of pytest's clean-up fails on it as well)."""
    import os

    folder.mkdir(parents=True, exist_ok=True)
    fds = [os.open(folder, os.O_RDONLY)]
    try:
        for _ in range(depth):
            os.mkdir("a", dir_fd=fds[-1])
            fds.append(os.open("a", os.O_RDONLY, dir_fd=fds[-1]))
        fd = os.open(leaf, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fds[-1])
        os.write(fd, text.encode())
        os.close(fd)
        yield
    finally:
        for parent in reversed(fds[:-1]):
            child = fds.pop()
            for name in os.listdir(child):
                os.unlink(name, dir_fd=child)
            os.close(child)
            os.rmdir("a", dir_fd=parent)
        os.close(fds.pop())


@pytest.mark.parametrize("under", ["", "__MACOSX"])
def test_a_folder_nested_1500_deep_is_walked(tmp_path, under):
    # os.walk (Python 3.11) recursed once a level: RecursionError out of expand_paths (tag)
    from nlp_reports.corpus.files import expand_paths

    top = tmp_path / "in"
    (top / under).mkdir(parents=True, exist_ok=True)
    (top / "r.txt").write_text(_TITLE + "\n一、总体情况\n", encoding="utf-8")
    with _nested(top / under, "._r.txt" if under else "r.txt", _TITLE + "\n"):
        found = expand_paths([top])
        assert len(found.files) == (1 if under else 2) and not found.failures
        assert found.ignored == ({"macOS metadata": 1} if under else {})


def test_label_files_and_statements_nested_1500_deep_are_found(tmp_path):
    # Path.rglob (Python 3.11) recursed likewise: RecursionError out of suggest and of
    # load_labeled (train, evaluate)
    from nlp_reports.classify.dataset import load_labeled
    from nlp_reports.classify.suggest import iter_statements

    with _nested(tmp_path / "s", "s.txt", "公开内容不够全面，更新不及时。\n"):
        assert [t for t, _ in iter_statements(tmp_path / "s")] == ["公开内容不够全面，更新不及时。"]
    with _nested(tmp_path / "l", "l.jsonl", '{"text": "公开不及时", "kind": "problem"}\n'):
        assert [r.text for r in load_labeled(tmp_path / "l")] == ["公开不及时"]


# --- a statement's line breaks (parse.load._clean, sections._LINE_BREAKS) ---------------------

_REPORT = ("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常开展。\n"
           "二、主动公开政府信息情况\n无。\n三、收到和处理政府信息公开申请情况\n无。\n"
           "四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n{five}\n"
           "六、其他需要报告的事项\n无。\n某县人民政府\n2024年1月15日\n")


def test_a_statement_holding_a_long_run_of_tabs_before_a_line_break_is_cleaned_in_linear_time():
    # (fuzzer, seed 3: an HTML table's empty cells in a statement) [ \t\u3000\r]*\n was
    # tried at each TAB and ran to the end of the run: 40,000 TABs 2 s, 80,000 7 s
    from nlp_reports import load_report

    five = "（一）公开不及时" + "\t" * 200_000 + "更新慢\n加强。\n（二）审核不严。"
    report, cpu = _cpu(load_report, _REPORT.format(five=five))
    assert cpu < 2 and any(s.text.startswith("公开不及时") for s in report.statements)


def _unbroken(s: str) -> str:
    """What _LINE_BREAKS.sub("", s) must give: every line break gone with the blanks that
    touch it."""
    blanks = " \t\u3000\r"
    parts = s.split("\n")
    if len(parts) == 1:
        return s
    return (parts[0].rstrip(blanks) + "".join(p.strip(blanks) for p in parts[1:-1])
            + parts[-1].lstrip(blanks))


def test_line_breaks_are_removed_with_their_blanks_as_before():
    import random

    from nlp_reports.parse.sections import _LINE_BREAKS

    rng = random.Random(11)
    for _ in range(20_000):
        s = "".join(rng.choice(" \t\u3000\r\na中。") for _ in range(rng.randint(0, 24)))
        assert _LINE_BREAKS.sub("", s) == _unbroken(s), repr(s)
