// Create a policy and its provisions, with the search terms the store asks the loader to index.
// @param policyId: "test-policy"
// @param provisions: [{"id": "test-policy/art_1", "kind": "ARTICLE", "label": "第一条", "text": "购房津贴。", "searchTerms": "购房 房津 津贴 购 房 津 贴"}]
MERGE (policy:Policy {id: $policyId})
WITH policy
UNWIND $provisions AS row
CREATE (n:Provision {id: row.id, kind: row.kind, label: row.label, text: row.text,
                     searchTerms: row.searchTerms, policyId: $policyId})
CREATE (policy)-[:HAS_PART]->(n)
