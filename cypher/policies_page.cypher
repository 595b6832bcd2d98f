// One page of policies ordered by id, after a cursor, with optional filters, and the total.
// `regions` lists the region asked for and every region inside it (computed by the caller).
// Placeholders (cited but not loaded) are listed only when asked for.
// @param level: "DISTRICT"
// @param regions: ["昆明市", "官渡区"]
// @param status: "DRAFT"
// @param includePlaceholders: false
// @param after: ""
// @param first: 20
MATCH (n:Policy)
WHERE ($includePlaceholders OR n.placeholder IS NULL OR n.placeholder = false)
  AND ($level IS NULL OR n.level = $level)
  AND ($status IS NULL OR n.status = $status)
  AND ($regions IS NULL OR n.region IN $regions)
WITH n
ORDER BY n.id
WITH collect(n) AS matching
RETURN size(matching) AS total,
       [p IN matching WHERE p.id > $after | p {.*}][0..$first] AS page
