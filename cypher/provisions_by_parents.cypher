// The children of each provision, in document order.
// @param ids: ["gd-zcgccrc/chp_4__art_11"]
MATCH (parent:Provision)-[:HAS_PART]->(n:Provision)
WHERE parent.id IN $ids
RETURN parent.id AS key, n {.id, .policyId, .kind, .label, .number, .text, .originalText, .ordinal, .parentId, .heading, .citationLabels} AS n
ORDER BY n.ordinal
