// One test item as a map, by id.
// @param id: "item-1"
MATCH (n:ConformanceItem {id: $id})
RETURN n {.*} AS item
