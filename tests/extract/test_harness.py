"""The gold files are consistent and the scoring does what quality.py says (no extractor needed)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from graphapi.domain.entities import Catalog
from graphapi.domain.model import (
    AgeLimit,
    AwardRequirement,
    Benefit,
    BenefitKind,
    Criterion,
    CriterionKind,
    CriterionRole,
    Degree,
    Employment,
    Facts,
    Gender,
    Level,
    Period,
    ProfessionalRank,
    Program,
    Recipient,
    Relaxation,
    StackingKind,
    StackingRule,
    Succession,
    Tier,
)
from ingest.documents import parse_file
from tests.extract.gold import CORPUS_GOLD_DIR, UNSEEN_GOLD_DIR, Gold, GoldError, load, load_dir
from tests.extract.quality import KINDS, cite_ok, evaluate

HELDOUT_GOLD_DIR = UNSEEN_GOLD_DIR.parent / "heldout" / "gold"
BLIND_GOLD_DIR = UNSEEN_GOLD_DIR.parent / "blind" / "gold"
FRESH_GOLD_DIR = UNSEEN_GOLD_DIR.parent / "fresh" / "gold"
GOLDS = (load_dir(CORPUS_GOLD_DIR) + load_dir(UNSEEN_GOLD_DIR) + load_dir(BLIND_GOLD_DIR) + load_dir(HELDOUT_GOLD_DIR)
         + load_dir(FRESH_GOLD_DIR))


@cache
def _provision_ids(source) -> frozenset[str]:
    return frozenset(p.id for policy in parse_file(source).policies for p in policy.provisions)


def provision_ids(gold: Gold) -> frozenset[str]:
    return _provision_ids(gold.source)


def test_there_is_gold_for_every_corpus_document_and_every_unseen_text():
    assert sorted(g.source.name for g in load_dir(CORPUS_GOLD_DIR)) == sorted(
        p.name for p in (CORPUS_GOLD_DIR.parents[1] / "data" / "policies").glob("*.txt")
    )
    unseen = load_dir(UNSEEN_GOLD_DIR)
    assert len(unseen) >= 3 and len(load_dir(HELDOUT_GOLD_DIR)) >= 3 and len(load_dir(FRESH_GOLD_DIR)) >= 3
    assert sorted(g.source.name for g in unseen) == sorted(p.name for p in (UNSEEN_GOLD_DIR.parent / "texts").glob("*.txt"))


@pytest.mark.parametrize("gold", GOLDS, ids=lambda g: g.name)
def test_gold_cites_existing_provisions_and_known_entities(gold: Gold):
    assert gold.source.exists()
    assert sorted(gold.provision_ids - provision_ids(gold)) == []
    catalog = Catalog.from_yaml()
    assert sorted(i for i in gold.entity_ids if catalog.get(i) is None) == []


@pytest.mark.parametrize("gold", GOLDS, ids=lambda g: g.name)
def test_gold_states_the_reading_each_kind_needs(gold: Gold):
    needs = {"AGE": ("max_age",), "DEGREE": ("min_degree",), "PROFESSIONAL_RANK": ("min_professional_rank",),
             "EMPLOYMENT": ("employment", "min_service_days_per_year", "min_service_months"), "TAX": ("min_amount",)}
    for c in gold.criteria:
        if len(c.kinds) == 1 and not c.optional and (need := needs.get(next(iter(c.kinds)))):
            assert set(need) & set(c.fields), f"{c.tier} {c.kinds} @ {c.cited_in}: states none of {need}"
    atoms = {(a.tier, a.cited_in) for a in gold.award_atoms if not a.optional}
    for c in gold.criteria:
        if c.kinds == {"AWARD"} and not c.optional:
            assert (c.tier, c.cited_in) in atoms, f"AWARD criterion without awards @ {c.cited_in}"


def test_a_bad_gold_file_is_refused_with_the_entry_named(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("source: x.txt\ntiers: [{key: A, name: A类}]\ncriteria:\n  - {tier: Z, role: CORE, kind: AGE, cited_in: p/a}\n",
                    encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad.yaml: criteria\[0\]: unknown tier key 'Z'"):
        load(path)
    path.write_text("source: x.txt\ntiers: [{key: A, name: A类}]\ncriteria:\n  - {tier: A, role: CORE, kind: AGES, cited_in: p/a}\n",
                    encoding="utf-8")
    with pytest.raises(GoldError, match=r"criteria\[0\]: 'AGES'"):
        load(path)


def test_citations_match_the_provision_its_parent_or_a_child():
    assert cite_ok(["p/annex_1__sec_2__para_1"], "p/annex_1__sec_2")
    assert cite_ok(["p/art_4__item_1"], "p/art_4__item_1__subitem_1")
    assert not cite_ok(["p/art_4__item_1"], "p/art_4__item_2")
    assert not cite_ok(["p/annex_1__sec_2__para_1"], "p/annex_1")


# --- a perfect extractor, built from the gold, scores 1.0; one error costs exactly one fact --------


def _first(expect, default=None):
    value = expect.accepted[0] if expect is not None else default
    return value


def _int(value):
    return None if value is None else int(value)


def perfect_facts(gold: Gold) -> Facts:
    """The facts a perfect extractor would return: every required gold fact, first reading."""
    facts = Facts()
    pid = next(iter(sorted(gold.provision_ids)), "doc/para_1").split("/")[0]
    required_programs = [p for p in gold.programs if not p.optional]
    for n, program in enumerate(required_programs):
        level = _first(program.fields.get("level"))
        facts.programs.append(Program(f"program:{n}", program.name, pid, f"{pid}/para_1",
                                      Level(level) if level else None, _first(program.fields.get("region"))))
    program_id = facts.programs[0].id if facts.programs else "program:none"
    for tier in gold.tiers:
        if tier.optional:
            continue
        rank = _first(tier.fields.get("rank"), 1)
        facts.tiers.append(Tier(f"tier:{tier.key}", program_id, tier.code or tier.key, tier.name, int(rank),
                                tier.cited_in[0] if tier.cited_in else f"{pid}/para_1",
                                for_team=_first(tier.fields["for_team"])))
    award_atoms = [a for a in gold.award_atoms if not a.optional]
    title_atoms = [t for t in gold.title_atoms if not t.optional]
    for n, c in enumerate(g for g in gold.criteria if not g.optional):
        readings = {name: _first(expect) for name, expect in c.fields.items()}
        mine = lambda atom: atom.tier == c.tier and atom.cited_in == c.cited_in and atom.roles == c.roles  # noqa: E731
        awards = [a for a in award_atoms if mine(a)]
        titles = [t for t in title_atoms if mine(t)]
        for atom in awards + titles:
            (award_atoms if atom in awards else title_atoms).remove(atom)
        facts.criteria.append(Criterion(
            f"tier:{c.tier}#c{n}", f"tier:{c.tier}", CriterionRole(sorted(c.roles)[0]), CriterionKind(sorted(c.kinds)[0]),
            c.text, c.cited_in[0],
            discretionary=readings["discretionary"],
            title_ids=tuple(sorted(t.title_ids)[0] for t in titles),
            awards=tuple(AwardRequirement((sorted(a.award_ids)[0],), (a.grade,) if a.grade else (),
                                          None if _first(a.max_rank) is None else int(_first(a.max_rank))) for a in awards),
            max_age=None if readings.get("max_age") is None else int(readings["max_age"]),
            age_exempt_title_ids=tuple(readings.get("age_exempt_title_ids", ())),
            min_degree=Degree[readings["min_degree"]] if readings.get("min_degree") else None,
            min_professional_rank=ProfessionalRank[readings["min_professional_rank"]] if readings.get("min_professional_rank") else None,
            employment=tuple(Employment(e) for e in readings.get("employment", ())),
            within_years=None if readings.get("within_years") is None else int(readings["within_years"]),
            min_amount=readings.get("min_amount"),
            unread=readings["unread"],
            age_is_usual=readings["age_is_usual"],
            age_limits=tuple(AgeLimit(int(age), Employment(mode) if mode else None, Gender(gender) if gender else None)
                             for age, mode, gender in sorted(readings["age_limits"], key=str)),
            min_service_days_per_year=_int(readings.get("min_service_days_per_year")),
            min_service_months=_int(readings.get("min_service_months")),
        ))
    assert not award_atoms and not title_atoms, "every gold atom belongs to a gold criterion"
    for n, r in enumerate(g for g in gold.relaxations if not g.optional):
        facts.relaxations.append(Relaxation(f"tier:{r.tier}#r{n}", f"tier:{r.tier}", "", r.cited_in[0], "X",
                                            int(_first(r.fields["age_years"])), int(_first(r.fields["professional_rank_steps"])),
                                            int(_first(r.fields["service_years_reduction"]))))
    for n, b in enumerate(g for g in gold.benefits if not g.optional):
        money = {name: _first(expect) for name, expect in b.fields.items()}
        facts.benefits.append(Benefit(
            f"tier:{b.tier}#b{n}", f"tier:{b.tier}", BenefitKind(sorted(b.kinds)[0]), "", b.text, b.cited_in[0],
            amount_max=money["amount_max"], amount_min=money["amount_min"], period=Period(money["period"]),
            years=None if money.get("years") is None else int(money["years"]),
            cap_ratio=money["cap_ratio"], installments=None if money["installments"] is None else int(money["installments"]),
            installment_share=money["installment_share"], recipient=Recipient(money["recipient"]),
            amount_levels=tuple(sorted(money["amount_levels"])),
            requires_title_ids=tuple(money.get("requires_title_ids", ())),
            employment=tuple(Employment(e) for e in money.get("employment", ())),
        ))
    benefit_of = {(b.kind.value, b.tier_id.removeprefix("tier:")): b.id for b in facts.benefits}
    for n, rule in enumerate(g for g in gold.rules if not g.optional):
        buildable = [alt for alt in rule.governs if all(k[0] != "benefit" or (k[1], k[2]) in benefit_of for k in alt)]
        governed = sorted(buildable[0]) if rule.governs else []
        ids = tuple(program_id if key == ("program",) else f"tier:{key[1]}" if key[0] == "tier" else benefit_of[(key[1], key[2])]
                    for key in governed)
        facts.stacking_rules.append(StackingRule(f"{pid}#s{n}", StackingKind(sorted(rule.kinds)[0]), rule.text,
                                                 rule.cited_in[0], pid, governs=ids))
    for s in (g for g in gold.successions if not g.optional):
        facts.successions.append(Succession("program:old", program_id if s.to == "program" else f"tier:{s.to}",
                                            s.cited_in[0], from_name="".join(s.from_match)))
    return facts


@pytest.mark.parametrize("gold", GOLDS, ids=lambda g: g.name)
def test_a_perfect_extraction_scores_one_on_every_kind(gold: Gold):
    report = evaluate(perfect_facts(gold), gold)
    for kind in KINDS:
        score = report.scores[kind]
        assert (score.fp, score.fn) == (0, 0), (kind, report.misses[kind], report.spurious[kind])
        assert score.cited == score.found


def test_one_wrong_rank_limit_costs_one_award_atom_and_nothing_else():
    gold = next(g for g in GOLDS if g.name.startswith("001"))
    facts = perfect_facts(gold)
    index, criterion = next((i, c) for i, c in enumerate(facts.criteria)
                            if c.tier_id == "tier:B" and c.kind is CriterionKind.AWARD)
    wrong = criterion.awards[0]
    facts.criteria[index] = replace(criterion, awards=(replace(wrong, max_rank=5), *criterion.awards[1:]))
    report = evaluate(facts, gold)
    award = report.scores["award requirement"]
    assert (award.fp, award.fn, award.found, award.gold) == (1, 1, award.gold, award.gold)
    assert report.misses["award requirement"][0].startswith("B CORE award:national-")
    assert all((report.scores[k].fp, report.scores[k].fn) == (0, 0) for k in KINDS if k != "award requirement")


def test_a_wrong_amount_is_found_but_not_counted_right_and_a_stray_benefit_is_a_false_positive():
    gold = next(g for g in GOLDS if g.name.startswith("001"))
    facts = perfect_facts(gold)
    index, housing = next((i, b) for i, b in enumerate(facts.benefits)
                          if b.tier_id == "tier:A" and b.kind is BenefitKind.HOUSING_SUBSIDY)
    facts.benefits[index] = replace(housing, cap_ratio=None)
    # E has no 岗位津贴 (its 购房 would be absorbed by the optional 人才公寓 reading)
    facts.benefits.append(replace(housing, id="tier:E#b99", tier_id="tier:E", kind=BenefitKind.POST_ALLOWANCE))
    report = evaluate(facts, gold)
    benefit, amount = report.scores["benefit"], report.scores["benefit amount"]
    assert (benefit.tp, benefit.fp, benefit.fn) == (benefit.gold, 1, 0)
    assert (amount.fp, amount.fn) == (2, 1)
    assert "cap_ratio" not in report.misses["benefit amount"][0] or "A HOUSING_SUBSIDY" in report.misses["benefit amount"][0]


def test_facts_of_an_optional_tier_are_set_aside():
    gold = next(g for g in GOLDS if g.name.startswith("002"))
    facts = perfect_facts(gold)
    facts.tiers.append(Tier("tier:x", "program:0", "X", "专业技术人员轮岗", 9, "dc/para_1"))
    facts.benefits.append(Benefit("tier:x#b0", "tier:x", BenefitKind.OTHER, "补助", "", "dc/para_1", amount_max=6000))
    report = evaluate(facts, gold)
    assert all((report.scores[k].fp, report.scores[k].fn) == (0, 0) for k in KINDS)
