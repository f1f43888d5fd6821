"""An address as a built page prints it: a route of the site from the page, and in the offline pack (no
directory URLs) the file of its page. Shared by the templates' ``|lien`` (macros/main.py) and the files the
build writes (hooks/referentiel_hooks.py: the former ids of ``javascripts/alias.js``), so that every address
of a build is written the same way.

``files`` is the build's list of files (anything with MkDocs' ``get_file_from_path``), or None online:
nothing here imports MkDocs.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def _fichier(route: str, files) -> str:
    """Without directory URLs (the offline pack), the file of a page's route: ``acteurs/elu/`` →
    ``acteurs/elu.html``, ``face-a-face/`` → ``face-a-face/index.html``; any other path as it is."""
    stem = route.rstrip("/")
    for src in (f"{stem}/index.md" if stem else "index.md", f"{stem}.md"):
        page = files.get_file_from_path(src)
        if page is not None and page.is_documentation_page():
            return page.url
    return route


def adresse(href: str, racine: str, files=None) -> str:
    """An address as a page prints it: a route of the site (``acteurs/elu/#x``,
    ``matrice/?projection``) from the page (``racine`` leads back to the site's root) and, given the
    site's ``files`` (no directory URLs), to its page's file; an address elsewhere (``https:``,
    ``mailto:``) or an anchor of the page (``#x``) as it is."""
    if href.startswith("#"):
        return href
    if files is None and ":" not in href and not href.startswith("//"):  # most: a route, online
        return racine + href
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    if files is not None and (parts.path == "" or parts.path.endswith("/")):
        rest = href[len(parts.path):]
        return racine + _fichier(parts.path, files) + rest
    return racine + href
