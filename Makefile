# Vademecum du pilotage numérique — make serve | make test | make build | make check
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ACADEMY ?= national
# mkdocs (Material for MkDocs) or zensical (the export, built by Zensical)
GENERATOR ?= mkdocs
SITE_DIR ?= site

.PHONY: setup lock audit browser-deps axe js-lint serve admin build build-all check schema test quick lint clean bench

# requirements.lock pins every version CI installs (`make lock` refreshes it from pyproject).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,zensical]'
	touch $(STAMP)

lock: setup
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

# Known vulnerabilities in the locked dependencies.
audit: setup
	$(BIN)/pip-audit --progress-spinner off -r requirements.lock

setup: $(STAMP)

# Debian's Chromium (browser tests) and poppler-utils (pdftotext); installed when missing.
# VADEMECUM_CHROMIUM names another Chromium-based browser (e.g. google-chrome on a forge).
browser-deps:
	@if ! command -v $${VADEMECUM_CHROMIUM:-chromium} >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else \
	    echo "Installez chromium et poppler-utils : sudo apt-get install chromium poppler-utils"; \
	    [ "$$CI" != true ] || exit 1; \
	  fi; \
	fi

# axe-core (accessibility tests) and ESLint (npm), pinned by package-lock.json.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

axe: $(AXE)

# The project's own browser script (rules in eslint.config.js).
js-lint: $(AXE)
	node_modules/.bin/eslint --max-warnings 0 overrides/assets/javascripts/ vademecum/editors/admin/

serve: setup
	VADEMECUM_ACADEMY=$(ACADEMY) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The form editor of one académie on this computer: builds the site with its /admin/ page (the
# forge named by CMS_REPO, read from `git remote`; CMS_BACKEND=gitlab for a GitLab forge) and
# serves it on http://127.0.0.1:8000/admin/, where Chromium offers « Travailler avec un dépôt
# local » (the files of this checkout, no sign-in). The VADEMECUM_CMS_* variables are the ones
# the publishing workflows set; VADEMECUM_CMS=oui only switches them on in those workflows.
CMS_REPO ?= $(shell git remote get-url origin 2>/dev/null | sed -E 's#\.git$$##; s#^.*[:/]([^/:]+/[^/:]+)$$#\1#')
CMS_BACKEND ?= github
ADMIN_PORT ?= 8000
admin: setup axe
	VADEMECUM_CMS_REPO=$(or $(CMS_REPO),drane/vademecum) VADEMECUM_CMS_BACKEND=$(CMS_BACKEND) \
	  $(BIN)/vademecum build --academy $(ACADEMY) --site-dir $(SITE_DIR)/$(ACADEMY)
	@echo "Éditeur en ligne de « $(ACADEMY) » : http://127.0.0.1:$(ADMIN_PORT)/admin/ (Chromium, Chrome ou Edge ; Ctrl+C pour arrêter)"
	$(BIN)/python -m http.server $(ADMIN_PORT) --bind 127.0.0.1 --directory $(SITE_DIR)/$(ACADEMY)

check: setup
	$(BIN)/vademecum check

# JSON Schemas of the data files (schema/), regenerated from vademecum/model.py.
schema: setup
	$(BIN)/vademecum schema
	$(BIN)/vademecum cms

build: setup
	$(BIN)/vademecum build --generator $(GENERATOR) --academy $(ACADEMY) --site-dir $(SITE_DIR)/$(ACADEMY)

build-all: setup
	$(BIN)/vademecum build --generator $(GENERATOR) --all --site-dir $(SITE_DIR)

lint: setup js-lint
	$(BIN)/ruff check .

# The fast loop while changing the engine: lint, types and the unit tier (no build, no browser).
quick: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m unit -n 2

test: setup browser-deps axe
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(MAKE) --no-print-directory js-lint
	$(BIN)/zizmor --offline --min-severity medium --no-progress .
	$(BIN)/vademecum check
	$(BIN)/python -m pytest -q -n 2
	$(MAKE) --no-print-directory audit

# Build times, scaling, serve rebuilds, browser measures: bench/results.json (about 15 min).
bench: setup browser-deps
	$(BIN)/python bench/run.py

clean:
	rm -rf $(SITE_DIR) .pytest_cache
