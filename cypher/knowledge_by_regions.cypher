// The facts of every program that applies in the given regions (the person's region and the
// regions enclosing it; national programs carry no region), one row per tier: its criteria,
// relaxations, benefits and the stacking rules governing the tier, its program or its benefits.
// `regions` null means every program.
// @param regions: ["官渡区", "昆明市", "云南省", "中国"]
MATCH (p:Program)
WHERE (p.placeholder IS NULL OR p.placeholder = false)
  AND ($regions IS NULL OR p.region IS NULL OR p.region IN $regions)
MATCH (p)-[:HAS_TIER]->(t:Tier)
RETURN p {.*} AS program,
       t {.*} AS tier,
       [(t)-[:REQUIRES_ALL]->(c:Criterion) | c {.*}]
         + [(t)-[:QUALIFIES_BY]->(c:Criterion) | c {.*}]
         + [(t)-[:EXCLUDES]->(c:Criterion) | c {.*}] AS criteria,
       [(t)-[:HAS_RELAXATION]->(r:Relaxation) | r {.*}] AS relaxations,
       [(t)-[:ENTITLES]->(b:Benefit) | b {.*}] AS benefits,
       [(s:StackingRule)-[:GOVERNS]->(t) | s {.*}]
         + [(s:StackingRule)-[:GOVERNS]->(p) | s {.*}]
         + [(t)-[:ENTITLES]->(:Benefit)<-[:GOVERNS]-(s:StackingRule) | s {.*}] AS rules
