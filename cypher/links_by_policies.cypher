// How each policy relates to other policies: what it cites, repeals, amends or promulgates
// (印发), and what cites, repeals, amends or promulgates it; one row per link and direction.
// @param ids: ["km-2023-zqnxshjsdtrjhbrxpykhsssz-bzsm"]
MATCH (p:Policy)-[r:CITES|REPEALS|AMENDS|PROMULGATES]-(other:Policy)
WHERE p.id IN $ids
RETURN p.id AS key,
       type(r) AS kind,
       startNode(r) = p AS outgoing,
       r.citedIn AS citedIn,
       other {.*} AS n
ORDER BY other.id
