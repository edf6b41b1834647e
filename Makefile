# Waypoint: the two commands a fresh machine needs are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ASSETS := waypoint/static/vendor/govuk-frontend
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-fast test-postgres assets chromium seed lock clean help

help:
	@echo "make run   install, migrate a SQLite database, load demo data, serve http://127.0.0.1:8000"
	@echo "make test  install what the tests need (chromium included) and run the whole suite"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-base: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements/test.txt $(VENV)/.installed-base
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@

# GOV.UK Frontend assets come from the npm registry at the version govuk-frontend-jinja matches (package.json).
$(ASSETS)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(ASSETS) && mkdir -p $(ASSETS)
	cp -r node_modules/govuk-frontend/dist/govuk/assets $(ASSETS)/assets
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(ASSETS)/
	@# The GDS Transport font is for GOV.UK's own services only; Waypoint is not one, so its @font-face rules go
	@# (the stack falls back to Arial, as the Design System advises) and no page asks for the font files.
	$(PYTHON) -c "import re,sys; p=sys.argv[1]; s=open(p).read(); open(p,'w').write(re.sub(r'@font-face\{[^}]*\}', '', s))" $(ASSETS)/govuk-frontend.min.css
	touch $@

assets: $(ASSETS)/.installed

# Browser tests drive Debian's chromium (Playwright's own browser download is not used).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

run: $(VENV)/.installed-base assets
	$(BIN)/waypoint migrate --noinput
	$(BIN)/waypoint seed_demo --if-empty
	$(BIN)/waypoint demo_sign_ins
	$(BIN)/waypoint runserver 127.0.0.1:8000

test: $(VENV)/.installed-test assets chromium
	$(BIN)/pytest

# The suite without the browser tests (what .ci/run repeats on PostgreSQL).
test-fast: $(VENV)/.installed-test assets
	$(BIN)/pytest -m "not e2e"

lock:
	@echo "Edit requirements/*.txt by hand or regenerate them from a clean venv with 'pip freeze'."

clean:
	rm -rf $(VENV) node_modules $(ASSETS) db.sqlite3 staticfiles
