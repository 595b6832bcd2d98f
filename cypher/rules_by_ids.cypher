// Stacking rules by id.
// @param ids: ["gd-zcgccrc#rule01"]
MATCH (n:StackingRule)
WHERE n.id IN $ids
RETURN n.id AS key, n {.*} AS n
