"""CLI arguments that make no sense are refused with a message, not run silently."""

from __future__ import annotations

import pytest

from nlp_reports.cli import main


@pytest.mark.parametrize("argv, message", [
    (["tag", "x", "--db", "y.sqlite", "-j", "0"], "-1 for one per CPU"),
    (["tag", "x", "--db", "y.sqlite", "--jobs", "-3"], "-1 for one per CPU"),
    (["tag", "x", "--db", "y.sqlite", "--timeout", "-1"], "seconds ≥ 0"),
    (["tag", "x", "--db", "y.sqlite", "--timeout", "nan"], "seconds ≥ 0"),
])
def test_nonsense_numbers_are_usage_errors(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "y.sqlite").exists()  # nothing was run


def test_jobs_minus_one_and_timeout_zero_are_accepted(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    code = main(["tag", str(tmp_path / "in"), "--db", str(tmp_path / "c.sqlite"), "-j", "-1",
                 "--timeout", "0", "-q"])
    assert code == 1  # an empty folder: a failure of its own, but the arguments were fine
    assert "no report files found" in capsys.readouterr().err


def test_summarize_quiet_with_nothing_to_write_says_so(tmp_path, capsys):
    code = main(["summarize", "--db", str(tmp_path / "none.sqlite"), "-q"])
    assert code == 2
    err = capsys.readouterr().err
    assert "prints nothing" in err and "--csv" in err and "--html" in err


def test_a_folder_given_as_the_store_is_named_as_such(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    for argv in (["summarize", "--db", str(tmp_path / "out")],
                 ["tag", str(tmp_path), "--db", str(tmp_path / "out"), "-q"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "is a folder" in err and str(tmp_path / "out" / "corpus.sqlite") in err


def test_unreadable_file_messages_say_what_to_do_without_errno_or_path():
    import errno

    from nlp_reports.corpus.files import _unreadable

    denied = _unreadable(PermissionError(errno.EACCES, "Permission denied", "/x/无权限.txt"))
    assert denied == ("cannot read the file: permission denied; you may not read it: check "
                      "its permissions, or copy it to a folder of your own")
    assert "Errno" not in _unreadable(OSError(errno.EIO, "Input/output error", "/x/a.txt"))
    assert "/x/a.txt" not in _unreadable(OSError(errno.EIO, "Input/output error", "/x/a.txt"))
