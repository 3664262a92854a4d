# Lectern: `make run` serves the app, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := app.py

.PHONY: run test test-postgres lint bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Lectern needs Python 3.11 or newer (found %s); set PYTHON=python3.x" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/flask db upgrade
	$(BIN)/flask banks load quizzes/
	@$(BIN)/flask teachers hint
	@echo "Lectern is running on http://127.0.0.1:$(PORT)  (Ctrl+C stops it)"
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py app:app

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The web tests again on PostgreSQL (see .ci/run for setting up the server and database).
LECTERN_TEST_DATABASE_URL ?= postgresql+psycopg://lectern:lectern@127.0.0.1/lectern_test
test-postgres: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[postgres]'
	LECTERN_TEST_DATABASE_URL=$(LECTERN_TEST_DATABASE_URL) $(BIN)/python -m pytest tests/web $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check lectern tests bench

clean:
	rm -rf $(VENV) .pytest_cache
