"""Every internal link of a built site leads to a page that exists, at an anchor that exists.

MkDocs checks the links written in Markdown; the pages our templates write (the actors, the
matrix, the pairs, the cards…) are HTML it does not read. ``liens_casses(site, site_path)`` reads
every built page once (``html.parser``, the standard library) and says, in French, each link that
leads nowhere: what ``make verifier`` and the build tests check, whatever the content.

``hors_ligne=True`` reads a site opened from the disk (the offline pack, ``file://``), where a folder is no
page (a browser lists its files): every address must name a file, and what pages load (``src``, a
stylesheet, a script) must exist too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class _Lue:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Lecteur(HTMLParser):
    def __init__(self, loads: bool = False) -> None:
        super().__init__()
        self.page = _Lue()
        self.loads = loads

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.page.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"])
        elif self.loads and (a.get("src") or (tag == "link" and a.get("href"))):
            self.page.links.append(a.get("src") or a["href"])


def _lire(path: Path, loads: bool = False) -> _Lue:
    reader = _Lecteur(loads)
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.page


def joindre(base: str, path: str) -> str:
    """``path`` (relative, or from the root) read from the page at ``base`` (« /a/b/index.html »)."""
    if path.startswith("/"):
        return path
    stack = base.split("/")[:-1]
    for part in path.split("/"):
        if part == "..":
            stack.pop()
        elif part not in (".", ""):
            stack.append(part)
    return "/".join(stack) + ("/" if path.endswith("/") else "")


def liens_casses(site: Path, site_path: str = "/", hors_ligne: bool = False) -> list[str]:
    """« page → lien (page absente | ancre absente | dossier) » for every internal link of ``site`` that
    leads nowhere. ``site_path`` is the path of ``site_url`` (the 404 page links from it, at any depth);
    ``hors_ligne``: opened from the disk (see the module)."""
    pages = {p.relative_to(site).as_posix(): _lire(p, hors_ligne) for p in sorted(site.rglob("*.html"))}
    casses = []
    for rel, page in pages.items():
        for href in page.links:
            probleme = _probleme(site, pages, "/" + rel, href, site_path, hors_ligne)
            if probleme:
                casses.append(f"{rel} → {href} ({probleme})")
    return casses


def _probleme(site: Path, pages: dict[str, _Lue], base: str, href: str, site_path: str,
              hors_ligne: bool = False) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or href.startswith(("mailto:", "//")):
        return None
    target = _cible(base, parts.path, site_path, hors_ligne)
    file = site / unquote(target).lstrip("/")
    dossier = file.is_dir() or target.endswith("/")
    if hors_ligne and parts.path and dossier:
        return "dossier : hors ligne, le navigateur en liste les fichiers"
    if dossier:
        file = file / "index.html"
    if not file.exists():
        return "page absente"
    if parts.fragment and file.suffix == ".html" and unquote(parts.fragment) not in pages[
            file.relative_to(site).as_posix()].ids:
        return "ancre absente"
    return None


def _cible(base: str, path: str, site_path: str, hors_ligne: bool) -> str:
    """The path a link's ``path`` leads to from the page ``base``: online, an absolute path under the site's
    own path is read from the site's root; an empty path is the page itself."""
    if path.startswith(site_path) and not hors_ligne:
        path = "/" + path[len(site_path):]
    return urlsplit(joindre(base, path)).path if path else base
