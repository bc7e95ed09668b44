# PartnerCenter developer commands. GNU make.
#
#   make run     embedded mode: SQLite + filesystem broker, web + Celery worker + beat, demo data
#   make test    the whole suite against PostgreSQL and Redis (installs/starts them when run as root)
#   make lint    ruff
#   make messages / make bench / make clean
#
# DATABASE_URL / REDIS_URL from the environment are passed through untouched.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 >/dev/null 2>&1 && echo python3.11 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Reinstall only when the dependency list changes.
STAMP := $(VENV)/.installed

# The test suite's services; an exported DATABASE_URL / REDIS_URL wins.
TEST_DATABASE_URL := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/partnercenter)
TEST_REDIS_URL := $(or $(REDIS_URL),redis://127.0.0.1:6379/15)
TEST_ENV := DJANGO_SETTINGS_MODULE=partnercenter.settings.test DATABASE_URL=$(TEST_DATABASE_URL) \
            REDIS_URL=$(TEST_REDIS_URL)
PYTEST_ARGS ?=

.PHONY: help install system-deps run test lint messages bench loadtest audit clean

help:
	@echo "make run       start the site with demo data on http://127.0.0.1:8000/ (Ctrl-C stops it)"
	@echo "make test      run the whole test suite (PostgreSQL + Redis, browser and worker tests)"
	@echo "make lint      ruff check ."
	@echo "make messages  update and compile translations"
	@echo "make bench     small timing benchmarks"
	@echo "make loadtest  p50/p95/p99 of the main pages under 8 clients (gunicorn, production settings)"
	@echo "make audit     bandit + sqlmap + wapiti against a local server"
	@echo "make clean     remove var/ and the install stamp"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(STAMP)

run: $(STAMP)
	scripts/run.sh

# Debian packages first: they include python3-venv when the venv has to come from Debian's python3.
system-deps:
	scripts/ensure-system-deps.sh

# Both checks always run; pytest's status wins, a migration drift still fails the target. makemigrations only
# reads the models: its RuntimeWarning about the (unused, never created) non-test database is noise.
test: system-deps $(STAMP)
	@rc=0; \
	echo "+ pytest --create-db $(PYTEST_ARGS)"; \
	$(TEST_ENV) $(BIN)/pytest --create-db $(PYTEST_ARGS) || rc=$$?; \
	echo "+ manage.py makemigrations --check --dry-run"; \
	$(TEST_ENV) $(PY) -W ignore::RuntimeWarning manage.py makemigrations --check --dry-run \
		|| { [ $$rc -ne 0 ] || rc=1; }; \
	exit $$rc

lint: $(STAMP)
	$(BIN)/ruff check .

messages: $(STAMP)
	mkdir -p locale
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=screenshots --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

bench: $(STAMP)
	scripts/bench.sh

# Load check against gunicorn + production settings on loopback (needs PostgreSQL and Redis running).
loadtest: system-deps $(STAMP)
	scripts/loadtest.sh

# Security check: bandit on the code; sqlmap and wapiti against a local server on loopback, bounded in time.
audit: system-deps $(STAMP)
	scripts/audit.sh

clean:
	rm -rf var/ $(STAMP)
