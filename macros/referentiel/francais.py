"""French formatting, for the views and the error messages: dates, plurals, ordinals, lists,
excerpts, thousands, the one fold that lets a comparison ignore case, accents and the kind of
apostrophe, and the one slug made from it.

Every word that agrees with a number, every date and every cut text a page
shows is produced here, so that templates never write « attente(s) ».
"""

from __future__ import annotations

import re
import unicodedata

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre")

NARROW_NBSP = "\u202f"


def milliers(nombre: int) -> str:
    """12345 → '12 345' (narrow no-break space between thousands)."""
    return f"{nombre:,}".replace(",", NARROW_NBSP)


def taille(octets: int) -> str:
    """A file's size as a download link says it: « 845 ko », « 1,2 Mo » (1 ko = 1 000 octets)."""
    if octets < 1_000_000:
        return f"{max(1, round(octets / 1000))} ko"
    return f"{octets / 1_000_000:.1f}".replace(".", ",") + " Mo"


def accord(nombre: int, singulier: str, pluriel: str | None = None) -> str:
    """The noun agreed with ``nombre``: plural from 2 on (0 and 1 take the singular).

    The default plural adds an « s » to each word: « attente commune » → « attentes communes ».
    """
    if nombre <= 1:
        return singulier
    return pluriel or " ".join(word + "s" for word in singulier.split(" "))


def pluriel(nombre: int, singulier: str, pluriel: str | None = None) -> str:
    """2 → '2 attentes', 1 → '1 attente', 0 → '0 attente'."""
    return f"{milliers(nombre)} {accord(nombre, singulier, pluriel)}"


def ordinal(n: int, feminin: bool = False) -> str:
    """1 → « 1er » (« 1re »), 11 → « 11e »."""
    if n == 1:
        return "1re" if feminin else "1er"
    return f"{n}e"


def enumeration(mots: list[str], et: str = "et") -> str:
    """« a », « a et b », « a, b et c » (``et="ou"``: « a, b ou c »)."""
    if len(mots) < 2:
        return "".join(mots)
    return f"{', '.join(mots[:-1])} {et} {mots[-1]}"


def les_autres(les: str) -> str:
    """« les élus » → « les autres élus », « les agents de l'État » → « les autres agents de l'État »:
    the article's group, its words kept as the data writes them (a proper noun keeps its capital)."""
    article, _, reste = les.partition(" ")
    if article.casefold() == "les" and reste:
        return f"{article} autres {reste}"
    return f"{les}, entre pairs"


def date_fr(date: str) -> str:
    """'2022-07' → 'juillet 2022'; '2027-03-01' → '1er mars 2027'; '2022' → '2022'."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = f"{MOIS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return month
    day = ordinal(1) if parts[2] == 1 else str(parts[2])
    return f"{day} {month}"


# Words made of punctuation only (a dash, a colon, an opening quote): never the last word of a cut text.
_PONCTUATION_FINALE = re.compile(r"(?:\s+[^\w\s]+)+$")


def extrait(texte: str, limite: int = 90) -> str:
    """``texte`` cut at a word boundary before ``limite`` characters, with « … » (never after a
    bare dash or colon: « Attente — … » would read as if something were missing)."""
    if len(texte) <= limite:
        return texte
    return _PONCTUATION_FINALE.sub("", texte[: limite - 1].rsplit(" ", 1)[0]) + "…"


def debut(paragraphes: list[str]) -> str:
    """The first paragraph, followed by « … » when others follow it."""
    if not paragraphes:
        return ""
    return paragraphes[0] + (" …" if len(paragraphes) > 1 else "")


# Ligatures and apostrophes, after lower case: « Œ » is « œ » by then.
_PLIS = str.maketrans({"œ": "oe", "æ": "ae", "’": "'", "ʼ": "'", "‘": "'"})


def plier(texte: str) -> str:
    """What a comparison ignores: case, accents, ligatures, the kind of apostrophe and of space.

    « L’Œuvre de l'État » → « l'oeuvre de l'etat ». Lower case first (« İ » then loses its dot),
    then the compatibility decomposition (« ﬁ » → « fi », a no-break space → a space), then every
    mark is dropped. The search worker (``docs/assets/javascripts/workers/recherche.js``, ``plier``)
    folds the same way, step by step: both are checked against ``tests/fixtures/pliage.json``.
    """
    if texte.isascii():  # no accent, ligature nor curly apostrophe: lower case is all there is to do
        return texte.lower()
    decompose = unicodedata.normalize("NFKD", texte.lower().translate(_PLIS))
    return "".join(c for c in decompose if not unicodedata.category(c).startswith("M"))


_NON_MOT = re.compile(r"[^a-z0-9]+")


def slug(texte: str, mots: int | None = None, sauf: frozenset[str] = frozenset()) -> str:
    """The words of ``texte``, folded (:func:`plier`), of letters and digits only, joined by dashes:
    « L’État, en région » → « l-etat-en-region »; without the words ``sauf``, the first ``mots`` only.
    Ids made from a title, names compared whatever their spelling, file names."""
    kept = [w for w in _NON_MOT.split(plier(texte)) if w and w not in sauf]
    return "-".join(kept[:mots])
