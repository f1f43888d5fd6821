"""What a built page, a stylesheet or the configuration would make a browser load from another origin.

Pure Python, nothing from MkDocs: ``hooks/origin_guard.py`` checks the configuration
(:func:`config_external_loads`, in ``on_config``) and then every page, stylesheet and SVG
of the built site (:func:`site_external_loads`, after the build), each read whole, every
build. The site must work without a network: anything fetched from elsewhere is refused.

**A load** is an address the browser fetches by itself, or that a script of the site turns
into a request: ``src``, ``srcset``/``imagesrcset``, ``poster``, ``data`` (object),
``background``, ``manifest``, ``ping``; ``<link>`` with any ``rel`` not known to be a mere
link; SVG ``href``/``xlink:href`` (image, use, feImage, script…); ``<base href>``;
``<meta http-equiv="refresh">``; ``srcdoc`` frames and ``data:`` documents and stylesheets
(read in turn); CSS in ``style`` attributes, ``<style>`` and ``.css`` files (``url()``,
``@import``, ``image-set()``); import maps and speculation rules; inline scripts, for
the address strings they hold (``import … from "https://…"``, ``importScripts("//…")``,
``s.src = "https://…"``); and the attributes scripts turn into requests, listed in
:data:`SCRIPTED`. **Not a load**: a link a reader may follow (``<a href>``, canonical,
prev/next…), a ``data:``/``blob:`` address.

**Another origin** is any address with a scheme other than ``data:``, ``blob:``, ``about:``
and ``javascript:`` (whose code is read as an inline script), or starting with two slashes (``//``, ``\\\\``, ``/\\``: browsers read a
backslash as a slash), after the browser's own clean-up (surrounding spaces and control
characters dropped, tabs and newlines removed anywhere, any letter case).

Pages are read with Lexbor (``selectolax``), a parser that follows the WHATWG HTML
standard as browsers do: Python 3.11's ``html.parser`` reads ``<!-->``, ``--!>`` and
``<style>``/``<script>`` inside ``<svg>`` differently from a browser, and an image hidden
there would be loaded by the browser but unseen by the guard (``tests/fixtures/origines``).
CSS is read with ``tinycss2``, a CSS Syntax Level 3 tokenizer (comments, escapes such as
``\\75 rl(``, strings).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes

import tinycss2
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .caches import lu_une_fois


@dataclass(frozen=True)
class Chargement:
    """An address a page would load from another origin, and what would load it."""

    adresse: str
    par: str  # e.g. "<img src>", "CSS url()", "script en ligne"

    def __str__(self) -> str:
        return f"{self.adresse} ({self.par})"


# --- Addresses ------------------------------------------------------------------------------

# Schemes that never reach another origin: in-document data, script-made objects, blank pages,
# code (a javascript: address is read as an inline script).
_LOCAL_SCHEMES = {"data", "blob", "about", "javascript"}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def _cleaned(url: str) -> str:
    """The address as a browser reads it (WHATWG URL: leading and trailing C0 controls and
    spaces dropped, tabs and newlines removed anywhere)."""
    return (url or "").strip(_C0_AND_SPACE).translate(_TAB_OR_NEWLINE)


def is_external(url: str) -> bool:
    """True for an address on another origin: a scheme other than data:, blob:, about: or javascript:
    (http, https, ftp, ws, file… in any case), or two leading slashes (``//host``, and the
    backslash forms a browser reads as slashes)."""
    url = _cleaned(url)
    if url[:2].replace("\\", "/") == "//":
        return True
    scheme = _SCHEME.match(url)
    return bool(scheme) and scheme.group(1).lower() not in _LOCAL_SCHEMES


def srcset_urls(value: str) -> list[str]:
    """The addresses of a ``srcset``/``imagesrcset`` value, as the HTML standard splits it: an
    address runs to the next space; a comma ends it only when it is the address's last
    character (``data:`` addresses hold commas)."""
    urls, i, n = [], 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # descriptors up to the next comma outside parentheses
            depth = 0
            while i < n and (value[i] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[i], 0)
                i += 1
        if url:
            urls.append(url)
    return urls


def _data_document(url: str) -> tuple[str, str] | None:
    """``(media type, text)`` of a ``data:`` address holding CSS, HTML or SVG, which can load
    in turn (``<link rel=stylesheet href="data:text/css,@import …">``); else None."""
    url = _cleaned(url)
    if url[:5].lower() != "data:" or "," not in url:
        return None
    head, _, body = url[5:].partition(",")
    kind = head.split(";")[0].strip().lower()
    if kind not in ("text/css", "text/html", "image/svg+xml", "application/xhtml+xml"):
        return None
    raw = unquote_to_bytes(body)
    if head.lower().rstrip().endswith(";base64"):
        try:
            raw = base64.b64decode(raw + b"==", validate=False)
        except ValueError:
            return None
    return kind, raw.decode("utf-8", errors="replace")


# --- CSS ------------------------------------------------------------------------------------

# Functions whose string argument is an image address: image-set("a.png" 1x), src("a.png")…
_CSS_ADDRESS_FUNCTIONS = {"url", "src", "image-set", "-webkit-image-set", "image", "-webkit-image", "cross-fade"}


def _css_addresses(tokens: Iterable) -> Iterator[str]:
    """Every address the component values ``tokens`` load: url() (quoted or not), the strings
    of image-set() and its kin, and the string after ``@import``; nested blocks included."""
    after_import = False
    for token in tokens:
        if token.type in ("whitespace", "comment"):
            continue
        if token.type == "url" or (token.type == "string" and after_import):
            yield token.value
        elif token.type == "function":
            if token.lower_name in _CSS_ADDRESS_FUNCTIONS:
                yield from (arg.value for arg in token.arguments if arg.type == "string")
            yield from _css_addresses(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from _css_addresses(token.content)
        after_import = token.type == "at-keyword" and token.lower_value == "import"


def css_loads(css: str, par: str = "CSS") -> list[Chargement]:
    """The loads from another origin of a stylesheet, a ``<style>`` element or a ``style``
    attribute (tinycss2 reads any of them as component values)."""
    found = []
    for url in _css_addresses(tinycss2.parse_component_value_list(css, skip_comments=True)):
        found += _address(url, par)
    return found


def _address(url: str, par: str) -> list[Chargement]:
    """``url`` if it is on another origin; what a ``data:`` document or ``javascript:`` code it
    holds would load."""
    if is_external(url):
        return [Chargement(_cleaned(url), par)]
    if _cleaned(url)[:11].lower() == "javascript:":
        return _script_string_loads(unquote_to_bytes(_cleaned(url)[11:]).decode("utf-8", "replace"), f"{par} (javascript:)")
    document = _data_document(url)
    if document is None:
        return []
    kind, text = document
    inner = f"{par} → document data:{kind}"
    return css_loads(text, inner) if kind == "text/css" else page_loads(text, inner)


# --- Scripts --------------------------------------------------------------------------------

# Script types a browser runs (HTML standard: a JavaScript MIME type, empty, or "module").
_JS_TYPES = {
    "", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
}
# A string literal of an inline script, and an address inside one: at its start, or after a
# space, "=", a quote or "(" ('<script src="//…">' written by document.write).
_JS_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`""", re.S)
_ADDRESS_IN_STRING = re.compile(r"""(?:^|(?<=[\s="'(]))(?:[a-zA-Z][a-zA-Z0-9+.\-]*:)?[/\\]{2}[^\s"'`()<>]+""")


def _script_string_loads(code: str, par: str) -> list[Chargement]:
    """Addresses on another origin written in the string literals of an inline script:
    ``import … from "https://…"``, ``import("//…")``, ``importScripts(…)``, ``fetch(…)``,
    ``el.src = "https://…"``. A reading of the code's strings, not of what it does: an
    address built piece by piece escapes it (the page's Content-Security-Policy still
    refuses it at run time)."""
    found = []
    for literal in _JS_STRING.finditer(code):
        text = literal.group(0)[1:-1].replace("\\/", "/")
        found += [Chargement(m.group(0), par) for m in _ADDRESS_IN_STRING.finditer(text) if is_external(m.group(0))]
    return found


def _json_strings(value) -> Iterator[str]:
    """Every string value (not key) of a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _json_loads(text: str, par: str, keys: tuple[str, ...] | None = None) -> list[Chargement]:
    """Addresses on another origin among the string values of a JSON script (all of them, or
    those of ``keys`` at its top level). Unreadable JSON loads nothing (the browser ignores it)."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if keys is not None:
        data = [data.get(key) for key in keys] if isinstance(data, dict) else []
    return [Chargement(url, par) for url in _json_strings(data) if is_external(url)]


def _script_loads(node: LexborNode, attrs: Mapping[str, str]) -> list[Chargement]:
    """What an inline ``<script>`` loads, by type: a JavaScript one, through the addresses its
    strings hold; an import map or speculation rules, through their JSON (prefetched,
    prerendered or imported); Material's ``__config``, through its search worker and base."""
    kind = attrs.get("type", "").strip().lower()
    if kind in _JS_TYPES:
        return _script_string_loads(node.text(deep=True), "script en ligne")
    if kind in ("importmap", "speculationrules"):
        return _json_loads(node.text(deep=True), f"<script type={kind}>")
    if attrs.get("id") == "__config":  # Material starts its search worker from "search"
        return _json_loads(node.text(deep=True), "configuration de Material (__config)", ("base", "search"))
    return []


# --- Elements -------------------------------------------------------------------------------

#: <link rel> values that never make the browser fetch anything (a reader may follow them).
#: Not "alternate": Material 9.8.1's bundle fetches the sitemap.xml beside every
#: <link rel="alternate"> (its language selector), a load.
LINK_ONLY = {
    "author", "bookmark", "canonical", "external", "help", "license", "me", "next", "nofollow",
    "noopener", "noreferrer", "opener", "prev", "search", "tag", "privacy-policy", "terms-of-service",
    "pingback", "webmention",
}
#: Attributes a script turns into a request by itself (our own scripts were read for them:
#: docs/javascripts/*.js, overrides/). Each is a load wherever it appears. Not listed:
#: projection.js's data-r4f-ouvrir, followed when the reader presses Entrée (a link).
SCRIPTED = {
    # overrides/main.html writes scripts inert with their address here, then loads it;
    # lazy-loading libraries use the same name on images.
    "data-src": "chargé par script",
    # docs/javascripts/referentiel.js sends the reader to data-racine + page as the page opens.
    "data-racine": "redirection par referentiel.js",
}
# Material 9.8.1's bundle (assets/javascripts/bundle.*.min.js) loads from another origin for
# a <pre class="mermaid"> (its Mermaid library) and for its "source" component (the
# repository's stars and forks, from the forge's API); tests/test_origin_guard.py fails
# when a new Material asks anything else from another origin.
MERMAID = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"
_REFRESH = re.compile(r"""\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)(.*)""", re.I | re.S)
# Elements whose href is followed, not loaded (<link> and <base> have readers of their own).
_HREF_FOLLOWED = {"a", "area", "link", "base"}

Attrs = Mapping[str, str]


def _single(tag: str, name: str, attrs: Attrs) -> list[Chargement]:
    """An attribute holding one address the browser loads."""
    return _address(attrs[name], f"<{tag} {name}>")


def _srcset(tag: str, name: str, attrs: Attrs) -> list[Chargement]:
    return [load for url in srcset_urls(attrs[name]) for load in _address(url, f"<{tag} {name}>")]


def _scripted(tag: str, name: str, attrs: Attrs) -> list[Chargement]:
    return _address(attrs[name], f"<{tag} {name}> ({SCRIPTED[name]})")


def _style(tag: str, name: str, attrs: Attrs) -> list[Chargement]:
    return css_loads(attrs[name], f"<{tag} {name}>")


def _svg_paint(tag: str, name: str, attrs: Attrs) -> list[Chargement]:
    """An SVG paint server, filter, mask, marker or cursor given as url(…)."""
    return _style(tag, name, attrs) if "url(" in attrs[name].lower() else []


def _svg_href(tag: str, name: str, attrs: Attrs) -> list[Chargement]:
    """href on any element but a link (SVG image, use, feImage, script, pattern…)."""
    return [] if tag in _HREF_FOLLOWED else _single(tag, name, attrs)


def _source_component(tag: str, name: str, attrs: Attrs) -> list[Chargement]:
    if attrs[name] == "source" and is_external(attrs.get("href", "")):
        return [Chargement(attrs["href"], "composant source de Material : étoiles et forks lus sur l'API du dépôt")]
    return []


# What loads on any element, by attribute name.
_BY_ATTRIBUTE = {
    **dict.fromkeys(("src", "poster", "background", "lowsrc", "dynsrc", "manifest"), _single),
    # srcset lists (data-srcset: lazy-loading libraries copy it into srcset).
    **dict.fromkeys(("srcset", "imagesrcset", "data-srcset"), _srcset),
    **dict.fromkeys(SCRIPTED, _scripted),
    **dict.fromkeys(("fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid",
                     "marker-end", "cursor"), _svg_paint),
    "href": _svg_href,
    "xlink:href": _svg_href,
    "style": _style,
    "data-md-component": _source_component,
}


def _link(node: LexborNode, attrs: Attrs) -> list[Chargement]:
    """<link> with a rel that loads: stylesheet, preload, modulepreload, prefetch, preconnect,
    dns-prefetch, icon, manifest, alternate, any rel not in LINK_ONLY."""
    rels = set(attrs.get("rel", "").lower().split())
    if not rels or rels <= LINK_ONLY:
        return []
    par = f"<link rel={' '.join(sorted(rels))}>"
    return _address(attrs.get("href", ""), par)


def _base(node: LexborNode, attrs: Attrs) -> list[Chargement]:
    """Every relative address of the page would load from there."""
    return _address(attrs.get("href", ""), "<base href>")


def _object(node: LexborNode, attrs: Attrs) -> list[Chargement]:
    return _address(attrs.get("data", ""), "<object data>")


def _ping(node: LexborNode, attrs: Attrs) -> list[Chargement]:
    """ping: a POST to each address when the link is followed."""
    return [load for url in attrs.get("ping", "").split() for load in _address(url, f"<{node.tag} ping>")]


def _meta(node: LexborNode, attrs: Attrs) -> list[Chargement]:
    if attrs.get("http-equiv", "").strip().lower() != "refresh":
        return []
    quote, rest = _REFRESH.match(attrs.get("content", "")).groups()
    return _address(rest.split(quote)[0] if quote else rest, '<meta http-equiv="refresh">')


def _iframe(node: LexborNode, attrs: Attrs) -> list[Chargement]:
    return page_loads(attrs["srcdoc"], "<iframe srcdoc>") if "srcdoc" in attrs else []


def _style_element(node: LexborNode, attrs: Attrs) -> list[Chargement]:
    return css_loads(node.text(deep=True), "<style>")


def _animation(node: LexborNode, attrs: Attrs) -> list[Chargement]:
    """SVG <set>/<animate> that give an href its value."""
    if attrs.get("attributename", "").lower() not in ("href", "xlink:href"):
        return []
    urls = [attrs.get("to", ""), attrs.get("from", "")] + attrs.get("values", "").split(";")
    return [load for url in urls for load in _address(url, f"<{node.tag.lower()}> animant un href")]


def _pre(node: LexborNode, attrs: Attrs) -> list[Chargement]:
    if "mermaid" in attrs.get("class", "").split():
        return [Chargement(MERMAID, "<pre class=mermaid> : Material charge Mermaid")]
    return []


# What loads on one kind of element, by tag name.
_BY_TAG = {
    "link": _link, "base": _base, "object": _object, "a": _ping, "area": _ping, "meta": _meta,
    "iframe": _iframe, "style": _style_element, "script": _script_loads, "set": _animation,
    "animate": _animation, "pre": _pre,
}


def _element_loads(node: LexborNode) -> list[Chargement]:
    tag = node.tag.lower()
    attrs = {name.lower(): value or "" for name, value in node.attributes.items()}
    found = []
    for name in attrs:
        reader = _BY_ATTRIBUTE.get(name)
        if reader is not None:
            found += reader(tag, name, attrs)
    by_tag = _BY_TAG.get(tag)
    return found + by_tag(node, attrs) if by_tag is not None else found


def _trees(root: LexborNode) -> Iterator[LexborNode]:
    """The document and the content of every <template> in it (a script may clone them)."""
    yield root
    for fragment in root.template_fragments():
        yield from _trees(fragment)


def page_loads(html: str, within: str = "") -> list[Chargement]:
    """Every load from another origin of a page (or an SVG document), reading all of it."""
    root = LexborHTMLParser(html).root
    found: list[Chargement] = []
    for tree in _trees(root) if root is not None else ():
        for node in tree.traverse(include_text=False):
            if node.is_element_node:
                found += _element_loads(node)
    if within:
        found = [Chargement(c.adresse, f"{within} : {c.par}") for c in found]
    return found


# --- A built site ---------------------------------------------------------------------------

_READERS = {".html": page_loads, ".htm": page_loads, ".svg": page_loads, ".css": css_loads}


def site_external_loads(site_dir: Path) -> dict[str, list[Chargement]]:
    """Per file (path relative to the site), the loads from another origin of every page,
    stylesheet and SVG of a built site. Every file is read whole at every build; what its text
    holds is worked out once per distinct content (``caches.lu_une_fois``: `make serve` rebuilds
    do not parse again the pages and Material's stylesheets whose bytes have not changed)."""
    problems: dict[str, list[Chargement]] = {}
    for path in sorted(Path(site_dir).rglob("*")):
        reader = _READERS.get(path.suffix.lower())
        if reader is None or not path.is_file():
            continue
        found = lu_une_fois(reader, path.read_bytes())
        if found:
            problems[path.relative_to(site_dir).as_posix()] = sorted(set(found), key=str)
    return problems


# --- The configuration ----------------------------------------------------------------------


def _entries(value) -> list[str]:
    """The addresses of a list of scripts or stylesheets: strings, or mappings with a ``path``."""
    out = []
    for item in value or ():
        path = item.get("path", "") if isinstance(item, Mapping) else getattr(item, "path", item)
        out.append(str(path or ""))
    return out


def _listed_loads(config: Mapping) -> list[str]:
    """extra_javascript, extra_css and Material's polyfills (scripts of every page)."""
    problems = []
    extra = config.get("extra") or {}
    for setting, value in (("extra_javascript", config.get("extra_javascript")),
                           ("extra_css", config.get("extra_css")),
                           ("extra.polyfills", extra.get("polyfills"))):
        problems += [f"{setting} : « {url} » serait chargé depuis un autre site par chaque page"
                     for url in _entries(value) if is_external(url)]
    return problems


def _theme_loads(config: Mapping) -> list[str]:
    """theme.font (Google Fonts unless false), theme.logo and theme.favicon."""
    theme = config.get("theme") or {}
    problems = []
    if not isinstance(theme, Mapping):  # a theme given by its name only: Material's defaults
        theme = {}
    if theme.get("font", None) is not False:
        problems.append("theme.font : Material chargerait ses polices depuis Google Fonts "
                        "(fonts.googleapis.com) ; écrivez « font: false »")
    for setting in ("logo", "favicon"):
        if is_external(str(theme.get(setting) or "")):
            problems.append(f"theme.{setting} : « {theme[setting]} » serait chargé depuis un autre site ; "
                            "mettez le fichier dans docs/")
    return problems


def _extra_loads(config: Mapping) -> list[str]:
    """extra.analytics, extra.consent, extra.alternate (Material's integrations)."""
    extra = config.get("extra") or {}
    problems = []
    analytics = extra.get("analytics")
    if isinstance(analytics, Mapping) and analytics.get("provider"):
        problems.append(f"extra.analytics : le fournisseur « {analytics['provider']} » chargerait son "
                        "script depuis un autre site (Google Tag Manager)")
    if extra.get("consent"):
        problems.append("extra.consent : un formulaire de consentement ne sert qu'aux services d'un autre "
                        "site (mesure d'audience, GitHub) ; le site n'en charge aucun")
    for alternate in extra.get("alternate") or ():
        link = str(alternate.get("link", "")) if isinstance(alternate, Mapping) else ""
        if is_external(link):
            problems.append(f"extra.alternate : « {link} » ; Material y chargerait le sitemap.xml "
                            "de l'autre site à chaque page")
    return problems


def config_external_loads(config: Mapping) -> list[str]:
    """What a MkDocs configuration (a mapping, as read from mkdocs.yml or as MkDocs holds it)
    would make every page load from another origin, one French sentence per setting."""
    return _listed_loads(config) + _theme_loads(config) + _extra_loads(config)
