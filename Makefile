# Les 4 Fantastiques — référentiel en ligne.
# `make serve` and `make test` do all the set-up themselves (see README.md).

SHELL := /bin/bash
.DEFAULT_GOAL := help

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
# mkdocs or properdocs (the maintained drop-in fork of MkDocs 1.6): `make build ENGINE=properdocs`
ENGINE ?= mkdocs
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse

.PHONY: help setup check schema build serve test test-unit test-build test-browser browser bench bench-quick lighthouse clean

help: ## Liste les commandes
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "Erreur : Python 3.11 ou plus récent est nécessaire (commande « $(PYTHON) »)." >&2; \
	  echo "Sur Debian/Ubuntu : sudo apt-get install python3 python3-venv" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "Erreur : impossible de créer $(VENV). Sur Debian/Ubuntu : sudo apt-get install python3-venv" >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

setup: $(STAMP) ## Crée .venv et installe les dépendances

check: $(STAMP) ## Valide les données (data/)
	$(PY) -m referentiel check

schema: $(STAMP) ## Régénère les schémas JSON (schema/) depuis le modèle
	$(PY) -m referentiel schema

build: check ## Construit le site dans site/ (mode strict ; ENGINE=properdocs possible)
	@case "$(ENGINE)" in mkdocs|properdocs) ;; *) echo "Erreur : ENGINE vaut mkdocs ou properdocs, pas « $(ENGINE) »." >&2; exit 1;; esac
	$(PY) -m $(ENGINE) build --strict --config-file mkdocs.yml

serve: check ## Sert le site sur http://127.0.0.1:8000
	$(PY) -m mkdocs serve --strict -a 127.0.0.1:8000

browser: ## Vérifie (ou installe, si root) Chromium pour les tests navigateur
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installation de Chromium (paquet Debian « chromium »)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Erreur : Chromium est nécessaire pour les tests navigateur." >&2; \
	    echo "Installez-le : sudo apt-get install chromium   (ou CHROMIUM=/chemin/vers/chromium make test)" >&2; \
	    exit 1; \
	  fi; \
	fi

test: $(STAMP) browser ## Lance toute la suite de tests (unitaires, build, navigateur)
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest

test-unit: $(STAMP) ## Tests unitaires seulement
	$(PY) -m pytest -m "not build and not browser"

bench: $(STAMP) browser ## Banc d'essai 1×, 10×, 100× contre Material seul, budgets (quelques minutes)
	CHROMIUM=$(CHROMIUM) $(PY) -m bench

bench-quick: $(STAMP) browser ## Banc d'essai à 1× seulement
	CHROMIUM=$(CHROMIUM) $(PY) -m bench --rapide

$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	@command -v npm >/dev/null || { echo "Erreur : npm est nécessaire (sudo apt-get install npm)." >&2; exit 1; }
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: $(STAMP) browser $(LIGHTHOUSE) ## Lighthouse (mobile) sur l'accueil et la matrice (hors make test)
	CHROMIUM=$(CHROMIUM) $(PY) -m bench.lighthouse

clean: ## Supprime site/ et .venv/
	rm -rf site $(VENV)
