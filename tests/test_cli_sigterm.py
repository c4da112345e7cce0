"""SIGTERM to a running ``nlp-reports tag`` (``kill PID``, a scheduler's time limit, ``systemctl
stop``, ``kill -- -PGID`` to the whole process group) ends it as Ctrl-C does.

Why it matters: Ctrl-C stops ``tag`` with every report stored whole, the workers ended and a
line saying how many reports the store holds and how to go on (exit 130). A SIGTERM killed the
process where it stood: no line at all, a death by signal (-15), and the researcher whose
cluster job hit its time limit could not tell from the log whether the hour's work was kept.
What must hold now: the same line, saying SIGTERM, in English and Chinese; exit 143 (128 + 15);
the store whole (each report with its file row); no worker left running.

Each case runs in a Python of its own, in a session of its own (a signal to its process group
cannot reach pytest); the SIGTERM is sent from the loader once 91 of 120 files are read.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from nlp_reports import cli
from nlp_reports.corpus import Store, pool

_SCRIPT = textwrap.dedent("""
    import json, os, signal, sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from _corpus_helpers import FakeTagger, children, alive, json_loader, make_report
    from _corpus_helpers import write_json_reports
    import nlp_reports.corpus
    from nlp_reports import cli
    from nlp_reports.corpus import batch

    TMP, JOBS, TARGET = Path({tmp!r}), {jobs!r}, {target!r}
    PARENT = os.getpid()

    def loader(path):
        # the 91st file (of 120) read, in whichever process reads it, sends one SIGTERM
        if path.endswith("r090.txt"):
            try:
                os.close(os.open(TMP / "sent", os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                pass
            else:
                if TARGET == "group":
                    os.killpg(os.getpgid(PARENT), signal.SIGTERM)
                else:
                    os.kill(PARENT, signal.SIGTERM)
                time.sleep(0.5)  # (the worker, given the default back, is ended meanwhile)
        return json_loader(path)

    def tag_paths(*args, **kwargs):
        kwargs.update(model=FakeTagger(), loader=loader, chunk_size=4)
        return batch.tag_paths(*args, **kwargs)

    nlp_reports.corpus.tag_paths = tag_paths
    offices = ("信访局", "城管执法局", "河湖长制办公室", "桥头镇", "西街街道", "档案馆")
    reports = {{
        f"r{{i:03d}}": make_report(f"临川区{{offices[i % 6]}}", 2020 + i % 4,
                                   [f"政府网站第{{i}}个栏目长期未更新。"],
                                   [f"{{i % 12 + 1}}月前完成栏目清理。"])
        for i in range(120)}}
    write_json_reports(TMP / "in", reports)
    code = cli.main(["tag", str(TMP / "in"), "--db", str(TMP / "c.db"), "--jobs", str(JOBS)])
    time.sleep(0.3)  # (a worker ended is gone within milliseconds)
    print(json.dumps({{"code": code, "alive": [p for p in children(PARENT) if alive(p)]}}),
          flush=True)
""")


def _run(tmp_path: Path, jobs: int, target: str) -> tuple[subprocess.CompletedProcess, dict]:
    script = _SCRIPT.format(tests=str(Path(__file__).parent), tmp=str(tmp_path), jobs=jobs,
                            target=target)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, start_new_session=True)
    assert done.returncode == 0, (
        f"the SIGTERM killed the run (exit {done.returncode}) instead of ending it: "
        + done.stderr[-1500:])
    return done, json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("jobs", "target"), [(1, "process"), (2, "process"), (2, "group")])
def test_sigterm_ends_tag_as_ctrl_c_does(tmp_path, jobs, target):
    if jobs > 1 and not pool._fork_available():
        pytest.skip("--jobs forks its workers on Linux only")
    done, out = _run(tmp_path, jobs, target)
    assert out["code"] == 143
    assert out["alive"] == []
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("interrupted by SIGTERM: ") and "each whole" in last
    assert "已中断（收到终止信号 SIGTERM）" in last and "原样再运行一次本命令即可继续" in last
    assert "Traceback" not in done.stderr
    with Store(tmp_path / "c.db", readonly=True) as store:
        stored, files = store.count("reports"), store.count("files")
    assert f": {stored} report" in last
    assert stored < 120 and files == stored


def test_ctrl_c_still_says_interrupted_and_exits_130(monkeypatch, capsys):
    def ctrl_c(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_cmd_tag", ctrl_c)
    assert cli.main(["tag", "年报2023", "--db", "年报.sqlite"]) == 130
    assert capsys.readouterr().err.strip().splitlines()[-1] == "interrupted / 已中断"


def test_main_gives_the_default_back_and_keeps_a_callers_handler(monkeypatch, capsys):
    seen = []

    def during(args):
        seen.append(signal.getsignal(signal.SIGTERM))
        return cli.EXIT_OK

    monkeypatch.setattr(cli, "_cmd_tag", during)
    before = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        cli.main(["tag", "年报2023", "--db", "年报.sqlite"])
        assert seen[-1] is cli._on_sigterm  # a SIGTERM during the command ends it cleanly
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL

        def own(signum, frame):  # a script's own handler, around main()
            pass

        signal.signal(signal.SIGTERM, own)
        cli.main(["tag", "年报2023", "--db", "年报.sqlite"])
        assert seen[-1] is own and signal.getsignal(signal.SIGTERM) is own
    finally:
        signal.signal(signal.SIGTERM, before)


def test_a_sigterm_before_the_command_runs_exits_143(monkeypatch, capsys):
    real = cli.build_parser

    def build(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "build_parser", build)
    assert cli.main(["tag", "年报2023", "--db", "年报.sqlite"]) == 143
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "interrupted by SIGTERM / 已中断（收到终止信号 SIGTERM）"
