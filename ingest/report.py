"""What extraction read from a document, as rich tables: programs and tiers with their criteria
by role, every criterion with its structured reading, what is left unread and the names no
entity matched, the relaxations, benefits with amounts, stacking rules, successions, and every
unlinked mention with the provision it was read in. Used by `extract --report`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.console import Console, Group
from rich.table import Table

from graphapi.domain.explain import DEGREE_NAMES, RANK_NAMES, yuan
from graphapi.domain.model import HOUSE_PRICE, AgeLimit, Benefit, Criterion, CriterionKind, CriterionRole, Facts, Relaxation

COUNT_COLUMNS = ("programs", "tiers", "basic", "core", "exclusion", "benefits", "rules", "unlinked")


@dataclass(frozen=True, slots=True)
class Counts:
    programs: int
    tiers: int
    basic: int
    core: int
    exclusion: int
    benefits: int
    rules: int
    unlinked: int

    @classmethod
    def of(cls, facts: Facts) -> Counts:
        roles = Counter(c.role for c in facts.criteria)
        return cls(
            programs=len(facts.programs),
            tiers=len(facts.tiers),
            basic=roles[CriterionRole.BASIC],
            core=roles[CriterionRole.CORE],
            exclusion=roles[CriterionRole.EXCLUSION],
            benefits=len(facts.benefits),
            rules=len(facts.stacking_rules),
            unlinked=len(facts.unlinked),
        )

    def row(self) -> list[str]:
        return [str(getattr(self, column)) for column in COUNT_COLUMNS]


def summary_table(rows: list[tuple[str, Counts | None, str | None]]) -> Table:
    """One line per document: its counts, or why it could not be read."""
    table = Table(title="Extraction summary", show_footer=True)
    table.add_column("document", footer="total")
    for index, column in enumerate(COUNT_COLUMNS):
        total = sum(int(c.row()[index]) for _, c, _ in rows if c)
        table.add_column(column, justify="right", footer=str(total))
    table.add_column("status")
    for name, counts, error in rows:
        cells = counts.row() if counts else ["-"] * len(COUNT_COLUMNS)
        table.add_row(name, *cells, f"[red]{error}[/]" if error else "[green]ok[/]")
    return table


def amount_text(benefit: Benefit) -> str:
    if benefit.amount_levels:
        return "、".join(yuan(v) for v in benefit.amount_levels) + "（档次）"
    parts: list[str] = []
    if benefit.amount_min is not None and benefit.amount_max is not None and benefit.amount_min < benefit.amount_max:
        parts.append(f"{yuan(benefit.amount_min)}–{yuan(benefit.amount_max)}")
    elif benefit.amount_max is not None:
        parts.append(f"≤{yuan(benefit.amount_max)}")
    if benefit.cap_ratio is not None:
        parts.append(f"≤{benefit.cap_basis or HOUSE_PRICE}{benefit.cap_ratio:.0%}")
    if benefit.period.value != "ONE_OFF":
        parts.append({"YEARLY": "每年", "MONTHLY": "每月"}[benefit.period.value])
    if benefit.installments:
        share = f"×{benefit.installment_share:.0%}" if benefit.installment_share else ""
        parts.append(f"分{benefit.installments}期{share}")
    if benefit.requires_title_ids:
        parts.append("限" + "、".join(benefit.requires_title_ids))
    return "，".join(parts) or "—"


_MODES = {"FULL_TIME": "全职", "FLEXIBLE": "柔性"}
_GENDERS = {"MALE": "男", "FEMALE": "女"}


def _age_limit(limit: AgeLimit) -> str:
    who = "".join(w for w in (limit.employment and _MODES[limit.employment.value], limit.gender and _GENDERS[limit.gender.value]) if w)
    return f"{who}≤{limit.max_age}岁"


def reading_text(criterion: Criterion) -> str:
    """The structured reading of a criterion, in short: what the reasoning checks."""
    parts: list[str] = []
    if criterion.title_ids:
        parts.append("称号 " + "、".join(criterion.title_ids))
    for requirement in criterion.awards:
        limits = "、".join(requirement.grades)
        if requirement.max_rank is not None:
            limits += f"{'，' if limits else ''}前{requirement.max_rank}名"
        parts.append("奖项 " + "、".join(requirement.award_ids) + (f"（{limits}）" if limits else ""))
    if criterion.age_limits:
        parts.append("年龄 " + "／".join(_age_limit(limit) for limit in criterion.age_limits))
    elif criterion.max_age is not None:
        parts.append(f"年龄≤{criterion.max_age}岁")
    if criterion.age_is_usual:
        parts.append("一般（可破格）")
    if criterion.age_exempt_title_ids:
        parts.append("除外 " + "、".join(criterion.age_exempt_title_ids))
    education = [DEGREE_NAMES[criterion.min_degree] + "以上"] if criterion.min_degree is not None else []
    if criterion.min_professional_rank is not None:
        education.append(RANK_NAMES[int(criterion.min_professional_rank)] + "以上")
    if education:
        parts.append("或".join(education))
    if criterion.employment:
        parts.append("或".join(_MODES[m.value] for m in criterion.employment))
    if criterion.min_service_days_per_year is not None:
        parts.append(f"每年≥{criterion.min_service_days_per_year}天")
    if criterion.min_service_months is not None:
        parts.append(f"≥{criterion.min_service_months}个月")
    if criterion.min_amount is not None:
        what = "纳税" if criterion.kind is CriterionKind.TAX else "年薪" if criterion.kind is CriterionKind.SALARY else "金额"
        parts.append(f"{what}≥{yuan(criterion.min_amount)}")
    if criterion.within_years is not None:
        parts.append(f"近{criterion.within_years}年")
    if criterion.discretionary:
        parts.append("由主管部门认定")
    return "；".join(parts) or "—（整条待审）"


def criteria_table(name: str, facts: Facts) -> Table:
    """Every criterion: role and kind, the text, what is read of it, what is left unread, the
    names that link to nothing, and where it is written."""
    table = Table(title=f"{name}: criteria ({len(facts.criteria)})", show_lines=True)
    for column in ("id", "role", "kind", "text", "reading", "unread", "unlinked", "cited in"):
        table.add_column(column, overflow="fold")
    for criterion in facts.criteria:
        table.add_row(
            criterion.id,
            criterion.role.value,
            criterion.kind.value,
            criterion.text,
            reading_text(criterion),
            "；".join(criterion.unread) or "",
            "、".join(criterion.unlinked_mentions) or "",
            criterion.cited_in,
        )
    return table


def relaxations_table(name: str, relaxations: list[Relaxation]) -> Table:
    table = Table(title=f"{name}: relaxations ({len(relaxations)})")
    for column in ("id", "condition", "age +", "职称 −", "service −", "text", "cited in"):
        table.add_column(column, overflow="fold")
    for relaxation in relaxations:
        table.add_row(
            relaxation.id,
            relaxation.condition,
            str(relaxation.age_years),
            str(relaxation.professional_rank_steps),
            str(relaxation.service_years_reduction),
            relaxation.text,
            relaxation.cited_in,
        )
    return table


def document_report(name: str, facts: Facts) -> Group:
    """The detailed tables of one document."""
    tiers = Table(title=f"{name}: programs and tiers", show_lines=False)
    for column in ("program", "tier", "rank", "basic", "core", "exclusion", "relaxations", "cited in"):
        tiers.add_column(column, justify="right" if column in ("rank", "basic", "core", "exclusion", "relaxations") else "left")
    roles = Counter((c.tier_id, c.role) for c in facts.criteria)
    relaxed = Counter(r.tier_id for r in facts.relaxations)
    names = {p.id: p.name for p in facts.programs}
    for tier in sorted(facts.tiers, key=lambda t: (t.program_id, t.rank)):
        tiers.add_row(
            names.get(tier.program_id, tier.program_id),
            f"{tier.name} [dim]{tier.id}[/]",
            str(tier.rank),
            str(roles[(tier.id, CriterionRole.BASIC)]),
            str(roles[(tier.id, CriterionRole.CORE)]),
            str(roles[(tier.id, CriterionRole.EXCLUSION)]),
            str(relaxed[tier.id]),
            tier.cited_in,
        )

    benefits = Table(title=f"{name}: benefits")
    for column in ("tier", "benefit", "kind", "amount", "recipient", "cited in"):
        benefits.add_column(column)
    for benefit in facts.benefits:
        benefits.add_row(
            benefit.tier_id, benefit.name, benefit.kind.value, amount_text(benefit), benefit.recipient.value, benefit.cited_in
        )

    rules = Table(title=f"{name}: stacking rules, successions, equivalences")
    for column in ("id", "kind", "governs", "scope / prior", "cited in"):
        rules.add_column(column)
    for rule in facts.stacking_rules:
        detail = rule.scope or "、".join(rule.prior) or ""
        rules.add_row(rule.id, rule.kind.value, f"{len(rule.governs)}: " + ", ".join(rule.governs[:3]) + ("…" if len(rule.governs) > 3 else ""), detail, rule.cited_in)
    for succession in facts.successions:
        rules.add_row("—", "SUCCEEDS", succession.to_id, f"{succession.from_name or succession.from_id}", succession.cited_in)
    for equivalence in facts.equivalences:
        rules.add_row("—", "EQUIVALENT_TO", equivalence.to_id, equivalence.from_id, equivalence.cited_in)

    unlinked = Table(title=f"{name}: unlinked mentions ({len(facts.unlinked)})")
    for column in ("mention", "kind", "provision"):
        unlinked.add_column(column)
    for mention in facts.unlinked:
        unlinked.add_row(mention.text, mention.kind, mention.cited_in)
    return Group(tiers, criteria_table(name, facts), relaxations_table(name, facts.relaxations), benefits, rules, unlinked)


def print_report(console: Console, name: str, facts: Facts) -> None:
    console.print(document_report(name, facts))
