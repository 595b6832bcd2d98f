// Benefits by id.
// @param ids: ["program:gd-gccrc/A#b01"]
MATCH (n:Benefit)
WHERE n.id IN $ids
RETURN n.id AS key, n {.*} AS n
