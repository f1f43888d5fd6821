"""Nothing loads from another origin; the offline pack brings its own iframe-worker shim.

Active in every build (listed in mkdocs.yml):

* **Guard** — after the build, every HTML page and stylesheet of the site is
  read; a script, stylesheet, icon, image, frame, font, media or SVG reference
  that points at another origin (``http://``, ``https://`` or ``//``) stops the
  build with the list of pages and addresses. Plain links (``<a href>``,
  ``<link rel="canonical">``…) are not loads and stay allowed: a reader may
  follow them, the browser never fetches them by itself.

* **Offline shim** — Material's offline plugin (``mkdocs-offline.yml``) adds
  ``https://unpkg.com/iframe-worker/shim`` to the page scripts so that search
  works from ``file://``. This hook replaces it with a local copy installed
  from npm with a lockfile (``tools/offline/package-lock.json``, ``npm ci``),
  copied into the built site with its licence. The file is never committed.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
SHIM_PACKAGE = ROOT / "tools" / "offline" / "node_modules" / "iframe-worker"
SHIM_PATH = "javascripts/iframe-worker/shim.js"

# <link rel=…> values that never make the browser fetch anything.
_LINK_NOT_LOADED = {
    "alternate", "author", "bookmark", "canonical", "external", "help", "license",
    "me", "next", "nofollow", "noopener", "noreferrer", "prev", "search", "tag",
}
# Attributes that make the browser fetch, per element.
_LOADING_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.IGNORECASE)


def is_external(url: str) -> bool:
    """True for an address on another origin (any scheme with ``//``, or protocol-relative)."""
    return bool(_EXTERNAL.match(url or ""))


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_external_urls(css: str) -> list[str]:
    """External addresses loaded by ``url(…)`` or ``@import`` in a stylesheet or a style attribute."""
    return [url for url in _CSS_URL.findall(css) if is_external(url)]


class _LoadFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = {name.lower(): value or "" for name, value in attrs}
        if "style" in values:
            self.found += css_external_urls(values["style"])
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels and rels <= _LINK_NOT_LOADED:
                return
            urls = [values.get("href", "")] + _srcset_urls(values.get("imagesrcset", ""))
        else:
            urls = []
            for attr in _LOADING_ATTRS.get(tag, ()):
                if attr in values:
                    urls += _srcset_urls(values[attr]) if attr.endswith("srcset") else [values[attr]]
        self.found += [url for url in urls if is_external(url)]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += css_external_urls(data)


def external_loads(html: str) -> list[str]:
    """Every address on another origin that this page would make the browser load."""
    finder = _LoadFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def site_external_loads(site_dir: Path) -> dict[str, list[str]]:
    """Per file (relative path), the external loads of every page and stylesheet of a built site."""
    problems: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*")):
        if path.suffix == ".html":
            found = external_loads(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".css":
            found = css_external_urls(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        if found:
            problems[path.relative_to(site_dir).as_posix()] = sorted(set(found))
    return problems


def _offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(-50)  # after the offline plugin has added its polyfill
def on_config(config):
    polyfills = config.extra.get("polyfills") or []
    if any("unpkg.com/iframe-worker" in str(p) for p in polyfills):
        config.extra["polyfills"] = [SHIM_PATH if "iframe-worker" in str(p) else p for p in polyfills]
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
        lines = [f"  {page} : {', '.join(urls)}" for page, urls in problems.items()]
        raise PluginError(
            "Des pages chargent des ressources d'un autre site ; le site doit fonctionner sans réseau.\n"
            "Installez ces fichiers dans le dépôt (ou à la construction) au lieu de les charger :\n"
            + "\n".join(lines)
        )
