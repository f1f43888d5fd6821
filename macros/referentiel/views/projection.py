"""Projection mode, in words: the keys (one table for the key legend of every projected page and for
the Animer page), what the room is told when projection starts, and the links an animator prepares.

``docs/javascripts/projection.js`` holds no sentence of its own: the templates print these.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..referentiel import Referentiel
from .routes import MATRICE, MUR, acteur_href, attentes_communes_href, decoupage, messages_envers, mur_a_part, paire_href


@dataclass(frozen=True)
class Touche:
    touches: str  # « → ↓ ou Page suivante »
    effet: str


#: Every key of projection and what it does: the legend (`?`) of a projected page and the Animer page.
TOUCHES: tuple[Touche, ...] = (
    Touche("→, ↓ ou Page suivante", "la suite : l'étape suivante d'un énoncé plus haut que l'écran (1/3, 2/3…), "
                                     "puis l'énoncé suivant ; dans la matrice, la case suivante de la ligne (→) "
                                     "ou de la colonne (↓)"),
    Touche("←, ↑ ou Page précédente", "revenir : l'étape ou l'énoncé précédent ; dans la matrice, la case "
                                       "précédente de la ligne (←) ou de la colonne (↑)"),
    Touche("Début / Fin", "premier / dernier énoncé"),
    Touche("Entrée", "ouvrir en plein écran : l'énoncé en entier, ou toutes les attentes et tous les messages "
                     "d'une case"),
    Touche("Échap", "sortir du plein écran, puis fermer ce qui est ouvert, puis quitter la projection"),
    Touche("P", "deviner d'abord : ce qui suit est caché, puis dévoilé à chaque pas"),
    Touche("?", "afficher ou masquer cette légende"),
)

#: Said for a few seconds when projection starts, and to screen readers.
AIDE_PROJECTION = "Échap pour sortir du plein écran et de la projection ; « ? » pour la légende des touches."

#: A cell of the one-screen matrix whose titles do not all fit at the smallest size: what it says.
SUITE_CASE = "La suite : Entrée"


@dataclass(frozen=True)
class LienProjection:
    texte: str
    href: str  # root-relative, with ?projection (and the place to start at)


def _attentes_href(ref: Referentiel, acteur_id: str) -> str:
    """Where an actor's expectations are projected: its page at « Mes attentes », or the first page of
    them once the actor is split over pages (``routes.decoupage``)."""
    parts = [p for p in decoupage(ref, acteur_id) if p.rubrique == "attentes"]
    return f"{parts[0].href}?projection" if parts else f"{acteur_href(acteur_id)}?projection#attentes"


def _mur_filtre(ref: Referentiel) -> LienProjection | None:
    """The wall filtered on the first sender and recipient that have messages, if the wall is one page."""
    if mur_a_part(ref):
        return None
    for de in ref.acteurs:
        for vers in ref.autres(de.id):
            if messages_envers(de, vers.id):
                return LienProjection(f"Les messages {de.libelles.des} {vers.libelles.aux}",
                                      f"{MUR}?projection&de={de.id}&a={vers.id}")
    return None


def liens_projection(ref: Referentiel) -> list[LienProjection]:
    """Links an animator prepares for a session: each opens projection at a place (a page's title, a
    cell, a section), as a QR code or a bookmark would."""
    a, b = ref.acteurs[0], ref.acteurs[1]
    last = ref.acteurs[-1]
    links = [
        LienProjection("La matrice sur un écran", f"{MATRICE}?projection"),
        LienProjection(f"La matrice, sur la case {b.libelles.court} → {last.libelles.court}",
                       f"{MATRICE}?projection#{b.id}-{last.id}"),
        LienProjection(f"Le face-à-face {a.libelles.court} ↔ {b.libelles.court}, en devinant d'abord",
                       f"{paire_href(ref, a.id, b.id)}?projection=pas-a-pas"),
    ]
    if last.attentes:
        links.append(LienProjection(f"Les attentes {last.libelles.des}", _attentes_href(ref, last.id)))
    links += [
        LienProjection("Les attentes communes", f"{attentes_communes_href()}?projection"),
        LienProjection("Le mur des messages", f"{MUR}?projection"),
    ]
    filtre = _mur_filtre(ref)
    return links + [filtre] if filtre else links
