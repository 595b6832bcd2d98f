// Programs by id.
// @param ids: ["program:gd-gccrc"]
MATCH (n:Program)
WHERE n.id IN $ids
RETURN n.id AS key, n {.*} AS n
