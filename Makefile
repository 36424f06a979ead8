# Two commands matter: `make run` (set up everything, serve the site) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
INSTALLED := $(VENV)/.installed

.PHONY: run test setup db content lint check translations clean bench translations-update browser-tools

run: setup db content
	@$(BIN)/mooc demo setup
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	@$(BIN)/mooc run --host $(HOST) --port $(PORT)

test: setup browser-tools
	$(BIN)/ruff check .
	$(BIN)/mooc content check
	$(BIN)/pytest

setup: $(INSTALLED) translations

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# axe-core for the accessibility checks in the browser tests (skipped, with a reason, without npm).
browser-tools: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: browser accessibility tests will be skipped"; fi

translations: $(INSTALLED)
	@$(BIN)/pybabel -q compile --use-fuzzy -d mooc/translations

db: setup
	@$(BIN)/mooc db upgrade

content: db
	@$(BIN)/mooc content import

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check mooc tests

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache

bench: setup
	$(BIN)/python benchmarks/sqlite_writes.py
	$(BIN)/python benchmarks/lesson_page.py

# After changing interface text: refresh the catalogue, translate the new
# entries in mooc/translations/en/LC_MESSAGES/messages.po, then `make test`.
translations-update: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ --no-location --sort-output -o mooc/translations/messages.pot .
	$(BIN)/pybabel update -i mooc/translations/messages.pot -d mooc/translations -l en --no-fuzzy-matching
