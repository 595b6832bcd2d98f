"""What the reasoning knows about a person, after the API has resolved names to entity ids.

Everything is optional: an unknown value stays None and the reasoning says which field would
decide a question (`ProfileField`), never guessing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from graphapi.domain.model import Degree, Employment, Gender, ProfessionalRank


class ProfileField(StrEnum):
    """Profile fields as the API spells them, reported in `missing`."""

    AGE = "age"
    DEGREE = "degree"
    PROFESSIONAL_RANK = "professionalRank"
    EMPLOYMENT = "employment"
    REGION = "region"
    TITLES = "titles"
    AWARD_GRADE = "awards.grade"
    AWARD_RANK = "awards.rank"
    AWARD_YEAR = "awards.year"
    POVERTY_OR_BORDER_COUNTY = "povertyOrBorderCounty"  # 在贫困县、边境县工作
    GENDER = "gender"  # only where an age limit differs by gender
    SALARY = "annualSalary"  # 年薪, yuan


@dataclass(frozen=True, slots=True)
class AwardHolding:
    """One award the person holds. `award_id` is None when the name did not resolve."""

    award_id: str | None
    name: str  # as entered
    grade: str | None = None  # 特等奖, 一等奖, 二等奖, 三等奖
    rank: int | None = None  # completer rank (完成人排名), 1 = first
    year: int | None = None

    def __post_init__(self) -> None:
        if self.rank is not None and self.rank < 1:
            raise ValueError(f"award rank must be 1 or more, got {self.rank} for {self.name}")


@dataclass(frozen=True, slots=True)
class TalentProfile:
    """A person as the reasoning sees them.

    `title_ids` are resolved Title ids; `title_names` maps each of them to the name the user
    entered (any script), for explanations; `unresolved_titles` are entered names that
    matched no entity. `region_id` is a RegionTree id; `region_name` what was entered.
    """

    title_ids: tuple[str, ...] = ()
    title_names: dict[str, str] = field(default_factory=dict)
    unresolved_titles: tuple[str, ...] = ()
    awards: tuple[AwardHolding, ...] = ()
    age: int | None = None
    degree: Degree | None = None
    professional_rank: ProfessionalRank | None = None
    employment: Employment | None = None
    region_id: str | None = None
    region_name: str | None = None
    house_price: float | None = None  # yuan, for capped housing subsidies
    poverty_or_border_county: bool | None = None  # works in a 贫困县/边境县 (放宽条件)
    gender: Gender | None = None
    annual_salary: float | None = None  # yuan (年薪)

    def __post_init__(self) -> None:
        if self.age is not None and not 0 <= self.age <= 150:
            raise ValueError(f"age must be between 0 and 150, got {self.age}")
        if self.house_price is not None and self.house_price <= 0:
            raise ValueError(f"house price must be positive, got {self.house_price}")
        if self.annual_salary is not None and self.annual_salary < 0:
            raise ValueError(f"annual salary must not be negative, got {self.annual_salary}")

    def title_name(self, title_id: str) -> str:
        return self.title_names.get(title_id, title_id)


@dataclass(frozen=True, slots=True)
class Claim:
    """A person's claim to a benefit, as a talent office lists it before paying."""

    person: str
    benefit_id: str
    amount: float | None = None  # yuan; None: use the benefit's computed amount


class EntityRelations(Protocol):
    """How titles and awards relate; implemented by the entity resolver."""

    def equivalent_titles(self, title_id: str) -> set[str]:
        """The title, every title SAME_AS it (transitively) and the classes they belong to."""
        ...

    def award_classes(self, award_id: str) -> set[str]:
        """The award and the award classes it belongs to (省部级科学技术进步奖 …)."""
        ...
