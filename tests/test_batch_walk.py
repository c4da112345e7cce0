"""What a folder walk meets: a file name with a line break, Office lock files
and a Mac's metadata in a folder, and a Ctrl-C that only the batch's own process receives
(a notebook's "interrupt kernel")."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from _corpus_helpers import children

from nlp_reports.corpus.batch import tag_paths
from nlp_reports.corpus.files import MAC_METADATA, OFFICE_LOCK, expand_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
REPORT = EXAMPLES / "云岭市东城区人民政府2021年政府信息公开工作年度报告.txt"


def test_a_file_name_with_a_line_break_is_read_as_a_file_not_as_report_text(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    shutil.copy(REPORT, folder / "2021年报\n东城区.txt")  # a page title that wrapped
    result = tag_paths(folder, tmp_path / "s.sqlite")
    assert (result.ok, result.failed) == (1, 0), result.failures


def test_office_lock_files_and_mac_metadata_are_counted_not_failed(tmp_path):
    folder = tmp_path / "reports"
    (folder / "__MACOSX" / "sub").mkdir(parents=True)
    shutil.copy(REPORT, folder / "年报.txt")
    (folder / "~$年报.docx").write_bytes(b"\x0bWPS user\x00" * 16)  # Word's owner file
    (folder / ".~lock.年报.docx#").write_text(",user,host,27.11.2026 10:00,file://\n")
    (folder / "._年报.pdf").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    (folder / "__MACOSX" / "._年报.txt").write_bytes(b"\x00\x05\x16\x07")
    (folder / "__MACOSX" / "sub" / "._x.pdf").write_bytes(b"\x00\x05\x16\x07")

    found = expand_paths([folder])
    assert found.files == [folder / "年报.txt"]
    assert found.ignored == {OFFICE_LOCK: 2, MAC_METADATA: 3}
    result = tag_paths(folder, tmp_path / "s.sqlite")
    assert (result.ok, result.failed) == (1, 0), result.failures
    line = result.summary_line()
    assert "office lock file 2" in line and "macOS metadata 3" in line
    # named on purpose, such a file is still read (and fails as the broken file it is)
    assert tag_paths(folder / "~$年报.docx", tmp_path / "s2.sqlite").failed == 1


_INTERRUPTED = textwrap.dedent("""
    import sys, time
    from nlp_reports.corpus.batch import tag_paths

    def slow(path):  # a file whose parse takes a minute (a 300-page PDF)
        time.sleep(60)
        raise ValueError("never reached")

    if __name__ == "__main__":
        try:
            tag_paths(sys.argv[1], sys.argv[2], jobs=2, loader=slow, timeout=None)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            sys.exit(130)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers, /proc")
def test_sigint_to_the_batch_process_alone_ends_its_workers_at_once(tmp_path):
    folder = tmp_path / "slow"
    folder.mkdir()
    for i in range(6):
        shutil.copy(REPORT, folder / f"r{i}.txt")
    script = tmp_path / "run.py"
    script.write_text(_INTERRUPTED, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen([sys.executable, str(script), str(folder), str(tmp_path / "s.sqlite")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while len(children(proc.pid)) < 2 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.1)
        workers = children(proc.pid)
        assert len(workers) >= 2, "the workers never started"
        time.sleep(1.0)  # they are inside the minute-long parse now
        sent = time.monotonic()
        os.kill(proc.pid, signal.SIGINT)  # the process alone, as a notebook's interrupt does
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130 and "interrupted" in out, (out, err)
    assert took < 15, f"waited {took:.0f} s for the chunks in flight"
    assert "Traceback" not in err, err  # no worker printed its KeyboardInterrupt
    time.sleep(0.5)
    assert not [w for w in workers if Path("/proc", str(w)).exists()
                and "zombie" not in Path("/proc", str(w), "status").read_text()]


def test_failures_are_listed_by_path_whatever_order_they_came_in(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORT, folder / "m_report.txt")
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_binary.pdf").write_bytes(b"\x00\x01 not a pdf")
    # a file the walk finds unreadable fails first (an argument that is not there stops the
    # run now: test_tag_missing_paths), named last
    os.symlink(tmp_path / "moved_away.txt", folder / "zz_missing.txt")
    result = tag_paths([folder], tmp_path / "s.sqlite", jobs=2)
    paths = [f.path for f in result.failures]
    assert len(paths) == 3 and paths == sorted(paths)
