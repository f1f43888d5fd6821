"""Problems found in the data, worded in French for contributors."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .francais import enumeration, ordinal, pluriel, slug
from .model import CUSTOM_ERRORS, acteur_inconnu


@dataclass(frozen=True, order=True)
class Probleme:
    """One problem: where it is (file, line, field path) and what to do."""

    fichier: str
    ligne: int | None
    chemin: str  # machine path, e.g. attentes[10].envers[0]
    message: str
    position: str = field(default="", compare=False)  # the same, in French words

    def __str__(self) -> str:
        where = self.fichier if self.ligne is None else f"{self.fichier}:{self.ligne}"
        place = self.position or self.chemin
        if place:
            return f"{where} › {place} : {self.message}"
        return f"{where} : {self.message}"


class ReferentielInvalide(Exception):
    """The data has problems; nothing may be published."""

    def __init__(self, problemes: Iterable[Probleme]) -> None:
        self.problemes = sorted(set(problemes), key=lambda p: (p.fichier, p.ligne or 0, p.chemin, p.message))
        super().__init__(self.rapport())

    def rapport(self) -> str:
        head = f"Le référentiel contient {pluriel(len(self.problemes), 'erreur')} ; rien n'a été publié."
        return "\n".join([head, *(f"  {p}" for p in self.problemes)])


def format_path(loc: Iterable[Any]) -> str:
    """('attentes', 3, 'envers') → 'attentes[3].envers'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# List name → (its item in French, feminine?). Used to say « 11e attente ».
ITEM_NOUNS = {
    "enjeux": ("enjeu", False),
    "pouvoirs": ("pouvoir", False),
    "attentes": ("attente", True),
    "messages": ("message", False),
    "verbatims": ("parole (verbatim)", True),
    "encadres": ("encadré", False),
    "elements": ("élément", False),
    "notes": ("note", True),
    "sources": ("source", True),
    "sigles": ("sigle", False),
    "sections": ("section", True),
    "sous_sections": ("sous-section", True),
    "principes": ("principe", False),
    "freins": ("frein", False),
    "enseignements": ("enseignement", False),
    "chiffres": ("chiffre", False),
    "credits": ("crédit", False),
}


def position_fr(loc: Iterable[Any], line_of: Callable[[tuple], int | None]) -> str:
    """('attentes', 10, 'envers', 0) → « 11e attente (ligne 212), champ envers ».

    Items of named lists are counted from 1 with their line; an index into a list
    of plain values (envers, alias…) is left out: the message names the value.
    """
    loc = tuple(loc)
    parts: list[str] = []
    fields: list[str] = []
    for k, part in enumerate(loc):
        if isinstance(part, int):
            name = loc[k - 1] if k else ""
            if name in ITEM_NOUNS and k + 1 < len(loc):
                noun, feminine = ITEM_NOUNS[name]
                if fields and fields[-1] == name:
                    fields.pop()
                if fields:
                    parts.append("champ " + " › ".join(fields))
                    fields = []
                line = line_of(loc[: k + 1])
                at = f" (ligne {line})" if line else ""
                parts.append(f"{ordinal(part + 1, feminine)} {noun}{at}")
            elif name in ITEM_NOUNS:
                if fields and fields[-1] == name:
                    fields.pop()
                if fields:
                    parts.append("champ " + " › ".join(fields))
                    fields = []
                noun, feminine = ITEM_NOUNS[name]
                parts.append(f"{ordinal(part + 1, feminine)} {noun}")
            continue
        fields.append(str(part))
    if fields:
        parts.append("champ " + " › ".join(fields))
    return ", ".join(parts)


def closest(value: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The candidates closest to ``value`` (accents and case ignored), best first."""
    candidates = list(dict.fromkeys(candidates))
    folded = slug(value)
    exact = [c for c in candidates if slug(c) == folded]
    if exact:
        return exact[:1]
    by_fold = {slug(c): c for c in candidates}
    hits = difflib.get_close_matches(folded, list(by_fold), n=n, cutoff=cutoff)
    return [by_fold[h] for h in hits]


def suggestion(value: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> str:
    """« : vouliez-vous dire « a » ? » (or « « a » ou « b » »), or an empty string."""
    hits = closest(value, candidates, n, cutoff)
    if not hits:
        return ""
    return f" : vouliez-vous dire {enumeration([f'« {h} »' for h in hits], 'ou')} ?"


INVISIBLES = {
    "\u00a0": "espace insécable",
    "\u202f": "espace fine insécable",
    "\u200b": "espace de largeur nulle",
    "\u2060": "gluon (caractère invisible)",
    "\ufeff": "marque d'ordre d'octets (caractère invisible)",
    "\u00ad": "trait d'union conditionnel (invisible)",
}


def invisible_names(text: str) -> list[str]:
    """French names of the invisible characters in ``text``, in order, once each."""
    return list(dict.fromkeys(name for char, name in INVISIBLES.items() if char in text))


def _type_name(value: Any) -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return "un booléen (vrai/faux)"
    if isinstance(value, (int, float)):
        return "un nombre"
    if isinstance(value, dict):
        return "un bloc de champs"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, str):
        return f"le texte « {_short(value)} »"
    return "une valeur d'un autre type"


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_ACTOR_FIELDS = ("envers", "destinataire", "concerne", "de")
_ID_FIELDS = ("id", "alias", "apres", "document", "source", "derive_de", "envers", "destinataire", "concerne", "de")


def _is_id_field(field: str, loc: tuple) -> bool:
    return field in _ID_FIELDS or bool(loc and isinstance(loc[-1], int))


@dataclass(frozen=True)
class _Erreur:
    """What a message may say of one pydantic error: its type, the value, pydantic's context (``ctx``),
    where it is (``loc``) and the field it names (the last name in ``loc``)."""

    type: str
    valeur: Any
    ctx: dict[str, Any]
    loc: tuple
    champ: str
    connus: tuple[str, ...]  # the fields the model knows, for « vouliez-vous dire »

    def mots(self) -> dict[str, Any]:
        """The placeholders of a message: pydantic's context, the field, the value (shortened) and its kind."""
        return {**self.ctx, "champ": self.champ, "valeur": _short(self.valeur), "genre": _type_name(self.valeur)}


def _champ_inconnu(e: _Erreur) -> str:
    hint = difflib.get_close_matches(e.champ, sorted(set(e.connus)), n=1, cutoff=0.6)
    advice = f" : vouliez-vous dire « {hint[0]} » ?" if hint else " : supprimez-le ou corrigez son nom"
    return f"champ inconnu « {e.champ} »{advice}"


def _trop_long(e: _Erreur) -> str:
    """A text or an id over its limit; a list over its own."""
    if not isinstance(e.valeur, str):
        return f"la liste est trop longue ({len(e.valeur)} éléments, au plus {e.ctx.get('max_length')})"
    what = "identifiant" if _is_id_field(e.champ, e.loc) else "texte"
    return f"{what} trop long ({len(e.valeur)} caractères, au plus {e.ctx.get('max_length')}) : raccourcissez-le"


def _motif(e: _Erreur) -> str:
    """A value the field's pattern refuses: an actor, an id, a date, anything else."""
    if e.champ in _ACTOR_FIELDS:
        return acteur_inconnu(str(e.valeur), everyone=e.champ == "envers", shown=_short(e.valeur)).message()
    if _is_id_field(e.champ, e.loc):
        return (f"identifiant invalide « {_short(e.valeur)} » : minuscules sans accents, chiffres et tirets "
                "(ex. elu-enjeu-contradictions)")
    if e.champ == "date":
        return f"date invalide « {_short(e.valeur)} » : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ"
    return f"valeur invalide « {_short(e.valeur)} »"


def _litteral(e: _Erreur) -> str:
    possibles = str(e.ctx.get("expected", "")).replace("'", "").replace(" or ", " ou ")
    return f"valeur « {_short(e.valeur)} » non reconnue (valeurs possibles : {possibles})"


_TEXTE = "on attend un texte, pas {genre} (mettez le texte entre guillemets si besoin)"
_LISTE = "on attend une liste (lignes commençant par « - »), pas {genre}"
_BLOC = "on attend un bloc de champs (« clé: valeur »), pas {genre}"
_ENTIER = "on attend un nombre entier, pas {genre}"

#: pydantic's error types (``ValidationError.errors()[i]["type"]``) → the French message: a template
#: whose {placeholders} are :meth:`_Erreur.mots`, or a function of the error. pydantic's own table of
#: messages (``pydantic_core``'s ``ErrorType``) is the model; a type not listed here reads
#: « valeur invalide (<type>) », and the model's own errors (``model.CUSTOM_ERRORS``) are worded already.
MESSAGES: dict[str, str | Callable[[_Erreur], str]] = {
    "missing": "champ obligatoire « {champ} » manquant",
    "extra_forbidden": _champ_inconnu,
    "string_type": _TEXTE,
    "list_type": _LISTE, "tuple_type": _LISTE,
    "dict_type": _BLOC, "model_type": _BLOC, "model_attributes_type": _BLOC,
    "int_type": _ENTIER, "int_parsing": _ENTIER, "int_from_float": _ENTIER,
    "greater_than_equal": "le nombre doit être au moins {ge}",
    "greater_than": "le nombre doit être au moins {gt}",
    "less_than_equal": "le nombre doit être au plus {le}",
    "less_than": "le nombre doit être au plus {lt}",
    "string_too_short": "le texte est vide",
    "string_too_long": _trop_long,
    "too_short": "la liste est vide : il faut au moins un élément",
    "too_long": _trop_long,
    "string_pattern_mismatch": _motif,
    "literal_error": _litteral,
    "union_tag_invalid": "type de bloc non reconnu",
}


def translate(error: dict[str, Any], known_fields: Iterable[str]) -> str:
    """A pydantic error (from ``ValidationError.errors()``) as a French sentence (:data:`MESSAGES`)."""
    loc = tuple(error.get("loc") or ())
    e = _Erreur(type=error["type"], valeur=error.get("input"), ctx=dict(error.get("ctx") or {}), loc=loc,
                champ=next((p for p in reversed(loc) if isinstance(p, str)), ""), connus=tuple(known_fields))
    message = MESSAGES.get(e.type)
    if message is None:
        return error["msg"] if e.type in CUSTOM_ERRORS else f"valeur invalide ({e.type})"
    return message(e) if callable(message) else message.format(**e.mots())
