// Delete every node and relationship; indexes stay.
MATCH (n)
DETACH DELETE n
