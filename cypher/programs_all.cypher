// Every program that a loaded policy establishes (placeholders of unloaded ones left out),
// or, with `regions`, those that apply there: of these regions or of none (national programs),
// and not repealed — the rule of knowledge_by_regions, which the reasoning reads: a program
// applies while one of its editions is not repealed by an issued (not draft) policy.
// @param regions: ["官渡区", "昆明市", "云南省", "中国"]
MATCH (n:Program)
WHERE (n.placeholder IS NULL OR n.placeholder = false)
  AND ($regions IS NULL OR n.region IS NULL OR n.region IN $regions)
WITH n,
     [(n)<-[:ESTABLISHES]-(edition:Policy) | edition.id] AS editions,
     [(n)<-[:ESTABLISHES]-(old:Policy)<-[:REPEALS]-(by:Policy) WHERE coalesce(by.status, 'UNKNOWN') <> 'DRAFT' | old.id] AS repealed
WHERE $regions IS NULL OR size(editions) = 0 OR any(id IN editions WHERE NOT id IN repealed)
RETURN n.id AS key, n {.*} AS n
ORDER BY n.id
