"""The teacher's store, read by a class that cannot write its folder.

A store is SQLite in WAL mode: its readers need a ``-shm`` file beside it. A student who
can read the store but not write its folder got "not an nlp_reports store (it has no meta
table)" from ``summarize``, ``audit`` and ``export`` — SQLite's "attempt to write a readonly
database" read as a foreign file. A closed store (no pending ``-wal``) is now read as it is.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger
from test_cli_terminals import REPORT

from nlp_reports.corpus import tag_paths

ROOT = Path(__file__).resolve().parents[1]


def _report(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")


def _as_other_user() -> list[str] | None:
    """How to run a command as a user who cannot write the store's folder: as is when
    not root; through setpriv as nobody when root (root writes anywhere)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


def test_a_store_in_a_folder_the_student_cannot_write_is_read(tmp_path):
    prefix = _as_other_user()
    if prefix is None:
        pytest.skip("root without setpriv: cannot take away write access")
    share = Path(tempfile.mkdtemp(prefix="nlp24-share-"))  # tmp_path: not nobody's to enter
    try:
        _report(tmp_path / "reports")
        db = share / "class.sqlite"
        tag_paths([tmp_path / "reports"], db, model=FakeTagger())
        assert {p.name for p in share.iterdir()} == {"class.sqlite"}  # closed: no -wal
        assert db.read_bytes()[18:20] == b"\x02\x02"  # the header's WAL mode, read unopened
        os.chmod(db, 0o644)
        os.chmod(share, 0o555)
        out = share / "out"
        if prefix:  # nobody writes its outputs to a folder of its own
            out = Path(tempfile.mkdtemp(prefix="nlp24-out-"))
            os.chmod(out, 0o777)
        else:
            out = tmp_path
        os.chmod(share.parent, os.stat(share.parent).st_mode | stat.S_IXOTH)
        cmd = [*prefix, sys.executable, "-m", "nlp_reports", "audit", "--db", str(db),
               "--csv", str(out / "a.csv")]
        env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "LANG": "C",
               "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(out)}
        if prefix:  # a private checkout (a 0700 clone, CI's temporary folder): nobody
            # cannot read the project or its virtualenv, whatever the store's folder allows
            probe = subprocess.run([*prefix, sys.executable, "-c", "import nlp_reports, pandas"],
                                   env=env, capture_output=True, timeout=120, cwd=out)
            if probe.returncode:
                pytest.skip("the project or its interpreter is not readable by nobody: "
                            + probe.stderr.decode(errors="replace").strip().splitlines()[-1])
        done = subprocess.run(cmd, env=env, capture_output=True, timeout=300, cwd=out)
        assert done.returncode == 0, done.stderr.decode()
        assert "𠮷溪镇人民政府" in (out / "a.csv").read_text(encoding="utf-8-sig")
        assert not (share / "class.sqlite-shm").exists()
    finally:
        os.chmod(share, 0o755)
        shutil.rmtree(share, ignore_errors=True)
