"""The contributors' links a page offers: « Proposer une correction » of a statement in GitHub's
editor, « Proposer » a statement through a prefilled issue form.

The repository's address is read once from ``mkdocs.yml`` (``contribution.repo_url``);
every URL is built by ``contribution`` (``edit_url``, ``proposer_url``), the one place
that knows the forms and their field ids. These links go to GitHub: they are links,
never requests the page makes.

Why the editor URL (``/edit/main/data/…#L123``) rather than the file view
(``/blob/main/data/…#L123``): a contributor who follows the link wants to edit; the
editor forks the repository for them and ends on « Propose changes ». GitHub's editor
does not scroll to ``#L…``, so the link also says, in words, the file and the line to
look for (« data/acteurs/agent.yaml, ligne 123 »): in its tooltip and for screen readers,
not in its visible words, which speak to every reader (participants never edit YAML).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..caches import construction
from ..contribution import edit_url, proposer_url, repo_url
from ..model import FichierActeur
from ..referentiel import Referentiel


@dataclass(frozen=True)
class LienExterne:
    """A link to GitHub: its words, its address, and what it opens (for screen readers and tooltips)."""

    texte: str
    href: str
    detail: str


def depot() -> str:
    """The repository's address (``repo_url`` of mkdocs.yml), read once per build."""
    return construction("depot", repo_url)


def modifier(ref: Referentiel, ident: str) -> LienExterne | None:
    """« Proposer une correction » in GitHub's editor, on the statement's file, at its ``id:`` line; a
    statement of its own file (``data/sources/<source>/<id>.yaml``) opens that file, whole
    (None when the statement was not read from a file, as in the tests' synthetic référentiels)."""
    place = ref.emplacements.get(ident)
    if place is None:
        return None
    path, line = place
    if line is None:
        return LienExterne(texte="Proposer une correction", href=edit_url(depot(), path),
                           detail=f"sur GitHub, dans {path}")
    return LienExterne(
        texte="Proposer une correction",
        href=edit_url(depot(), path, line),
        detail=f"sur GitHub, dans {path}, ligne {line}",
    )


def _labels(ref: Referentiel) -> dict[str, str]:
    return {a.id: a.libelles.pluriel for a in ref.acteurs}


def proposer_attente(ref: Referentiel, de: FichierActeur, envers: FichierActeur | None = None) -> LienExterne:
    """The « Proposer une attente » form, with the sender (and the recipient) already chosen."""
    target = envers.id if envers is not None else None
    if envers is None:
        detail = f"une attente {de.libelles.des}, sur GitHub"
    elif envers.id == de.id:
        detail = f"une attente {de.libelles.des} envers leurs pairs, sur GitHub"
    else:
        detail = f"une attente {de.libelles.des} envers {envers.libelles.les}, sur GitHub"
    return LienExterne(texte="Proposer une attente", href=proposer_url(depot(), "attente", _labels(ref), de.id, target),
                       detail=detail)


def proposer_message(ref: Referentiel, de: FichierActeur, envers: FichierActeur | None = None) -> LienExterne:
    """The « Proposer un message » form, with the sender (and the recipient) already chosen."""
    detail = (f"un message {de.libelles.des} {envers.libelles.aux}, sur GitHub" if envers is not None
              else f"un message {de.libelles.des}, sur GitHub")
    return LienExterne(texte="Proposer un message",
                       href=proposer_url(depot(), "message", _labels(ref), de.id, envers.id if envers else None),
                       detail=detail)


def proposer_enjeu(ref: Referentiel, de: FichierActeur, kind: str) -> LienExterne:
    """The « Proposer un enjeu ou un pouvoir » form, actor and kind chosen (``kind``: enjeu or pouvoir)."""
    word = {"enjeu": "un enjeu", "pouvoir": "un pouvoir"}[kind]
    return LienExterne(texte=f"Proposer {word}", href=proposer_url(depot(), kind, _labels(ref), de.id),
                       detail=f"{word} {de.libelles.des}, sur GitHub")


def propositions_acteur(ref: Referentiel, de: FichierActeur) -> list[LienExterne]:
    """Every form an actor page offers, prefilled with that actor."""
    return [
        proposer_enjeu(ref, de, "enjeu"),
        proposer_enjeu(ref, de, "pouvoir"),
        proposer_attente(ref, de),
        proposer_message(ref, de),
    ]

