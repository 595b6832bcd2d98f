// Node counts per label and relationship counts per type, to compare graphs.
MATCH (n)
WITH labels(n)[0] AS label, count(n) AS count
RETURN 'node' AS what, label AS name, count
ORDER BY name
UNION ALL
MATCH ()-[r]->()
WITH type(r) AS type, count(r) AS count
RETURN 'relationship' AS what, type AS name, count
ORDER BY name
