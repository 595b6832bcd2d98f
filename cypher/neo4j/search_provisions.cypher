// Provisions whose text holds every phrase searched, best first.
// $query comes from Neo4jStore.fulltext_query: Lucene phrases joined by AND, on the cjk index
// ('' when the text had nothing searchable: Lucene cannot parse it, so it is filtered out first).
// @param query: "\"购房津贴\""
// @param first: 20
WITH $query AS query
WHERE query <> ''
CALL db.index.fulltext.queryNodes('provision_text', query) YIELD node, score
RETURN node.id AS id, node.kind AS kind, node.label AS label, node.text AS text,
       node.policyId AS policyId, score
ORDER BY score DESC, id
LIMIT $first
