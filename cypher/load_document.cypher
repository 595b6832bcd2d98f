// Replace everything some source documents contribute to the graph, in one atomic query: the
// loader writes several documents per round trip (ingest.load.Loader), each row carrying ids of
// its own document only. Provisions and facts owned by the documents ($documentKeys, the file
// names, plus those of documents they replace) are dropped and created afresh, and so are the
// facts of earlier editions they supersede (step 0); Policy, Program and Tier nodes are merged
// by id so that edges other documents point at them survive a reload.
// @param version: "5f0c2a9e"
// @param documentKeys: ["001_example.txt"]
// @param policyIds: ["gd-zcgccrc"]
// @param programIds: ["program:gd-gccrc"]
// @param tierIds: ["program:gd-gccrc/A"]
// @param policies: [{"id": "gd-zcgccrc", "props": {"id": "gd-zcgccrc", "title": "实施办法", "documentKey": "001_example.txt"}}]
// @param placeholders: [{"id": "ref:km-142", "props": {"id": "ref:km-142", "placeholder": true}}]
// @param redirects: []
// @param policyRegions: [{"from": "gd-zcgccrc", "to": "region:km-guandu"}]
// @param provisions: [{"id": "gd-zcgccrc/art_1", "policyId": "gd-zcgccrc", "text": "第一条", "documentKey": "001_example.txt"}]
// @param policyParts: [{"from": "gd-zcgccrc", "to": "gd-zcgccrc/art_1"}]
// @param provisionParts: [{"from": "gd-zcgccrc/art_1", "to": "gd-zcgccrc/art_1__item_1"}]
// @param cites: [{"from": "gd-zcgccrc", "to": "ref:km-142", "citedIn": "gd-zcgccrc/art_1"}]
// @param repeals: [{"from": "gd-zcgccrc", "to": "ref:km-142", "citedIn": "gd-zcgccrc/art_1"}]
// @param amends: [{"from": "gd-zcgccrc", "to": "ref:km-142", "citedIn": "gd-zcgccrc/art_1"}]
// @param promulgates: [{"from": "gd-zcgccrc", "to": "ref:km-142", "citedIn": "gd-zcgccrc/art_1"}]
// @param programs: [{"id": "program:gd-gccrc", "props": {"id": "program:gd-gccrc", "name": "官渡高层次人才", "documentKey": "001_example.txt"}}]
// @param placeholderPrograms: [{"id": "program:ylyc", "props": {"id": "program:ylyc", "placeholder": true}}]
// @param establishes: [{"from": "gd-zcgccrc", "to": "program:gd-gccrc", "citedIn": "gd-zcgccrc/art_6"}]
// @param policyGoverns: [{"from": "gd-zcgccrc", "to": "program:gd-gccrc"}]
// @param programRegions: [{"from": "program:gd-gccrc", "to": "region:km-guandu"}]
// @param tiers: [{"id": "program:gd-gccrc/A", "props": {"id": "program:gd-gccrc/A", "code": "A", "documentKey": "001_example.txt"}}]
// @param hasTier: [{"from": "program:gd-gccrc", "to": "program:gd-gccrc/A"}]
// @param criteria: [{"id": "c1", "tierId": "program:gd-gccrc/A", "text": "院士", "documentKey": "001_example.txt"}]
// @param requiresAll: [{"from": "program:gd-gccrc/A", "to": "c1"}]
// @param qualifiesBy: [{"from": "program:gd-gccrc/A", "to": "c1"}]
// @param excludes: [{"from": "program:gd-gccrc/A", "to": "c1"}]
// @param criterionTitles: [{"from": "c1", "to": "title:cas-academician"}]
// @param criterionAwards: [{"from": "c1", "to": "award:national-natural-science", "grades": ["一等奖"], "maxRank": 3, "alternative": 0}]
// @param relaxations: [{"id": "r1", "tierId": "program:gd-gccrc/A", "text": "放宽", "documentKey": "001_example.txt"}]
// @param hasRelaxation: [{"from": "program:gd-gccrc/A", "to": "r1"}]
// @param benefits: [{"id": "b1", "tierId": "program:gd-gccrc/A", "name": "购房津贴", "documentKey": "001_example.txt"}]
// @param entitles: [{"from": "program:gd-gccrc/A", "to": "b1"}]
// @param rules: [{"id": "s1", "kind": "EXCLUSIVE", "text": "不重复享受", "documentKey": "001_example.txt"}]
// @param governsBenefit: [{"from": "s1", "to": "b1"}]
// @param governsTier: [{"from": "s1", "to": "program:gd-gccrc/A"}]
// @param governsProgram: [{"from": "s1", "to": "program:gd-gccrc"}]
// @param titleEquivalences: [{"from": "title:x", "to": "program:gd-gccrc/A", "citedIn": "p", "documentKey": "001_example.txt"}]
// @param tierEquivalences: [{"from": "program:gd-gccrc/A", "to": "program:gd-gccrc/A", "citedIn": "p"}]
// @param programSuccessions: [{"from": "program:gd-gccrc", "to": "program:ylyc", "citedIn": "p"}]
// @param tierSuccessions: [{"from": "program:gd-gccrc/A", "to": "program:ylyc", "citedIn": "p"}]
// @param superseded: [{"documentKey": "gd_2019.txt", "programId": "program:gd-gccrc"}]

// 0. Facts of earlier editions that these documents supersede ($superseded: the file holding a
//    program's facts, and the program; see ingest.editions): that file's stacking rules
//    governing the program or its parts, its criteria, relaxations and benefits of the
//    program's tiers, its 相当于 links into them, the edges of its tiers, the tiers the new
//    edition does not define, and the program's own edges when the new edition writes the
//    program. Its policies and provisions stay, as history, with their ESTABLISHES links.
UNWIND $superseded AS row
MATCH (n:StackingRule)
WHERE n.documentKey = row.documentKey
  AND any(g IN coalesce(n.governs, []) WHERE g = row.programId OR g STARTS WITH (row.programId + '/'))
DETACH DELETE n
WITH count(*) AS _
UNWIND $superseded AS row
MATCH (n:Criterion)
WHERE n.documentKey = row.documentKey AND n.tierId STARTS WITH (row.programId + '/')
DETACH DELETE n
WITH count(*) AS _
UNWIND $superseded AS row
MATCH (n:Relaxation)
WHERE n.documentKey = row.documentKey AND n.tierId STARTS WITH (row.programId + '/')
DETACH DELETE n
WITH count(*) AS _
UNWIND $superseded AS row
MATCH (n:Benefit)
WHERE n.documentKey = row.documentKey AND n.tierId STARTS WITH (row.programId + '/')
DETACH DELETE n
WITH count(*) AS _
UNWIND $superseded AS row
MATCH (:Title)-[r:EQUIVALENT_TO]->(t:Tier)
WHERE r.documentKey = row.documentKey AND t.programId = row.programId
DELETE r
WITH count(*) AS _
UNWIND $superseded AS row
MATCH (n:Tier)-[r]->()
WHERE n.documentKey = row.documentKey AND n.programId = row.programId
DELETE r
WITH count(*) AS _
UNWIND $superseded AS row
MATCH (p:Program {id: row.programId})-[r:HAS_TIER]->(t:Tier)
WHERE t.documentKey = row.documentKey
DELETE r
WITH count(*) AS _
UNWIND $superseded AS row
MATCH (n:Tier)
WHERE n.documentKey = row.documentKey AND n.programId = row.programId AND NOT n.id IN $tierIds
DETACH DELETE n
WITH count(*) AS _
UNWIND $superseded AS row
MATCH (p:Program {id: row.programId})-[r]->()
WHERE p.documentKey = row.documentKey AND p.id IN $programIds AND type(r) <> 'HAS_TIER'
DELETE r
WITH count(*) AS _

// 1. Drop what the documents own outright.
MATCH (n:Provision) WHERE n.documentKey IN $documentKeys DETACH DELETE n
WITH count(*) AS _
MATCH (n:Criterion) WHERE n.documentKey IN $documentKeys DETACH DELETE n
WITH count(*) AS _
MATCH (n:Relaxation) WHERE n.documentKey IN $documentKeys DETACH DELETE n
WITH count(*) AS _
MATCH (n:Benefit) WHERE n.documentKey IN $documentKeys DETACH DELETE n
WITH count(*) AS _
MATCH (n:StackingRule) WHERE n.documentKey IN $documentKeys DETACH DELETE n
WITH count(*) AS _
MATCH (n:Tier) WHERE n.documentKey IN $documentKeys AND NOT n.id IN $tierIds DETACH DELETE n
WITH count(*) AS _
MATCH (n:Program) WHERE n.documentKey IN $documentKeys AND NOT n.id IN $programIds DETACH DELETE n
WITH count(*) AS _
MATCH (n:Policy) WHERE n.documentKey IN $documentKeys AND NOT n.id IN $policyIds DETACH DELETE n
WITH count(*) AS _
MATCH (n:Policy)-[r]->() WHERE n.documentKey IN $documentKeys DELETE r
WITH count(*) AS _
MATCH (n:Program)-[r]->() WHERE n.documentKey IN $documentKeys DELETE r
WITH count(*) AS _
MATCH (n:Tier)-[r]->() WHERE n.documentKey IN $documentKeys DELETE r
WITH count(*) AS _
MATCH (:Title)-[r:EQUIVALENT_TO]->() WHERE r.documentKey IN $documentKeys DELETE r
WITH count(*) AS _

// 2. Policies, the placeholders of documents they cite, and edges moved off placeholders that
//    this document now makes real.
UNWIND $policies AS row
MERGE (p:Policy {id: row.id})
SET p = row.props
WITH count(*) AS _
UNWIND $placeholders AS row
MERGE (p:Policy {id: row.id})
ON CREATE SET p = row.props
WITH count(*) AS _
UNWIND $redirects AS row
MATCH (placeholder:Policy {id: row.placeholder})<-[r:CITES]-(source:Policy)
MATCH (real:Policy {id: row.real})
CREATE (source)-[:CITES {citedIn: r.citedIn}]->(real)
DELETE r
WITH count(*) AS _
UNWIND $redirects AS row
MATCH (placeholder:Policy {id: row.placeholder})<-[r:REPEALS]-(source:Policy)
MATCH (real:Policy {id: row.real})
CREATE (source)-[:REPEALS {citedIn: r.citedIn}]->(real)
DELETE r
WITH count(*) AS _
UNWIND $redirects AS row
MATCH (placeholder:Policy {id: row.placeholder})<-[r:AMENDS]-(source:Policy)
MATCH (real:Policy {id: row.real})
CREATE (source)-[:AMENDS {citedIn: r.citedIn}]->(real)
DELETE r
WITH count(*) AS _
UNWIND $redirects AS row
MATCH (placeholder:Policy {id: row.placeholder, placeholder: true})
DETACH DELETE placeholder
WITH count(*) AS _
UNWIND $policyRegions AS row
MATCH (p:Policy {id: row.from})
MATCH (region:Region {id: row.to})
CREATE (p)-[:IN_REGION]->(region)
WITH count(*) AS _

// 3. Provisions and their tree.
UNWIND $provisions AS row
CREATE (n:Provision)
SET n = row
WITH count(*) AS _
UNWIND $policyParts AS row
MATCH (p:Policy {id: row.from})
MATCH (n:Provision {id: row.to})
CREATE (p)-[:HAS_PART]->(n)
WITH count(*) AS _
UNWIND $provisionParts AS row
MATCH (parent:Provision {id: row.from})
MATCH (child:Provision {id: row.to})
CREATE (parent)-[:HAS_PART]->(child)
WITH count(*) AS _

// 4. References between policies.
UNWIND $cites AS row
MATCH (a:Policy {id: row.from})
MATCH (b:Policy {id: row.to})
CREATE (a)-[:CITES {citedIn: row.citedIn}]->(b)
WITH count(*) AS _
UNWIND $repeals AS row
MATCH (a:Policy {id: row.from})
MATCH (b:Policy {id: row.to})
CREATE (a)-[:REPEALS {citedIn: row.citedIn}]->(b)
WITH count(*) AS _
UNWIND $amends AS row
MATCH (a:Policy {id: row.from})
MATCH (b:Policy {id: row.to})
CREATE (a)-[:AMENDS {citedIn: row.citedIn}]->(b)
WITH count(*) AS _
UNWIND $promulgates AS row
MATCH (a:Policy {id: row.from})
MATCH (b:Policy {id: row.to})
CREATE (a)-[:PROMULGATES {citedIn: row.citedIn}]->(b)
WITH count(*) AS _

// 5. Programs and tiers.
UNWIND $programs AS row
MERGE (n:Program {id: row.id})
SET n = row.props
WITH count(*) AS _
UNWIND $placeholderPrograms AS row
MERGE (n:Program {id: row.id})
ON CREATE SET n = row.props
WITH count(*) AS _
UNWIND $establishes AS row
MATCH (p:Policy {id: row.from})
MATCH (n:Program {id: row.to})
CREATE (p)-[:ESTABLISHES {citedIn: row.citedIn}]->(n)
WITH count(*) AS _
UNWIND $policyGoverns AS row
MATCH (p:Policy {id: row.from})
MATCH (n:Program {id: row.to})
CREATE (p)-[:GOVERNS]->(n)
WITH count(*) AS _
UNWIND $programRegions AS row
MATCH (n:Program {id: row.from})
MATCH (region:Region {id: row.to})
CREATE (n)-[:IN_REGION]->(region)
WITH count(*) AS _
UNWIND $tiers AS row
MERGE (n:Tier {id: row.id})
SET n = row.props
WITH count(*) AS _
UNWIND $hasTier AS row
MATCH (p:Program {id: row.from})
MATCH (t:Tier {id: row.to})
CREATE (p)-[:HAS_TIER]->(t)
WITH count(*) AS _

// 6. Criteria and what they refer to.
UNWIND $criteria AS row
CREATE (n:Criterion)
SET n = row
WITH count(*) AS _
UNWIND $requiresAll AS row
MATCH (t:Tier {id: row.from})
MATCH (c:Criterion {id: row.to})
CREATE (t)-[:REQUIRES_ALL]->(c)
WITH count(*) AS _
UNWIND $qualifiesBy AS row
MATCH (t:Tier {id: row.from})
MATCH (c:Criterion {id: row.to})
CREATE (t)-[:QUALIFIES_BY]->(c)
WITH count(*) AS _
UNWIND $excludes AS row
MATCH (t:Tier {id: row.from})
MATCH (c:Criterion {id: row.to})
CREATE (t)-[:EXCLUDES]->(c)
WITH count(*) AS _
UNWIND $criterionTitles AS row
MATCH (c:Criterion {id: row.from})
MATCH (title:Title {id: row.to})
CREATE (c)-[:REFERS_TO]->(title)
WITH count(*) AS _
UNWIND $criterionAwards AS row
MATCH (c:Criterion {id: row.from})
MATCH (award:Award {id: row.to})
CREATE (c)-[:REFERS_TO {grades: row.grades, maxRank: row.maxRank, alternative: row.alternative}]->(award)
WITH count(*) AS _
UNWIND $relaxations AS row
CREATE (n:Relaxation)
SET n = row
WITH count(*) AS _
UNWIND $hasRelaxation AS row
MATCH (t:Tier {id: row.from})
MATCH (r:Relaxation {id: row.to})
CREATE (t)-[:HAS_RELAXATION]->(r)
WITH count(*) AS _

// 7. Benefits and stacking rules.
UNWIND $benefits AS row
CREATE (n:Benefit)
SET n = row
WITH count(*) AS _
UNWIND $entitles AS row
MATCH (t:Tier {id: row.from})
MATCH (b:Benefit {id: row.to})
CREATE (t)-[:ENTITLES]->(b)
WITH count(*) AS _
UNWIND $rules AS row
CREATE (n:StackingRule)
SET n = row
WITH count(*) AS _
UNWIND $governsBenefit AS row
MATCH (s:StackingRule {id: row.from})
MATCH (b:Benefit {id: row.to})
CREATE (s)-[:GOVERNS]->(b)
WITH count(*) AS _
UNWIND $governsTier AS row
MATCH (s:StackingRule {id: row.from})
MATCH (t:Tier {id: row.to})
CREATE (s)-[:GOVERNS]->(t)
WITH count(*) AS _
UNWIND $governsProgram AS row
MATCH (s:StackingRule {id: row.from})
MATCH (p:Program {id: row.to})
CREATE (s)-[:GOVERNS]->(p)
WITH count(*) AS _

// 8. Equivalences (相当于) and successions (自动转入): the newer program or tier SUCCEEDS the
//    older program, which is a placeholder when its policy is not loaded.
UNWIND $titleEquivalences AS row
MATCH (title:Title {id: row.from})
MATCH (t:Tier {id: row.to})
CREATE (title)-[:EQUIVALENT_TO {citedIn: row.citedIn, documentKey: row.documentKey}]->(t)
WITH count(*) AS _
UNWIND $tierEquivalences AS row
MATCH (a:Tier {id: row.from})
MATCH (b:Tier {id: row.to})
CREATE (a)-[:EQUIVALENT_TO {citedIn: row.citedIn}]->(b)
WITH count(*) AS _
UNWIND $programSuccessions AS row
MATCH (a:Program {id: row.from})
MATCH (b:Program {id: row.to})
CREATE (a)-[:SUCCEEDS {citedIn: row.citedIn}]->(b)
WITH count(*) AS _
UNWIND $tierSuccessions AS row
MATCH (a:Tier {id: row.from})
MATCH (b:Program {id: row.to})
CREATE (a)-[:SUCCEEDS {citedIn: row.citedIn}]->(b)
WITH count(*) AS _
// Every load changes the graph's version, so that caches of facts know to refresh.
MERGE (meta:GraphMeta {id: 'graph'})
SET meta.version = $version
WITH count(*) AS done
RETURN done
