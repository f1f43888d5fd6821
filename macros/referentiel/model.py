"""The data model of the référentiel: the single source of truth.

Every YAML file in ``data/`` is validated against one of the ``Fichier*``
models below; the JSON Schema offered to contributors' editors is generated
from them (see ``schema.py``). Field names are French because the YAML files
are the contributors' interface; descriptions are French because editors show
them as hover help.

This module imports nothing from MkDocs.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal, Sequence, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    create_model,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from .aide import describe_fields
from .francais import enumeration

SCHEMA_VERSION = "1.0"

# Every custom error the model raises: type → French message (with {placeholders}).
# ``errors.translate`` passes these through as they are: listed once, here.
CUSTOM_ERRORS: dict[str, str] = {
    "yaml_ambigu": "« {valeur} » serait lu comme {genre} par d'autres outils YAML : "
    "mettez ce texte entre guillemets (\"{valeur}\")",
    "texte_vide": "le texte est vide",
    "texte_a_completer": "texte à compléter : remplacez « À COMPLÉTER… » par le texte du groupe",
    "identifiant_a_completer": "identifiant provisoire « {valeur} » : remplacez-le par un identifiant tiré "
    "du titre (minuscules sans accents, chiffres et tirets, ex. agent-attente-associer-amont)",
    "source_inconnue": "source « {valeur} » inconnue : chaque source est un fichier de data/sources/ "
    "(data/sources/<identifiant>.yaml ; sources connues : {connues}){indice}",
    "source_du_dossier": "champ « source » inutile ici : la source de cet énoncé est le dossier qui le contient "
    "(data/sources/<source>/) ; supprimez ce champ",
    "journee_incomplete": "une journée de groupe de pairs indique sa date complète, son lieu et l'organisation "
    "qui l'anime ; ici, il manque {manque}",
    "acteur_inconnu": "« {valeur} » n'est pas un acteur connu ({connus}){indice}",
    "date_impossible": "date impossible « {valeur} » : vérifiez le mois et le jour",
    "element_vide": "un élément de liste doit avoir un « titre » ou un « texte »",
    "enonce_sans_texte": "l'énoncé « {titre} » n'a ni « texte » ni « elements » (ni « note_editoriale » "
    "expliquant pourquoi la source n'en donne pas)",
    "encadre_vide": "un encadré doit avoir un « texte » ou des « elements »",
    "section_sans_titre": "champ obligatoire « titre » manquant",
    "correction_introuvable": "correction « {avant} » → « {apres} » : le texte corrigé « {apres} » "
    "n'apparaît pas dans ce texte",
    "reference_mot": "indiquez soit « document » (une source), soit « reference » (une référence publique)",
}


def refus(error_type: str, **context: str) -> PydanticCustomError:
    """The custom error ``error_type`` of ``CUSTOM_ERRORS``, to raise in a validator."""
    return PydanticCustomError(error_type, CUSTOM_ERRORS[error_type], context)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX_LENGTH = 80
TEXT_MAX_LENGTH = 20_000

# The four Fantastiques, in chapter order: the single list of actor ids. An actor
# file must be named after one of them; every field naming an actor accepts only
# these (the JSON Schema enums are generated from this tuple).
ACTOR_IDS: tuple[str, ...] = ("elu", "agent", "socio-economique", "etat")
EVERYONE = "tous"

# ---------------------------------------------------------------------------
# Scalar types
# ---------------------------------------------------------------------------


class PlainScalar(str):
    """A string read from an unquoted YAML scalar.

    ``yaml11`` names what YAML 1.1 (PyYAML ``safe_load`` and many other tools)
    would have turned it into: "booléen", "nombre", "date"… or ``None`` when the
    scalar is plain text everywhere. The loader builds these; text fields
    refuse the ambiguous ones so that ``titre: no`` never becomes ``False``
    somewhere else.
    """

    yaml11: str | None

    def __new__(cls, value: str, yaml11: str | None = None) -> "PlainScalar":
        obj = super().__new__(cls, value)
        obj.yaml11 = yaml11
        return obj


def _refuse_ambiguous(value: object) -> object:
    kind = getattr(value, "yaml11", None)
    if kind in ("booléen", "nombre", "nombre sexagésimal", "date"):
        raise refus("yaml_ambigu", valeur=str(value), genre=_ARTICLES[kind])
    return value


_ARTICLES = {
    "booléen": "un booléen (vrai/faux)",
    "nombre": "un nombre",
    "nombre sexagésimal": "un nombre sexagésimal (12:30 = 750)",
    "date": "une date",
}


PLACEHOLDER_TEXTS = ("À COMPLÉTER", "A COMPLETER")  # what `python -m referentiel new` leaves to write
PLACEHOLDER_ID = "a-completer"  # the same, as it would become in an id, a file name or a source


def is_placeholder_id(value: str) -> bool:
    """Whether an id (or a file name that becomes one) still holds the placeholder « a-completer »."""
    return f"-{PLACEHOLDER_ID}-" in f"-{value}-"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise refus("texte_vide")
    if any(mark in value for mark in PLACEHOLDER_TEXTS):
        raise refus("texte_a_completer")
    return value.strip()


def _not_placeholder(value: str) -> str:
    if is_placeholder_id(value):
        raise refus("identifiant_a_completer", valeur=value)
    return value


Texte = Annotated[
    str,
    BeforeValidator(_refuse_ambiguous),
    AfterValidator(_not_blank),
    Field(min_length=1, max_length=TEXT_MAX_LENGTH),
]
"""Free text in French. Paragraphs are separated by a blank line;
``*italique*`` and ``**gras**`` are the only markup."""

Identifiant = Annotated[
    str,
    BeforeValidator(_refuse_ambiguous),
    AfterValidator(_not_placeholder),
    Field(
        pattern=ID_PATTERN,
        max_length=ID_MAX_LENGTH,
        description="Identifiant permanent : minuscules sans accents, chiffres et tirets "
        "(ex. elu-enjeu-contradictions). Il sert d'ancre dans les liens : "
        "ne le changez pas, ajoutez plutôt l'ancien dans « alias ».",
        json_schema_extra={"pattern": ID_PATTERN},  # pydantic drops it behind a BeforeValidator
    ),
]

# Actor references are checked against the loaded actors by the validator (which
# suggests the closest id); the schema offers editors the list itself.
ActeurRef = Annotated[
    str,
    BeforeValidator(_refuse_ambiguous),
    Field(
        pattern=ID_PATTERN,
        max_length=ID_MAX_LENGTH,
        description="Identifiant d'un des quatre acteurs (" + ", ".join(ACTOR_IDS) + ").",
        json_schema_extra={"enum": list(ACTOR_IDS)},
    ),
]

ActeurOuTous = Annotated[
    str,
    BeforeValidator(_refuse_ambiguous),
    Field(
        pattern=ID_PATTERN,
        max_length=ID_MAX_LENGTH,
        description="Identifiant d'un des quatre acteurs (" + ", ".join(ACTOR_IDS) + "), "
        f"ou « {EVERYONE} ».",
        json_schema_extra={"enum": [*ACTOR_IDS, EVERYONE]},
    ),
]

def _known_source(value: str, info: ValidationInfo) -> str:
    """A source named by a statement or a file exists. The loader passes the ids of the files of
    data/sources/ as the validation context (``{"sources": …}``), read before anything else, so that
    an unknown source is reported with the file's other errors, in one round."""
    known = (info.context or {}).get("sources")
    if known is not None and value not in known:
        from .errors import suggestion  # errors imports this module: imported when first needed

        raise refus("source_inconnue", valeur=value, connues=", ".join(sorted(known)) or "aucune",
                    indice=suggestion(value, sorted(known), n=1))
    return value


SourceRef = Annotated[
    Identifiant,
    AfterValidator(_known_source),
    Field(description="Identifiant d'une source : le nom d'un fichier de data/sources/ (sans « .yaml »)."),
]


def _known_actor(value: str, info: ValidationInfo, everyone: bool = False) -> str:
    """An actor named by a statement exists. Checked when the loader passes the actors' ids as the
    validation context (``{"acteurs": …}``), with the file's other errors; the tests' small
    référentiels name actors of their own."""
    known = (info.context or {}).get("acteurs")
    if known is None or value in known or (everyone and value == EVERYONE):
        return value
    raise acteur_inconnu(value, known, everyone)


def acteur_inconnu(value: str, known: Sequence[str] = ACTOR_IDS, everyone: bool = False,
                   shown: str | None = None) -> PydanticCustomError:
    """« « maire » n'est pas un acteur connu (…) », with the closest actor: the one wording of an unknown
    actor, whether the actors refuse it (``_known_actor``) or its shape does (``errors.translate``, which
    shows the value ``shown`` shortened)."""
    from .errors import suggestion  # errors imports this module: imported when first needed

    candidates = [*known, *([EVERYONE] if everyone else [])]
    listed = ", ".join(known) + (f" ou « {EVERYONE} »" if everyone else "")
    # The value last: what it holds is never read as a placeholder of the message.
    return refus("acteur_inconnu", connus=listed, indice=suggestion(value, candidates, n=1),
                 valeur=value if shown is None else shown)


ActeurConnu = Annotated[ActeurRef, AfterValidator(_known_actor)]
ActeurConnuOuTous = Annotated[ActeurOuTous, AfterValidator(lambda v, info: _known_actor(v, info, everyone=True))]


def _real_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    except ValueError:
        raise refus("date_impossible", valeur=value) from None
    return value


Date = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if getattr(v, "yaml11", None) == "date" else v),
    AfterValidator(_real_date),
    Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="Date au format AAAA, AAAA-MM ou AAAA-MM-JJ.",
        json_schema_extra={"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
    ),
]

SectionActeur = Literal["chapeau", "enjeux", "pouvoirs", "attentes", "messages"]


# ---------------------------------------------------------------------------
# Fidelity to the authors' text: what the editors add is marked as theirs
# ---------------------------------------------------------------------------
# One mechanism everywhere: a field whose name ends in « _editorial » marks
# the neighbouring value as the editors' (not the authors'), and its value is
# the reason, in French, shown to readers. « note_editoriale » is an editors'
# note shown apart from the statement; « corrections » keeps every typo the
# editors corrected, with the text as printed.

RaisonEditoriale = Annotated[
    str,
    BeforeValidator(lambda v: _refuse_ambiguous(v)),
    AfterValidator(lambda v: _not_blank(v)),
    Field(
        max_length=2_000,
        description="Ajout de l'équipe éditoriale (absent de la publication) : écrivez pourquoi, "
        "en une phrase ; elle est montrée aux lecteurs.",
    ),
]


class Strict(BaseModel):
    """Base of every model: unknown fields are errors (a typo is never ignored)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, regex_engine="python-re", json_schema_extra=describe_fields
    )


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


class Provenance(Strict):
    """Where a statement comes from. Omitted, it defaults to the file's source
    and to the section the statement sits in."""

    document: SourceRef
    section: Texte | None = Field(
        default=None, description="Section ou rubrique de la source (déduite si absente)."
    )
    page: int | None = Field(default=None, ge=1, le=9999, description="Page dans la source.")


class Note(Strict):
    """A footnote that carries information."""

    texte: Texte


class Element(Strict):
    """One item of a list inside a statement or section (a bullet, a sub-part)."""

    id: Identifiant | None = None
    titre: Texte | None = Field(default=None, description="Intitulé de l'élément, s'il en a un.")
    texte: Texte | None = None
    notes: list[Note] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_content(self) -> "Element":
        if self.titre is None and self.texte is None:
            raise refus("element_vide")
        return self


class Correction(Strict):
    """A typo of the publication, corrected in the data (« coquilles corrigées,
    original conservé »): the printed text stays recoverable."""

    avant: Texte = Field(
        description="Le passage tel qu'il est imprimé dans la source, coquille comprise "
        "(assez de mots pour qu'il soit unique)."
    )
    apres: Texte = Field(
        description="Le même passage corrigé, tel qu'il figure dans ce fichier."
    )


class Corrige(Strict):
    """A block of the authors' text whose typos may be corrected, originals kept."""

    corrections: list[Correction] = Field(
        default_factory=list,
        description="Coquilles de la source corrigées dans ce texte : pour chacune, le passage "
        "imprimé (« avant ») et le passage corrigé (« apres »). Le texte d'origine reste ainsi "
        "retrouvable ; ne corrigez jamais une coquille sans l'inscrire ici.",
    )

    @model_validator(mode="after")
    def _corrections_apply(self) -> "Corrige":
        texts = statement_texts(self)
        for correction in self.corrections:
            if not any(correction.apres in t for t in texts):
                raise refus("correction_introuvable", avant=correction.avant, apres=correction.apres)
        return self


class Base(Corrige):
    """What every statement has: a permanent id, its former ids, its provenance."""

    id: Identifiant
    alias: list[Identifiant] = Field(
        default_factory=list,
        description="Anciens identifiants de cet énoncé : les anciens liens y mènent encore.",
    )
    source: Provenance | None = Field(
        default=None, description="Provenance, si elle diffère de celle du fichier."
    )


def statement_texts(statement: BaseModel) -> list[str]:
    """Every text of a statement, section or persona (title, text, list items, follow-up,
    notes), in order."""
    texts: list[str] = []
    for name in ("titre", "texte", "presentation", "description"):
        if value := getattr(statement, name, None):
            texts.append(value)
    for element in getattr(statement, "elements", []) or []:
        texts.extend(t for t in (element.titre, element.texte) if t)
        texts.extend(n.texte for n in element.notes)
    if citation := getattr(statement, "citation", None):
        texts.append(citation.texte)
    if suite := getattr(statement, "suite", None):
        texts.append(suite)
    texts.extend(n.texte for n in getattr(statement, "notes", []) or [])
    return texts


class Enonce(Base):
    """A statement: a titled text (an enjeu, a pouvoir, a principle…)."""

    titre: Texte = Field(description="Le titre exactement tel que la source le formule.")
    texte: Texte | None = Field(
        default=None, description="Le texte intégral (paragraphes séparés par une ligne vide)."
    )
    elements: list[Element] = Field(
        default_factory=list, description="Sous-parties ou liste à puces de l'énoncé."
    )
    suite: Texte | None = Field(default=None, description="Texte qui suit la liste d'éléments.")
    notes: list[Note] = Field(default_factory=list, description="Notes de bas de page.")
    note_editoriale: Texte | None = Field(
        default=None,
        description="Note de l'équipe éditoriale (pas des auteurs) : elle est montrée à part, "
        "comme une note, jamais comme le texte de l'énoncé.",
    )


class EnonceActeur(Enonce):
    """An actor's enjeu or pouvoir: it must say something beyond its title
    (or, for an idea known only by its title, an editors' note saying so)."""

    @model_validator(mode="after")
    def _has_body(self) -> "EnonceActeur":
        if self.texte is None and not self.elements and self.note_editoriale is None:
            raise refus("enonce_sans_texte", titre=self.titre)
        return self


class Attente(EnonceActeur):
    """An expectation, addressed to one or several actors (or to everyone)."""

    envers: list[ActeurConnuOuTous] = Field(
        min_length=1,
        description="À qui s'adresse l'attente : un ou plusieurs acteurs ; l'acteur lui-même "
        "pour ses pairs ; « tous » pour une attente générale.",
    )
    envers_editorial: RaisonEditoriale | None = Field(
        default=None,
        description="Si la source ne dit pas à qui s'adresse l'attente, c'est l'équipe éditoriale "
        "qui a choisi « envers » : écrivez ici la raison de ce choix (elle est montrée avec "
        "la mention « destinataire déduit par l'équipe éditoriale »).",
    )


class Message(Base):
    """A speech bubble addressed to another actor."""

    destinataire: ActeurConnu = Field(description="L'acteur à qui le message s'adresse.")
    texte: Texte = Field(description="Le message, en phrases (pas en capitales).")


class Verbatim(Base):
    """A speech bubble that addresses nobody in particular."""

    texte: Texte
    section: SectionActeur = Field(description="La rubrique du chapitre où il figure.")
    apres: Identifiant | None = Field(
        default=None, description="Identifiant de l'énoncé après lequel il figure."
    )
    concerne: list[ActeurConnu] = Field(
        default_factory=list, description="Acteurs dont il parle (pour les pages « Face à face »)."
    )


class Encadre(Base):
    """A boxed quote or list inside a chapter (e.g. « Le Binôme élus-agents »)."""

    titre: Texte | None = None
    texte: Texte | None = None
    elements: list[Element] = Field(default_factory=list)
    section: SectionActeur
    apres: Identifiant | None = None
    concerne: list[ActeurConnu] = Field(
        default_factory=list, description="Acteurs dont il parle (pour les pages « Face à face »)."
    )

    @model_validator(mode="after")
    def _has_body(self) -> "Encadre":
        if self.texte is None and not self.elements:
            raise refus("encadre_vide")
        return self


class Section(Corrige):
    """A titled piece of prose (introduction, about pages)."""

    id: Identifiant
    titre: Texte | None = Field(default=None, description="Obligatoire, sauf pour un « bloc » seul.")
    titre_editorial: RaisonEditoriale | None = Field(
        default=None,
        description="Si ce titre n'est pas dans la source (ajouté par l'équipe éditoriale pour "
        "la navigation) : écrivez pourquoi. Le titre est alors marqué comme éditorial.",
    )
    texte: Texte | None = None
    citation: Citation | None = None
    bloc: Literal["freins", "principes"] | None = Field(
        default=None,
        description="Bloc partagé (data/freins.yaml, data/principes.yaml) inséré après le texte "
        "et la citation : son texte n'est écrit qu'une fois.",
    )
    elements: list[Element] = Field(default_factory=list)
    suite: Texte | None = None
    notes: list[Note] = Field(default_factory=list)
    sous_sections: list[Section] = Field(default_factory=list)
    source: Provenance | None = None

    @model_validator(mode="after")
    def _has_title(self) -> "Section":
        if self.titre is None and self.bloc is None:
            raise refus("section_sans_titre")
        return self


class Citation(Strict):
    texte: Texte
    attribution: Texte | None = None


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


class Libelles(Strict):
    """How the actor is named in generated sentences."""

    singulier: Texte = Field(description="Ex. « Élu ».")
    en_phrase: Texte = Field(
        description="Le singulier au fil d'une phrase ou d'un titre (« Ma fiche : élu ») : en minuscule, "
        "sauf les noms propres qui gardent leur majuscule (« agent de l'État territorial »)."
    )
    pluriel: Texte = Field(description="Ex. « Élus ».")
    court: Texte = Field(description="Forme courte pour les tableaux, ex. « État ».")
    les: Texte = Field(description="Ex. « les élus ».")
    des: Texte = Field(description="Ex. « des élus », « de l'État ».")
    aux: Texte = Field(description="Ex. « aux élus », « à l'État ».")


class Persona(Corrige):
    nom: Texte = Field(description="Le personnage des 4 Fantastiques, ex. « Mister Fantastique ».")
    presentation: Texte = Field(description="Ex. « Mister Fantastique est l'élu. »")
    description: Texte


class BlocTitre(Corrige):
    """A titled text of an actor's chapter (its introduction, its participants' profile)."""

    titre: Texte
    texte: Texte


class Chapeaux(Strict):
    """Text that opens a section of the chapter, before its statements."""

    enjeux: Texte | None = None
    pouvoirs: Texte | None = None
    attentes: Texte | None = None
    messages: Texte | None = None


class FichierActeur(Strict):
    """data/acteurs/<id>.yaml: one of the four Fantastiques."""

    id: ActeurRef = Field(description="Identique au nom du fichier : un des quatre acteurs.")
    numero: int = Field(ge=1, le=99, description="Numéro du chapitre, et ordre d'affichage.")
    libelles: Libelles
    persona: Persona
    titre: Texte = Field(description="Titre du chapitre (« Je suis l'élu… »).")
    chapeau: Texte | None = Field(default=None, description="Texte d'ouverture du chapitre.")
    introduction: BlocTitre = Field(description="« … à l'heure des transitions ».")
    profil: BlocTitre = Field(description="« Profil des participants ».")
    source: SourceRef = Field(description="Source par défaut des énoncés de ce fichier.")
    chapeaux: Chapeaux = Field(default_factory=Chapeaux)
    enjeux: list[EnonceActeur] = Field(min_length=1)
    pouvoirs: list[EnonceActeur] = Field(min_length=1)
    attentes: list[Attente] = Field(min_length=1)
    messages: list[Message] = Field(default_factory=list)
    verbatims: list[Verbatim] = Field(default_factory=list)
    encadres: list[Encadre] = Field(default_factory=list)


class EnoncePartage(Enonce):
    """A statement of a shared list (obstacle, lesson…) that may restate what actors said."""

    derive_de: list[Identifiant] = Field(
        default_factory=list,
        description="Identifiants des énoncés des acteurs que cet énoncé reprend, quand le texte "
        "le permet (pas tous les liens possibles).",
    )


class Principe(EnoncePartage):
    pass


class FichierListe(Strict):
    """What a shared list file has around its list: a source, a title, an introduction."""

    source: SourceRef = Field(description="Source par défaut des énoncés de ce fichier.")
    titre: Texte
    titre_editorial: RaisonEditoriale | None = Field(
        default=None,
        description="Si ce titre n'est pas dans la source (ajouté par l'équipe éditoriale pour "
        "la navigation) : écrivez pourquoi. Le titre est alors marqué comme éditorial.",
    )
    texte: Texte = Field(description="Le texte qui introduit la liste.")

    @property
    def texte_avant(self) -> str | None:
        """The text printed before the list (every list file has the same accessors)."""
        return self.texte

    @property
    def texte_apres(self) -> str | None:
        """The text printed after the list."""
        return None


class FichierPrincipes(FichierListe):
    """data/principes.yaml: the four guiding principles."""

    principes: list[Principe] = Field(min_length=1)
    suite: Texte | None = None

    @property
    def texte_apres(self) -> str | None:
        return self.suite


class FichierFreins(FichierListe):
    """data/freins.yaml: the obstacles the four share."""

    freins: list[EnoncePartage] = Field(min_length=1)
    suite: Texte | None = None

    @property
    def texte_apres(self) -> str | None:
        return self.suite


class AttenteCommune(EnoncePartage):
    derive_de: list[Identifiant] = Field(
        min_length=1,
        description="Identifiants des énoncés des acteurs que cette attente commune synthétise.",
    )


class FichierAttentesCommunes(FichierListe):
    """data/attentes-communes.yaml: the common expectations of the conclusion."""

    attentes: list[AttenteCommune] = Field(min_length=1)


class FichierEnseignements(Strict):
    """data/enseignements.yaml: the animators' lessons."""

    source: SourceRef
    titre: Texte
    enseignements: list[EnoncePartage] = Field(min_length=1)
    conclusion: Texte | None = Field(
        default=None, description="La phrase qui clôt la liste des enseignements dans la source."
    )

    @property
    def titre_editorial(self) -> str | None:
        """The lessons' title is the publication's (every list file has the same accessors)."""
        return None

    @property
    def texte_avant(self) -> str | None:
        return None

    @property
    def texte_apres(self) -> str | None:
        return self.conclusion


class Chiffre(Strict):
    id: Identifiant
    valeur: int = Field(ge=0)
    libelle: Texte = Field(description="Ce que compte le chiffre, ex. « territoires pilotes ».")
    detail: Texte | None = Field(
        default=None,
        description="La phrase de la source qui donne ce chiffre, mot pour mot (un extrait suffit).",
    )
    detail_editorial: RaisonEditoriale | None = Field(
        default=None,
        description="Si « detail » reformule la source au lieu de la citer : écrivez pourquoi. "
        "Le détail est alors marqué comme éditorial.",
    )


class FichierIntroduction(Strict):
    """data/introduction.yaml: the Fabrique, the method, the programmes."""

    source: SourceRef
    sections: list[Section] = Field(min_length=1)
    chiffres: list[Chiffre] = Field(default_factory=list)


class Sigle(Strict):
    sigle: Annotated[str, BeforeValidator(_refuse_ambiguous), Field(pattern=r"^[A-ZÉÈ0-9][A-Za-zÉÈé0-9.'’-]*$", max_length=20)]
    developpement: Texte = Field(description="Le sigle en toutes lettres.")
    definition: Texte | None = None


class FichierGlossaire(Strict):
    """data/glossaire.yaml: every acronym used in the référentiel."""

    sigles: list[Sigle] = Field(min_length=1)


class ReferenceMot(Strict):
    """Where a lexicon definition comes from: the publication that defines the word,
    or a named public reference (a law, an official site's page)."""

    document: SourceRef | None = Field(
        default=None, description="Identifiant d'une source (un fichier de data/sources/) qui définit le mot."
    )
    page: int | None = Field(default=None, ge=1, le=9999, description="Page dans cette source.")
    reference: Texte | None = Field(
        default=None,
        description="Référence publique nommée, ex. « Code général des collectivités territoriales, article L5741-1 ».",
    )

    @model_validator(mode="after")
    def _one_of(self) -> "ReferenceMot":
        if (self.document is None) == (self.reference is None):
            raise refus("reference_mot")
        return self


class Mot(Strict):
    """A word of the lexicon: an administrative word readers may stumble on."""

    id: Identifiant
    mot: Texte = Field(description="Le mot tel qu'on le lit, en minuscules sauf nom propre, ex. « déconcentré ».")
    formes: list[Texte] = Field(
        default_factory=list,
        description="Autres formes du mot à reconnaître dans les textes, ex. « déconcentrés », « déconcentration ».",
    )
    definition: Texte = Field(description="La définition, en une ou deux phrases simples.")
    source: ReferenceMot


class FichierLexique(Strict):
    """data/lexique.yaml: administrative words (not acronyms: those are in glossaire.yaml)."""

    mots: list[Mot] = Field(min_length=1)


class Credit(Strict):
    role: Texte
    texte: Texte


SOURCE_TYPES = ("publication", "schema", "journee", "autre")


class Source(Strict):
    """A source, as the référentiel knows it: its id is its file's name (data/sources/<id>.yaml)."""

    id: Identifiant
    type: Literal[SOURCE_TYPES] = Field(
        description="publication, schema (poster), journee (groupe de pairs), autre."
    )
    titre: Texte
    sous_titre: Texte | None = None
    editeur: Texte | None = None
    date: Date
    lieu: Texte | None = None
    organisation: Texte | None = Field(default=None, description="Organisation qui anime.")
    description: Texte | None = None
    credits: list[Credit] = Field(default_factory=list)
    edition: Literal["originale", "enrichissement"] = Field(
        default="enrichissement",
        description="« originale » pour la publication de 2022 et son schéma ; « enrichissement » (par défaut) "
        "pour ce qui est venu après : journées de groupes de pairs, autres publications.",
    )

    @model_validator(mode="after")
    def _journee_complete(self) -> "Source":
        if self.type != "journee":
            return self
        missing = [what for what, ok in (
            ("la date complète (AAAA-MM-JJ, par exemple \"2027-03-14\")", len(self.date) == 10),
            ("« lieu » (la ville, ou le département)", self.lieu is not None),
            ("« organisation » (l'organisation qui l'anime)", self.organisation is not None),
        ) if not ok]
        if missing:
            raise refus("journee_incomplete", manque=enumeration(missing))
        return self


class FichierSource(Source):
    """data/sources/<id>.yaml: one source (the publication, its poster, a peer-group day…)."""

    id: Identifiant | None = Field(
        default=None,
        description="Facultatif : l'identifiant de la source est le nom du fichier (sans « .yaml ») ; "
        "s'il est écrit, il doit être ce nom.",
    )


# ---------------------------------------------------------------------------
# Statements that come from a later source: one file each, data/sources/<source>/<id>.yaml
# ---------------------------------------------------------------------------


def _refuse_source(value: object) -> None:
    raise refus("source_du_dossier")


class Contribue(Strict):
    """What a statement of its own file has beyond its kind's fields: its kind and its actor. Its id is
    the file's name and its source the folder's; both are added when it joins its actor's lists."""

    de: ActeurConnu = Field(description="L'acteur qui s'exprime : " + ", ".join(ACTOR_IDS) + ".")
    id: Identifiant | None = Field(
        default=None,
        description="Facultatif : l'identifiant de l'énoncé est le nom du fichier (sans « .yaml ») ; "
        "s'il est écrit, il doit être ce nom.",
    )
    source: SkipJsonSchema[Annotated[None, BeforeValidator(_refuse_source)]] = Field(default=None, exclude=True)


# Each kind of statement a file of data/sources/<source>/ can hold (its « genre »): its model's name,
# the model of that kind in an actor file, and what the kind is, for editors.
_GENRES = {
    "enjeu": ("EnjeuContribue", EnonceActeur, "enjeu : ce à quoi l'acteur fait face."),
    "pouvoir": ("PouvoirContribue", EnonceActeur, "pouvoir : ce que l'acteur peut faire."),
    "attente": ("AttenteContribuee", Attente, "attente : ce que l'acteur attend d'un autre, de ses pairs ou de tous."),
    "message": ("MessageContribue", Message, "message : une bulle adressée à un autre acteur."),
    "verbatim": ("VerbatimContribue", Verbatim, "verbatim : une parole qui ne s'adresse à personne en particulier."),
    "encadre": ("EncadreContribue", Encadre, "encadre : une citation ou une liste mise en valeur."),
}

GENRES_CONTRIBUES: dict[str, type[Contribue]] = {
    genre: create_model(name, __base__=(Contribue, base), __module__=__name__,
                        genre=(Literal[genre], Field(description=description)))
    for genre, (name, base, description) in _GENRES.items()
}
"""Genre → the model of a statement of its own file (the kind's fields, « genre », « de »)."""


class FichierEnonce(RootModel[Annotated[Union[tuple(GENRES_CONTRIBUES.values())], Field(discriminator="genre")]]):  # noqa: UP007
    """data/sources/<source>/<id>.yaml: one statement that comes from a later source (a peer-group day…).

    The loader reads « genre » and validates the file with that kind's model (``GENRES_CONTRIBUES``); this
    union is what editors are offered (its JSON Schema)."""

    model_config = ConfigDict(json_schema_extra=describe_fields)


class Version(Strict):
    """One published version of the référentiel: what it added and what it changed."""

    version: Texte = Field(description="Numéro de la version, entre guillemets (ex. \"2027.1\").")
    date: Date = Field(description="Date de publication de cette version (AAAA-MM-JJ).")
    resume: Texte = Field(description="En une ou deux phrases, ce que cette version apporte.")
    ajouts: list[Identifiant] = Field(
        default_factory=list, description="Identifiants des énoncés ajoutés par cette version."
    )
    modifications: list[Identifiant] = Field(
        default_factory=list, description="Identifiants des énoncés modifiés par cette version."
    )


class FichierVersions(Strict):
    """data/versions.yaml: every published version, the most recent first."""

    versions: list[Version] = Field(
        min_length=1, description="Les versions publiées, la plus récente en premier."
    )


class FichierReferentiel(Strict):
    """data/referentiel.yaml: the référentiel's own identity."""

    titre: Texte
    sous_titre: Texte | None = None
    version: Texte = Field(description="Version du référentiel, entre guillemets (ex. \"1.0\").")
    date: Date = Field(description="Date de cette version du référentiel (AAAA-MM-JJ).")
    description: Texte
    licence: Texte | None = None
    questions_preparation: list[Texte] = Field(
        default_factory=list,
        description="Les questions posées à chacun, en fin de « Ma fiche », pour préparer une journée "
        "d'initiation.",
    )


Section.model_rebuild()
