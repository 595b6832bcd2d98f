// What the loader must know before it writes a document, in one round trip: which documents
// loaded the policies, programs and tiers it would merge ('owner' rows; placeholders, which no
// document owns, are left out: see ingest.load.OwnershipConflict), the policies its 文号 and
// titles match ('match' rows: to link its citations and to make placeholders real), and, to
// settle editions of its programs (ingest.editions), the policies establishing or governing
// those programs ('edition' rows) and the REPEALS links into policies its own 文号, titles or
// ids name ('repeal' rows: the target, and the policy repealing it as byId).
// @param policyIds: ["gd-2023-zcgccrc"]
// @param programIds: ["program:gd-gccrc"]
// @param tierIds: ["program:gd-gccrc/A"]
// @param editionProgramIds: ["program:gd-gccrc"]
// @param docNumbers: ["东发〔2022〕26号"]
// @param titleKeys: ["关于实施人才振兴计划促进东川高质量发展的意见"]
// @param ownDocNumbers: ["东发〔2022〕26号"]
// @param ownTitleKeys: ["关于实施人才振兴计划促进东川高质量发展的意见"]
MATCH (n:Policy)
WHERE n.id IN $policyIds AND n.documentKey IS NOT NULL
RETURN 'owner' AS kind, 'Policy' AS label, n.id AS id, n.title AS name, n.documentKey AS documentKey,
       null AS docNumber, null AS titleKey, null AS placeholder, null AS status, null AS programId, null AS byId
UNION ALL
MATCH (n:Program)
WHERE n.id IN $programIds AND n.documentKey IS NOT NULL
RETURN 'owner' AS kind, 'Program' AS label, n.id AS id, n.name AS name, n.documentKey AS documentKey,
       null AS docNumber, null AS titleKey, null AS placeholder, null AS status, n.id AS programId, null AS byId
UNION ALL
MATCH (n:Tier)
WHERE n.id IN $tierIds AND n.documentKey IS NOT NULL
RETURN 'owner' AS kind, 'Tier' AS label, n.id AS id, n.name AS name, n.documentKey AS documentKey,
       null AS docNumber, null AS titleKey, null AS placeholder, null AS status, n.programId AS programId, null AS byId
UNION ALL
MATCH (n:Policy)
WHERE n.docNumber IN $docNumbers OR n.titleKey IN $titleKeys
RETURN 'match' AS kind, 'Policy' AS label, n.id AS id, n.title AS name, n.documentKey AS documentKey,
       n.docNumber AS docNumber, n.titleKey AS titleKey, n.placeholder AS placeholder, n.status AS status,
       null AS programId, null AS byId
UNION ALL
MATCH (p:Program)
WHERE p.id IN $editionProgramIds
MATCH (r:Policy)-[:ESTABLISHES]->(p)
RETURN 'edition' AS kind, 'Policy' AS label, r.id AS id, r.title AS name, r.documentKey AS documentKey,
       r.docNumber AS docNumber, r.titleKey AS titleKey, r.placeholder AS placeholder, r.status AS status,
       p.id AS programId, null AS byId
UNION ALL
MATCH (p:Program)
WHERE p.id IN $editionProgramIds
MATCH (r:Policy)-[:GOVERNS]->(p)
RETURN 'edition' AS kind, 'Policy' AS label, r.id AS id, r.title AS name, r.documentKey AS documentKey,
       r.docNumber AS docNumber, r.titleKey AS titleKey, r.placeholder AS placeholder, r.status AS status,
       p.id AS programId, null AS byId
UNION ALL
MATCH (n:Policy)
WHERE n.id IN $policyIds OR n.docNumber IN $ownDocNumbers OR n.titleKey IN $ownTitleKeys
MATCH (by:Policy)-[:REPEALS]->(n)
RETURN 'repeal' AS kind, 'Policy' AS label, n.id AS id, n.title AS name, by.documentKey AS documentKey,
       n.docNumber AS docNumber, n.titleKey AS titleKey, n.placeholder AS placeholder, by.status AS status,
       null AS programId, by.id AS byId
