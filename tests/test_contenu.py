"""The knowledge base holds the whole publication, faithfully.

These tests read the publication itself (../shared/seeds/) and check the data
against it: counts per actor and section, every prose sentence, every speech
bubble, every acronym.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from referentiel.validate import load_referentiel

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
PUBLICATION = SEEDS / "000_5596ddf1188f9cb4.txt"
POSTER = SEEDS / "002_1dd921c331c6fb22.txt"

needs_seeds = pytest.mark.skipif(not PUBLICATION.exists(), reason="la publication source (shared/seeds) est absente")


@pytest.fixture(scope="module")
def ref():
    return load_referentiel(ROOT / "data")


def de_la_publication(ref, items) -> list:
    """The statements of ``items`` that come from the original edition (the publication and its poster):
    what these tests compare with the publication. Later peer-group days never change them."""
    return [s for s in items if ref.sources[ref.entry(s.id).provenance.document].edition == "originale"]


def norm(text: str) -> str:
    """Lowercase, no accents, no punctuation: what survives PDF extraction."""
    text = text.replace("’", "'").replace("*", "")
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def haystack(ref) -> str:
    """Every text of the référentiel, as the JSON export would hold it."""
    from referentiel.exports import to_json

    import json

    parts: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            # An element's title and text read as one sentence in the publication.
            if "titre" in value and "texte" in value and isinstance(value.get("texte"), str):
                parts.append(f"{value['titre']} : {value['texte']}")
            if "role" in value and "texte" in value:
                parts.append(f"{value['role']} : {value['texte']}")
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            parts.append(value)

    walk(json.loads(to_json(ref)))
    return " | ".join(norm(p) for p in parts)


# Counts read off the publication, chapter by chapter (the poster adds one État expectation).
EXPECTED = {
    "elu": {"enjeux": 7, "pouvoirs": 6, "attentes": 7, "messages": 3, "verbatims": 4, "encadres": 1},
    "agent": {"enjeux": 8, "pouvoirs": 6, "attentes": 10, "messages": 3, "verbatims": 4, "encadres": 1},
    "socio-economique": {"enjeux": 6, "pouvoirs": 4, "attentes": 10, "messages": 3, "verbatims": 4, "encadres": 2},
    "etat": {"enjeux": 5, "pouvoirs": 2, "attentes": 6, "messages": 3, "verbatims": 4, "encadres": 1},
}


@pytest.mark.parametrize("acteur", sorted(EXPECTED))
def test_statement_counts_per_actor_and_section(ref, acteur):
    actual = {section: len(de_la_publication(ref, getattr(ref.acteur(acteur), section))) for section in EXPECTED[acteur]}
    assert actual == EXPECTED[acteur]


def test_shared_counts(ref):
    assert len(ref.principes.principes) == 4
    assert len(ref.freins.freins) == 7
    assert len(ref.attentes_communes.attentes) == 8
    assert len(ref.enseignements.enseignements) == 6
    assert [a.persona.nom for a in ref.acteurs] == [
        "Mister Fantastique",
        "La Chose",
        "La Torche",
        "La Femme Invisible",
    ]


def test_the_elus_manage_power_has_its_four_audiences(ref):
    manage = next(p for p in ref.acteur("elu").pouvoirs if p.titre.startswith("Je manage"))
    assert [e.titre for e in manage.elements] == [
        "Par la coopération entre élus",
        "Avec les services",
        "Avec les citoyens et les opérateurs",
        "Avec l'opposition, qu'elle soit citoyenne ou politique",
    ]


def test_peer_expectation_is_on_the_diagonal(ref):
    first = ref.acteur("elu").attentes[0]
    assert first.titre.startswith("Envers les autres élus : un numéro 1 qui soutient")
    assert first.envers == ["elu"]


def test_messages_are_sentence_case_with_accents(ref):
    texts = {m.texte for a in ref.acteurs for m in de_la_publication(ref, a.messages)}
    assert (
        "Agents, ne prenez pas la place des élus ! Même si parfois vous avez envie de mettre la main à la pâte !"
        in texts
    )
    for text in texts:
        letters = [c for c in text if c.isalpha()]
        assert sum(c.isupper() for c in letters) / len(letters) < 0.2, f"message resté en capitales : {text}"


def test_poster_only_idea_is_sourced_to_the_poster(ref):
    entry = ref.index["etat-attente-alliance-collectivites-pilotes"]
    assert entry.statement.titre.startswith("Nourrir une logique d'alliance entre l'État déconcentré")
    assert entry.provenance.document == "poster-2022"


@needs_seeds
def test_poster_idea_is_worded_as_on_the_poster(ref):
    titre = ref.index["etat-attente-alliance-collectivites-pilotes"].statement.titre
    assert norm(titre) in norm(POSTER.read_text(encoding="utf-8"))


def test_every_statement_has_a_provenance_naming_a_known_source(ref):
    for entry in ref.index.values():
        assert entry.provenance.document in ref.sources, entry.id
        if ref.sources[entry.provenance.document].edition == "originale":  # a chapter of the publication
            assert entry.provenance.section, entry.id


# Sentences of the publication that are not found verbatim, and why.
KNOWN_REPAIRS = {
    # the table of contents is navigation, not content
    "sommaire",
    # a footnote printed inside the word "car-actériser"; both parts are in the data
    "ensuite il s agit de car",
    # a bubble printed inside the word "tran-sition"; both parts are in the data
    "plutot que de passer par la porte de l environnement de l ecologie ou meme de la tranla vision globale",
    # the back cover's social-network label after the e-mail address
    "contact fabriquedestransitions net la fabrique des transitions",
}


def corrected(ref, text: str) -> str:
    """The publication's normalised text with the data's typo corrections applied.

    Typos are corrected in the data with their original kept (« corrections »,
    see CONTRIBUTING.md › Fidélité au texte); tests/test_fidelite.py checks
    that each original is printed in the publication."""
    from test_fidelite import _corriges

    for _, block in _corriges(ref):
        for c in block.corrections:
            text = text.replace(norm(c.avant), norm(c.apres))
    return text


@needs_seeds
def test_every_prose_sentence_of_the_publication_is_in_the_data(ref):
    text = PUBLICATION.read_text(encoding="utf-8")
    text = re.sub(r"-\n\n", "", text)  # words split by a page break
    hay = haystack(ref)
    missing = []
    for para in re.split(r"\n\s*\n", text):
        letters = [c for c in para if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) / len(letters) > 0.6:
            continue  # bubbles and headings in capitals: see the next test
        for line in para.splitlines():
            line = re.sub(r"^\s*-\s*|\s*;\s*$", "", line)  # list bullets and their « ; »
            for sentence in re.split(r"(?<=[.!?…])\s+", line):
                n = corrected(ref, re.sub(r"^\d+ ", "", norm(re.sub(r"[¹²³]", "", sentence))))
                if len(n) >= 30 and n not in hay and not any(n.startswith(k) for k in KNOWN_REPAIRS):
                    missing.append(sentence)
    assert missing == [], "phrases de la publication absentes de data/ :\n" + "\n".join(missing)


@needs_seeds
def test_every_speech_bubble_is_in_the_data(ref):
    text = PUBLICATION.read_text(encoding="utf-8").replace("**", "")
    hay = norm(" ".join(s.texte for a in ref.acteurs for s in [*a.messages, *a.verbatims]))
    bubbles = []
    for para in re.split(r"\n\s*\n", text):
        letters = [c for c in para if c.isalpha()]
        if len(letters) < 25 or sum(c.isupper() for c in letters) / len(letters) < 0.9:
            continue
        if re.match(r"\s*(JE SUIS|\d\s*$|MES |LA FABRIQUE)", para):
            continue  # chapter titles and section headings
        bubbles.append(corrected(ref, norm(para)))  # slips in the capitals are corrected in the data
    assert len(bubbles) >= 26
    missing = [b for b in bubbles if b not in hay]
    assert missing == [], "bulles absentes de data/ :\n" + "\n".join(missing)


@needs_seeds
def test_every_acronym_of_the_publication_is_in_the_glossary(ref):
    text = PUBLICATION.read_text(encoding="utf-8") + POSTER.read_text(encoding="utf-8")
    prose = [
        p for p in re.split(r"\n\s*\n", text)
        if (letters := [c for c in p if c.isalpha()]) and sum(c.isupper() for c in letters) / len(letters) < 0.6
    ]
    found = set(re.findall(r"\b[A-Z]{3,}\b", " ".join(prose)))
    glossary = {s.sigle for s in ref.glossaire.sigles}
    not_acronyms = {"TRANSITIONS", "FABRIQUE", "ENJEUX", "POUVOIRS", "ATTENTES", "MESSAGES", "COMMunauté", "TERRitoires"}
    assert found - glossary - not_acronyms == set()
    assert {"DDT", "DREAL", "ADEME", "CEREMA", "DRAAF", "CRTE", "PCAET", "TEPOS", "EPCI", "PETR", "SCIC",
            "ESS", "AAP", "DGS", "DGST", "DDTM", "CGDD", "COMETE", "TLM"} <= glossary
