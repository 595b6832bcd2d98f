// The facts needed to check claims to the given benefits, one row per tier: the claimed
// benefits, their tier and program, and the stacking rules governing any of them.
// @param ids: ["program:gd-gccrc/A#b01"]
MATCH (t:Tier)-[:ENTITLES]->(b:Benefit)
WHERE b.id IN $ids
MATCH (p:Program)-[:HAS_TIER]->(t)
WITH p, t, collect(b) AS claimed
RETURN p {.*} AS program,
       t {.*} AS tier,
       [] AS criteria,
       [] AS relaxations,
       [b IN claimed | b {.*}] AS benefits,
       [(tierRule:StackingRule)-[:GOVERNS]->(t) | tierRule {.*}]
         + [(programRule:StackingRule)-[:GOVERNS]->(p) | programRule {.*}]
         + [(t)-[:ENTITLES]->(:Benefit)<-[:GOVERNS]-(benefitRule:StackingRule) | benefitRule {.*}] AS rules
