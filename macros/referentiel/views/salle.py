"""Views for the room (issue 8): the messages wall and the statement cards.

``mur`` gives every speech bubble (message) with what its filters need (and the words of its count,
for every count: ``docs/javascripts/mur.js`` agrees no word itself);
``cartes`` gives one card per expectation and message, four to a sheet,
for the print kit (``referentiel.printing``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..francais import accord, pluriel
from ..referentiel import Referentiel
from .routes import (
    MATRICE,
    MUR,
    TOUS_LES_ACTEURS,
    case_titre,
    cellule_ancre,
    messages_envers,
    mur_a_part,
    pages_case,
    pages_cartes,
    tranche_position,
)
from . import routes
from .statements import ActeurLien, EnonceVue, Lien, acteur_lien, enonce

#: Statement cards per printed A4 sheet (two by two).
CARTES_PAR_PLANCHE = 4


@dataclass(frozen=True)
class Filtre:
    """One choice of a filter of the wall: an actor, or everyone (``valeur`` empty)."""

    valeur: str
    texte: str


@dataclass(frozen=True)
class Mur:
    messages: list[EnonceVue]
    expediteurs: list[Filtre]
    destinataires: list[Filtre]
    total: str  # « 12 messages »
    comptes: list[str]  # comptes[n]: « n messages affichés sur 12 », what the filters' status line says
    href: str
    cases: list[Lien]  # too many messages for one wall (``routes.mur_a_part``): the cells that hold them
    cases_texte: str  # what the wall says then


def _filtres(ref: Referentiel, tous: str) -> list[Filtre]:
    return [Filtre("", tous)] + [Filtre(a.id, a.libelles.court) for a in ref.acteurs]


def _cases_messages(ref: Referentiel) -> list[Lien]:
    """Each cell with messages: its own pages when it has them, else the matrix at the cell."""
    links = []
    for de in ref.acteurs:
        for vers in ref.autres(de.id):
            found = messages_envers(de, vers.id)
            if found:
                pages = pages_case(ref, de.id, vers.id)
                href = pages[0].href if pages else f"{MATRICE}#{cellule_ancre(de.id, vers.id)}"
                links.append(Lien(texte=case_titre(ref, de, vers.id), href=href, detail=pluriel(len(found), "message")))
    return links


def mur(ref: Referentiel) -> Mur:
    """Every message of every actor, in chapter order, with the filters by sender and by recipient;
    beyond ``routes.SEUIL_MUR`` messages, the cells that hold them instead."""
    total = sum(len(a.messages) for a in ref.acteurs)
    split = mur_a_part(ref)
    messages = [] if split else [enonce(ref, m.id) for a in ref.acteurs for m in a.messages]
    return Mur(
        cases=_cases_messages(ref) if split else [],
        cases_texte=f"{pluriel(total, 'message')}\u00a0: trop pour un seul mur. Lisez-les case par case, "
                    "de l'expéditeur au destinataire." if split else "",
        messages=messages,
        expediteurs=_filtres(ref, "Tous les acteurs"),
        destinataires=_filtres(ref, "Tous les acteurs"),
        total=pluriel(total, "message"),
        comptes=[f"{pluriel(n, 'message')} {accord(n, 'affiché')} sur {total}" for n in range(len(messages) + 1)],
        href=MUR,
    )


@dataclass(frozen=True)
class Carte:
    enonce: EnonceVue
    acteur: ActeurLien
    vers: str  # « Élus → Agents », « Élus → tous les acteurs »


@dataclass(frozen=True)
class Planche:
    """One printed sheet: up to four cards."""

    cartes: list[Carte]


def _vers(e: EnonceVue) -> str:
    if e.destinataire:
        cibles = e.destinataire.court
    elif e.envers_tous:
        cibles = TOUS_LES_ACTEURS
    else:
        cibles = ", ".join(a.court for a in e.envers)
    return f"{e.acteur.court} → {cibles}"


def cartes(ref: Referentiel, acteur_id: str | None = None, numero: int = 1) -> list[Carte]:
    """One card per expectation and per message, actor by actor: all of them, or those on one page
    of an actor's cards when they are split (``routes.pages_cartes``)."""
    if acteur_id is None:
        owned = [(a, s.id) for a in ref.acteurs for s in [*a.attentes, *a.messages]]
    else:
        owned = [(ref.acteur(acteur_id), i) for i in pages_cartes(ref, acteur_id)[numero - 1].ids]
    return [Carte(enonce=e, acteur=acteur_lien(a), vers=_vers(e)) for a, i in owned for e in [enonce(ref, i)]]


def planches(ref: Referentiel, acteur_id: str | None = None, numero: int = 1) -> list[Planche]:
    """Sheets of four cards: every card, or one page of an actor's; none when the cards are split
    and no page is asked (the cards page then lists the pages: ``sommaire_cartes``)."""
    if acteur_id is None and sommaire_cartes(ref):
        return []
    items = cartes(ref, acteur_id, numero)
    return [Planche(items[i : i + CARTES_PAR_PLANCHE]) for i in range(0, len(items), CARTES_PAR_PLANCHE)]


@dataclass(frozen=True)
class SommaireCartes:
    """The cards page when there are too many cards for one page: the pages, actor by actor."""

    texte: str
    pages: list[Lien]


def sommaire_cartes(ref: Referentiel) -> SommaireCartes | None:
    pages = [Lien(texte=f"{a.libelles.pluriel}, {tranche_position(t)}", href=t.href)
             for a in ref.acteurs for t in pages_cartes(ref, a.id)]
    if not pages:
        return None
    feuilles = pluriel(routes.PAR_PAGE_CARTES // CARTES_PAR_PLANCHE, "feuille")  # read when called: tests lower it
    return SommaireCartes(texte=f"Trop de cartes pour une seule page\u00a0: elles sont rangées par acteur, "
                                f"{feuilles} par page.", pages=pages)


