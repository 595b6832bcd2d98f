// The criteria of each tier, in the order they are written.
// @param ids: ["program:gd-gccrc/A"]
MATCH (n:Criterion)
WHERE n.tierId IN $ids
RETURN n.tierId AS key, n {.*} AS n
ORDER BY n.id
