"""QR codes of permanent links, as small SVG files generated at build time.

Pure functions, nothing from MkDocs: a view (or a macro) turns a statement's
``href`` (relative to the site root, e.g. ``acteurs/elu/#elu-enjeu-x``) into its
permanent URL with :func:`permanent_url`, then into a standalone SVG file
(:mod:`.qr_matrix` lays out the code segno would make, faster; :func:`svg_document`
writes it).

Pages do not inline the codes (they were two thirds of the matrix page, while
only projection and print show them): :class:`QrCodes` hands templates an
``<img loading="lazy">`` pointing at ``qr/<slug>.svg`` (:func:`slug`) and
remembers every code requested during the build; a hook
(``hooks/referentiel_hooks.py``, ``on_post_build``) writes them with
:meth:`QrCodes.write`. A browser fetches a code only once it is displayed.

Accessibility: the ``<img>`` is named by its ``alt`` (« Code QR du lien
permanent : <url> »); the page also keeps the link itself, which a
screen-reader user can follow where a code cannot be scanned.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import qr_matrix

#: Quiet zone in modules around the code: the standard asks for 4; 2 is read by
#: every phone we tried on screen and on paper, and keeps cards compact.
BORDER = 2


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


# One mask for every code: readers decode any of the eight (the code says which), and
# scoring all eight to pick the "best" was 85 % of a code's cost (9 ms → 1.4 ms), i.e.
# most of a build once every statement carries its code (BENCHMARKS.md).
MASK = 2


@functools.lru_cache(maxsize=None)  # once per process: `make serve` rebuilds reuse them
def _fichier(url: str, scale: int = 4) -> tuple[str, int]:
    """The SVG file of ``url``'s code and its side in pixels (the ``<img>``'s width and height):
    one encoding for both, the costly part of a code."""
    return svg_document(qr_matrix.matrix(url, MASK), scale, BORDER)


_DARK_RUN = re.compile(rb"\x01+")


def svg_document(matrix: tuple[bytearray, ...], scale: int, border: int) -> tuple[str, int]:
    """The SVG of a code's module matrix (1 = dark), and its side in pixels.

    The same document as segno's SVG writer with ``dark="#000", light="#fff"`` (one
    horizontal stroke per run of dark modules, each move relative to the previous
    run's end), three to four times faster: it was a third of a code's cost, and a
    site at 10× the content has a thousand codes (a test compares both writers).
    """
    full = len(matrix) + 2 * border
    side = full * scale
    runs: list[str] = []
    pen_x = pen_y = None
    for y, row in enumerate(matrix, start=border):
        for run in _DARK_RUN.finditer(bytes(row)):
            x = run.start() + border
            if pen_x is None:
                runs.append(f"M{x} {y}.5h{run.end() - run.start()}")
            else:
                runs.append(f"m{x - pen_x} {y - pen_y}h{run.end() - run.start()}")
            pen_x, pen_y = x + run.end() - run.start(), y
    return (f'<svg viewBox="0 0 {side} {side}" xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}">'
            f'<g transform="scale({scale})"><path fill="#fff" d="M0 0h{full}v{full}h-{full}z"/>'
            f'<path stroke="#000" d="{"".join(runs)}"/></g></svg>\n', side)


#: Folder of the code files in the built site.
DOSSIER = "qr"


def slug(href: str) -> str:
    """A deterministic, filesystem-safe file stem for ``href``: readable, plus a short hash
    so that two hrefs that read alike (``a/b`` and ``a-b``) never share a file."""
    lisible = re.sub(r"[^a-z0-9]+", "-", href.lower()).strip("-")[:80].rstrip("-")
    empreinte = hashlib.sha256(href.encode("utf-8")).hexdigest()[:10]
    return f"{lisible}-{empreinte}" if lisible else empreinte


class QrCodes:
    """The QR codes of one site, by root-relative ``href``.

    ``codes.img(e.href, racine)`` is the ``<img>`` a template prints (it computes
    nothing: the href comes from the view, ``racine`` leads back to the site root);
    each requested code is generated once and kept until :meth:`write` puts
    every one in the built site, one file a code. :meth:`reset` starts a new build.
    """

    def __init__(self, site_url: str):
        self.site_url = site_url
        self._files: dict[str, str] = {}  # file path in the site → SVG document

    def reset(self) -> None:
        self._files.clear()

    def _code(self, href: str) -> tuple[str, str, int]:
        """``href``'s code file (site-relative path), its permanent URL and its side in pixels;
        the file is kept for :meth:`write` on first request."""
        url = permanent_url(self.site_url, href)
        svg, side = _fichier(url)
        path = f"{DOSSIER}/{slug(href)}.svg"
        self._files.setdefault(path, svg)
        return path, url, side

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
        """Every code requested since the last :meth:`reset`: site path → SVG document."""
        return dict(self._files)

    def write(self, site_dir: str | Path) -> int:
        """Write every requested code under ``site_dir``; returns how many."""
        root = Path(site_dir)
        (root / DOSSIER).mkdir(parents=True, exist_ok=True)
        for path, svg in self._files.items():
            (root / path).write_text(svg, encoding="utf-8")
        return len(self._files)


#: The codes of the build in progress: filled by templates (macros/main.py),
#: written and reset by the hooks (hooks/referentiel_hooks.py).
_BUILD: dict[str, QrCodes] = {}


def codes_du_site(site_url: str) -> QrCodes:
    """The one registry of the site at ``site_url`` in this process (macros and hooks share it)."""
    if site_url not in _BUILD:
        _BUILD[site_url] = QrCodes(site_url)
    return _BUILD[site_url]
