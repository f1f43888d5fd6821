"""Views across actors: the matrix, the pairs and « Ma fiche ».

All three are made of ``Cellule``: what one actor expects of another and says
to them. ``routes.attentes_envers`` is the one place that answers « the
expectations of A toward B, or toward everyone ». A cell « à part » (too many
statements: ``routes.pages_case``) is not listed: its ``Renvoi`` gives its count
and links to its own pages, laid out by ``case``.
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
    RUBRIQUES,
    TOUS,
    TOUS_LES_ACTEURS,
    acteur_href,
    attentes_envers,
    case_legende,
    case_titre,
    cellule_ancre,
    decoupage,
    enonce_href,
    messages_envers,
    pages_case,
    paire_href,
    paire_slug,
    paire_titre,
    paires,
    tranche_position,
)
from . import routes
from .fidelity import QUESTIONS, Editoriale, legende_destinataires
from .propositions import LienExterne, proposer_attente, proposer_message
from .statements import ActeurLien, EnonceVue, Lien, acteur_lien, enonce, envers_titre, marque_enrichissement


def vues(ref: Referentiel, statements: list[Attente] | list[Message]) -> list[EnonceVue]:
    return [enonce(ref, s.id) for s in statements]


@dataclass(frozen=True)
class Renvoi:
    """What a cell « à part » leaves where it would be listed: its count and a link to its pages."""

    texte: str  # « 52 attentes, 10 messages, sur la page de la case : »
    lien: Lien  # its first page (« Élus → Agents », « Élus → Agents, 19 pages »)


def _vers_pages(resume: str, lieu: str, titre: str, pages: list) -> Renvoi:
    """« 52 attentes, sur les pages de la case : Élus → Agents, 19 pages »: a count, then a link to
    the first of the pages that list them (a cell's, ``lieu="case"``; a section's, ``"section"``)."""
    if len(pages) == 1:
        return Renvoi(texte=f"{resume}, sur la page de la {lieu}\u00a0:", lien=Lien(texte=titre, href=pages[0].href))
    return Renvoi(texte=f"{resume}, sur les pages de la {lieu}\u00a0:",
                  lien=Lien(texte=f"{titre}, {pluriel(len(pages), 'page')}", href=pages[0].href))


def renvoi(ref: Referentiel, de: FichierActeur, envers: str, resume: str) -> Renvoi | None:
    pages = pages_case(ref, de.id, envers)
    return _vers_pages(resume, "case", case_titre(ref, de, envers), pages) if pages else None


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
    messages_compte: str  # « 1 message », « 2 messages », "" without: the one-screen matrix marks them so
    vide: bool
    paire_href: str | None
    invitation: str | None  # a thin or empty cell says so, and invites to fill it
    proposer_attente: LienExterne  # the form, prefilled with this pair
    proposer_message: LienExterne | None  # None on the diagonal: a message goes to another actor
    titre_court: str = ""  # « Élus → Agents »
    href: str = ""  # its permanent link (the matrix, at the cell)
    renvoi: Renvoi | None = None  # a cell « à part »: its statements are on its own pages, not listed


def cellule(ref: Referentiel, de: FichierActeur, envers: FichierActeur) -> Cellule:
    found_attentes, found_messages = attentes_envers(de, envers.id), messages_envers(de, envers.id)
    diagonal = de.id == envers.id
    resume = f"{pluriel(len(found_attentes), 'attente')}, {pluriel(len(found_messages), 'message')}"
    moved = renvoi(ref, de, envers.id, resume)
    attentes = [] if moved else vues(ref, found_attentes)
    messages = [] if moved else vues(ref, found_messages)
    return Cellule(
        id=cellule_ancre(de.id, envers.id),
        de=acteur_lien(de),
        envers=acteur_lien(envers),
        diagonale=diagonal,
        legende=case_legende(ref, de, envers.id),
        attentes=attentes,
        messages=messages,
        resume=resume,
        messages_compte=pluriel(len(found_messages), "message") if found_messages else "",
        vide=not found_attentes and not found_messages,
        paire_href=None if diagonal else paire_href(ref, de.id, envers.id),
        invitation=invitation(len(found_attentes)),
        proposer_attente=proposer_attente(ref, de, envers),
        proposer_message=None if diagonal else proposer_message(ref, de, envers),
        titre_court=f"{de.libelles.court} → {envers.libelles.court}",
        href=f"{MATRICE}#{cellule_ancre(de.id, envers.id)}",
        renvoi=moved,
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
    generales_renvoi: Renvoi | None = None  # expectations toward everyone « à part »


def generales(ref: Referentiel, de: FichierActeur) -> tuple[list[EnonceVue], Renvoi | None]:
    """The expectations of ``de`` toward everyone: listed, or their count and pages when « à part »."""
    found = attentes_envers(de, TOUS)
    moved = renvoi(ref, de, TOUS, pluriel(len(found), "attente"))
    return ([] if moved else vues(ref, found)), moved


@dataclass(frozen=True)
class Matrice:
    colonnes: list[ActeurLien]
    lignes: list[Ligne]
    communes: list[Lien]
    contribuer_href: str
    legende: str | None  # key to the marker of recipients chosen by the editors
    generales_titre: str = f"Attentes envers {TOUS_LES_ACTEURS}"  # heads each row's expectations toward all


def legende(cellules: list[Cellule], autres: list[EnonceVue] = ()) -> str | None:
    """The key to the editors' marker, if any expectation listed is marked."""
    return legende_destinataires([e.envers_editorial for c in cellules for e in c.attentes]
                                 + [e.envers_editorial for e in autres])


def matrice(ref: Referentiel) -> Matrice:
    lignes = []
    for de in ref.acteurs:
        listed, moved = generales(ref, de)
        lignes.append(Ligne(acteur=acteur_lien(de), cellules=[cellule(ref, de, envers) for envers in ref.acteurs],
                            generales=listed, generales_renvoi=moved))
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
    renvois: list[Renvoi] = ()  # cells « à part »: their count and pages, instead of their list


@dataclass(frozen=True)
class Fiche:
    acteur: ActeurLien
    titre: str
    persona: str
    attendu_de_moi: list[GroupeFiche]  # « Ce qu'ils attendent de moi », by sender
    ils_me_disent: list[MessageFiche]  # « Ce qu'ils me disent »
    j_attends: list[GroupeFiche]  # « Ce que j'attends des autres », by recipient
    je_leur_dis: list[MessageFiche]  # « Ce que je leur dis »
    ils_me_disent_renvois: list[Renvoi]  # messages of cells « à part », on their own pages
    je_leur_dis_renvois: list[Renvoi]
    enjeux: list[Lien]  # ``detail``: the enrichment mark of one from a later source (« Enrichissement : … »)
    pouvoirs: list[Lien]
    enjeux_renvoi: Renvoi | None  # too many to list: their count and the section's pages
    pouvoirs_renvoi: Renvoi | None
    questions: list[str]
    questions_editoriales: Editoriale | None  # the questions are the editors' words
    lignes_reponse: list[int]  # ruled lines under each question, for answers written by hand
    acteur_href: str
    legende: str | None


AUCUNE_ATTENTE = "Aucune attente pour l'instant."
LIGNES_REPONSE = 3


def de_a(de: FichierActeur, vers: FichierActeur) -> str:
    return f"{de.libelles.pluriel} → {vers.libelles.pluriel}"


def _groupe(titre: str, acteur: ActeurLien, c: Cellule) -> GroupeFiche:
    return GroupeFiche(titre=titre, acteur=acteur, attentes=c.attentes, vide=AUCUNE_ATTENTE,
                       renvois=[c.renvoi] if c.renvoi else [])


def _groupe_tous(ref: Referentiel, titre: str, senders: list[FichierActeur]) -> GroupeFiche | None:
    """The expectations of ``senders`` toward everyone, in one group (None when there is none)."""
    parts = [generales(ref, de) for de in senders]
    if not any(listed or moved for listed, moved in parts):
        return None
    return GroupeFiche(titre=titre, acteur=None, attentes=[e for listed, _ in parts for e in listed], vide="",
                       renvois=[moved for _, moved in parts if moved])


def _mes(ref: Referentiel, me: FichierActeur, rubrique: str, mot: str, mots: str) -> tuple[list[Lien], Renvoi | None]:
    """My enjeux (or pouvoirs) on my fiche: their titles; or, once my statements are split over
    pages (``routes.decoupage``) and they are more than a cell lists (``routes.SEUIL_CASE``), their
    count and a link to the pages of that section, as a cell « à part » leaves."""
    items = getattr(me, rubrique)
    parts = [p for p in decoupage(ref, me.id) if p.rubrique == rubrique]
    if not parts or len(items) <= routes.SEUIL_CASE:  # read when called: tests lower it
        return [Lien(texte=plain(s.titre), href=enonce_href(ref, s.id),
                     detail=marque_enrichissement(ref, ref.entry(s.id)) or "") for s in items], None
    section = f"{me.libelles.pluriel}\u00a0: {RUBRIQUES[rubrique].lower()}"
    return [], _vers_pages(pluriel(len(items), mot, mots), "section", section, parts)


@dataclass(frozen=True)
class Sens:
    """One direction of « Ma fiche »: expectations by actor (then toward all), messages in full."""

    groupes: list[GroupeFiche]
    messages: list[MessageFiche]
    renvois: list[Renvoi]  # messages of cells « à part », on their own pages
    cellules: list[Cellule]


def _vers_moi(ref: Referentiel, me: FichierActeur) -> Sens:
    """What each other actor expects of me and tells me, then what they expect of all."""
    others = ref.autres(me.id)
    cells = [cellule(ref, other, me) for other in others]
    general = _groupe_tous(ref, envers_titre(me, None), others)
    return Sens(
        groupes=[_groupe(o.libelles.pluriel, acteur_lien(o), c) for o, c in zip(others, cells)] + [g for g in [general] if g],
        messages=[MessageFiche(de_a(o, me), e) for o, c in zip(others, cells) for e in c.messages],
        renvois=[c.renvoi for c in cells if c.renvoi],
        cellules=cells,
    )


def _de_moi(ref: Referentiel, me: FichierActeur) -> Sens:
    """Everything I expect: of each actor in chapter order, my own peers included, then of all;
    what I tell the others."""
    cells = {a.id: cellule(ref, me, a) for a in ref.acteurs}
    others = [cells[a.id] for a in ref.autres(me.id)]
    general = _groupe_tous(ref, envers_titre(me, None), [me])
    groups = [_groupe(envers_titre(me, a, pairs="mes pairs"), acteur_lien(a), cells[a.id]) for a in ref.acteurs]
    return Sens(
        groupes=groups + [g for g in [general] if g],
        messages=[MessageFiche(de_a(me, ref.acteur(c.envers.id)), e) for c in others for e in c.messages],
        renvois=[c.renvoi for c in others if c.renvoi],
        cellules=list(cells.values()),
    )


def fiche(ref: Referentiel, acteur_id: str) -> Fiche:
    me = ref.acteur(acteur_id)
    recu, donne = _vers_moi(ref, me), _de_moi(ref, me)
    generals = [e for g in [*recu.groupes, *donne.groupes] if g.acteur is None for e in g.attentes]
    questions = list(ref.meta.questions_preparation)
    enjeux, enjeux_renvoi = _mes(ref, me, "enjeux", "enjeu", "enjeux")
    pouvoirs, pouvoirs_renvoi = _mes(ref, me, "pouvoirs", "pouvoir", "pouvoirs")
    return Fiche(
        acteur=acteur_lien(me),
        titre=me.titre,
        persona=me.persona.nom,
        attendu_de_moi=recu.groupes,
        ils_me_disent=recu.messages,
        j_attends=donne.groupes,
        je_leur_dis=donne.messages,
        ils_me_disent_renvois=recu.renvois,
        je_leur_dis_renvois=donne.renvois,
        enjeux=enjeux,
        pouvoirs=pouvoirs,
        enjeux_renvoi=enjeux_renvoi,
        pouvoirs_renvoi=pouvoirs_renvoi,
        questions=questions,
        questions_editoriales=QUESTIONS if questions else None,
        lignes_reponse=list(range(LIGNES_REPONSE)),
        acteur_href=acteur_href(acteur_id),
        legende=legende([*recu.cellules, *donne.cellules], generals),
    )


# -- a cell « à part » ---------------------------------------------------------------


@dataclass(frozen=True)
class CaseVue:
    """One page of a cell whose statements do not fit where the cell is shown (``routes.pages_case``)."""

    titre: str  # « Élus → Agents »
    situation: str  # « Ce que les élus attendent des agents, page 2 sur 3 (énoncés 31 à 60). »
    de: ActeurLien
    attentes: list[EnonceVue]
    messages: list[EnonceVue]
    retour: Lien  # the matrix, at the cell
    paire: Lien | None  # the pair page (None on the diagonal and toward everyone)
    precedente: Lien | None
    suivante: Lien | None
    proposer_attente: LienExterne
    proposer_message: LienExterne | None


def case(ref: Referentiel, de_id: str, envers: str, numero: int) -> CaseVue:
    de = ref.acteur(de_id)
    pages = pages_case(ref, de_id, envers)
    page = pages[numero - 1]
    here = set(page.ids)
    vers = None if envers == TOUS else ref.acteur(envers)
    before = pages[numero - 2] if numero > 1 else None
    after = pages[numero] if numero < len(pages) else None
    pair = vers is not None and vers.id != de.id
    return CaseVue(
        titre=case_titre(ref, de, envers),
        situation=case_legende(ref, de, envers) + ("" if page.total == 1 else f", {tranche_position(page)}") + ".",
        de=acteur_lien(de),
        attentes=[enonce(ref, a.id) for a in attentes_envers(de, envers) if a.id in here],
        messages=[enonce(ref, m.id) for m in messages_envers(de, envers) if m.id in here],
        retour=Lien(texte="La matrice des attentes",
                    href=f"{MATRICE}#{cellule_ancre(de.id, envers)}" if vers else f"{MATRICE}#ligne-{de.id}"),
        paire=Lien(texte=f"Face à face {paire_titre(de, vers)}", href=paire_href(ref, de.id, vers.id)) if pair else None,
        precedente=Lien(texte=tranche_position(before).capitalize(), href=before.href) if before else None,
        suivante=Lien(texte=tranche_position(after).capitalize(), href=after.href) if after else None,
        proposer_attente=proposer_attente(ref, de, vers),
        proposer_message=proposer_message(ref, de, vers) if pair else None,
    )
