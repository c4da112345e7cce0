"""``tag`` reads a .zip of reports in place (issue #4): every member a file of the
batch, keyed ``<zip path>/<member path>``, stored, resumable, deduplicated; every member
that cannot be read recorded with its reason (a zip inside the zip, an encrypted member, a
zip bomb, a damaged member). Zips made in each test with the zipfile module, as a site's
打包下载 (UTF-8 names), a colleague's Windows zip (GBK names, no UTF-8 flag) and a Mac's
(``__MACOSX/``, ``._*``, ``.DS_Store``) make them; the reports are examples/corpus's and the
compile16 汇编 (fictional agencies)."""

from __future__ import annotations

import csv
import logging
import shutil
import sqlite3
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, local_cluster

from nlp_reports.corpus import archive, audit, export, tag_paths
from nlp_reports.corpus.audit import failure_meaning_zh
from nlp_reports.corpus.files import expand_paths
from nlp_reports.errors import UnsupportedFormatError
from nlp_reports.ingest import read_document

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples" / "corpus"
BOOK = HERE / "fixtures" / "compile16" / "岚溪县县直部门年报汇编2023.txt"
XISHAN = sorted(EXAMPLES.glob("溪山县人民政府*.txt"))  # 2020–2023
TONGCHUAN = sorted(EXAMPLES.glob("桐川市人民政府*.txt"))  # 2020–2022
BAISHI = sorted(EXAMPLES.glob("白石镇人民政府*.txt"))
JIANGTING = sorted(EXAMPLES.glob("江汀省生态环境厅*.html"))


class _GbkInfo(zipfile.ZipInfo):
    """A member named as a zip tool on Chinese Windows names it: GBK bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own hook
        return self.filename.encode("gbk"), self.flag_bits


def _site_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A site's download: UTF-8 names (zipfile sets flag bit 11), a Mac's metadata beside."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _windows_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = _GbkInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


def _flag_encrypted(path: Path, name: str) -> None:
    """Set the member's "encrypted" flag in its local and central headers, as a password
    tool writes it (the bytes are left as they are: the flag alone must stop the reader)."""
    data = bytearray(path.read_bytes())
    raw = name.encode()
    for sig, flags_at, len_at, head in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        pos = data.find(sig)
        while pos >= 0:
            n = struct.unpack_from("<H", data, pos + len_at)[0]
            if bytes(data[pos + head:pos + head + n]) == raw:
                flags = struct.unpack_from("<H", data, pos + flags_at)[0]
                struct.pack_into("<H", data, pos + flags_at, flags | 1)
            pos = data.find(sig, pos + 4)
    path.write_bytes(bytes(data))


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _files(db: Path) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in _rows(db, "SELECT path, status, reason, message, duplicate_of "
                                           "FROM files")}


def _mac_download(root: Path) -> Path:
    """青禾 department's 打包下载 saved on a Mac: UTF-8 names in folders by year, the Mac's
    resource forks and Finder files, a Windows thumbnail cache."""
    members = {f"溪山县/{p.name}": p.read_bytes() for p in XISHAN[:3]}
    members[f"江汀省/{JIANGTING[0].name}"] = JIANGTING[0].read_bytes()
    members[f"__MACOSX/溪山县/._{XISHAN[0].name}"] = b"\x00\x05\x16\x07" + b"\x00" * 60
    members["溪山县/.DS_Store"] = b"\x00\x00\x00\x01Bud1" + b"\x00" * 40
    members["江汀省/Thumbs.db"] = b"\xd0\xcf\x11\xe0" + b"\x00" * 40
    members["江汀省/附件1.jpg"] = b"\xff\xd8\xff\xe0" + b"\x00" * 40
    return _site_zip(root / "青禾省2023年度报告打包下载.zip", members)


def test_members_are_read_in_place_utf8_and_gbk_names(tmp_path):
    root = tmp_path / "downloads"
    root.mkdir()
    site = _mac_download(root)
    win = _windows_zip(root / "同事发来的年报.zip",
                       {f"桐川市/{p.name}": p.read_bytes() for p in TONGCHUAN})
    found = expand_paths([root])
    names = sorted(str(f) for f in found.files)
    assert names == sorted([*(f"{site}/溪山县/{p.name}" for p in XISHAN[:3]),
                            f"{site}/江汀省/{JIANGTING[0].name}",
                            *(f"{win}/桐川市/{p.name}" for p in TONGCHUAN)])
    ignored = dict(found.ignored)
    assert ignored["macOS metadata"] == 2 and ignored["thumbs.db"] == 1 and ignored[".jpg"] == 1

    db = tmp_path / "c.sqlite"
    result = tag_paths([root], db, model=FakeTagger())
    assert (result.ok, result.failed) == (7, 0)
    stored = _rows(db, "SELECT path, source, agency, year FROM reports ORDER BY path")
    by_path = {p: (src, agency, year) for p, src, agency, year in stored}
    gbk = f"{win}/桐川市/{TONGCHUAN[1].name}"
    assert by_path[gbk] == (gbk, "桐川市人民政府", 2021)  # the GBK name read as written
    html = f"{site}/江汀省/{JIANGTING[0].name}"
    assert by_path[html][1] == "江汀省生态环境厅" and by_path[html][0] == html
    assert archive.split_member(gbk) == (str(win), f"桐川市/{TONGCHUAN[1].name}")
    assert archive.split_member(str(win)) is None


def test_the_member_path_shows_in_export_and_audit(tmp_path):
    root = tmp_path / "r"
    root.mkdir()
    z = _site_zip(root / "白石镇.zip", {
        **{f"年报/{p.name}": p.read_bytes() for p in BAISHI[:2]},
        "年报/加密的2025年报告.txt": BAISHI[2].read_bytes()})
    _flag_encrypted(z, "年报/加密的2025年报告.txt")
    db = tmp_path / "c.sqlite"
    result = tag_paths([root], db, model=FakeTagger())
    locked = f"{z}/年报/加密的2025年报告.txt"
    assert result.ok == 2
    assert [(f.path, f.reason) for f in result.failures] == [(locked, "unreadable")]
    assert "password" in result.failures[0].message
    assert "已加密" in failure_meaning_zh(f"unreadable: {result.failures[0].message}")
    out = export(db, tmp_path / "exp", format="csv", table="files")
    with open(out[0], encoding="utf-8-sig") as fh:
        paths = {row["path"]: row["status"] for row in csv.DictReader(fh)}
    assert paths[f"{z}/年报/{BAISHI[0].name}"] == "ok" and paths[locked] == "failed"
    table = audit(db).table
    shown = " ".join(map(str, table["path"]))
    assert f"白石镇.zip/年报/{BAISHI[1].name}" in shown and "白石镇.zip/年报/加密的2025年报告.txt" in shown


def test_nested_zip_bomb_and_damaged_member_are_recorded(tmp_path, monkeypatch):
    root = tmp_path / "r"
    root.mkdir()
    inner = _site_zip(tmp_path / "inner.zip", {XISHAN[0].name: XISHAN[0].read_bytes()})
    z = _site_zip(root / "打包.zip", {
        XISHAN[1].name: XISHAN[1].read_bytes(),
        "附件/更早的年报.zip": inner.read_bytes(),
        "填充的页面.html": b"<html><body>" + b" " * (40 * 2**20) + b"</body></html>",
        "损坏的年报.txt": XISHAN[2].read_bytes()})
    # one member's compressed bytes damaged (a download cut and patched)
    data = bytearray(z.read_bytes())
    at = data.find("损坏的年报.txt".encode()) + len("损坏的年报.txt".encode()) + 40
    data[at:at + 16] = b"\xff" * 16
    z.write_bytes(bytes(data))
    db = tmp_path / "c.sqlite"
    result = tag_paths([root], db, model=FakeTagger())
    got = {f.path[len(str(z)) + 1:]: (f.reason, f.message) for f in result.failures}
    assert result.ok == 1 and set(got) == {"附件/更早的年报.zip", "填充的页面.html", "损坏的年报.txt"}
    assert got["附件/更早的年报.zip"][0] == "unsupported_format"
    assert "unzip -O GBK" in got["附件/更早的年报.zip"][1]
    # the audit says in Chinese that it is an archive to unpack, not a file to convert
    assert "文件是压缩包" in failure_meaning_zh("unsupported_format: " + got["附件/更早的年报.zip"][1])
    assert got["填充的页面.html"][0] == "too_large" and "zip bomb" in got["填充的页面.html"][1]
    assert got["损坏的年报.txt"][0] == "binary"
    # a zip of more members than the cap fails as a whole, nothing read
    monkeypatch.setattr(archive, "MAX_MEMBERS", 2)
    listed = []
    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents",
                        lambda self: listed.append(self) or (_ for _ in ()).throw(AssertionError))
    result = tag_paths([root], db, model=FakeTagger())
    assert [(f.path, f.reason) for f in result.failures] == [(str(z), "too_large")]
    assert not listed  # refused on the end record's count, before zipfile lists the members
    monkeypatch.undo()
    assert _rows(db, "SELECT count(*) FROM reports") == [(0,)]  # the member's rows gone too


def test_header_that_lies_is_stopped_while_streaming(tmp_path, monkeypatch):
    """The ratio and size are checked on the bytes read, not only on the directory's word."""
    z = _site_zip(tmp_path / "a.zip", {"年报.txt": b"\xe5\xb9\xb4" * (2 * 2**20)})
    monkeypatch.setattr(archive, "RATIO_FLOOR", 1 << 16)
    with zipfile.ZipFile(z) as zf:
        info = zf.infolist()[0]
    monkeypatch.setattr(archive, "_check_sizes", _only_streamed(archive._check_sizes,
                                                                info.file_size))
    with pytest.raises(Exception, match="zip bomb"):
        archive.member_digest(f"{z}/年报.txt")


def _only_streamed(check, declared):
    def check_streamed(size, compressed, limit):
        if size == declared:  # the directory's word: believed (it lies)
            return None
        return check(size, compressed, limit)
    return check_streamed


def test_duplicate_inside_and_outside_resume_and_changed_zip(tmp_path):
    root = tmp_path / "r"
    (root / "散件").mkdir(parents=True)
    loose = root / "散件" / XISHAN[0].name
    shutil.copy(XISHAN[0], loose)
    z = _site_zip(root / "a打包.zip", {f"溪山县/{p.name}": p.read_bytes() for p in XISHAN})
    db = tmp_path / "c.sqlite"
    first = tag_paths([root], db, model=FakeTagger())
    assert (first.ok, first.duplicates, first.failed) == (4, 1, 0)
    files = _files(db)
    member = f"{z}/溪山县/{XISHAN[0].name}"
    # the member sorts first ("a打包.zip" < "散件"), but the loose file holds the report
    assert files[member][0] == "duplicate" and files[member][3] == str(loose)
    again = tag_paths([root], db, model=FakeTagger())
    assert (again.ok, again.skipped, again.failed) == (0, 5, 0)
    ids = dict(_rows(db, "SELECT path, id FROM reports"))

    # the zip downloaded again: 2023 revised, 2022 gone, 2020 no longer in it either
    revised = XISHAN[3].read_bytes().decode("gb18030").replace(
        "一、总体情况", "一、总体情况\n（修订版）", 1)
    _site_zip(z, {f"溪山县/{XISHAN[1].name}": XISHAN[1].read_bytes(),
                  f"溪山县/{XISHAN[3].name}": revised.encode("gb18030")})
    third = tag_paths([root], db, model=FakeTagger())
    assert (third.ok, third.replaced, third.failed) == (1, 1, 0)
    files = _files(db)
    assert f"{z}/溪山县/{XISHAN[2].name}" not in files  # gone with its report
    assert member not in files
    paths = dict(_rows(db, "SELECT path, id FROM reports"))
    assert set(paths) == {str(loose), f"{z}/溪山县/{XISHAN[1].name}", f"{z}/溪山县/{XISHAN[3].name}"}
    assert paths[f"{z}/溪山县/{XISHAN[3].name}"] == ids[f"{z}/溪山县/{XISHAN[3].name}"]


def _department_zip(root: Path) -> Path:
    root.mkdir()
    return _windows_zip(root / "县直部门.zip", {
        "岚溪县/年报汇编2023.txt": BOOK.read_bytes(),
        **{f"白石镇/{p.name}": p.read_bytes() for p in BAISHI}})


_DUMP = "SELECT path, part, agency, year, n_statements FROM reports ORDER BY path, part"


def test_compilation_in_a_zip_and_two_jobs_with_a_head_start(tmp_path, caplog):
    """The shipped model, so that --jobs 2 parses the first members in its head start while
    the model loads (the head start hashes and reads members from the zip too)."""
    root = tmp_path / "r"
    _department_zip(root)
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    r1 = tag_paths([root], one, jobs=1)
    with caplog.at_level(logging.DEBUG, logger="nlp_reports"):
        r2 = tag_paths([root], two, jobs=2, chunk_size=2)
    assert any(r.getMessage().startswith("head start:") for r in caplog.records)
    assert (r1.ok, r1.failed, r1.split_files, r1.split_reports) == (4, 0, 1, 4)
    assert r1.summary_line() == r2.summary_line()
    assert _rows(one, _DUMP) == _rows(two, _DUMP)
    kinds = "SELECT r.path, r.part, s.idx, s.kind, s.themes FROM statements s JOIN reports r " \
            "ON r.id = s.report_id ORDER BY 1, 2, 3"
    assert _rows(one, kinds) == _rows(two, kinds)
    parts = [r for r in _rows(one, _DUMP) if r[0].endswith("年报汇编2023.txt")]
    assert [r[1] for r in parts] == [1, 2, 3, 4] and parts[0][2] == "岚溪县教育局"


def test_the_dask_backend_reads_members(tmp_path):
    pytest.importorskip("distributed")
    root = tmp_path / "r"
    _department_zip(root)
    one, three = tmp_path / "one.sqlite", tmp_path / "dask.sqlite"
    r1 = tag_paths([root], one, model=FakeTagger(), jobs=1)
    with local_cluster(2) as cluster:
        r3 = tag_paths([root], three, model=FakeTagger(), backend="dask",
                       scheduler=cluster.scheduler_address, chunk_size=1)
    assert (r3.ok, r3.failed, r3.split_reports) == (r1.ok, 0, 4)
    assert _rows(one, _DUMP) == _rows(three, _DUMP)


def test_suffixless_zip_from_a_crawler_and_a_zip_that_is_a_document(tmp_path):
    root = tmp_path / "crawl" / "content"
    root.mkdir(parents=True)
    crawled = _site_zip(root / "5102257", {p.name: p.read_bytes() for p in TONGCHUAN[:2]})
    doc = _site_zip(root / "5102258", {"[Content_Types].xml": b"<Types/>",
                                       "word/document.xml": b"<w:document/>"})
    assert archive.is_zip_archive(str(crawled)) and not archive.is_zip_archive(str(doc))
    files = sorted(str(f) for f in expand_paths([root]).files)
    assert files == sorted([str(doc), *(f"{crawled}/{p.name}" for p in TONGCHUAN[:2])])
    # a crawler's archive whose members have no suffix: a report's bytes are taken, a
    # picture's counted, as a folder walk sniffs a suffixless file
    site = _site_zip(tmp_path / "site.zip", {
        "gov/art/2024/content/7730215": TONGCHUAN[2].read_bytes(),
        "gov/art/2024/content/7730216": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64})
    found = expand_paths([site])
    assert [str(f) for f in found.files] == [f"{site}/gov/art/2024/content/7730215"]
    assert dict(found.ignored) == {"": 1}
    result = tag_paths([site], tmp_path / "c.sqlite", model=FakeTagger())
    assert (result.ok, result.failed) == (1, 0)


def test_damaged_zip_and_rar_say_what_to_do(tmp_path):
    root = tmp_path / "r"
    root.mkdir()
    z = _site_zip(root / "年报.zip", {p.name: p.read_bytes() for p in BAISHI})
    (root / "年报.zip").write_bytes(z.read_bytes()[:200])  # a download cut short
    (root / "省厅年报.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + zlib.compress(b"x" * 200))
    result = tag_paths([root], tmp_path / "c.sqlite", model=FakeTagger())
    got = {Path(f.path).name: (f.reason, f.message) for f in result.failures}
    assert got["年报.zip"][0] == "binary" and "download it again" in got["年报.zip"][1]
    assert got["省厅年报.rar"][0] == "unsupported_format"
    assert "7z x" in got["省厅年报.rar"][1] and "The Unarchiver" in got["省厅年报.rar"][1]
    with pytest.raises(UnsupportedFormatError, match="unzip -O GBK"):
        read_document(b"PK\x05\x06" + b"\x00" * 18, filename="x.zip")


def test_members_adding_up_past_the_total_cap_fail_the_zip_whole(tmp_path, monkeypatch):
    """Members each under the size limit and the ratio floor can still add up to a bomb
    (9,999 members of 1 MB stream 10 GB): the zip fails whole on its directory's sizes,
    none read; under the cap the same zip is read."""
    z = _site_zip(tmp_path / "打包下载.zip", {p.name: p.read_bytes() for p in XISHAN[:3]})
    declared = sum(len(p.read_bytes()) for p in XISHAN[:3])
    monkeypatch.setattr(archive, "MAX_TOTAL", declared - 1)
    result = tag_paths([z], tmp_path / "c.sqlite", model=FakeTagger())
    assert result.ok == 0
    assert [(f.path, f.reason) for f in result.failures] == [(str(z), "too_large")]
    assert "none read" in result.failures[0].message
    monkeypatch.setattr(archive, "MAX_TOTAL", declared)
    result = tag_paths([z], tmp_path / "c.sqlite", model=FakeTagger())
    assert result.ok == 3 and not result.failures
