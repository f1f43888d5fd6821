"""Problems found in the data, worded in French for contributors."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .model import ACTOR_IDS, EVERYONE

from .model import CUSTOM_ERRORS
from .francais import plier, pluriel


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


def ordinal(n: int, feminine: bool = False) -> str:
    """1 → « 1er » (« 1re »), 11 → « 11e »."""
    if n == 1:
        return "1re" if feminine else "1er"
    return f"{n}e"


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


def fold(text: str) -> str:
    """A key to compare names by (``francais.plier``, then spaces as dashes): « L’État » → « l-etat »."""
    return "-".join(plier(text).replace("_", " ").replace("'", " ").split())


def closest(value: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The candidates closest to ``value`` (accents and case ignored), best first."""
    candidates = list(dict.fromkeys(candidates))
    folded = fold(value)
    exact = [c for c in candidates if fold(c) == folded]
    if exact:
        return exact[:1]
    by_fold = {fold(c): c for c in candidates}
    hits = difflib.get_close_matches(folded, list(by_fold), n=n, cutoff=cutoff)
    return [by_fold[h] for h in hits]


def suggestion(value: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> str:
    """« : vouliez-vous dire « a » ? » (or « « a » ou « b » »), or an empty string."""
    hits = closest(value, candidates, n, cutoff)
    if not hits:
        return ""
    quoted = [f"« {h} »" for h in hits]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]
    return f" : vouliez-vous dire {listed} ?"


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


def translate(error: dict[str, Any], known_fields: Iterable[str]) -> str:
    """A pydantic error (from ``ValidationError.errors()``) as a French sentence."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = error.get("loc") or ()
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return f"champ obligatoire « {field} » manquant"
    if kind == "extra_forbidden":
        hint = difflib.get_close_matches(field, sorted(set(known_fields)), n=1, cutoff=0.6)
        advice = f" : vouliez-vous dire « {hint[0]} » ?" if hint else " : supprimez-le ou corrigez son nom"
        return f"champ inconnu « {field} »{advice}"
    if kind in ("string_type", "str_type"):
        return f"on attend un texte, pas {_type_name(value)} (mettez le texte entre guillemets si besoin)"
    if kind in ("list_type", "tuple_type"):
        return f"on attend une liste (lignes commençant par « - »), pas {_type_name(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"on attend un bloc de champs (« clé: valeur »), pas {_type_name(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"on attend un nombre entier, pas {_type_name(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"le nombre doit être au moins {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"le nombre doit être au plus {ctx.get('le', ctx.get('lt'))}"
    if kind == "string_too_short":
        return "le texte est vide"
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        what = "identifiant" if _is_id_field(field, loc) else "texte"
        return f"{what} trop long ({len(value)} caractères, au plus {ctx.get('max_length')}) : raccourcissez-le"
    if kind == "too_short":
        return "la liste est vide : il faut au moins un élément"
    if kind == "too_long":
        return f"la liste est trop longue ({len(value)} éléments, au plus {ctx.get('max_length')})"
    if kind == "string_pattern_mismatch" and field in _ACTOR_FIELDS:
        everyone = field == "envers"
        known = list(ACTOR_IDS) + ([EVERYONE] if everyone else [])
        listed = ", ".join(ACTOR_IDS) + (f" ou « {EVERYONE} »" if everyone else "")
        return f"« {_short(value)} » n'est pas un acteur connu ({listed}){suggestion(str(value), known, n=1)}"
    if kind == "string_pattern_mismatch":
        if _is_id_field(field, loc):
            return (
                f"identifiant invalide « {_short(value)} » : minuscules sans accents, chiffres et tirets "
                "(ex. elu-enjeu-contradictions)"
            )
        if field == "date":
            return f"date invalide « {_short(value)} » : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ"
        return f"valeur invalide « {_short(value)} »"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"valeur « {_short(value)} » non reconnue (valeurs possibles : {expected.replace(chr(39), '').replace(' or ', ' ou ')})"
    if kind == "union_tag_invalid":  # pragma: no cover - no tagged unions yet
        return "type de bloc non reconnu"
    # The model's own errors (model.CUSTOM_ERRORS) are already worded in French.
    if kind in CUSTOM_ERRORS:
        return error["msg"]
    return f"valeur invalide ({kind})"
