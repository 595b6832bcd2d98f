"""The reasoning operations over the ingested corpus: real facts, real answers, cited.

The examples/ folder holds the headline questions; these tests run them and more, and check the
store round trips of every operation (DEBUG is on in the test app)."""

from __future__ import annotations

import json

import pytest

from bench import workload
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"

TIERS = """
query($profile: TalentProfileInput!, $all: Boolean) {
  qualifyingTiers(profile: $profile, includeIneligible: $all) {
    status applicable missing explanation
    tier { id code name program { name region } }
    matched { kind text }
    unmet { kind text }
    citations { id }
  }
}"""

GUANDU_B = "program:gd-gccrc/B"
GUANDU_A = "program:gd-gccrc/A"
YUNNAN_HIGH = "program:yn-qrjh/gccrc"


def second_prize(rank: int) -> dict:
    return {
        "awards": [{"name": "国家科学技术进步奖", "grade": "二等奖", "rank": rank}],
        "employment": "FULL_TIME",
        "region": "官渡区",
    }


async def tiers(client, profile: dict, include_all: bool = False) -> dict[str, dict]:
    result = (await client.data(TIERS, {"profile": profile, "all": include_all}))["qualifyingTiers"]
    return {match["tier"]["id"]: match for match in result}


async def test_national_second_prize_rank_2_reaches_guandu_b_not_a(client):
    found = await tiers(client, second_prize(2))
    b = found[GUANDU_B]
    assert b["status"] in ("ELIGIBLE", "NEEDS_INFO")
    assert any(c["kind"] == "AWARD" and "二等奖" in c["text"] for c in b["matched"])
    assert "age" in b["missing"]  # 年龄一般在60周岁以下 cannot be decided without an age
    assert GUANDU_A not in found  # A类 needs 一等奖 or 特等奖
    assert "第" in b["explanation"] and "《" in b["explanation"]
    assert b["citations"]


async def test_rank_5_second_prize_is_not_guandu_b(client):
    found = await tiers(client, second_prize(5), include_all=True)
    b = found[GUANDU_B]
    assert b["status"] == "INELIGIBLE"
    assert not any(c["kind"] == "AWARD" for c in b["matched"])
    assert GUANDU_B not in await tiers(client, second_prize(5))


async def test_jieqing_aged_58_fits_guandu_b_and_is_above_the_usual_yunnan_age(client):
    profile = json.loads((EXAMPLES / "qualifying_tiers_jieqing_58.json").read_text())["profile"]
    found = await tiers(client, profile, include_all=True)
    assert found[GUANDU_B]["status"] in ("ELIGIBLE", "NEEDS_INFO")
    assert any(c["kind"] == "TITLE" for c in found[GUANDU_B]["matched"])
    yunnan = found[YUNNAN_HIGH]
    # 一般在55周岁以下: above it the office may still admit the person (破格), so not a plain no.
    assert yunnan["status"] == "NEEDS_INFO"
    assert not any(c["kind"] == "AGE" for c in yunnan["matched"] + yunnan["unmet"])
    assert "超过该条一般在55周岁以下的要求，能否破格由主管部门认定" in yunnan["explanation"]


async def test_age_above_a_limit_is_ineligible_and_says_why_and_above_a_usual_one_asks_the_office(client):
    # 东川: 引进40周岁及以下全日制普通高校博士研究生 — a hard limit.
    doctor = {"degree": "DOCTORATE", "age": 41, "employment": "FULL_TIME", "region": "东川区"}
    found = await tiers(client, doctor, include_all=True)
    (phd,) = [m for m in found.values() if m["tier"]["name"] == "全日制普通高校博士研究生"]
    assert phd["status"] == "INELIGIBLE"
    assert "年龄41周岁，超过40周岁的限制" in phd["explanation"]
    # 官渡 B: 年龄一般在60周岁以下 — a usual one.
    b = (await tiers(client, {**second_prize(2), "age": 61}, include_all=True))[GUANDU_B]
    assert b["status"] == "NEEDS_INFO" and b["missing"] == []
    assert "超过该条一般在60周岁以下的要求" in b["explanation"]


async def test_traditional_title_links_like_simplified(client):
    simplified = await tiers(client, {"titles": ["国家杰出青年科学基金获得者"], "age": 45, "region": "官渡区"})
    traditional = await tiers(client, {"titles": ["國家傑出青年科學基金獲得者"], "age": 45, "region": "官渡区"})
    assert set(simplified) == set(traditional) and GUANDU_B in simplified
    assert [m["status"] for m in simplified.values()] == [m["status"] for m in traditional.values()]


async def test_unknown_award_name_is_explained_not_a_crash(client):
    profile = {"awards": [{"name": "火星科学技术大奖", "grade": "一等奖", "rank": 1}], "region": "官渡区"}
    result = (await client.data(TIERS, {"profile": profile, "all": True}))["qualifyingTiers"]
    assert result
    assert any("火星科学技术大奖" in m["explanation"] for m in result)


async def test_programs_of_other_regions_are_not_applicable(client):
    found = await tiers(client, {"titles": ["杰青"], "age": 45, "region": "官渡区"}, include_all=True)
    shenzhen = [m for m in found.values() if m["tier"]["program"]["region"] == "深圳市"]
    assert shenzhen and all(not m["applicable"] and m["status"] == "INELIGIBLE" for m in shenzhen)
    assert all("深圳" in m["explanation"] for m in shenzhen)


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ({"age": -3}, "age"),
        ({"awards": [{"name": "国家科学技术进步奖", "grade": "二等奖", "rank": 0}]}, "rank"),
        ({"awards": [{"name": "国家科学技术进步奖", "grade": "五等奖"}]}, "grade"),
        ({"housePrice": 1e15}, "housePrice"),
        ({"titles": ["院" * 100_000]}, "titles"),
    ],
)
async def test_bad_profiles_are_refused_with_the_field_named(client, profile, message):
    error = await client.error(TIERS, {"profile": profile})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert message in error["message"]


BENEFITS = """query($id: ID!) { tier(id: $id) { benefits { id kind name amountMax capRatio schedule } } }"""
CHECK = """
query($claims: [BenefitClaimInput!]!) {
  checkDuplicateEnjoyment(claims: $claims) {
    checkedClaims
    conflicts { person verdict rule { kind } kept { benefit { id } } setAside { benefit { id } } difference explanation citation { id } }
    uncovered { person claims { benefit { id } } explanation }
    ruleConflicts { person explanation }
  }
}"""


async def benefit_ids(client, tier_id: str) -> dict[str, str]:
    benefits = (await client.data(BENEFITS, {"id": tier_id}))["tier"]["benefits"]
    return {b["kind"]: b["id"] for b in benefits}


async def test_housing_and_post_allowance_are_not_both_paid(client):
    a = await benefit_ids(client, GUANDU_A)
    claims = [
        {"person": "张三", "benefitId": a["HOUSING_SUBSIDY"], "amount": 4_800_000},
        {"person": "张三", "benefitId": a["POST_ALLOWANCE"], "amount": 350_000},
    ]
    report = (await client.data(CHECK, {"claims": claims}))["checkDuplicateEnjoyment"]
    assert report["checkedClaims"] == 2
    (conflict,) = [c for c in report["conflicts"] if c["rule"]["kind"] == "EXCLUSIVE"]
    assert conflict["kept"]["benefit"]["id"] == a["HOUSING_SUBSIDY"]
    assert [c["benefit"]["id"] for c in conflict["setAside"]] == [a["POST_ALLOWANCE"]]
    assert "不重复享受" in conflict["explanation"] and "第十七条" in conflict["explanation"]


async def test_claims_under_two_programs_no_rule_links_are_reported_as_uncovered(client):
    shenzhen = (await client.data('{ programs { id region tiers { id } } }'))["programs"]
    sz_tier = next(p for p in shenzhen if p["region"] == "深圳市")["tiers"][0]["id"]
    sz = await benefit_ids(client, sz_tier)
    yn = await benefit_ids(client, YUNNAN_HIGH)
    claims = [
        {"person": "李四", "benefitId": sz["TRAINING_FUNDS"]},
        {"person": "李四", "benefitId": yn["LIVING_ALLOWANCE"]},
    ]
    report = (await client.data(CHECK, {"claims": claims}))["checkDuplicateEnjoyment"]
    assert report["uncovered"], report
    assert "未找到" in report["uncovered"][0]["explanation"]


async def test_the_duplicate_batch_example(client):
    query = (EXAMPLES / "duplicate_enjoyment_batch.graphql").read_text()
    variables = json.loads((EXAMPLES / "duplicate_enjoyment_batch.json").read_text())
    report = (await client.data(query, variables))["checkDuplicateEnjoyment"]
    by_person: dict[str, list[dict]] = {}
    for conflict in report["conflicts"]:
        by_person.setdefault(conflict["person"], []).append(conflict)
    # A and C of one program: 第十二条 pays the difference; 第十一条（五） is about other programs
    [wang] = by_person["王五"]
    assert wang["verdict"] == "TOP_UP" and wang["difference"] == pytest.approx(450_000)
    # 官渡 培育奖励 and the 云南省“千人计划” one-off allowance: the higher is kept, 第十三条 gives way
    [qian] = by_person["钱七"]
    assert qian["verdict"] == "SET_ASIDE" and qian["rule"]["kind"] == "HIGHEST_ONLY"
    assert qian["kept"]["benefit"]["name"] == "一次性工作生活补贴"
    assert [r["kind"] for r in qian["prevailsOver"]] == ["STACKABLE"]
    assert report["ruleConflicts"] == []
    [over] = report["overCap"]
    assert over["person"] == "孙八" and over["cap"] == pytest.approx(8_000_000)
    assert over["excess"] == pytest.approx(82_000_000) and "第十一条第（一）项" in over["explanation"]
    summary = report["summary"]
    assert summary["persons"] == 5 and summary["overCap"] == 1
    assert summary["conflicts"] == len(report["conflicts"]) == sum(v["count"] for v in summary["byVerdict"])


def _columns(claims: list[dict]) -> dict:
    return {
        "persons": [c["person"] for c in claims],
        "benefitIds": [c["benefitId"] for c in claims],
        "amounts": [c.get("amount") for c in claims],
    }


BATCH = """
query($batch: ClaimBatchInput!, $first: Int, $offset: Int) {
  checkDuplicateEnjoyment(batch: $batch) {
    checkedClaims
    summary { persons conflicts uncovered overCap }
    conflicts(first: $first, offset: $offset) { person verdict kept { benefit { id } } difference explanation }
  }
}"""


async def test_claims_as_columns_give_the_same_report_as_claim_objects(client):
    claims = json.loads((EXAMPLES / "duplicate_enjoyment_batch.json").read_text())["claims"]
    objects = """query($c: [BenefitClaimInput!]!) { checkDuplicateEnjoyment(claims: $c) {
        checkedClaims conflicts { person verdict kept { benefit { id } } difference explanation } } }"""
    by_objects = (await client.data(objects, {"c": claims}))["checkDuplicateEnjoyment"]
    by_columns = (await client.data(BATCH, {"batch": _columns(claims)}))["checkDuplicateEnjoyment"]
    assert by_columns["checkedClaims"] == by_objects["checkedClaims"] == len(claims)
    assert by_columns["conflicts"] == by_objects["conflicts"]
    second = (await client.data(BATCH, {"batch": _columns(claims), "first": 1, "offset": 1}))
    assert second["checkDuplicateEnjoyment"]["conflicts"] == by_objects["conflicts"][1:2]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"batch": {"persons": ["甲", "乙"], "benefitIds": ["program:gd-gccrc/A#b01"]}}, "differ in length"),
        ({"batch": {"persons": ["  "], "benefitIds": ["program:gd-gccrc/A#b01"]}}, "batch.persons[0]"),
        ({"batch": {"persons": ["甲"], "benefitIds": ["program:gd-gccrc/A#b01"], "amounts": [-1]}}, "batch.amounts[0]"),
        ({"batch": {"persons": ["甲"], "benefitIds": ["no-such-benefit"]}}, "no-such-benefit"),
        ({"batch": {"persons": ["甲"], "benefitIds": ["program:gd-gccrc/A#b01"]}, "offset": -1}, "offset"),
    ],
)
async def test_bad_batches_are_refused_with_the_problem_named(client, variables, message):
    error = await client.error(BATCH, variables)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert message in error["message"]


async def test_claims_and_batch_together_are_refused(client):
    query = """query($c: [BenefitClaimInput!]!, $b: ClaimBatchInput!) {
        checkDuplicateEnjoyment(claims: $c, batch: $b) { checkedClaims } }"""
    claim = {"person": "甲", "benefitId": "program:gd-gccrc/A#b01"}
    error = await client.error(query, {"c": [claim], "b": _columns([claim])})
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "not both" in error["message"]


async def test_unknown_benefit_ids_are_named(client):
    error = await client.error(CHECK, {"claims": [{"person": "王五", "benefitId": "no-such-benefit"}]})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "no-such-benefit" in error["message"]


async def test_a_hundred_thousand_claims_in_one_call(client):
    a = await benefit_ids(client, GUANDU_A)
    b = await benefit_ids(client, GUANDU_B)
    kinds = [a["HOUSING_SUBSIDY"], a["POST_ALLOWANCE"], b["SELECTION_BONUS"], a["SELECTION_BONUS"]]
    claims = [{"person": f"p{i // 4}", "benefitId": kinds[i % 4]} for i in range(100_000)]
    query = """query($c: [BenefitClaimInput!]!) { checkDuplicateEnjoyment(claims: $c) {
        checkedClaims summary { persons personsWithConflicts } conflicts(first: 10) { person } } }"""
    body = await client.post(query, {"c": claims})
    assert not body.get("errors"), body.get("errors")
    report = body["data"]["checkDuplicateEnjoyment"]
    assert report["checkedClaims"] == 100_000
    assert report["summary"] == {"persons": 25_000, "personsWithConflicts": 25_000}
    assert [c["person"] for c in report["conflicts"]] == [f"p{i // 2}" for i in range(10)]
    assert body["extensions"]["storeRoundTrips"] <= 2


async def test_a_large_report_is_read_by_pages_with_its_counts(client):
    a = await benefit_ids(client, GUANDU_A)
    b = await benefit_ids(client, GUANDU_B)
    kinds = [a["HOUSING_SUBSIDY"], a["POST_ALLOWANCE"], b["SELECTION_BONUS"], a["SELECTION_BONUS"]]
    claims = [{"person": f"p{i // 4}", "benefitId": kinds[i % 4]} for i in range(100_000)]
    batch = _columns(claims)
    # every conflict of 25 000 persons, two fields each, is more than one operation may resolve
    whole = "query($b: ClaimBatchInput!) { checkDuplicateEnjoyment(batch: $b) { conflicts { person verdict } } }"
    assert (await client.error(whole, {"b": batch}))["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    paged = """query($b: ClaimBatchInput!) { checkDuplicateEnjoyment(batch: $b) {
        summary { persons conflicts personsWithConflicts byVerdict { verdict count } }
        conflicts(first: 1000, offset: 49000) { person verdict } } }"""
    body = await client.post(paged, {"b": batch})
    assert not body.get("errors"), body.get("errors")
    report = body["data"]["checkDuplicateEnjoyment"]
    summary = report["summary"]
    assert summary["persons"] == summary["personsWithConflicts"] == 25_000
    # per person: 购房津贴 over 岗位津贴 (第十七条), and B to A 培育奖励 as a top-up (第十二条)
    assert {v["verdict"]: v["count"] for v in summary["byVerdict"]} == {"SET_ASIDE": 25_000, "TOP_UP": 25_000}
    assert len(report["conflicts"]) == 1000 and report["conflicts"][-1]["person"] == "p24999"
    assert body["extensions"]["storeRoundTrips"] <= 2


async def test_the_bench_bulk_request_checks_every_claim(client):
    groups = workload.benefit_ids_by_tier(await client.data(workload.BENEFITS))
    claims = workload.claims_batch(groups, 2_000)
    body = workload.dedup_bulk_body(claims)
    report = (await client.data(body["query"], body["variables"]))["checkDuplicateEnjoyment"]
    assert report["checkedClaims"] == 2_000
    assert report["summary"]["persons"] == len({c["person"] for c in claims})
    assert report["summary"]["conflicts"] == len(report["conflicts"])
    by_objects = await client.data(workload.CHECK_DUPLICATES_BULK_CLAIMS, {"claims": claims})
    assert by_objects["checkDuplicateEnjoyment"] == report


async def test_best_package_with_a_house_price(client):
    query = (EXAMPLES / "best_package_guandu.graphql").read_text()
    variables = json.loads((EXAMPLES / "best_package_guandu.json").read_text())
    package = (await client.data(query, variables))["bestPackage"]
    items = {item["benefit"]["kind"]: item for item in package["items"]}
    housing = items["HOUSING_SUBSIDY"]
    assert housing["benefit"]["tier"]["name"].startswith("A类")
    assert housing["amount"] == pytest.approx(4_800_000)  # min(80 % × 6 000 000, 8 000 000)
    assert [s["amount"] for s in housing["detail"]["schedule"]] == [960_000] * 5  # 5 × 20 %
    assert "POST_ALLOWANCE" not in items  # 购房津贴与岗位津贴不重复享受: the larger is kept
    assert any(i["benefit"]["name"] and "岗位津贴" in i["benefit"]["name"] for i in package["setAside"])
    assert package["totalMaxAmount"] == pytest.approx(sum(i["amount"] for i in package["items"]))
    assert "《" in package["explanation"]


async def test_best_package_says_what_its_total_is_made_of(client):
    query = (EXAMPLES / "best_package_guandu.graphql").read_text()
    variables = json.loads((EXAMPLES / "best_package_guandu.json").read_text())
    package = (await client.data(query, variables))["bestPackage"]
    parts = ("personalCashTotal", "fundingTotal", "financingTotal", "conditionalTotal")
    assert sum(package[p] for p in parts) == pytest.approx(package["totalMaxAmount"])
    items = package["items"]

    def total(purpose: str) -> float:
        return sum(i["amount"] for i in items if i["purpose"] == purpose and not i["condition"])

    assert package["personalCashTotal"] == pytest.approx(total("PERSONAL_CASH"))
    assert package["fundingTotal"] == pytest.approx(total("FUNDING"))
    assert package["financingTotal"] == pytest.approx(total("FINANCING"))
    assert package["conditionalTotal"] == pytest.approx(sum(i["amount"] for i in items if i["condition"]))
    # 金融支持 is financing by banks, 科学家工作室 money is for the studio: neither is the person's cash
    assert all(i["purpose"] == "FINANCING" for i in items if "金融支持" in i["reason"] and i["amount"])
    # 官渡 第十一条（三）: A类 最高200万元金融支持, arranged with financial institutions
    assert package["financingTotal"] == pytest.approx(2_000_000)
    assert package["personalCashTotal"] < package["totalMaxAmount"]
    assert f"发给本人的现金待遇最高{package['personalCashTotal'] / 10_000:g}万元" in package["explanation"]
    assert isinstance(package["uncovered"], list) and isinstance(package["ruleConflicts"], list)
    assert bool(package["uncovered"]) == ("未找到适用的不重复享受规定" in package["explanation"])


@pytest.mark.parametrize(
    "name",
    sorted(path.stem for path in EXAMPLES.glob("*.graphql")),
)
async def test_every_example_runs_within_two_store_round_trips(client, name):
    query = (EXAMPLES / f"{name}.graphql").read_text()
    variables_file = EXAMPLES / f"{name}.json"
    variables = json.loads(variables_file.read_text()) if variables_file.exists() else {}
    body = await client.post(query, variables)
    assert not body.get("errors"), body.get("errors")
    assert body["extensions"]["storeRoundTrips"] <= 2


ACADEMICIAN_PACKAGE = """query($profile: TalentProfileInput!) { bestPackage(profile: $profile) {
    items { benefit { kind tier { id } } amount }
    couldAdd { status missing explanation tier { id } pending { unread } } } }"""


async def test_a_tier_only_the_office_can_confirm_is_offered_as_what_could_be_added(client):
    """云南 高层次人才 第四条: 须为…在申报起始日前2年内从省外全职引进（调入）的在职在岗人员 — a profile
    cannot say where from and since when, so the tier is not in the package, but is named with
    what the office must confirm, and no field is asked for."""
    profile = {
        "titles": ["中国科学院院士"],
        "age": 60,  # 院士除外: the age limit does not bind an academician
        "degree": "DOCTORATE",
        "professionalRank": "SENIOR",
        "employment": "FULL_TIME",
        "region": "昆明市",
    }
    package = (await client.data(ACADEMICIAN_PACKAGE, {"profile": profile}))["bestPackage"]
    assert not any(i["benefit"]["tier"]["id"] == YUNNAN_HIGH for i in package["items"])
    (yunnan,) = [a for a in package["couldAdd"] if a["tier"]["id"] == YUNNAN_HIGH]
    assert yunnan["status"] == "NEEDS_INFO" and yunnan["missing"] == []
    assert any("从省外全职引进" in part for c in yunnan["pending"] for part in c["unread"])
    assert "另需主管部门审核确认" in yunnan["explanation"]


async def test_unrecognised_names_are_notices_even_when_no_tier_is_returned(client):
    profile = {
        "awards": [{"name": "国家级科研进步奖", "grade": "二等奖", "rank": 2}],
        "titles": ["星际院士"],
        "region": "火星",
    }
    body = await client.post(TIERS, {"profile": profile, "all": False})
    assert not body.get("errors")
    notices = {n["argument"]: n for n in body["extensions"]["notices"]}
    assert set(notices) == {"profile.awards[0].name", "profile.titles[0]", "profile.region"}
    award = notices["profile.awards[0].name"]
    assert award["code"] == "UNRECOGNISED_AWARD" and "国家级科研进步奖" in award["message"]
    assert "国家科学技术进步奖" in award["suggestions"]
    assert notices["profile.region"]["code"] == "UNKNOWN_REGION"
    clean = await client.post(TIERS, {"profile": second_prize(2), "all": False})
    assert "notices" not in (clean.get("extensions") or {})


async def test_a_region_written_as_an_address_is_understood(client):
    short = await tiers(client, second_prize(2))
    for address in ("昆明市官渡区", "云南省昆明市官渡区"):
        assert await tiers(client, {**second_prize(2), "region": address}) == short


async def test_a_city_for_a_district_program_asks_for_the_district(client):
    found = await tiers(client, {**second_prize(2), "region": "昆明市"})
    b = found[GUANDU_B]
    assert b["status"] == "NEEDS_INFO" and "region" in b["missing"] and b["applicable"]
    assert "范围大于官渡区" in b["explanation"]


async def test_a_college_diploma_is_a_degree_the_api_takes(client):
    """东川 乡村医生: 取得大学专科以上学历后，注册为助理全科医师、执业医师的 — 专科 is a degree level."""
    rural = {"region": "东川区", "employment": "FULL_TIME"}
    below = await tiers(client, rural | {"degree": "OTHER"}, include_all=True)
    enough = await tiers(client, rural | {"degree": "ASSOCIATE"}, include_all=True)
    doctors = [tid for tid, m in enough.items() if m["tier"]["name"] in ("助理全科医师", "执业医师")]
    assert len(doctors) == 2
    for tier in doctors:
        assert below[tier]["status"] == "INELIGIBLE"
        assert "低于大学专科学历" in below[tier]["explanation"]
        assert enough[tier]["status"] != "INELIGIBLE"
        # met on the degree, the rest (the licence, 基层医疗卫生人才) for the office to confirm
        assert "具有大学专科学历" in enough[tier]["explanation"]
