"""A report published as a picture (a township's scan saved as "…年度报告.jpg") is a report
that cannot be read: a folder walk takes an image whose name says it is a report, and the
batch records it as failed with what to do (find the text, or run OCR), so that the run's
exit code and the store's ``files`` table say a report is missing. Other images in a folder
of reports (figures, logos) stay passed over. Before, every image was passed over, and a
folder whose only copy of a report was a .jpg ended with "0 failed"."""

from __future__ import annotations

import base64
import shutil
import sqlite3
from pathlib import Path

from nlp_reports.corpus.batch import tag_paths
from nlp_reports.corpus.files import expand_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
REPORT = EXAMPLES / "云岭市东城区人民政府2021年政府信息公开工作年度报告.txt"
#: A 1×1 PNG: what a phone or a scanner gives, in little
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhg"
                       "GAWjR9awAAAABJRU5ErkJggg==")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "县乡年报"
    folder.mkdir()
    shutil.copy(REPORT, folder / REPORT.name)
    (folder / "白塔乡人民政府2023年政府信息公开工作年度报告.jpg").write_bytes(PNG)
    (folder / "石门镇2024年年报（图片版）.PNG").write_bytes(PNG)
    (folder / "附图1.png").write_bytes(PNG)  # a figure: no report
    (folder / "logo.gif").write_bytes(b"GIF89a")
    return folder


def test_walk_takes_images_named_as_reports_only(tmp_path):
    found = expand_paths([_folder(tmp_path)])
    names = sorted(p.name for p in found.files)
    assert names == sorted([REPORT.name, "白塔乡人民政府2023年政府信息公开工作年度报告.jpg",
                            "石门镇2024年年报（图片版）.PNG"])
    assert found.ignored.get(".png") == 1 and found.ignored.get(".gif") == 1


def test_an_image_named_as_a_report_is_recorded_as_failed(tmp_path):
    db = tmp_path / "s.sqlite"
    result = tag_paths(_folder(tmp_path), db)
    assert result.ok == 1 and result.failed == 2
    assert {Path(f.path).suffix for f in result.failures} == {".jpg", ".PNG"}
    assert all(f.reason == "unsupported_format" and "OCR" in f.message for f in result.failures)
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT path, status FROM files ORDER BY path").fetchall()
    assert sorted(status for _, status in rows) == ["failed", "failed", "ok"]
    assert not any(p.endswith("附图1.png") for p, _ in rows)


def test_a_year_followed_by_another_word_of_bao_is_no_report(tmp_path):
    """"年报" read across a year ("2023年" + 报名 / 报送 / 报价 / 报表) is no annual report:
    a sign-up form or a submission list saved as a picture is counted with the other images,
    not failed as a report that needs OCR; "…2023年报.png", "…公开年报第1页.jpg" and an older
    title's "…2013年度政府信息公开工作报告.jpg" are."""
    folder = tmp_path / "下载"
    folder.mkdir()
    others = ["2023年报名表.jpg", "2023年报送材料清单.png", "二〇二三年报价单.jpg",
              "2024年报表汇总.png", "2022年报刊订阅.jpeg"]
    reports = ["青山镇2023年报.png", "政务公开年报第1页.jpg", "青山镇2023年年报-2.jpg",
               "青山镇2013年度政府信息公开工作报告.jpg", "卫生局2015年政府信息公开报告扫描件.png"]
    for name in others + reports:
        (folder / name).write_bytes(PNG)
    found = expand_paths([folder])
    assert sorted(p.name for p in found.files) == sorted(reports)
    assert sum(found.ignored.values()) == len(others)


def test_a_reports_figures_and_its_preview_beside_it_are_no_reports(tmp_path):
    # a saved page's pictures named after the report, and a preview image of a report that
    # stands beside it as text: counted, never a failed report (the run would exit 1)
    folder = tmp_path / "市直部门"
    folder.mkdir()
    shutil.copy(REPORT, folder / REPORT.name)
    stem = REPORT.name[: -len(".txt")]
    for name in (f"{stem}附图1.png", f"{stem} 截图.jpg", f"{stem}图2.PNG", f"{stem}.jpg",
                 "青山县2022年度政府信息公开工作报告封面.jpeg"):
        (folder / name).write_bytes(PNG)
    (folder / "桃源镇2023年政府信息公开工作年度报告.png").write_bytes(PNG)  # the only copy
    found = expand_paths([folder])
    assert sorted(p.name for p in found.files) == sorted(
        [REPORT.name, "桃源镇2023年政府信息公开工作年度报告.png"])
    assert found.ignored.get(".png") == 2 and found.ignored.get(".jpg") == 2
    assert found.ignored.get(".jpeg") == 1


def test_figures_named_by_what_they_draw_are_no_reports(tmp_path):
    # a flowchart, an organisation chart, a chart of the year's figures or an infographic
    # saved beside the report under its title: a picture in (or about) a report, never the
    # report itself; a page image, a long image or a scan of the report still is one
    folder = tmp_path / "区政府信息公开"
    folder.mkdir()
    figures = ["临江区2023年政府信息公开工作年度报告-流程图.png",
               "临江区2023年政府信息公开工作年度报告_示意图.jpg",
               "临江区2023年政府信息公开工作年度报告（二维码）.png",
               "市卫健委2022年度政府信息公开工作报告 组织架构图.jpg",
               "2023年度信息公开工作年报统计图.png",
               "图解：西河镇2023年政府信息公开工作年度报告.jpeg",
               "一图读懂丨南湖街道2024年政务公开年度报告.webp",
               "2021年政府信息公开年度报告依申请公开办理流程图.gif"]
    reports = ["东坪乡2023年政府信息公开工作年度报告（第1页）.jpg",
               "市图书馆2023年政府信息公开工作年度报告.png",
               "柳溪镇人民政府2022年度政府信息公开工作报告长图.jpg",
               "县统计局2024年政府信息公开年报.png"]
    for name in figures + reports:
        (folder / name).write_bytes(PNG)
    found = expand_paths([folder])
    assert sorted(p.name for p in found.files) == sorted(reports)
    assert sum(found.ignored.values()) == len(figures)
