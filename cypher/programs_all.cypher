// Every program that a loaded policy establishes (placeholders of unloaded ones left out).
MATCH (n:Program)
WHERE n.placeholder IS NULL OR n.placeholder = false
RETURN n.id AS key, n {.*} AS n
ORDER BY n.id
