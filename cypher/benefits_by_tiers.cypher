// The benefits each tier entitles to, in the order they are written.
// @param ids: ["program:gd-gccrc/A"]
MATCH (n:Benefit)
WHERE n.tierId IN $ids
RETURN n.tierId AS key, n {.*} AS n
ORDER BY n.id
