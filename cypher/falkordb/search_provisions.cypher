// Provisions whose text holds every phrase searched, best first.
// $query comes from FalkorDBStore.fulltext_query: exact bigram phrases over Provision.searchTerms
// ('' when the text had nothing searchable: RediSearch then finds nothing).
// @param query: "\"购房 房津 津贴\""
// @param first: 20
CALL db.idx.fulltext.queryNodes('Provision', $query) YIELD node, score
RETURN node.id AS id, node.kind AS kind, node.label AS label, node.text AS text,
       node.policyId AS policyId, score
ORDER BY score DESC, id
LIMIT $first
