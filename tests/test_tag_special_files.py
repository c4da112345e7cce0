"""Named pipes (FIFOs), sockets and devices given to ``tag``: never opened, never a hang.

Why it matters: opening a FIFO for reading waits until some process writes to it. A folder
walked holding a FIFO named ``年报.html``, ``说明.md``, ``导出.json`` or ``导出.csv`` hung
``nlp-reports tag`` for ever before it printed a line (the walk opened each to look at its
head: is it a page this package wrote, a converter's Markdown, a crawler's dump?). And a
FIFO named on the command line (``tag <(curl …)``, a mistyped ``/dev/…``) was recorded in
the store as a failed file that stayed there, the pipe being still there, for ``info`` and
every audit to count. What must hold: a top-level special file is a usage error, as a
missing path is (exit 2, English then Chinese, nothing read or written); one found in a
folder walked is never opened — named like a report it is recorded as ``unreadable``, else
counted with the other files not read — and the run goes on.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.files import SPECIAL_FILE
from nlp_reports.errors import MissingPathError, UsageError

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")


def _report(folder: Path) -> None:
    [p] = sorted(EXAMPLES.glob("溪山县人民政府2021*.txt"))
    shutil.copy(p, folder / p.name)


def _state(db: Path) -> tuple[str, list[tuple]]:
    with Store(db, readonly=True) as store:
        rows = [tuple(r) for r in store.connection.execute(
            "SELECT path, status, reason FROM files ORDER BY path")]
    return hashlib.sha256(db.read_bytes()).hexdigest(), rows


def test_a_fifo_named_on_the_command_line_is_a_usage_error(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    _report(folder)
    db = tmp_path / "c.db"
    assert tag_paths([folder], db, model=FakeTagger()).ok == 1
    before = _state(db)
    pipe = tmp_path / "2024年报.txt"
    os.mkfifo(pipe)
    with pytest.raises(MissingPathError) as raised:
        tag_paths([pipe], db, model=FakeTagger())
    assert isinstance(raised.value, UsageError)
    assert raised.value.missing == ((str(pipe), SPECIAL_FILE),)
    assert _state(db) == before  # nothing recorded

    assert main(["tag", str(pipe), "--db", str(db), "--quiet"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"error: {pipe}: not a file or folder but a named pipe (FIFO), socket "
                      "or device: no report can be read from it; nothing was read or "
                      "written: check the path")
    assert err[1].strip().startswith("不是文件或文件夹，而是命名管道（FIFO）、套接字或设备")
    assert _state(db) == before
    # a new store is not made either, and one path among several refuses the run
    assert main(["tag", str(folder), str(pipe), "--db", str(tmp_path / "new.db"), "-q"]) == 2
    assert "(1 of the 2 paths given)" in capsys.readouterr().err
    assert not (tmp_path / "new.db").exists()


def test_a_socket_and_a_missing_path_together_are_named_each(tmp_path):
    sock_path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(sock_path))
        with pytest.raises(MissingPathError) as raised:
            tag_paths([sock_path, tmp_path / "nope"], tmp_path / "c.db", model=FakeTagger())
    message = str(raised.value)
    assert message.startswith("2 of the 2 paths given are not there or no file or folder: ")
    assert f"{sock_path} ({SPECIAL_FILE})" in message
    assert "不存在或不是文件、文件夹" in raised.value.message_zh
    assert not (tmp_path / "c.db").exists()


#: pipes a folder may hold, as a crawl or a shell left them
PIPES = ("报告.txt", "年报.html", "附件.htm", "说明.md", "导出.json", "导出.jsonl", "导出.csv",
         "content_5102257")


def test_fifos_in_a_folder_walked_are_never_opened(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _report(folder)
    for name in PIPES:
        os.mkfifo(folder / name)
    # the walk in a child first: a hang there fails this test instead of stopping the suite
    code = ("import sys; from nlp_reports.corpus.files import expand_paths; "
            "f = expand_paths([sys.argv[1]]); "
            "print((len(f.files), sorted((p.path.rsplit('/', 1)[-1], p.reason) "
            "for p in f.failures), sorted(f.ignored.items())))")
    try:
        out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True,
                             text=True, timeout=120, check=True).stdout
    except subprocess.TimeoutExpired:
        pytest.fail("the folder walk hung on a FIFO")
    assert out.strip() == str((1, [("年报.html", "unreadable"), ("报告.txt", "unreadable"),
                                   ("附件.htm", "unreadable")],
                               [("", 1), (".csv", 1), (".json", 1), (".jsonl", 1),
                                (".md", 1)]))
    result = tag_paths([folder], tmp_path / "c.db", model=FakeTagger())
    assert (result.ok, result.failed) == (1, 3)
    assert {f.message for f in result.failures} == {
        "not a regular file (a FIFO, socket or device)"}
    assert dict(result.ignored) == {"": 1, ".csv": 1, ".json": 1, ".jsonl": 1, ".md": 1}
