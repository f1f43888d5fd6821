"""Load every data file, validate it against the model, check across files.

``load_referentiel(data_dir)`` returns a ``Referentiel`` or raises
``ReferentielInvalide`` carrying every problem at once, each located by file,
line and field path.

The sources (``data/sources/<id>.yaml``) are listed first: their ids travel with
every file's validation (pydantic's context), so that a statement naming an
unknown source is told so with the file's other errors, in one round. Each
statement of a later source (``data/sources/<source>/<id>.yaml``) then joins its
actor's lists, after the publication's, by source date then id: every view reads
the actors as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from pydantic import BaseModel, ValidationError

from .blocs import LIST_PREFIXES, blocs_acteur, blocs_enseignements, blocs_liste
from .errors import Probleme, ReferentielInvalide, closest, format_path, position_fr, suggestion, translate
from .loader import Document, load_file
from .model import (
    ACTOR_IDS,
    EVERYONE,
    GENRES_CONTRIBUES,
    ID_MAX_LENGTH,
    ID_PATTERN,
    Encadre,
    Enonce,
    FichierActeur,
    Provenance,
    Source,
    is_placeholder_id,
)
from .referentiel import Referentiel
from .registry import (
    ACTOR_DIR,
    ACTOR_LISTS,
    FILE_MODELS,
    KIND_LISTS,
    SHARED_LISTS,
    SOURCE_MODEL,
    SOURCES_DIR,
    STATEMENT_MODEL,
    model_for,
)


def _all_field_names() -> set[str]:
    names: set[str] = set()
    seen: set[type] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            for sub in _models_in(info.annotation):
                walk(sub)

    for model in (*FILE_MODELS.values(), FichierActeur, SOURCE_MODEL, *GENRES_CONTRIBUES.values()):
        walk(model)
    return names


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)


LAST_FIELDS = ("note_editoriale", "corrections")


def _field_rank(name: str) -> int:
    """Editors' bookkeeping fields are listed last in suggestions."""
    return LAST_FIELDS.index(name) + 1 if name in LAST_FIELDS else 0


KNOWN_FIELDS = _all_field_names()


def _display(data_dir: Path, path: Path) -> str:
    """How a file is named in messages: relative to the project (data/…)."""
    try:
        return path.relative_to(data_dir.parent).as_posix()
    except ValueError:  # pragma: no cover - data_dir is always an ancestor
        return path.as_posix()


def block_model(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model of the block at ``loc`` inside ``model`` (None if it is not a block)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = next(_models_in(info.annotation), None)
    return current


def _looks_like(root: type[BaseModel], loc: tuple, keys: set[str]) -> str | None:
    """The name of a sibling list whose blocks accept every key of a misplaced block."""
    if len(loc) < 2 or not isinstance(loc[-1], int):
        return None
    parent = block_model(root, loc[:-2])
    if parent is None:
        return None
    for name, info in parent.model_fields.items():
        if name == loc[-2]:
            continue
        sub = next(_models_in(info.annotation), None)
        if sub is not None and "list" in str(info.annotation) and keys <= set(sub.model_fields):
            return name
    return None


def _message(root: type[BaseModel], doc: Document, error: dict[str, Any], loc: tuple) -> str:
    if error["type"] != "extra_forbidden":
        return translate(error, KNOWN_FIELDS)
    field_name = loc[-1]
    block = block_model(root, loc[:-1])
    # The block's own fields first, then those every statement shares (id, alias…), then bookkeeping.
    allowed = sorted(_visible_fields(block), key=_field_rank) if block else sorted(KNOWN_FIELDS)
    text = f"champ inconnu « {field_name} »"
    hint = suggestion(str(field_name), allowed, n=1)
    text += hint if hint else " : supprimez-le ou corrigez son nom"
    text += " (champs possibles ici : " + ", ".join(allowed) + ")"
    data: Any = doc.data
    try:
        for part in loc[:-1]:
            data = data[part]
    except (KeyError, IndexError, TypeError):  # pragma: no cover - loc comes from this data
        data = None
    if isinstance(data, dict):
        other = _looks_like(root, loc[:-1], set(data))
        if other:
            text += f" ; ce bloc ressemble à un élément de la liste « {other} » : est-il dans la bonne liste ?"
    return text


def _visible_fields(model: type[BaseModel]) -> list[str]:
    """The fields a contributor may write (a field kept out of the schema, like a contributed
    statement's « source », is not offered)."""
    return [name for name, info in model.model_fields.items() if not info.exclude]


def _validate(model: type[BaseModel], doc: Document, display: str,
              context: dict[str, Any]) -> tuple[Any, list[Probleme]]:
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(p for p in error["loc"] if isinstance(p, (int, str)))
            # A model-level validator reports at the model itself: keep the path as is.
            problems.append(
                Probleme(display, doc.line_of(loc), format_path(loc), _message(model, doc, error, loc),
                         position_fr(loc, doc.line_of))
            )
        return None, problems


# ---------------------------------------------------------------------------
# Reading: every file once, the sources first
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fichier:
    """One data file about to be read: where it is, how it is named in messages, its model."""

    path: Path
    rel: str  # relative to data/, posix
    display: str  # relative to the project: data/…
    model: type[BaseModel]


@dataclass(frozen=True)
class Contribution:
    """A statement of its own file (data/sources/<source>/<id>.yaml), validated."""

    display: str
    source: str  # the folder: the statement's source
    id: str  # the file's name
    kind: str
    de: str
    statement: Any  # its kind's contributed model (model.GENRES_CONTRIBUES)


@dataclass
class Lecture:
    """What reading data/ found: the files that validated, their documents, the problems."""

    data_dir: Path
    problems: list[Probleme] = field(default_factory=list)
    docs: dict[str, Document] = field(default_factory=dict)
    shared: dict[str, tuple[str, Any]] = field(default_factory=dict)  # file name → (display, model)
    actors: list[tuple[str, FichierActeur]] = field(default_factory=list)
    actor_stems: list[str] = field(default_factory=list)  # every actor file, even one that failed
    sources: list[tuple[str, Source]] = field(default_factory=list)
    source_ids: set[str] = field(default_factory=set)  # declared by a file's name, even one that failed
    contributions: list[Contribution] = field(default_factory=list)
    unread: set[str] = field(default_factory=set)  # files whose YAML could not be read at all
    raw_ids: set[str] = field(default_factory=set)  # the ids written in files that read but failed validation

    def failed(self, display: str, doc: Document | None) -> None:
        """Remember what a file that failed may hold, so that a reference to it is not called missing."""
        if doc is None:
            self.unread.add(display)
        else:
            self.raw_ids |= set(_ids_in(doc.data))

    def located(self, display: str, path: tuple, message: str) -> Probleme:
        """A problem of a file read, at ``path`` in it (its line and position, when the file was read)."""
        doc = self.docs.get(display)
        if doc is None or not path:
            return Probleme(display, None, format_path(path), message)
        return Probleme(display, doc.line_of(path), format_path(path), message, position_fr(path, doc.line_of))

    def problem(self, display: str, message: str, path: tuple = ()) -> None:
        self.problems.append(self.located(display, path, message))

    def context(self) -> dict[str, Any]:
        """What every file's validation knows of the others: the sources declared, the actors."""
        return {"sources": frozenset(self.source_ids), "acteurs": ACTOR_IDS}

    def read(self, fichier: Fichier) -> tuple[Document | None, Any]:
        """The file's document and its validated model (None when it failed: its problems are recorded)."""
        doc, found = load_file(fichier.path, fichier.display)
        self.problems += found
        if doc is None:
            self.failed(fichier.display, None)
            return None, None
        self.docs[fichier.display] = doc
        value, found = _validate(fichier.model, doc, fichier.display, self.context())
        self.problems += found
        if value is None:
            self.failed(fichier.display, doc)
        return doc, value


def _ids_in(data: Any) -> Iterator[str]:
    """Every id and alias written anywhere in a document (read as it is, valid or not)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield value
            elif key == "alias" and isinstance(value, list):
                yield from (a for a in value if isinstance(a, str))
            else:
                yield from _ids_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from _ids_in(item)


def _layout() -> str:
    return ", ".join([*FILE_MODELS, f"{ACTOR_DIR}/<acteur>.yaml", f"{SOURCES_DIR}/<source>.yaml",
                      f"{SOURCES_DIR}/<source>/<énoncé>.yaml"])


def _classify(lecture: Lecture) -> list[Fichier]:
    """Every data file with its model; unexpected files become problems."""
    data_dir = lecture.data_dir
    found = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(data_dir).as_posix()
        display = _display(data_dir, path)
        if path.name.startswith(".") or path.suffix.lower() in (".md", ".txt"):
            continue
        if path.suffix == ".yml":
            lecture.problems.append(Probleme(display, None, "", "extension « .yml » : renommez le fichier en « .yaml »"))
            continue
        model = model_for(rel)
        if model is None:
            lecture.problems.append(
                Probleme(display, None, "", f"fichier inattendu : les fichiers reconnus sont {_layout()}"))
            continue
        found.append(Fichier(path, rel, display, model))
    return found


def _name_problem(stem: str, what: str, example: str) -> str | None:
    """Why a file's name cannot be the id it becomes (None when it can)."""
    if is_placeholder_id(stem):
        return (f"nom de fichier provisoire « {stem}.yaml » : le nom du fichier devient l'identifiant {what} ; "
                f"remplacez-le par un nom tiré du titre (ex. {example}.yaml)")
    if not re.fullmatch(ID_PATTERN, stem) or len(stem) > ID_MAX_LENGTH:
        return (f"nom de fichier « {stem}.yaml » : le nom du fichier devient l'identifiant {what}, écrivez-le en "
                f"minuscules sans accents, chiffres et tirets, {ID_MAX_LENGTH} caractères au plus "
                f"(ex. {example}.yaml)")
    return None


def _declared_sources(lecture: Lecture, fichiers: list[Fichier]) -> None:
    """The ids of data/sources/<id>.yaml, known before any file is validated."""
    for fichier in fichiers:
        if fichier.model is SOURCE_MODEL and _name_problem(fichier.path.stem, "", "x") is None:
            lecture.source_ids.add(fichier.path.stem)


def _id_matches_name(lecture: Lecture, display: str, written: str | None, stem: str) -> None:
    if written is not None and written != stem:
        lecture.problem(display, f"l'identifiant « {written} » doit être le nom du fichier (« {stem} ») : "
                        "retirez la ligne « id: » (le nom du fichier suffit) ou renommez le fichier", ("id",))


def _read_source(lecture: Lecture, fichier: Fichier) -> None:
    stem = fichier.path.stem
    bad_name = _name_problem(stem, "de la source", "journee-2027-03-14-lyon")
    if bad_name:
        lecture.problems.append(Probleme(fichier.display, None, "", bad_name))
        return
    _, value = lecture.read(fichier)
    if value is None:
        return
    _id_matches_name(lecture, fichier.display, value.id, stem)
    source = Source.model_construct(**{name: getattr(value, name) for name in Source.model_fields} | {"id": stem})
    lecture.sources.append((fichier.display, source))


GENRES = ", ".join(GENRES_CONTRIBUES)


def _genre(lecture: Lecture, display: str, doc: Document) -> str | None:
    """The kind a statement's file declares (« genre »), or None with its problem recorded."""
    genre = doc.data.get("genre") if isinstance(doc.data, dict) else None
    if genre is None:
        lecture.problem(display, f"champ obligatoire « genre » manquant : écrivez ce qu'est l'énoncé ({GENRES})")
    elif genre not in GENRES_CONTRIBUES:
        lecture.problem(display, f"genre « {genre} » inconnu (genres possibles : {GENRES})"
                        + suggestion(str(genre), list(GENRES_CONTRIBUES), n=1), ("genre",))
    else:
        return str(genre)
    return None


def _read_statement(lecture: Lecture, fichier: Fichier, folders_told: set[str]) -> None:
    """data/sources/<source>/<id>.yaml: one statement, its source the folder, its id the file's name."""
    stem, folder = fichier.path.stem, fichier.path.parent.name
    bad_name = _name_problem(stem, "de l'énoncé", "agent-attente-associer-amont")
    if bad_name:
        lecture.problems.append(Probleme(fichier.display, None, "", bad_name))
        lecture.raw_ids.add(stem)
    if folder not in lecture.source_ids and folder not in folders_told:
        folders_told.add(folder)
        lecture.problems.append(Probleme(
            _display(lecture.data_dir, fichier.path.parent) + "/", None, "",
            f"source « {folder} » inconnue : le dossier d'un énoncé porte le nom de sa source, déclarée par "
            f"le fichier data/{SOURCES_DIR}/{folder}.yaml (sources connues : {', '.join(sorted(lecture.source_ids))})"
            + suggestion(folder, sorted(lecture.source_ids), n=1)))
    doc, found = load_file(fichier.path, fichier.display)
    lecture.problems += found
    if doc is None:
        lecture.raw_ids.add(stem)
        return
    lecture.docs[fichier.display] = doc
    genre = _genre(lecture, fichier.display, doc)
    value, found = (None, []) if genre is None else _validate(GENRES_CONTRIBUES[genre], doc, fichier.display,
                                                               lecture.context())
    lecture.problems += found
    if value is None:
        lecture.raw_ids |= {stem, *_ids_in(doc.data)}
        return
    _id_matches_name(lecture, fichier.display, value.id, stem)
    if not bad_name and folder in lecture.source_ids:
        lecture.contributions.append(Contribution(fichier.display, folder, stem, genre, value.de, value))


def _read_actor(lecture: Lecture, fichier: Fichier) -> None:
    stem = fichier.path.stem
    if stem not in ACTOR_IDS:
        hint = suggestion(stem, ACTOR_IDS, n=1)
        lecture.problems.append(Probleme(
            fichier.display, None, "",
            f"acteur inconnu « {stem} »{hint + ' L' if hint else ' : l'}e référentiel compte "
            "exactement quatre acteurs, "
            f"un fichier chacun : {', '.join(a + '.yaml' for a in ACTOR_IDS)}. "
            "Ajoutez vos énoncés dans le fichier de l'acteur concerné et supprimez celui-ci.",
        ))
        return
    lecture.actor_stems.append(stem)
    _, value = lecture.read(fichier)
    if value is not None:
        lecture.actors.append((fichier.display, value))


def _read_shared(lecture: Lecture, fichier: Fichier) -> None:
    _, value = lecture.read(fichier)
    if value is not None:
        lecture.shared[fichier.rel] = (fichier.display, value)


def _read_all(lecture: Lecture, fichiers: list[Fichier]) -> None:
    folders_told: set[str] = set()
    for fichier in fichiers:
        if fichier.model is SOURCE_MODEL:
            _read_source(lecture, fichier)
        elif fichier.model is STATEMENT_MODEL:
            _read_statement(lecture, fichier, folders_told)
        elif fichier.model is FichierActeur:
            _read_actor(lecture, fichier)
        else:
            _read_shared(lecture, fichier)


def _missing_files(lecture: Lecture) -> Iterator[Probleme]:
    name = lecture.data_dir.name
    for rel in FILE_MODELS:
        if rel not in lecture.shared and not any(p.fichier.endswith(rel) for p in lecture.problems):
            yield Probleme(f"{name}/{rel}", None, "", "fichier obligatoire manquant")
    for actor_id in ACTOR_IDS:
        if actor_id not in lecture.actor_stems:
            yield Probleme(f"{name}/{ACTOR_DIR}/{actor_id}.yaml", None, "", "fichier d'acteur obligatoire manquant")
    if not lecture.source_ids:
        yield Probleme(f"{name}/{SOURCES_DIR}/", None, "",
                       f"aucune source : chaque source est un fichier {name}/{SOURCES_DIR}/<identifiant>.yaml")


# ---------------------------------------------------------------------------
# The statements of later sources join their actors
# ---------------------------------------------------------------------------


def _as_listed(contribution: Contribution) -> Any:
    """The statement as its actor's list holds it: its kind's model, with its id and its source."""
    item_model = next(_models_in(FichierActeur.model_fields[KIND_LISTS[contribution.kind]].annotation))
    values = {name: getattr(contribution.statement, name) for name in item_model.model_fields}
    values.update(id=contribution.id, source=Provenance(document=contribution.source))
    return item_model.model_construct(**values)


def _merged(lecture: Lecture) -> list[FichierActeur]:
    """Each actor with the statements of later sources after its own, by source date, source and id."""
    dates = {source.id: source.date for _, source in lecture.sources}
    order = sorted(lecture.contributions, key=lambda c: (dates.get(c.source, ""), c.source, c.id))
    merged = []
    for _, actor in lecture.actors:
        added: dict[str, list[Any]] = {}
        for contribution in order:
            if contribution.de == actor.id:
                added.setdefault(KIND_LISTS[contribution.kind], []).append(_as_listed(contribution))
        merged.append(actor.model_copy(update={name: [*getattr(actor, name), *items]
                                               for name, items in added.items()}) if added else actor)
    return merged


# ---------------------------------------------------------------------------
# Checks across files
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A statement where it is written: its file, its path in the file, whose it is."""

    display: str
    path: tuple  # (list, index) in an actor or list file; () for a statement of its own file
    id: str  # its id (a statement of its own file: the file's name)
    statement: Any
    acteur: str | None
    kind: str


@dataclass
class Verification:
    """What the checks across files read."""

    ref: Referentiel
    lecture: Lecture
    places: list[Place]
    complete: bool  # every file that holds statements could be read (valid or not)

    def missing(self, target: str) -> bool:
        """``target`` names no statement: not a valid one, nor one written in a file that failed."""
        return self.complete and self.ref.resolve(target) is None and target not in self.lecture.raw_ids

    def at(self, display: str, path: tuple, message: str) -> Probleme:
        return self.lecture.located(display, path, message)

    def shared_display(self, rel: str) -> str | None:
        entry = self.lecture.shared.get(rel)
        return entry[0] if entry else None


def _places(lecture: Lecture) -> list[Place]:
    places = [
        Place(display, (name, i), item.id, item, actor.id, kind)
        for display, actor in lecture.actors
        for name, kind in ACTOR_LISTS.items()
        for i, item in enumerate(getattr(actor, name))
    ]
    places += [Place(c.display, (), c.id, c.statement, c.de, c.kind) for c in lecture.contributions]
    for shared_list in SHARED_LISTS:
        if shared_list.nom in lecture.shared:
            display, value = lecture.shared[shared_list.nom]
            places += [Place(display, (shared_list.liste, i), item.id, item, None, shared_list.kind)
                       for i, item in enumerate(getattr(value, shared_list.liste))]
    return places


def _statement_ids(v: Verification) -> Iterator[tuple[str, tuple, str]]:
    """(display, path, id) for every statement's id, alias and element id."""
    for place in v.places:
        yield place.display, place.path + ("id",), place.id
        for j, alias in enumerate(place.statement.alias):
            yield place.display, place.path + ("alias", j), alias
        items = place.statement.elements if isinstance(place.statement, (Enonce, Encadre)) else []
        for j, element in enumerate(items):
            if element.id:
                yield place.display, place.path + ("elements", j, "id"), element.id


def _other_ids(v: Verification) -> Iterator[tuple[str, tuple, str]]:
    """(display, path, id) for the ids that are not statements': sections, figures, sources, blocks."""
    intro = v.shared_display("introduction.yaml")
    if intro:

        def walk_sections(sections, path):
            for i, section in enumerate(sections):
                yield intro, path + (i, "id"), section.id
                for j, element in enumerate(section.elements):
                    if element.id:
                        yield intro, path + (i, "elements", j, "id"), element.id
                yield from walk_sections(section.sous_sections, path + (i, "sous_sections"))

        yield from walk_sections(v.ref.introduction.sections, ("sections",))
        for i, chiffre in enumerate(v.ref.introduction.chiffres):
            yield intro, ("chiffres", i, "id"), chiffre.id
    for display, source in v.lecture.sources:
        yield display, ("id",), source.id
    # The derived ids of the authors' blocks that are not statements (blocs.py).
    for display, actor in v.lecture.actors:
        for bloc in blocs_acteur(actor):
            yield display, bloc.chemins[0], bloc.id
    for rel in LIST_PREFIXES:
        if v.shared_display(rel):
            for bloc in blocs_liste(rel, v.ref.shared_file(rel)):
                yield v.shared_display(rel), bloc.chemins[0], bloc.id
    if v.shared_display("enseignements.yaml"):
        for bloc in blocs_enseignements(v.ref.enseignements):
            yield v.shared_display("enseignements.yaml"), bloc.chemins[0], bloc.id


def _check_unique_ids(v: Verification) -> Iterator[Probleme]:
    """Every id (and alias) is unique across the whole référentiel."""
    first_seen: dict[str, tuple[str, tuple]] = {}
    for display, path, ident in [*_statement_ids(v), *_other_ids(v)]:
        if ident not in first_seen:
            first_seen[ident] = (display, path)
            continue
        other_display, other_path = first_seen[ident]
        other_line = v.lecture.docs[other_display].line_of(other_path)
        where = f"{other_display}:{other_line}" if other_line else other_display
        yield v.at(display, path, f"identifiant « {ident} » déjà utilisé ({where}) : chaque identifiant doit être unique")


def _check_actor_files(v: Verification) -> Iterator[Probleme]:
    """An actor file's id is its name."""
    for display, actor in v.lecture.actors:
        stem = Path(display).stem
        if actor.id != stem:
            yield v.at(display, ("id",), f"l'identifiant « {actor.id} » doit être le nom du fichier (« {stem} »)")


def _check_actor_references(v: Verification) -> Iterator[Probleme]:
    """« tous » alone; a message to another actor. (Each actor named exists: the model checks it, with
    the file's other errors, from the validation context.)"""
    for place in v.places:
        if place.acteur is None:
            continue
        s = place.statement
        if EVERYONE in getattr(s, "envers", []) and len(s.envers) > 1:
            yield v.at(place.display, place.path + ("envers",), "« tous » s'emploie seul : retirez les autres acteurs")
        if place.kind == "message" and s.destinataire == place.acteur:
            yield v.at(place.display, place.path + ("destinataire",),
                       "un message s'adresse à un autre acteur : pour les pairs, utilisez une attente")


def _check_apres(v: Verification) -> Iterator[Probleme]:
    """A saying or a box placed « apres » a statement names one of its actor's chapter."""
    placeable: dict[str, set[str]] = {}
    for actor in v.ref.acteurs:
        placeable[actor.id] = {s.id for name in ("enjeux", "pouvoirs", "attentes", "verbatims", "encadres")
                               for s in getattr(actor, name)}
    for place in v.places:
        apres = getattr(place.statement, "apres", None)
        if place.acteur is None or apres is None or apres in placeable.get(place.acteur, {apres}):
            continue
        statements = sorted(placeable[place.acteur] - {place.id})
        yield v.at(place.display, place.path + ("apres",),
                   f"« {apres} » n'est pas un énoncé de {'ce fichier' if place.path else 'cet acteur'}"
                   + suggestion(apres, statements, cutoff=0.8))


def _check_derive_de(v: Verification) -> Iterator[Probleme]:
    """Shared statements (common expectations, obstacles, lessons…) link to actors' statements that exist."""
    ref = v.ref
    for place in v.places:
        for j, target in enumerate(getattr(place.statement, "derive_de", []) if place.acteur is None else []):
            path = place.path + ("derive_de", j)
            current = ref.resolve(target)
            if current is None:
                if v.missing(target):  # else it may be a statement of a file that failed
                    yield v.at(place.display, path, f"énoncé « {target} » introuvable"
                               + suggestion(target, sorted(ref.index), cutoff=0.8))
            elif current != target:
                yield v.at(place.display, path, f"« {target} » est un ancien identifiant : écrivez « {current} »")
            elif not ref.index[current].acteur:
                yield v.at(place.display, path,
                           f"« {target} » n'est pas un énoncé d'un acteur : « derive_de » renvoie aux chapitres des acteurs")


def _check_versions(v: Verification) -> Iterator[Probleme]:
    """Versions: newest first, each once, the latest is referentiel.yaml's, every id named exists."""
    display = v.shared_display("versions.yaml")
    if display is None:
        return
    ref, doc = v.ref, v.lecture.docs[display]
    listed = ref.versions.versions
    seen_versions: dict[str, int] = {}
    for i, version in enumerate(listed):
        if version.version in seen_versions:
            yield v.at(display, ("versions", i, "version"), f"version « {version.version} » déjà décrite "
                       f"(ligne {doc.line_of(('versions', seen_versions[version.version], 'version'))})")
        seen_versions.setdefault(version.version, i)
        if i and version.date > listed[i - 1].date:
            yield v.at(display, ("versions", i, "date"),
                       "les versions vont de la plus récente à la plus ancienne : placez celle-ci plus haut")
        for field_name in ("ajouts", "modifications"):
            for j, target in enumerate(getattr(version, field_name)):
                if v.missing(target):
                    yield v.at(display, ("versions", i, field_name, j), f"énoncé « {target} » introuvable"
                               + suggestion(target, sorted(ref.index), cutoff=0.8))
    meta = ref.meta
    if v.shared_display("referentiel.yaml") and listed and (listed[0].version, listed[0].date) != (meta.version, meta.date):
        yield v.at(display, ("versions", 0, "version"),
                   f"la version la plus récente ({listed[0].version} du {listed[0].date}) doit être celle de "
                   f"referentiel.yaml ({meta.version} du {meta.date}) : mettez les deux fichiers d'accord")


def _check_glossaire(v: Verification) -> Iterator[Probleme]:
    """Glossary: each acronym once."""
    display = v.shared_display("glossaire.yaml")
    seen: dict[str, int] = {}
    for i, sigle in enumerate(v.ref.glossaire.sigles):
        if sigle.sigle in seen:
            first = v.lecture.docs[display].line_of(("sigles", seen[sigle.sigle], "sigle"))
            yield v.at(display, ("sigles", i, "sigle"), f"sigle « {sigle.sigle} » déjà défini (ligne {first})")
        seen.setdefault(sigle.sigle, i)


def _check_lexique(v: Verification) -> Iterator[Probleme]:
    """The lexicon: each word (and form) once, no acronym of the glossary."""
    display = v.shared_display("lexique.yaml")
    if display is None:
        return
    doc = v.lecture.docs[display]
    sigles = {s.sigle.casefold() for s in v.ref.glossaire.sigles}
    seen_ids: dict[str, int] = {}
    seen_forms: dict[str, int] = {}
    for i, mot in enumerate(v.ref.lexique.mots):
        if mot.id in seen_ids:
            yield v.at(display, ("mots", i, "id"),
                       f"identifiant « {mot.id} » déjà utilisé (ligne {doc.line_of(('mots', seen_ids[mot.id], 'id'))})")
        seen_ids.setdefault(mot.id, i)
        for j, form in enumerate([mot.mot, *mot.formes]):
            path = ("mots", i, "mot") if j == 0 else ("mots", i, "formes", j - 1)
            key = form.casefold()
            if key in sigles:
                yield v.at(display, path, f"« {form} » est un sigle : il est déjà défini dans glossaire.yaml")
            elif key in seen_forms and seen_forms[key] != i:
                yield v.at(display, path, f"« {form} » est déjà défini dans ce lexique "
                           f"(ligne {doc.line_of(('mots', seen_forms[key], 'mot'))})")
            seen_forms.setdefault(key, i)


CHECKS: tuple[Callable[[Verification], Iterable[Probleme]], ...] = (
    _check_unique_ids,
    _check_actor_files,
    _check_actor_references,
    _check_apres,
    _check_derive_de,
    _check_versions,
    _check_glossaire,
    _check_lexique,
)
"""The checks that span files, in order. Each runs even when some files failed, so that every problem
is reported at once; a check skips what a failed file could have held (``Verification.complete``)."""


def _holds_statements(display: str) -> bool:
    """Whether an unread file could have held statements (an actor's, a shared list). A statement of its
    own file is never unread: its id, the file's name, is known all the same (``_read_statement``)."""
    name = display.rsplit("/", 1)[-1]
    return f"/{ACTOR_DIR}/" in display or name in {f.nom for f in SHARED_LISTS}


def load_referentiel(data_dir: Path | str) -> Referentiel:
    """Validate ``data_dir`` whole and build the référentiel, or raise with every problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise ReferentielInvalide([Probleme(str(data_dir), None, "", "dossier de données introuvable")])
    lecture = Lecture(data_dir)
    fichiers = _classify(lecture)
    _declared_sources(lecture, fichiers)
    _read_all(lecture, fichiers)
    lecture.problems += list(_missing_files(lecture))

    lecture.actors.sort(key=lambda pair: (pair[1].numero, pair[0]))  # the first seen is the earlier chapter
    ref = Referentiel.build({rel: value for rel, (_, value) in lecture.shared.items()}, _merged(lecture),
                            [source for _, source in lecture.sources])
    complete = not any(_holds_statements(display) for display in lecture.unread)
    verification = Verification(ref, lecture, _places(lecture), complete)
    for check in CHECKS:
        lecture.problems += list(check(verification))
    if not lecture.problems:
        lecture.problems += list(check_published_ids(ref, data_dir))
    if lecture.problems:
        raise ReferentielInvalide(lecture.problems)
    ref.emplacements = _emplacements(verification)
    return ref


def _emplacements(v: Verification) -> dict[str, tuple[str, int | None]]:
    """Statement id → (its file, the line of its ``id:``), from the documents as read."""
    found: dict[str, tuple[str, int | None]] = {}
    for place in v.places:
        doc = v.lecture.docs[place.display]
        found.setdefault(place.id, (place.display, doc.lines.get(place.path + ("id",))))
    return found


PUBLISHED_IDS = "identifiants-publies.txt"


def published_ids(data_dir: Path) -> list[str]:
    """The ids ever published (data/identifiants-publies.txt, one a line; # starts a comment)."""
    path = Path(data_dir) / PUBLISHED_IDS
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def vanished_message(ident: str, ref: Referentiel) -> str:
    """What a contributor reads when an id once published leads nowhere any more."""
    return (
        f"l'identifiant publié « {ident} » a disparu : les liens vers lui ne mènent plus nulle part. "
        f"S'il a été renommé, ajoutez « alias: [{ident}] » à l'énoncé qui le remplace"
        + "".join(f" (peut-être « {hit} »)" for hit in closest(ident, sorted(ref.index), n=1, cutoff=0.7))
    )


def check_published_ids(ref: Referentiel, data_dir: Path) -> Iterator[Probleme]:
    """Every id once published still leads somewhere: it exists, or is an alias."""
    path = Path(data_dir) / PUBLISHED_IDS
    if not path.exists():
        return
    display = _display(Path(data_dir), path)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        ident = line.strip()
        if not ident or ident.startswith("#") or ref.resolve(ident) is not None:
            continue
        yield Probleme(display, number, "", vanished_message(ident, ref))

