// Every test item's id and name (null when unset), in id order.
MATCH (n:ConformanceItem)
RETURN n.id AS id, n.name AS name
ORDER BY id
