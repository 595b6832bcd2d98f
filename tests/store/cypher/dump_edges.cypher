// Every relationship with its type, properties and the ids and labels of its ends, to compare
// two states of a graph in full.
MATCH (a)-[r]->(b)
RETURN labels(a)[0] AS fromLabel, a.id AS fromId, type(r) AS type, r {.*} AS props,
       labels(b)[0] AS toLabel, b.id AS toId
