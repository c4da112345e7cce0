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
