// Every provision of each policy, flattened, in document order.
// @param ids: ["gd-zcgccrc"]
MATCH (n:Provision)
WHERE n.policyId IN $ids
RETURN n.policyId AS key, n {.id, .policyId, .kind, .label, .number, .text, .originalText, .ordinal, .parentId, .heading, .citationLabels} AS n
ORDER BY n.ordinal
