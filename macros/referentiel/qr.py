"""QR codes of permanent links, as small SVG files generated at build time.

Pure functions, nothing from MkDocs: a view (or a macro) turns a statement's
``href`` (relative to the site root, e.g. ``acteurs/elu/#elu-enjeu-x``) into its
permanent URL with :func:`permanent_url`, then into a standalone SVG file made by
segno's public API (:func:`svg_du_code`: ``segno.make`` with a fixed mask, then its
own SVG writer).

Pages do not inline the codes (they were two thirds of the matrix page, while
only projection and print show them): :class:`QrCodes` hands templates an
``<img loading="lazy">`` pointing at ``qr/<slug>-<hash>.svg`` (:func:`nom_de_fichier`) and
remembers every code requested during the build; a hook
(``hooks/referentiel_hooks.py``, ``on_post_build``) writes them with
:meth:`QrCodes.write`. A browser fetches a code only once it is displayed.

segno is pure Python: about 4 ms of CPU a code, a second at 1× the content and tens of
seconds at 100× (BENCHMARKS.md). Codes are therefore kept on disk between builds
(:class:`CacheQr`, ``.cache/qr/`` beside mkdocs.yml, ignored by git; ``caches.SurDisque``): one
file a code, named by a digest of its URL and of every parameter of its drawing, in a folder per
segno version; each build keeps only the codes it used.

Accessibility: the ``<img>`` is named by its ``alt`` (« Code QR du lien
permanent : <url> »); the page also keeps the link itself, which a
screen-reader user can follow where a code cannot be scanned.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import segno

from .caches import DOSSIER as CACHES, SurDisque, construction
from .francais import slug


def permanent_url(site_url: str, href: str) -> str:
    """The absolute URL of ``href`` (relative to the site root) on the published site.

    ``site_url`` is MkDocs' ``site_url`` (``https://…/`` ending with a slash).
    A QR code must never point at a relative or local address: refuse it loudly.
    """
    base = urlsplit(site_url or "")
    if base.scheme not in ("http", "https") or not base.netloc:
        raise ValueError(
            f"site_url doit être une adresse http(s) complète pour les codes QR, pas « {site_url} »"
        )
    if not site_url.endswith("/"):
        site_url += "/"
    target = urlsplit(href)
    if target.scheme or target.netloc or href.startswith("/"):
        raise ValueError(f"lien relatif à la racine du site attendu, pas « {href} »")
    return urljoin(site_url, href)


#: How every code is made and drawn, all public parameters of segno.
#: One mask for every code: readers decode any of the eight (the code says which), and
#: scoring all eight to pick the "best" was 85 % of a code's cost. A quiet zone (border) of
#: 2 modules, where the standard asks for 4: read by every phone we tried on screen and on
#: paper, and keeps cards compact. viewBox and no size (omitsize): the <img> scales it.
MAKE = {"error": "m", "micro": False, "mask": 2}
SVG = {"kind": "svg", "scale": 4, "border": 2, "dark": "#000", "light": "#fff", "xmldecl": False,
       "svgns": True, "svgclass": None, "lineclass": None, "omitsize": True}
_SIDE = re.compile(r'<svg [^>]*viewBox="0 0 (\d+) \1"')


def svg_du_code(url: str) -> tuple[str, int]:
    """The SVG file of ``url``'s code, and its side in pixels (the ``<img>``'s width and height)."""
    code = segno.make(url, **MAKE)
    out = io.BytesIO()
    code.save(out, **SVG)
    return out.getvalue().decode("utf-8") + "\n", code.symbol_size(scale=SVG["scale"], border=SVG["border"])[0]


class CacheQr(SurDisque):
    """Code files kept on disk between builds (``caches.SurDisque``): ``<dossier>/segno-<version>/``,
    one file a code named by the digest of its URL and of :data:`MAKE` and :data:`SVG`. A file that
    cannot be read, or does not read as one of our codes, is made again. :meth:`garder` keeps only
    the codes of the URLs a build used, and this segno version's."""

    def __init__(self, dossier: str | Path):
        super().__init__(dossier, f"segno-{segno.__version__}", repr((sorted(MAKE.items()), sorted(SVG.items()))), ".svg")

    def svg(self, url: str) -> tuple[str, int]:
        """``url``'s code from the disk, or made by segno and kept."""
        svg = self.lire(url)
        side = _SIDE.match(svg) if svg else None
        if side:
            return svg, int(side.group(1))
        svg, side = svg_du_code(url)
        self.ecrire(url, svg)
        return svg, side


#: Folder of the code files in the built site.
DOSSIER = "qr"


def nom_de_fichier(href: str) -> str:
    """A deterministic, filesystem-safe file stem for ``href``: its slug (``francais.slug``), plus a
    short hash so that two hrefs that read alike (``a/b`` and ``a-b``) never share a file."""
    lisible = slug(href)[:80].rstrip("-")
    empreinte = hashlib.sha256(href.encode("utf-8")).hexdigest()[:10]
    return f"{lisible}-{empreinte}" if lisible else empreinte


class QrCodes:
    """The QR codes of one site, by root-relative ``href``.

    ``codes.img(e.href, racine)`` is the ``<img>`` a template prints (it computes
    nothing: the href comes from the view, ``racine`` leads back to the site root);
    each requested code is generated once and kept until :meth:`write` puts
    every one in the built site, one file a code.
    """

    def __init__(self, site_url: str, cache: CacheQr | None = None):
        self.site_url = site_url
        self.cache = cache  # codes kept between builds; None: made anew each build
        self._codes: dict[str, tuple[str, str, int]] = {}  # href → path in the site, URL, side
        self._files: dict[str, str] = {}  # file path in the site → SVG document

    def _code(self, href: str) -> tuple[str, str, int]:
        """``href``'s code file (site-relative path), its permanent URL and its side in pixels;
        the file is kept for :meth:`write` on first request."""
        if href not in self._codes:
            url = permanent_url(self.site_url, href)
            svg, side = self.cache.svg(url) if self.cache else svg_du_code(url)
            path = f"{DOSSIER}/{nom_de_fichier(href)}.svg"
            self._files[path] = svg
            self._codes[href] = (path, url, side)
        return self._codes[href]

    def chemin(self, href: str) -> str:
        """The site-relative path of ``href``'s code file (generated on first request)."""
        return self._code(href)[0]

    def img(self, href: str, racine: str, *, lazy: bool = True) -> str:
        """The ``<img>`` of ``href``'s code, its ``src`` relative to the page (``racine``).

        Lazy by default: a hidden code (outside projection and print) is never fetched.
        ``lazy=False`` for the pages meant to be printed as they are shown (cards).
        """
        path, url, side = self._code(href)
        alt = html.escape(f"Code QR du lien permanent\u00a0: {url}", quote=True)
        src = html.escape(racine + path, quote=True)
        loading = "lazy" if lazy else "eager"
        return (f'<img class="r4f-qr" src="{src}" alt="{alt}" width="{side}" height="{side}" '
                f'loading="{loading}" decoding="async">')

    def fichiers(self) -> dict[str, str]:
        """Every code requested in this build: site path → SVG document."""
        return dict(self._files)

    def write(self, site_dir: str | Path) -> int:
        """Write every requested code under ``site_dir``; returns how many. The disk cache then
        keeps only these codes."""
        root = Path(site_dir)
        (root / DOSSIER).mkdir(parents=True, exist_ok=True)
        for path, svg in self._files.items():
            (root / path).write_text(svg, encoding="utf-8")
        if self.cache and self._codes:
            self.cache.garder({url for _, url, _ in self._codes.values()})
        return len(self._files)


def codes_du_site(site_url: str, projet: str | Path) -> QrCodes:
    """The codes of the build in progress (``caches.construction``): filled by templates
    (macros/main.py), written by a hook (hooks/referentiel_hooks.py); kept on disk under
    ``projet``/.cache/qr (``projet``: the folder of mkdocs.yml)."""
    return construction(("qr", site_url), lambda: QrCodes(site_url, CacheQr(Path(projet) / CACHES / "qr")))
