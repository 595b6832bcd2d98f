"""Fetch the facts an operation reasons over — one query for the facts, one for the provisions
they cite — build the domain's `Knowledge`, and prime the request's loaders with everything
fetched so that nested fields (tier, program, policy, citations) cost no further round trip."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphapi.api.context import Context
from graphapi.domain import model
from graphapi.domain.knowledge import Citation, Knowledge
from graphapi.store.mapping import from_props

Row = dict[str, Any]


async def for_regions(ctx: Context, region_names: Iterable[str] | None) -> Knowledge:
    """Programs that apply in the given regions (None: every program), with all their facts."""
    names = sorted(set(region_names)) if region_names is not None else None
    rows = await ctx.store.read("knowledge_by_regions", regions=names)
    return await _knowledge(ctx, rows, complete_tiers=True)


async def for_benefits(ctx: Context, benefit_ids: Iterable[str]) -> Knowledge:
    """The given benefits with their tiers, programs and the rules governing them."""
    rows = await ctx.store.read("knowledge_by_benefits", ids=sorted(set(benefit_ids)))
    return await _knowledge(ctx, rows, complete_tiers=False)


async def _knowledge(ctx: Context, rows: list[Row], *, complete_tiers: bool) -> Knowledge:
    programs: dict[str, model.Program] = {}
    tiers: dict[str, model.Tier] = {}
    criteria: dict[str, model.Criterion] = {}
    relaxations: dict[str, model.Relaxation] = {}
    benefits: dict[str, model.Benefit] = {}
    rules: dict[str, model.StackingRule] = {}
    for row in rows:
        program = from_props(model.Program, row["program"])
        tier = from_props(model.Tier, row["tier"])
        programs[program.id] = program
        tiers[tier.id] = tier
        for props in row["criteria"]:
            criteria[props["id"]] = from_props(model.Criterion, props)
        for props in row["relaxations"]:
            relaxations[props["id"]] = from_props(model.Relaxation, props)
        for props in row["benefits"]:
            benefits[props["id"]] = from_props(model.Benefit, props)
        for props in row["rules"]:
            rules[props["id"]] = from_props(model.StackingRule, props)

    facts: list[Any] = [*programs.values(), *tiers.values(), *criteria.values(),
                        *relaxations.values(), *benefits.values(), *rules.values()]
    citations = await _citations(ctx, {fact.cited_in for fact in facts})

    loaders = ctx.loaders
    for program in programs.values():
        loaders.program.prime(program.id, program)
    for tier in tiers.values():
        loaders.tier.prime(tier.id, tier)
    for benefit in benefits.values():
        loaders.benefit.prime(benefit.id, benefit)
    for rule in rules.values():
        loaders.rule.prime(rule.id, rule)
    if complete_tiers:  # every fact of these tiers was fetched, so the lists are whole
        for loader, records in (
            (loaders.criteria_of_tier, criteria.values()),
            (loaders.benefits_of_tier, benefits.values()),
            (loaders.relaxations_of_tier, relaxations.values()),
        ):
            by_tier: dict[str, list[Any]] = {tier_id: [] for tier_id in tiers}
            for record in sorted(records, key=lambda r: r.id):
                by_tier[record.tier_id].append(record)
            for tier_id, grouped in by_tier.items():
                loader.prime(tier_id, grouped)
    return Knowledge(
        programs=programs.values(),
        tiers=tiers.values(),
        criteria=criteria.values(),
        relaxations=relaxations.values(),
        benefits=benefits.values(),
        stacking_rules=rules.values(),
        citations=citations,
    )


async def _citations(ctx: Context, provision_ids: set[str]) -> dict[str, Citation]:
    if not provision_ids:
        return {}
    rows = await ctx.store.read("citations_by_ids", ids=sorted(provision_ids))
    citations: dict[str, Citation] = {}
    for row in rows:
        provision = from_props(model.Provision, row["n"])
        policy = from_props(model.Policy, row["policy"])
        ctx.loaders.provision.prime(provision.id, provision)
        ctx.loaders.policy.prime(policy.id, policy)
        citations[provision.id] = Citation(
            provision.id, policy.id, policy.title, tuple(row["n"].get("citationLabels") or ())
        )
    return citations
