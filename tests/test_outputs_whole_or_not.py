"""An output that cannot be written to the end (a full disk, a quota) leaves the name asked
for as it was — the previous output, or nothing — and the error names the file. Before, a
full disk left a page or a CSV cut in mid-row under that name (it opens; it looks like the
result) and the message said "No space left on device" and nothing else.

The disk is made to run out of room for real: the writing runs in a child process whose
file-size limit (RLIMIT_FSIZE) is below the output's size, so each write past it fails as
it would on a full disk (EFBIG instead of ENOSPC), without root or a small file system.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store

resource = pytest.importorskip("resource")

_CHILD = textwrap.dedent("""
    import json, resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
    db, out, what = sys.argv[1:]
    import pandas as pd
    from nlp_reports.corpus import audit, summarize
    from nlp_reports.corpus.export import write_dta
    if what == "summary_html":
        job = summarize(db).to_html
    elif what == "audit_html":
        job = audit(db).to_html
    elif what == "audit_csv":
        job = audit(db).to_csv
    else:
        frame = pd.DataFrame({"agency": ["某县水利局"] * 400, "note": ["依申请公开办理情况"] * 400})
        job = lambda p: write_dta(frame, p)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
    try:
        job(out)
    except OSError as exc:
        print(json.dumps({"errno": exc.errno, "filename": exc.filename}))
        sys.exit(3)
""")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("whole") / "c.sqlite"
    reports = {
        f"r{i}.txt": make_report(agency, year, ["网站栏目更新不及时，部分信息发布滞后。"],
                                 ["明确专人负责栏目日常维护，建立更新台账。"])
        for i, (agency, year) in enumerate([("临川县人民政府", 2022), ("临川县人民政府", 2023),
                                            ("白沙镇人民政府", 2023), ("市自然资源局", 2021)])}
    tagger = FakeTagger()
    with Store(path) as s:
        for name, r in reports.items():
            s.write_report(name, r, tagger.tag_many([r])[0], model_id="m")
    return path


@pytest.mark.parametrize("what, name", [("summary_html", "汇总.html"), ("audit_html", "审查.html"),
                                        ("audit_csv", "audit.csv"), ("dta", "panel.dta")])
def test_a_write_that_runs_out_of_room_keeps_the_old_output_and_names_the_file(
        db, tmp_path, what, name):
    out = tmp_path / name
    old = "the output of an earlier run\n"
    out.write_text(old, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _CHILD, str(db), str(out), what],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr[-2000:]
    said = json.loads(done.stdout.strip().splitlines()[-1])
    assert said["filename"] == str(out)
    assert out.read_text(encoding="utf-8") == old  # not a truncated page or CSV
    assert sorted(os.listdir(tmp_path)) == [name]  # no temporary file left beside it


def test_a_write_that_succeeds_replaces_the_old_output(db, tmp_path):
    from nlp_reports.corpus import audit

    out = tmp_path / "audit.csv"
    out.write_text("old\n", encoding="utf-8")
    audit(db).to_csv(out)
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("path") or "agency" in text.splitlines()[0]
    assert "白沙镇人民政府" in text
    assert sorted(os.listdir(tmp_path)) == ["audit.csv"]


def test_a_symbolic_link_is_written_through_not_replaced(db, tmp_path):
    """``--csv /dev/stdout`` with stdout sent to a file is such a link: renaming over it
    would replace the link (in /dev) instead of writing the file it points to."""
    from nlp_reports.corpus import audit

    target = tmp_path / "shared" / "audit.csv"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    audit(db).to_csv(link)
    assert link.is_symlink()
    assert "临川县人民政府" in target.read_text(encoding="utf-8-sig")


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_output_written_over_keeps_its_mode(tmp_path):
    from nlp_reports.corpus.html_report import write_page

    out = tmp_path / "答复统计.html"
    out.write_text("<p>上一次的结果</p>", encoding="utf-8")
    out.chmod(0o600)  # kept private by its owner
    write_page(out, "<p>本次结果</p>")
    assert out.read_text(encoding="utf-8") == "<p>本次结果</p>"
    assert oct(out.stat().st_mode & 0o777) == "0o600"  # 0o644 (the umask's) before
    fresh = tmp_path / "新表.html"
    write_page(fresh, "<p>首次</p>")
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["新表.html", "答复统计.html"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_an_output_of_a_long_chinese_name_is_written(db, tmp_path):
    """A name of 82 Chinese characters (250 bytes, a long report title) is a legal file
    name; the hidden file beside it must be one too (13 bytes longer, it failed: ENAMETOOLONG)."""
    from nlp_reports.corpus import audit

    name = ("临川县人民政府办公室关于二〇二三年度政府信息公开工作年度报告审查意见汇总及整改落实情况"
            "的说明暨各乡镇人民政府和县直各部门政府信息公开工作年度报告发布情况通报附表及附件清单")[:82] + ".csv"
    assert 240 <= len(name.encode()) <= 255
    out = tmp_path / name
    out.write_text("old\n", encoding="utf-8")
    audit(db).to_csv(out)
    assert "白沙镇人民政府" in out.read_text(encoding="utf-8-sig")
    assert os.listdir(tmp_path) == [name]


@pytest.mark.skipif(os.name != "posix", reason="POSIX owners")
def test_a_hard_linked_copy_keeps_the_previous_output(tmp_path):
    """A snapshot made with hard links (``cp -al``, rsnapshot) is not rewritten by the next
    run: the output's name gets the new file, the other name keeps the old one."""
    from nlp_reports.corpus.html_report import write_page

    out = tmp_path / "年报.html"
    out.write_text("<p>三月的结果</p>", encoding="utf-8")
    (tmp_path / "snapshot").mkdir()
    os.link(out, tmp_path / "snapshot" / "年报.html")
    write_page(out, "<p>四月的结果</p>")
    assert out.read_text(encoding="utf-8") == "<p>四月的结果</p>"
    assert (tmp_path / "snapshot" / "年报.html").read_text(encoding="utf-8") == "<p>三月的结果</p>"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="only root gives a file away")
def test_an_output_written_over_by_root_keeps_its_owner(tmp_path):
    from nlp_reports.corpus.html_report import write_page

    out = tmp_path / "科室汇总.html"
    out.write_text("<p>旧</p>", encoding="utf-8")
    os.chown(out, 65534, 65534)  # a colleague's file, refreshed by an administrator's cron job
    write_page(out, "<p>新</p>")
    assert (out.stat().st_uid, out.stat().st_gid) == (65534, 65534)  # root's (0, 0) before


_SHARED_FOLDER_CHILD = textwrap.dedent("""
    import json, sys
    from nlp_reports.corpus.html_report import write_page
    said = {}
    for name in sys.argv[1:]:
        try:
            write_page(name, "<p>本周更新</p>")
            said[name] = "written"
        except OSError as exc:
            said[name] = [type(exc).__name__, exc.filename]
    print(json.dumps(said, ensure_ascii=False))
""")


def _as_other_user() -> list[str] | None:
    """How to run a command as a user who cannot write a folder: as is when not root;
    through setpriv as nobody when root (root writes anywhere)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


def _readable_by_other_user(prefix: list[str]) -> None:
    """Skip when the other user cannot import the package: a private checkout (a 0700 clone,
    CI's temporary folder) or virtualenv is not nobody's to read, whatever the share allows."""
    if not prefix:
        return
    probe = subprocess.run([*prefix, sys.executable, "-c", "import nlp_reports"],
                           capture_output=True, text=True, timeout=120, cwd="/")
    if probe.returncode:
        pytest.skip("the project or its interpreter is not readable by nobody: "
                    + (probe.stderr.strip().splitlines() or ["?"])[-1])


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_file_one_may_write_in_a_folder_one_may_not_is_written_in_place():
    """A shared folder (0755, someone else's) holding a page one was given to keep up to date
    (0666): no hidden file can be made beside it, so the page is written in place, as before
    the outputs were written whole (it failed: PermissionError on the hidden file). A new
    file there still fails, naming the file asked for."""
    prefix = _as_other_user()
    if prefix is None:
        pytest.skip("root without setpriv: cannot take away write access")
    _readable_by_other_user(prefix)
    share = Path(tempfile.mkdtemp(prefix="nlp-share-"))  # tmp_path: not nobody's to enter
    try:
        page = share / "公开目录.html"
        page.write_text("<p>上周</p>", encoding="utf-8")
        page.chmod(0o666)
        share.chmod(0o555 if not prefix else 0o755)
        done = subprocess.run([*prefix, sys.executable, "-c", _SHARED_FOLDER_CHILD,
                               str(page), str(share / "新页面.html")],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        said = json.loads(done.stdout.strip().splitlines()[-1])
        assert said[str(page)] == "written"
        assert page.read_text(encoding="utf-8") == "<p>本周更新</p>"
        assert said[str(share / "新页面.html")] == ["PermissionError", str(share / "新页面.html")]
        assert os.listdir(share) == ["公开目录.html"]
    finally:
        share.chmod(0o755)
        shutil.rmtree(share, ignore_errors=True)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_colleagues_file_in_a_sticky_folder_is_written_in_place():
    """A folder everyone may write with the sticky bit (1777, as /tmp or a team's drop
    folder) holding a colleague's page one may write (0666): the hidden file is made, but
    only the page's owner may rename over it (EPERM), so the page is written in place, as
    before the outputs were written whole; it failed, the page not updated."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv: the page must be another user's")
    _readable_by_other_user(_as_other_user())
    share = Path(tempfile.mkdtemp(prefix="nlp-sticky-"))
    try:
        share.chmod(0o1777)
        page = share / "公开目录.html"
        page.write_text("<p>上周</p>", encoding="utf-8")
        page.chmod(0o666)
        done = subprocess.run([*_as_other_user(), sys.executable, "-c", _SHARED_FOLDER_CHILD,
                               str(page)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        said = json.loads(done.stdout.strip().splitlines()[-1])
        assert said[str(page)] == "written"
        assert page.read_text(encoding="utf-8") == "<p>本周更新</p>"
        assert page.stat().st_uid == 0 and stat.S_IMODE(page.stat().st_mode) == 0o666
        assert os.listdir(share) == ["公开目录.html"]  # no hidden file left
    finally:
        shutil.rmtree(share, ignore_errors=True)
