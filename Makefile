# Two commands for a newcomer: `make run` (set up and serve the demo site) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= cms.settings.dev

.PHONY: run setup test lint format check messages clean serve

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	mkdir -p var
	$(BIN)/python scripts/compile_messages.py
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

run: setup
	@echo "Site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# axe-core for the accessibility tests, pinned in package-lock.json; without npm those tests skip, saying so.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm is missing: the accessibility tests will skip (apt-get install npm)"; fi

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/python scripts/compile_messages.py
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check themes

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml themes

check: $(VENV)/.installed
	mkdir -p var
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=ci-dummy-secret-key-$$(date +%s)-abcdefghijklmnopqrstuvwxyz0123456789 \
		ALLOWED_HOSTS=example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --locale zh_Hans --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) var node_modules

# Production: migrate, compile catalogues, collect static files, then gunicorn + task worker + periodic jobs.
# Needs SECRET_KEY and ALLOWED_HOSTS (and DATABASE_URL, REDIS_URL) in the environment or .env; see README.
serve: $(VENV)/.installed
	mkdir -p var
	DJANGO_SETTINGS_MODULE=cms.settings.production HOST=$(HOST) PORT=$(PORT) $(BIN)/python scripts/serve.py
