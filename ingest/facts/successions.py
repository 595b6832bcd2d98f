"""What replaced what, and what counts as what:

- succession: 《云岭英才计划“云岭高层次人才”专项实施办法（试行）》（…）废止，已入选人才自动转入
  云南省千人计划“高层次人才”专项 — the abolished 专项 (a placeholder program, named as written)
  is succeeded by the tier the text names;
- equivalence: 入选国家“万人计划”的，视同/相当于A类人才 — the title counts as the tier.
"""

from __future__ import annotations

import re

from graphapi.domain.model import Equivalence, Succession
from graphapi.domain.regions import RegionTree
from graphapi.domain.text import normalize
from ingest.facts import ids, readings
from ingest.facts.linking import Linker
from ingest.facts.plan import Plan, TierRef
from ingest.facts.programs import program_name_from_title
from ingest.facts.tree import DocumentView

_TRANSFER = re.compile(
    r"《(?P<old>[^《》]+)》\s*(?:[（(][^（）()]*[）)])?\s*(?:同时|予以)?废止[，,]\s*已入选[^，。；]{0,12}?(?:自动)?(?:转入|转为|纳入)(?P<new>[^，。；]+)"
)
_EQUIVALENT = re.compile(r"(?:视同|相当于|按照?)(?:本(?:办法|细则)(?:规定的)?)?(?P<tier>[A-Z]类|第[一二三四五六七八九十]+(?:类|层次|档))(?:人才)?(?:认定|对待|享受)?")


def read_successions(doc: DocumentView, plan: Plan, regions: RegionTree) -> list[Succession]:
    found: list[Succession] = []
    for view in doc.policies:
        for provision in view.provisions:
            for match in _TRANSFER.finditer(provision.text):
                old = program_name_from_title(match.group("old"))
                target = _tier_named(match.group("new"), plan, plan.tiers_for(view, provision))
                if target is None:
                    continue
                region = regions.mentioned_in(old)
                place = region[0].name if region else view.policy.region
                found.append(
                    Succession(
                        from_id=ids.program_id(old, place, regions),
                        to_id=target.tier.id,
                        cited_in=provision.id,
                        from_name=old,
                    )
                )
    return found


def read_equivalences(doc: DocumentView, plan: Plan, linker: Linker) -> list[Equivalence]:
    found: list[Equivalence] = []
    for view in doc.policies:
        for provision in view.provisions:
            refs = plan.tiers_for(view, provision)
            if not refs or not _EQUIVALENT.search(provision.text):
                continue
            for sentence in readings.sentences(provision.text):
                match = _EQUIVALENT.search(sentence.text)
                if match is None:
                    continue
                tiers = [m.refs[0] for m in plan.named_tiers(match.group("tier"), refs) if m.refs]
                linked = linker.link(sentence.text[: match.start()])
                for tier in tiers[:1]:
                    for title_id in linked.title_ids:
                        found.append(Equivalence(title_id, tier.tier.id, provision.id))
    return found


def _tier_named(text: str, plan: Plan, preferred: list[TierRef]) -> TierRef | None:
    """The tier a phrase names: by its conferred title, else by its name."""
    key = normalize(text)
    if key.startswith("本") and len(preferred) == 1:  # 自动转入本专项管理
        return preferred[0]
    for ref in [*preferred, *plan.refs]:
        names = (ref.tier.name, *ref.draft.short_names)
        if any(normalize(name) and normalize(name) in key for name in names if len(name) >= 2):
            if ref.program.name and normalize(ref.program.name) in key or ref in preferred:
                return ref
    return None
