// The facts needed to check claims to the given benefits, one row per tier: the claimed
// benefits, their tier and program, and the stacking rules governing any of them, with the
// graph's version (see graph_version).
// @param ids: ["program:gd-gccrc/A#b01"]
OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
WITH meta.version AS version
MATCH (t:Tier)-[:ENTITLES]->(b:Benefit)
WHERE b.id IN $ids
MATCH (p:Program)-[:HAS_TIER]->(t)
WITH version, p, t, collect(b) AS claimed
RETURN version,
       p {.*} AS program,
       t {.*} AS tier,
       [] AS criteria,
       [] AS relaxations,
       [b IN claimed | b {.*}] AS benefits,
       [(tierRule:StackingRule)-[:GOVERNS]->(t) | tierRule {.*}]
         + [(programRule:StackingRule)-[:GOVERNS]->(p) | programRule {.*}]
         + [(t)-[:ENTITLES]->(:Benefit)<-[:GOVERNS]-(benefitRule:StackingRule) | benefitRule {.*}] AS rules
