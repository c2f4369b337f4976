# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Local development: debug pages and development defaults. Production sets DEBUG=0.
export DEBUG ?= 1

.PHONY: run serve bench load test lint format check lock fixtures messages catalogs content-catalogs catalogs-check clean backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exactly the versions in the lock files, each checked against its hash. The project runs
# from this folder and is not installed itself.
$(VENV)/.installed: requirements/main.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/main.txt
	touch $@

$(VENV)/.installed-test: requirements/test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/test.txt
	touch $@

# The lock files, from the dependencies in pyproject.toml: run after changing them (versions
# already locked are kept where they still fit), or `make lock UPGRADE=1` to move everything
# to the newest releases that fit. One resolution for every platform and Python >= 3.11; the
# test lock constrains the main one, so both install the same versions.
UV_VERSION := 0.13.8
LOCK = $(BIN)/uv pip compile pyproject.toml --quiet --universal --generate-hashes \
	--python-version 3.11 $(if $(UPGRADE),--upgrade)
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(LOCK) --extra test --output-file requirements/test.txt
	$(LOCK) --constraint requirements/test.txt --output-file requirements/main.txt

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_directory_if_empty
	$(BIN)/python manage.py runserver 127.0.0.1:$${PORT:-8000}

# The site as in production, on this machine: DEBUG off, granian (chosen by measurement,
# see bench/README.md), hashed and compressed static files. Plain HTTP on loopback, so no
# redirect to HTTPS; set SECRET_KEY, ALLOWED_HOSTS, SITE_URL and CONTACT_EMAIL for a real
# deployment.
SERVE_ENV = DEBUG=0 SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$${PORT:-8000}} \
	CONTACT_EMAIL=$${CONTACT_EMAIL:-corrections@localhost} \
	SECRET_KEY=$${SECRET_KEY:-$$(cat .secret_key)}
serve: $(VENV)/.installed .secret_key
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --no-input
	$(SERVE_ENV) $(BIN)/python manage.py load_directory_if_empty
	$(SERVE_ENV) $(BIN)/granian --interface wsgi --workers $${WEB_WORKERS:-2} --blocking-threads 1 \
		--host $${HOST:-127.0.0.1} --port $${PORT:-8000} partners_site.wsgi:application

# The signing key `make serve` uses when SECRET_KEY is not set: random, readable by its
# owner only (whoever reads it can forge sessions).
.secret_key:
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@.new
	mv $@.new $@

# The benchmark (bench/README.md): needs wrk (apt-get install wrk) and, for its PostgreSQL
# rows, the PostgreSQL server at BENCH_POSTGRES_URL. 9, 10,000 and 100,000 partners on
# SQLite and PostgreSQL: each target met or missed, then every figure (bench/results.md).
bench: $(VENV)/.installed
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# 64 connections for 30 s on a mix of public pages, most searches and filters new to the
# page cache, at the same sizes on each database: errors, p99 and memory (bench/load.md).
load: $(VENV)/.installed
	$(BIN)/python -m bench.run --load --seconds 30 $(BENCH_ARGS)

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

# What CI checks of the catalogs (needs GNU gettext): format (msgfmt --check), one
# Plural-Forms per language, .mo files matching their .po files, no fuzzy or missing
# interface strings, re-extraction (makemessages) changing nothing; the content catalogs
# equal a fresh export of the shipped data, which is complete.
catalogs-check: $(VENV)/.installed
	$(BIN)/python manage.py check_catalogs
	$(WITH_SHIPPED_DATA) $(BIN)/python manage.py export_content_po --check && \
		$(BIN)/python manage.py translation_status --fail-under 100

# The whole database (partners in every language, history, users) to a file and back, for
# SQLite and PostgreSQL alike: `make backup` (into backups/, or FILE=...), and
# `make restore FILE=backups/partners-....sqlite3`, which replaces everything in the database.
backup: $(VENV)/.installed
	$(BIN)/python manage.py backup $(FILE)

restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "Say which backup to restore: make restore FILE=backups/..."; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
