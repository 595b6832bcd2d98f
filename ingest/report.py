"""What extraction read from a document, as rich tables: programs and tiers with their criteria
by role, benefits with amounts, stacking rules, successions, and every unlinked mention with the
provision it was read in. Used by `extract --report`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.console import Console, Group
from rich.table import Table

from graphapi.domain.explain import yuan
from graphapi.domain.model import HOUSE_PRICE, Benefit, CriterionRole, Facts

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
    return Group(tiers, benefits, rules, unlinked)


def print_report(console: Console, name: str, facts: Facts) -> None:
    console.print(document_report(name, facts))
