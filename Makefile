# Two entry points: `make run` (install, ingest the bundled corpus when the store is empty,
# serve GraphQL) and `make test` (everything CI checks). The rest are their parts.

HOST ?= 127.0.0.1
PORT ?= 8000
VENV ?= .venv
PY := $(VENV)/bin/python
NODE_LINTER := tools/cypher-lint
CORPUS := data/policies

.PHONY: run serve test install lint-node schema examples bench soak clean

run: install
	$(VENV)/bin/ingest $(CORPUS) --if-empty
	$(MAKE) --no-print-directory serve

serve:
	$(VENV)/bin/uvicorn graphapi.app:create_app --factory --host $(HOST) --port $(PORT) --no-access-log

test: install lint-node
	$(PY) -m ruff check --quiet graphapi ingest bench tests
	$(PY) -m pytest -q

install: $(VENV)/.installed

# find-python.sh explains what to install when there is no Python >= 3.12; stop at its message.
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || { python="$$(tools/find-python.sh)" && "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# Neo4j's own Cypher linter, pinned, installed into a local node_modules.
lint-node: $(NODE_LINTER)/node_modules/.installed

$(NODE_LINTER)/node_modules/.installed: $(NODE_LINTER)/package.json $(NODE_LINTER)/package-lock.json
	cd $(NODE_LINTER) && npm ci --silent --no-audit --no-fund
	@touch $@

schema: install
	$(PY) -m graphapi.schema_export > schema.graphql

# Record the API's answers to examples/*.graphql in examples/answers/ (the README quotes them).
examples: install
	UPDATE_EXAMPLES=1 $(PY) -m pytest -q tests/api/test_examples.py

# BENCH_QUICK=1 for the ≤ 3-minute run (scales 1× and 100×). wrk is Debian's load generator.
bench: install $(VENV)/.bench-installed
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "make bench needs wrk: install the Debian package wrk (apt-get install wrk)" >&2; exit 1; }
	$(PY) -m bench.run

# Ten minutes of mixed load at a fixed rate; server and store RSS growth <= 10 %, no errors.
# Writes bench/results/soak.json. SOAK_ARGS="--minutes 1 --rate 40" for a shorter run.
soak: install
	$(PY) -m bench.soak $(SOAK_ARGS)

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	@touch $@

clean:
	rm -rf $(VENV) $(NODE_LINTER)/node_modules var
