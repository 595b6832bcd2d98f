// Neo4j 5 schema: a uniqueness constraint on `id` per label (a write that would give two nodes of
// a label one id fails whole), and the provision full-text index.
// Run by Neo4jStore.open(); IF NOT EXISTS makes every statement safe to repeat.
// The `cjk` analyzer indexes Chinese as overlapping character bigrams, so a quoted phrase matches
// only where the text holds it (see graphapi/store/fulltext.py).
CREATE CONSTRAINT policy_id IF NOT EXISTS FOR (n:Policy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT provision_id IF NOT EXISTS FOR (n:Provision) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT program_id IF NOT EXISTS FOR (n:Program) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tier_id IF NOT EXISTS FOR (n:Tier) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT title_id IF NOT EXISTS FOR (n:Title) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT award_id IF NOT EXISTS FOR (n:Award) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT criterion_id IF NOT EXISTS FOR (n:Criterion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT benefit_id IF NOT EXISTS FOR (n:Benefit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT stacking_rule_id IF NOT EXISTS FOR (n:StackingRule) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT relaxation_id IF NOT EXISTS FOR (n:Relaxation) REQUIRE n.id IS UNIQUE;
// The one graph-version node every load MERGEs: unique, so that two concurrent loads cannot
// each create one.
CREATE CONSTRAINT graph_meta_id IF NOT EXISTS FOR (n:GraphMeta) REQUIRE n.id IS UNIQUE;
// Properties the loader and the API select on: document ownership, tree and fact parents.
CREATE INDEX policy_document IF NOT EXISTS FOR (n:Policy) ON (n.documentKey);
CREATE INDEX policy_doc_number IF NOT EXISTS FOR (n:Policy) ON (n.docNumber);
CREATE INDEX policy_title_key IF NOT EXISTS FOR (n:Policy) ON (n.titleKey);
CREATE INDEX provision_document IF NOT EXISTS FOR (n:Provision) ON (n.documentKey);
CREATE INDEX provision_policy IF NOT EXISTS FOR (n:Provision) ON (n.policyId);
CREATE INDEX program_document IF NOT EXISTS FOR (n:Program) ON (n.documentKey);
CREATE INDEX tier_document IF NOT EXISTS FOR (n:Tier) ON (n.documentKey);
CREATE INDEX tier_program IF NOT EXISTS FOR (n:Tier) ON (n.programId);
CREATE INDEX criterion_document IF NOT EXISTS FOR (n:Criterion) ON (n.documentKey);
CREATE INDEX criterion_tier IF NOT EXISTS FOR (n:Criterion) ON (n.tierId);
CREATE INDEX relaxation_document IF NOT EXISTS FOR (n:Relaxation) ON (n.documentKey);
CREATE INDEX relaxation_tier IF NOT EXISTS FOR (n:Relaxation) ON (n.tierId);
CREATE INDEX benefit_document IF NOT EXISTS FOR (n:Benefit) ON (n.documentKey);
CREATE INDEX benefit_tier IF NOT EXISTS FOR (n:Benefit) ON (n.tierId);
CREATE INDEX stacking_rule_document IF NOT EXISTS FOR (n:StackingRule) ON (n.documentKey);
CREATE FULLTEXT INDEX provision_text IF NOT EXISTS FOR (n:Provision) ON EACH [n.text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
// A new index is populated in the background: wait so that the first search sees every node.
CALL db.awaitIndexes(300)
