// Returns nodes rather than maps, which the adapters must refuse.
MATCH (n:ConformanceItem)
RETURN n AS node
