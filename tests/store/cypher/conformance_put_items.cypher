// Create or update test items from a list of maps.
// @param items: [{"id": "item-1", "name": "购房津贴", "tags": ["甲", "乙"], "note": null}]
UNWIND $items AS item
MERGE (n:ConformanceItem {id: item.id})
SET n.name = item.name, n.tags = item.tags, n.note = item.note
