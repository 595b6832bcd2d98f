// FalkorDB schema: an exact-match index on `id` per label, and the provision full-text index.
// Each statement is run by FalkorDBStore.open(); "already indexed" errors are expected on reopen.
// Every label with an exact-match index on `id` also gets a unique constraint on it, created by
// FalkorDBStore.open() (GRAPH.CONSTRAINT CREATE is a command of its own, not Cypher; it needs
// the index first): a write that would give two nodes of a label one id fails whole.
// The full-text index covers `searchTerms` (character bigrams, see graphapi/store/fulltext.py),
// with no stopwords and no stemming so that every bigram is a token, kept as written.
CREATE INDEX FOR (n:Policy) ON (n.id);
CREATE INDEX FOR (n:Provision) ON (n.id);
CREATE INDEX FOR (n:Program) ON (n.id);
CREATE INDEX FOR (n:Tier) ON (n.id);
CREATE INDEX FOR (n:Title) ON (n.id);
CREATE INDEX FOR (n:Award) ON (n.id);
CREATE INDEX FOR (n:Criterion) ON (n.id);
CREATE INDEX FOR (n:Benefit) ON (n.id);
CREATE INDEX FOR (n:StackingRule) ON (n.id);
CREATE INDEX FOR (n:Region) ON (n.id);
CREATE INDEX FOR (n:Organization) ON (n.id);
CREATE INDEX FOR (n:Relaxation) ON (n.id);
// Properties the loader and the API select on: document ownership, tree and fact parents.
CREATE INDEX FOR (n:Policy) ON (n.documentKey);
CREATE INDEX FOR (n:Policy) ON (n.docNumber);
CREATE INDEX FOR (n:Policy) ON (n.titleKey);
CREATE INDEX FOR (n:Provision) ON (n.documentKey);
CREATE INDEX FOR (n:Provision) ON (n.policyId);
CREATE INDEX FOR (n:Program) ON (n.documentKey);
CREATE INDEX FOR (n:Tier) ON (n.documentKey);
CREATE INDEX FOR (n:Tier) ON (n.programId);
CREATE INDEX FOR (n:Criterion) ON (n.documentKey);
CREATE INDEX FOR (n:Criterion) ON (n.tierId);
CREATE INDEX FOR (n:Relaxation) ON (n.documentKey);
CREATE INDEX FOR (n:Relaxation) ON (n.tierId);
CREATE INDEX FOR (n:Benefit) ON (n.documentKey);
CREATE INDEX FOR (n:Benefit) ON (n.tierId);
CREATE INDEX FOR (n:StackingRule) ON (n.documentKey);
CALL db.idx.fulltext.createNodeIndex({label: 'Provision', stopwords: []}, {field: 'searchTerms', nostem: true})
