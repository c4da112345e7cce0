"""``nlp-reports evaluate`` says each thing once (a new user met its warning twice).

On a few labels scored by the shipped model the "figures mean little" warnings stood twice on
the screen — WARNING log lines on stderr, then the block under the figures on stdout — and
"loaded model default" was logged twice: the shipped model was loaded again to be set beside
itself, then dropped as the same model.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
needs_shipped = pytest.mark.skipif(not (ROOT / "models" / "default" / "model.joblib").is_file(),
                                   reason="no shipped model in models/default")

#: A county office's own first labels: a dozen statements, far under the 200 the figures need.
LABELS = [
    ("镇级政务公开工作由党政办一名干部兼任，人员力量薄弱。", "problem", ["staffing"]),
    ("部分村（社区）公开栏内容陈旧，更新不及时。", "problem", ["timeliness"]),
    ("对政府信息公开条例的学习培训不够深入，业务水平有待提高。", "problem", ["training"]),
    ("政策解读形式单一，多为文字转载，群众看不懂、不愿看。", "problem", ["interpretation"]),
    ("依申请公开答复格式不统一，个别告知书未写明救济渠道。", "problem", ["application"]),
    ("门户网站个别栏目长期空白，信息发布平台建设滞后。", "problem", ["platform"]),
    ("下一步，将明确一名专职人员负责信息公开，做到专人专岗。", "measure", ["staffing"]),
    ("每半年组织一次政务公开业务培训，邀请县政务公开办授课。", "measure", ["training"]),
    ("建立栏目巡查制度，每月检查一次，确保信息发布及时准确。", "measure", ["timeliness"]),
    ("推行图解、短视频等解读方式，提高政策解读的可读性。", "measure", ["interpretation"]),
    ("规范依申请公开办理流程，统一答复文书格式。", "measure", ["application"]),
    ("本机关2023年度未发生因政府信息公开引起的行政复议和行政诉讼。", "other", []),
]


@pytest.fixture(scope="module")
def labels(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("eval27") / "镇标注.jsonl"
    path.write_text("".join(json.dumps({"text": t, "kind": k, "themes": th}, ensure_ascii=False)
                            + "\n" for t, k, th in LABELS), "utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlp_reports", "evaluate", *args],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


@needs_shipped
def test_evaluate_warns_once_and_loads_the_model_once(labels):
    run = _run(str(labels))
    assert run.returncode == 0, run.stderr
    screen = run.stdout + run.stderr
    scarce = f"the figures rest on only {len(LABELS)} statements"
    assert screen.count(scarce) == 1, screen
    # said under the figures, where a saved output keeps it
    assert "these figures mean little" in run.stdout and scarce in run.stdout
    assert run.stderr.count("loaded model default") == 1, run.stderr
    assert "evaluating on 12 statements" in run.stderr  # the progress lines stay


@needs_shipped
def test_evaluate_json_warns_on_stderr_once(labels):
    run = _run(str(labels), "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    scarce = f"the figures rest on only {len(LABELS)} statements"
    assert any(w.startswith(scarce) for w in result["warnings"])
    # the JSON is for a program: a person reading the screen sees the warning on stderr
    assert run.stderr.count(scarce) == 1, run.stderr
    assert run.stderr.count("loaded model default") == 1, run.stderr
