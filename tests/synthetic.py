"""Tiny référentiels built in the tests, to test view logic without today's content.

``acteur("a", 1, attentes=[attente("a-1", "b")])`` makes a valid actor file with
one enjeu and one pouvoir; ``referentiel(*acteurs, communes=[...])`` indexes them
with a one-source sources file. Anything not given is empty.
"""

from __future__ import annotations

from typing import Any

from referentiel.model import FichierActeur, FichierAttentesCommunes, FichierReferentiel, Source
from referentiel.referentiel import Referentiel

SOURCE = "livre"


def attente(ident: str, *envers: str, titre: str | None = None, texte: str = "Le texte.") -> dict[str, Any]:
    return {"id": ident, "titre": titre or f"Titre de {ident}.", "texte": texte, "envers": list(envers)}


def message(ident: str, destinataire: str, texte: str = "Un message.") -> dict[str, Any]:
    return {"id": ident, "destinataire": destinataire, "texte": texte}


def acteur(ident: str, numero: int, *, en_phrase: str | None = None, **lists: list[dict[str, Any]]) -> FichierActeur:
    """A valid actor file named after ``ident`` (« A », « les a », « des a »…)."""
    name = ident.capitalize()
    data: dict[str, Any] = {
        "id": ident,
        "numero": numero,
        "libelles": {
            "singulier": name, "en_phrase": en_phrase or ident, "pluriel": f"{name}s", "court": name,
            "les": f"les {ident}s", "des": f"des {ident}s", "aux": f"aux {ident}s",
        },
        "persona": {"nom": f"Persona {name}", "presentation": f"Persona {name} est {ident}.", "description": "Un rôle."},
        "titre": f"Je suis {ident}.",
        "introduction": {"titre": "Introduction.", "texte": "Un texte."},
        "profil": {"titre": "Profil.", "texte": "Un texte."},
        "source": SOURCE,
        "enjeux": [{"id": f"{ident}-enjeu", "titre": "Un enjeu.", "texte": "Son texte."}],
        "pouvoirs": [{"id": f"{ident}-pouvoir", "titre": "Un pouvoir.", "texte": "Son texte."}],
        "attentes": [attente(f"{ident}-attente-tous", "tous")],
    }
    data.update(lists)
    return FichierActeur.model_validate(data)


def referentiel(*acteurs: FichierActeur, communes: list[dict[str, Any]] = (),
                questions: list[str] = (), autres_sources: list[str] = (), originales: list[str] = ()) -> Referentiel:
    """``originales``: the sources of the original edition (``edition: originale``); the others are enrichments."""
    files: dict[str, Any] = {
        "referentiel.yaml": FichierReferentiel.model_validate(
            {"titre": "Test", "version": "1", "date": "2027-01-01", "description": "Un test.", "questions_preparation": list(questions)}
        ),
    }
    sources = [Source.model_validate({"id": ident, "type": "publication", "titre": "Le *livre*.", "date": "2022-07",
                                      "edition": "originale" if ident in originales else "enrichissement"})
               for ident in [SOURCE, *autres_sources]]
    if communes:
        files["attentes-communes.yaml"] = FichierAttentesCommunes.model_validate(
            {"source": SOURCE, "titre": "Attentes communes", "texte": "Un texte.", "attentes": list(communes)}
        )
    return Referentiel.build(files, list(acteurs), sources)
