"""The page of one actor: portrait, statements with their bubbles and boxes in
the order of the chapter, expectations grouped by whom they address, messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blocs import blocs_acteur
from ..model import Encadre, FichierActeur, Verbatim
from ..referentiel import SECTION_LABELS, Referentiel
from .fidelity import BlocVue, bloc
from ..francais import pluriel
from .cross import vues
from .propositions import LienExterne, propositions_acteur
from .routes import (
    TOUS,
    Partie,
    acteur_href,
    attentes_envers,
    cellule_ancre,
    decoupage,
    fiche_href,
    messages_envers,
    pages_case,
    paire_href,
    pages_des_enonces,
    partie_position,
)
from .statements import ENRICHISSEMENT, ORIGINALE, ActeurLien, EnonceVue, Lien, acteur_lien, enonce, envers_titre, origine

@dataclass(frozen=True)
class Placement:
    """One statement with the bubbles and boxes printed after it."""

    enonce: EnonceVue
    apres: list[EnonceVue]


@dataclass(frozen=True)
class Rubrique:
    id: str
    titre: str
    chapeau: BlocVue | None
    avant: list[EnonceVue]  # bubbles/boxes placed before the first statement
    placements: list[Placement]  # empty when the section is split into pages of its own
    pages: list[Lien] = field(default_factory=list)  # those pages, when it is


@dataclass(frozen=True)
class GroupeAttentes:
    titre: str
    cible: ActeurLien | None
    attentes: list[EnonceVue]  # empty when the actor's page is split: then `resume` and `voir`
    resume: str = ""  # « 312 attentes »
    voir: Lien | None = None  # where they are listed (the pair page, the matrix cell)


@dataclass(frozen=True)
class ActeurVue:
    acteur: ActeurLien
    numero: int
    persona_nom: str
    persona: BlocVue  # titre: the persona's presentation
    titre: BlocVue  # the chapter's title (« Je suis l'élu… »)
    chapeau: BlocVue | None
    chapeau_apres: list[EnonceVue]
    chapeau_messages: BlocVue | None
    introduction: BlocVue
    profil: BlocVue
    rubriques: list[Rubrique]
    attentes_par_cible: list[GroupeAttentes]
    messages_envoyes: list[EnonceVue]
    messages_recus: list[EnonceVue]
    fiche_href: str
    autres: list[ActeurLien]
    proposer_intro: str  # invites to propose a statement of this actor
    filtre: FiltreOrigine  # show only the original publication, or only the enrichments
    propositions: list[LienExterne]  # the issue forms, prefilled with this actor
    # When the actor's statements do not fit one page (routes.decoupage): each section links
    # to its pages; received messages are summed up by sender; `ancres` lets the old
    # anchors of this page land on the page that now holds them (read by referentiel.js).
    decoupe: bool = False
    messages_pages: list[Lien] = field(default_factory=list)
    recus_par_acteur: list[Lien] = field(default_factory=list)
    ancres: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Apartes:
    """The bubbles and boxes of one section: those placed first, and those after each id."""

    avant: list[EnonceVue]
    apres: dict[str, list[EnonceVue]]

    def suivis(self, views: list[EnonceVue]) -> list[EnonceVue]:
        """Views followed by whatever is placed after them, recursively."""
        out = []
        for view in views:
            out.append(view)
            out.extend(self.suivis(self.apres.get(view.id, [])))
        return out

    def ouverture(self) -> list[EnonceVue]:
        return self.suivis(self.avant)

    def apres_enonce(self, ident: str) -> list[EnonceVue]:
        return self.suivis(self.apres.get(ident, []))


def apartes(ref: Referentiel, acteur: FichierActeur, section: str) -> Apartes:
    items: list[Verbatim | Encadre] = [*acteur.verbatims, *acteur.encadres]
    layout = [*acteur.enjeux, *acteur.pouvoirs, *acteur.attentes, *acteur.verbatims, *acteur.encadres]
    order = {item.id: i for i, item in enumerate(layout)}
    found = Apartes(avant=[], apres={})
    for item in sorted(items, key=lambda x: order.get(x.id, 0)):
        if item.section != section:
            continue
        view = enonce(ref, item.id)
        if item.apres is None:
            found.avant.append(view)
        else:
            found.apres.setdefault(item.apres, []).append(view)
    return found


def ids_blocs(acteur: FichierActeur) -> dict[tuple[str, ...], str]:
    """Field path (``("chapeaux", "enjeux")``) → derived id of that block of the chapter."""
    return {b.chemins[0]: b.id for b in blocs_acteur(acteur)}


def rubriques(ref: Referentiel, acteur: FichierActeur) -> list[Rubrique]:
    """The three sections of statements, each with its opening text and its asides."""
    ids = ids_blocs(acteur)
    contents = {
        "enjeux": (acteur.chapeaux.enjeux, acteur.enjeux),
        "pouvoirs": (acteur.chapeaux.pouvoirs, acteur.pouvoirs),
        "attentes": (acteur.chapeaux.attentes, acteur.attentes),
    }
    parts = decoupage(ref, acteur.id)
    out = []
    for section, (chapeau, statements) in contents.items():
        placed = apartes(ref, acteur, section)
        out.append(
            Rubrique(
                id=section,
                titre=SECTION_LABELS[section],
                chapeau=bloc(ids[("chapeaux", section)], chapeau) if chapeau else None,
                avant=placed.ouverture(),
                placements=[] if parts else [
                    Placement(enonce=enonce(ref, s.id), apres=placed.apres_enonce(s.id)) for s in statements
                ],
                pages=liens_parties(parts, section),
            )
        )
    return out


def liens_parties(parts: list[Partie], rubrique: str) -> list[Lien]:
    """Links to the pages of one split section: « Page 2 sur 11 », « énoncés 61 à 120 »."""
    out, first = [], 1
    for part in (p for p in parts if p.rubrique == rubrique):
        last = first + len(part.ids) - 1
        detail = f"énoncé {first}" if first == last else f"énoncés {first} à {last}"
        out.append(Lien(texte=partie_position(part).capitalize(), href=part.href, detail=detail))
        first = last + 1
    return out


def ancres(ref: Referentiel, acteur: FichierActeur) -> dict:
    """Every anchor of the unsplit page that now lives on one of its pages: statements,
    their former ids and their list items → index in ``pages`` (root-relative hrefs)."""
    held = pages_des_enonces(ref, acteur.id)
    if not held:
        return {}
    pages = [p.href for p in decoupage(ref, acteur.id)]
    number = {href: i for i, href in enumerate(pages)}
    out: dict[str, int] = {}
    for ident, part in held.items():
        entry = ref.entry(ident)
        for anchor in [ident, *entry.alias, *(e.id for e in entry.elements if e.id)]:
            out.setdefault(anchor, number[part.href])
    return {"pages": pages, "ancres": out}


def acteur_vue(ref: Referentiel, acteur_id: str) -> ActeurVue:
    acteur = ref.acteur(acteur_id)
    ids = ids_blocs(acteur)
    others = ref.autres(acteur_id)
    split = bool(decoupage(ref, acteur_id))
    return ActeurVue(
        acteur=acteur_lien(acteur),
        numero=acteur.numero,
        persona_nom=acteur.persona.nom,
        persona=bloc(ids[("persona",)], acteur.persona.description, titre=acteur.persona.presentation,
                     corrections=acteur.persona.corrections),
        titre=bloc(ids[("titre",)], None, titre=acteur.titre),
        chapeau=bloc(ids[("chapeau",)], acteur.chapeau) if acteur.chapeau else None,
        chapeau_apres=apartes(ref, acteur, "chapeau").ouverture() + apartes(ref, acteur, "messages").ouverture(),
        chapeau_messages=bloc(ids[("chapeaux", "messages")], acteur.chapeaux.messages)
        if acteur.chapeaux.messages else None,
        introduction=bloc(ids[("introduction",)], acteur.introduction.texte, titre=acteur.introduction.titre,
                          corrections=acteur.introduction.corrections),
        profil=bloc(ids[("profil",)], acteur.profil.texte, titre=acteur.profil.titre,
                    corrections=acteur.profil.corrections),
        rubriques=rubriques(ref, acteur),
        attentes_par_cible=groupes_attentes(ref, acteur),
        messages_envoyes=[] if split else vues(ref, acteur.messages),
        messages_recus=[] if split else [v for other in others for v in vues(ref, messages_envers(other, acteur_id))],
        fiche_href=fiche_href(acteur_id),
        autres=[acteur_lien(a) for a in others],
        **(decoupe_vue(ref, acteur) if split else {}),
        proposer_intro=(f"Vous avez entendu, lors d'une journée de groupe de pairs, un enjeu, un pouvoir, une attente "
                        f"ou un message {acteur.libelles.des} qui manque ici\u00a0? Proposez-le\u00a0: un formulaire "
                        "s'ouvre sur GitHub, déjà rempli pour cet acteur, et l'équipe éditoriale le relit."),
        propositions=propositions_acteur(ref, acteur),
        filtre=filtre_origine(ref, acteur),
    )


@dataclass(frozen=True)
class OptionFiltre:
    valeur: str  # « tout », or an origin of EnonceVue.origine
    libelle: str
    annonce: str  # what a screen reader hears once chosen (« 3 énoncés affichés »)


@dataclass(frozen=True)
class FiltreOrigine:
    legende: str
    options: list[OptionFiltre]


def filtre_origine(ref: Referentiel, acteur: FichierActeur) -> FiltreOrigine:
    """The control that shows every statement of the page, only the original publication's, or only
    the enrichments (later peer-group days, other publications), with how many each choice shows."""
    entries = ref.entries(acteur=acteur.id)
    counts = {o: sum(1 for e in entries if origine(ref, e) == o) for o in (ORIGINALE, ENRICHISSEMENT)}

    def annonce(n: int) -> str:
        return f"{pluriel(n, 'énoncé affiché', 'énoncés affichés')}" if n else "Aucun énoncé pour ce choix"

    return FiltreOrigine(
        legende="Afficher",
        options=[
            OptionFiltre("tout", f"Tout ({len(entries)})", annonce(len(entries))),
            OptionFiltre(ORIGINALE, f"La publication d'origine ({counts[ORIGINALE]})", annonce(counts[ORIGINALE])),
            OptionFiltre(ENRICHISSEMENT, f"Les enrichissements ({counts[ENRICHISSEMENT]})",
                         annonce(counts[ENRICHISSEMENT])),
        ],
    )


def decoupe_vue(ref: Referentiel, acteur: FichierActeur) -> dict:
    """The fields of a split actor page (see ``ActeurVue``)."""
    recus = []
    for other in ref.autres(acteur.id):
        n = len(messages_envers(other, acteur.id))
        if n:
            recus.append(Lien(texte=other.libelles.pluriel, href=paire_href(ref, other.id, acteur.id),
                              detail=pluriel(n, "message")))
    return {
        "decoupe": True,
        "messages_pages": liens_parties(decoupage(ref, acteur.id), "messages"),
        "recus_par_acteur": recus,
        "ancres": ancres(ref, acteur),
    }


def groupes_attentes(ref: Referentiel, acteur: FichierActeur) -> list[GroupeAttentes]:
    """The actor's expectations grouped by whom they address (peers, each other, everyone).

    On a split page, each group is summed up (« 312 attentes ») with a link to where they
    are listed: the pair's page, or the matrix cell for the peers."""
    split = bool(decoupage(ref, acteur.id))
    groups = []
    for target in [acteur, *ref.autres(acteur.id)]:
        found = attentes_envers(acteur, target.id)
        if not found:
            continue
        titre = envers_titre(acteur, target)
        if target.id == acteur.id:
            voir = Lien(texte="Dans la matrice", href=f"matrice/#{cellule_ancre(acteur.id, acteur.id)}")
        else:
            voir = Lien(texte="Face à face", href=paire_href(ref, acteur.id, target.id))
        # too many for the pair page or the matrix: straight to the cell's own pages
        voir = _pages_de_la_case(ref, acteur.id, target.id) or voir
        groups.append(GroupeAttentes(
            titre=titre, cible=acteur_lien(target), attentes=[] if split else vues(ref, found),
            resume=pluriel(len(found), "attente") if split else "", voir=voir if split else None,
        ))
    general = attentes_envers(acteur, TOUS)
    if general:
        groups.append(GroupeAttentes(
            titre=envers_titre(acteur, None), cible=None, attentes=[] if split else vues(ref, general),
            resume=pluriel(len(general), "attente") if split else "",
            voir=_pages_de_la_case(ref, acteur.id, TOUS) if split else None,
        ))
    return groups


def _pages_de_la_case(ref: Referentiel, de_id: str, envers: str) -> Lien | None:
    """The link to a cell's own pages when it is « à part »; None when it is listed where shown."""
    pages = pages_case(ref, de_id, envers)
    return Lien(texte="Les pages de la case", href=pages[0].href) if pages else None


@dataclass(frozen=True)
class PartieVue:
    """One page of a split section of an actor's statements."""

    acteur: ActeurLien
    titre: str  # « Mes enjeux »
    position: str  # « page 2 sur 11 »
    retour: Lien  # the actor's page, at this section
    precedente: Lien | None
    suivante: Lien | None
    bulles: bool  # messages are laid out as bubbles
    placements: list[Placement]


def partie_vue(ref: Referentiel, acteur_id: str, rubrique: str, numero: int) -> PartieVue:
    acteur = ref.acteur(acteur_id)
    parts = [p for p in decoupage(ref, acteur_id) if p.rubrique == rubrique]
    part = parts[numero - 1]
    placed = apartes(ref, acteur, rubrique)
    before = parts[numero - 2] if numero > 1 else None
    after = parts[numero] if numero < len(parts) else None
    return PartieVue(
        acteur=acteur_lien(acteur),
        titre=SECTION_LABELS[rubrique],
        position=partie_position(part),
        retour=Lien(texte=f"{acteur.libelles.pluriel} : la page de l'acteur",
                    href=f"{acteur_href(acteur_id)}#{rubrique}"),
        precedente=Lien(texte=partie_position(before).capitalize(), href=before.href) if before else None,
        suivante=Lien(texte=partie_position(after).capitalize(), href=after.href) if after else None,
        bulles=rubrique == "messages",
        placements=[Placement(enonce=enonce(ref, i), apres=placed.apres_enonce(i)) for i in part.ids],
    )
