"""The authors' words, letter for letter.

Every text of the original edition (the 2022 publication and its poster: the actors'
chapters, the introduction, the shared lists, the sources' own words) is compared with the
printed text, word for word and sign for sign (accents, case, punctuation), after two
things only:

- the data's ``corrections`` are undone (each one is shown on the site);
- the transcription rules stated on « À propos » (``views.fidelity.TRANSCRIPTION``) are
  applied, each where it belongs: capitals only inside a passage printed in capitals, the
  list's « ; » only at the end of a printed list item, « […] » only where the data writes it.

Any other difference fails, named with its statement and both wordings. Statements of
later sources (enrichments) are not the publication's and are left out, so that a
contribution never affects this test. The publication's text lives outside the repository
(``../shared/seeds``): the comparison with it is skipped when it is absent, the rules'
own tests are not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterator

import pytest
from pydantic import BaseModel

from referentiel.model import Provenance
from referentiel.views.fidelity import TRANSCRIPTION
from referentiel.views.statements import ORIGINALE
from test_contenu import POSTER, PUBLICATION, needs_seeds, ref  # noqa: F401 (ref is a fixture)
from test_fidelite import NOT_AUTHORS

STATED = {r.cle for r in TRANSCRIPTION}
# The key figures' details quote the publication too (unless flagged ``detail_editorial``).
NOT_COMPARED = NOT_AUTHORS - {"chiffres"}
# Rules applied to the printed text itself, whatever the data says (see ``lire``).
RULES_OF_READING = {"mise-en-page", "espaces"}
CUT = "[…]"  # the mark of an excerpt's omission (rule « extraits »)

TOKEN = re.compile(r"\w+|[^\w\s]")
FOOTNOTE_CALL = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹]")
LOWER_START = re.compile(r"[a-zà-ÿœ]")


# ---------------------------------------------------------------------------
# Reading the printed text
# ---------------------------------------------------------------------------


def in_capitals(paragraph: str) -> bool:
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.9


def _interrupts(paragraph: str) -> bool:
    """A bubble (in capitals) or a footnote, printed in the middle of a passage."""
    return in_capitals(paragraph) or re.match(r"([¹²³⁴⁵⁶⁷⁸⁹]|\d+\.\s)", paragraph) is not None


def _cut_mid_sentence(paragraph: str) -> bool:
    return not in_capitals(paragraph) and re.search(r"[\w,-]$", paragraph) is not None


def reflow(text: str) -> list[str]:
    """The printed paragraphs, each passage whole again: one cut mid-sentence (a word cut by a
    hyphen, or no closing punctuation) continues at the next paragraph that starts in lower
    case, past the bubbles and footnotes printed in between, which follow it."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    i = 0
    while i < len(paras):
        j = i + 1
        while j < len(paras) and _interrupts(paras[j]) and not LOWER_START.match(paras[j]):
            j += 1
        if j < len(paras) and _cut_mid_sentence(paras[i]) and LOWER_START.match(paras[j]):
            head = paras[i][:-1] if re.search(r"\w-$", paras[i]) else paras[i] + " "
            paras[i:j + 1] = [head + paras[j], *paras[i + 1:j]]
            continue
        i += 1
    return paras


@dataclass(frozen=True)
class Signe:
    """One printed word or sign."""

    texte: str
    capitales: bool  # inside a passage printed in capitals
    fin_de_ligne: bool  # last sign of its printed line (where a list item's « ; » stands)


def lire(text: str) -> list[Signe]:
    """The printed text as words and signs: passages whole (``reflow``), footnote calls removed,
    a hyphen at a line's end kept (« SOCIO-/ÉCONOMIQUES ») and spaces ignored (« mise-en-page »
    and « espaces »). Bold (``**``) is the data's as printed, but for the bubbles' (layout)."""
    signs: list[Signe] = []
    for paragraph in reflow(text.replace("’", "'")):
        capitals = in_capitals(paragraph)
        if capitals:
            paragraph = paragraph.replace("**", "")
        paragraph = re.sub(r"-\n", "-", FOOTNOTE_CALL.sub("", paragraph))
        for line in paragraph.splitlines():
            tokens = TOKEN.findall(line)
            signs += [Signe(t, capitals, k == len(tokens) - 1) for k, t in enumerate(tokens)]
    return signs


def _base(c: str) -> str:
    return unicodedata.normalize("NFD", c)[0]


def fold(word: str) -> str:
    return "".join(_base(c) for c in word.casefold())


def _restored(written: str, printed: str) -> bool:
    """``written`` is ``printed`` (in capitals) with its case and its missing accents restored:
    never with a printed accent removed or changed (« REMÈT » is not « remet »)."""
    if len(written) != len(printed):
        return False
    return all(w.casefold() == p.casefold() or (p == _base(p) and _base(w).casefold() == p.casefold())
               for w, p in zip(written, printed))


def _same(written: str, last: bool, sign: Signe) -> str | None:
    """'' when the word or sign is the printed one, the rule's name when a rule makes it so,
    None when they differ."""
    if written == sign.texte:
        return ""
    if sign.capitales and _restored(written, sign.texte):
        return "capitales"
    if last and written == "." and sign.texte == ";" and sign.fin_de_ligne:
        return "listes"
    return None


@dataclass
class Lecture:
    """Where a text was found in the printed text, and the rules that made it match."""

    trouve: bool
    regles: set[str] = field(default_factory=set)
    ecart: str = ""  # the first difference, in words, when not found


class Imprime:
    """A printed text, searchable word by word."""

    def __init__(self, text: str):
        self.signes = lire(text)
        self.index: dict[str, list[int]] = {}
        for i, s in enumerate(self.signes):
            self.index.setdefault(fold(s.texte), []).append(i)

    def _compare(self, words: list[str], start: int) -> tuple[int, set[str]]:
        rules: set[str] = set()
        for k, written in enumerate(words):
            if start + k >= len(self.signes):
                return k, rules
            rule = _same(written, k == len(words) - 1, self.signes[start + k])
            if rule is None:
                return k, rules
            rules.add(rule)
        return len(words), rules - {""}

    def cherche(self, words: list[str], after: int = 0) -> tuple[int, int, set[str]]:
        """(start, words matched, rules) of the best place for ``words`` at or after ``after``."""
        best = (-1, -1, set())
        for start in self.index.get(fold(words[0]), []):
            if start >= after:
                n, rules = self._compare(words, start)
                if n > best[1]:
                    best = (start, n, rules)
        return best

    def lit(self, text: str) -> Lecture:
        """Whether ``text`` is printed here, its excerpts (cut by « […] ») in order."""
        pieces = [TOKEN.findall(p) for p in text.split(CUT)]
        pieces = [p for p in pieces if p]
        rules = {"extraits"} if CUT in text else set()
        after = 0
        for words in pieces:
            start, n, found = self.cherche(words, after)
            if n < len(words):
                return Lecture(False, ecart=self._ecart(words, start, n))
            rules |= found
            after = start + n
        return Lecture(True, rules)

    def _ecart(self, words: list[str], start: int, n: int) -> str:
        if start < 0:
            return "introuvable"
        printed = [s.texte for s in self.signes[start + max(0, n - 6):start + n + 6]]
        return f"« …{' '.join(words[max(0, n - 6):n + 6])}… », imprimé « …{' '.join(printed)}… »"


# ---------------------------------------------------------------------------
# The authors' texts of the data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TexteAuteurs:
    ou: str  # the statement's or block's id, or the field
    document: str  # its source's id
    texte: str  # as printed: corrections undone


def _document(value: BaseModel, ref, inherited: str) -> str:
    ident = getattr(value, "id", None)
    if isinstance(ident, str) and ident in ref.index:
        return ref.index[ident].provenance.document
    source = getattr(value, "source", None)
    if isinstance(source, Provenance):
        return source.document
    return source if isinstance(source, str) else inherited


def _editorial(value: BaseModel, name: str) -> bool:
    """A value the data flags as the editors' (``titre`` with ``titre_editorial``…)."""
    return bool(getattr(value, f"{name}_editorial", None))


def _walk(value: Any, ref, where: str, document: str, corrections: tuple) -> Iterator[TexteAuteurs]:
    if isinstance(value, BaseModel):
        document = _document(value, ref, document)
        ident = getattr(value, "id", None)
        where = ident if isinstance(ident, str) else where
        corrections = corrections + tuple(getattr(value, "corrections", ()) or ())
        for name in type(value).model_fields:
            if name not in NOT_COMPARED and not _editorial(value, name):
                yield from _walk(getattr(value, name), ref, where, document, corrections)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, ref, where, document, corrections)
    elif isinstance(value, str):
        for c in corrections:
            value = value.replace(c.apres, c.avant)
        yield TexteAuteurs(where, document, value)


def textes_des_auteurs(ref) -> Iterator[TexteAuteurs]:
    """Every authors' text of the original edition, paragraph by paragraph, as printed."""
    sources = [(s.id, {"titre": s.titre, "sous_titre": s.sous_titre, "description": s.description,
                       "credits": [c.texte for c in s.credits]})
               for s in ref.sources.values()]
    blocks: list[tuple[str, Any, str]] = [(ident, fields, ident) for ident, fields in sources]
    blocks += [(a.id, a, a.source) for a in ref.acteurs]
    blocks += [(name, getattr(ref, name), getattr(ref, name).source)
               for name in ("introduction", "principes", "freins", "attentes_communes", "enseignements")]
    for where, block, document in blocks:
        values = block.values() if isinstance(block, dict) else [block]
        for text in (t for v in values for t in _walk(v, ref, where, document, ())):
            source = ref.sources.get(text.document)
            if source is None or source.edition != ORIGINALE:
                continue  # an enrichment (or a file absent from a small test référentiel)
            for paragraph in text.texte.split("\n"):
                if paragraph.strip():
                    yield TexteAuteurs(text.ou, text.document, paragraph)


# ---------------------------------------------------------------------------
# The rules themselves, on small texts (always run)
# ---------------------------------------------------------------------------


PRINTED = """Un passage d'exem-

ple cité. ¹ Une note.

ELUS, CONSIDÉREZ NOUS
COMME DES ALLIÉS !

- un décalage entre la conscience des enjeux ;
- des résistances non traitées.

Il s'agit aussi d'assurer la

ON ADOPTE UNE "POSITIVE
ATTITUDE" ! CELA NE REMÈT
PAS EN CAUSE. D'INTERVENTION ET, DES DISPOSITIFS.

continuité en cas de nouvel exécutif. La Femme Invisible est L'État.

Ces temps de travail permettent de bâtir des projets en commun **Tout allié peut le proposer.**

1. Le texte de la note, avec une sous-préfecture.
"""


@pytest.fixture(scope="module")
def imprime() -> Imprime:
    return Imprime(PRINTED)


@pytest.mark.parametrize("written, rules", [
    ("Un passage d'exemple cité.", set()),  # a word cut at a page break, past a footnote
    ("Élus, considérez nous comme des alliés !", {"capitales"}),  # case and accents restored
    ("un décalage entre la conscience des enjeux.", {"listes"}),
    ("des résistances non traitées.", set()),
    ("Il s'agit aussi d'assurer la continuité en cas de nouvel exécutif.", set()),  # past a bubble
    ("Ces temps de travail permettent de bâtir des projets en commun […]", {"extraits"}),
    ("[…] bâtir des projets en commun […] Tout allié peut le proposer.", {"extraits"}),
    ("Le texte de la note, avec une sous-préfecture.", set()),
])
def test_a_text_printed_or_transcribed_by_a_stated_rule_is_found(imprime, written, rules):
    lecture = imprime.lit(written)
    assert lecture.trouve, lecture.ecart
    assert lecture.regles == rules
    assert rules <= STATED


@pytest.mark.parametrize("written", [
    "Élus, considérez-nous comme des alliés !",  # a hyphen added
    "Cela ne remet pas en cause.",  # a printed accent removed
    "D'intervention et des dispositifs.",  # a comma dropped
    "La Femme Invisible est l'État.",  # a capital changed outside the capitals
    "des résistances non traitées ;",  # punctuation changed the other way
    "un décalage entre la conscience des enjeux !",
    "Ces temps de travail permettent de bâtir des projets en commun.",  # a full stop added
    "Il s'agit aussi d'assurer la continuité en cas de nouvel exécutif !",
    "Un passage d'exemple cite.",  # an accent lost in ordinary text
    "ple cité. Une note.",  # the footnote call's text is not the passage's
    "On adopte une « positive attitude » !",  # quotes changed, and no correction undone here
    "[…] des projets en commun […] Ces temps de travail",  # excerpts out of order
])
def test_any_other_difference_is_found(imprime, written):
    lecture = imprime.lit(written)
    assert not lecture.trouve, written
    assert lecture.ecart


def test_the_rules_applied_to_the_printed_text_are_stated_on_the_site():
    assert RULES_OF_READING <= STATED
    assert {"capitales", "listes", "extraits"} <= STATED


def test_the_authors_texts_are_read_with_their_corrections_undone_and_enrichments_left_out():
    from synthetic import SOURCE, acteur, attente, referentiel

    corrected = attente("a-1", "tous", texte="Un texte corrigé.")
    corrected["corrections"] = [{"avant": "corigé", "apres": "corrigé"}]
    added = attente("a-2", "tous", texte="Une journée l'a dit.")
    added["source"] = {"document": "journee"}
    editorial = attente("a-3", "tous", texte="Le texte.")
    editorial["envers_editorial"] = "Une raison de l'équipe."
    ref = referentiel(acteur("a", 1, attentes=[corrected, added, editorial]), autres_sources=["journee"],
                      originales=[SOURCE])
    texts = {t.texte: t for t in textes_des_auteurs(ref)}
    assert "Un texte corigé." in texts and "Un texte corrigé." not in texts
    assert texts["Un texte corigé."].ou == "a-1"
    assert "Une journée l'a dit." not in texts  # an enrichment is not compared
    assert "Une raison de l'équipe." not in texts  # the editors' reason is not the authors'
    assert "Titre de a-3." in texts


# ---------------------------------------------------------------------------
# The data against the publication
# ---------------------------------------------------------------------------


@needs_seeds
def test_every_authors_text_is_the_printed_one_after_corrections_and_stated_rules(ref):
    printed = [Imprime(path.read_text(encoding="utf-8")) for path in (PUBLICATION, POSTER)]
    differences, used = [], set()
    for text in textes_des_auteurs(ref):
        readings = [p.lit(text.texte) for p in printed]
        found = [r for r in readings if r.trouve]
        if found:
            used |= found[0].regles
        else:
            differences.append(f"{text.ou} : {readings[0].ecart}")
    assert differences == [], (
        "texte des auteurs modifié sans correction ni règle de transcription (inscrivez la modification dans "
        "« corrections », voir CONTRIBUTING.md › Fidélité au texte, ou rétablissez le texte imprimé) :\n"
        + "\n".join(differences))
    assert used <= STATED, f"règles appliquées sans être énoncées sur « À propos » : {used - STATED}"
