// Every node with its label and properties, to compare two states of a graph in full.
MATCH (n)
RETURN labels(n)[0] AS label, n {.*} AS props
