// What the loader must know before it writes a document, in one round trip: which documents
// loaded the policies, programs and tiers it would merge ('owner' rows; placeholders, which no
// document owns, are left out: see ingest.load.OwnershipConflict), and the policies its 文号 and
// titles match ('match' rows: to link its citations and to make placeholders real).
// @param policyIds: ["gd-2023-zcgccrc"]
// @param programIds: ["program:gd-gccrc"]
// @param tierIds: ["program:gd-gccrc/A"]
// @param docNumbers: ["东发〔2022〕26号"]
// @param titleKeys: ["关于实施人才振兴计划促进东川高质量发展的意见"]
MATCH (n:Policy)
WHERE n.id IN $policyIds AND n.documentKey IS NOT NULL
RETURN 'owner' AS kind, 'Policy' AS label, n.id AS id, n.title AS name, n.documentKey AS documentKey,
       null AS docNumber, null AS titleKey, null AS placeholder
UNION ALL
MATCH (n:Program)
WHERE n.id IN $programIds AND n.documentKey IS NOT NULL
RETURN 'owner' AS kind, 'Program' AS label, n.id AS id, n.name AS name, n.documentKey AS documentKey,
       null AS docNumber, null AS titleKey, null AS placeholder
UNION ALL
MATCH (n:Tier)
WHERE n.id IN $tierIds AND n.documentKey IS NOT NULL
RETURN 'owner' AS kind, 'Tier' AS label, n.id AS id, n.name AS name, n.documentKey AS documentKey,
       null AS docNumber, null AS titleKey, null AS placeholder
UNION ALL
MATCH (n:Policy)
WHERE n.docNumber IN $docNumbers OR n.titleKey IN $titleKeys
RETURN 'match' AS kind, 'Policy' AS label, n.id AS id, n.title AS name, n.documentKey AS documentKey,
       n.docNumber AS docNumber, n.titleKey AS titleKey, n.placeholder AS placeholder
