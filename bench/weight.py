"""What a first visit transfers, recorded by Debian's Chromium (Playwright).

The browser, not an HTML parser, decides what is fetched: stylesheets, scripts,
images, fonts, and the search index the Material search worker downloads on
page load (a parser would miss the worker's request). Each local response is
counted at its gzip size (level 6, what a web server's default compression
sends); requests to any other origin are listed, since the site must load
nothing from elsewhere.
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

from .measure import gzip_size

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PAGES = {"accueil": "", "acteur (élus)": "acteurs/elu/", "matrice": "matrice/"}
# Chromium's resource types, in French; "other" is what workers fetch (lunr) and the favicon.
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "image": "images", "font": "polices",
         "fetch": "données", "xhr": "données", "other": "autres"}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class Visit:
    gzip_bytes: int = 0
    requests: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    foreign: list[str] = field(default_factory=list)


def _local_file(site: Path, url: str) -> Path:
    path = site / unquote(urlparse(url).path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def first_visits(site: Path) -> dict[str, Visit]:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    visits: dict[str, Visit] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                        args=CHROMIUM_ARGS)
            for name, path in PAGES.items():
                context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
                seen: list[tuple[str, str]] = []
                context.on("request", lambda r, seen=seen: seen.append((r.url, r.resource_type)))
                page = context.new_page()
                page.goto(f"{origin}/{path}", wait_until="networkidle")
                page.wait_for_timeout(500)
                context.close()
                visit = Visit()
                for url, kind in dict(seen).items():
                    if not url.startswith(origin + "/"):
                        if not url.startswith(("data:", "blob:")):
                            visit.foreign.append(url)
                        continue
                    file = _local_file(site, url)
                    if file.is_file():
                        size = gzip_size(file)
                        visit.gzip_bytes += size
                        visit.requests += 1
                        key = "index de recherche" if file.name == "search_index.json" else KINDS.get(kind, kind)
                        visit.by_type[key] = visit.by_type.get(key, 0) + size
                visits[name] = visit
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return visits


def search_index_size(site: Path) -> int:
    return (site / "search" / "search_index.json").stat().st_size
