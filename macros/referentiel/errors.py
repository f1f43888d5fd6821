"""Problems found in the data, worded in French for contributors."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterable

from .model import CUSTOM_ERRORS
from .francais import pluriel


@dataclass(frozen=True, order=True)
class Probleme:
    """One problem: where it is (file, line, field path) and what to do."""

    fichier: str
    ligne: int | None
    chemin: str
    message: str

    def __str__(self) -> str:
        where = self.fichier if self.ligne is None else f"{self.fichier}:{self.ligne}"
        if self.chemin:
            return f"{where} › {self.chemin} : {self.message}"
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
        suggestion = f" : vouliez-vous dire « {hint[0]} » ?" if hint else " : supprimez-le ou corrigez son nom"
        return f"champ inconnu « {field} »{suggestion}"
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
    if kind == "string_too_long":
        return f"texte trop long (plus de {ctx.get('max_length')} caractères) : découpez-le"
    if kind == "too_short":
        return "la liste est vide : il faut au moins un élément"
    if kind == "too_long":
        return f"la liste est trop longue (au plus {ctx.get('max_length')} éléments)"
    if kind == "string_pattern_mismatch":
        if field in ("id", "alias", "apres", "document", "source", "derive_de") or isinstance(loc[-1], int):
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
