"""Canonical titles and awards, and the linker that maps names written in policies onto them.

`Catalog` holds the gazetteer (data/gazetteer/titles.yaml, awards.yaml). `EntityResolver`
answers three questions over it, all pure and in memory:

- which entity does a name denote (`resolve_title`, `resolve_award`, `search_titles`);
- which names does a provision's text mention (`find_mentions`), linked or not;
- what else does holding an entity count as (`equivalent_titles`, `award_classes`).

Matching. A name is normalised (`graphapi.domain.text.normalize`: opencc t2s, NFKC, no
quotes/brackets/spaces) and reduced to its core by stripping holder words (获得者, 入选者,
入选, 享受, 项目资助 …) and award grades (一等奖 …). An alias whose core equals the name's core
is an exact match (score 100). Otherwise rapidfuzz compares the core with every alias core
using `DEFAULT_SCORER`, keeps candidates scoring at least `DEFAULT_THRESHOLD`, and accepts the
best one that passes the guards.

Guards. Near-names of different things differ in a few discriminating words, so a fuzzy
candidate is accepted only when, for every group in `DISCRIMINATING_TERMS` and for the scope
(regions named, 国家/全国, 省部级/省级, 发达国家 …), the name and the candidate alias contain
the same classes of terms: 云南省自然科学奖 never becomes 国家自然科学奖 (scope), 长江学者讲座教授
never becomes 特聘教授 (role), 中国工程院院士 never becomes 中国科学院院士 (academy). Two more
guards are about shape: a name containing a whole alias plus more words names something
narrower or else (天府万人计划, 院士候选人); a class (两院院士, 省部级科学技术奖) is matched only by
its names or shortened forms of them, never by a name with characters of its own. A candidate
that ties (within `AMBIGUITY_MARGIN`) with one of another entity is refused as ambiguous. A
wrong link costs more than no link: unlinked mentions are reported for review.

Choice of scorer and threshold, on the "dev" split of data/gazetteer/labelled_mentions.yaml
(170 mentions; the other 276 are held out). Swept with guards on: fuzz.ratio, fuzz.WRatio,
fuzz.partial_ratio, normalised Levenshtein and Jaro-Winkler similarity, thresholds 70..100;
rule: best recall among settings with dev precision ≥ 0.99, ties to the more precise.

    scorer         best threshold   dev precision   dev recall
    jaro_winkler   92               1.000           0.933      <- chosen
    levenshtein    75               1.000           0.926
    ratio          85               1.000           0.919
    WRatio         92               1.000           0.852
    partial_ratio  none reaches precision 0.99

Held out: precision 0.990, recall 0.913 (276 mentions; 2 wrong links, 18 misses, most of
them typos inside a discriminating word, which the guards refuse on purpose).
tests/domain/test_linking_quality.py reruns the sweep (and fails when the choice is no longer
the best) and prints these figures: `pytest tests/domain/test_linking_quality.py -s`.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from graphapi.domain.model import Award, Level, Title
from graphapi.domain.regions import RegionTree, default_regions
from graphapi.domain.text import normalize, normalize_with_offsets

GAZETTEER_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
TITLES_FILE = GAZETTEER_DIR / "titles.yaml"
AWARDS_FILE = GAZETTEER_DIR / "awards.yaml"

Kind = Literal["title", "award"]
Entity = Title | Award


@dataclass(frozen=True, slots=True)
class FuzzyScorer:
    """A rapidfuzz scorer and the factor that puts its scores on a 0..100 scale."""

    name: str
    function: Callable[..., float]
    scale: float = 1.0  # fuzz.* score 0..100; rapidfuzz.distance *.normalized_similarity 0..1


JARO_WINKLER = FuzzyScorer("jaro_winkler", JaroWinkler.normalized_similarity, 100.0)
DEFAULT_SCORER = JARO_WINKLER
DEFAULT_THRESHOLD = 92.0
AMBIGUITY_MARGIN = 2.0
"""Two different entities scoring within this many points of each other: refuse both."""
MAX_NAME_LENGTH = 200
_FUZZY_CANDIDATES = 25


class GazetteerError(ValueError):
    """The gazetteer data is inconsistent (duplicate id, dangling reference, shared alias)."""


class UnknownEntityError(KeyError):
    """An entity id that the catalog does not hold."""

    def __str__(self) -> str:  # KeyError quotes its argument; say it plainly instead
        return str(self.args[0])


# --- discriminating terms (the guards) --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TermGroup:
    """Mutually exclusive classes of words; a name and an alias must contain the same classes.

    Terms are found longest first and without overlap, so 社会科学院 is not also 科学院.
    """

    name: str
    classes: Mapping[str, tuple[str, ...]]


DISCRIMINATING_TERMS: tuple[TermGroup, ...] = (
    TermGroup(
        "academy",
        {  # 中国科学院院士 / 中国工程院院士 / 中国社会科学院学部委员 / 两院院士
            "cas": ("中国科学院", "中科院", "科学院"),
            "cae": ("中国工程院", "工程院"),
            "cass": ("中国社会科学院", "社会科学院", "社科院"),
            "both": ("两院",),
        },
    ),
    TermGroup("academic-rank", {"academician": ("院士",), "member": ("学部委员",)}),
    TermGroup(
        "program-size",
        {  # 千人计划 / 万人计划 / 百人计划 / 百千万人才工程
            "hundred-thousand-ten-thousand": ("百千万",),
            "thousand": ("千人",),
            "ten-thousand": ("万人",),
            "hundred": ("百人",),
        },
    ),
    TermGroup("age-band", {"young-middle": ("中青年",), "young": ("青年", "杰青", "优青", "青拔")}),
    TermGroup(
        "fund-grade",
        {  # 杰出青年 (杰青) / 优秀青年 (优青)
            "distinguished": ("杰出青年", "杰青"),
            "excellent": ("优秀青年", "优青"),
        },
    ),
    TermGroup(
        "chair",
        {  # 长江学者 特聘教授 / 讲座教授 / 青年学者
            "distinguished": ("特聘教授", "特聘"),
            "chair": ("讲座教授", "讲座"),
            "young-scholar": ("青年学者", "青年长江"),
        },
    ),
    TermGroup(
        "talent-role",
        {  # 万人计划 sub-titles and their provincial counterparts
            "outstanding": ("杰出人才",),
            "innovation-leader": ("科技创新领军",),
            "entrepreneurship-leader": ("科技创业领军",),
            "sci-tech-leader": ("科技领军",),
            "industry-leader": ("产业技术领军",),
            "social-science-leader": ("哲学社会科学领军",),
            "teaching-master": ("教学名师", "名师"),
            "young-top": ("青年拔尖", "拔尖人才"),
            "doctor": ("名医",),
            "culture": ("文化名家",),
        },
    ),
    TermGroup(
        "track",
        {  # 云南省千人计划 专项 and their 云岭英才计划 predecessors
            "high-level": ("高层次人才",),
            "foreign-expert": ("外国专家",),
            "humanities": ("人文社会科学人才",),
            "industry": ("产业人才",),
            "youth": ("青年人才",),
            "team": ("团队",),
        },
    ),
    TermGroup("succession-rank", {"leader": ("带头人",), "reserve": ("后备",)}),
    TermGroup(
        "award-field",
        {
            "natural-science": ("自然科学",),
            "invention": ("技术发明",),
            "progress": ("科学技术进步", "科技进步"),
            "highest": ("最高科学技术", "最高科技"),
            "contribution": ("突出贡献", "杰出贡献"),
            "cooperation": ("国际科学技术合作", "国际科技合作", "科技合作"),
            "social-science": ("哲学社会科学", "社会科学"),
            "teaching": ("教学成果",),
            "patent": ("专利",),
        },
    ),
    TermGroup(
        "young-award",
        {  # 中国青年科学家奖 / 中国青年科技奖 / 中国青年女科学家奖
            "scientist": ("青年科学家",),
            "sci-tech": ("青年科技",),
            "female": ("女科学家",),
        },
    ),
    TermGroup(
        "discipline",
        {  # 诺贝尔奖 categories
            "physics": ("物理",),
            "chemistry": ("化学",),
            "medicine": ("生理学或医学", "生理", "医学"),
            "economics": ("经济学", "经济"),
            "literature": ("文学",),
            "peace": ("和平",),
        },
    ),
    TermGroup("permit-class", {"a": ("a类",), "b": ("b类",), "c": ("c类",)}),
    TermGroup(
        "standing",
        {  # not a holder: 院士候选人, 外籍院士, 荣誉学部委员, …基金委员会
            "candidate": ("候选人", "候选", "提名", "拟入选"),
            "foreign-member": ("外籍",),
            "honorary": ("荣誉",),
            "organisation": ("委员会", "基金会", "领导小组", "办公室"),
        },
    ),
    TermGroup("contest", {"school": ("职业院校", "院校")}),  # 全国职业院校技能大赛 ≠ 全国职业技能大赛
    TermGroup(
        "skills",
        {  # 技能大师工作室 / 首席技能大师工作室 / 杰出技能人才 / 技术能手
            "chief-master": ("首席技能大师",),
            "master": ("技能大师",),
            "skill-talent": ("技能人才",),
            "technician": ("技术能手",),
            "professional": ("专业技术人才",),
        },
    ),
)

# Scope words beside region names: what level a name speaks of when it names no region.
_SCOPE_MARKERS: Mapping[str, str] = {
    "国家级": "national",
    "国家": "national",
    "全国": "national",
    "中央": "national",
    "国务院": "national",
    "发达国家": "foreign",
    "欧美": "foreign",
    "国外": "foreign",
    "境外": "foreign",
    "省部级": "provincial",
    "省级": "provincial",
    "省": "provincial",
    "市级": "municipal",
    "区级": "district",
    "县级": "district",
}
_NATIONAL_REGION = "region:cn"


Terms = tuple[tuple[str, str], ...]  # (term, class), longest term first


def _terms(mapping: Mapping[str, str]) -> Terms:
    return tuple(sorted(mapping.items(), key=lambda item: len(item[0]), reverse=True))


def _scan_terms(text: str, terms: Terms) -> list[tuple[int, int, str]]:
    """(start, end, class) of every term found in `text`, longest terms first, no overlaps."""
    taken = [False] * len(text)
    found: list[tuple[int, int, str]] = []
    for term, cls in terms:
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            if any(taken[start:end]):
                start = text.find(term, start + 1)
                continue
            taken[start:end] = [True] * len(term)
            found.append((start, end, cls))
            start = text.find(term, end)
    return sorted(found)


Signature = tuple[frozenset[str], ...]


class Discriminator:
    """Computes which classes of discriminating terms a (normalised) name contains."""

    def __init__(self, regions: RegionTree, groups: Iterable[TermGroup] = DISCRIMINATING_TERMS):
        self._regions = regions
        self._groups = tuple(groups)
        self._group_terms = [
            _terms({term: cls for cls, terms in group.classes.items() for term in terms}) for group in self._groups
        ]
        scope_terms: dict[str, str] = dict(_SCOPE_MARKERS)
        for region in regions:
            for name in (region.name, *region.aliases):
                key = normalize(name)
                if key:
                    scope_terms[key] = "national" if region.id == _NATIONAL_REGION else region.id
        self._scope_terms = _terms(scope_terms)
        self.group_names = ("scope", *(group.name for group in self._groups))

    def scope(self, text: str) -> frozenset[str]:
        """Scope classes named in `text`: the most specific regions, or national/provincial/…"""
        classes = {cls for _, _, cls in _scan_terms(text, self._scope_terms)}
        named = {cls for cls in classes if cls.startswith("region:")}
        # 云南省昆明市 speaks of 昆明市: keep the innermost regions only.
        innermost = {r for r in named if not any(o != r and self._regions.contains(r, o) for o in named)}
        return frozenset((classes - named) | innermost)

    def scope_prefix_ends(self, text: str) -> dict[int, int]:
        """For each position where a scope word (region, 国家, 省级 …) ends, where it starts.

        One-character region names (滇, as in 在滇工作) are too loose to qualify a name.
        """
        return {
            end: start
            for start, end, cls in _scan_terms(text, self._scope_terms)
            if end - start > 1 or not cls.startswith("region:")
        }

    def signature(self, text: str) -> Signature:
        return (self.scope(text),) + tuple(
            frozenset(cls for _, _, cls in _scan_terms(text, terms)) for terms in self._group_terms
        )

    def conflicts(self, name: str, alias: str) -> list[str]:
        """Names of the groups in which `name` and `alias` disagree (empty: the guards pass)."""
        return [
            group
            for group, a, b in zip(self.group_names, self.signature(name), self.signature(alias), strict=True)
            if a != b
        ]


# --- names: holder words and grades -----------------------------------------------------------

_HOLDER_PREFIX = re.compile(r"^(入选过|入选|获得过|获得|荣获|获评|曾获|获|享受过|享受)")
_HOLDER_SUFFIX = re.compile(
    r"(获得者|入选者|获奖者|获得人|人员|称号|项目资助|资助|项目|专项|奖项|(?<=计划)专家"
    r"|[特一二三四五]等奖|金奖|银奖|铜奖|金牌|银牌|铜牌|优胜奖|优秀奖|及以上|以上)$"
)


def core_name(key: str) -> str:
    """A normalised name without holder words and grades: 获得国家杰出青年科学基金项目资助 ->
    国家杰出青年科学基金; 国家科学技术进步奖二等奖 -> 国家科学技术进步奖."""
    previous = None
    while previous != key:
        previous = key
        stripped = _HOLDER_SUFFIX.sub("", key)
        if len(stripped) >= 2:
            key = stripped
        stripped = _HOLDER_PREFIX.sub("", key)
        if len(stripped) >= 2:
            key = stripped
    return key


# --- the catalog -------------------------------------------------------------------------------


class Catalog:
    """Titles and awards by id, with the relations between them, checked for consistency."""

    def __init__(
        self,
        titles: Iterable[Title],
        awards: Iterable[Award],
        successors: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.titles: dict[str, Title] = {}
        self.awards: dict[str, Award] = {}
        for title in titles:
            self._add(self.titles, title)
        for award in awards:
            self._add(self.awards, award)
        self.successors: dict[str, tuple[str, ...]] = dict(successors or {})
        self._check()

    def _add(self, table: dict[str, Any], entity: Entity) -> None:
        if entity.id in self.titles or entity.id in self.awards:
            raise GazetteerError(f"duplicate id {entity.id!r}")
        table[entity.id] = entity

    def _check(self) -> None:
        for kind, table, prefix in (("title", self.titles, "title"), ("award", self.awards, "award")):
            for entity in table.values():
                expected = f"{prefix}-class:" if entity.is_class else f"{prefix}:"
                if not entity.id.startswith(expected):
                    raise GazetteerError(
                        f"{entity.id}: a {kind} {'class ' if entity.is_class else ''}id starts with {expected!r}"
                    )
                for class_id in entity.member_of:
                    target = table.get(class_id)
                    if target is None or not target.is_class:
                        raise GazetteerError(f"{entity.id}: member_of {class_id!r} is not a {kind} class")
        for title in self.titles.values():
            for other in title.same_as:
                if other not in self.titles:
                    raise GazetteerError(f"{title.id}: same_as {other!r} is not a title")
                if title.id not in self.titles[other].same_as:
                    raise GazetteerError(f"{title.id}: same_as {other!r} is not listed back")
        for title_id, targets in self.successors.items():
            for target in (title_id, *targets):
                if target not in self.titles:
                    raise GazetteerError(f"succeeded_by: {target!r} is not a title")
        for table in (self.titles, self.awards):
            for entity in table.values():
                if _reaches(entity.id, lambda node, t=table: t[node].member_of):
                    raise GazetteerError(f"{entity.id}: member_of forms a cycle")

    def get(self, entity_id: str) -> Entity | None:
        return self.titles.get(entity_id) or self.awards.get(entity_id)

    def kind_of(self, entity_id: str) -> Kind:
        if entity_id in self.titles:
            return "title"
        if entity_id in self.awards:
            return "award"
        raise UnknownEntityError(f"no title or award has id {entity_id!r}")

    @classmethod
    @cache
    def from_yaml(cls, titles_path: Path = TITLES_FILE, awards_path: Path = AWARDS_FILE) -> Catalog:
        """The catalog of the gazetteer files (read once per process and path)."""
        title_rows = _read_rows(titles_path)
        award_rows = _read_rows(awards_path)
        successors = {row["id"]: tuple(row["succeeded_by"]) for row in title_rows if row.get("succeeded_by")}
        titles = [_title(row, titles_path) for row in title_rows]
        awards = [_award(row, awards_path) for row in award_rows]
        return cls(titles, awards, successors)


def _reaches(start: str, neighbours: Callable[[str], Iterable[str]]) -> bool:
    """True when following `neighbours` from `start` comes back to `start`."""
    seen: set[str] = set()
    queue = deque(neighbours(start))
    while queue:
        node = queue.popleft()
        if node == start:
            return True
        if node not in seen:
            seen.add(node)
            queue.extend(neighbours(node))
    return False


_TITLE_FIELDS = {
    "id",
    "name",
    "aliases",
    "level",
    "grantor",
    "category",
    "same_as",
    "member_of",
    "is_class",
    "succeeded_by",
}
_AWARD_FIELDS = {"id", "name", "aliases", "level", "grantor", "grades", "member_of", "is_class"}


def _read_rows(path: Path) -> list[dict[str, Any]]:
    try:
        # The C loader: the gazetteer is read at every start-up, and the pure-Python one takes
        # about 0.3 s over it.
        rows = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"cannot read gazetteer file {path}: {exc}") from exc
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise GazetteerError(f"{path}: expected a list of records")
    return rows


def _checked(row: dict[str, Any], path: Path, allowed: set[str]) -> None:
    label = row.get("id", "<record without id>")
    if "id" not in row or "name" not in row:
        raise GazetteerError(f"{path}: {label}: every record needs id and name")
    unknown = set(row) - allowed
    if unknown:
        raise GazetteerError(f"{path}: {label}: unknown field(s) {sorted(unknown)}")


def _level(row: dict[str, Any], path: Path) -> Level | None:
    if row.get("level") is None:
        return None
    try:
        return Level(row["level"])
    except ValueError:
        raise GazetteerError(f"{path}: {row['id']}: unknown level {row['level']!r}") from None


def _title(row: dict[str, Any], path: Path) -> Title:
    _checked(row, path, _TITLE_FIELDS)
    return Title(
        id=row["id"],
        name=row["name"],
        aliases=tuple(row.get("aliases") or ()),
        level=_level(row, path),
        grantor=row.get("grantor"),
        category=row.get("category"),
        same_as=tuple(row.get("same_as") or ()),
        member_of=tuple(row.get("member_of") or ()),
        is_class=bool(row.get("is_class", False)),
    )


def _award(row: dict[str, Any], path: Path) -> Award:
    _checked(row, path, _AWARD_FIELDS)
    return Award(
        id=row["id"],
        name=row["name"],
        aliases=tuple(row.get("aliases") or ()),
        level=_level(row, path),
        grantor=row.get("grantor"),
        grades=tuple(row.get("grades") or ()),
        member_of=tuple(row.get("member_of") or ()),
        is_class=bool(row.get("is_class", False)),
    )


# --- matches and mentions ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityMatch:
    entity: Entity
    score: float  # 0..100; 100 for an exact (normalised) alias
    matched_alias: str  # the alias (or canonical name) as written in the gazetteer


@dataclass(frozen=True, slots=True)
class Mention:
    """A title or award named in a text; `match` is None when no entity fits (reported, not dropped)."""

    text: str  # as written in the source, text[start:end]
    start: int
    end: int
    kind: Kind
    match: EntityMatch | None
    name: str  # the normalised name that was resolved (with a shared prefix/suffix restored)

    @property
    def entity(self) -> Entity | None:
        return self.match.entity if self.match else None


@dataclass(slots=True)
class _Index:
    """Alias cores of one kind, ready for exact lookup and for rapidfuzz."""

    keys: list[str] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    exact: dict[str, int] = field(default_factory=dict)  # alias core -> position
    surfaces: dict[str, int] = field(default_factory=dict)  # every alias as written (normalised) -> position


# --- the resolver --------------------------------------------------------------------------------


class EntityResolver:
    """Links names to the catalog's entities. Build once (indexes are precomputed), call often.

    `scorer`, `threshold` and `guards` exist so that tests can measure alternatives; the
    defaults are the configuration chosen on the labelled set.
    """

    def __init__(
        self,
        catalog: Catalog,
        regions: RegionTree | None = None,
        *,
        scorer: FuzzyScorer = DEFAULT_SCORER,
        threshold: float = DEFAULT_THRESHOLD,
        guards: bool = True,
    ) -> None:
        self.catalog = catalog
        self.scorer = scorer
        self.threshold = threshold
        self.guards = guards
        self.discriminator = Discriminator(regions or default_regions())
        self._indexes: dict[Kind, _Index] = {
            "title": self._build_index(catalog.titles.values()),
            "award": self._build_index(catalog.awards.values()),
        }
        # Aliases the finder looks for in running text. List-shaped ones (中国科学院、中国工程院院士
        # = either academy) name a class when resolved whole; in running text the finder reads a
        # list item by item instead.
        self._surface: dict[str, tuple[Kind, int]] = {}
        for kind, index in self._indexes.items():
            for surface, position in index.surfaces.items():
                if "、" in surface:
                    continue
                other_kind, other = self._surface.setdefault(surface, (kind, position))
                if other_kind != kind:
                    raise GazetteerError(
                        f"alias {surface!r} names both {self._indexes[other_kind].entity_ids[other]}"
                        f" and {index.entity_ids[position]}"
                    )
        self._lengths_by_first: dict[str, list[int]] = {}
        for surface in self._surface:
            self._lengths_by_first.setdefault(surface[0], []).append(len(surface))
        for lengths in self._lengths_by_first.values():
            lengths.sort(reverse=True)

    @classmethod
    @cache
    def default(cls) -> EntityResolver:
        """The resolver over the bundled gazetteer and regions, built once per process."""
        return cls(Catalog.from_yaml(), default_regions())

    def _build_index(self, entities: Iterable[Entity]) -> _Index:
        index = _Index()
        for entity in entities:
            for alias in (entity.name, *entity.aliases):
                written = normalize(alias)
                key = core_name(written)
                if not key:
                    raise GazetteerError(f"{entity.id}: alias {alias!r} is empty once normalised")
                known = index.exact.get(key)
                if known is None:
                    known = index.exact[key] = len(index.keys)
                    index.keys.append(key)
                    index.entity_ids.append(entity.id)
                    index.aliases.append(alias)
                    index.signatures.append(self.discriminator.signature(key))
                elif index.entity_ids[known] != entity.id:
                    raise GazetteerError(
                        f"alias {alias!r} names both {index.entity_ids[known]} and {entity.id}"
                    )
                index.surfaces.setdefault(written, known)
                index.surfaces.setdefault(key, known)
        return index

    # -- resolving one name --

    def resolve_title(self, name: str) -> EntityMatch | None:
        """The title `name` denotes, or None when none is close enough or it is ambiguous."""
        return self._resolve("title", name)

    def resolve_award(self, name: str) -> EntityMatch | None:
        """The award (or award class) `name` denotes; grades in the name are ignored."""
        return self._resolve("award", name)

    def _resolve(self, kind: Kind, name: str) -> EntityMatch | None:
        if not isinstance(name, str):
            raise TypeError(f"a {kind} name must be text, not {type(name).__name__}")
        if len(name) > MAX_NAME_LENGTH:
            raise ValueError(f"a {kind} name is at most {MAX_NAME_LENGTH} characters; got {len(name)}")
        key = core_name(normalize(name))
        if not key:
            return None
        index = self._indexes[kind]
        position = index.exact.get(key)
        if position is not None:
            return self._match(kind, position, 100.0)
        signature = self.discriminator.signature(key) if self.guards else None
        best: tuple[int, float] | None = None
        scale = self.scorer.scale
        for _, raw_score, position in process.extract(
            key,
            index.keys,
            scorer=self.scorer.function,
            limit=_FUZZY_CANDIDATES,
            score_cutoff=self.threshold / scale,
        ):
            score = raw_score * scale
            if signature is not None and not self._compatible(key, signature, index, position):
                continue
            if best is None:
                best = (position, score)
            elif best[1] - score > AMBIGUITY_MARGIN:
                break
            elif index.entity_ids[position] != index.entity_ids[best[0]]:
                return None  # two different entities fit about equally well
        return self._match(kind, best[0], best[1]) if best else None

    def _compatible(self, key: str, signature: Signature, index: _Index, position: int) -> bool:
        """The guards for one fuzzy candidate (see the module docstring)."""
        alias = index.keys[position]
        if index.signatures[position] != signature:
            return False  # different discriminating words
        if alias in key:
            return False  # the whole alias plus more words names something narrower or else (天府万人计划)
        if key in alias and _GROUP_OF_PEOPLE.search(key) and _PROGRAM_WORDS.search(alias.replace(key, "", 1)):
            # 海外高层次人才 (people from abroad) is not 海外高层次人才引进计划 (the program): a name
            # that leaves out the alias's program word names a group of people.
            return False
        entity = self.catalog.get(index.entity_ids[position])
        # A class is named by its own names or shortened forms of them (省部级科技进步 for
        # 省部级科技进步奖); a name with characters of its own (国家科学技术近步奖) names a
        # member or something else, never the class.
        return not (entity is not None and entity.is_class and not _is_subsequence(key, alias))

    def _match(self, kind: Kind, position: int, score: float) -> EntityMatch:
        index = self._indexes[kind]
        entity = self.catalog.get(index.entity_ids[position])
        assert entity is not None
        return EntityMatch(entity=entity, score=round(float(score), 1), matched_alias=index.aliases[position])

    # -- search --

    def search_titles(self, text: str, limit: int = 20) -> list[EntityMatch]:
        """Titles whose names look like `text`, best first, one match per title (for `titles(search:)`)."""
        return self._search("title", text, limit)

    def search_awards(self, text: str, limit: int = 20) -> list[EntityMatch]:
        """Awards whose names look like `text`, best first (suggestions for a name that did not resolve)."""
        return self._search("award", text, limit)

    def _search(self, kind: Kind, text: str, limit: int) -> list[EntityMatch]:
        if limit < 1:
            raise ValueError(f"limit must be at least 1; got {limit}")
        key = normalize(text)
        if not key:
            return []
        index = self._indexes[kind]
        core = core_name(key)
        best: dict[str, tuple[float, int]] = {}
        # WRatio scores a short query found inside a long alias highly (partial matching),
        # which is what a search box wants; resolution uses the stricter DEFAULT_SCORER.
        for _, score, position in process.extract(
            key, index.keys, scorer=fuzz.WRatio, limit=None, score_cutoff=60
        ):
            if index.keys[position] == core:
                score = 100.0
            entity_id = index.entity_ids[position]
            if entity_id not in best or score > best[entity_id][0]:
                best[entity_id] = (score, position)
        ranked = sorted(best.values(), key=lambda item: (-item[0], len(index.keys[item[1]])))
        return [self._match(kind, position, score) for score, position in ranked[:limit]]

    # -- equivalences --

    def equivalent_titles(self, title_id: str) -> set[str]:
        """Every title id that holding `title_id` counts as: itself, its same_as closure, the
        classes it belongs to, and the titles it was transferred to (succeeded_by).

        A criterion naming Y is met by a holder of X when Y in equivalent_titles(X). Classes do
        not reach down: holding 两院院士 does not say which academy.
        """
        if title_id not in self.catalog.titles:
            raise UnknownEntityError(f"no title has id {title_id!r}")
        titles = self.catalog.titles

        def neighbours(node: str) -> Iterable[str]:
            title = titles[node]
            return (*title.same_as, *title.member_of, *self.catalog.successors.get(node, ()))

        return _closure(title_id, neighbours)

    def award_classes(self, award_id: str) -> set[str]:
        """The award classes `award_id` belongs to, directly or through other classes (not itself)."""
        if award_id not in self.catalog.awards:
            raise UnknownEntityError(f"no award has id {award_id!r}")
        return _closure(award_id, lambda node: self.catalog.awards[node].member_of) - {award_id}

    # -- mentions in running text --

    def find_mentions(self, text: str) -> list[Mention]:
        """Titles and awards named in `text`, in order, linked where an entity fits.

        Longest alias first; a region or scope word written just before an alias is part of the
        name (广东省友谊奖 is not 中国政府友谊奖). A list that shares a prefix or suffix
        (国家自然科学奖、技术发明奖; 中国科学院、中国工程院院士) is read in full. Names that look
        like a title or award (…奖, …计划入选者, 入选…计划, …人才获得者 …) but match nothing are
        returned with `match` None. Names inside 《》 are document titles and are skipped.
        """
        return _MentionFinder(self, text).run()

    # internal helpers for _MentionFinder

    def _surface_at(self, key: str, start: int) -> tuple[int, Kind, int] | None:
        """The longest alias starting at `start` in `key`: (end, kind, index position)."""
        room = len(key) - start
        for length in self._lengths_by_first.get(key[start], ()):
            if length > room:
                continue
            found = self._surface.get(key[start : start + length])
            if found is not None:
                return start + length, found[0], found[1]
        return None

    def _exact(self, kind: Kind, name: str) -> EntityMatch | None:
        position = self._indexes[kind].exact.get(core_name(name))
        return self._match(kind, position, 100.0) if position is not None else None

    def _exact_any(self, name: str) -> tuple[Kind, EntityMatch] | None:
        for kind in ("title", "award"):
            match = self._exact(kind, name)
            if match:
                return kind, match
        return None


_PROGRAM_WORDS = re.compile(r"计划|工程|项目")
_GROUP_OF_PEOPLE = re.compile(r"^(?!.*(?:计划|工程)).*(?:人才|人员|专家)$")


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(char in chars for char in short)


def _closure(start: str, neighbours: Callable[[str], Iterable[str]]) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for node in neighbours(queue.popleft()):
            if node not in seen:
                seen.add(node)
                queue.append(node)
    return seen


# --- the mention finder ---------------------------------------------------------------------------

_DELIMITERS = frozenset(",.;:!?，。；：、！？[]\n")
_LIST_JOINERS = ("以及", "或者", "、", "或", "和", "及", "与")
# Words that open a phrase but are not part of a name.
_LEADING_NOISE = re.compile(
    r"^(以及|或者|其中之一|之一|或|和|及|与|并|且|等|的|获得者|入选者|获奖者|获得过|获得|荣获|获评|曾获|获"
    r"|入选过|入选|享受|引进|所获|曾|为|是|取得|具有|担任|[特一二三四五]等奖|及以上|以上|前[一二三四五六七八九十\d]+名)+"
)
_LAST_OPENING = re.compile(
    r".*(?:获得者|入选者|获奖者|获得过|获得|荣获|获评|曾获|入选过|入选|以及|或者|或|及(?!以上)|与|等(?!奖))"
)
# 奖 ends an award name unless the word goes on (奖励, 奖金, 奖补, 奖项 …).
_AWARD_END = re.compile(r"(?<![获颁得])(奖|大赛)(?![励金补惩状章品学杯项])")
_TITLE_END = r"(?:计划|工程|人才|学者|英才|专家|基金|院士|委员|人选|能手|名师|领衔人)"
_TITLE_WITH_HOLDER = re.compile(_TITLE_END + r"(?=获得者|入选者|获奖者|称号)")
_TITLE_AFTER_ENTRY = re.compile(
    r"(?:入选过|入选|获评|荣获)(?!者|人才|专家)(?P<name>[^入获]{2,30}?" + _TITLE_END + r"+)"
)
# A list item after a title: 、特设岗位人才 / 或“珠源英才”计划 (up to its first title ending).
_LIST_ITEM = re.compile(r"(?:以及|或者|或|和|及|与)?(?P<name>[^的]{2,30}?" + _TITLE_END + r"+)")
_JOINED_ITEM = re.compile(r"(?:以及|或者|或|和|及|与)(?P<name>[^的]{2,30}?" + _TITLE_END + r"+)")
_NAME_END = re.compile(r"(?:奖项|奖|大赛|" + _TITLE_END[3:-1] + r")")
# Words soon after a name that make it a candidacy, not a holding (院士有效候选人).
_CANDIDACY_AFTER = re.compile(r"[^,.;:，。；：、]{0,6}?(?:候选人|候选|提名)")
# Holder words and program words cited with the name they follow (…专项, …获得者).
_HOLDER_AFTER = re.compile(r"(?:专项|项目资助|项目|资助|获得者|入选者|获奖者|称号|人员)+")
# Generic nouns that end like a name but name nothing (入选外国专家 = "selected foreign experts").
_GENERIC_NAMES = frozenset(
    {"外国专家", "高层次人才", "青年人才", "专家", "人才", "培养对象", "紧缺人才", "急需紧缺人才"}
)
_MIN_NAME = 3
_MAX_NAME = 40  # longer "names" are sentences that happen to end in 奖 or 人才
# Marks dropped from keys that a cited span should keep when it opened (or closed) them.
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "〈": "〉"}


@dataclass(slots=True)
class _Found:
    """A mention while the finder works, in coordinates of the normalised text."""

    start: int
    end: int
    kind: Kind
    match: EntityMatch | None
    name: str


class _MentionFinder:
    """One pass over one text (see EntityResolver.find_mentions)."""

    def __init__(self, resolver: EntityResolver, text: str) -> None:
        self.resolver = resolver
        self.text = text
        self.key, self.offsets = normalize_with_offsets(text)
        self.blocked = self._blocked_positions()
        self.found: list[_Found] = []

    def run(self) -> list[Mention]:
        if self.key:
            self._link_aliases()
            self._expand_shared_parts()
            self._report_unlinked()
        return [self._mention(found) for found in sorted(self.found, key=lambda f: f.start)]

    def _mention(self, found: _Found) -> Mention:
        start, end = self._balanced(self.offsets[found.start], self.offsets[found.end - 1] + 1)
        return Mention(self.text[start:end], start, end, found.kind, found.match, found.name)

    def _balanced(self, start: int, end: int) -> tuple[int, int]:
        """Widen [start, end) over quotes and brackets that the span opens or closes."""
        for opener, closer in _PAIRS.items():
            span = self.text[start:end]
            if span.count(opener) > span.count(closer) and self.text.startswith(closer, end):
                end += len(closer)
            elif span.count(closer) > span.count(opener) and start > 0 and self.text[start - 1] == opener:
                start -= 1
        return start, end

    def _blocked_positions(self) -> list[bool]:
        """Positions inside 《》: document titles, not mentions of titles."""
        inside = [False] * len(self.text)
        depth = 0
        for i, char in enumerate(self.text):
            if char == "《":
                depth += 1
            elif char == "》":
                depth = max(depth - 1, 0)
            elif depth:
                inside[i] = True
        return [inside[origin] for origin in self.offsets]

    def _line_break_before(self, position: int) -> bool:
        """True when a line break or a tab (table cell) separates `position` from the character before."""
        if position <= 0 or position >= len(self.key):
            return False
        gap = self.text[self.offsets[position - 1] + 1 : self.offsets[position]]
        return "\n" in gap or "\t" in gap

    def _covered(self, start: int, end: int) -> bool:
        return any(f.start < end and start < f.end for f in self.found)

    def _add(self, start: int, end: int, kind: Kind, match: EntityMatch | None, name: str) -> _Found:
        holder = _HOLDER_AFTER.match(self.key, end)  # cite …获得者 with the name
        found = _Found(start, holder.end() if holder else end, kind, match, name)
        self.found.append(found)
        return found

    # 1. aliases in the text, leftmost-longest
    def _link_aliases(self) -> None:
        resolver = self.resolver
        scope_starts = resolver.discriminator.scope_prefix_ends(self.key)
        i = 0
        while i < len(self.key):
            hit = None if self.blocked[i] else resolver._surface_at(self.key, i)
            if hit is None or any(self.blocked[i : hit[0]]):
                i += 1
                continue
            end, kind, position = hit
            start, name = i, self.key[i:end]
            match: EntityMatch | None = resolver._match(kind, position, 100.0)
            prefix_start = scope_starts.get(i)
            if prefix_start is not None and not self._covered(prefix_start, i):
                # A region or scope word written just before the alias is part of the name:
                # 广东省友谊奖 is not 中国政府友谊奖. One the alias already implies (昆明市 before
                # 官渡…) changes nothing.
                start, extended = prefix_start, self.key[prefix_start:end]
                scope = resolver.discriminator.scope
                if scope(extended) != scope(name):
                    match, name = resolver._resolve(kind, extended), extended
            candidacy = _CANDIDACY_AFTER.match(self.key, end)
            if candidacy:
                # 院士有效候选人, 诺贝尔奖提名: a candidate for the title, not a holder.
                match, name, end = None, self.key[start : candidacy.end()], candidacy.end()
            i = self._add(start, end, kind, match, name).end

    # 2. lists sharing a prefix (国家自然科学奖、技术发明奖) or a suffix (中国科学院、中国工程院院士)
    def _expand_shared_parts(self) -> None:
        for found in sorted((f for f in self.found if f.match), key=lambda f: f.start):
            self._inherit_prefix(found)
            self._inherit_suffix(found)

    def _joiner_at(self, position: int) -> int | None:
        for joiner in _LIST_JOINERS:
            if self.key.startswith(joiner, position):
                return position + len(joiner)
        return None

    def _inherit_prefix(self, found: _Found) -> None:
        """After a linked name and a joiner, a bare name may leave out the linked name's prefix."""
        while True:
            after = self._joiner_at(found.end)
            if after is None or after >= len(self.key) or self._covered(after, after + 1):
                return
            hit = self._prefixed(found.name, after)
            if hit is None:
                return
            end, kind, match, name = hit
            found = self._add(after, end, kind, match, name)

    def _prefixed(self, linked: str, start: int) -> tuple[int, Kind, EntityMatch, str] | None:
        """The shortest name starting at `start` that, behind a prefix of `linked`, is an alias."""
        for end in self._name_ends(start):
            bare = self.key[start:end]
            for cut in range(len(linked), 0, -1):
                hit = self.resolver._exact_any(linked[:cut] + bare)
                if hit:
                    return end, hit[0], hit[1], linked[:cut] + bare
        return None

    def _name_ends(self, start: int) -> list[int]:
        """Where a name starting at `start` may end: each name ending (奖, 人才, 院士 …) in its run."""
        stop = start
        while (
            stop < len(self.key) and self.key[stop] not in _DELIMITERS and not self._covered(stop, stop + 1)
        ):
            if stop > start and (self._joiner_at(stop) or self._line_break_before(stop)):
                break
            stop += 1
        return [m.end() for m in _NAME_END.finditer(self.key, start, stop) if m.end() - start >= 2]

    def _inherit_suffix(self, found: _Found) -> None:
        """Before a joiner and a linked name, a bare name may leave out the linked name's suffix."""
        joiner_start = next(
            (found.start - len(j) for j in _LIST_JOINERS if self.key.startswith(j, found.start - len(j))),
            None,
        )
        if joiner_start is None or joiner_start <= 0:
            return
        start = joiner_start
        while (
            start > 0
            and self.key[start - 1] not in _DELIMITERS
            and not self.blocked[start - 1]
            and not self._covered(start - 1, start)
            and not self._line_break_before(start)
        ):
            start -= 1
        bare = _LEADING_NOISE.sub("", self.key[start:joiner_start])
        if len(bare) < 2:
            return
        for cut in range(1, len(found.name)):
            name = bare + found.name[cut:]
            hit = self.resolver._exact_any(name)
            if hit:
                self._add(joiner_start - len(bare), joiner_start, hit[0], hit[1], name)
                return

    # 3. names that look like titles or awards but are not linked
    def _report_unlinked(self) -> None:
        taken = list(self.blocked)
        for found in self.found:
            taken[found.start : found.end] = [True] * (found.end - found.start)
        for run_start, run_end in self._free_runs(taken):
            run = self.key[run_start:run_end]
            for start, end, kind in _candidates(run, self._continues_title_list(run_start)):
                segment = run[start:end]
                opening = _LAST_OPENING.match(segment)  # 近三年获得X计划: the name starts after 获得
                if opening:
                    start += opening.end()
                    segment = segment[opening.end() :]
                name = _LEADING_NOISE.sub("", segment)
                if not _MIN_NAME <= len(name) <= _MAX_NAME or _NAME_END.fullmatch(name) or name in _GENERIC_NAMES:
                    continue
                start += len(segment) - len(name)
                self._add(run_start + start, run_start + end, kind, self.resolver._resolve(kind, name), name)

    def _continues_title_list(self, start: int) -> bool:
        """Whether the text at `start` goes on a list of titles: right after a title and a joiner
        (…特聘教授、特设岗位人才; 入选X计划或Y计划), so that a bare item names a title too."""
        for found in self.found:
            if found.kind != "title":
                continue
            if found.end == start and self._joiner_at(start) is not None:
                return True
            if found.end == start - 1 and self.key[found.end] == "、":
                return True
        return False

    def _free_runs(self, taken: list[bool]) -> Iterable[tuple[int, int]]:
        """Maximal stretches of untaken text between delimiters and line breaks."""
        start: int | None = None
        for i, char in enumerate(self.key):
            free = not taken[i] and char not in _DELIMITERS
            if start is not None and (not free or self._line_break_before(i)):
                yield start, i
                start = None
            if free and start is None:
                start = i
        if start is not None:
            yield start, len(self.key)


def _candidates(run: str, continued: bool = False) -> list[tuple[int, int, Kind]]:
    """(start, end, kind) of stretches of `run` that end like an award or a held title; with
    `continued`, the run goes on a list of titles and an item at its start that ends like a
    title (…岗位人才, …计划) is one too."""
    ends: list[tuple[int, int | None, Kind]] = [(m.end(), None, "award") for m in _AWARD_END.finditer(run)]
    item = _LIST_ITEM.match(run) if continued else None
    if item:
        ends.append((item.end(), item.start("name"), "title"))
    titles = [(m.end(), m.start("name")) for m in _TITLE_AFTER_ENTRY.finditer(run)]
    titles += [(m.end(), None) for m in _TITLE_WITH_HOLDER.finditer(run)]
    for end, _ in titles:
        # 入选X计划或Y计划: the items joined after a title share its verb
        while (after := _JOINED_ITEM.match(run, end)) is not None:
            ends.append((after.end(), after.start("name"), "title"))
            end = after.end()
    ends += [(m.end(), None, "title") for m in _TITLE_WITH_HOLDER.finditer(run)]
    ends += [(m.end(), m.start("name"), "title") for m in _TITLE_AFTER_ENTRY.finditer(run)]
    found: list[tuple[int, int, Kind]] = []
    cursor = 0
    for end, start, kind in sorted(ends, key=lambda item: item[0]):
        if end <= cursor:
            continue
        found.append((max(cursor, start or 0), end, kind))
        cursor = end
    return found

