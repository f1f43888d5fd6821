"""Views across actors: the matrix, the pairs and « Ma fiche ».

All three are made of ``Cellule``: what one actor expects of another and says
to them. ``attentes_envers`` is the one place that answers « the expectations
of A toward B, or toward everyone ».
"""

from __future__ import annotations

from dataclasses import dataclass

from ..markup import plain
from ..model import Attente, FichierActeur, Message
from ..referentiel import Referentiel
from ..francais import pluriel
from .routes import (
    CONTRIBUER,
    MATRICE,
    TOUS,
    acteur_href,
    cellule_ancre,
    enonce_href,
    paire_href,
    paire_slug,
    paire_titre,
    paires,
)
from .fidelity import legende_destinataires
from .propositions import LienExterne, proposer_attente, proposer_message
from .statements import ActeurLien, EnonceVue, Lien, acteur_lien, enonce


def attentes_envers(de: FichierActeur, envers: str) -> list[Attente]:
    """The expectations of ``de`` toward actor ``envers``, or toward everyone with ``TOUS``."""
    return [a for a in de.attentes if envers in a.envers]


def messages_envers(de: FichierActeur, envers: str) -> list[Message]:
    """The messages ``de`` addresses to actor ``envers``."""
    return [m for m in de.messages if m.destinataire == envers]


def vues(ref: Referentiel, statements: list[Attente] | list[Message]) -> list[EnonceVue]:
    return [enonce(ref, s.id) for s in statements]


@dataclass(frozen=True)
class Cellule:
    id: str
    de: ActeurLien
    envers: ActeurLien
    diagonale: bool
    legende: str
    attentes: list[EnonceVue]
    messages: list[EnonceVue]
    resume: str  # « 2 attentes, 1 message »
    vide: bool
    paire_href: str | None
    invitation: str | None  # a thin or empty cell says so, and invites to fill it
    proposer_attente: LienExterne  # the form, prefilled with this pair
    proposer_message: LienExterne | None  # None on the diagonal: a message goes to another actor
    titre_court: str = ""  # « Élus → Agents »
    niveau: int = 0  # shade of the cell in the one-screen matrix (see NIVEAUX)
    href: str = ""  # its permanent link (the matrix, at the cell)


@dataclass(frozen=True)
class Niveau:
    """One shade of the one-screen matrix: the more statements, the darker."""

    numero: int
    texte: str  # « 1 ou 2 énoncés »: the shade is never the only way to tell


#: (smallest count, words): a cell with n statements takes the last level whose count ≤ n.
NIVEAUX = (
    Niveau(0, "aucun énoncé"),
    Niveau(1, "1 ou 2 énoncés"),
    Niveau(2, "3 ou 4 énoncés"),
    Niveau(3, "5 énoncés ou plus"),
)
SEUILS = (0, 1, 3, 5)


def niveau(total: int) -> int:
    return max(i for i, seuil in enumerate(SEUILS) if total >= seuil)


def cellule(ref: Referentiel, de: FichierActeur, envers: FichierActeur) -> Cellule:
    attentes = vues(ref, attentes_envers(de, envers.id))
    messages = vues(ref, messages_envers(de, envers.id))
    diagonal = de.id == envers.id
    if diagonal:
        legende = f"Ce que {de.libelles.les} attendent de leurs pairs"
    else:
        legende = f"Ce que {de.libelles.les} attendent {envers.libelles.des}"
    return Cellule(
        id=cellule_ancre(de.id, envers.id),
        de=acteur_lien(de),
        envers=acteur_lien(envers),
        diagonale=diagonal,
        legende=legende,
        attentes=attentes,
        messages=messages,
        resume=f"{pluriel(len(attentes), 'attente')}, {pluriel(len(messages), 'message')}",
        vide=not attentes and not messages,
        paire_href=None if diagonal else paire_href(ref, de.id, envers.id),
        invitation=invitation(len(attentes)),
        proposer_attente=proposer_attente(ref, de, envers),
        proposer_message=None if diagonal else proposer_message(ref, de, envers),
        titre_court=f"{de.libelles.court} → {envers.libelles.court}",
        niveau=niveau(len(attentes) + len(messages)),
        href=f"{MATRICE}#{cellule_ancre(de.id, envers.id)}",
    )


MINCE = 1  # a cell with this many expectations or fewer is thin: it invites contributions


def invitation(attentes: int) -> str | None:
    """What a thin or empty cell says about itself."""
    if attentes == 0:
        return "Aucune attente pour l'instant — proposez-en une."
    if attentes <= MINCE:
        return "Une seule attente pour l'instant — proposez-en d'autres."
    return None


# -- matrix ----------------------------------------------------------------------


@dataclass(frozen=True)
class Ligne:
    acteur: ActeurLien
    cellules: list[Cellule]
    generales: list[EnonceVue]


@dataclass(frozen=True)
class Matrice:
    colonnes: list[ActeurLien]
    lignes: list[Ligne]
    communes: list[Lien]
    contribuer_href: str
    legende: str | None  # key to the marker of recipients chosen by the editors
    niveaux: tuple[Niveau, ...] = NIVEAUX


def legende(cellules: list[Cellule], autres: list[EnonceVue] = ()) -> str | None:
    """The key to the editors' marker, if any expectation listed is marked."""
    return legende_destinataires([e.envers_editorial for c in cellules for e in c.attentes]
                                 + [e.envers_editorial for e in autres])


def matrice(ref: Referentiel) -> Matrice:
    lignes = [
        Ligne(
            acteur=acteur_lien(de),
            cellules=[cellule(ref, de, envers) for envers in ref.acteurs],
            generales=vues(ref, attentes_envers(de, TOUS)),
        )
        for de in ref.acteurs
    ]
    return Matrice(
        colonnes=[acteur_lien(a) for a in ref.acteurs],
        lignes=lignes,
        communes=[Lien(texte=plain(c.titre), href=enonce_href(ref, c.id)) for c in ref.attentes_communes.attentes],
        contribuer_href=CONTRIBUER,
        legende=legende([c for l in lignes for c in l.cellules], [e for l in lignes for e in l.generales]),
    )


# -- pairs -----------------------------------------------------------------------


@dataclass(frozen=True)
class Paire:
    slug: str
    titre: str
    a: ActeurLien
    b: ActeurLien
    a_vers_b: Cellule
    b_vers_a: Cellule
    lies: list[EnonceVue]
    href: str
    legende: str | None


def paire(ref: Referentiel, a_id: str, b_id: str) -> Paire:
    a, b = ref.acteur(a_id), ref.acteur(b_id)
    a_vers_b, b_vers_a = cellule(ref, a, b), cellule(ref, b, a)
    related = [
        enonce(ref, item.id)
        for owner in ref.acteurs
        for item in [*owner.encadres, *owner.verbatims]
        if {a.id, b.id} <= {owner.id, *item.concerne}
    ]
    return Paire(
        slug=paire_slug(ref, a.id, b.id),
        titre=paire_titre(a, b),
        a=acteur_lien(a),
        b=acteur_lien(b),
        a_vers_b=a_vers_b,
        b_vers_a=b_vers_a,
        lies=related,
        href=paire_href(ref, a.id, b.id),
        legende=legende([a_vers_b, b_vers_a]),
    )


def index_paires(ref: Referentiel) -> list[Paire]:
    return [paire(ref, a.id, b.id) for a, b in paires(ref)]


# -- « Ma fiche » ------------------------------------------------------------------


@dataclass(frozen=True)
class MessageFiche:
    """A message shown in full, labelled with who says it to whom."""

    de_a: str  # « Élus → Agents de l'État territorial »
    enonce: EnonceVue


@dataclass(frozen=True)
class GroupeFiche:
    """Expectations of one direction, under a heading naming the other actor."""

    titre: str
    acteur: ActeurLien | None  # the other actor (None for expectations toward everyone)
    attentes: list[EnonceVue]
    vide: str  # what to say when there is none


@dataclass(frozen=True)
class Fiche:
    acteur: ActeurLien
    titre: str
    persona: str
    attendu_de_moi: list[GroupeFiche]  # « Ce qu'ils attendent de moi », by sender
    ils_me_disent: list[MessageFiche]  # « Ce qu'ils me disent »
    j_attends: list[GroupeFiche]  # « Ce que j'attends des autres », by recipient
    je_leur_dis: list[MessageFiche]  # « Ce que je leur dis »
    enjeux: list[Lien]
    pouvoirs: list[Lien]
    questions: list[str]
    lignes_reponse: list[int]  # ruled lines under each question, for answers written by hand
    acteur_href: str
    legende: str | None


AUCUNE_ATTENTE = "Aucune attente pour l'instant."
LIGNES_REPONSE = 3


def de_a(de: FichierActeur, vers: FichierActeur) -> str:
    return f"{de.libelles.pluriel} → {vers.libelles.pluriel}"


def fiche(ref: Referentiel, acteur_id: str) -> Fiche:
    me = ref.acteur(acteur_id)
    others = ref.autres(acteur_id)
    recu = [cellule(ref, other, me) for other in others]
    general_recu = [v for other in others for v in vues(ref, attentes_envers(other, TOUS))]
    donne = [cellule(ref, me, other) for other in others]
    general_donne = vues(ref, attentes_envers(me, TOUS))
    attendu = [GroupeFiche(titre=o.libelles.pluriel, acteur=acteur_lien(o), attentes=c.attentes, vide=AUCUNE_ATTENTE)
               for o, c in zip(others, recu)]
    if general_recu:
        attendu.append(GroupeFiche(titre="Envers tous les acteurs", acteur=None, attentes=general_recu, vide=""))
    attends = [GroupeFiche(titre=f"Envers {o.libelles.les}", acteur=acteur_lien(o), attentes=c.attentes,
                           vide=AUCUNE_ATTENTE) for o, c in zip(others, donne)]
    if general_donne:
        attends.append(GroupeFiche(titre="Envers les trois autres acteurs", acteur=None,
                                   attentes=general_donne, vide=""))
    questions = list(ref.meta.questions_preparation)
    return Fiche(
        acteur=acteur_lien(me),
        titre=me.titre,
        persona=me.persona.nom,
        attendu_de_moi=attendu,
        ils_me_disent=[MessageFiche(de_a(o, me), enonce(ref, m.id)) for o in others for m in messages_envers(o, me.id)],
        j_attends=attends,
        je_leur_dis=[MessageFiche(de_a(me, o), enonce(ref, m.id)) for o in others for m in messages_envers(me, o.id)],
        enjeux=[Lien(texte=plain(s.titre), href=enonce_href(ref, s.id)) for s in me.enjeux],
        pouvoirs=[Lien(texte=plain(s.titre), href=enonce_href(ref, s.id)) for s in me.pouvoirs],
        questions=questions,
        lignes_reponse=list(range(LIGNES_REPONSE)),
        acteur_href=acteur_href(acteur_id),
        legende=legende(recu + donne, general_recu + general_donne),
    )
