// How many loaded (non-placeholder) policies the graph holds.
MATCH (n:Policy)
WHERE n.placeholder IS NULL OR n.placeholder = false
RETURN count(n) AS policies
