"""tests/fixtures/broken/make_broken.py, run afresh, writes byte for byte the damaged files
checked in beside it, so they can be regenerated and reviewed from their recipe."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def test_make_broken_reproduces_the_checked_in_files(tmp_path):
    here = tmp_path / "tests" / "fixtures"
    (here / "broken").mkdir(parents=True)
    (here / "hostile17").mkdir()
    shutil.copy(FIXTURES / "broken" / "make_broken.py", here / "broken")
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    subprocess.run([sys.executable, str(here / "broken" / "make_broken.py")], check=True)
    made = sorted(p.relative_to(here) for p in here.rglob("*") if p.is_file())
    assert len(made) > 20
    differ = [str(p) for p in made if (here / p).read_bytes() != (FIXTURES / p).read_bytes()]
    assert differ == []
