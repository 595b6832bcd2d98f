// The state of every index and constraint: FalkorDBStore.open() waits until all are
// OPERATIONAL (after a restart they are rebuilt in the background, and until then queries are
// planned as label scans and uniqueness is not enforced).
CALL db.indexes() YIELD label, status
RETURN 'index' AS kind, label, status
UNION ALL
CALL db.constraints() YIELD label, status
RETURN 'constraint' AS kind, label, status
