"""What a download folder really holds: pages a site served instead of the report
(error, login, firewall, captcha pages, the site's empty frame) told apart from reports that
quote "404" or 登录; which of several identical files holds the report; duplicates listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, make_report

from nlp_reports import load_report
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.audit import failure_meaning_zh
from nlp_reports.errors import ErrorPageError, NotAReportError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"

# (file name it was saved under, its bytes, the kind the message must name)
SERVED_PAGES = [
    ("泸溪县2023年政府信息公开工作年度报告.html",
     b"<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1>"
     b"</center><hr><center>nginx/1.20.1</center></body></html>", "an error page"),
    ("P020240117512093347761.pdf",  # an HTML page under a PDF's name
     b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The "
     b"requested URL was not found on this server.</p><hr><address>Apache/2.4.6 (CentOS) "
     b"Server at www.example.gov.cn Port 80</address></body></html>", "an error page"),
    ("content_8812034.html",
     "<html><head><meta charset='utf-8'><title>IIS 8.5 详细错误 - 404.0 - Not Found</title>"
     "</head><body><div id='header'><h1>服务器错误</h1></div><h2>404 - 找不到文件或目录。</h2>"
     "<h3>您要查找的资源可能已被删除，已更改名称或者暂时不可用。</h3></body></html>".encode(),
     "an error page"),
    ("鹤峰县卫健局2022年报.html",
     b"<html><head><title>HTTP Status 500 - Internal Server Error</title></head><body>"
     b"<h1>HTTP Status 500 \xe2\x80\x93 Internal Server Error</h1><hr><p><b>Type</b> "
     b"Exception Report</p><p><b>Message</b> Request processing failed</p><hr>"
     b"<h3>Apache Tomcat/8.5.61</h3></body></html>", "an error page"),
    ("梅岭镇人民政府2023年政府信息公开工作年度报告.pdf",  # the site's own 404, chrome and all
     "<html><head><meta charset='utf-8'><title>梅岭镇人民政府</title></head><body>"
     "<div class='nav'>首页 | 政务公开 | 政府信息公开 | 互动交流</div>"
     "<div class='err'><p>抱歉，您访问的页面不存在或已被删除！</p><p><a href='/'>返回首页</a>"
     " 5秒后自动跳转</p></div><div class='footer'>主办：梅岭镇人民政府 网站标识码：4311230021"
     " 湘ICP备05003121号</div></body></html>".encode(), "an error page"),
    ("沅江市司法局2022年报.htm",
     "<html><body><div class='tips'>该信息已过期，请浏览其他信息</div><div>版权所有：沅江市"
     "司法局</div><div>联系我们 | 网站地图</div></body></html>".encode("gb18030"),
     "an error page"),
    ("index.html",
     "<html><head><meta charset='utf-8'><title>统一身份认证平台</title></head><body><form>"
     "<h2>统一身份认证</h2><p>账号登录 | 扫码登录</p><input name='u' placeholder='请输入用户名/"
     "手机号'><input type='password' placeholder='请输入密码'><button>登 录</button>"
     "<a>忘记密码？</a></form></body></html>".encode(), "a login page"),
    ("岳阳楼区教育局2023年度政府信息公开工作年度报告.html",
     "<html><head><meta charset='utf-8'></head><body><h1>访问被拦截！</h1><p>您的访问可能对"
     "网站造成安全威胁，已被网站防火墙拦截。</p><p>事件ID：a8f2-77c1 拦截时间：2024-01-22 "
     "09:13:41</p></body></html>".encode(), "a page of the site's firewall"),
    ("临湘市2022年报.html",
     "<html><head><meta charset='utf-8'></head><body><div>为保障网站安全，请完成安全验证</div>"
     "<div>请输入验证码：<input></div><div>看不清？换一张</div></body></html>".encode(),
     "a verification page"),
    ("art_2291_73310.html",  # the site's frame, the article's text loaded by script
     "<html><head><meta charset='utf-8'></head><body><div>首页 > 政务公开 > 法定主动公开内容"
     "</div><h1>汨罗市2023年政府信息公开工作年度报告</h1><div>发布时间：2024-01-19 来源：市政府办</div><div id='zoom'></div><div>【打印】"
     "【关闭窗口】</div><div>主办单位：汨罗市人民政府办公室</div><div>网站标识码：4306810001 "
     "湘公网安备 43068102000118号</div></body></html>".encode(), "an empty page of the site"),
]


@pytest.mark.parametrize(("name", "data", "kind"), SERVED_PAGES,
                         ids=[n for n, _, _ in SERVED_PAGES])
def test_a_served_page_says_what_it_is_and_to_download_again(name, data, kind):
    with pytest.raises(ErrorPageError) as err:
        load_report(data, filename=name)
    message = str(err.value)
    assert err.value.reason == "error_page"
    assert isinstance(err.value, NotAReportError)  # (what caught a not_a_report catches it)
    assert message.startswith(f"{kind} was saved instead of the report")
    assert "download the report again" in message and "no annual-report content" not in message


def test_reports_that_quote_404_or_login_are_not_error_pages():
    # a report with sections and tables saying 404 and 统一身份认证 in its text
    text = (EXAMPLES / "云岭市人民政府2023年政府信息公开工作年度报告.txt").read_text(encoding="utf-8")
    quoting = text.replace(
        "一、总体情况\n", "一、总体情况\n全年门户网站未出现“404 Not Found”错误页面，依申请公开"
        "平台接入省统一身份认证，申请人用户登录后可查看办理进度。\n", 1)
    assert quoting != text
    report = load_report(quoting)
    assert report.metadata.agency == "云岭市人民政府" and report.tables

    # an older report in prose, no heading, no table, naming 页面不存在 and 用户登录
    prose = (
        "桃源县交通运输局2010年政府信息公开工作年度报告\n"
        "2010年，我局按照《中华人民共和国政府信息公开条例》要求，认真做好政府信息公开工作。"
        "全年主动公开政府信息86条，其中通过门户网站公开71条，通过公开栏公开15条。\n"
        "针对群众反映部分链接“页面不存在”的问题，我局对网站栏目进行了清理，修复失效链接12个，"
        "并开通用户登录后在线提交依申请公开的渠道。全年受理政府信息公开申请3件，均按期答复。\n"
        "存在的不足是信息更新不够及时，下一步将加强人员培训，提高公开质量。\n"
        "桃源县交通运输局\n2011年3月28日\n")
    assert load_report(prose).metadata.year == 2010

    # a site's list page of report titles, in the site's frame: still a list page
    listing = (
        "首页 > 政务公开 > 年度报告\n"
        "石门县2023年政府信息公开工作年度报告 2024-01-26\n"
        "石门县2022年政府信息公开工作年度报告 2023-01-30\n"
        "石门县2021年政府信息公开工作年度报告 2022-01-28\n"
        "主办单位：石门县人民政府办公室\n网站标识码：4307260003\n")
    with pytest.raises(NotAReportError) as err:
        load_report(listing)
    assert err.value.reason == "not_a_report" and "list of 3 report titles" in str(err.value)

    # a page that only links its report, a 用户登录 link in its header: a pointer page
    pointer = (
        "用户登录 | 注册\n首页 > 信息公开 > 年度报告\n"
        "安乡县水利局2023年政府信息公开工作年度报告\n发布时间：2024-01-25\n"
        "附件：安乡县水利局2023年政府信息公开工作年度报告.pdf\n主办单位：安乡县人民政府\n")
    with pytest.raises(NotAReportError) as err:
        load_report(pointer)
    assert err.value.reason == "not_a_report" and "only points to an attached file" in str(err.value)

    # a stub page saying 详见附件 with no file named: the attachment, not an empty page
    stub = ("首页 > 政务公开 > 年度报告\n桃江县林业局2023年政府信息公开工作年度报告\n"
            "发布时间：2024-01-20 来源：县林业局\n详见附件\n主办单位：桃江县人民政府办公室\n"
            "网站标识码：4309220001\n")
    with pytest.raises(NotAReportError) as err:
        load_report(stub)
    assert err.value.reason == "not_a_report"

    # a village committee's short report in figure lines under the site's footer
    short = (
        "澧县复兴厂镇2023年政务公开工作情况\n主动公开政府信息 36条\n受理依申请公开 0件\n"
        "行政复议 0件\n版权所有：澧县人民政府\n网站地图 | 联系我们\n")
    try:
        load_report(short)
    except ErrorPageError as exc:  # pragma: no cover - the failure this test guards
        pytest.fail(f"a short report in figure lines taken for a served page: {exc}")
    except NotAReportError:
        pass


def test_a_batch_records_error_pages_with_their_reason(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    for name, data, _ in SERVED_PAGES[:3] + SERVED_PAGES[6:7]:
        (folder / name).write_bytes(data)
    shutil.copy(EXAMPLES / "枫林乡人民政府2022年政府信息公开工作年度报告.txt", folder)
    res = tag_paths([folder], tmp_path / "j.sqlite", model=FakeTagger())
    assert res.ok == 1 and res.failed == 4
    assert {f.reason for f in res.failures} == {"error_page"}
    with Store(tmp_path / "j.sqlite", readonly=True) as store:
        failed = store.failures()
    assert sorted(failed["reason"]) == ["error_page"] * 4
    login = failed[failed["path"].str.endswith("index.html")].iloc[0]
    assert login["message"].startswith("a login page was saved instead of the report")
    assert "登录页" in failure_meaning_zh(f"error_page: {login['message']}")


def _write(path: Path, agency: str, year: int = 2023) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = make_report(agency, year, [f"{agency}信息公开专职人员不足。"], ["加强业务培训。"])
    path.write_text(report.to_json(), encoding="utf-8")


def _holders(db: Path) -> dict[str, str]:
    """Each stored report's file name → the names recorded as its duplicates, from
    ``Store.duplicates()`` (and every report listed, with or without duplicates)."""
    with Store(db, readonly=True) as store:
        out = {Path(p).name: [] for p in store.reports()["path"]}
        dups = store.duplicates()
    for path, holder in zip(dups["path"], dups["duplicate_of"], strict=True):
        out[Path(holder).name].append(Path(path).name)
    return {k: sorted(v) for k, v in out.items()}


def _tag(folder: Path, db: Path, **kw):
    kw.setdefault("model", FakeTagger())
    return tag_paths([folder], db, loader=json_loader, **kw)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_titled_file_holds_the_report_not_its_copies(tmp_path, jobs):
    folder, db = tmp_path / "downloads", tmp_path / "j.sqlite"
    title = "青川县人力资源和社会保障局2023年政府信息公开工作年度报告"
    _write(folder / "qingchuan" / f"{title}.txt", "青川县人力资源和社会保障局")
    # copies that sort before it: a crawler's hash names, a browser's (1), a 副本
    for copy in ("misc/content_7730215.txt", f"qingchuan/{title}(1).txt",
                 f"qingchuan/{title} - 副本.txt", "a/P020240118563201957342.txt"):
        (folder / copy).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / "qingchuan" / f"{title}.txt", folder / copy)
    _write(folder / "misc" / "content_7730216.txt", "柏树乡人民政府")  # hash name, no twin
    _write(folder / "qingchuan" / "年报(1).txt", "龙潭镇人民政府")  # copy name, no twin
    res = _tag(folder, db, jobs=jobs, chunk_size=1)
    assert (res.ok, res.duplicates, res.failed) == (3, 4, 0)
    expected = {f"{title}.txt": sorted(["content_7730215.txt", f"{title}(1).txt",
                                        f"{title} - 副本.txt", "P020240118563201957342.txt"]),
                "content_7730216.txt": [], "年报(1).txt": []}
    assert _holders(db) == expected
    with Store(db, readonly=True) as store:
        dups = store.duplicates()
        assert set(dups["agency"]) == {"青川县人力资源和社会保障局"} and set(dups["year"]) == {2023}
        ids = dict(zip(store.reports()["path"], store.reports()["id"], strict=True))

    # resume and re-tag: the same holder, the same ids, nothing stored twice
    for kw in ({}, {"retag": True}, {"model": FakeTagger(model_id="fake-model-2")}):
        _tag(folder, db, jobs=jobs, **kw)
        assert _holders(db) == expected
        with Store(db, readonly=True) as store:
            assert dict(zip(store.reports()["path"], store.reports()["id"], strict=True)) == ids


def test_the_copy_nearest_the_top_holds_the_report(tmp_path):
    """Two titled copies, one saved with its page deep in a crawl's mirror: the one fewest
    folders deep holds the report, though the mirror's path sorts first."""
    folder, db = tmp_path / "downloads", tmp_path / "j.sqlite"
    name = "溪州市财政局2022年政府信息公开工作年度报告.txt"
    _write(folder / "xizhou" / name, "溪州市财政局", 2022)
    (folder / "xizhou" / "art" / "2023" / "1" / "20").mkdir(parents=True)
    shutil.copy(folder / "xizhou" / name, folder / "xizhou" / "art" / "2023" / "1" / "20" /
                f"附件：{name}")
    _write(folder / "xizhou" / "a" / "岚阳省监狱管理局2023年报.txt", "岚阳省监狱管理局")  # sorts first
    for kw in ({}, {}, {"retag": True}):
        _tag(folder, db, **kw)
        assert _holders(db) == {name: [f"附件：{name}"], "岚阳省监狱管理局2023年报.txt": []}
    with Store(db, readonly=True) as store:  # the ordinary files keep their sorted order
        assert [Path(p).name for p in store.reports()["path"]] == [
            "岚阳省监狱管理局2023年报.txt", name]


def test_a_copy_stored_first_keeps_the_report_on_every_rerun(tmp_path):
    """A store whose report a browser's copy holds (tagged alone first, or by the old rule)
    keeps it there: a rerun or a re-tag never moves it to the titled file found later."""
    folder, db = tmp_path / "downloads", tmp_path / "j.sqlite"
    _write(folder / "溪州市财政局2023年报(1).txt", "溪州市财政局")
    _tag(folder, db)
    shutil.copy(folder / "溪州市财政局2023年报(1).txt", folder / "溪州市财政局2023年报.txt")
    expected = {"溪州市财政局2023年报(1).txt": ["溪州市财政局2023年报.txt"]}
    for kw in ({}, {}, {"retag": True}, {"model": FakeTagger(model_id="fake-model-2")},
               {"retag": True, "jobs": 2, "chunk_size": 1}):
        _tag(folder, db, **kw)
        assert _holders(db) == expected
