"""Fact ids: readable, deterministic, and their kind recoverable from their shape."""

from __future__ import annotations

import pytest

from graphapi.domain.regions import default_regions
from ingest.facts import ids


def test_program_ids_drop_region_names_and_glosses():
    regions = default_regions()
    assert ids.program_id("官渡高层次人才（团队）", "官渡区", regions) == "program:gd-gccrc"
    assert ids.program_id("云南省“千人计划”", "云南省", regions) == "program:yn-qrjh"
    # the same program named in two policies (with or without quotes) gets one id
    assert ids.program_id("云南省千人计划", "云南省", regions) == ids.program_id("云南省“千人计划”", "云南省", regions)


def test_builders_and_kinds():
    tier = ids.tier_id("program:gd-gccrc", "A")
    assert tier == "program:gd-gccrc/A"
    assert ids.criterion_id(tier, 3) == "program:gd-gccrc/A#c03"
    assert ids.benefit_id(tier, 12) == "program:gd-gccrc/A#b12"
    assert ids.relaxation_id(tier, 1) == "program:gd-gccrc/A#r01"
    assert ids.rule_id("gd-zcgccrcyj", 4) == "gd-zcgccrcyj#s04"
    assert [ids.kind_of(i) for i in ("program:gd-gccrc", tier, f"{tier}#c01", f"{tier}#r01", f"{tier}#b01", "gd-x#s01")] == [
        "program", "tier", "criterion", "relaxation", "benefit", "rule"
    ]


def test_kind_of_refuses_other_ids():
    with pytest.raises(ValueError, match="not a fact id"):
        ids.kind_of("title:cas-academician")


def test_tier_codes_are_unique_in_a_program():
    codes = ids.tier_codes(["高层次人才（刚性引进）", "高层次人才（柔性引进）", "团队"], [None, None, "TEAM"])
    assert len(set(codes)) == 3 and codes[2] == "TEAM"
