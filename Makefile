# Two commands on a fresh machine: `make run` serves the explorer on the bundled data,
# `make test` runs the checks. Both create the virtual environment when it is missing.
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: run test test-later lint format bench bench-queries bench-explorer bench-import bench-relevance \
	bench-rounds bench-load bench-outage clean oidc-provider

$(BIN)/verbindplaats: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/verbindplaats
	$(BIN)/verbindplaats db upgrade
	$(BIN)/verbindplaats serve

# The Neo4j and browser tests share servers and ports, so they run one at a time; the
# rest shares none and runs beside them in a second process, its report after theirs
# (kept meanwhile in a file of this run's own). With LATER=yes (CI) that second process
# then runs them again under a clock three years ahead (test-later's run, one process),
# while the first is still busy.
NEITHER := -m "not neo4j and not browser" -p no:cacheprovider
LATER_PYTEST := faketime '+3 years' $(BIN)/pytest $(NEITHER) -q
test: lint
	@log=$$(mktemp); \
	{ $(BIN)/pytest $(NEITHER) && { test "$(LATER)" != yes || $(LATER_PYTEST); }; } \
		>$$log 2>&1 & beside=$$!; \
	$(BIN)/pytest -m "neo4j or browser"; servers=$$?; \
	wait $$beside; beside=$$?; \
	echo "--- beside them: the tests of neither Neo4j nor a browser ---"; cat $$log; rm -f $$log; \
	test $$servers -eq 0 -a $$beside -eq 0

# The tests that need neither Neo4j nor a browser, under a clock three years ahead
# (Debian's faketime): none may depend on the real date. They share no server, so they
# run on every core (pytest-xdist).
test-later: $(BIN)/verbindplaats
	$(LATER_PYTEST) -n auto

lint: $(BIN)/verbindplaats
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: $(BIN)/verbindplaats
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(BIN)/verbindplaats
	$(BIN)/python -m benchmarks.load_neo4j

bench-queries: $(BIN)/verbindplaats
	$(BIN)/python -m benchmarks.queries

bench-explorer: $(BIN)/verbindplaats
	$(BIN)/python -m benchmarks.explorer --neo4j

bench-relevance: $(BIN)/verbindplaats
	$(BIN)/python -m benchmarks.relevance

bench-rounds: $(BIN)/verbindplaats
	$(BIN)/python -m benchmarks.rounds

bench-import: $(BIN)/verbindplaats
	$(BIN)/python -m benchmarks.import_duo

bench-load: $(BIN)/verbindplaats
	$(BIN)/python -m benchmarks.load_test --users 20 --seconds 180
	$(BIN)/python -m benchmarks.load_test --users 20 --seconds 180 --store neo4j

bench-outage: $(BIN)/verbindplaats
	$(BIN)/python -m benchmarks.neo4j_outage

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# The accounts' tests sign in through a real OpenID Connect provider (npm oidc-provider),
# installed here from the npm registry at the version its lock file names.
OIDC_PROVIDER := tests/accounts/oidc_provider
oidc-provider: $(OIDC_PROVIDER)/node_modules/.package-lock.json

$(OIDC_PROVIDER)/node_modules/.package-lock.json: $(OIDC_PROVIDER)/package-lock.json
	cd $(OIDC_PROVIDER) && npm ci --no-audit --no-fund --loglevel=error
