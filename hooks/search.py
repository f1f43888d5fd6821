"""Search: Material's index of the written pages, completed with documents built from the data.

Material's search plugin indexes the pages written in Markdown. The pages built from the data say
``search: exclude: true`` in their front matter (the generated ones from
``referentiel_hooks.on_files``); the introduction's sections and the sources, on a written page,
carry ``data-search-exclude``. This hook adds their documents, built from the views
(``referentiel.views.recherche``), to ``search/search_index.json`` once Material has written it
(and before the offline plugin turns it into ``search_index.js``). JSON only: no page is read.

What the browser does with them (accents optional, « Non trouvé » in whole words, highlight on
the page a result opens) is the search worker's, ``docs/assets/javascripts/workers/recherche.js``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from referentiel import caches
from referentiel.errors import ReferentielInvalide
from referentiel.views.recherche import Document, documents
from referentiel.views.routes import route_de_page

def _urls() -> dict[str, str]:
    """The pages of this build (caches.construction): route → URL (directory URLs, or .html in the offline pack)."""
    return caches.construction("recherche.urls", dict)


def _exclues() -> dict[str, tuple[str, str]]:
    """The title and description of the pages Material leaves to this hook, by route, for this build."""
    return caches.construction("recherche.exclues", dict)


def on_page_context(context, page, config, nav):
    route = route_de_page(page.file.src_uri)
    _urls()[route] = page.url
    if (page.meta.get("search") or {}).get("exclude"):
        _exclues()[route] = (str(page.meta.get("title", page.title)), str(page.meta.get("description", "")))
    return context


def _json(doc: Document, urls: dict[str, str]) -> dict:
    """Material shows ``title`` and ``text`` as HTML: the data's text is escaped."""
    route, _, anchor = doc.location.partition("#")
    out = {"location": urls.get(route, route) + (f"#{anchor}" if anchor else ""),
           "title": html.escape(doc.titre, quote=False), "text": html.escape(doc.texte, quote=False)}
    for key in ("mots", "acteurs", "boost"):
        if getattr(doc, key):
            out[key] = getattr(doc, key)
    return out


@event_priority(-50)  # after Material's search plugin writes the index, before the offline plugin reads it
def on_post_build(config) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists() or config.extra.get("r4f_erreurs"):  # serving broken data: no index
        return
    try:
        ref = caches.referentiel(Path(config.config_file_path).resolve().parent / "data")
    except ReferentielInvalide as exc:  # pragma: no cover - on_config already stopped the build
        raise PluginError(exc.rapport()) from None
    index = json.loads(path.read_text(encoding="utf-8"))
    try:
        ours = [_json(d, _urls()) for d in documents(ref, index["config"]["separator"], _exclues())]
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    pages = {d["location"] for d in index["docs"] + ours if "#" not in d["location"]}
    orphans = sorted({d["location"].split("#")[0] for d in ours} - pages)
    if orphans:
        raise PluginError(f"Recherche : aucun document pour la page de {', '.join(orphans)}.")
    index["docs"] += ours
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
