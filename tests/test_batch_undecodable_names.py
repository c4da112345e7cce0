"""File names Python cannot decode: ``tag`` under ``LC_ALL=C PYTHONUTF8=0``.

With an ASCII file-system encoding os.listdir gives every Chinese name as surrogate escapes,
and ``tag`` died in ``store.done_of`` with "surrogates not allowed" (a traceback, nothing
stored). The store key of a file is its name's bytes decoded as UTF-8, else GB18030, else
``\\x``-escaped, whatever the session's encoding, so a rerun in a UTF-8 session resumes.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# a county education bureau's report, filed by its 办公室
EDUCATION = """青川县教育局2023年政府信息公开工作年度报告

一、总体情况
2023年，县教育局围绕群众关心的招生入学、学生资助等事项，全年主动公开政府信息214条。

二、主动公开政府信息情况
本年度制发规范性文件1件，现行有效规范性文件5件。

三、收到和处理政府信息公开申请情况
本年度收到政府信息公开申请6件，均在法定期限内答复。

四、政府信息公开行政复议、行政诉讼情况
本年度未发生政府信息公开行政复议、行政诉讼案件。

五、存在的主要问题及改进情况
（一）存在的主要问题。一是部分学校招生信息发布时间偏晚，家长多次来电询问。二是政策解读形式单一，以文字转载为主。
（二）改进措施。一是建立招生信息发布时间表，提前一个月在门户网站公布。二是采用图解、短视频等形式解读学生资助政策。

六、其他需要报告的事项
本年度未收取信息处理费。
"""

# a prefecture-level city's health commission, GBK-era file name
HEALTH = """南平市卫生健康委员会2022年政府信息公开工作年度报告

一、总体情况
2022年，市卫健委认真落实《中华人民共和国政府信息公开条例》，主动公开医疗机构执业登记、疫苗接种点等信息387条。

二、主动公开政府信息情况
本年度新制发规范性文件2件，废止1件。

三、收到和处理政府信息公开申请情况
全年共受理依申请公开12件，其中予以公开8件，部分公开2件，本机关不掌握相关信息2件。

四、政府信息公开行政复议、行政诉讼情况
本年度因政府信息公开被申请行政复议1件，结果维持。

五、存在的主要问题及改进情况
2022年我委政务公开工作虽有进展，但对照上级要求仍有差距：基层医疗机构公开事项目录不够完整；依申请公开答复文书格式还不统一。
2023年，我委将编制基层医疗卫生机构公开事项标准目录，并统一依申请公开答复文书范本，组织科室负责人开展专题培训。

六、其他需要报告的事项
无。
"""


def _run(args: list[str], cwd: Path, env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd),
           "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", **env_extra}
    return subprocess.run([sys.executable, "-m", "nlp_reports", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=300)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_chinese_names_under_an_ascii_file_system_encoding_are_stored_and_resumed(tmp_path):
    folder = os.fsencode(tmp_path) + "/第 2 组".encode()
    os.mkdir(folder)
    names = {"青川县教育局2023年报告.txt".encode(): EDUCATION,  # UTF-8 on disk
             "南平市卫健委2022年报.txt".encode("gb18030"): HEALTH}  # GBK on disk (an old zip)
    for name, text in names.items():
        with open(folder + b"/" + name, "wb") as fh:
            fh.write(text.encode("utf-8"))
    db = tmp_path / "class.sqlite"
    ascii_env = {"LC_ALL": "C", "PYTHONUTF8": "0"}
    probe = subprocess.run([sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"],
                           env={"PATH": os.environ.get("PATH", ""), **ascii_env},
                           capture_output=True, text=True)
    assert probe.stdout.strip() == "ascii"  # (the case: os.listdir gives surrogate escapes)
    done = _run(["tag", ".", "--db", str(db)], tmp_path, ascii_env)
    err = done.stderr.decode("ascii", "replace")
    assert done.returncode == 0, err
    assert "Traceback" not in err
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT path, status FROM files"))
    want = {str(tmp_path / "第 2 组" / "青川县教育局2023年报告.txt"),
            str(tmp_path / "第 2 组" / "南平市卫健委2022年报.txt")}
    assert rows == dict.fromkeys(want, "ok")  # the text a UTF-8 session sees, no escapes
    with sqlite3.connect(db) as conn:
        agencies = sorted(a for (a,) in conn.execute("SELECT agency FROM reports"))
    assert agencies == ["南平市卫生健康委员会", "青川县教育局"]
    # a rerun finds the same keys: in a UTF-8 session, and again under ASCII
    for env in ({"LANG": "C.UTF-8"}, ascii_env):
        again = _run(["tag", ".", "--db", str(db)], tmp_path, env)
        assert again.returncode == 0, again.stderr.decode("ascii", "replace")
        assert b"tagged 0 reports, skipped 2 already stored, 0 failed" in again.stderr
    # a failure of a Chinese-named file outlives a run in another folder (the check that
    # forgets failures of files gone looks for the file by its name on disk)
    with open(folder + "/空白 文件.txt".encode(), "wb"):
        pass
    _run(["tag", ".", "--db", str(db)], tmp_path, ascii_env)
    other = tmp_path / "other"
    other.mkdir()
    (other / "county.txt").write_text(EDUCATION.replace("青川县", "平武县"), encoding="utf-8")
    _run(["tag", "other", "--db", str(db)], tmp_path, ascii_env)
    with sqlite3.connect(db) as conn:
        failed = [p for (p,) in conn.execute("SELECT path FROM files WHERE status = 'failed'")]
    assert failed == [str(tmp_path / "第 2 组" / "空白 文件.txt")]
