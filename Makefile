# Vademecum du pilotage numérique — make serve | make test | make build | make check
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ACADEMY ?= national
SITE_DIR ?= site

.PHONY: setup serve build build-all check test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

serve: setup
	VADEMECUM_ACADEMY=$(ACADEMY) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: setup
	$(BIN)/vademecum check

build: setup
	$(BIN)/vademecum build --academy $(ACADEMY) --site-dir $(SITE_DIR)/$(ACADEMY)

build-all: setup
	$(BIN)/vademecum build --all --site-dir $(SITE_DIR)

lint: setup
	$(BIN)/ruff check .

test: setup
	$(BIN)/ruff check .
	$(BIN)/vademecum check
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(SITE_DIR) .pytest_cache
