// Create items then fail on a division by zero in a later row: nothing may be left behind.
// @param items: [{"id": "item-ok", "divisor": 1}, {"id": "item-bad", "divisor": 0}]
UNWIND $items AS item
CREATE (n:ConformanceItem {id: item.id, ratio: 10 / item.divisor})
