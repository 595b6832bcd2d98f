// The relaxations (放宽条件) of each tier.
// @param ids: ["program:gd-gccrc/A"]
MATCH (n:Relaxation)
WHERE n.tierId IN $ids
RETURN n.tierId AS key, n {.*} AS n
ORDER BY n.id
