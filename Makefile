# Every target bootstraps .venv/ on first use (python3 >= 3.11 and make are all a fresh machine needs).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: generate check test lint typecheck pytest bench fuzz clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## generate: regenerate what changed in generated/ from specs/ and templates/
generate: $(STAMP)
	$(BIN)/ionqkit generate $(if $(ALLOW_BREAKING),--allow-breaking,)

## check: exit 1 and list stale files if generated/ does not match its inputs
check: $(STAMP)
	$(BIN)/ionqkit generate --check

## test: lint, type-check and run the whole test suite
test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src codegen validators generated tests bench tools
	$(BIN)/ruff format --check src codegen validators tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy src/ionqkit tests tools bench

pytest: $(STAMP)
	$(BIN)/pytest -n auto -q $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
