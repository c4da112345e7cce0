"""A Ctrl-C while the command line is still being read (the options, before the command runs).

Why it matters: ``_run`` says "interrupted / 已中断" and exits 130 for a Ctrl-C during a
command, but one landing while ``main`` built the option parser (~0.05 s after start, 3
Ctrl-C in 100 at a random moment of ``tag``) ended in a Python traceback and a death by
SIGINT. Nothing is written then; what must hold is the same line and exit code.
"""

from __future__ import annotations

import pytest

from nlp_reports import cli


def _interrupted(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("where", ["build_parser", "_cmd_tag"])
def test_ctrl_c_before_or_during_the_command_says_interrupted(monkeypatch, capsys, where):
    monkeypatch.setattr(cli, where, _interrupted)
    try:
        code = cli.main(["tag", "县政府信息公开年报", "--db", "年报.sqlite"])
    except KeyboardInterrupt:
        pytest.fail("the Ctrl-C escaped main: a traceback and no line")
    assert code == 130
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "interrupted / 已中断"
    assert "Traceback" not in err


# A Ctrl-C while Python still imports the command (~0.05 s of the ~0.15 s of a start): the
# generated ``nlp-reports`` script's ``from nlp_reports.cli import main`` is under no try, and
# 46 Ctrl-C in 60 at a random moment of the first 0.15 s of ``nlp-reports --help`` ended in a
# traceback. The Ctrl-C is raised here by an import finder a ``sitecustomize`` puts first.
_SITECUSTOMIZE = '''
import sys

class _CtrlC:
    """Raise KeyboardInterrupt, once, when {module!r} is looked for."""
    done = False

    def find_spec(self, name, path=None, target=None):
        if name == {module!r} and not _CtrlC.done:
            _CtrlC.done = True
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, _CtrlC())
'''


@pytest.mark.parametrize("module", ["logging", "nlp_reports._version", "nlp_reports.cli",
                                    "argparse"])
@pytest.mark.parametrize("how", ["command", "-m"])
def test_ctrl_c_while_the_command_is_imported_says_interrupted(tmp_path, module, how):
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).parent / "nlp-reports"
    if how == "command" and not script.exists():
        found = shutil.which("nlp-reports")
        if not found:
            pytest.skip("the nlp-reports command is not installed")
        script = Path(found)
    (tmp_path / "sitecustomize.py").write_text(_SITECUSTOMIZE.format(module=module),
                                               encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    argv = ([sys.executable, str(script)] if how == "command"
            else [sys.executable, "-m", "nlp_reports"])
    done = subprocess.run([*argv, "--help"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert "Traceback" not in done.stderr, done.stderr[-1500:]
    assert done.returncode == 130
    assert done.stderr.strip().splitlines()[-1] == "interrupted / 已中断"


def test_a_program_importing_the_package_keeps_its_own_excepthook():
    import subprocess
    import sys

    code = ("import sys; hook = sys.excepthook; import nlp_reports, nlp_reports.cli; "
            "print(sys.excepthook is hook)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "True", done.stderr[-800:]


def test_a_program_named_like_the_command_keeps_its_hook(tmp_path):
    import subprocess
    import sys

    # a researcher's own script whose name starts as the command's does is not the command:
    # its Ctrl-C keeps Python's traceback and its atexit cleanup runs
    script = tmp_path / "nlp-reports-tally.py"
    script.write_text("import atexit, sys\nimport nlp_reports\n"
                      "atexit.register(lambda: print('tally saved', flush=True))\n"
                      "print(sys.excepthook is sys.__excepthook__, flush=True)\n"
                      "raise KeyboardInterrupt\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.split() == ["True", "tally", "saved"], done.stderr[-800:]
    assert "KeyboardInterrupt" in done.stderr and "已中断" not in done.stderr
