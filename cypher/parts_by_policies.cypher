// Each policy's parts in one row: every provision, flattened in document order, and the
// programs the policy establishes or governs, each with its tiers (highest first).
// @param ids: ["gd-zcgccrc"]
UNWIND $ids AS key
OPTIONAL MATCH (n:Provision {policyId: key})
WITH key, n
ORDER BY n.ordinal
WITH key, collect(n {.id, .policyId, .kind, .label, .number, .text, .originalText, .ordinal, .parentId, .heading, .citationLabels}) AS provisions
OPTIONAL MATCH (:Policy {id: key})-[:ESTABLISHES|GOVERNS]->(program:Program)
WITH key, provisions, program
ORDER BY program.id
RETURN key,
       provisions,
       collect({program: program {.*}, tiers: [(program)-[:HAS_TIER]->(tier:Tier) | tier {.*}]}) AS programs
