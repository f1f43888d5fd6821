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
SHIM := tools/offline/node_modules/iframe-worker/shim/index.js

# mkdocs or properdocs (the maintained drop-in fork of MkDocs 1.6), for build, serve, print and
# offline: `make serve ENGINE=properdocs`. Exported: the check reads it from the environment.
ENGINE ?= mkdocs
export ENGINE
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse

.PHONY: help setup engine check schema build serve test test-unit test-build test-browser browser tools print offline publication bench bench-quick lighthouse clean new diff verifier version

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
	@$(PY) -m referentiel check $(if $(DATA),--data $(DATA)) || { \
	  echo "Échec : les données contiennent des erreurs (liste ci-dessus). Corrigez-les, puis relancez « make check »." >&2; exit 1; }

schema: $(STAMP) ## Régénère les schémas JSON (schema/) depuis le modèle
	@$(PY) -m referentiel schema || { echo "Échec : les schémas n'ont pas pu être écrits." >&2; exit 1; }

# The one check of ENGINE, before every target that runs it.
engine:
	@case "$$ENGINE" in mkdocs|properdocs) ;; *) \
	  echo "Erreur : ENGINE vaut mkdocs ou properdocs, pas « $$ENGINE » (exemple : make build ENGINE=properdocs)." >&2; exit 1;; esac

# Built into a temporary folder: site/ is replaced only when the build succeeded,
# so a failed build never leaves a publishable site/.
build: engine check ## Construit le site dans site/ (mode strict ; ENGINE=properdocs possible)
	@rm -rf .site-tmp
	@$(PY) -m $(ENGINE) build --strict --config-file mkdocs.yml --site-dir .site-tmp || { rm -rf .site-tmp; \
	  echo "Échec de la construction (messages ci-dessus) : site/ n'a pas été modifié." >&2; exit 1; }
	@rm -rf site && mv .site-tmp site && echo "Site construit dans site/."

serve: engine check ## Sert le site sur http://127.0.0.1:8000 (ENGINE=properdocs possible)
	@$(PY) -m $(ENGINE) serve --strict --config-file mkdocs.yml -a 127.0.0.1:8000 || { \
	  echo "Le serveur s'est arrêté sur une erreur (messages ci-dessus)." >&2; exit 1; }

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

# Debian tools the tests read PDFs and QR codes with (pdfinfo, pdftotext, zbarimg).
tools: ## Vérifie (ou installe, si root) poppler-utils et zbar-tools
	@missing=""; command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installation de$$missing (paquets Debian)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Erreur : il manque$$missing. Installez : sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

$(SHIM): tools/offline/package.json tools/offline/package-lock.json
	@if ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installation de npm (paquet Debian)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else \
	    echo "Erreur : npm est nécessaire pour le paquet hors ligne. Installez-le : sudo apt-get install npm" >&2; exit 1; \
	  fi; \
	fi
	npm ci --prefix tools/offline --no-audit --no-fund --loglevel=error
	@touch $@

print: engine build browser ## Produit les PDF du kit d'impression dans dist/pdf/ (ENGINE=properdocs possible)
	rm -rf dist/pdf
	CHROMIUM=$(CHROMIUM) $(PY) tools/print_kit.py --site site --out dist/pdf

offline: engine print $(SHIM) ## Produit le paquet hors ligne dist/<nom>-<version>.zip (site + PDF)
	$(PY) -m $(ENGINE) build --strict --config-file mkdocs-offline.yml
	$(PY) tools/offline_pack.py --site site-offline --pdf dist/pdf --dist dist

# What the publication workflow deploys: the site, then the PDFs and the pack made from it, then the site
# again, which offers them for download (site/telechargements/, their sizes on the Animer page).
publication: engine offline ## Construit le site à publier avec ses téléchargements (PDF, paquet hors ligne)
	@$(MAKE) --no-print-directory build

test: $(STAMP) browser tools $(SHIM) ## Lance toute la suite de tests (unitaires, build, navigateur)
	@CHROMIUM=$(CHROMIUM) $(PY) -m pytest || { echo "Échec : des tests ne passent pas (détail ci-dessus)." >&2; exit 1; }

test-unit: $(STAMP) ## Tests unitaires seulement
	$(PY) -m pytest -m "not build and not browser"

KIND ?= attente
# TITRE, TEXTE, SOURCE, DATE, LIEU, ORGANISATION, EVENEMENT reach the command through the environment
# (make exports what is given on its command line): quotes and apostrophes in them stay as typed.
new: $(STAMP) ## Ajoute un énoncé : make new KIND=attente DE=agent VERS=etat TITRE="…" SOURCE=… (demande le reste)
	@$(PY) -m referentiel new "$(KIND)" $(if $(DE),--de "$(DE)") $(if $(VERS),--vers "$(VERS)") \
	  $${TITRE+--titre "$$TITRE"} $${TEXTE+--texte "$$TEXTE"} $${SOURCE+--source "$$SOURCE"} \
	  $${DATE+--date "$$DATE"} $${LIEU+--lieu "$$LIEU"} $${ORGANISATION+--organisation "$$ORGANISATION"} \
	  $${EVENEMENT+--evenement "$$EVENEMENT"} || { echo "Échec : aucun énoncé n'a été créé." >&2; exit 1; }

BASE ?= main
diff: $(STAMP) ## Ce qu'un changement fait au référentiel, en français : make diff BASE=main
	@$(PY) -m referentiel diff --base "$(BASE)" || { echo "Échec : résumé impossible (voir ci-dessus)." >&2; exit 1; }

# What a content pull request's check runs (.github/workflows/verification.yml), without root or browser.
verifier: $(STAMP) ## Vérifie une proposition comme la vérification GitHub (données, schémas, identifiants, construction, liens, résumé)
	@$(PY) tools/verifier.py $(if $(filter command line environment,$(origin BASE)),--base "$(BASE)")

version: $(STAMP) ## Publie une version : make version NUMERO=2027.1 DATE=2027-03-20 RESUME="…" [BASE=v2022.1]
	@test -n "$(NUMERO)" -a -n "$(DATE)" -a -n "$(RESUME)" || { \
	  echo "Indiquez le numéro, la date et le résumé : make version NUMERO=2027.1 DATE=2027-03-20 RESUME=\"…\"" >&2; exit 1; }
	@$(PY) -m referentiel version "$(NUMERO)" --date "$(DATE)" --resume "$(RESUME)" $(if $(filter command line,$(origin BASE)),--base $(BASE)) || { \
	  echo "Échec : aucune version n'a été publiée." >&2; exit 1; }

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

clean: ## Supprime site/, site-offline/, dist/, .cache/, .verification/ et .venv/
	rm -rf site .site-tmp site-offline dist .cache .verification tools/offline/node_modules $(VENV)
