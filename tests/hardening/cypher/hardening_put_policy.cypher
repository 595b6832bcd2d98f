// A Policy node with the given properties as stored, right or wrong (tests corrupt data on purpose).
// @param id: "broken-policy"
// @param title: "损坏的政策"
// @param status: "NO_SUCH_STATUS"
MERGE (n:Policy {id: $id})
SET n.title = $title, n.status = $status
