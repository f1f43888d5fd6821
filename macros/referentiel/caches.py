"""Every cache of the build, and how long each lives: the one cache policy.

A cache is kept only where a measure asked for it (BENCHMARKS.md, « Caches »). Each is bounded,
and keyed by what its value is computed from, so that a changed input is never answered from
memory (``tests/test_caches.py`` changes each input and looks).

**A build** (:func:`construction`): forgotten when the next build starts, :func:`nouvelle_construction`,
which ``macros/main.py``'s ``define_env`` calls (every engine runs it once per build, `make serve`'s
rebuilds too). Bounded by one build's own values:

* the look at the data folder's files (:func:`referentiel`): once per build, not at each of the
  ~80 calls a build makes for its référentiel;
* the repository's address, read from mkdocs.yml (``views.propositions.depot``: one per link);
* what a build gathers as it goes: the QR codes its pages ask for (``qr.codes_du_site``), the
  pages' addresses and titles for search (``hooks/search.py``).

**A session** (the process: one ``make build``, or all the rebuilds of one ``make serve``):

* the référentiel of each data folder (:data:`REFERENTIELS`, 2 folders), with the signature of its
  files (paths, sizes, modification times): loaded again as soon as one changes. It carries what
  the views derive from it (``Referentiel.memo``: a statement's view, how a page is split, the
  tooltips' patterns), bounded by its own size;
* Jinja's compiled templates (:func:`gabarits`), by template and environment settings, checked
  against the checksum of the template's source;
* what the origin guard found in a file (:func:`lu_une_fois`, :data:`LECTURES`, 20,000 files), by
  the digest of its bytes;
* a text typeset (:data:`TYPOGRAPHIES`, 50,000 texts), by the text: a value shows on several
  pages (its actor's, the matrix, its cell, the cards), and again at each rebuild;
* the tooltips' patterns (:data:`LEXIQUES`, 2), by the glossary's and the lexicon's words and
  titles, each with where its acronyms and words are in the texts it has read
  (``markup.Lexique.reperes``, :data:`REPERES_MAX` texts);
* the JSON Schemas (``schema.schema_files``, :func:`session`), computed from the model's code, which
  a running process never reloads; and what `make serve` remembers of its last good build (the
  pages to show the data's errors on, ``hooks/referentiel_hooks.py``).

**On disk** (``.cache/`` beside mkdocs.yml, ignored by git, removed by ``make clean``): the QR
codes (:class:`SurDisque`, ``.cache/qr/segno-<version>/``), one file a code named by the digest of
its URL and of every parameter of its drawing; each build keeps only the codes it used.

Nothing here knows MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Environment

    from .referentiel import Referentiel

T = TypeVar("T")


class Borne(Generic[T]):
    """At most ``taille`` values by key, the least recently used forgotten first."""

    def __init__(self, taille: int) -> None:
        self.taille = taille
        self._valeurs: OrderedDict[Hashable, T] = OrderedDict()

    def obtenir(self, cle: Hashable, calcul: Callable[[], T]) -> T:
        """The value kept for ``cle``, else ``calcul()``, kept."""
        try:
            self._valeurs.move_to_end(cle)
            return self._valeurs[cle]
        except KeyError:
            pass
        valeur = calcul()
        self.garder(cle, valeur)
        return valeur

    def get(self, cle: Hashable, defaut: T | None = None) -> T | None:
        return self._valeurs.get(cle, defaut)

    def garder(self, cle: Hashable, valeur: T) -> None:
        self._valeurs[cle] = valeur
        self._valeurs.move_to_end(cle)
        if len(self._valeurs) > self.taille:
            self._valeurs.popitem(last=False)

    def __len__(self) -> int:
        return len(self._valeurs)


# --- A build ------------------------------------------------------------------------------------

_CONSTRUCTION: dict[Hashable, Any] = {}


def nouvelle_construction() -> None:
    """A build starts: what the last one kept is forgotten."""
    _CONSTRUCTION.clear()


def _une_fois(valeurs: dict[Hashable, Any], cle: Hashable, calcul: Callable[[], T]) -> T:
    try:
        return valeurs[cle]
    except KeyError:
        valeur = valeurs[cle] = calcul()
        return valeur


def construction(cle: Hashable, calcul: Callable[[], T]) -> T:
    """The value of ``cle`` for the build in progress: ``calcul()`` the first time it is asked."""
    return _une_fois(_CONSTRUCTION, cle, calcul)


# --- A session ----------------------------------------------------------------------------------

_SESSION: dict[Hashable, Any] = {}


def session(cle: Hashable, calcul: Callable[[], T]) -> T:
    """A value computed from the code alone (named by ``cle``, a fixed set of names): once a process."""
    return _une_fois(_SESSION, cle, calcul)


# --- A session: référentiels --------------------------------------------------------------------

REFERENTIELS: Borne[tuple[tuple, Referentiel]] = Borne(2)


def signature(dossier: Path) -> tuple:
    """What says a data folder's files changed: their paths, sizes and modification times."""
    found = []
    for racine, _, fichiers in os.walk(dossier):
        for nom in fichiers:
            st = os.stat(os.path.join(racine, nom))
            found.append((os.path.join(racine, nom), st.st_mtime_ns, st.st_size))
    return tuple(sorted(found))


def referentiel(dossier: Path | str) -> Referentiel:
    """The référentiel of the data folder ``dossier`` (``load_referentiel``): its files looked at once
    per build, loaded again only when one of them changed. Invalid data raises
    ``ReferentielInvalide`` at each call, as loading it would."""
    from .validate import load_referentiel  # validate → referentiel → this module: imported when asked

    dossier = Path(dossier).resolve()

    def courant() -> tuple[Referentiel | None, Exception | None]:
        sig = signature(dossier)
        kept = REFERENTIELS.get(dossier)
        if kept is not None and kept[0] == sig:
            return kept[1], None
        try:
            ref = load_referentiel(dossier)
        except Exception as exc:  # told again at each call of this build, loaded again at the next
            return None, exc
        REFERENTIELS.garder(dossier, (sig, ref))
        return ref, None

    ref, erreur = construction(("referentiel", dossier), courant)
    if erreur is not None:
        raise erreur
    return ref


# --- A session: compiled templates --------------------------------------------------------------


def _reglages(env: Environment) -> tuple:
    """What changes the code Jinja compiles from the same source (two environments may load one file)."""
    return (
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        env.autoescape if isinstance(env.autoescape, bool) else "fonction", env.finalize is not None,
        env.optimized, env.is_async, tuple(sorted(env.extensions)),
    )


def gabarits() -> BytecodeCache:
    """Jinja's code of each template, in memory, for every Jinja environment of the session (Jinja's
    ``bytecode_cache``): `make serve` rebuilds the site with fresh environments (MkDocs' theme, ours
    in macros/main.py), which would compile every template again. Keyed by the template's name and
    the environment's settings; Jinja checks the source's checksum and compiles anew a template whose
    source changed. One entry a template and setting."""
    return session("gabarits", _gabarits_compiles)


def _gabarits_compiles() -> BytecodeCache:
    from jinja2 import BytecodeCache  # imported when a build renders (not by `make check`)
    from jinja2.bccache import Bucket

    class GabaritsCompiles(BytecodeCache):
        def __init__(self) -> None:
            self._codes: dict[str, bytes] = {}

        def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
            key = self.get_cache_key(f"{name}\x00{_reglages(environment)!r}", filename)
            bucket = Bucket(environment, key, self.get_source_checksum(source))
            self.load_bytecode(bucket)
            return bucket

        def load_bytecode(self, bucket: Bucket) -> None:
            code = self._codes.get(bucket.key)
            if code is not None:
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket: Bucket) -> None:
            self._codes[bucket.key] = bucket.bytecode_to_string()

        def clear(self) -> None:
            self._codes.clear()

    return GabaritsCompiles()


# --- A session: texts --------------------------------------------------------------------------

TYPOGRAPHIES: Borne[str] = Borne(50_000)
LEXIQUES: Borne[Any] = Borne(2)
REPERES_MAX = 50_000


# --- A session: files read by the origin guard ---------------------------------------------------

LECTURES: Borne[Any] = Borne(20_000)


def lu_une_fois(lecteur: Callable[[str], T], contenu: bytes) -> T:
    """``lecteur`` (a pure function of a file's text) applied to ``contenu``, once per distinct content:
    every file is still read whole at every build, and one whose bytes changed is read again."""
    cle = (lecteur.__module__, lecteur.__qualname__, hashlib.sha256(contenu).digest())
    return LECTURES.obtenir(cle, lambda: lecteur(contenu.decode("utf-8", errors="replace")))


# --- On disk ------------------------------------------------------------------------------------

#: The folder of the caches kept between processes, relative to the folder of mkdocs.yml (.gitignore).
DOSSIER = Path(".cache")


class SurDisque:
    """Text files kept between builds: ``<dossier>/<version>/<digest>.<suffixe>``, the digest of the key
    and of ``parametres`` (everything else the text depends on); another version of what makes them
    is another folder. Files are replaced atomically (two builds at once never read half a file); a
    read-only checkout still builds, keeping nothing. :meth:`garder` keeps only what a build used."""

    def __init__(self, dossier: str | Path, version: str, parametres: str, suffixe: str) -> None:
        self.racine = Path(dossier)
        self.dossier = self.racine / version
        self._parametres = parametres.encode("utf-8")
        self._suffixe = suffixe

    def fichier(self, cle: str) -> Path:
        digest = hashlib.sha256(self._parametres + b"\0" + cle.encode("utf-8")).hexdigest()
        return self.dossier / f"{digest}{self._suffixe}"

    def lire(self, cle: str) -> str | None:
        try:
            return self.fichier(cle).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def ecrire(self, cle: str, texte: str) -> None:
        try:
            self.dossier.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.dossier, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(texte)
            os.replace(tmp, self.fichier(cle))
        except OSError:
            pass

    def garder(self, cles: Iterable[str]) -> None:
        """Keep only the files of ``cles`` (those of the last build), and only this version's folder."""
        wanted = {self.fichier(cle).name for cle in cles}
        for other in self.racine.iterdir() if self.racine.is_dir() else ():
            if other != self.dossier and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
        for path in self.dossier.glob("*"):
            if path.name not in wanted:
                path.unlink(missing_ok=True)
