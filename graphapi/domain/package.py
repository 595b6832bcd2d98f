"""The best lawful benefit package for a profile (bestPackage).

1. Tiers: the ELIGIBLE tiers from `eligibility.assess`, one per program — the highest-ranked
   one, since a person is recognised in one class (类别) of a program. NEEDS_INFO tiers that
   would rank higher, or open a program with no eligible tier, are named as what the missing
   fields could add (`could_add`).
2. Benefits of those tiers that are the person's own. Benefits paid to the employer, the
   recruiter (引才奖励) or a team go to `set_aside` with that reason, as do benefits limited
   to an employment mode (全职) the person does not (or does not say they) work in.
3. Amounts through `amounts.compute`, with the house price for capped housing subsidies;
   non-cash SERVICE benefits are listed with amount 0.
4. Stacking through `stacking.check` — the same rules as checkDuplicateEnjoyment: what a rule
   sets aside moves to `set_aside` with the rule's explanation. Pairs no rule covers stay in the
   package and are reported. Where rules disagree (one allows what another restricts) the
   restricting rule is applied, so that nothing unlawful is paid, and the disagreement is stated
   in the explanation for the office to decide.
5. The total of the kept items (yearly benefits without a stated duration count one year), and
   what it is made of, since 项目经费 and 金融支持 are not money the person receives: each item has a
   purpose — personal cash (本人现金待遇), funding for projects, studios or teams (项目、团队经费),
   financing by financial institutions (金融支持) or a non-cash service — and items that can only
   be had after a later event (5年服务期满后, 考核优秀) are conditional. The personal, funding,
   financing and conditional totals partition the total: a conditional item counts only there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from enum import StrEnum

from graphapi.domain import explain
from graphapi.domain.amounts import Amount, compute
from graphapi.domain.eligibility import TierAssessment, assess
from graphapi.domain.knowledge import Knowledge
from graphapi.domain.model import (
    Benefit,
    BenefitKind,
    EligibilityStatus,
    Employment,
    Program,
    Recipient,
    Tier,
)
from graphapi.domain.profile import Claim, EntityRelations, TalentProfile
from graphapi.domain.regions import RegionTree
from graphapi.domain.stacking import (
    Conflict,
    DuplicateReport,
    RuleConflict,
    UncoveredPair,
    Verdict,
    check,
)

APPLICANT = "申请人"  # the person of the claims built for the stacking check


class Purpose(StrEnum):
    """What an item's money is for, which decides whether it is the person's income."""

    PERSONAL_CASH = "PERSONAL_CASH"  # 本人现金待遇: 购房津贴, 生活补贴, 奖励, 岗位津贴
    FUNDING = "FUNDING"  # 项目、工作室、团队经费: spent on the work, not paid to the person
    FINANCING = "FINANCING"  # 金融支持: loans or investment arranged with financial institutions
    SERVICE = "SERVICE"  # 非现金待遇


_FUNDING_KINDS = frozenset({BenefitKind.PROJECT_FUNDING, BenefitKind.TRAINING_FUNDS, BenefitKind.STARTUP_SUPPORT})
_FINANCING_WORDING = re.compile(r"金融机构|金融支持|贷款|授信|融资担保")
# A condition on a later event, not on who the person is: 5年服务期满后, 考核优秀, 中期评估合格后拨付.
_LATER_EVENT = re.compile(r"期满|满[\d一二三四五六七八九十]+年|考核优秀|中期评估|实绩突出")


def purpose_of(benefit: Benefit) -> Purpose:
    if benefit.kind is BenefitKind.SERVICE:
        return Purpose.SERVICE
    if benefit.kind in _FUNDING_KINDS:
        return Purpose.FINANCING if _FINANCING_WORDING.search(benefit.text or "") else Purpose.FUNDING
    return Purpose.PERSONAL_CASH


def later_condition(benefit: Benefit) -> str | None:
    """The benefit's conditions on a later event, as written (None when it has none)."""
    later = [c for c in benefit.conditions if _LATER_EVENT.search(c)]
    return "、".join(later) if later else None


@dataclass(frozen=True, slots=True)
class PackageItem:
    benefit: Benefit
    tier: Tier | None
    program: Program | None
    amount: Amount
    reason: str  # Chinese: why it is in the package, or why it was set aside
    citation: str  # provision id of the benefit

    @property
    def value(self) -> float:
        return self.amount.value

    @property
    def purpose(self) -> Purpose:
        return purpose_of(self.benefit)

    @property
    def condition(self) -> str | None:
        """A later event the item depends on (5年服务期满后), None when it has none."""
        return later_condition(self.benefit)


@dataclass(frozen=True, slots=True)
class Totals:
    """The total and the parts it is made of (they add up to it)."""

    total: float  # every kept item
    personal_cash: float  # paid to the person, unconditionally
    funding: float  # project, studio or team funding, unconditionally
    financing: float  # financing by financial institutions, unconditionally
    conditional: float  # items that depend on a later event, whatever their purpose

    @classmethod
    def of(cls, items: list[PackageItem]) -> Totals:
        parts = {purpose: 0.0 for purpose in Purpose}
        conditional = 0.0
        for item in items:
            if item.condition:
                conditional += item.value
            else:
                parts[item.purpose] += item.value
        return cls(
            round(sum(item.value for item in items), 2),
            round(parts[Purpose.PERSONAL_CASH], 2),
            round(parts[Purpose.FUNDING], 2),
            round(parts[Purpose.FINANCING], 2),
            round(conditional, 2),
        )


@dataclass(slots=True)
class Package:
    items: list[PackageItem]
    set_aside: list[PackageItem]
    totals: Totals
    explanation: str
    tiers: list[TierAssessment] = field(default_factory=list)  # the tiers the package rests on
    could_add: list[TierAssessment] = field(default_factory=list)  # NEEDS_INFO tiers
    conflicts: list[Conflict] = field(default_factory=list)
    uncovered: list[UncoveredPair] = field(default_factory=list)
    rule_conflicts: list[RuleConflict] = field(default_factory=list)

    @property
    def total_max_amount(self) -> float:
        """Every kept item's maximum amount (`totals.total`)."""
        return self.totals.total


def best_package(
    profile: TalentProfile,
    knowledge: Knowledge,
    relations: EntityRelations,
    regions: RegionTree,
    *,
    as_of_year: int | None = None,
) -> Package:
    """Everything `profile` can lawfully receive across the programs that apply; see the module docstring."""
    assessments = assess(profile, knowledge, relations, regions, as_of_year=as_of_year)
    chosen, passed_over = _one_tier_per_program(assessments)
    could_add = [
        a
        for a in assessments
        if a.status is EligibilityStatus.NEEDS_INFO
        and (a.tier.program_id not in chosen or a.tier.rank < chosen[a.tier.program_id].tier.rank)
    ]

    candidates: list[PackageItem] = []
    set_aside: list[PackageItem] = []
    amounts: dict[str, Amount] = {}
    held = _held_titles(profile, relations)
    for assessment in chosen.values():
        benefits = knowledge.benefits_of(assessment.tier.id)
        replaced = _replaced_by_variants(benefits, held)
        for benefit in benefits:
            amounts[benefit.id] = compute(benefit, profile.house_price)
            item = _item(knowledge, assessment, benefit, amounts[benefit.id])
            refusal = _not_personal(profile, benefit, held) or replaced.get(benefit.id)
            if refusal:
                set_aside.append(_with_reason(item, refusal))
            else:
                candidates.append(item)

    report = check([Claim(APPLICANT, i.benefit.id) for i in candidates], knowledge, regions, amounts)
    removed: dict[str, list[str]] = defaultdict(list)
    for conflict in report.conflicts:
        if conflict.verdict is not Verdict.ALLOWED:
            for claim in conflict.set_aside:
                removed[claim.benefit_id].append(conflict.explanation)
    items = []
    for item in candidates:
        if item.benefit.id in removed:
            set_aside.append(_with_reason(item, explain.sentences(dict.fromkeys(removed[item.benefit.id]))))
        else:
            items.append(item)

    totals = Totals.of(items)
    return Package(
        items=items,
        set_aside=set_aside,
        totals=totals,
        explanation=_explanation(knowledge, chosen, passed_over, could_add, items, set_aside, totals, report),
        tiers=list(chosen.values()),
        could_add=could_add,
        conflicts=report.conflicts,
        uncovered=report.uncovered,
        rule_conflicts=report.rule_conflicts,
    )


def _one_tier_per_program(
    assessments: list[TierAssessment],
) -> tuple[dict[str, TierAssessment], dict[str, list[TierAssessment]]]:
    chosen: dict[str, TierAssessment] = {}
    passed_over: dict[str, list[TierAssessment]] = defaultdict(list)
    eligible = [a for a in assessments if a.status is EligibilityStatus.ELIGIBLE]
    for assessment in sorted(eligible, key=lambda a: (a.tier.rank, a.tier.id)):
        program_id = assessment.tier.program_id
        if program_id in chosen:
            passed_over[program_id].append(assessment)
        else:
            chosen[program_id] = assessment
    return chosen, passed_over


def _item(knowledge: Knowledge, assessment: TierAssessment, benefit: Benefit, amount: Amount) -> PackageItem:
    label = explain.tier_label(assessment.program, assessment.tier)
    reason = f"根据{knowledge.reference(benefit.cited_in)}，{label}可享受{benefit.name}"
    if benefit.conditions:
        reason += f"（须{explain.listing(benefit.conditions)}）"
    purpose = purpose_of(benefit)
    notes = [reason, amount.note]
    if amount.cash and purpose is not Purpose.PERSONAL_CASH:
        notes.append(explain.purpose_note(purpose.value))
    return PackageItem(
        benefit, assessment.tier, assessment.program, amount, explain.sentences(notes), benefit.cited_in
    )


def _with_reason(item: PackageItem, reason: str) -> PackageItem:
    return replace(item, reason=explain.sentences([reason]))


def _held_titles(profile: TalentProfile, relations: EntityRelations) -> set[str]:
    """The person's titles with everything equivalent to them (SAME_AS, classes)."""
    held: set[str] = set()
    for title_id in profile.title_ids:
        held |= relations.equivalent_titles(title_id)
    return held


def _replaced_by_variants(benefits: list[Benefit], held: set[str]) -> dict[str, str]:
    """A title-limited variant the person qualifies for (引进“两院”在职院士200万元) replaces the
    general benefit of the same kind written in the same provision: reason by replaced id."""
    replaced: dict[str, str] = {}
    for variant in benefits:
        if not variant.requires_title_ids or not held & set(variant.requires_title_ids):
            continue
        for general in benefits:
            if (
                not general.requires_title_ids
                and general.kind is variant.kind
                and general.cited_in == variant.cited_in
            ):
                amount = explain.yuan(variant.amount_max) if variant.amount_max else "另行规定的标准"
                replaced[general.id] = explain.variant_replaces(general.name, amount, variant.text)
    return replaced


def _not_personal(profile: TalentProfile, benefit: Benefit, held: set[str]) -> str | None:
    """Why a benefit of an eligible tier is not the person's to receive, or None."""
    if benefit.requires_title_ids and not held & set(benefit.requires_title_ids):
        return explain.title_set_aside(benefit.name, benefit.text)
    if benefit.recipient is not Recipient.PERSON:
        return explain.recipient_set_aside(benefit.name, benefit.recipient)
    if benefit.employment and (profile.employment is None or profile.employment not in benefit.employment):
        names = {Employment.FULL_TIME: "全职", Employment.FLEXIBLE: "柔性引进"}
        modes = "或".join(names[m] for m in benefit.employment)
        return explain.employment_set_aside(benefit.name, modes, known=profile.employment is not None)
    return None


def _explanation(
    knowledge: Knowledge,
    chosen: dict[str, TierAssessment],
    passed_over: dict[str, list[TierAssessment]],
    could_add: list[TierAssessment],
    items: list[PackageItem],
    set_aside: list[PackageItem],
    totals: Totals,
    report: DuplicateReport,
) -> str:
    lines: list[str] = []
    if not chosen:
        lines.append("根据所填信息，未找到符合条件的人才类别，暂无可享受的待遇")
    for program_id, assessment in chosen.items():
        program = assessment.program
        name = program.name if program else program_id
        lines.append(
            explain.one_tier_per_program(
                name,
                explain.tier_label(None, assessment.tier),
                [explain.tier_label(None, other.tier) for other in passed_over.get(program_id, [])],
                knowledge.reference(assessment.tier.cited_in),
            )
        )
    if items:
        conditional = [item for item in items if item.condition and item.value]
        lines.append(
            explain.package_totals(
                len(items),
                totals.total,
                totals.personal_cash,
                totals.funding,
                totals.financing,
                totals.conditional,
                [f"{item.benefit.name}须{item.condition}" for item in conditional],
            )
        )
        if any(item.amount.open_ended for item in items):
            lines.append("按年发放且文件未规定年限的待遇按一年计")
        if any(item.amount.total is None and item.amount.cash for item in items):
            lines.append("部分待遇文件未规定金额，未计入合计")
    if set_aside:
        lines.append(f"另有{len(set_aside)}项不计入，原因见各项说明")
    for assessment in could_add:
        lines.append(
            explain.could_add(explain.tier_label(assessment.program, assessment.tier), assessment.missing)
        )
    if report.uncovered:
        lines.append(
            f"有{len(report.uncovered)}组待遇未找到适用的不重复享受规定，已分别计列，请由主管部门核实"
        )
    for conflict in report.rule_conflicts:
        lines.append(conflict.explanation)
    return explain.sentences(lines)
