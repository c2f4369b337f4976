# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Local development: debug pages and development defaults. Production sets DEBUG=0.
export DEBUG ?= 1

.PHONY: run test lint format check fixtures messages catalogs content-catalogs catalogs-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --editable ".[test]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_directory_if_empty
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# What CI checks besides the tests: no model change without a migration, and the
# committed fixture is exactly what its sources build.
check: $(VENV)/.installed
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py build_fixtures --check

fixtures: $(VENV)/.installed
	$(BIN)/python manage.py build_fixtures

# Translations (see TRANSLATING.md). `make messages` re-extracts the interface strings for
# every language in settings.LANGUAGES, without source locations, and compiles them; it
# needs GNU gettext. `make catalogs` only compiles, in pure Python. The .mo files are
# committed, so running the site needs neither.
messages: $(VENV)/.installed
	$(BIN)/python manage.py update_catalogs

catalogs: $(VENV)/.installed
	$(BIN)/python manage.py compile_catalogs

# The shipped data in a throwaway SQLite database, for the content catalogs.
WITH_SHIPPED_DATA = tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	export DATABASE_URL="sqlite:///$$tmp/shipped.sqlite3" && \
	$(BIN)/python manage.py migrate --no-input --verbosity 0 && \
	$(BIN)/python manage.py loaddata partners --verbosity 0 &&

# The committed content catalogs: an export of the shipped data.
content-catalogs: $(VENV)/.installed
	$(WITH_SHIPPED_DATA) $(BIN)/python manage.py export_content_po

# What CI checks of the catalogs: format (as msgfmt --check), one Plural-Forms per language,
# .mo files matching their .po files, no fuzzy or missing interface strings, nothing new to
# extract; the content catalogs equal a fresh export of the shipped data, which is complete.
catalogs-check: $(VENV)/.installed
	$(BIN)/python manage.py check_catalogs
	$(WITH_SHIPPED_DATA) $(BIN)/python manage.py export_content_po --check && \
		$(BIN)/python manage.py translation_status --fail-under 100

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
