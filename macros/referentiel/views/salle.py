"""Views for the room (issue 8): the messages wall and the statement cards.

``mur`` gives every speech bubble (message) with what its filters need;
``cartes`` gives one card per expectation and message, four to a sheet,
for the print kit (``referentiel.printing``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..francais import pluriel
from ..referentiel import Referentiel
from .routes import MATRICE, MUR, acteur_href, attentes_communes_href, paire_href
from .statements import ActeurLien, EnonceVue, acteur_lien, enonce

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
    href: str


def _filtres(ref: Referentiel, tous: str) -> list[Filtre]:
    return [Filtre("", tous)] + [Filtre(a.id, a.libelles.court) for a in ref.acteurs]


def mur(ref: Referentiel) -> Mur:
    """Every message of every actor, in chapter order, with the filters by sender and by recipient."""
    messages = [enonce(ref, m.id) for a in ref.acteurs for m in a.messages]
    return Mur(
        messages=messages,
        expediteurs=_filtres(ref, "Tous les acteurs"),
        destinataires=_filtres(ref, "Tous les acteurs"),
        total=pluriel(len(messages), "message"),
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
        cibles = "tous les acteurs"
    else:
        cibles = ", ".join(a.court for a in e.envers)
    return f"{e.acteur.court} → {cibles}"


def cartes(ref: Referentiel) -> list[Carte]:
    """One card per expectation and per message, actor by actor."""
    result = []
    for a in ref.acteurs:
        for s in [*a.attentes, *a.messages]:
            e = enonce(ref, s.id)
            result.append(Carte(enonce=e, acteur=acteur_lien(a), vers=_vers(e)))
    return result


def planches(ref: Referentiel) -> list[Planche]:
    items = cartes(ref)
    return [Planche(items[i : i + CARTES_PAR_PLANCHE]) for i in range(0, len(items), CARTES_PAR_PLANCHE)]


@dataclass(frozen=True)
class LienProjection:
    texte: str
    href: str  # root-relative, with ?projection (and the place to start at)


def liens_projection(ref: Referentiel) -> list[LienProjection]:
    """Links an animator prepares for a session: each opens projection at a place."""
    a, b = ref.acteurs[0], ref.acteurs[1]
    last = ref.acteurs[-1]
    return [
        LienProjection("La matrice sur un écran", f"{MATRICE}?projection"),
        LienProjection(f"La matrice, case {b.libelles.court} → {last.libelles.court}",
                       f"{MATRICE}?projection#{b.id}-{last.id}"),
        LienProjection(f"{a.libelles.court} ↔ {b.libelles.court}, en devinant d'abord",
                       f"{paire_href(ref, a.id, b.id)}?projection=pas-a-pas"),
        LienProjection(f"La page des {last.libelles.court}, sur ses attentes",
                       f"{acteur_href(last.id)}?projection#attentes-par-acteur"),
        LienProjection("Les attentes communes", f"{attentes_communes_href()}?projection"),
        LienProjection("Le mur des messages", f"{MUR}?projection"),
    ]
