"""Browsing the provision graph over GraphQL: policies, provisions, search, titles, awards."""

from __future__ import annotations

import pytest

from graphapi.schema_export import sdl
from tests.conftest import ROOT

POLICIES = """
query($first: Int, $after: String, $filter: PolicyFilter) {
  policies(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title docNumber issuer issuedOn status level region validity } }
  }
}"""


async def test_policies_page_through_every_loaded_policy(client):
    seen: list[str] = []
    after = None
    while True:
        page = (await client.data(POLICIES, {"first": 4, "after": after}))["policies"]
        assert page["totalCount"] == 12  # 1 + 1 + 2 + 1 + 7 (a notice and six 细则)
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 12
    assert seen == sorted(seen)


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({"level": "DISTRICT"}, {"官渡区", "东川区"}),
        ({"region": "昆明市"}, {"昆明市", "官渡区", "东川区"}),
        ({"region": "雲南省"}, {"云南省", "昆明市", "官渡区", "东川区"}),
        ({"status": "DRAFT"}, {"官渡区", "深圳市"}),
    ],
)
async def test_policies_filter_by_level_region_and_status(client, filter, expected):
    page = (await client.data(POLICIES, {"first": 100, "filter": filter}))["policies"]
    assert {edge["node"]["region"] for edge in page["edges"]} == expected


async def test_cited_documents_appear_as_placeholders_only_when_asked(client):
    query = """{ policies(first: 100, filter: {includePlaceholders: true}) {
        edges { node { title docNumber placeholder } } } }"""
    nodes = [e["node"] for e in (await client.data(query))["policies"]["edges"]]
    placeholders = {n["docNumber"] for n in nodes if n["placeholder"]}
    assert {"昆明市人民政府令第142号", "昆科规〔2019〕2号"} <= placeholders


async def test_policy_metadata(client):
    query = """{ policy(id: "dc-2022-ssrczxjhcjgzlfz") {
        title docNumber issuer issuedOn status level region } }"""
    policy = (await client.data(query))["policy"]
    assert policy == {
        "title": "关于实施人才振兴计划促进东川高质量发展的意见（试行）",
        "docNumber": "东发〔2022〕26号",
        "issuer": "中共昆明市东川区委、昆明市东川区人民政府",
        "issuedOn": "2022-10-14",
        "status": "TRIAL",
        "level": "DISTRICT",
        "region": "东川区",
    }


async def test_provisions_of_a_policy_flattened_and_by_kind(client):
    query = """query($kind: ProvisionKind) { policy(id: "sz-jcrcpy") {
        provisions(kind: $kind) { id kind label } } }"""
    articles = (await client.data(query, {"kind": "ARTICLE"}))["policy"]["provisions"]
    assert [a["label"] for a in articles][:3] == ["第一条", "第二条", "第三条"]
    assert len(articles) == 28
    everything = (await client.data(query))["policy"]["provisions"]
    assert len(everything) > 28 and {p["kind"] for p in everything} >= {"CHAPTER", "ARTICLE", "ITEM"}


async def test_provision_parent_children_and_policy(client):
    query = """{ provision(id: "gd-zcgccrcyj/chp_5__art_17__item_4") {
        label text parent { label } children { label } policy { id } } }"""
    provision = (await client.data(query))["provision"]
    assert provision["label"] == "（四）"
    assert provision["parent"]["label"] == "第十七条"
    assert [c["label"] for c in provision["children"]] == ["1.", "2.", "3.", "4."]
    assert provision["policy"]["id"] == "gd-zcgccrcyj"


async def test_unknown_ids_are_null(client):
    data = await client.data('{ policy(id: "nope") { id } provision(id: "nope/art_1") { id } tier(id: "x") { id } }')
    assert data == {"policy": None, "provision": None, "tier": None}


@pytest.mark.parametrize(
    ("text", "must_contain"),
    [
        ("购房津贴", "购房津贴"),
        ("一次性工作生活补贴", "一次性工作生活补贴"),
        ("前三名完成人", "前三名完成人"),
        ("培養經費", "培养经费"),  # traditional input finds the simplified text
    ],
)
async def test_search_finds_phrases_with_snippets(client, text, must_contain):
    query = "query($t: String!) { search(text: $t, first: 5) { id kind label snippet score policyId } }"
    hits = (await client.data(query, {"t": text}))["search"]
    assert hits, text
    for hit in hits:
        assert must_contain in hit["snippet"].replace("【", "").replace("】", "")
        assert hit["id"].startswith(hit["policyId"] + "/")


async def test_resolve_title_any_script_and_alias(client):
    query = "query($n: String!) { resolveTitle(name: $n) { title { id name } score matchedAlias } }"
    traditional = (await client.data(query, {"n": "長江學者特聘教授"}))["resolveTitle"]
    simplified = (await client.data(query, {"n": "长江学者特聘教授"}))["resolveTitle"]
    assert traditional["title"] == simplified["title"]
    jieqing = (await client.data(query, {"n": "杰青"}))["resolveTitle"]
    fund = (await client.data(query, {"n": "国家杰出青年基金"}))["resolveTitle"]
    assert jieqing["title"]["id"] == fund["title"]["id"]
    assert (await client.data(query, {"n": "不存在的称号"}))["resolveTitle"] is None


async def test_titles_search_and_awards(client):
    data = await client.data('{ titles(search: "院士", first: 5) { name } awards { name grades isClass } }')
    assert any("院士" in t["name"] for t in data["titles"])
    progress = next(a for a in data["awards"] if a["name"] == "国家科学技术进步奖")
    assert "二等奖" in progress["grades"]


async def test_schema_file_is_current():
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == sdl(), "schema.graphql drifted from the code: run `make schema`"


async def test_healthz(app):
    import httpx

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        response = await http.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_a_policy_with_its_whole_structure_costs_two_round_trips(client):
    query = """{ policy(id: "sz-jcrcpy") {
        provisions { id parent { id } children { id } policy { id } }
        programs { name policy { id } tiers { id program { id } } } } }"""
    body = await client.post(query)
    assert not body.get("errors")
    # The policy, then its parts (provisions, programs, tiers) in one query; parents, children,
    # tiers and the policy again come from what those brought.
    assert body["extensions"]["storeRoundTrips"] == 2
    policy = body["data"]["policy"]
    articles = [p for p in policy["provisions"] if p["children"]]
    assert articles and all(c["id"].startswith(a["id"]) for a in articles for c in a["children"])
    assert policy["programs"] and all(t["program"]["id"] for p in policy["programs"] for t in p["tiers"])


async def test_links_between_policies_can_be_followed_both_ways(client):
    query = """query($id: ID!) { policy(id: $id) {
        references { kind policy { id title placeholder } citation { id text } }
        referencedBy { kind policy { id } } } }"""
    # 东川's notice 印发 the 意见; the 意见 names the notice as what promulgated it.
    notice = (await client.data(query, {"id": "dc-2022-ssrczxjhcjgzlfztz"}))["policy"]
    promulgated = [link for link in notice["references"] if link["kind"] == "PROMULGATES"]
    assert [link["policy"]["id"] for link in promulgated] == ["dc-2022-ssrczxjhcjgzlfz"]
    assert promulgated[0]["citation"]["id"].startswith("dc-2022-ssrczxjhcjgzlfztz/")
    opinion = (await client.data(query, {"id": "dc-2022-ssrczxjhcjgzlfz"}))["policy"]
    assert {"kind": "PROMULGATES", "policy": {"id": "dc-2022-ssrczxjhcjgzlfztz"}} in opinion["referencedBy"]
    # 昆明's 编制说明 cites 昆明市人民政府令第142号 and 昆科规〔2019〕2号, not loaded: placeholders.
    query = query.replace("policy { id title placeholder }", "policy { id title placeholder docNumber }")
    note = (await client.data(query, {"id": "km-zqnxshjsdtrjhbrxbzsm"}))["policy"]
    cited = {link["policy"]["docNumber"]: link for link in note["references"] if link["kind"] == "CITES"}
    for number in ("昆明市人民政府令第142号", "昆科规〔2019〕2号"):
        assert cited[number]["policy"]["placeholder"]
        assert number.split("〔")[0][:3] in cited[number]["citation"]["text"]  # stated where it is cited
    # 云南千人计划's 专项 repeal the 云岭英才计划 ones they replace.
    yunnan = (await client.data(query, {"id": "yn-2018-qrjhgccrc"}))["policy"]
    assert any(link["kind"] == "REPEALS" for link in yunnan["references"])


async def test_benefits_say_how_they_are_paid(client):
    query = """{ programs { id tiers { id benefits { kind name amountMax recipient schedule text } } } }"""
    programs = (await client.data(query))["programs"]
    benefits = [b for p in programs for t in p["tiers"] for b in t["benefits"]]
    guandu_housing = [
        b for p in programs if p["id"] == "program:gd-gccrc" for t in p["tiers"] if t["id"].endswith("/A")
        for b in t["benefits"] if b["kind"] == "HOUSING_SUBSIDY"
    ]
    assert guandu_housing and guandu_housing[0]["schedule"] == "分5年支付，每年支付20%"
    assert guandu_housing[0]["amountMax"] == 8_000_000 and guandu_housing[0]["recipient"] == "PERSON"
    # 深圳 pays its funding in two stages (签约后、中期评估后), not by the year.
    staged = [b for b in benefits if b["schedule"] and "期" in b["schedule"]]
    assert staged and all("年" not in b["schedule"] for b in staged)
    assert all("分" in b["text"] for b in staged)


async def test_programs_that_apply_in_a_region(client):
    query = "query($region: String) { programs(region: $region) { id region level } }"
    everywhere = (await client.data(query, {"region": None}))["programs"]
    guandu = (await client.data(query, {"region": "云南省昆明市官渡区"}))["programs"]
    assert {p["region"] for p in guandu} <= {"官渡区", "昆明市", "云南省", None}
    assert {p["region"] for p in guandu} >= {"官渡区", "云南省"}
    assert len(guandu) < len(everywhere) and any(p["region"] == "深圳市" for p in everywhere)
    error = await client.error(query, {"region": "火星"})
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "火星" in error["message"]
