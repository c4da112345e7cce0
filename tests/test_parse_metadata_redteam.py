"""Metadata of agency names found by red-teaming with reports written by an outsider."""

from __future__ import annotations

import pytest

from nlp_reports.parse import metadata as meta


@pytest.mark.parametrize(("agency", "region"), [
    # a vertically managed branch: the central agency's name is no place
    ("国家税务总局青禾市税务局", "青禾市"),
    ("国家税务总局云岭县税务局", "云岭县"),
    ("国家税务总局", None),
])
def test_region_of_a_central_agency_branch(agency, region):
    assert meta.region_of(agency) == region
