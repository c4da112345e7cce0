"""A provincial 政务公开办 reviewer audits her agencies' store from the terminal.

She reads only Chinese: ``audit --db`` used to open with an English headline over a
35-column table, the Chinese counts only in the HTML and in ``audit FILE …``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _corpus_helpers import make_report, store_of  # noqa: E402

from nlp_reports.cli import main  # noqa: E402
from nlp_reports.corpus import audit  # noqa: E402


def _store(tmp_path: Path) -> Path:
    fee_township = make_report(
        "澄江省枫林市鹤溪县石门镇人民政府", 2024,
        ["镇政府门户专栏长期未更新，部分栏目为空"],
        ["明确专栏维护责任人，每月检查栏目更新情况"], level="township", region="澄江省")
    sound = make_report(
        "澄江省枫林市松阳县司法局", 2024,
        ["法律援助和公证办理指南更新不及时"],
        ["每年集中修订一次法律援助和公证办理指南"], level="department", region="澄江省")
    empty5 = make_report("澄江省枫林市鹤溪县柘塘乡人民政府", 2024, [], [],
                         level="township", region="澄江省")
    return store_of(tmp_path / "s.sqlite", {"/d/石门镇2024.docx": fee_township,
                                            "/d/司法局2024.wps": sound,
                                            "/d/柘塘乡2024.pdf": empty5})


def test_store_audit_opens_with_the_chinese_counts_then_the_english(tmp_path, capsys):
    db = _store(tmp_path)
    checked = audit(db)
    c = checked.counts()
    md = checked.to_markdown()
    first, second = md.split("\n\n")[1:3]
    assert first.startswith(f"共3份报告：有缺陷的{c['with_defects']}份")
    assert c["with_defects"] >= 1  # 柘塘乡's empty 五 is a defect
    assert second.startswith("3 reports.")
    # the CLI prints the same: Chinese headline before the table, findings still at the end
    assert main(["audit", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Audit\n\n共3份报告：")
    assert out.index("共3份报告") < out.index("3 reports.") < out.index("## Reports (3)")
    assert out.index("## Reports (3)") < out.index("## 审查意见")


def test_counts_per_folder_open_with_the_chinese_counts(tmp_path, capsys):
    db = _store(tmp_path)
    assert main(["audit", "--db", str(db), "--by", "level"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Audit by level\n\n共3份报告：")
    assert out.index("共3份报告") < out.index("3 reports.") < out.index("| level 层级")


def test_agencies_that_filed_nothing_go_to_excel_with_chinese_headers(tmp_path, capsys):
    # 生态环境分局 filed for 2023 but not 2024: the list she sends upward
    last_year = make_report("澄江省枫林市青湾区生态环境分局", 2023,
                            ["环境监测数据公开不够及时"], ["按月公开监测数据"],
                            level="department", region="澄江省")
    filed = make_report("澄江省枫林市青湾区审计局", 2024, ["审计整改结果公开不全"],
                        ["整改结果逐项公开"], level="department", region="澄江省")
    db = store_of(tmp_path / "s.sqlite", {"/d/生态2023.pdf": last_year, "/d/审计2024.pdf": filed})
    out = tmp_path / "未报送.csv"
    assert main(["audit", "--db", str(db), "--year", "2024", "--missing-csv", str(out),
                 "--headers", "zh"]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "年度,机关,最近报告年度,文件夹,说明"
    assert lines[1].startswith("2024,澄江省枫林市青湾区生态环境分局,2023,")
    # the default keeps the ids scripts read
    assert main(["audit", "--db", str(db), "--year", "2024", "--missing-csv", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "year,agency,latest_year,folder,note"
    capsys.readouterr()
    # on the screen the Chinese headline names it once; the English one counts it
    assert main(["audit", "--db", str(db), "--year", "2024"]) == 0
    screen = capsys.readouterr().out
    head = screen[:screen.index("## Reports")]
    assert head.count("澄江省枫林市青湾区生态环境分局") == 1
    assert head.index("澄江省枫林市青湾区生态环境分局（2023）") < head.index("no report on 2024 from 1 agency")
