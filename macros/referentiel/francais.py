"""French formatting, for the views and the error messages: dates, plurals, excerpts, thousands.

Every word that agrees with a number, every date and every cut text a page
shows is produced here, so that templates never write « attente(s) ».
"""

from __future__ import annotations

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre")

NARROW_NBSP = "\u202f"


def milliers(nombre: int) -> str:
    """12345 → '12 345' (narrow no-break space between thousands)."""
    return f"{nombre:,}".replace(",", NARROW_NBSP)


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
    day = "1er" if parts[2] == 1 else str(parts[2])
    return f"{day} {month}"


def extrait(texte: str, limite: int = 90) -> str:
    """``texte`` cut at a word boundary before ``limite`` characters, with « … »."""
    return texte if len(texte) <= limite else texte[: limite - 1].rsplit(" ", 1)[0] + "…"


def debut(paragraphes: list[str]) -> str:
    """The first paragraph, followed by « … » when others follow it."""
    if not paragraphes:
        return ""
    return paragraphes[0] + (" …" if len(paragraphes) > 1 else "")
