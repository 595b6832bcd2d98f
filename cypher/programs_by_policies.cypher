// The programs each policy establishes, or governs by defining some of their tiers.
// @param ids: ["gd-zcgccrc"]
MATCH (p:Policy)-[:ESTABLISHES|GOVERNS]->(n:Program)
WHERE p.id IN $ids
RETURN p.id AS key, n {.*} AS n
ORDER BY n.id
