"""What each version of the référentiel added or changed (« Nouveautés », the Atom feed, the footer)."""

from __future__ import annotations

from dataclasses import dataclass

from ..francais import date_fr, pluriel
from ..model import Version
from ..referentiel import Referentiel
from .routes import enonce_href
from .statements import Lien, lien

NOUVEAUTES = "nouveautes/"
FLUX = "nouveautes.xml"


def version_ancre(version: str) -> str:
    return "version-" + "".join(c if c.isalnum() else "-" for c in version)


@dataclass(frozen=True)
class VersionVue:
    ancre: str
    titre: str  # « Version 2027.1 »
    date: str  # AAAA-MM-JJ, as written
    date_texte: str  # « 14 mars 2027 »
    resume: str
    bilan: str | None  # « 1 énoncé ajouté, 0 modifié » (None when the version lists none)
    ajouts: list[Lien]
    modifications: list[Lien]


@dataclass(frozen=True)
class Nouveautes:
    introduction: str
    versions: list[VersionVue]
    flux_href: str


def version_vue(ref: Referentiel, version: Version) -> VersionVue:
    ajouts = [lien(ref, i, detail=True) for i in version.ajouts]
    modifications = [lien(ref, i, detail=True) for i in version.modifications]
    return VersionVue(
        ancre=version_ancre(version.version),
        titre=f"Version {version.version}",
        date=version.date,
        date_texte=date_fr(version.date),
        resume=version.resume,
        bilan=f"{pluriel(len(ajouts), 'énoncé ajouté', 'énoncés ajoutés')}, "
              f"{pluriel(len(modifications), 'modifié', 'modifiés')}" if ajouts or modifications else None,
        ajouts=ajouts,
        modifications=modifications,
    )


def nouveautes(ref: Referentiel) -> Nouveautes:
    return Nouveautes(
        introduction="Le référentiel s'enrichit au fil des journées de groupes de pairs. Voici, version après "
                     "version, ce qui a été ajouté ou modifié, la plus récente en premier.",
        versions=[version_vue(ref, v) for v in ref.versions.versions],
        flux_href=FLUX,
    )


def edition_texte(ref: Referentiel) -> str:
    """The line of the footer (and of printed pages): « Version 2022.1 du 1er juillet 2022 »."""
    return f"Version {ref.meta.version} du {date_fr(ref.meta.date)}"


@dataclass(frozen=True)
class Alias:
    ancien: str
    href: str  # root-relative: the page and anchor of the statement it now names


def alias(ref: Referentiel) -> list[Alias]:
    """Every former id and where its statement now lives (for the script that follows old anchors)."""
    return [Alias(old, enonce_href(ref, current)) for old, current in sorted(ref.aliases.items())]
