// Policies by id.
// @param ids: ["gd-zcgccrc"]
MATCH (n:Policy)
WHERE n.id IN $ids
RETURN n.id AS key, n {.*} AS n
