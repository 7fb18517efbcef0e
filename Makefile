# Rathaus: `make run` serves the portal, `make test` runs every test. Both install what
# they need first (Python venv, KERN UX from npm, Debian's chromium for browser tests).
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
KERN := node_modules/@kern-ux/native/dist/kern.min.css
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test lint bench demo migrate messages install browser xmlsec wrk haproxy clean format typecheck

help:
	@echo "make run       install, migrate, load the three Länder + demo data, serve on :$(PORT)"
	@echo "make test      install and run every test (unit, integration, browser + axe)"
	@echo "make lint      ruff check, ruff format --check, import layers (import-linter), migrations check"
	@echo "make typecheck mypy with django-stubs on rathaus/"
	@echo "make bench     benchmarks: every page type vs a one-file page, HTTP, form validation, submissions/s, inbox, project search, event registrations/s, application pages, login, scale-out (two app servers, one killed)"
	@echo "make demo      (re)create tenants, territory, catalogue, demo users and content (idempotent)"
	@echo "make migrate   apply database migrations"
	@echo "make messages  update and compile the translation catalogues"

$(PY):
	@PYBIN=$$(scripts/find-python) || exit 1; echo "Using $$PYBIN"; $$PYBIN -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,redis]'
	@touch $(STAMP)

$(KERN): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(KERN)

install: $(STAMP) $(KERN) xmlsec

# Debian packages the tools need, installed when missing and we are root:
# $(call debian,<command path>,<package>,<what for>)
define debian
	@if [ ! -x $(1) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's $(2) for $(3)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "$(1) is missing ($(3)): run 'sudo apt-get install $(2)'"; exit 1; \
	  fi; \
	fi
endef

# SAML (BundID) signs and checks messages with Debian's xmlsec1 (pysaml2 calls it).
xmlsec:
	$(call debian,/usr/bin/xmlsec1,xmlsec1,SAML login)

browser:
	$(call debian,/usr/bin/chromium,chromium,the browser tests)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_tenants
	$(MANAGE) load_territory
	$(MANAGE) load_catalog
	$(MANAGE) import_model_projects
	$(MANAGE) load_demo

# The task worker (mail, later receipts and deliveries) runs beside the dev server.
# Links in mails point at the address served (unless RATHAUS_SITE_URL is set already).
run: export RATHAUS_SITE_URL ?= http://$(HOST):$(PORT)
# The development IdPs listen on HOST and name themselves (issuer, metadata) by the address
# browsers and the server reach them at: HOST, or 127.0.0.1 when HOST is 0.0.0.0.
run: export RATHAUS_DEVIDP_HOST ?= $(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST))
# Each Land has its own address (browsers resolve *.localhost to this machine by themselves);
# on any other address the default tenant answers at / and the others under /<slug>/.
run: demo
	@echo ""
	@echo "Rathaus Hessen:             http://hessen.localhost:$(PORT)/"
	@echo "Rathaus Hamburg:            http://hamburg.localhost:$(PORT)/"
	@echo "Rathaus Schleswig-Holstein: http://sh.localhost:$(PORT)/"
	@echo "Without host names:         http://$(HOST):$(PORT)/ (Hessen), http://$(HOST):$(PORT)/hamburg/, http://$(HOST):$(PORT)/schleswig-holstein/"
	@echo ""
	@echo "Development IdPs (demo identities, no real BundID): SAML http://$$RATHAUS_DEVIDP_HOST:8101/metadata, OIDC http://$$RATHAUS_DEVIDP_HOST:8102/"
	@echo ""
	@$(MANAGE) db_worker --no-startup-delay -v 0 & worker=$$!; \
	$(PY) -m devidp.saml_idp --host $(HOST) --public-host "$$RATHAUS_DEVIDP_HOST" --port 8101 --dir var/devidp & saml=$$!; \
	$(PY) -m devidp.oidc_op --host $(HOST) --public-host "$$RATHAUS_DEVIDP_HOST" --port 8102 --dir var/devidp & oidc=$$!; \
	trap 'kill $$worker $$saml $$oidc 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(MANAGE) makemigrations --check --dry-run -v 0

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

typecheck: $(STAMP)
	$(PY) -m mypy rathaus

test: install browser lint typecheck
	$(PY) -m pytest $(PYTEST_ARGS)

# The page benchmark drives its load with Debian's wrk.
wrk:
	$(call debian,/usr/bin/wrk,wrk,the page benchmark)

# The scale-out benchmark puts Debian's HAProxy in front of two app servers.
haproxy:
	$(call debian,/usr/sbin/haproxy,haproxy,the scale-out benchmark)

bench: install wrk haproxy
	$(PY) bench/http_pages.py --postgres
	$(PY) bench/http_pages.py --postgres --growth
	$(PY) bench/http_throughput.py
	$(PY) bench/form_validation.py
	$(PY) bench/submit_throughput.py
	$(PY) bench/inbox.py
	$(PY) bench/inbox_http.py
	$(PY) bench/project_search.py
	$(PY) bench/registration.py
	$(PY) bench/application_pages.py
	$(PY) bench/login.py
	$(PY) bench/designer.py
	$(PY) bench/tenants.py
	$(PY) bench/scale_out.py

messages: $(STAMP)
	cd rathaus && ../$(PY) ../manage.py makemessages -l en --no-obsolete --ignore='*/migrations/*'
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

clean:
	rm -rf $(VENV) node_modules var/static
