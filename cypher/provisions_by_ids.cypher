// Provisions by id.
// @param ids: ["gd-zcgccrc/chp_4__art_11"]
MATCH (n:Provision)
WHERE n.id IN $ids
RETURN n.id AS key, n {.id, .policyId, .kind, .label, .number, .text, .originalText, .ordinal, .parentId, .heading, .citationLabels} AS n
