"""GraphQL types and thin resolvers."""
