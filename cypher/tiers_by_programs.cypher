// The tiers of each program, highest first.
// @param ids: ["program:gd-gccrc"]
MATCH (n:Tier)
WHERE n.programId IN $ids
RETURN n.programId AS key, n {.*} AS n
ORDER BY n.rank, n.id
