// Tiers by id.
// @param ids: ["program:gd-gccrc/A"]
MATCH (n:Tier)
WHERE n.id IN $ids
RETURN n.id AS key, n {.*} AS n
