"""The GraphQL requests the benchmark sends, and the claims batch for checkDuplicateEnjoyment."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from bench.wrk import VARYING

Body = dict[str, Any]

TYPENAME: Body = {"query": "{ __typename }"}

# The headline question: a national 国家科学技术进步奖 二等奖 rank-2 winner working in 官渡区.
HEADLINE_PROFILE = {
    "awards": [{"name": "国家科学技术进步奖", "grade": "二等奖", "rank": 2}],
    "region": "官渡区",
    "age": 45,
    "employment": "FULL_TIME",
}

QUALIFYING_TIERS = """
query Headline($profile: TalentProfileInput!) {
  qualifyingTiers(profile: $profile) {
    tier { id code name rank program { id name region } }
    status
    matched { id kind text }
    unmet { id kind text }
    missing
    explanation
    citations { id label text policy { id title } }
  }
}"""

HEADLINE: Body = {"query": QUALIFYING_TIERS, "variables": {"profile": HEADLINE_PROFILE}}


def _headline_with_house_price(price: int) -> Body:
    return {"query": QUALIFYING_TIERS, "variables": {"profile": {**HEADLINE_PROFILE, "housePrice": price}}}


def headline_unseen(n: int) -> Body:
    """The headline question as a new request each time (a house price that changes nothing of
    the answer, but the request): what it costs when the server has not answered it before."""
    return _headline_with_house_price(1_000_000 + n)


# For wrk: the same, with the number wrk makes new per request.
HEADLINE_UNSEEN_TEMPLATE: Body = _headline_with_house_price(VARYING)

CHECK_DUPLICATES = """
query Dedup($claims: [BenefitClaimInput!]!) {
  checkDuplicateEnjoyment(claims: $claims) {
    checkedClaims
    conflicts {
      person verdict explanation
      rule { id kind text }
      kept { amount benefit { id name amountMax } }
      setAside { amount benefit { id name } }
      citation { id label policy { title } }
    }
    uncovered { person explanation }
  }
}"""

# For the large batch the claims travel as columns (ClaimBatchInput: one list per field, which
# GraphQL reads far faster than one input object per claim) and the answer is kept small: the
# figure is about checking claims, not about serialising a report the size of the input.
CHECK_DUPLICATES_BULK = """
query DedupBulk($batch: ClaimBatchInput!) {
  checkDuplicateEnjoyment(batch: $batch) {
    checkedClaims
    summary { persons conflicts uncovered ruleConflicts overCap byVerdict { verdict count } }
    conflicts(first: 1000) { person verdict kept { amount } }
  }
}"""

# The same request with one input object per claim (the contract's `claims` argument).
CHECK_DUPLICATES_BULK_CLAIMS = """
query DedupBulkClaims($claims: [BenefitClaimInput!]!) {
  checkDuplicateEnjoyment(claims: $claims) {
    checkedClaims
    summary { persons conflicts uncovered ruleConflicts overCap byVerdict { verdict count } }
    conflicts(first: 1000) { person verdict kept { amount } }
  }
}"""


def dedup_bulk_body(claims: Sequence[dict[str, Any]]) -> Body:
    """The bulk request for `claims` (as claims_batch makes them), sent as columns."""
    batch: dict[str, list[Any]] = {
        "persons": [c["person"] for c in claims],
        "benefitIds": [c["benefitId"] for c in claims],
    }
    if any(c.get("amount") is not None for c in claims):
        batch["amounts"] = [c.get("amount") for c in claims]
    return {"query": CHECK_DUPLICATES_BULK, "variables": {"batch": batch}}


BEST_PACKAGE = """
query Package($profile: TalentProfileInput!) {
  bestPackage(profile: $profile) {
    items { amount reason benefit { id name kind } citation { id label } }
    setAside { amount reason benefit { id name } }
    totalMaxAmount
    explanation
  }
}"""

POLICIES = """
query Policies {
  policies(first: 20) {
    totalCount
    edges { cursor node { id title docNumber issuer issuedOn status level region } }
    pageInfo { hasNextPage endCursor }
  }
}"""

POLICY_WITH_PROVISIONS = """
query Policy($id: ID!) {
  policy(id: $id) {
    id title
    provisions { id kind label text parent { id } }
    programs { id name tiers { id code name } }
  }
}"""

SEARCH = """
query Search($text: String!) {
  search(text: $text, first: 20) { kind id label snippet score }
}"""

# The programs that apply where the headline person works: claims a talent office there checks.
BENEFITS = """
query Benefits {
  programs(region: "官渡区") { id tiers { id benefits { id amountMax } } }
}"""


def example_operations(policy_id: str, benefit_ids: Sequence[str]) -> dict[str, Body]:
    """The example operations whose store round trips are counted, by name."""
    claims = [
        {"person": f"甲{i // 3}", "benefitId": benefit_id}
        for i, benefit_id in enumerate(list(benefit_ids)[:6])
    ]
    return {
        "qualifyingTiers": HEADLINE,
        "checkDuplicateEnjoyment": {"query": CHECK_DUPLICATES, "variables": {"claims": claims}},
        "bestPackage": {
            "query": BEST_PACKAGE,
            "variables": {"profile": {**HEADLINE_PROFILE, "housePrice": 3_000_000}},
        },
        "policies": {"query": POLICIES},
        "policyWithProvisions": {"query": POLICY_WITH_PROVISIONS, "variables": {"id": policy_id}},
        "search": {"query": SEARCH, "variables": {"text": "购房津贴"}},
    }


def benefit_ids_by_tier(data: dict[str, Any]) -> list[list[str]]:
    """Benefit ids grouped by tier, from the answer to BENEFITS."""
    groups = []
    for program in data["programs"]:
        for tier in program["tiers"]:
            ids = [b["id"] for b in tier["benefits"]]
            if ids:
                groups.append(ids)
    return groups


def claims_batch(groups: Sequence[Sequence[str]], count: int, *, per_person: int = 4, seed: int = 7) -> list[dict[str, str]]:
    """`count` claims by count/per_person people, deterministic by seed. Each person claims two
    benefits of one tier (where 不重复享受 clauses bite) and the rest from other tiers."""
    if not groups:
        raise ValueError("no benefits to claim: the store holds no tiers with benefits")
    rng = random.Random(seed)
    claims: list[dict[str, str]] = []
    person = 0
    while len(claims) < count:
        name = f"P{person:06d}"
        home = rng.choice(groups)
        chosen = rng.sample(list(home), k=min(2, len(home)))
        while len(chosen) < per_person:
            chosen.append(rng.choice(rng.choice(groups)))
        for benefit_id in dict.fromkeys(chosen):
            if len(claims) < count:
                claims.append({"person": name, "benefitId": benefit_id})
        person += 1
    return claims
