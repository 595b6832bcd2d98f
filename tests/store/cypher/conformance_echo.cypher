// Return the parameter as received, to check that values survive the trip both ways.
// @param value: {"名称": "购房津贴", "amounts": [1, 2.5, null], "nested": {"list": [{"k": "v"}]}}
RETURN $value AS value
