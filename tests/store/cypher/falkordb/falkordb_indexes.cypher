// The indexes FalkorDB holds: label, indexed properties and their kinds.
CALL db.indexes() YIELD label, properties, types
RETURN label, properties, types
ORDER BY label
