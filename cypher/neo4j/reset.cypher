// Delete every node and relationship in batches, so a large graph does not need one huge
// transaction; indexes and constraints stay. Runs in an auto-commit transaction (Neo4jStore.reset).
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
