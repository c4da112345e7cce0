"""The shipped model travels inside the wheel: Tagger.load() works from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_model_and_data(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                           str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("nlp_reports-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("nlp_reports/models/default/model.joblib",
                   "nlp_reports/models/default/meta.json",
                   "nlp_reports/data/userdict.txt", "nlp_reports/data/lexicon.json",
                   "nlp_reports/data/places.tsv"):
        assert needed in names, needed
    # A pure-Python wheel unpacked on the path is an installed package: load the model from
    # there, far from the checkout, and check that it is the copy inside the package.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from nlp_reports import Tagger; t = Tagger.load(); "
        "p = t.predict(['乡镇工作人员身兼数职，人员变动频繁'])[0]; "
        "print(t.path if hasattr(t, 'path') else '', p.kind, ' '.join(p.themes))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert str(site) in out.stdout
    assert "problem" in out.stdout and "staffing" in out.stdout
