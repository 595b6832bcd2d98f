// Merge the canonical entities (titles, awards, regions) and the links among them, in one query.
// Entities are shared by every document, so they are merged by id and never deleted here.
// @param version: "5f0c2a9e"
// @param titles: [{"id": "title:cas-academician", "props": {"id": "title:cas-academician", "name": "中国科学院院士"}}]
// @param awards: [{"id": "award:national-sci-tech-progress", "props": {"id": "award:national-sci-tech-progress", "name": "国家科学技术进步奖"}}]
// @param regions: [{"id": "region:yunnan", "props": {"id": "region:yunnan", "name": "云南省"}}]
// @param titleSameAs: [{"from": "title:nsfc-distinguished-young", "to": "title:nsfc-distinguished-young-alt"}]
// @param titleMemberOf: [{"from": "title:cas-academician", "to": "title-class:academician"}]
// @param awardMemberOf: [{"from": "award:yunnan-sci-tech-progress", "to": "award-class:provincial-sci-tech"}]
// @param regionParts: [{"from": "region:km-guandu", "to": "region:kunming"}]

UNWIND $titles AS row
MERGE (n:Title {id: row.id})
SET n = row.props
WITH count(*) AS _
UNWIND $awards AS row
MERGE (n:Award {id: row.id})
SET n = row.props
WITH count(*) AS _
UNWIND $regions AS row
MERGE (n:Region {id: row.id})
SET n = row.props
WITH count(*) AS _
MATCH (:Title)-[r:SAME_AS]->(:Title) DELETE r
WITH count(*) AS _
MATCH (:Title)-[r:MEMBER_OF]->(:Title) DELETE r
WITH count(*) AS _
MATCH (:Award)-[r:MEMBER_OF]->(:Award) DELETE r
WITH count(*) AS _
MATCH (:Region)-[r:PART_OF]->(:Region) DELETE r
WITH count(*) AS _
UNWIND $titleSameAs AS row
MATCH (a:Title {id: row.from})
MATCH (b:Title {id: row.to})
CREATE (a)-[:SAME_AS]->(b)
WITH count(*) AS _
UNWIND $titleMemberOf AS row
MATCH (a:Title {id: row.from})
MATCH (b:Title {id: row.to})
CREATE (a)-[:MEMBER_OF]->(b)
WITH count(*) AS _
UNWIND $awardMemberOf AS row
MATCH (a:Award {id: row.from})
MATCH (b:Award {id: row.to})
CREATE (a)-[:MEMBER_OF]->(b)
WITH count(*) AS _
UNWIND $regionParts AS row
MATCH (a:Region {id: row.from})
MATCH (b:Region {id: row.to})
CREATE (a)-[:PART_OF]->(b)
WITH count(*) AS _
// Every load changes the graph's version, so that caches of facts know to refresh.
MERGE (meta:GraphMeta {id: 'graph'})
SET meta.version = $version
WITH count(*) AS done
RETURN done
