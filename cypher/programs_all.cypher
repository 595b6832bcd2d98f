// Every program that a loaded policy establishes (placeholders of unloaded ones left out),
// or, with `regions`, those of these regions and those without one (national programs).
// @param regions: ["官渡区", "昆明市", "云南省", "中国"]
MATCH (n:Program)
WHERE (n.placeholder IS NULL OR n.placeholder = false)
  AND ($regions IS NULL OR n.region IS NULL OR n.region IN $regions)
RETURN n.id AS key, n {.*} AS n
ORDER BY n.id
