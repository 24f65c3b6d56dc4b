# Planspor — two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck unit install clean bench chromium messages

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The browser tests drive Debian's Chromium (Playwright cannot download browsers here). CI is a
# clean machine running as root: install it there when it is missing.
CHROMIUM ?= /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@# WeasyPrint (the plan document) needs Pango; Chromium pulls it in, pangoft2 checked apart.
	@ldconfig -p | grep -q libpangoft2-1.0 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpangoft2-1.0-0; }

run: $(STAMP)  ## Serve API and pages on http://127.0.0.1:$${PORT:-8000} (embedded PostgreSQL unless DATABASE_URL is set)
	$(BIN)/planspor serve --demo --projections

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

test: chromium lint typecheck unit  ## The whole suite: ruff, import contracts, mypy --strict, pytest on real PostgreSQL

bench: $(STAMP)  ## Generate (once) municipality- and national-size histories; measure; write bench/results/
	$(BIN)/python -m bench.measure

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

.PHONY: fuzz
fuzz: $(STAMP)  ## A long schemathesis run (FUZZ_EXAMPLES, FUZZ_SEED); findings in var/fuzz/findings.jsonl
	mkdir -p var/fuzz
	PLANSPOR_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-5000} PLANSPOR_FUZZ_SEED=$${FUZZ_SEED:-$$(date +%s)} \
	PLANSPOR_FUZZ_FINDINGS=var/fuzz/findings.jsonl \
	$(BIN)/pytest -q -s tests/fuzz/test_schemathesis.py

messages: $(STAMP)  ## Extract the pages' texts into the bokmål and nynorsk catalogues (api/locale)
	$(BIN)/planspor messages
