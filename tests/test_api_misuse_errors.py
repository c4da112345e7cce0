"""Python API misuse gets an error that says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import load_report
from nlp_reports.corpus import audit, summarize, tag_paths

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for p in sorted(EXAMPLES.glob("*.txt"))[:4]:
        (folder / p.name).write_bytes(p.read_bytes())
    db = folder / "c.db"
    tag_paths([folder], db, model=FakeTagger())
    return db


def test_by_as_one_string_groups_by_that_key(db):
    assert summarize(db, by="year").by == ("year",)
    assert list(summarize(db, by="year").overview.columns)[0] == "year"


def test_untagged_reports_are_refused_with_what_to_do():
    report = load_report(sorted(EXAMPLES.glob("*.txt"))[0])
    with pytest.raises(TypeError, match="tag the reports first"):
        summarize([report])


def test_audit_outputs_create_their_folders(db, tmp_path):
    a = audit(db)
    csv = a.to_csv(tmp_path / "new" / "deeper" / "audit.csv")
    assert csv.read_text(encoding="utf-8-sig").startswith("report_id,")
    a.to_html(tmp_path / "other" / "audit.html")
    assert (tmp_path / "other" / "audit.html").stat().st_size > 1000


def test_a_wrong_table_id_names_the_valid_ones():
    report = load_report(sorted(EXAMPLES.glob("*.txt"))[0])
    t3 = report.table("table3")
    assert t3.get("1", "total") is not None
    with pytest.raises(KeyError, match="table3 has no row '99'; its rows are: 1, 2"):
        t3.get("99", "total")
    with pytest.raises(KeyError, match="no column 'legal_subtotal'; its columns are: "):
        t3.get("1", "legal_subtotal")


def test_filename_may_be_a_path_and_a_wrong_type_is_a_type_error():
    """``filename=`` beside bytes names the format; given the Path the bytes were read from
    (``load_report(p.read_bytes(), filename=p)``) it raised AttributeError ('PosixPath' object
    has no attribute 'split') from the suffix test, and so did an int."""
    from nlp_reports import load_reports

    page = next(p for p in sorted(EXAMPLES.iterdir()) if p.suffix == ".html")
    by_name = load_report(page.read_bytes(), filename=page.name)
    by_path = load_report(page.read_bytes(), filename=page)
    assert by_path.metadata.source_format == by_name.metadata.source_format == "html"
    assert by_path.to_dict()["statements"] == by_name.to_dict()["statements"]
    assert [type(r) for r in load_reports(page.read_bytes(), filename=page)] == [type(by_name)]
    with pytest.raises(TypeError, match="filename= takes a str or path, not int"):
        load_report(page.read_bytes(), filename=5)
