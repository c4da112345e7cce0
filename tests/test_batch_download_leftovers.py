"""A data journalist's folder of everything her
browser and crawler left, read with ``nlp-reports tag``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from nlp_reports.corpus.batch import tag_paths
from nlp_reports.corpus.files import MAC_METADATA
from nlp_reports.corpus.summarize import rename_candidates

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORT = FIXTURES / "doc13" / "city_2021.docx"


def test_a_browsers_unfinished_download_fails_with_its_reason_not_passed_over(tmp_path):
    """Chrome leaves '未确认 518204.crdownload' (a name that says nothing of the report) and
    Firefox '….pdf.part' when a download stops: a walk counted them among the files it does
    not read (".crdownload 1"), so the report they were to be was missing with no file named.
    They are taken and fail with what their bytes are, as a named file did."""
    folder = tmp_path / "下载"
    folder.mkdir()
    shutil.copy(REPORT, folder / "城市2021年报.docx")
    data = REPORT.read_bytes()
    (folder / "未确认 518204.crdownload").write_bytes(data[: len(data) * 2 // 5])
    (folder / "县卫健局2022年政府信息公开工作年度报告.pdf.part").write_bytes(b"")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(64))
    result = tag_paths(folder, tmp_path / "s.sqlite")
    assert result.ok == 1
    failed = {Path(f.path).name: f for f in result.failures}
    assert set(failed) == {"未确认 518204.crdownload", "县卫健局2022年政府信息公开工作年度报告.pdf.part"}
    cut = failed["未确认 518204.crdownload"]
    assert cut.reason == "binary" and "re-download" in cut.message
    assert failed["县卫健局2022年政府信息公开工作年度报告.pdf.part"].reason == "empty"
    ignored = dict(result.ignored)
    assert ".crdownload" not in ignored and ".part" not in ignored
    assert sum(ignored.values()) == 1  # the .DS_Store, still only counted


def test_the_finders_ds_store_is_counted_as_macos_metadata(tmp_path):
    """A Mac user's every folder holds a .DS_Store: the end-of-run line called them "no suffix
    and no report content 2", as if a crawler's file had been passed over."""
    folder = tmp_path / "downloads"
    (folder / "青川县").mkdir(parents=True)
    shutil.copy(REPORT, folder / "青川县" / "城市2021年报.docx")
    for f in (folder / ".DS_Store", folder / "青川县" / ".DS_Store"):
        f.write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(64))
    (folder / "content_7730215").write_bytes(b"\x00\x01binary" * 8)  # a crawler's file
    result = tag_paths(folder, tmp_path / "s.sqlite")
    assert (result.ok, result.failed) == (1, 0)
    assert dict(result.ignored) == {MAC_METADATA: 2, "": 1}
    assert "macOS metadata 2" in result.summary_line()
    assert "no suffix and no report content 1" in result.summary_line()


def test_a_city_management_bureau_renamed_for_enforcement_is_hinted():
    """溪州市城市管理局 (2022) reported as 溪州市城市管理和综合执法局 in 2023, section 五 copied
    whole: no hint named the pair, so the copy went unseen and the agency counted twice. The
    综合行政执法改革's renames are hinted as the 机构改革's are; a county's 城管局 become its
    综合行政执法局 too, and a new enforcement bureau beside a city management bureau reporting
    the same year is not."""
    reports = pd.DataFrame({"agency": ["溪州市城市管理局", "溪州市城市管理和综合执法局",
                                       "青川县城管局", "青川县综合行政执法局",
                                       "石渠县城市管理局", "石渠县城市管理局",
                                       "石渠县综合行政执法局", "溪州市财政局", "溪州市财政局"],
                            "year": [2022, 2023, 2021, 2023, 2022, 2023, 2023, 2022, 2023]})
    assert rename_candidates(reports) == [
        ("溪州市城市管理局", (2022, 2022), "溪州市城市管理和综合执法局", (2023, 2023)),
        ("青川县城管局", (2021, 2021), "青川县综合行政执法局", (2023, 2023))]
