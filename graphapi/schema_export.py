"""Print the GraphQL schema (SDL); `make schema` writes it to schema.graphql."""

from graphapi.api.schema import build_schema


def sdl() -> str:
    return build_schema().as_str() + "\n"


if __name__ == "__main__":
    print(sdl(), end="")
