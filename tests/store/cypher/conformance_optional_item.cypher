// A test item's name, or a null row when there is no such item.
// @param id: "missing"
OPTIONAL MATCH (n:ConformanceItem {id: $id})
RETURN n.name AS name, null AS nothing
