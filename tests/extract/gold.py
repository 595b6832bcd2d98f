"""Gold facts: what a careful reader finds in a policy document, read from YAML.

One YAML file per source document (data/gold/ for the corpus, tests/extract/gold_unseen/ for the
texts written for these tests); the schema is described in data/gold/README.md. Gold never uses
the ids an extractor mints: tiers have a local `key`, everything else refers to tiers by that key,
and structured readings use gazetteer ids (data/gazetteer) and model enum names.

A value may be written `{any_of: [...]}` where the text honestly allows more than one reading
(a mixed title/award condition, a recipient that is both the team and its host unit); every
other value is exact. `optional: true` marks a fact that a reader may or may not count (a
non-cash service, a sanction worded like a bar): an extracted fact matching it is neither a true
nor a false positive, and missing it costs nothing.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from graphapi.domain.model import (
    BenefitKind,
    CriterionKind,
    CriterionRole,
    Degree,
    Employment,
    Gender,
    Level,
    Period,
    ProfessionalRank,
    Recipient,
    StackingKind,
)
from graphapi.domain.text import normalize

ROOT = Path(__file__).resolve().parents[2]
CORPUS_GOLD_DIR = ROOT / "data" / "gold"
UNSEEN_GOLD_DIR = Path(__file__).parent / "gold_unseen"


class GoldError(ValueError):
    """A gold file that does not follow the schema; the message names the file and the entry."""


# --- values and their comparison ------------------------------------------------------------

_TOLERANCE = 1e-3  # amounts are whole yuan, ratios are read to three decimals (1/3 ≈ 0.333)


def _plain(value: Any) -> Any:
    """One comparable form for gold and extracted values: enums by name/value, sets frozen."""
    if value is None:
        return None
    if isinstance(value, Degree | ProfessionalRank):
        return value.name
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(_plain(item) for item in value)
    if dataclasses.is_dataclass(value):  # AgeLimit: its fields, in order
        return tuple(_plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    raise TypeError(f"unexpected value {value!r}")


def same(a: Any, b: Any) -> bool:
    """Equality of plain values, with a tolerance for numbers (also inside sets)."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=_TOLERANCE)
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        if len(a) != len(b):
            return False
        remaining = list(b)
        for item in a:
            index = next((i for i, other in enumerate(remaining) if same(item, other)), None)
            if index is None:
                return False
            del remaining[index]
        return True
    return a == b


@dataclass(frozen=True, slots=True)
class Expect:
    """The accepted readings of one field."""

    accepted: tuple[Any, ...]

    def ok(self, value: Any) -> bool:
        plain = _plain(value)
        return any(same(plain, accepted) for accepted in self.accepted)

    def __str__(self) -> str:
        shown = [sorted(a, key=str) if isinstance(a, frozenset) else a for a in self.accepted]
        return str(shown[0]) if len(shown) == 1 else "any of " + " | ".join(map(str, shown))


@dataclass(frozen=True, slots=True)
class Fragments:
    """`unread`: each gold fragment is found in one part the extractor left unread, and there
    are unread parts exactly when the gold names some (a fully read condition has none).
    `{any_of: [[…], […]]}` accepts either list."""

    accepted: tuple[tuple[str, ...], ...]

    def ok(self, value: Any) -> bool:
        parts = [normalize(str(part)) for part in value or ()]
        return any(
            all(any(fragment in part for part in parts) for fragment in fragments) if fragments else not parts
            for fragments in self.accepted
        )

    def __str__(self) -> str:
        shown = ["[" + "; ".join(f) + "]" if f else "[] (all read)" for f in self.accepted]
        return shown[0] if len(shown) == 1 else "any of " + " | ".join(shown)


# Field readers: gold YAML value -> plain value, checked against the model's enums.
def _enum_name(enum: type[Enum]) -> Callable[[Any], Any]:
    def read(raw: Any) -> Any:
        if raw is None:
            return None
        if raw not in enum.__members__:
            raise ValueError(f"{raw!r} is not one of {', '.join(enum.__members__)}")
        return raw

    return read


def _enum_value_set(enum: type[Enum]) -> Callable[[Any], Any]:
    def read(raw: Any) -> Any:
        return frozenset(enum(item).value for item in (raw or ()))

    return read


def _number(raw: Any) -> Any:
    return None if raw is None else float(raw)


def _numbers(raw: Any) -> Any:
    return frozenset(float(item) for item in (raw or ()))


def _strings(raw: Any) -> Any:
    return frozenset(str(item) for item in (raw or ()))


def _boolean(raw: Any) -> Any:
    if not isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not true or false")
    return raw


def _enum_value(enum: type[Enum]) -> Callable[[Any], Any]:
    return lambda raw: enum(raw).value


def _age_limits(raw: Any) -> Any:
    """[{max_age: 50, employment: FULL_TIME}, {max_age: 58, gender: FEMALE}] -> a set of
    (max_age, employment, gender), as `AgeLimit` compares."""
    limits = set()
    for item in raw or ():
        unknown = set(item) - {"max_age", "employment", "gender"}
        if unknown:
            raise ValueError(f"an age limit has max_age, employment, gender; not {sorted(unknown)}")
        limits.add(
            (
                float(item["max_age"]),
                Employment(item["employment"]).value if item.get("employment") else None,
                Gender(item["gender"]).value if item.get("gender") else None,
            )
        )
    return frozenset(limits)


CRITERION_FIELDS: Mapping[str, Callable[[Any], Any]] = {
    "max_age": _number,
    "min_degree": _enum_name(Degree),
    "min_professional_rank": _enum_name(ProfessionalRank),
    "employment": _enum_value_set(Employment),
    "within_years": _number,
    "min_amount": _number,
    "age_exempt_title_ids": _strings,
    "discretionary": _boolean,
    "age_is_usual": _boolean,
    "age_limits": _age_limits,
    "min_service_days_per_year": _number,
    "min_service_months": _number,
}
CRITERION_DEFAULTS: Mapping[str, Any] = {"discretionary": False, "age_is_usual": False, "age_limits": frozenset()}
"""Compared even when the gold does not state them; other fields only when stated. `unread`
(fragments, see `Fragments`) is always compared too: a gold criterion without it expects none."""

BENEFIT_FIELDS: Mapping[str, Callable[[Any], Any]] = {
    "amount_max": _number,
    "amount_min": _number,
    "cap_ratio": _number,
    "installments": _number,
    "installment_share": _number,
    "period": _enum_value(Period),
    "recipient": _enum_value(Recipient),
    "amount_levels": _numbers,
    "years": _number,
    "requires_title_ids": _strings,
    "employment": _enum_value_set(Employment),
}
BENEFIT_DEFAULTS: Mapping[str, Any] = {
    "amount_max": None,
    "amount_min": None,
    "cap_ratio": None,
    "installments": None,
    "installment_share": None,
    "period": Period.ONE_OFF.value,
    "recipient": Recipient.PERSON.value,
    "amount_levels": frozenset(),
}
"""The money of a benefit is always compared: a gold benefit without an amount expects none."""

RELAXATION_FIELDS: Mapping[str, Callable[[Any], Any]] = {
    "age_years": _number,
    "professional_rank_steps": _number,
    "service_years_reduction": _number,
}
RELAXATION_DEFAULTS: Mapping[str, Any] = {name: 0.0 for name in RELAXATION_FIELDS}

TIER_FIELDS: Mapping[str, Callable[[Any], Any]] = {
    "rank": _number,
    "code": lambda raw: str(raw),
    "for_team": _boolean,
}
TIER_DEFAULTS: Mapping[str, Any] = {"for_team": False}

PROGRAM_FIELDS: Mapping[str, Callable[[Any], Any]] = {
    "level": _enum_value(Level),
    "region": lambda raw: str(raw),
}


def _expect(raw: Any, read: Callable[[Any], Any]) -> Expect:
    if isinstance(raw, dict):
        if set(raw) != {"any_of"} or not isinstance(raw["any_of"], list) or not raw["any_of"]:
            raise ValueError(f"a mapping value must be {{any_of: [...]}}, got {raw!r}")
        return Expect(tuple(read(item) for item in raw["any_of"]))
    return Expect((read(raw),))


def _expectations(
    row: Mapping[str, Any], fields: Mapping[str, Callable[[Any], Any]], defaults: Mapping[str, Any]
) -> dict[str, Expect]:
    expected = {name: Expect((value,)) for name, value in defaults.items()}
    for name, read in fields.items():
        if name in row:
            expected[name] = _expect(row[name], read)
    return expected


def _unread(row: Mapping[str, Any]) -> Fragments:
    raw = row.get("unread") or []
    accepted = raw["any_of"] if isinstance(raw, dict) and set(raw) == {"any_of"} else [raw]
    for fragments in accepted:
        if not isinstance(fragments, list) or not all(isinstance(item, str) for item in fragments):
            raise ValueError("unread is a list of fragments of the text (or {any_of: [[…], […]]})")
    return Fragments(tuple(tuple(normalize(item) for item in fragments) for fragments in accepted))


# --- gold records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldProgram:
    name: str
    match: tuple[str, ...]  # normalised fragments; one in the extracted name is a match
    fields: dict[str, Expect]
    cited_in: tuple[str, ...] = ()  # optional programs also match by citation
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldTier:
    key: str
    name: str
    match: tuple[str, ...]
    not_match: tuple[str, ...]
    code: str | None
    fields: dict[str, Expect]
    cited_in: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldAwardAtom:
    """One award holding a criterion accepts: award (alternative ids), grade (None: any)."""

    tier: str
    roles: frozenset[str]
    award_ids: frozenset[str]
    grade: str | None
    max_rank: Expect
    cited_in: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldTitleAtom:
    tier: str
    roles: frozenset[str]
    title_ids: frozenset[str]  # alternatives: any one of them is a match
    cited_in: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldCriterion:
    tier: str
    roles: frozenset[str]
    kinds: frozenset[str]
    fields: dict[str, Expect]
    cited_in: tuple[str, ...]
    text: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldRelaxation:
    tier: str
    fields: dict[str, Expect]
    cited_in: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldBenefit:
    tier: str
    kinds: frozenset[str]
    fields: dict[str, Expect]
    cited_in: tuple[str, ...]
    text: str
    optional: bool = False

    @property
    def has_amount(self) -> bool:
        money = ("amount_max", "amount_min", "amount_levels")
        return any(
            any(value not in (None, frozenset()) for value in self.fields[name].accepted)
            for name in money
            if name in self.fields
        )


GovernedKey = tuple[str, ...]
"""("program",) | ("tier", key) | ("benefit", BenefitKind value, tier key)."""


@dataclass(frozen=True, slots=True)
class GoldRule:
    kinds: frozenset[str]
    cited_in: tuple[str, ...]
    governs: tuple[frozenset[GovernedKey], ...]  # accepted sets; empty tuple: not compared
    text: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldSuccession:
    from_match: tuple[str, ...]  # every fragment must appear in the predecessor's name
    to: str  # tier key or "program"
    cited_in: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Gold:
    """The gold facts of one source document."""

    path: Path  # the gold file
    source: Path  # the document
    programs: tuple[GoldProgram, ...]
    tiers: tuple[GoldTier, ...]
    criteria: tuple[GoldCriterion, ...]
    award_atoms: tuple[GoldAwardAtom, ...]
    title_atoms: tuple[GoldTitleAtom, ...]
    relaxations: tuple[GoldRelaxation, ...]
    benefits: tuple[GoldBenefit, ...]
    rules: tuple[GoldRule, ...]
    successions: tuple[GoldSuccession, ...]
    entity_ids: frozenset[str] = field(default=frozenset())  # every gazetteer id named
    provision_ids: frozenset[str] = field(default=frozenset())  # every provision cited

    @property
    def name(self) -> str:
        return self.source.name


# --- reading --------------------------------------------------------------------------------


def load_dir(directory: Path) -> list[Gold]:
    return [load(path) for path in sorted(directory.glob("*.yaml"))]


def load(path: Path) -> Gold:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise GoldError(f"{path.name}: not valid YAML ({error})") from None
    reader = _Reader(path)
    try:
        return reader.gold(data)
    except (KeyError, TypeError, ValueError) as error:
        raise GoldError(f"{path.name}: {reader.where}: {error}") from None


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = "top level"
        self.entity_ids: set[str] = set()
        self.provision_ids: set[str] = set()

    def gold(self, data: Mapping[str, Any]) -> Gold:
        unknown = set(data) - {
            "source", "programs", "tiers", "criteria", "relaxations", "benefits", "rules", "successions"
        }
        if unknown:
            raise ValueError(f"unknown sections {sorted(unknown)}")
        source = ROOT / data["source"]
        programs = tuple(self._each(data, "programs", self.program))
        tiers = tuple(self._each(data, "tiers", self.tier))
        keys = {tier.key for tier in tiers}
        if len(keys) != len(tiers):
            raise ValueError("two tiers share a key")
        self.keys = keys
        criteria: list[GoldCriterion] = []
        awards: list[GoldAwardAtom] = []
        titles: list[GoldTitleAtom] = []
        for crits, award_atoms, title_atoms in self._each(data, "criteria", self.criterion):
            criteria += crits
            awards += award_atoms
            titles += title_atoms
        relaxations = [r for rows in self._each(data, "relaxations", self.relaxation) for r in rows]
        benefits = [b for rows in self._each(data, "benefits", self.benefit) for b in rows]
        rules = tuple(self._each(data, "rules", self.rule))
        successions = tuple(self._each(data, "successions", self.succession))
        self.where = "top level"
        return Gold(
            path=self.path,
            source=source,
            programs=programs,
            tiers=tiers,
            criteria=tuple(criteria),
            award_atoms=tuple(awards),
            title_atoms=tuple(titles),
            relaxations=tuple(relaxations),
            benefits=tuple(benefits),
            rules=rules,
            successions=successions,
            entity_ids=frozenset(self.entity_ids),
            provision_ids=frozenset(self.provision_ids),
        )

    def _each(self, data: Mapping[str, Any], section: str, read: Callable[[Mapping[str, Any]], Any]) -> Iterable[Any]:
        for index, row in enumerate(data.get(section) or ()):
            self.where = f"{section}[{index}]"
            if not isinstance(row, dict):
                raise ValueError("each entry must be a mapping")
            yield read(row)

    # -- shared pieces --

    def _cites(self, row: Mapping[str, Any]) -> tuple[str, ...]:
        raw = row["cited_in"]
        cites = tuple(raw) if isinstance(raw, list) else (raw,)
        self.provision_ids.update(cites)
        return cites

    def _tiers(self, row: Mapping[str, Any]) -> list[str]:
        tiers = row["tiers"] if "tiers" in row else [row["tier"]]
        for key in tiers:
            if key not in self.keys:
                raise ValueError(f"unknown tier key {key!r}")
        return list(tiers)

    @staticmethod
    def _names(raw: Any, enum: type[Enum]) -> frozenset[str]:
        names = raw if isinstance(raw, list) else [raw]
        for name in names:
            enum[name]  # raises KeyError naming the bad value
        return frozenset(names)

    @staticmethod
    def _fragments(raw: Any) -> tuple[str, ...]:
        return tuple(normalize(str(item)) for item in (raw or ()))

    def _ids(self, raw: Any) -> frozenset[str]:
        ids = raw["any_of"] if isinstance(raw, dict) else [raw]
        self.entity_ids.update(ids)
        return frozenset(ids)

    # -- sections --

    def program(self, row: Mapping[str, Any]) -> GoldProgram:
        return GoldProgram(
            name=row["name"],
            match=self._fragments(row.get("match") or [row["name"]]),
            fields=_expectations(row, PROGRAM_FIELDS, {}),
            cited_in=self._cites(row) if "cited_in" in row else (),
            optional=bool(row.get("optional", False)),
        )

    def tier(self, row: Mapping[str, Any]) -> GoldTier:
        return GoldTier(
            key=str(row["key"]),
            name=row["name"],
            match=self._fragments(row.get("match") or [row["name"]]),
            not_match=self._fragments(row.get("not_match")),
            code=str(row["code"]) if row.get("code") is not None else None,
            fields=_expectations(row, TIER_FIELDS, TIER_DEFAULTS),
            cited_in=self._cites(row) if "cited_in" in row else (),
            optional=bool(row.get("optional", False)),
        )

    def criterion(self, row: Mapping[str, Any]) -> tuple[list[GoldCriterion], list[GoldAwardAtom], list[GoldTitleAtom]]:
        roles = self._names(row["role"], CriterionRole)
        kinds = self._names(row["kind"], CriterionKind)
        fields: dict[str, Any] = _expectations(row, CRITERION_FIELDS, CRITERION_DEFAULTS)
        fields["unread"] = _unread(row)
        for name in ("age_exempt_title_ids",):
            for accepted in fields.get(name, Expect(())).accepted:
                self.entity_ids.update(accepted)
        cites = self._cites(row)
        optional = bool(row.get("optional", False))
        crits, awards, titles = [], [], []
        for tier in self._tiers(row):
            crits.append(GoldCriterion(tier, roles, kinds, fields, cites, row.get("text", ""), optional))
            for spec in row.get("awards") or ():
                grades = spec.get("grades") or [None]
                max_rank = _expect(spec.get("max_rank"), _number)
                spec_optional = optional or bool(spec.get("optional", False))
                for ids in spec["ids"]:
                    for grade in grades:
                        awards.append(
                            GoldAwardAtom(tier, roles, self._ids(ids), grade, max_rank, cites, spec_optional)
                        )
            for entry in row.get("titles") or ():
                entry_optional = optional
                if isinstance(entry, dict) and "id" in entry:
                    entry_optional = optional or bool(entry.get("optional", False))
                    entry = entry["id"]
                titles.append(GoldTitleAtom(tier, roles, self._ids(entry), cites, entry_optional))
        return crits, awards, titles

    def relaxation(self, row: Mapping[str, Any]) -> list[GoldRelaxation]:
        fields = _expectations(row, RELAXATION_FIELDS, RELAXATION_DEFAULTS)
        cites = self._cites(row)
        optional = bool(row.get("optional", False))
        return [GoldRelaxation(tier, fields, cites, optional) for tier in self._tiers(row)]

    def benefit(self, row: Mapping[str, Any]) -> list[GoldBenefit]:
        kinds = self._names(row["kind"], BenefitKind)
        fields = _expectations(row, BENEFIT_FIELDS, BENEFIT_DEFAULTS)
        for accepted in fields.get("requires_title_ids", Expect(())).accepted:
            self.entity_ids.update(accepted)
        cites = self._cites(row)
        optional = bool(row.get("optional", False))
        return [GoldBenefit(tier, kinds, fields, cites, row.get("text", ""), optional) for tier in self._tiers(row)]

    def rule(self, row: Mapping[str, Any]) -> GoldRule:
        alternatives = row.get("governs_any_of")
        if alternatives is None and "governs" in row:
            alternatives = [row["governs"]]
        governs = tuple(self._governed(alternative) for alternative in alternatives or ())
        return GoldRule(
            kinds=self._names(row["kind"], StackingKind),
            cited_in=self._cites(row),
            governs=governs,
            text=row.get("text", ""),
            optional=bool(row.get("optional", False)),
        )

    def _governed(self, items: list[Any]) -> frozenset[GovernedKey]:
        keys: set[GovernedKey] = set()
        for item in items:
            if item == "program":
                keys.add(("program",))
                continue
            tiers = self._tiers(item)
            if "benefit" in item:
                kind = BenefitKind[item["benefit"]].value
                keys.update(("benefit", kind, tier) for tier in tiers)
            else:
                keys.update(("tier", tier) for tier in tiers)
        return frozenset(keys)

    def succession(self, row: Mapping[str, Any]) -> GoldSuccession:
        to = str(row["to"])
        if to != "program" and to not in self.keys:
            raise ValueError(f"unknown tier key {to!r}")
        return GoldSuccession(
            from_match=self._fragments(row["from"]),
            to=to,
            cited_in=self._cites(row),
            optional=bool(row.get("optional", False)),
        )
