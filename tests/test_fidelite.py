"""Faithful to the letter: the authors' words and the editors' words never mix.

Every heading, title and number's detail is the publication's (or the
poster's) word for word, unless the data flags it as the editors'; every
corrected typo keeps its original, found in the publication; every block of
the authors' text has an id; every common expectation leads back to what the
actors said. The seeds (../shared/seeds/) are the publication's and the
poster's text: tests that read them skip when they are absent.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from referentiel import model, registry
from referentiel.blocs import blocs_auteurs
from referentiel.model import Corrige, statement_texts
from referentiel.validate import load_referentiel
from test_contenu import POSTER, PUBLICATION, ROOT, needs_seeds, norm, ref  # noqa: F401 (ref is a fixture)


def loose(text: str) -> str:
    """What survives PDF extraction: no case, accents, punctuation, line breaks or footnote marks."""
    return norm(re.sub(r"[¹²³⁴]", "", re.sub(r"-\n\s*", "", text)))


def exact(text: str, join_hyphens: bool = True) -> str:
    """Case and spacing normalised, letters, accents and punctuation kept (bubbles are in capitals)."""
    text = text.replace("’", "'").replace("**", "")
    text = re.sub(r"-\n\s*", "" if join_hyphens else "-", text)
    return " ".join(text.casefold().split())


@pytest.fixture(scope="module")
def publication() -> str:
    return PUBLICATION.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sources_text(publication) -> str:
    return publication + "\n\n" + POSTER.read_text(encoding="utf-8")


def _revert(text: str, corrections: list) -> str:
    """The text as printed: every correction undone."""
    for c in corrections:
        text = text.replace(c.apres, c.avant)
    return text


def _corriges(ref) -> Iterator[tuple[str, Corrige]]:
    """(label, block) for every block that may carry corrections."""

    def walk(value: Any, label: str) -> Iterator[tuple[str, Corrige]]:
        if isinstance(value, Corrige):
            yield getattr(value, "id", label), value
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), getattr(value, "id", label))
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, label)

    for name in ("acteurs", "introduction", "principes", "freins", "attentes_communes", "enseignements"):
        yield from walk(getattr(ref, name), name)


# ---------------------------------------------------------------------------
# Headings, titles, numbers: the authors' words, or flagged as the editors'
# ---------------------------------------------------------------------------


def _headings(ref) -> Iterator[tuple[str, str, Any]]:
    """(where, heading, holder) for every heading and title of the data, with what holds it."""
    for a in ref.acteurs:
        yield f"{a.id} (titre)", a.titre, a
        yield f"{a.id} (persona)", a.persona.nom, a
        yield f"{a.id} (introduction)", a.introduction.titre, a.introduction
        yield f"{a.id} (profil)", a.profil.titre, a.profil
        for kind in ("enjeux", "pouvoirs", "attentes", "encadres"):
            for s in getattr(a, kind):
                if s.titre:
                    yield s.id, s.titre, s
                for e in s.elements:
                    if e.titre:
                        yield s.id, e.titre, s
    for name, kind in (("principes", "principes"), ("freins", "freins"),
                       ("attentes_communes", "attentes"), ("enseignements", "enseignements")):
        fichier = getattr(ref, name)
        yield name, fichier.titre, fichier
        for s in getattr(fichier, kind):
            yield s.id, s.titre, s

    def sections(items):
        for s in items:
            if s.titre:
                yield s.id, s.titre, s
            for e in s.elements:
                if e.titre:
                    yield s.id, e.titre, s
            yield from sections(s.sous_sections)

    yield from sections(ref.introduction.sections)


@needs_seeds
def test_every_heading_is_the_authors_word_for_word_or_flagged_editorial(ref, sources_text):
    hay = loose(sources_text)
    editorial, missing = [], []
    for where, heading, holder in _headings(ref):
        if heading is getattr(holder, "titre", None) and getattr(holder, "titre_editorial", None):
            editorial.append(heading)
            continue
        printed = _revert(heading, getattr(holder, "corrections", []))
        if loose(printed) not in hay:
            missing.append(f"{where} : {heading}")
    assert missing == [], "titres absents de la publication et non marqués « titre_editorial » :\n" + "\n".join(missing)
    # The editors' headings the issue found are flagged; none of the others is.
    assert sorted(editorial) == ["Des freins communs aux 4 acteurs", "La Fabrique des transitions, une alliance"]


@needs_seeds
def test_every_number_detail_quotes_the_publication_or_is_flagged_editorial(ref, publication):
    hay = loose(publication)
    for chiffre in ref.introduction.chiffres:
        if chiffre.detail and not chiffre.detail_editorial:
            assert loose(chiffre.detail) in hay, f"{chiffre.id} : « {chiffre.detail} » n'est pas dans la publication"
        # The number itself is in its detail: the quote is the right one.
        if chiffre.detail:
            assert re.search(rf"(?<!\d){chiffre.valeur:,}(?!\d)".replace(",", "[  ]?"), chiffre.detail) or chiffre.id in {
                "chiffre-journees-initiation", "chiffre-chantiers"}, chiffre.id


def _editorial_fields() -> Iterator[tuple[str, str, Any]]:
    seen: set[type] = set()

    def walk(cls: type[BaseModel]) -> Iterator[tuple[str, str, Any]]:
        if cls in seen:
            return
        seen.add(cls)
        for name, field in cls.model_fields.items():
            if name.endswith("_editorial") or name == "note_editoriale":
                yield cls.__name__, name, field
            for sub in _models(field.annotation):
                yield from walk(sub)

    for cls in [*registry.FILE_MODELS.values(), registry.ACTOR_MODEL]:
        yield from walk(cls)


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models(arg)


def test_every_editorial_flag_must_give_its_reason():
    fields = list(_editorial_fields())
    names = {f"{cls}.{name}" for cls, name, _ in fields}
    assert {"FichierFreins.titre_editorial", "Section.titre_editorial", "Chiffre.detail_editorial",
            "Attente.envers_editorial", "Attente.note_editoriale"} <= names
    for cls, name, field in fields:
        adapter = TypeAdapter(field.annotation)
        for not_a_reason in (True, "   ", ""):
            with pytest.raises(ValidationError):
                adapter.validate_python(not_a_reason)
        # the contributor is told to write the reason (or, for a note, that it is shown apart)
        assert re.search(r"pourquoi|raison|montrée à part", field.description), f"{cls}.{name}"


def test_the_editors_closing_and_poster_notes_are_kept_apart_from_the_authors_text(ref):
    # The animators' closing sentence is where the publication prints it: after the lessons.
    assert ref.enseignements.conclusion.startswith("Structurer des dynamiques collectives qui impliquent")
    assert all(not s.id.endswith("conclusion") for s in ref.introduction.sections)
    # The poster-only idea shows the poster's words only; the editors' explanation is a note.
    idea = ref.index["etat-attente-alliance-collectivites-pilotes"].statement
    assert idea.texte is None and "schéma" in idea.note_editoriale
    assert "absente du texte" not in idea.titre


RECIPIENT = re.compile(r"\b(élus?|agents?|état|socio|collectivités|services|associations|en interne)\b")


def test_every_expectation_whose_title_names_no_recipient_says_who_chose_it(ref):
    from test_contenu import de_la_publication

    unflagged = []
    for a in ref.acteurs:
        # The publication's own: a peer-group day names its recipient itself (the form asks for it).
        for attente in de_la_publication(ref, a.attentes):
            continuation = attente.titre.startswith(("...", "…"))
            if not continuation and not RECIPIENT.search(attente.titre.lower()) and not attente.envers_editorial:
                unflagged.append(attente.id)
    assert unflagged == [], "destinataire choisi par l'équipe éditoriale sans « envers_editorial » : " + ", ".join(unflagged)
    for ident in ("agent-attente-cooperation-strategique", "agent-attente-tlm",
                  "etat-attente-alliance-collectivites-pilotes", "etat-attente-se-connaitre"):
        assert ref.index[ident].statement.envers_editorial, ident


# ---------------------------------------------------------------------------
# Typos: corrected, original kept
# ---------------------------------------------------------------------------


def test_corrections_are_recorded_for_the_typos_the_issue_lists(ref):
    avants = {c.avant for _, block in _corriges(ref) for c in block.corrections}
    for typo in ("déperir", "l'urgence croit", "palier au", "risquant des compromettre",
                 "d'acquiescer ou de conforter", "régaliennne"):
        assert any(typo in a for a in avants), typo
    text = " ".join(t for _, block in _corriges(ref) for t in statement_texts(block))
    for typo in ("déperir", "urgence croit", "palier au", "risquant des", "acquiescer", "régaliennne", '"'):
        assert typo not in text, f"coquille encore présente : {typo}"


@needs_seeds
def test_every_corrections_original_is_printed_in_the_sources(ref, sources_text):
    hays = (exact(sources_text), exact(sources_text, join_hyphens=False))
    missing = [
        f"{label} : {c.avant}"
        for label, block in _corriges(ref)
        for c in block.corrections
        if not any(exact(c.avant) in h for h in hays)
    ]
    assert missing == [], "passages « avant » introuvables dans la publication :\n" + "\n".join(missing)


@needs_seeds
def test_undoing_the_corrections_gives_back_the_printed_text(ref, sources_text):
    """Around each correction, the statement's text with the correction undone is the publication's."""
    hays = (exact(sources_text), exact(sources_text, join_hyphens=False))
    wrong = []
    for label, block in _corriges(ref):
        for c in block.corrections:
            for text in statement_texts(block):
                printed = _revert(text, block.corrections)
                for m in re.finditer(re.escape(c.avant), printed):
                    # the correction with a few words either side, within its sentence
                    before = re.split(r"[.!?»«:]\s", printed[max(0, m.start() - 40):m.start()])[-1]
                    after = re.split(r"[.!?«»:]", printed[m.end():m.end() + 40])[0]
                    before, after = before.split(" ", 1)[-1] if " " in before else before, after.rsplit(" ", 1)[0]
                    window = exact(before + c.avant + after)
                    if not any(window in h for h in hays):
                        wrong.append(f"{label} : {window}")
    assert wrong == [], "texte d'origine non retrouvé après annulation des corrections :\n" + "\n".join(wrong)


def test_a_correction_must_match_the_text_it_corrects():
    with pytest.raises(ValidationError, match="correction_introuvable|n'apparaît pas"):
        model.Verbatim(id="x", section="enjeux", texte="Un texte corrigé.",
                       corrections=[{"avant": "corigé", "apres": "corrigée"}])
    model.Verbatim(id="x", section="enjeux", texte="Un texte corrigé.",
                   corrections=[{"avant": "corigé", "apres": "corrigé"}])


# ---------------------------------------------------------------------------
# Every block of the authors' text has an id
# ---------------------------------------------------------------------------

# Fields that are not the authors' text: identities, references, the editors' own words.
NOT_AUTHORS = {
    "id", "alias", "source", "document", "section", "page", "envers", "destinataire", "concerne", "apres",
    "derive_de", "bloc", "numero", "valeur", "libelle", "libelles", "corrections", "note_editoriale",
    "titre_editorial", "detail_editorial", "envers_editorial", "chiffres",
}


def _unanchored(value: Any, path: tuple, anchored: bool, covered: set[tuple]) -> Iterator[tuple]:
    if any(path[: len(c)] == c for c in covered):
        return
    if isinstance(value, dict):
        anchored = anchored or (bool(path) and "id" in value)
        for key, item in value.items():
            if key not in NOT_AUTHORS:
                yield from _unanchored(item, path + (key,), anchored, covered)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _unanchored(item, path + (i,), anchored, covered)
    elif isinstance(value, str) and not anchored:
        yield path


def test_no_block_of_the_authors_text_is_without_an_id(ref):
    blocs = blocs_auteurs(ref)
    ids = [b.id for b in blocs]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(ref.index), "un identifiant dérivé recouvre celui d'un énoncé"
    by_file: dict[str, set[tuple]] = {}
    for b in blocs:
        by_file.setdefault(b.fichier, set()).update(b.chemins)
    files = {f"acteurs/{a.id}.yaml": a for a in ref.acteurs}
    files.update({rel: ref.shared_file(rel) for rel in
                  ("introduction.yaml", "principes.yaml", "freins.yaml", "attentes-communes.yaml", "enseignements.yaml")})
    orphans = [
        f"{rel} › {' › '.join(map(str, path))}"
        for rel, fichier in files.items()
        for path in _unanchored(fichier.model_dump(exclude_none=True), (), False, by_file.get(rel, set()))
    ]
    assert orphans == [], "textes des auteurs sans identifiant :\n" + "\n".join(orphans)
    # The chapeau the issue quotes can be cited.
    assert "etat-chapeau-attentes" in ids and "enseignements-conclusion" in ids


def test_derived_block_ids_are_refused_as_statement_ids(tmp_path):
    import shutil

    from referentiel.errors import ReferentielInvalide

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "acteurs" / "etat.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- id: etat-verbatim-generaliste", "- id: etat-chapeau-attentes", 1), encoding="utf-8")
    with pytest.raises(ReferentielInvalide) as error:
        load_referentiel(data)
    assert "etat-chapeau-attentes" in str(error.value) and "déjà utilisé" in str(error.value)


# ---------------------------------------------------------------------------
# Every common expectation leads back to what the actors said
# ---------------------------------------------------------------------------


def test_every_common_expectation_lists_its_sources_in_the_actor_chapters(ref):
    sources = {
        commune.id: [ref.resolve(t) for t in commune.derive_de if ref.index[ref.resolve(t)].acteur]
        for commune in ref.attentes_communes.attentes
    }
    print("\n".join(f"{c} ← {', '.join(s)}" for c, s in sources.items()))
    assert [c for c, s in sources.items() if not s] == []
    # The links the publication implies (issue 11), each one present.
    implied = {
        "commune-cooperation-temps": "elu-pouvoir-je-manage",
        "commune-ambition": "elu-enjeu-programme-ambitieux",
        "commune-logiciel-pensee": "socio-message-elus",
        "commune-discours-commun": "agent-encadre-binome-elus-agents",
        "commune-temps-reflexifs": "socio-attente-temps-evaluation",
    }
    for commune, source in implied.items():
        assert source in sources[commune], f"{commune} ← {source}"


def test_bubbles_and_boxes_that_speak_of_another_actor_say_so(ref):
    for ident, who in (("socio-verbatim-vision-globale", ["elu"]), ("socio-verbatim-peur-echec", ["elu", "agent"]),
                       ("etat-verbatim-finesse", ["elu"])):
        assert ref.index[ident].statement.concerne == who, ident


def test_obstacles_and_lessons_lead_back_to_the_actors_too(ref):
    linked = {s.id for s in [*ref.freins.freins, *ref.enseignements.enseignements] if s.derive_de}
    assert {"frein-coordination-concurrence", "frein-citoyens-peu-impliques", "frein-projets-timores",
            "enseignement-transversalite", "enseignement-posture-facilitateur"} <= linked
    for s in [*ref.freins.freins, *ref.enseignements.enseignements]:
        assert all(ref.index[ref.resolve(t)].acteur for t in s.derive_de), s.id


@pytest.mark.parametrize(
    "target, message",
    [
        ("elu-enjeu-inexistant", "énoncé « elu-enjeu-inexistant » introuvable"),
        ("commune-ambition", "n'est pas un énoncé d'un acteur"),
    ],
)
def test_an_obstacles_link_to_nowhere_or_to_a_shared_statement_is_refused(tmp_path, target, message):
    import shutil

    from referentiel.errors import ReferentielInvalide

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "freins.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      - agent-enjeu-organisation-hierarchique", f"      - {target}", 1), encoding="utf-8")
    with pytest.raises(ReferentielInvalide) as error:
        load_referentiel(data)
    problems = [p for p in error.value.problemes if p.fichier == "data/freins.yaml"]
    assert [p.chemin for p in problems] == ["freins[4].derive_de[0]"] and message in problems[0].message
