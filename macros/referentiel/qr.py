"""QR codes of permanent links, as inline SVG, generated at build time.

Pure functions, nothing from MkDocs: a view (or a macro) turns a statement's
``href`` (relative to the site root, e.g. ``acteurs/elu/#elu-enjeu-x``) into its
permanent URL with :func:`permanent_url`, then into an ``<svg>`` string with
:func:`qr_svg` that a template prints as is (it is built here, and every text
that comes from the data is escaped).

Accessibility: either the code is an image with a French label
(``role="img"`` + ``aria-label``), or it is decorative (``aria-hidden``) because
the template prints the same link as text beside it — the recommended use,
since a screen-reader user cannot scan a code but can follow a link.
"""

from __future__ import annotations

import functools
import html
import io
from urllib.parse import urljoin, urlsplit

import segno

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
def qr_svg(url: str, label: str | None = None, *, scale: int = 4) -> str:
    """An inline ``<svg>`` (no XML declaration) encoding ``url``.

    With ``label`` (French, e.g. « Code QR : lien vers … ») the SVG is an image
    named by it; without, it is hidden from assistive technologies and the
    caller must print the link as text next to it.
    """
    code = segno.make(url, error="m", micro=False, mask=MASK)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=scale,
        border=BORDER,
        dark="#000",
        light="#fff",
        svgclass="r4f-qr",
        lineclass=None,
        nl=False,
    )
    svg = out.getvalue().decode("utf-8")
    if label:
        attrs = f'role="img" aria-label="{html.escape(label, quote=True)}"'
    else:
        attrs = 'aria-hidden="true" focusable="false"'
    assert svg.startswith("<svg "), svg[:40]
    # a viewBox, so that the code scales (projection, cards) instead of being cropped
    side = code.symbol_size(scale=scale, border=BORDER)[0]
    return f'<svg {attrs} viewBox="0 0 {side} {side}" ' + svg[len("<svg ") :]


def statement_qr(site_url: str, href: str, title: str) -> str:
    """The QR code of a statement's permanent link, labelled with its title."""
    return qr_svg(permanent_url(site_url, href), f"Code QR du lien permanent : {title}")


class QrCodes:
    """The QR codes of one site, by root-relative ``href``: ``codes[e.href]``.

    Templates look a code up by the href the view already hands them (they
    compute nothing); each code is generated once per build.
    """

    def __init__(self, site_url: str):
        self.site_url = site_url
        self._cache: dict[str, str] = {}

    def __getitem__(self, href: str) -> str:
        if href not in self._cache:
            url = permanent_url(self.site_url, href)
            self._cache[href] = qr_svg(url, f"Code QR du lien permanent : {url}")
        return self._cache[href]
