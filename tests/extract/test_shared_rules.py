"""Rules two readers share: numbered classes (a catalogue's article and a policy's measure read
them alike), the wording of a non-cash grant, and the words for "the selected" (入选者)."""

from __future__ import annotations

from graphapi.domain.model import Provision, ProvisionKind
from ingest.facts.benefits import is_service_part
from ingest.facts.classes import defined_classes
from ingest.facts.programs import numbered_classes
from ingest.facts.stacking import is_bar


def _item(text: str, provision_id: str = "x-2025/sec_1__item_1") -> Provision:
    return Provision(provision_id, "x-2025", ProvisionKind.ITEM, "（一）", 1, text, text, 0)


def test_numbered_classes_are_read_after_the_word_that_divides_them():
    item = _item("本办法所称高端人才分为第一类（杰出人才）、第二类（优秀人才）、第三类（青年人才），具体标准另行制定。")
    tiers = numbered_classes(item)
    assert [(t.code, t.labels, t.short_names) for t in tiers] == [
        ("L1", ("一",), ("杰出人才",)),
        ("L2", ("二",), ("优秀人才",)),
        ("L3", ("三",), ("青年人才",)),
    ]
    assert {t.cited_in for t in tiers} == {item.id}
    assert tiers[0].name == "第一类（杰出人才）"


def test_letters_and_stems_number_classes_too():
    assert [t.code for t in numbered_classes(_item("人才分为A类（国际顶尖人才）、B类（国家级领军人才）。"))] == ["A", "B"]
    assert [t.code for t in numbered_classes(_item("人才分为甲类（领军人才）、乙类（骨干人才）。"))] == ["L1", "L2"]


def test_one_class_or_classes_before_the_division_are_no_list():
    assert numbered_classes(_item("人才分为第一类（杰出人才），按规定给予支持。")) == []
    assert numbered_classes(_item("对第一类（杰出人才）、第二类（优秀人才）给予支持。")) == []
    # the same class named twice is one code, not two classes
    assert numbered_classes(_item("人才分为第一类（杰出人才）；第一类（杰出人才）另行认定。")) == []


def test_a_measure_that_defines_numbered_classes_names_their_group():
    other = _item("对全职引进的高端人才给予安家补贴。", "x-2025/sec_1__item_2")
    defining = _item("实行分层认定。本措施所称高端人才分为第一层次（顶尖人才）、第二层次（领军人才）。", "x-2025/sec_1__item_3")
    classes = defined_classes([other, defining])
    assert classes is not None
    assert classes.provision is defining
    assert classes.group == "高端人才"
    assert [t.short_names for t in classes.tiers] == [("顶尖人才",), ("领军人才",)]
    named = classes.named("全职引进的第一、二层次人才可申请入住人才公寓")
    assert named is not None and [t.code for t in named.tiers] == ["L1", "L2"]


def test_a_measure_without_numbered_classes_defines_none():
    assert defined_classes([_item("高层次人才分为两类，具体标准另行制定。")]) is None


def test_service_wording_is_what_a_person_may_apply_for_or_is_arranged_first():
    assert is_service_part("入选人才可申请入住人才公寓")
    assert is_service_part("子女入学优先安排")
    assert not is_service_part("入选人才子女入学问题")  # a service word, but nothing granted


def test_every_word_for_the_selected_opens_a_bar():
    for who in ("入选者", "入选人才", "入选人员", "入选对象", "培养对象"):
        assert is_bar(f"{who}不得申报市级其他人才培养项目资助"), who
    assert not is_bar("申报人不得申报市级其他人才培养项目资助")
