# Two commands set up a fresh machine:  make run  and  make test.
# Prerequisites (Debian packages): python3-venv, nginx-light (make run/serve put nginx in front of
# gunicorn), chromium (image exports, browser tests), postgresql and redis-server for the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test migrate demo serve lint audit bench lock clean lighthouse plotly-bundle

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Exact versions from the lockfiles (hashes checked), then the project itself without its
# dependencies; reinstall when a lockfile changes. `make lock` refreshes them (docs/contributing.md).
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test node_modules/.installed

migrate: install
	$(BIN)/dashboard migrate

demo: migrate
	$(BIN)/dashboard demo --if-empty

# make run only: a random secret key for this machine (git-ignored) when there is none yet.
# `make serve` (production) never makes one up: gunicorn refuses to start without SECRET_KEY.
data/secret_key: | $(BIN)/python
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48))" > $@.tmp
	mv $@.tmp $@

# nginx (Debian: apt-get install nginx-light) on HOST:PORT buffers every request and response, in
# front of gunicorn on a local port (dashboard/serving.py, deploy/nginx.conf).
serve: install
	$(BIN)/dashboard serve

## make run: create .venv, install, migrate, load the demo data if the database is empty, make
## a secret key if there is none, serve on http://127.0.0.1:8050
run: demo data/secret_key serve

## make test: install the test extras and run the whole suite
test: install-test
	$(BIN)/ruff check .
	$(BIN)/pytest

## make audit: known vulnerabilities in the installed dependencies (pip-audit against PyPI's
## advisory data; needs the network). --strict: a dependency it could not check fails the audit
## too, so an unreachable feed is an error, never a silent pass. Our own package is editable.
audit: install-test
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check dashboard components pages app.py

## make bench: benchmarks that print numbers (never timed assertions in tests)
bench: install-test
	$(BIN)/python -m bench
	$(BIN)/python -m bench.export
	$(BIN)/python -m bench.import_memory

## make lock: resolve pyproject.toml's ranges anew into the lockfiles (needs the network)
lock: | $(BIN)/python
	$(BIN)/pip install --quiet "uv>=0.5"
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --quiet -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes --quiet -o requirements-test.lock

clean:
	rm -rf $(VENV) node_modules

## make lighthouse: Lighthouse 12.2.3 (npm registry, via npx; system Chromium, CHROME_PATH) on
## the four views, desktop and mobile: performance, CLS, accessibility (bench/lighthouse.py)
lighthouse: install
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python -m bench.lighthouse

## make plotly-bundle: assets/plotly-basic.min.js again from the npm package package.json pins
## (the plotly.js version plotly.py writes figures for; tests/test_assets.py checks both)
plotly-bundle: node_modules/.installed
	cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js assets/plotly-basic.min.js
