"""Search documents built from the data: what a reader's query finds, and where it leads.

Material's search plugin indexes the written pages itself (their Markdown prose). The pages built
from the data are left out of it (``search: exclude`` in their front matter; the introduction's
sections and the sources, on written pages, by ``data-search-exclude`` in their templates) and
described here instead, from the views:

* each statement once, at its own page and anchor (``EnonceVue.href``), titled, its text prefixed
  with its kind and its actor(s): « Attente · Agents des collectivités → État — … »;
* each page that regroups statements by its title and what it holds (its description; a
  face-à-face also lists the expectations both ways), with the short names of the actors it is
  about in ``acteurs`` (an actor's page and a face-à-face) so that « agents etat » finds the
  face-à-face first and « élus » the actor's page;
* the blocks of the authors' text that are not statements, the introduction's sections, the
  sources and key figures, the glossary's acronyms and words.

A result shows a short excerpt (``EXTRAIT``); beyond it, a text is matched through ``mots``: its
``MOTS_MAX`` rarest other words (those that set it apart from the other documents), so that the
index every searching reader downloads stays within its budget (100 KB at 1×, ``make bench``).

Nothing here imports MkDocs: ``hooks/search.py`` writes these documents into Material's index.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from ..francais import extrait, plier
from ..markup import plain
from ..referentiel import Referentiel
from ..registry import SHARED_LISTS
from ..typographie import typographie
from .actors import acteur_vue
from .cross import paire
from .fidelity import BlocVue
from .routes import (A_PROPOS, CHIFFRES, GLOSSAIRE, IMPRIMER, SECTIONS_PAR_PAGE, TOUS_LES_ACTEURS, acteur_href,
                     pages_generees, paire_href, paires, route_de_page)
from .statements import EnonceVue, enonce
from .texts import SectionVue, chiffres, glossaire, lexique, liste_partagee, sections, sources

EXTRAIT = 100  # characters of a text a result shows (and every searching reader downloads)
MOTS_MAX = 12  # hidden words kept for a document beyond its excerpt: its rarest in the index
MOT_MIN = 3  # shorter words are not kept among the hidden ones
BOOST_ACTEUR = 1.2  # an actor's page before a face-à-face or a fiche that names the actor as much
BOOST_GLOSSAIRE = 3  # an acronym or a word of the lexicon before the statements that use it

# Frequent words not worth their bytes among the hidden ones (compared folded). Size only: the
# words lunr itself leaves out of its index are those of lunr-languages' French list.
MOTS_VIDES = frozenset(
    "les des une aux par pour sur dans avec sans sont est ont qui que quoi dont leur leurs nous vous ils elles "
    "mais plus moins tres tout tous toute toutes cette ces ses son nos vos elle lui entre aussi comme etre "
    "avoir fait faire peut peuvent etc ainsi alors donc encore deja bien meme autre autres chaque cela ceux "
    "celle celles celui car ici non oui pas peu etait sera notre votre avant apres lors sous vers chez quand "
    "comment pourquoi cet ceci parfois souvent toujours jamais rien trop beaucoup plusieurs certains "
    "certaines autant selon afin enfin puis soit fois tant dire doit doivent pourrait pourraient permet "
    "permettent".split()
)


@dataclass(frozen=True)
class Document:
    """One search document, in Material's terms (``location``, ``title``, ``text``), plain text."""

    location: str  # the page's route, and the anchor of what it documents
    titre: str
    texte: str = ""  # what a result shows under the title: an excerpt
    mots: str = ""  # the text's other words, matched, never shown
    acteurs: str = ""  # the short names of the actors the page is about
    boost: float | None = None


_ALPHANUMERIQUE = re.compile(r"[^\W_]")  # a letter or a digit (str.isalnum), in any script


def mots(texte: str, separateur: str) -> list[str]:
    """The words search would index in ``texte``: split where Material's separator splits, lower case."""
    return [w.lower() for w in re.split(separateur, texte) if _ALPHANUMERIQUE.search(w)]


def _caches(texte: str, montres: set[str], separateur: str) -> str:
    """The words of ``texte`` not shown, each once: long enough, not too frequent, and not the
    start of another word (a query matches the start of words: « coopér » is found in « coopération »)."""
    kept = [w for w in dict.fromkeys(mots(texte, separateur))
            if len(w) >= MOT_MIN and w not in montres and plier(w) not in MOTS_VIDES]
    ordered = sorted(set(kept) | montres)
    return " ".join(w for w in kept if not _debut_d_un_autre(w, ordered))


def _debut_d_un_autre(word: str, ordered: list[str]) -> bool:
    i = bisect_right(ordered, word)
    return i < len(ordered) and ordered[i].startswith(word)


def document(location: str, titre: str, texte: str, separateur: str, *, prefixe: str = "",
             acteurs: str = "", boost: float | None = None) -> Document:
    """A document whose result shows ``prefixe — excerpt of texte`` (or either alone)."""
    texte = " ".join(texte.split())
    montre = extrait(texte, EXTRAIT)
    shown = " — ".join(part for part in (prefixe, montre) if part)
    visibles = set(mots(f"{titre} {shown}", separateur))
    return Document(location=location, titre=typographie(titre), texte=typographie(shown),
                    mots=_caches(texte, visibles, separateur), acteurs=acteurs, boost=boost)


# -- statements ------------------------------------------------------------------------


def nature(e: EnonceVue) -> str:
    """« Attente · Agents des collectivités → État », « Message · Élus → État », « Principe directeur »."""
    if e.acteur is None:
        return e.kind_label
    vers = [e.destinataire] if e.destinataire else e.envers
    cibles = [a.court for a in vers if a] + ([TOUS_LES_ACTEURS] if e.envers_tous else [])
    return f"{e.kind_label} · {e.acteur.court}" + (f" → {', '.join(cibles)}" if cibles else "")


def _texte_enonce(e: EnonceVue) -> str:
    parts = [*e.paragraphes]
    for el in e.elements:
        parts += [el.titre or "", *el.paragraphes]
    parts += [*e.suite, *e.notes]
    return plain(" ".join(parts))


def document_enonce(e: EnonceVue, separateur: str) -> Document:
    """A statement at its own place: its title (its kind and actors when it has none, as a message)."""
    if e.titre:
        return document(e.href, plain(e.titre), _texte_enonce(e), separateur, prefixe=nature(e))
    return document(e.href, nature(e), _texte_enonce(e), separateur)


# -- blocks of the authors' text ---------------------------------------------------------


def _bloc(page: str, titre_page: str, b: BlocVue, separateur: str) -> Document:
    return document(f"{page}#{b.id}", plain(b.titre) if b.titre else titre_page,
                    plain(" ".join(b.paragraphes)), separateur)


def _texte_section(s: SectionVue) -> str:
    parts = [*s.paragraphes, *s.citation]
    if s.bloc:
        parts += s.bloc.paragraphes
    for el in s.elements:
        parts += [el.titre or "", *el.paragraphes]
    parts += [*s.suite, *s.notes]
    return plain(" ".join(parts))


def _sections(page: str, items: Iterable[SectionVue], separateur: str) -> list[Document]:
    out = []
    for s in items:
        out.append(document(f"{page}#{s.id}", s.titre_simple, _texte_section(s), separateur))
        out += _sections(page, s.sous_sections, separateur)
    return out


# -- pages -------------------------------------------------------------------------------


class _Index:
    """Documents by page, each page's own document first (Material groups a page's documents
    under the first one of its route, which must be the page itself)."""

    def __init__(self, pages: Mapping[str, tuple[str, str]], separateur: str):
        self.pages, self.sep = dict(pages), separateur
        self.tete: dict[str, Document] = {}
        self.suite: dict[str, list[Document]] = {}

    def page(self, route: str, texte: str | None = None, **kw) -> None:
        """The page's own document: its title, and ``texte`` (its description by default)."""
        if route not in self.pages:
            raise ValueError(f"Recherche : la page « {route} » est décrite par les données ; Material ne doit pas "
                             "l'indexer aussi (« search: exclude: true » dans son front matter).")
        titre, description = self.pages[route]
        self.tete[route] = document(route, titre, description if texte is None else texte, self.sep, **kw)

    def ajoute(self, doc: Document) -> None:
        self.suite.setdefault(doc.location.split("#", 1)[0], []).append(doc)

    def documents(self) -> list[Document]:
        """Each page's document followed by the documents of its sections; then the sections of
        pages whose own document is not here (written pages that Material indexes)."""
        out = [doc for route, head in self.tete.items() for doc in (head, *self.suite.get(route, []))]
        return out + [doc for route, docs in self.suite.items() if route not in self.tete for doc in docs]


def _acteurs(ref: Referentiel, idx: _Index) -> None:
    for a in ref.acteurs:
        vue = acteur_vue(ref, a.id)
        route = acteur_href(a.id)
        idx.page(route, plain(vue.titre.titre or ""), acteurs=a.libelles.court, boost=BOOST_ACTEUR)
        blocs = [vue.persona, vue.chapeau, vue.introduction, vue.profil, vue.chapeau_messages,
                 *(r.chapeau for r in vue.rubriques)]
        for b in blocs:
            if b is not None:
                idx.ajoute(_bloc(route, a.libelles.pluriel, b, idx.sep))


def _listes(ref: Referentiel, idx: _Index) -> None:
    for shared in SHARED_LISTS:
        vue = liste_partagee(ref, shared.kind)
        idx.page(shared.page, plain(" ".join(vue.introduction.paragraphes)))
        if vue.suite:
            idx.ajoute(_bloc(shared.page, vue.titre, vue.suite, idx.sep))


def _glossaire(ref: Referentiel, idx: _Index) -> None:
    idx.page(GLOSSAIRE)
    for s in glossaire(ref):
        idx.ajoute(document(f"{GLOSSAIRE}#{s.id}", s.sigle, plain(f"{s.developpement}. {s.definition or ''}"),
                            idx.sep, boost=BOOST_GLOSSAIRE))
    for m in lexique(ref):
        idx.ajoute(document(f"{GLOSSAIRE}#{m.id}", m.mot, plain(m.definition), idx.sep, boost=BOOST_GLOSSAIRE))


def _introduction(ref: Referentiel, idx: _Index) -> None:
    held = {s.id for s in ref.introduction.sections}
    for route, ids in SECTIONS_PAR_PAGE.items():
        if route in idx.pages:  # a written page indexed by Material holds them otherwise
            idx.page(route)
        for doc in _sections(route, sections(ref, [i for i in ids if i in held]), idx.sep):
            idx.ajoute(doc)
    for s in sources(ref):
        texte = " ".join([s.sous_titre or "", s.mention, *s.description, *(f"{c.role} : {c.texte}" for c in s.credits)])
        idx.ajoute(document(f"{A_PROPOS}#{s.id}", plain(s.titre), plain(texte), idx.sep))
    figures = chiffres(ref)
    if figures:
        idx.ajoute(document(CHIFFRES, "En chiffres", plain(" ; ".join(f"{c.valeur} {c.libelle}" for c in figures)),
                            idx.sep))


def _croisements(ref: Referentiel, idx: _Index) -> None:
    for a, b in paires(ref):
        vue = paire(ref, a.id, b.id)
        titres = [plain(e.titre_simple) for c in (vue.a_vers_b, vue.b_vers_a) for e in c.attentes]
        route = paire_href(ref, a.id, b.id)
        idx.page(route, f"{idx.pages[route][1]} {' ; '.join(titres)}",
                 acteurs=f"{a.libelles.court} {b.libelles.court}")


def documents(ref: Referentiel, separateur: str, pages: Mapping[str, tuple[str, str]]) -> list[Document]:
    """Every search document of the pages left out of Material's own indexing.

    ``separateur`` is the search's separator (a regular expression, the plugin's setting);
    ``pages`` maps the route of every such page to its title and description (those of the pages
    generated from the data are taken from ``routes.pages_generees``). Print pages are not indexed.
    """
    connues = {**pages, **{route_de_page(p.chemin): (p.titre, p.description) for p in pages_generees(ref)}}
    connues = {route: v for route, v in connues.items() if not route.startswith(IMPRIMER)}
    idx = _Index(connues, separateur)
    _acteurs(ref, idx)
    _listes(ref, idx)
    _glossaire(ref, idx)
    _introduction(ref, idx)
    _croisements(ref, idx)
    for route in connues:  # every other page: its title and description
        if route not in idx.tete:
            idx.page(route)
    for ident in ref.index:
        idx.ajoute(document_enonce(enonce(ref, ident), separateur))
    return _les_plus_rares(idx.documents(), separateur)


def _les_plus_rares(docs: list[Document], separateur: str) -> list[Document]:
    """Each document keeps its ``MOTS_MAX`` hidden words held by the fewest documents (in the
    order of its text): a query of a common word finds its documents by their titles and
    excerpts already, a rare one finds the few that hold it."""
    held: dict[str, int] = {}
    for d in docs:
        for w in set(mots(f"{d.titre} {d.texte} {d.mots}", separateur)):
            held[w] = held.get(w, 0) + 1
    out = []
    for d in docs:
        words = d.mots.split()
        keep = set(sorted(words, key=lambda w: (held[w], words.index(w)))[:MOTS_MAX])
        out.append(replace(d, mots=" ".join(w for w in words if w in keep)))
    return out
