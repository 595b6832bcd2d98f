"""GraphQL API over the talent-policy graph: store adapters, domain reasoning, schema, app."""
