"""The reasoning operations' input: profiles and claims as GraphQL inputs, checked and turned
into the domain's records (names resolved to entity ids, regions found). Every refusal is a
BAD_USER_INPUT error naming the argument."""

from __future__ import annotations

import datetime

import strawberry

from graphapi.api import enums
from graphapi.api.errors import bad_input
from graphapi.api.notices import Notice
from graphapi.api.types import Ctx
from graphapi.domain.entities import EntityMatch
from graphapi.domain.profile import AwardHolding, TalentProfile
from graphapi.domain.text import to_simplified

GRADES = ("特等奖", "一等奖", "二等奖", "三等奖")
_GRADE_DIGITS = {"特": "特", "0": "特", "1": "一", "2": "二", "3": "三", "一": "一", "二": "二", "三": "三"}
MAX_LIST = 50
MAX_NAME = 200
MAX_CLAIMS = 200_000
SUGGESTIONS = 3  # names offered for one that did not resolve
MAX_AMOUNT = 1e11  # yuan: a thousand times the largest amount in any policy read so far


# --- input ------------------------------------------------------------------------------------


@strawberry.input(description="One award the person holds")
class AwardInput:
    name: str = strawberry.field(description="Any script, e.g. 国家科学技术进步奖")
    grade: str | None = strawberry.field(default=None, description="特等奖, 一等奖, 二等奖 or 三等奖")
    rank: int | None = strawberry.field(default=None, description="Completer rank (完成人排名), 1 = first")
    year: int | None = None


@strawberry.input(description="What is known about a person; leave unknown fields out")
class TalentProfileInput:
    titles: list[str] | None = strawberry.field(
        default=None, description='Free text, any script: "杰青", "長江學者特聘教授"'
    )
    awards: list[AwardInput] | None = None
    age: int | None = None
    degree: enums.Degree | None = None
    professional_rank: enums.ProfessionalRank | None = None
    employment: enums.Employment | None = None
    region: str | None = strawberry.field(default=None, description='Where the person works, e.g. "官渡区"')
    house_price: float | None = strawberry.field(default=None, description="Yuan, for capped housing subsidies")
    poverty_or_border_county: bool | None = strawberry.field(
        default=None, description="Works in a 贫困县/边境县 (放宽条件 may apply)"
    )
    gender: enums.Gender | None = strawberry.field(
        default=None, description="Only where an age limit differs by gender (男63周岁、女58周岁)"
    )
    annual_salary: float | None = strawberry.field(default=None, description="Yuan a year (年薪)")


@strawberry.input(description="A person's claim to a benefit")
class BenefitClaimInput:
    person: str
    benefit_id: strawberry.ID
    amount: float | None = strawberry.field(default=None, description="Yuan; omitted: the computed amount")


@strawberry.input(
    description="Claims as columns, for bulk callers (much cheaper to read than one object per claim): "
    "claim i is persons[i], benefitIds[i] and amounts[i]"
)
class ClaimBatchInput:
    persons: list[str]
    benefit_ids: list[strawberry.ID]
    amounts: list[float | None] | None = strawberry.field(
        default=None, description="Yuan, one per claim (null: the computed amount); omitted: all computed"
    )


def _name(value: str, argument: str) -> str:
    value = to_simplified(value.strip())
    if not value:
        raise bad_input(f"{argument} must not be empty", argument=argument)
    if len(value) > MAX_NAME:
        raise bad_input(f"{argument} is {len(value)} characters long; the limit is {MAX_NAME}", argument=argument)
    return value


def _grade(value: str | None, argument: str) -> str | None:
    if value is None:
        return None
    text = to_simplified(value.strip()).removesuffix("奖").removesuffix("等")
    grade = f"{_GRADE_DIGITS[text]}等奖" if text in _GRADE_DIGITS else None
    if grade not in GRADES:
        shown = value if len(value) <= 20 else f"{value[:20]}…"
        raise bad_input(f"{argument} {shown!r} is not a grade; use one of {'、'.join(GRADES)}", argument=argument)
    return grade


def bounded(value: float | int | None, argument: str, low: float, high: float) -> None:
    if value is not None and not low <= value <= high:
        raise bad_input(f"{argument} must be between {low:g} and {high:g}, got {value:g}", argument=argument)


def to_profile(ctx: Ctx, data: TalentProfileInput) -> TalentProfile:
    entities = ctx.context.entities
    titles, awards = data.titles or [], data.awards or []
    if len(titles) > MAX_LIST or len(awards) > MAX_LIST:
        raise bad_input(f"at most {MAX_LIST} titles and {MAX_LIST} awards", argument="profile")
    bounded(data.age, "profile.age", 0, 130)
    bounded(data.house_price, "profile.housePrice", 1, MAX_AMOUNT)
    bounded(data.annual_salary, "profile.annualSalary", 0, MAX_AMOUNT)
    notices = ctx.context.notices
    title_ids: list[str] = []
    title_names: dict[str, str] = {}
    unresolved: list[str] = []
    for index, raw in enumerate(titles):
        name = _name(raw, f"profile.titles[{index}]")
        match = entities.resolve_title(name)
        if match is None:
            unresolved.append(raw.strip())
            notices.append(_unrecognised("称号", "UNRECOGNISED_TITLE", raw, f"profile.titles[{index}]",
                                         entities.search_titles(name, SUGGESTIONS)))
        else:
            title_ids.append(match.entity.id)
            title_names.setdefault(match.entity.id, raw.strip())
    holdings: list[AwardHolding] = []
    this_year = datetime.date.today().year
    for index, award in enumerate(awards):
        where = f"profile.awards[{index}]"
        name = _name(award.name, f"{where}.name")
        bounded(award.rank, f"{where}.rank", 1, 1000)
        bounded(award.year, f"{where}.year", 1900, this_year + 1)
        match = entities.resolve_award(name)
        if match is None:
            notices.append(_unrecognised("奖项", "UNRECOGNISED_AWARD", award.name, f"{where}.name",
                                         entities.search_awards(name, SUGGESTIONS)))
        holdings.append(
            AwardHolding(
                award_id=match.entity.id if match else None,
                name=award.name.strip(),
                grade=_grade(award.grade, f"{where}.grade"),
                rank=award.rank,
                year=award.year,
            )
        )
    region_id = region_name = None
    if data.region is not None:
        region_name = _name(data.region, "profile.region")
        region = ctx.context.regions.locate(region_name)
        region_id = region.id if region else None
        if region is None:
            notices.append(
                Notice(
                    "UNKNOWN_REGION",
                    f"所填工作地区“{data.region.strip()}”未能识别：有地区限制的计划均需补充工作地区后再判断",
                    "profile.region",
                )
            )
    return TalentProfile(
        title_ids=tuple(dict.fromkeys(title_ids)),
        title_names=title_names,
        unresolved_titles=tuple(unresolved),
        awards=tuple(holdings),
        age=data.age,
        degree=data.degree,
        professional_rank=data.professional_rank,
        employment=data.employment,
        region_id=region_id,
        region_name=region_name,
        house_price=data.house_price,
        poverty_or_border_county=data.poverty_or_border_county,
        gender=data.gender,
        annual_salary=data.annual_salary,
    )


def _unrecognised(kind: str, code: str, entered: str, argument: str, candidates: list[EntityMatch]) -> Notice:
    suggestions = [match.entity.name for match in candidates]
    hint = f"，是否指{'、'.join(f'“{name}”' for name in suggestions)}" if suggestions else ""
    return Notice(code, f"所填{kind}“{entered.strip()}”未能识别，未参与判断{hint}", argument, suggestions)


def applicable_regions(ctx: Ctx, profile: TalentProfile) -> list[str] | None:
    """Names of the regions whose programs can apply: the person's region, the regions around it
    and those inside it (昆明市 given: a 官渡区 program may apply, the region is then asked for);
    None (all) when the region is unknown."""
    if profile.region_id is None:
        return None
    regions = ctx.context.regions
    found = [*regions.ancestors(profile.region_id), *regions.within(profile.region_id)]
    return list(dict.fromkeys(region.name for region in found))
