// The facts of every program that applies in the given regions (the person's region and the
// regions enclosing it; national programs carry no region), one row per tier: its criteria,
// relaxations, benefits and the stacking rules governing the tier, its program or its benefits.
// Each pattern comprehension has its own variable names: FalkorDB returns nothing from a
// comprehension that reuses a name bound by an earlier one in the same RETURN.
// `regions` null means every program. `version` is the graph's version (see graph_version).
// Programs of repealed policies are left out (see below).
// @param regions: ["官渡区", "昆明市", "云南省", "中国"]
OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
WITH meta.version AS version
MATCH (p:Program)
WHERE (p.placeholder IS NULL OR p.placeholder = false)
  AND ($regions IS NULL OR p.region IS NULL OR p.region IN $regions)
// A program whose policies other ones repeal (同时废止) no longer applies, unless a repealing
// text is itself only a draft (征求意见稿), which repeals nothing yet. A program established by
// several editions (ingest.editions) applies while one of them is not repealed: it holds the
// facts of the newest. The lists are computed in WITH: FalkorDB plans no comprehension in WHERE.
WITH version, p,
     [(p)<-[:ESTABLISHES]-(edition:Policy) | edition.id] AS editions,
     [(p)<-[:ESTABLISHES]-(old:Policy)<-[:REPEALS]-(by:Policy) WHERE coalesce(by.status, 'UNKNOWN') <> 'DRAFT' | old.id] AS repealed
WHERE size(editions) = 0 OR any(id IN editions WHERE NOT id IN repealed)
MATCH (p)-[:HAS_TIER]->(t:Tier)
RETURN version,
       p {.*} AS program,
       t {.*} AS tier,
       [(t)-[:REQUIRES_ALL]->(basic:Criterion) | basic {.*}]
         + [(t)-[:QUALIFIES_BY]->(core:Criterion) | core {.*}]
         + [(t)-[:EXCLUDES]->(exclusion:Criterion) | exclusion {.*}] AS criteria,
       [(t)-[:HAS_RELAXATION]->(r:Relaxation) | r {.*}] AS relaxations,
       [(t)-[:ENTITLES]->(b:Benefit) | b {.*}] AS benefits,
       [(tierRule:StackingRule)-[:GOVERNS]->(t) | tierRule {.*}]
         + [(programRule:StackingRule)-[:GOVERNS]->(p) | programRule {.*}]
         + [(t)-[:ENTITLES]->(:Benefit)<-[:GOVERNS]-(benefitRule:StackingRule) | benefitRule {.*}] AS rules
