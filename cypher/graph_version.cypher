// The graph's version: changed by every load, read to tell whether cached facts are current.
OPTIONAL MATCH (meta:GraphMeta {id: 'graph'})
RETURN meta.version AS version
