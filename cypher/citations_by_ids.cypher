// The provisions facts are cited in, each with its policy, to render references such as
// 《…》第十七条第（四）项第1目 without another round trip.
// @param ids: ["gd-zcgccrcyj/chp_4__art_17__item_4__subitem_1"]
MATCH (n:Provision)
WHERE n.id IN $ids
MATCH (policy:Policy {id: n.policyId})
RETURN n.id AS key, n {.id, .policyId, .kind, .label, .number, .text, .originalText, .ordinal, .parentId, .heading, .citationLabels} AS n, policy {.*} AS policy
