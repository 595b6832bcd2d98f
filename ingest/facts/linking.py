"""Titles and awards named in a condition, with the grade and completer-rank limits that go with
each award: 国家自然科学奖或技术发明奖一等奖前三名完成人，或国家科学技术进步奖特等奖、一等奖前三名完成人
is two requirements, (自然科学奖, 技术发明奖; 一等奖; ≤3) and (科学技术进步奖; 特等奖, 一等奖; ≤3);
一等奖排名前六位，二等奖排名前三位 gives one requirement per grade.

Award names joined by 、/或/和 share the grade written after the last of them. Awards that have
no grades (国家最高科学技术奖) are never held to a grade limit. Names the resolver cannot link
are kept as unlinked mentions, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from graphapi.domain.entities import EntityResolver, Mention
from graphapi.domain.model import AwardRequirement, Provision, UnlinkedMention
from ingest.facts import numbers

GRADE_ORDER = ("特等奖", "一等奖", "二等奖", "三等奖", "四等奖")
_GRADE_CHAR = {"特": "特等奖", "一": "一等奖", "二": "二等奖", "三": "三等奖", "四": "四等奖", "1": "一等奖", "2": "二等奖", "3": "三等奖"}
_GRADE = re.compile(r"(?P<chars>[特一二三四123](?:\s*[、，,或和及与]\s*[特一二三四123])*)\s*等奖?(?P<above>\s*(?:及|或)?以上)?")
_RANK = re.compile(
    r"(?:排名|排序|位列|位居)?前\s*(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?:名|位)"
    r"|(?P<first>第一完成人|第一获奖人|第一完成者|第一名|第一位|(?:排名|排序|位列)第一)"
)
_ALTERNATIVE = re.compile(r"^(?:或者|或|以及|及)")
_JOINERS = frozenset({"", "、", "或", "和", "及", "与", "以及", "或者"})
_DEFINITION = re.compile(r"(?:本(?:办法|细则|规定|意见|方案)(?:中|所称|所指)的?)?(?P<term>[^，。；：:、“”（）()]{2,20}?)(?:是指|系指|指)[：:]")


@dataclass(slots=True)
class Linked:
    """What a condition's names refer to."""

    title_ids: list[str] = field(default_factory=list)
    awards: list[AwardRequirement] = field(default_factory=list)
    unlinked: list[tuple[str, str]] = field(default_factory=list)  # (text, "title" | "award")
    first_kind: str | None = None  # "title" or "award": the kind named first

    @property
    def empty(self) -> bool:
        return not (self.title_ids or self.awards)

    def add(self, other: Linked) -> None:
        for title_id in other.title_ids:
            if title_id not in self.title_ids:
                self.title_ids.append(title_id)
        for requirement in other.awards:
            if requirement not in self.awards:
                self.awards.append(requirement)
        self.unlinked += [u for u in other.unlinked if u not in self.unlinked]
        self.first_kind = self.first_kind or other.first_kind


@dataclass(slots=True)
class Linker:
    """Links the names in condition texts; `definitions` holds terms a policy defines
    (本办法中战略科学家级人才指：…)."""

    resolver: EntityResolver
    definitions: dict[str, Linked] = field(default_factory=dict)
    unlinked: list[UnlinkedMention] = field(default_factory=list)  # names in definitions that link to nothing
    _cache: dict[str, list[Mention]] = field(default_factory=dict)

    def mentions(self, text: str) -> list[Mention]:
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = self._one_name_each(self.resolver.find_mentions(text))
        return found

    def _one_name_each(self, mentions: list[Mention]) -> list[Mention]:
        """国家高层次人才特殊支持计划（“万人计划”）科技创新领军人才 is one name: a title class written
        just before a member of it (its short name in an aside between them) is not named apart."""
        titles = self.resolver.catalog.titles
        kept: list[Mention] = []
        for index, mention in enumerate(mentions):
            following = mentions[index + 1] if index + 1 < len(mentions) else None
            entity = mention.entity
            if (
                following is not None
                and entity is not None
                and following.entity is not None
                and mention.kind == following.kind == "title"
                and getattr(entity, "is_class", False)
                and following.start == mention.end
                and following.text.startswith(("（", "("))
                and entity.id in getattr(titles.get(following.entity.id), "member_of", ())
            ):
                continue
            kept.append(mention)
        return kept

    def link(self, text: str) -> Linked:
        linked = Linked()
        mentions = self.mentions(text)
        for mention in mentions:
            if linked.first_kind is None:
                linked.first_kind = mention.kind
            if mention.entity is None:
                if (mention.text, mention.kind) not in linked.unlinked:
                    linked.unlinked.append((mention.text, mention.kind))
            elif mention.kind == "title" and mention.entity.id not in linked.title_ids:
                linked.title_ids.append(mention.entity.id)
        linked.awards = self._award_requirements(text, [m for m in mentions if m.kind == "award" and m.entity])
        taken = [(m.start, m.end) for m in mentions]
        for term, meaning in self.definitions.items():
            at = text.find(term)
            if at != -1 and not any(a <= at < b for a, b in taken):
                # the defined entities, not the definition's unlinked names (they are cited where written)
                linked.add(Linked(meaning.title_ids, meaning.awards, [], meaning.first_kind))
        return linked

    def learn_definitions(self, provisions: Sequence[Provision]) -> None:
        """本办法中X指：A；B；C — X then stands for what A, B and C name. Names in a definition
        that no entity matches are kept in `unlinked`, cited at the definition."""
        for provision in provisions:
            match = _DEFINITION.search(provision.text)
            if match is None:
                continue
            meaning = self.link(provision.text[match.end() :])
            if not meaning.empty:
                self.definitions[match.group("term").strip()] = meaning
            for text, kind in meaning.unlinked:
                mention = UnlinkedMention(text, provision.id, kind)
                if mention not in self.unlinked:
                    self.unlinked.append(mention)

    # --- awards ---------------------------------------------------------------------------

    def _award_requirements(self, text: str, mentions: list[Mention]) -> list[AwardRequirement]:
        groups: list[list[Mention]] = []
        for index, mention in enumerate(mentions):
            if groups and text[groups[-1][-1].end : mention.start].strip() in _JOINERS:
                groups[-1].append(mention)
            else:
                groups.append([mention])
        ungraded: list[str] = []
        graded: list[AwardRequirement] = []
        order: list[tuple[int, AwardRequirement | None]] = []
        for group in groups:
            following = next((m.start for m in mentions if m.start >= group[-1].end), len(text))
            specs = grade_specs(_tail(text, group[-1].end, following))
            ids = list(dict.fromkeys(m.entity.id for m in group if m.entity))
            if not specs:
                ungraded += [i for i in ids if i not in ungraded]
                order.append((group[0].start, None))
                continue
            with_grades = [i for i in ids if self._has_grades(i)]
            without = [i for i in ids if not self._has_grades(i)]
            ungraded += [i for i in without if i not in ungraded]
            if without:
                order.append((group[0].start, None))
            for grades, max_rank in specs:
                chosen = with_grades if grades else ids
                if not grades and not chosen:
                    continue
                if grades and not with_grades:
                    continue
                if not grades:
                    ungraded[:] = [i for i in ungraded if i not in chosen]
                requirement = AwardRequirement(tuple(chosen), self._expand(grades, chosen), max_rank)
                graded.append(requirement)
                order.append((group[0].start, requirement))
        result: list[AwardRequirement] = []
        placed_ungraded = False
        for _, requirement in sorted(order, key=lambda item: item[0]):
            if requirement is None:
                if ungraded and not placed_ungraded:
                    result.append(AwardRequirement(tuple(ungraded)))
                    placed_ungraded = True
            elif requirement not in result:
                result.append(requirement)
        return result

    def _has_grades(self, award_id: str) -> bool:
        award = self.resolver.catalog.awards.get(award_id)
        return award is not None and (award.is_class or bool(award.grades))

    def _expand(self, grades: tuple[str, ...], award_ids: list[str]) -> tuple[str, ...]:
        """三等奖以上 -> 一、二、三等奖 (and 特等奖 where one of the awards has it)."""
        if not grades or not grades[-1].endswith("+"):
            return grades
        lowest = grades[-1].rstrip("+")
        has_special = any(
            "特等奖" in (self.resolver.catalog.awards[i].grades if i in self.resolver.catalog.awards else ())
            for i in award_ids
        )
        upto = GRADE_ORDER[: GRADE_ORDER.index(lowest) + 1]
        return tuple(g for g in upto if g != "特等奖" or has_special or lowest == "特等奖")


def _tail(text: str, start: int, stop: int) -> str:
    """The words after an award name that qualify it: up to the next alternative (，或 / ；),
    keeping （…） asides and comma-joined grade limits (一等奖排名前六位，二等奖排名前三位;
    一等奖前五名的完成人，或二等奖前二名的完成人)."""
    depth = 0
    for i in range(start, stop):
        char = text[i]
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(depth - 1, 0)
        elif depth == 0 and char in "；;。":
            return text[start:i]
        elif depth == 0 and char in "，,":
            # …一等奖排名前五名的完成人，或二等奖排名前二名的完成人: a grade alone after 或 is
            # another limit on the same awards
            rest = _ALTERNATIVE.sub("", text[i + 1 : stop].lstrip())
            if not _GRADE.match(rest):
                return text[start:i]
    return text[start:stop]


def grade_specs(tail: str) -> list[tuple[tuple[str, ...], int | None]]:
    """(grades, max rank) pairs written after an award name, in order.

    一等奖前三名 -> [(一等奖,), 3]; 特等奖、一等奖前三名 -> [((特等奖, 一等奖), 3)];
    一等奖排名前六位，二等奖排名前三位 -> [((一等奖,), 6), ((二等奖,), 3)];
    （排名前五位） -> [((), 5)]; 三等奖以上 -> [(("三等奖+",), None)] (expanded by the linker).
    """
    tokens: list[tuple[int, str, object]] = []
    for match in _GRADE.finditer(tail):
        chars = re.findall(r"[特一二三四123]", match.group("chars"))
        grades = tuple(_GRADE_CHAR[c] for c in chars)
        if match.group("above"):
            grades = (max(grades, key=GRADE_ORDER.index) + "+",)
        tokens.append((match.start(), "grade", grades))
    for match in _RANK.finditer(tail):
        rank = 1 if match.group("first") else numbers.to_int(match.group("n"))
        tokens.append((match.start(), "rank", rank))
    specs: list[tuple[tuple[str, ...], int | None]] = []
    pending: list[str] = []
    for _, kind, value in sorted(tokens, key=lambda t: t[0]):
        if kind == "grade":
            pending += [g for g in value if g not in pending]  # type: ignore[union-attr]
        else:
            specs.append((tuple(pending), value))  # type: ignore[arg-type]
            pending = []
    if pending:
        specs.append((tuple(pending), None))
    return specs


def resolve_loose(resolver: EntityResolver, name: str) -> str | None:
    """A title id for a short name written in an aside (院士除外): the resolver's match, else the
    one title class whose name ends with it (院士 -> 两院院士)."""
    name = name.strip("“”\"' ")
    match = resolver.resolve_title(name)
    if match is not None:
        return match.entity.id
    classes = [
        title.id
        for title in resolver.catalog.titles.values()
        if title.is_class and any(alias.endswith(name) for alias in (title.name, *title.aliases))
    ]
    return classes[0] if len(classes) == 1 else None
