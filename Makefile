# Every target bootstraps .venv/ on first use (python3 >= 3.11 and make are all a fresh machine needs).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: generate check test lint typecheck pytest bench fuzz clean prism

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,codegen]'
	@touch $(STAMP)

## generate: regenerate what changed in generated/ from specs/ and templates/
generate: $(STAMP)
	$(BIN)/ionqkit generate $(if $(ALLOW_BREAKING),--allow-breaking,)

## check: exit 1 and list stale files if generated/ does not match its inputs
check: $(STAMP)
	$(BIN)/ionqkit generate --check

## prism: install Stoplight Prism (the contract tests' mock server) into .tools/ with npm
# 5.14.2 is the newest release that supports node 20 (5.15+ require node >= 24).
PRISM_VERSION := 5.14.2
PRISM_STAMP   := .tools/.prism-$(PRISM_VERSION)

$(PRISM_STAMP):
	npm install --prefix .tools --no-audit --no-fund --loglevel=error @stoplight/prism-cli@$(PRISM_VERSION)
	@touch $(PRISM_STAMP)

prism: $(PRISM_STAMP)

## test: lint, type-check and run the whole test suite
test: prism lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src codegen validators generated tests bench tools fuzz
	$(BIN)/ruff format --check src codegen validators tests bench tools fuzz

typecheck: $(STAMP)
	$(BIN)/mypy src/ionqkit tests tools bench fuzz

pytest: $(STAMP) $(PRISM_STAMP)
	$(BIN)/pytest -n auto -q --durations=15 $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,codegen,bench]'
	$(BIN)/python bench $(BENCH_ARGS)

## fuzz: 100,000 fuzzed inputs over lint, migrate, diff and generate (atheris; not in CI)
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,codegen,fuzz]'
	$(BIN)/python fuzz $(FUZZ_ARGS)

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache .tools
