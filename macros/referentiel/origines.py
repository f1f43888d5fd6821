"""Which addresses a page or a stylesheet would make the browser load from another origin.

Pure Python, nothing from MkDocs (``hooks/origin_guard.py`` runs it after every build).
A script, stylesheet, icon, image, frame, font, media or SVG reference that points at
another origin (``http://``, ``https://`` or ``//``) is a load; plain links (``<a href>``,
``<link rel="canonical">``…) are not: a reader may follow them, the browser never
fetches them by itself.

``site_external_loads`` reads every page of a built site. Under ``make serve`` it runs
after each rebuild, in the same process: a file whose bytes it has already found clean
(same BLAKE2 digest) is not parsed again, so a rebuild re-reads only the pages that changed.
"""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

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
        self.tags = 0  # start tags read
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags += 1
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


def _read_all(html: str) -> list[str]:
    finder = _LoadFinder()
    finder.feed(html)
    finder.close()
    return finder.found


# Where a load can come from, found without reading every tag: a start tag of a loading element
# (HTMLParser reads a start tag only at "<" + letter, its name ending at one of these characters),
# or CSS (a style element, a style attribute: "style", spaces, "=").
_LOADING_TAG = re.compile(
    r"<(?:%s)(?=[\t\n\r\f />\x00]|$)" % "|".join(sorted({*_LOADING_ATTRS, "link"}, key=len, reverse=True)), re.I)
_CSS = re.compile(r"<style|style\s*=", re.I)


def _tag_loads(html: str, start: int) -> list[str]:
    """The loads of the start tag at ``start``, read alone by the same parser: fed up to each
    next ">" until the tag is read (a ">" may sit inside a quoted value)."""
    finder = _LoadFinder()
    end = start
    while not finder.tags:
        close = html.find(">", end)
        if close < 0:
            finder.feed(html[end:])
            finder.close()
            break
        finder.feed(html[end:close + 1])
        end = close + 1
    return finder.found


def external_loads(html: str) -> list[str]:
    """Every address on another origin that this page would make the browser load.

    A page without CSS in it (no style element or attribute) can only load through the start
    tags of loading elements: those alone are read, each as the parser reads it, which is a
    few tags in ten. When any of them (or anything that only looks like one, say inside a
    comment) would load from elsewhere, or when the page holds CSS, the whole page is read,
    as before, and that reading decides.
    """
    if not _CSS.search(html) and not any(_tag_loads(html, m.start()) for m in _LOADING_TAG.finditer(html)):
        return []
    return _read_all(html)


#: Digests of the files already found clean, with their kind (page or stylesheet), in this process.
_PROPRES: set[tuple[str, bytes]] = set()


def site_external_loads(site_dir: Path) -> dict[str, list[str]]:
    """Per file (relative path), the external loads of every page and stylesheet of a built site."""
    problems: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".css"):
            continue
        data = path.read_bytes()
        key = (path.suffix, hashlib.blake2b(data, digest_size=16).digest())
        if key in _PROPRES:
            continue
        text = data.decode("utf-8", errors="replace")
        found = external_loads(text) if path.suffix == ".html" else css_external_urls(text)
        if found:
            problems[path.relative_to(site_dir).as_posix()] = sorted(set(found))
        else:
            _PROPRES.add(key)
    return problems
