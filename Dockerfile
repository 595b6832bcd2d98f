# The API image: ingests the bundled corpus when the graph is empty, then serves GraphQL.
# Built and started by docker-compose.yml, which points it at Neo4j (GRAPH_URI=bolt://neo4j:7687).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphapi ./graphapi
COPY ingest ./ingest
COPY cypher ./cypher
COPY data ./data
# Editable: the query files (cypher/) and the corpus (data/) are read from /app, beside the code.
RUN pip install -e . \
    && useradd --system --create-home --home-dir /home/app app \
    && mkdir -p /app/var \
    && chown app /app/var
USER app

EXPOSE 8000
CMD ["sh", "-c", "ingest data/policies --if-empty && exec uvicorn graphapi.app:create_app --factory --host 0.0.0.0 --port 8000"]
