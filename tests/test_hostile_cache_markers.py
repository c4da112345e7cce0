"""Hostile input (issue #5) against the regex cache's file (_regex_cache,
0546974), list markers of section 五 (554f2df), a zipped page's saved link (ba60d4f) and the
annexes under a signed report (10767aa). The contract: a Report or the project's own error,
never another exception, never a hang (CPU bounds generous), nothing lost; a damaged or
strange cache file never changes a match and never slows a start. Findings and probes:
/work/notes/s18/hostile23-findings.md. The reports are fictional."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nlp_reports import _regex_cache, load_report
from nlp_reports.errors import NlpReportsError, NotAReportError

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython", reason="CPython's re")

_PROPERTY = settings(max_examples=40, derandomize=True, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])

# a district housing bureau's report, 2023, sections 五 and 六 cut out to be replaced
_HEAD = """临川区住房和城乡建设局2023年政府信息公开工作年度报告

一、总体情况
2023年，区住建局围绕保障性住房分配、物业服务监管和老旧小区改造等群众关心事项，主动公开各类信息412条。
二、主动公开政府信息情况
本年制发规范性文件1件，废止0件，现行有效5件。
三、收到和处理政府信息公开申请情况
本年新收申请23件，其中自然人21件，法人或其他组织2件，均在法定期限内答复。
四、政府信息公开行政复议、行政诉讼情况
本年度无因政府信息公开引起的行政复议、行政诉讼。
五、存在的主要问题及改进情况
"""
_TAIL = """
六、其他需要报告的事项
本年度未收取信息处理费。

临川区住房和城乡建设局
2024年1月19日
"""


# --- the regex cache's file ----------------------------------------------------------------

# a module whose body compiles a pattern (what the cache keeps), imported in a fresh process
# with the cache at a hostile path: it must finish, match as re does, and take little CPU
_CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, sys.argv[2])
    from nlp_reports import _regex_cache
    with _regex_cache.cached(sys.argv[1]):
        import h23_module
    import re
    assert h23_module.DATE.pattern == re.compile(h23_module.DATE.pattern).pattern
    m = h23_module.DATE.search("发布日期：2024年1月19日　来源：区住建局")
    print(m.group(0), m.group("y"), round(time.process_time(), 2))
""")
_MODULE = 'import re\nDATE = re.compile(r"(?P<y>\\d{4})年(\\d{1,2})月(\\d{1,2})日")\n'


def _bounded_memory() -> None:
    """The child's address space capped at 3 GiB: reading /dev/zero whole (the defect) ends
    in a MemoryError, not in the kernel's OOM killer choosing among the machine's processes."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _cached_import(cache: Path, tmp_path: Path) -> tuple[str, float]:
    (tmp_path / "h23_module.py").write_text(_MODULE, encoding="utf-8")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    out = subprocess.run([sys.executable, "-c", _CHILD, str(cache), str(tmp_path)], env=env,
                         capture_output=True, text=True, timeout=60, check=True,
                         preexec_fn=_bounded_memory).stdout.split()
    return " ".join(out[:2]), float(out[2])


def _hostile_cache(kind: str, path: Path) -> None:
    if kind == "dev_zero":  # a symlink to /dev/zero: read() never ends
        path.symlink_to("/dev/zero")
    elif kind == "fifo":  # open() waits for a writer for ever
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "huge":  # 1 GiB, 200 times a full cache (sparse: costs no disk)
        with open(path, "wb") as fh:
            fh.truncate(1 << 30)
    elif kind == "garbage":
        path.write_bytes(bytes(range(256)) * 64)


@pytest.mark.parametrize("kind", ["dev_zero", "fifo", "directory", "huge", "garbage"])
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX files")
def test_a_hostile_cache_file_changes_no_match_and_costs_no_start(tmp_path, kind):
    cache = tmp_path / "cache" / "regex.marshal"
    cache.parent.mkdir()
    _hostile_cache(kind, cache)
    matched, cpu = _cached_import(cache, tmp_path)
    assert matched == "2024年1月19日 2024"
    assert cpu < 1.0  # (~0.1 s; 1 GiB was read, /dev/zero and a FIFO never ended)
    if kind != "directory":  # the strange file is replaced by a sound one, used next time
        assert cache.is_file() and not cache.is_symlink()
        assert any(k[0].startswith("(?P<y>") for k in _regex_cache._load(str(cache)))


def test_without_a_home_directory_no_cache_is_written_into_the_working_folder(
        tmp_path, monkeypatch):
    """HOME unset in an account without a passwd entry (a container's random uid):
    expanduser('~') stays '~', which made the cache './~/.cache/nlp_reports' in whatever
    folder the command ran from."""
    for var in ("NLP_REPORTS_CACHE", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda p: p)
    work = tmp_path / "reports"
    work.mkdir()
    monkeypatch.chdir(work)
    assert _regex_cache.cache_path() is None
    (tmp_path / "h23_homeless.py").write_text(_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with _regex_cache.cached():
        import h23_homeless
    assert h23_homeless.DATE.search("2024年1月19日").group("y") == "2024"
    assert list(work.iterdir()) == []


# --- list markers of section 五 -------------------------------------------------------------

_MARKERS = ["一是", "二是", "三是", "首先，", "其次，", "最后，", "第一，", "第二，", "其一，",
            "一要", "二要", "▲", "（一）", "1.", "①"]
_FILLERS = ["：", "。", "；", "\n", "主要是：", "主要表现在", "体现在", "存在的主要问题",
            "改进措施", "部分政策解读形式单一", "将加强业务培训", "下一步，我局将", "，"]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _one_line(text: str) -> str:
    """``text`` as a statement gives it: line breaks (and the blanks around them) removed,
    as a wrapped line is joined (load._clean), then NFKC."""
    return _nfkc("".join(line.strip(" \t\u3000\r") for line in text.split("\n")))


@_PROPERTY
@given(st.lists(st.sampled_from(_MARKERS + _FILLERS), min_size=1, max_size=60))
@example(["一是", "一是", "\n", "首先，"])  # (a statement over a line break: joined, not invented)
def test_any_run_of_list_markers_gives_statements_from_the_text(parts):
    five = "".join(parts)
    text = _HEAD + five + _TAIL
    t0 = time.process_time()
    try:
        report = load_report(text)
    except NotAReportError:
        return
    assert time.process_time() - t0 < 5.0
    for s in report.statements:
        assert s.text.strip(), s
        # nothing invented (full-width （一） read as (一)); a statement's wrapped lines are
        # joined, so it is looked for in the text with its line breaks removed
        assert _nfkc(s.text) in _one_line(text)
        assert s.marker is None or _nfkc(s.marker.strip("，、 ")) in _nfkc(five)
    # nothing of 五 lost: every statement-worthy character is in a statement or its marker
    said = "".join(s.text + (s.marker or "") for s in report.statements)
    for phrase in ("部分政策解读形式单一", "将加强业务培训"):
        if phrase in five:
            assert phrase in said


def test_ten_thousand_markers_with_and_without_text_stay_linear():
    cases = ["一是" * 10_000, "\n".join(["一是"] * 10_000), "首先，" * 10_000,
             "主要是：" + "一是；" * 5_000, "主要表现在一是公开不及时；二是解读不足。" * 3_000,
             "".join(f"{'一二三四五六七八九十'[i % 10]}是加强公开。" for i in range(10_000))]
    for five in cases:
        t0 = time.process_time()
        report = load_report(_HEAD + five + _TAIL)
        assert time.process_time() - t0 < 10.0  # (~0.1 s each)
        whole = _nfkc(report.text)
        assert all(s.text.strip() and _nfkc(s.text) in whole for s in report.statements)


# --- annexes --------------------------------------------------------------------------------

_ANNEX_LINES = ["附件1：2023年政府信息公开情况统计表", "附件", "附件2", "附表：", "附：名词解释",
                "名词解释", "附件12 依申请公开流程图", "附件100：分表", "临川区住房和城乡建设局",
                "2024年1月19日", "五、存在的主要问题及改进情况", "一是公开栏更新不及时。",
                "本表数据截至2023年12月31日。", "", "　　", "\t"]


@_PROPERTY
@given(st.lists(st.sampled_from(_ANNEX_LINES), min_size=1, max_size=40))
def test_annex_lines_anywhere_below_the_signature_give_sound_spans(lines):
    text = _HEAD + "一是政策解读不够深入。二是将加强培训。" + _TAIL + "\n".join(lines) + "\n"
    t0 = time.process_time()
    report = load_report(text)
    assert time.process_time() - t0 < 5.0
    last = 0
    for annex in report.annexes:
        assert last <= annex.start < annex.end <= len(report.text)
        assert report.text[annex.start:annex.end].strip().startswith(annex.title.split()[0])
        last = annex.end
    assert report.statements  # the report's own 五 is still read


def test_a_thousand_annexes_are_read_in_linear_time():
    annexes = "".join(f"附件{i % 99 + 1}：第{i}号统计表\n项目　数量\n主动公开　{i}\n"
                      for i in range(1_000))
    t0 = time.process_time()
    report = load_report(_HEAD + "一是政策解读不够深入。" + _TAIL + annexes)
    assert time.process_time() - t0 < 10.0
    assert len(report.annexes) == 1_000
    assert "附件1：第0号统计表" == report.annexes[0].title


# --- a page linking itself ------------------------------------------------------------------

_STUB = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>临川区住房和城乡建设局2023年政府信息公开工作年度报告</title></head><body>
<h2>临川区住房和城乡建设局2023年政府信息公开工作年度报告</h2>
<p>现将我局2023年度报告予以公开，详见附件。</p>
<p>附件：<a href="{href}">临川区住房和城乡建设局2023年政府信息公开工作年度报告.pdf</a></p>
</body></html>"""


@pytest.mark.parametrize("in_zip", [False, True])
def test_a_page_linking_itself_names_no_saved_file(tmp_path, in_zip):
    """A saved page whose attachment link names the page's own file (a crawler saving the
    attachment URL's response, an HTML error page, under its name) was told 'the linked file
    P020240119563412.pdf is in this folder: it is read on its own' — itself."""
    name = "P020240119563412.pdf"
    page = _STUB.format(href=f"/zwgk/{name}").encode()
    if in_zip:
        z = tmp_path / "crawl.zip"
        with zipfile.ZipFile(z, "w") as zf:
            zf.writestr(f"zwgk/{name}", page)
        path = f"{z}/zwgk/{name}"
    else:
        (tmp_path / "zwgk").mkdir()
        path = str(tmp_path / "zwgk" / name)
        Path(path).write_bytes(page)
    with pytest.raises(NotAReportError) as err:
        load_report(page, filename=path)
    assert "download that file and parse it" in str(err.value)
    assert "the linked file" not in str(err.value)


def test_hostile_inputs_raise_only_the_projects_errors():
    for text in ["附件1：2024年政府信息公开情况统计表", "某局\n2025年1月1日\n附件1：统计表",
                 "一是", "首先，", "五、存在的主要问题及改进情况\n" + "一是" * 1000]:
        try:
            load_report(text)
        except NlpReportsError:
            pass


def test_the_model_and_jieba_load_without_a_home_directory(monkeypatch):
    """Path.home() raises RuntimeError without HOME and a passwd entry: ``tag`` crashed
    with that traceback (the model's data copy and jieba's cache live under it)."""
    from nlp_reports import Tagger, tokenize

    for var in ("NLP_REPORTS_CACHE", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(var, raising=False)

    def no_home(cls=None):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(no_home))
    with pytest.raises(RuntimeError):
        tokenize.cache_dir()
    tagger = Tagger.load()
    report = load_report(_HEAD + "一是政策解读形式单一。二是将加强业务培训。" + _TAIL)
    assert len(tagger.tag(report)) == 2
    monkeypatch.setattr(tokenize, "_segmenters", {})  # (built afresh, not the process's)
    assert "".join(tokenize._segmenter("jieba", True, False)("将加强业务培训")) == "将加强业务培训"
