"""Policy and reference ids: readable, deterministic, from content only."""

from __future__ import annotations

import pytest

from ingest.documents import parse_text
from ingest.ids import (
    SLUG_LIMIT,
    distinctive_part,
    initials,
    policy_id,
    reference_target_id,
    region_code,
    title_slug,
    unique,
)
from tests.ingest.support import corpus_path


@pytest.mark.parametrize(
    ("name", "code"),
    [("官渡区", "gd"), ("云南省", "yn"), ("昆明市", "km"), ("东川区", "dc"), ("深圳市", "sz"),
     ("红河哈尼族彝族自治州", "hh"), ("内蒙古自治区", "nmg"), ("石林彝族自治县", "sl")],
)
def test_region_codes(name, code):
    assert region_code(name) == code


def test_initials_keep_ascii_letters_and_digits():
    assert initials("千人计划6个专项") == "qrjh6gzx"
    assert initials("E类（青年）") == "elqn"


@pytest.mark.parametrize(
    ("title", "part"),
    [
        ("云南省千人计划“高层次人才”专项实施细则（试行）", "千人计划高层次人才"),
        ("中国（云南）自由贸易试验区昆明片区（官渡区）支持高层次人才（团队）引进的实施办法（试行）", "支持高层次人才引进"),
        ("深圳市杰出人才培养专项实施办法", "杰出人才培养"),
        ("关于实施人才振兴计划促进东川高质量发展的意见（试行）", "实施人才振兴计划促进高质量发展"),
        ("云南省人才工作领导小组关于印发云南省“千人计划”（高层次人才引进）6个专项实施细则的通知", "千人计划6个通知"),
    ],
)
def test_distinctive_part_of_a_title(title, part):
    assert distinctive_part(title) == part


def test_policy_ids():
    assert policy_id("云南省千人计划“高层次人才”专项实施细则（试行）", "云南省", 2018) == "yn-2018-qrjhgccrc"
    assert policy_id("深圳市杰出人才培养专项实施办法（征求意见稿）", "深圳市", None) == "sz-jcrcpy"
    assert policy_id("人才公寓管理办法", None, None) == "rcgy"


def test_long_slugs_keep_head_and_tail():
    slug = title_slug("关于《昆明市中青年学术和技术带头人及后备人选选拔培养考核实施细则》的编制说明")
    assert len(slug) == SLUG_LIMIT and slug.endswith("bzsm")


def test_reference_target_ids():
    title = "云南省“千人计划”实施办法（试行）"
    assert reference_target_id(title, "云厅字〔2018〕11号") == "yn-2018-qrjh" == policy_id(title, "云南省", 2018)
    assert reference_target_id(title, "云厅字〔2018〕11号") == reference_target_id(title, "云厅字[2018]11号")
    assert reference_target_id(None, "昆科规〔2019〕2号") == "kkg-2019-2"
    assert reference_target_id(None, "昆明市人民政府令第142号") == "kmsrmzfl-142"
    with pytest.raises(ValueError):
        reference_target_id(None, None)


def test_unique_suffixes_repeats_deterministically():
    assert unique(["a", "b", "a", "a", "a-2"]) == ["a", "b", "a-2", "a-3", "a-2-2"]


def test_ids_do_not_depend_on_the_file_name():
    text = corpus_path("003").read_text(encoding="utf-8")
    one, other = parse_text(text, "one.txt"), parse_text(text, "elsewhere/other.txt")
    assert [p.id for pp in one.policies for p in pp.provisions] == [p.id for pp in other.policies for p in pp.provisions]


def test_policies_with_the_same_title_in_one_document_get_distinct_ids():
    text = "\n".join([
        "某区人才工作领导小组关于印发人才公寓管理办法的通知",
        "各单位：现将人才公寓管理办法印发给你们。",
        "2021年5月6日",
        "人才公寓管理办法",
        "第一条 为规范管理，制定本办法。",
        "人才公寓管理办法",
        "第一条 为规范人才公寓租金，制定本办法。",
    ])
    ids = [pp.policy.id for pp in parse_text(text, "x").policies]
    assert ids == ["2021-rcgytz", "2021-rcgy", "2021-rcgy-2"]


def test_a_citation_of_a_loaded_policy_gets_its_id_and_title():
    """A document citing one of the 004 rules by title and 文号 points at the rule's own id,
    and a citation in traditional characters with a draft marker matches 003's title."""
    from ingest.metadata import normalize_title
    from tests.ingest.support import parsed_corpus

    _, *rules = parsed_corpus("004").policies
    for rule in rules:
        cited_as = rule.policy.title.replace("专项实施细则", "专项 实施细则").replace("（试行）", "(试行)")
        assert normalize_title(cited_as) == rule.policy.title
        assert reference_target_id(cited_as, "云党人才[2018]4号") == rule.policy.id
    (shenzhen,) = parsed_corpus("003").policies
    assert normalize_title("深圳市杰出人才培養專項實施辦法（征求意見稿）") == shenzhen.policy.title
