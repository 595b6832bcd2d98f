"""Provisions -> cited facts: programs, tiers, criteria, relaxations, benefits, stacking rules,
successions and equivalences, each citing the provision whose text states it.

    facts = extract(parse_file(path), EntityResolver.default(), default_regions())

The rules read the genre's wording (see each module); what they cannot read reliably comes
from the reviewed curation files in data/curation (`curation`). Pure: no I/O beyond reading
the curation files once per process.
"""

from __future__ import annotations

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import Facts, ParsedDocument
from graphapi.domain.regions import RegionTree
from ingest.facts.assemble import assemble
from ingest.facts.benefits import BenefitReader
from ingest.facts.criteria import CriteriaReader
from ingest.facts.curation import apply_curation
from ingest.facts.linking import Linker
from ingest.facts.measures import MeasureReader
from ingest.facts.plan import Plan
from ingest.facts.programs import ProgramReader
from ingest.facts.stacking import RuleReader
from ingest.facts.successions import read_equivalences, read_successions
from ingest.facts.tree import DocumentView

__all__ = ["extract"]


def extract(doc: ParsedDocument, resolver: EntityResolver, regions: RegionTree) -> Facts:
    """Every fact the rules (and the curation files) read from one parsed document."""
    view = DocumentView.of(doc)
    drafts = ProgramReader(view, resolver, regions).read()
    measures = MeasureReader(view, resolver, regions, taken={p for d in drafts for p in d.policies})
    drafts += measures.programs()
    plan = Plan(view, drafts, regions)
    linker = Linker(resolver)
    linker.learn_definitions([p for policy in view.policies for p in policy.provisions])

    criteria = CriteriaReader(view, plan, linker)
    criteria.read()
    benefits = BenefitReader(view, plan, linker)
    benefits.read()
    measured = measures.facts(plan, linker)
    rules = RuleReader(view, plan, linker, benefits.drafts + measured.benefits, regions)
    rules.read()

    facts = assemble(
        plan,
        criteria.criteria + measured.criteria,
        criteria.relaxations,
        benefits.drafts + measured.benefits,
        rules.drafts,
        view,
    )
    known = {(m.text, m.cited_in) for m in facts.unlinked}
    facts.unlinked += [m for m in linker.unlinked if (m.text, m.cited_in) not in known]
    facts.successions += read_successions(view, plan, regions)
    facts.equivalences += read_equivalences(view, plan, linker)
    apply_curation(facts, view, plan)
    return facts
