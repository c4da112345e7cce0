"""Training is reproducible across processes: the same data and seed give the same model file
(byte for byte, so the same model id) in two separate runs, not only twice in one process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LABELED = sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))

_TRAIN = """
import sys, warnings
from nlp_reports.classify import train
warnings.simplefilter("ignore")
print(train(sys.argv[1], out=sys.argv[2], tokenizer="jieba", params={"cv": 3}).card["model_sha256"])
"""


@pytest.mark.slow
def test_two_processes_train_the_same_model_file(tmp_path):
    if not LABELED:
        pytest.skip("labeled corpus not present")
    rows = [json.loads(line) for line in LABELED[0].read_text("utf-8").splitlines()
            if line.strip()][::4]
    data = tmp_path / "small.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    ids = []
    for run in ("one", "two"):
        proc = subprocess.run([sys.executable, "-c", _TRAIN, str(data), str(tmp_path / run)],
                              capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0, proc.stderr[-2000:]
        ids.append(proc.stdout.split()[-1])
    assert ids[0] == ids[1]
    assert (tmp_path / "one" / "model.joblib").read_bytes() == \
        (tmp_path / "two" / "model.joblib").read_bytes()
