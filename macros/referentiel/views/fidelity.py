"""Fidelity to the authors' text, as pages show it.

What the editors add is marked as theirs (``Editoriale``: a heading added for
navigation, a paraphrased detail, a recipient they chose), each typo they
corrected is shown with the printed text (``CorrectionVue``), and every block
of the authors' text that is not a statement gets its permanent id and a
copy-link (``BlocVue``, ids from ``referentiel.blocs``).

One marker for every editorial element: its ``libelle`` (visible, and read by
screen readers) and the data's reason, shown on demand.

What changes between the printed page and the data without being a correction
follows a stated rule (``TRANSCRIPTION``, listed on « À propos »): the fidelity
test (tests/test_transcription.py) applies these rules, and only these, when it
compares every authors' text with the publication.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..francais import extrait
from ..markup import paragraphs, plain
from ..model import Correction

TITRE_AJOUTE = "Titre ajouté pour la navigation"
DETAIL_REFORMULE = "Détail reformulé par l'équipe éditoriale"
DESTINATAIRE_DEDUIT = "Destinataire déduit par l'équipe éditoriale"
SIGNE = "✎"  # the visible sign of an editors' addition, always followed by words
LIENS_CHOISIS = "Liens choisis par l'équipe éditoriale"
QUESTIONS_AJOUTEES = "Questions de l'équipe éditoriale"


@dataclass(frozen=True)
class Editoriale:
    """An editors' addition: what it is (``libelle``) and why (``raison``, from the data)."""

    libelle: str
    raison: str
    signe: str = SIGNE


def editoriale(libelle: str, raison: str | None) -> Editoriale | None:
    """The marker of an editorial element, or ``None`` when the data records no reason."""
    return Editoriale(libelle=libelle, raison=raison) if raison else None


# Choices of the editors that have no reason in the data, because they are always the
# editors': the links between a shared statement and the actors' (the publication never
# says which statements a common expectation, an obstacle or a lesson restates), and the
# questions of « Ma fiche ».
RAPPROCHEMENTS = Editoriale(
    libelle=LIENS_CHOISIS,
    raison="La publication ne relie pas ces énoncés entre eux : l'équipe éditoriale les a rapprochés "
    "parce que leurs mots ou leur idée se répondent.",
)
QUESTIONS = Editoriale(
    libelle=QUESTIONS_AJOUTEES,
    raison="Ces questions ne sont pas dans la publication : l'équipe éditoriale les propose pour "
    "préparer la journée d'initiation.",
)


def legende_destinataires(marques: list[Editoriale | None]) -> str | None:
    """The key to the short marker, for a page that lists expectations (when one is marked)."""
    if not any(marques):
        return None
    return f"{SIGNE}\u00a0: {DESTINATAIRE_DEDUIT[0].lower()}{DESTINATAIRE_DEDUIT[1:]} (la source ne le nomme pas)."


@dataclass(frozen=True)
class CorrectionVue:
    """« coquille corrigée : « avant » → « apres » »."""

    avant: str
    apres: str


def corrections_vue(corrections: list[Correction]) -> list[CorrectionVue]:
    return [CorrectionVue(avant=c.avant, apres=c.apres) for c in corrections]


@dataclass(frozen=True)
class BlocVue:
    """A block of the authors' text that is not a statement: its id, text and copy-link."""

    id: str
    titre: str | None
    titre_simple: str  # what the copy-link names for screen readers
    paragraphes: list[str]
    editorial: Editoriale | None = None
    corrections: list[CorrectionVue] = field(default_factory=list)


def bloc(
    ident: str,
    texte: str | None,
    titre: str | None = None,
    titre_editorial: str | None = None,
    corrections: list[Correction] | None = None,
) -> BlocVue:
    return BlocVue(
        id=ident,
        titre=titre,
        titre_simple=plain(titre) if titre else extrait(plain(texte or "")),
        paragraphes=paragraphs(texte),
        editorial=editoriale(TITRE_AJOUTE, titre_editorial),
        corrections=corrections_vue(corrections or []),
    )


@dataclass(frozen=True)
class Regle:
    """A transcription rule: how the data writes what the page prints, stated to readers."""

    cle: str  # the name the fidelity test gives the rule it applies
    titre: str
    texte: str


TRANSCRIPTION = (
    Regle("capitales", "Bulles et titres en capitales",
          "la publication imprime les paroles des participants, leurs messages et les titres de chapitre "
          "en capitales ; le référentiel les écrit en phrases, avec une majuscule en début de phrase et aux "
          "noms propres, et restitue les accents que les capitales omettent (« ELUS » devient « élus »)."),
    Regle("listes", "Éléments de liste",
          "le «\u00a0;\u00a0» qui termine un élément de liste devient un point : chaque élément est écrit "
          "comme une phrase."),
    Regle("mise-en-page", "Mise en page",
          "les mots coupés en fin de ligne ou de page sont recollés, un passage interrompu par une bulle ou "
          "une note est remis d'un seul tenant, et les appels de note (¹, ²…) laissent place aux notes, "
          "données sous leur texte."),
    Regle("espaces", "Espaces",
          "le site applique la typographie française (espaces insécables avant les signes doubles et dans "
          "les guillemets), quelles que soient les espaces de l'imprimé."),
    Regle("extraits", "Extraits",
          "une citation partielle (le détail d'un chiffre clé) marque d'un «\u00a0[…]\u00a0» le texte qu'elle omet."),
    Regle("encadres", "Encadrés",
          "imprimés entre guillemets, ils sont présentés comme des citations : les guillemets qui les "
          "entourent sont ceux de l'affichage."),
)
