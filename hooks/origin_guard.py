"""Nothing loads from another origin; the offline pack brings its own iframe-worker shim.

Active in every build (listed in mkdocs.yml); the reading itself is ``referentiel.origines``:

* **Configuration** (``on_config``) — what ``mkdocs.yml`` would make every page load from
  elsewhere (``extra_javascript``, ``extra_css``, ``extra.polyfills``, ``theme.font``,
  ``theme.logo``/``favicon``, ``extra.analytics``/``consent``/``alternate``) stops the build
  before any page is written, naming the setting.

* **Pages** (``on_post_build``) — every page, stylesheet and SVG of the built site is read
  whole, every build: any address on another origin that the browser, Material or our
  scripts would load stops the build with the list of files and addresses. Plain links
  (``<a href>``, ``<link rel="canonical">``…) are not loads and stay allowed.

* **Offline shim** — Material's offline plugin (``mkdocs-offline.yml``) adds
  ``https://unpkg.com/iframe-worker/shim`` to the page scripts so that search
  works from ``file://``. This hook replaces it with a local copy installed
  from npm with a lockfile (``tools/offline/package-lock.json``, ``npm ci``),
  copied into the built site with its licence. The file is never committed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from referentiel.origines import config_external_loads, site_external_loads

ROOT = Path(__file__).resolve().parent.parent
SHIM_PACKAGE = ROOT / "tools" / "offline" / "node_modules" / "iframe-worker"
SHIM_PATH = "javascripts/iframe-worker/shim.js"


def _offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(-50)  # after the offline plugin has added its polyfill
def on_config(config):
    polyfills = config.extra.get("polyfills") or []
    if any("unpkg.com/iframe-worker" in str(p) for p in polyfills):
        config.extra["polyfills"] = [SHIM_PATH if "iframe-worker" in str(p) else p for p in polyfills]
    problems = config_external_loads(config)
    if problems:
        raise PluginError(
            "La configuration ferait charger des ressources d'un autre site ; le site doit fonctionner sans réseau.\n"
            + "\n".join(f"  {Path(config.config_file_path or 'mkdocs.yml').name}, {problem}" for problem in problems)
        )
    return config


@event_priority(-200)  # last: after the offline plugin's own post-build step
def on_post_build(config):
    site_dir = Path(config.site_dir)
    if SHIM_PATH in (config.extra.get("polyfills") or []) or _offline_enabled(config):
        shim = SHIM_PACKAGE / "shim" / "index.js"
        if not shim.is_file():
            raise PluginError(
                "Le paquet hors ligne a besoin du module npm « iframe-worker » (recherche sans serveur).\n"
                "Installez-le avec son fichier de verrouillage : npm ci --prefix tools/offline\n"
                "(ou lancez simplement : make offline)."
            )
        dest = site_dir / SHIM_PATH
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shim, dest)
        shutil.copyfile(SHIM_PACKAGE / "LICENSE", dest.parent / "LICENSE")
    problems = site_external_loads(site_dir)
    if problems:
        lines = [f"  {page} : {load}" for page, loads in problems.items() for load in loads]
        raise PluginError(
            "Des pages chargent des ressources d'un autre site ; le site doit fonctionner sans réseau.\n"
            "Installez ces fichiers dans le dépôt (ou à la construction) au lieu de les charger :\n"
            + "\n".join(lines)
        )
