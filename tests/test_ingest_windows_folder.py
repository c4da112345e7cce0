"""A folder from a
Windows machine (GB18030 pages saved with 网页，全部, Notepad's UTF-16, names with spaces and
full-width punctuation)."""

from __future__ import annotations

from pathlib import Path

from nlp_reports.corpus.batch import tag_paths
from nlp_reports.corpus.files import SAVED_PAGE_FILES, expand_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
PAGE = EXAMPLES / "云岭市东城区南湖街道办事处2022年政府信息公开工作年度报告.html"


def _saved_complete(folder: Path, stem: str, suffix: str = ".html", tail: str = "_files") -> None:
    """The page as a Windows browser's 网页，全部 writes it: GB18030 with a gb2312 charset,
    and beside it ``stem_files/`` with a stylesheet, a script and a share-button frame."""
    html = PAGE.read_text(encoding="utf-8").replace(
        "<meta charset='utf-8'>", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    (folder / f"{stem}{suffix}").write_bytes(html.encode("gb18030"))
    res = folder / f"{stem}{tail}"
    res.mkdir()
    (res / "style.css").write_text("body{font-family:SimSun}")
    (res / "jquery.min.js").write_text("/* jQuery */")
    (res / "saved_resource.html").write_bytes(
        "<html><head><meta charset='gbk'></head><body>分享到：微信 微博 QQ空间</body></html>"
        .encode("gbk"))


def test_a_saved_pages_files_folder_is_counted_not_read_as_reports(tmp_path):
    folder = tmp_path / "乡镇、街道（2022）"
    folder.mkdir()
    _saved_complete(folder, "南湖街道 2022年度政府信息公开工作年度报告（正式）")
    _saved_complete(folder, "【2022】南湖街道年报，定稿", ".HTM", ".files")  # Word's 网页
    found = expand_paths([tmp_path])
    assert sorted(f.name for f in found.files) == sorted([
        "南湖街道 2022年度政府信息公开工作年度报告（正式）.html", "【2022】南湖街道年报，定稿.HTM"])
    assert found.ignored == {SAVED_PAGE_FILES: 6}
    result = tag_paths(tmp_path, tmp_path / "s.sqlite")
    # the two pages are one report's text (stored once); the frames are no failures
    assert (result.ok, result.failed, result.duplicates) == (1, 0, 1), result.failures
    assert "saved page resources 6" in result.summary_line()


def test_a_files_folder_with_no_page_beside_it_is_still_walked(tmp_path):
    folder = tmp_path / "下载"
    (folder / "项目_files").mkdir(parents=True)
    _saved_complete(folder / "项目_files", "年报")  # a page saved inside such a folder
    found = expand_paths([tmp_path])
    assert [f.name for f in found.files] == ["年报.html"]
    assert found.ignored == {SAVED_PAGE_FILES: 3}


def test_the_audit_says_in_chinese_why_a_file_could_not_be_read(tmp_path):
    from nlp_reports import audit

    folder = tmp_path / "收集的报告"
    folder.mkdir()
    (folder / "岑桥乡2023年报（下载失败）.txt").write_bytes(b"")
    login = ("<!DOCTYPE html><html><head><meta charset='gbk'><title>统一身份认证平台</title>"
             "</head><body><form>用户名：<input name=u> 密码：<input type=password>"
             "<button>登录</button></form><p>您的会话已超时，请重新登录。</p></body></html>")
    (folder / "望江街道2024年政府信息公开年报.txt").write_bytes(login.encode("gbk"))
    (folder / "审计局2023年报.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    result = tag_paths(folder, tmp_path / "s.sqlite")
    assert result.failed == 3
    checked = audit(tmp_path / "s.sqlite")
    rows = {Path(p).name: z for p, z in zip(checked.table["path"], checked.table["findings_zh"],
                                            strict=True)}
    empty = rows["岑桥乡2023年报（下载失败）.txt"]
    assert empty.startswith("（1）文件无法读取：文件为空") and "empty: " in empty
    assert "不是政府信息公开工作年度报告" in rows["望江街道2024年政府信息公开年报.txt"]
    wps = rows["审计局2023年报.wps"]
    assert "格式不受支持" in wps and "soffice" in wps  # the command is kept
    page = checked.to_html()
    assert "文件无法读取：文件为空" in page
    # the table of failed files gives the meaning beside the reason code too
    failed_table = page[page.index('<table class="failed">'):]
    failed_table = failed_table[:failed_table.index("</table>")]
    assert "文件为空（多为下载失败或未保存内容），请重新下载<br>empty" in failed_table
    assert "文件格式不受支持" in failed_table


def test_notepad_encodings_read_the_same_report_and_are_stored_once(tmp_path):
    """GBK with CRLF, UTF-8 with a BOM and Notepad's "Unicode" (UTF-16 LE with a BOM), under
    names with spaces and full-width punctuation: one report, whatever the encoding."""
    from nlp_reports import load_report

    text = (EXAMPLES / "云岭市东城区人民政府2021年政府信息公开工作年度报告.txt").read_text(
        encoding="utf-8")
    crlf = text.replace("\r\n", "\n").replace("\n", "\r\n")
    folder = tmp_path / "新建文件夹 (2)"
    folder.mkdir()
    variants = {"东城区 2021年度年报（GBK）.txt": crlf.encode("gbk"),
                "【2021】东城区年报，BOM.txt": crlf.encode("utf-8-sig"),
                "东城区年报（记事本 Unicode）.txt": crlf.encode("utf-16")}
    for name, data in variants.items():
        (folder / name).write_bytes(data)
    reference = load_report(EXAMPLES / "云岭市东城区人民政府2021年政府信息公开工作年度报告.txt")
    for name in variants:
        report = load_report(folder / name)
        assert (report.metadata.agency, report.metadata.year) == (
            reference.metadata.agency, reference.metadata.year)
        assert [s.text for s in report.statements] == [s.text for s in reference.statements]
        assert report.table("table3").get("1", "total") == reference.table("table3").get(
            "1", "total")
    result = tag_paths(folder, tmp_path / "s.sqlite")
    assert (result.ok, result.duplicates, result.failed) == (1, 2, 0), result.failures


def test_statement_text_has_ascii_brackets_and_chinese_punctuation_as_docs_schema_says():
    """docs/schema.md: a statement's full-width brackets and digits become ASCII, its
    ，。“”《》 stay — a researcher searching the DataFrame for 村（社区） found nothing."""
    from nlp_reports import load_report

    text = (EXAMPLES / "云岭市东城区人民政府2021年政府信息公开工作年度报告.txt").read_text(
        encoding="utf-8")
    start = text.index("五、")
    item = "一是村（社区）公开栏更新不及时，群众对《条例》知晓率仅为６０％。"
    report = load_report(text[:start] + text[start:].replace("\n", "\n" + item + "\n", 1))
    found = [s.text for s in report.statements if "社区" in s.text]
    assert found == ["村(社区)公开栏更新不及时，群众对《条例》知晓率仅为60%。"], found


def test_grouping_by_a_chinese_word_names_the_key_meant(tmp_path):
    """A student who reads the Chinese README tried summarize(..., by=["层级"]); the error
    listed English keys only. It now gives the key meant and each key's Chinese name."""
    import pytest

    from nlp_reports import summarize
    from nlp_reports.errors import UsageError

    store = tmp_path / "s.sqlite"
    tag_paths(EXAMPLES / "云岭市东城区人民政府2021年政府信息公开工作年度报告.txt", store)
    with pytest.raises(UsageError, match=r"for 层级 use 'level'.*year \(年度\), level \(层级\)"):
        summarize(store, by=["层级"])
    with pytest.raises(UsageError, match=r"for 行政层级 use 'tier'"):
        summarize(store, by=["year", "行政层级"])
    with pytest.raises(UsageError, match=r"cannot group by 'levels': choose among year \(年度\)"):
        summarize(store, by="levels")
    assert summarize(store, by=["level"]).n_reports == 1
