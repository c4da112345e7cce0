"""The bundled example corpus (examples/corpus/) against what examples/make_corpus.py wrote.

Expectations come from the generator's own data (AGENCIES, PROBLEMS, MEASURES, LEAD_INS)
and from the raw files, never from the generator's random functions: every statement of
section 五 must be one pool text or a lead-in, in the order the file has them, with the
block of the pool it came from.
"""

from __future__ import annotations

import html
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from nlp_reports import load_report

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "make_corpus.py"
CORPUS = ROOT / "examples" / "corpus"


def _generator():
    spec = importlib.util.spec_from_file_location("_make_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["_make_corpus"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


MC = _generator()
POOL = {t: "problem" for _, t in MC.PROBLEMS} | {t: "measure" for _, t in MC.MEASURES}
CASES = [(agency, year) for agency in MC.AGENCIES for year in agency.years]
NUMS = "一二三四五六七八"
MARKERS = {
    "yishi": lambda i: {f"{NUMS[i]}是"},
    "paren": lambda i: {f"({NUMS[i]})", f"（{NUMS[i]}）"},
    "arabic": lambda i: {f"{i + 1}.", f"{i + 1}．"},
    "circled": lambda i: {"①②③④⑤⑥⑦⑧"[i]},
    "prose": lambda i: {None},
}


def _path(agency, year) -> Path:
    ext = "html" if agency.style == "html" else "txt"
    return CORPUS / f"{agency.name}{year}年政府信息公开工作年度报告.{ext}"


def _raw(agency, year) -> str:
    data = _path(agency, year).read_bytes()
    text = data.decode("gb18030" if agency.style == "gb18030" else "utf-8")
    return html.unescape(text) if agency.style == "html" else text


def _expected_section5(agency, year) -> list[tuple[str, str]]:
    """(text, block) of every pool text / lead-in in the file's section 五, in file order."""
    raw = _raw(agency, year)
    start = re.search(r"五、[^\n<]*存在的主要问题及改进情况", raw).end()
    end = raw.index("六、其他需要报告的事项", start)
    body = raw[start:end]
    found = []
    for text, block in POOL.items():
        found += [(m.start(), text, block) for m in re.finditer(re.escape(text), body)]
    for lead in MC.LEAD_INS:
        found += [(m.start(), lead, "problem") for m in re.finditer(re.escape(lead), body)]
    for m in re.finditer(rf"{year + 1}年,{re.escape(agency.short)}将着力做好以下工作", body):
        found.append((m.start(), m.group(), "measure"))
    found.sort()
    # no pool text inside another one: each occurrence is a statement of its own
    assert all(a[0] + len(a[1]) <= b[0] for a, b in zip(found, found[1:], strict=False))
    return [(text, block) for _, text, block in found]


def _ids(case):
    agency, year = case
    return f"{agency.name}-{year}"


@pytest.fixture(scope="module", params=CASES, ids=[_ids(c) for c in CASES])
def parsed(request):
    agency, year = request.param
    if not _path(agency, year).exists():
        pytest.skip("example corpus not built")
    return agency, year, load_report(_path(agency, year))


def test_the_corpus_has_every_report_the_generator_writes():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(_path(a, y).name for a, y in CASES)


def test_six_sections_and_no_layout_problem(parsed):
    _, _, report = parsed
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    codes = {p.code for p in report.errors}
    assert not codes & {"missing_section", "unmapped_section", "no_title", "no_headings"}


def test_metadata(parsed):
    agency, year, report = parsed
    md = report.metadata
    assert (md.agency, md.year, md.level) == (agency.name, year, agency.level)
    assert md.format == ("2019" if year < 2021 else "2021")
    stated = re.search(r"发布(?:时间|日期):(\d{4}-\d{2}-\d{2})", _raw(agency, year)).group(1)
    assert md.published == stated
    assert md.source_format == ("html" if agency.style == "html" else "txt")
    # the region is the place names heading the agency's name (the texts never name the
    # province of a lower agency); without a township/street it ends the generator's region
    assert md.region and agency.name.startswith(md.region)
    upper = re.sub(r"[\u4e00-\u9fff]{1,8}?(?:乡|镇|街道)$", "", md.region)
    assert agency.region.endswith(upper)
    if agency.level not in ("township", "street"):
        assert upper == md.region


def test_section5_statements_are_what_the_generator_wrote(parsed):
    agency, year, report = parsed
    want = _expected_section5(agency, year)
    got = [(s.text.rstrip("。:："), s.block) for s in report.statements]
    assert got == want
    assert [s.index for s in report.statements] == list(range(len(want)))


def test_section5_markers_follow_the_numbering_style(parsed):
    agency, _, report = parsed
    i = 0
    block = None
    for s in report.statements:
        if s.text.rstrip("。:：") not in POOL:
            assert s.marker is None  # a lead-in
            continue
        if s.block != block:
            block, i = s.block, 0
        assert s.marker in MARKERS[agency.numbering](i), (s.marker, s.text)
        i += 1
    unsplit = any(p.code == "statements_unsplit" for p in report.errors)
    assert unsplit == (agency.numbering == "prose")


def test_agencies_that_copy_last_year_keep_most_statements():
    for agency in MC.AGENCIES:
        if not agency.copies_last_year or not _path(agency, agency.years[0]).exists():
            continue
        texts = [[s.text for s in load_report(_path(agency, y)).statements if s.marker]
                 for y in agency.years]  # the lead-in is drawn afresh each year
        for before, after in zip(texts, texts[1:], strict=False):
            assert len(before) == len(after)
            assert sum(a != b for a, b in zip(before, after, strict=True)) <= 1
