"""Classes a policy of measures defines in one measure and names in the others.

    （一）实行分层分类认定。…引进的高层次人才分为第一层次（顶尖人才）、第二层次（领军人才）、第三层次（拔尖人才）…

defines three ranked classes (their conditions are set elsewhere). The other measures name them
by a list (全职引进的第一、二、三层次人才; 用人单位全职引进第一、二类人才的), by the name in brackets
(领军人才), or all of them at once by the name of the group (全职引进的高层次人才…): such a measure
grants to those classes, not to a class of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphapi.domain.model import Provision
from ingest.facts.programs import TierDraft, numbered_classes
from ingest.facts.readings import Span

_CN = "一二三四五六七八九十"
_GROUP = re.compile(r"(?P<group>[^，。；、的“”（）()]{2,10}?(?:人才|人员|专家|英才))(?:按[^，。；]{0,12})?分为")
# 第一、二、三层次人才 / 第一类、第二类人才 / 第一、二类
_NAMED_LIST = re.compile(
    rf"第(?P<list>[{_CN}](?:\s*(?:类|层次|档)?(?:人才)?\s*[、，,和及与或]\s*(?:第)?[{_CN}])*)\s*(?:类|层次|档)"
)


@dataclass(frozen=True, slots=True)
class Named:
    """Classes a stretch of text names, and where the naming is."""

    tiers: list[TierDraft]
    start: int
    end: int


@dataclass(slots=True)
class DefinedClasses:
    tiers: list[TierDraft]
    group: str | None  # the name of them all (高层次人才), if the definition gives one
    provision: Provision

    def named(self, text: str) -> Named | None:
        """The classes `text` names (the first naming): a list, a bracketed name, or the group."""
        by_label = {t.labels[0]: t for t in self.tiers if t.labels}
        listed = _NAMED_LIST.search(text)
        if listed:
            chosen = [by_label[ch] for ch in re.findall(rf"[{_CN}]", listed.group("list")) if ch in by_label]
            if chosen:
                return Named(chosen, listed.start(), listed.end())
        glossed = sorted(
            ((text.find(name), name, tier) for tier in self.tiers for name in tier.short_names if name in text),
            key=lambda found: found[0],
        )
        if glossed:
            at = glossed[0][0]
            chosen = list(dict.fromkeys(tier for _, _, tier in glossed))
            return Named(chosen, at, max(a + len(n) for a, n, _ in glossed))
        if self.group and self.group in text:
            at = text.find(self.group)
            return Named(list(self.tiers), at, at + len(self.group))
        return None


def defined_classes(items: list[Provision]) -> DefinedClasses | None:
    """The classes one measure of the policy defines (分为第一层次（顶尖人才）、第二层次（…）…)."""
    for item in items:
        tiers = numbered_classes(item)
        if not tiers:
            continue
        group = _GROUP.search(item.text[: item.text.find("分为") + 2])
        name = re.sub(r"^.*?(?:所称|所指|是指)", "", group.group("group")) if group else None  # 本措施所称高层次人才
        return DefinedClasses(tiers, name if name and len(name) >= 2 else None, item)
    return None


def names_people(span: Span) -> bool:
    """Whether a target names whom a grant is for (…毕业生, 博士研究生, 团队), not only a
    condition on those the sentence already named (服务期满考核合格的)."""
    return bool(_PEOPLE.search(span.text))


_PEOPLE = re.compile(
    r"人才|人员|人选|者|专家|毕业生|研究生|学生|博士|硕士|本科|团队|教师|医生|医师|干部|职工|工匠|农民|带头人|英才|单位|企业|机构"
    r"|获得|获评|荣获|入选|称号"  # 对新获得全国技术能手称号的: who holds a title
)
