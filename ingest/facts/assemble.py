"""Drafts -> fact records with their ids, numbered in text order per tier (and per policy for
stacking rules), and the unlinked mentions collected once."""

from __future__ import annotations

from collections import defaultdict

from graphapi.domain.model import Criterion, Facts, Relaxation, StackingRule, UnlinkedMention
from ingest.facts import ids
from ingest.facts.benefits import BenefitDraft
from ingest.facts.criteria import CriterionDraft, RelaxationDraft
from ingest.facts.plan import Plan, TierRef
from ingest.facts.stacking import RuleDraft
from ingest.facts.tree import DocumentView


def assemble(
    plan: Plan,
    criteria: list[CriterionDraft],
    relaxations: list[RelaxationDraft],
    benefits: list[BenefitDraft],
    rules: list[RuleDraft],
    doc: DocumentView,
) -> Facts:
    facts = Facts(programs=list(plan.programs), tiers=plan.tiers)
    unlinked: dict[tuple[str, str], UnlinkedMention] = {}

    counters: dict[str, int] = defaultdict(int)
    seen: set[tuple] = set()
    for draft in sorted(criteria, key=lambda d: (d.ref.tier.id, d.order)):
        key = (draft.ref.tier.id, draft.role, draft.kind, draft.text, draft.cited_in)
        if key in seen:
            continue
        seen.add(key)
        counters[draft.ref.tier.id] += 1
        facts.criteria.append(
            Criterion(
                id=ids.criterion_id(draft.ref.tier.id, counters[draft.ref.tier.id]),
                tier_id=draft.ref.tier.id,
                role=draft.role,
                kind=draft.kind,
                text=draft.text,
                cited_in=draft.cited_in,
                discretionary=draft.discretionary,
                title_ids=draft.title_ids,
                awards=draft.awards,
                max_age=draft.max_age,
                age_exempt_title_ids=draft.age_exempt_title_ids,
                min_degree=draft.min_degree,
                min_professional_rank=draft.min_professional_rank,
                employment=draft.employment,
                within_years=draft.within_years,
                min_amount=draft.min_amount,
                unlinked_mentions=tuple(text for text, _ in draft.unlinked),
                unread=draft.unread or (),
                unread_alternatives=draft.unread_alternatives,
                age_is_usual=draft.age_is_usual,
                age_limits=draft.age_limits,
                min_service_days_per_year=draft.min_service_days_per_year,
                min_service_months=draft.min_service_months,
            )
        )
        for text, kind in draft.unlinked:
            unlinked.setdefault((text, draft.cited_in), UnlinkedMention(text, draft.cited_in, kind))

    counters.clear()
    for relaxation in sorted(relaxations, key=lambda d: (d.ref.tier.id, d.order)):
        counters[relaxation.ref.tier.id] += 1
        facts.relaxations.append(
            Relaxation(
                id=ids.relaxation_id(relaxation.ref.tier.id, counters[relaxation.ref.tier.id]),
                tier_id=relaxation.ref.tier.id,
                text=relaxation.text,
                cited_in=relaxation.cited_in,
                condition=relaxation.condition,
                age_years=relaxation.age_years,
                professional_rank_steps=relaxation.professional_rank_steps,
                service_years_reduction=relaxation.service_years_reduction,
            )
        )

    counters.clear()
    benefit_ids: dict[int, str] = {}
    for draft in sorted(benefits, key=lambda d: (d.ref.tier.id, d.order)):
        counters[draft.ref.tier.id] += 1
        benefit_id = ids.benefit_id(draft.ref.tier.id, counters[draft.ref.tier.id])
        benefit_ids[id(draft)] = benefit_id
        facts.benefits.append(draft.record(benefit_id))
        for text, kind in draft.unlinked:
            unlinked.setdefault((text, draft.cited_in), UnlinkedMention(text, draft.cited_in, kind))

    counters.clear()
    for rule in sorted(rules, key=lambda r: r.order):
        policy_id = doc.by_provision[rule.cited_in].policy.id
        counters[policy_id] += 1
        governs: list[str] = []
        for target in rule.governs:
            if isinstance(target, BenefitDraft):
                target_id = benefit_ids.get(id(target))
            elif isinstance(target, TierRef):
                target_id = target.tier.id
            else:
                target_id = target
            if target_id and target_id not in governs:
                governs.append(target_id)
        facts.stacking_rules.append(
            StackingRule(
                id=ids.rule_id(policy_id, counters[policy_id]),
                kind=rule.kind,
                text=rule.text,
                cited_in=rule.cited_in,
                policy_id=policy_id,
                governs=tuple(governs),
                scope=rule.scope,
                prior=rule.prior,
            )
        )
        for text, kind in rule.unlinked:
            unlinked.setdefault((text, rule.cited_in), UnlinkedMention(text, rule.cited_in, kind))

    facts.unlinked = list(unlinked.values())
    return facts

