// The documents that loaded the policies, programs and tiers with these ids (placeholders, which
// no document owns, are left out): the loader refuses a document that would take over nodes
// another file loaded (ingest.load.OwnershipConflict).
// @param policyIds: ["gd-2023-zcgccrc"]
// @param programIds: ["program:gd-gccrc"]
// @param tierIds: ["program:gd-gccrc/A"]
MATCH (n:Policy)
WHERE n.id IN $policyIds AND n.documentKey IS NOT NULL
RETURN 'Policy' AS label, n.id AS id, n.title AS name, n.documentKey AS documentKey
UNION ALL
MATCH (n:Program)
WHERE n.id IN $programIds AND n.documentKey IS NOT NULL
RETURN 'Program' AS label, n.id AS id, n.name AS name, n.documentKey AS documentKey
UNION ALL
MATCH (n:Tier)
WHERE n.id IN $tierIds AND n.documentKey IS NOT NULL
RETURN 'Tier' AS label, n.id AS id, n.name AS name, n.documentKey AS documentKey
