"""Load every data file, validate it against the model, check across files.

``load_referentiel(data_dir)`` returns a ``Referentiel`` or raises
``ReferentielInvalide`` carrying every problem at once, each located by file,
line and field path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel, ValidationError

from .blocs import LIST_PREFIXES, blocs_acteur, blocs_enseignements, blocs_liste
from .errors import Probleme, ReferentielInvalide, closest, format_path, position_fr, suggestion, translate
from .loader import Document, load_file
from .model import ACTOR_IDS, EVERYONE, Encadre, Enonce, FichierActeur
from .referentiel import Referentiel
from .registry import ACTOR_DIR, ACTOR_LISTS, FILE_MODELS, SHARED_LISTS, model_for


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

    for model in (*FILE_MODELS.values(), FichierActeur):
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
    field = loc[-1]
    block = block_model(root, loc[:-1])
    # The block's own fields first, then those every statement shares (id, alias…), then bookkeeping.
    allowed = sorted(block.model_fields, key=_field_rank) if block else sorted(KNOWN_FIELDS)
    text = f"champ inconnu « {field} »"
    hint = suggestion(str(field), allowed, n=1)
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


def _validate(model: type[BaseModel], doc: Document, display: str) -> tuple[Any, list[Probleme]]:
    try:
        return model.model_validate(doc.data), []
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


def load_referentiel(data_dir: Path | str) -> Referentiel:
    """Validate ``data_dir`` whole and build the référentiel, or raise with every problem."""
    data_dir = Path(data_dir)
    problems: list[Probleme] = []
    if not data_dir.is_dir():
        raise ReferentielInvalide([Probleme(str(data_dir), None, "", "dossier de données introuvable")])

    files: dict[str, Any] = {}
    lists_of: dict[str, Iterable[str]] = {}  # display → the statement lists its file holds
    actors: list[tuple[str, FichierActeur]] = []
    actor_stems: list[str] = []  # every actor file, even one that failed: its id is still known
    docs: dict[str, Document] = {}
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(data_dir).as_posix()
        display = _display(data_dir, path)
        if path.name.startswith(".") or path.suffix.lower() in (".md", ".txt"):
            continue
        if path.suffix == ".yml":
            problems.append(Probleme(display, None, "", "extension « .yml » : renommez le fichier en « .yaml »"))
            continue
        model = model_for(rel)
        if model is None:
            known = ", ".join([*FILE_MODELS, f"{ACTOR_DIR}/<acteur>.yaml"])
            problems.append(
                Probleme(display, None, "", f"fichier inattendu : les fichiers reconnus sont {known}")
            )
            continue
        if model is FichierActeur:
            if path.stem not in ACTOR_IDS:
                hint = suggestion(path.stem, ACTOR_IDS, n=1)
                problems.append(Probleme(
                    display, None, "",
                    f"acteur inconnu « {path.stem} »{hint + ' L' if hint else ' : l'}e référentiel compte "
                    "exactement quatre acteurs, "
                    f"un fichier chacun : {', '.join(a + '.yaml' for a in ACTOR_IDS)}. "
                    "Ajoutez vos énoncés dans le fichier de l'acteur concerné et supprimez celui-ci.",
                ))
                continue
            actor_stems.append(path.stem)
        doc, found = load_file(path, display)
        problems += found
        if doc is None:
            continue
        value, found = _validate(model, doc, display)
        problems += found
        if value is None:
            continue
        docs[display] = doc
        lists_of[display] = list(ACTOR_LISTS) if model is FichierActeur else [
            f.liste for f in SHARED_LISTS if f.nom == rel]
        if model is FichierActeur:
            actors.append((display, value))
        else:
            files[rel] = (display, value)

    for name in FILE_MODELS:
        if name not in files and not any(p.fichier.endswith(name) for p in problems):
            problems.append(
                Probleme(f"{data_dir.name}/{name}", None, "", "fichier obligatoire manquant")
            )
    for actor_id in ACTOR_IDS:
        name = f"{data_dir.name}/{ACTOR_DIR}/{actor_id}.yaml"
        if actor_id not in actor_stems:
            problems.append(Probleme(name, None, "", "fichier d'acteur obligatoire manquant"))

    # Cross-file checks run even when some files failed, so that every problem is
    # reported at once; they skip what a failed file could have held.
    actors.sort(key=lambda pair: (pair[1].numero, pair[0]))  # the first seen is the earlier chapter
    complete = not any(
        f"/{ACTOR_DIR}/" in p.fichier or p.fichier.rsplit("/", 1)[-1] in {f.nom for f in SHARED_LISTS}
        for p in problems
    )
    ref = Referentiel.build({rel: value for rel, (_, value) in files.items()}, [value for _, value in actors])
    problems += list(_cross_check(ref, docs, {rel: d for rel, (d, _) in files.items()},
                                  actors, actor_stems, complete))
    if "lexique.yaml" in files:
        display = files["lexique.yaml"][0]
        problems += list(_check_lexique(ref, docs[display], display, "sources.yaml" in files))
    if complete and not problems:
        problems += list(check_published_ids(ref, data_dir))
    if problems:
        raise ReferentielInvalide(problems)
    ref.emplacements = _emplacements(docs, lists_of)
    return ref


def _emplacements(docs: dict[str, Document], lists_of: dict[str, Iterable[str]]) -> dict[str, tuple[str, int]]:
    """Statement id → (its file, the line of its ``id:``), from the documents as read."""
    found: dict[str, tuple[str, int]] = {}
    for display, doc in docs.items():
        for kind in lists_of.get(display, ()):
            items = doc.data.get(kind) if isinstance(doc.data, dict) else None
            for i, item in enumerate(items or []):
                if isinstance(item, dict) and "id" in item and (kind, i, "id") in doc.lines:
                    found.setdefault(str(item["id"]), (display, doc.lines[(kind, i, "id")]))
    return found


PUBLISHED_IDS = "identifiants-publies.txt"


def published_ids(data_dir: Path) -> list[str]:
    """The ids ever published (data/identifiants-publies.txt, one a line; # starts a comment)."""
    path = Path(data_dir) / PUBLISHED_IDS
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


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
        yield Probleme(
            display, number, "",
            f"l'identifiant publié « {ident} » a disparu : les liens vers lui ne mènent plus nulle part. "
            f"S'il a été renommé, ajoutez « alias: [{ident}] » à l'énoncé qui le remplace"
            + "".join(f" (peut-être « {hit} »)" for hit in closest(ident, sorted(ref.index), n=1, cutoff=0.7)),
        )


def _cross_check(
    ref: Referentiel,
    docs: dict[str, Document],
    shared: dict[str, str],
    actors: list[tuple[str, FichierActeur]],
    actor_stems: list[str],
    complete: bool,
) -> Iterator[Probleme]:
    """Checks that span files: ids, actor references, links, sources.

    ``complete`` is False when some file failed to load: references that could
    point into that file are then not reported as missing.
    """

    def at(display: str, path: tuple, message: str) -> Probleme:
        doc = docs[display]
        return Probleme(display, doc.line_of(path), format_path(path), message, position_fr(path, doc.line_of))

    # Known actors: those loaded (in chapter order), then files that failed to load, by name.
    actor_ids = list(ACTOR_IDS)
    actor_list = ", ".join(actor_ids)
    source_ids = set(ref.sources)

    # Every id (and alias) is unique across the whole référentiel.
    first_seen: dict[str, tuple[str, tuple]] = {}
    for display, path, ident in _all_ids(ref, shared, actors):
        if ident in first_seen:
            other_display, other_path = first_seen[ident]
            other_line = docs[other_display].line_of(other_path)
            yield at(
                display,
                path,
                f"identifiant « {ident} » déjà utilisé ({other_display}:{other_line}) : "
                "chaque identifiant doit être unique",
            )
        else:
            first_seen[ident] = (display, path)

    for display, actor in actors:
        stem = Path(display).stem
        if actor.id != stem:
            yield at(display, ("id",), f"l'identifiant « {actor.id} » doit être le nom du fichier (« {stem} »)")

        def check_actor(path: tuple, value: str, allow_all: bool = False) -> Iterator[Probleme]:
            if value in actor_ids or (allow_all and value == "tous"):
                return
            extra = f" ou « {EVERYONE} »" if allow_all else ""
            hint = suggestion(value, [*actor_ids, *([EVERYONE] if allow_all else [])], n=1)
            yield at(display, path, f"« {value} » n'est pas un acteur connu ({actor_list}{extra}){hint}")

        for i, attente in enumerate(actor.attentes):
            for j, target in enumerate(attente.envers):
                yield from check_actor(("attentes", i, "envers", j), target, allow_all=True)
            if "tous" in attente.envers and len(attente.envers) > 1:
                yield at(display, ("attentes", i, "envers"), "« tous » s'emploie seul : retirez les autres acteurs")
        for i, message in enumerate(actor.messages):
            yield from check_actor(("messages", i, "destinataire"), message.destinataire)
            if message.destinataire == actor.id:
                yield at(display, ("messages", i, "destinataire"),
                         "un message s'adresse à un autre acteur : pour les pairs, utilisez une attente")
        statement_ids = {s.id for s in actor.enjeux} | {s.id for s in actor.pouvoirs} | {s.id for s in actor.attentes}
        for kind in ("verbatims", "encadres"):
            for i, item in enumerate(getattr(actor, kind)):
                for j, target in enumerate(item.concerne):
                    yield from check_actor((kind, i, "concerne", j), target)
                if item.apres is not None and item.apres not in statement_ids | {
                    v.id for v in actor.verbatims
                } | {e.id for e in actor.encadres}:
                    yield at(display, (kind, i, "apres"),
                             f"« {item.apres} » n'est pas un énoncé de ce fichier"
                             + suggestion(item.apres, sorted(statement_ids), cutoff=0.8))

    # Provenance: every source named exists (unless sources.yaml itself failed).
    for display, path, document in _all_sources(ref, shared, actors):
        if "sources.yaml" in shared and document not in source_ids:
            yield at(display, path, f"source « {document} » inconnue (sources connues : "
                     f"{', '.join(sorted(source_ids))}){suggestion(document, sorted(source_ids), n=1)}")

    # Shared statements (common expectations, obstacles, lessons…) link to actors' statements that exist.
    for shared_list in SHARED_LISTS:
        rel, kind = shared_list.nom, shared_list.liste
        if rel not in shared:
            continue
        display = shared[rel]
        for i, item in enumerate(getattr(ref.shared_file(rel), kind)):
            for j, target in enumerate(getattr(item, "derive_de", [])):
                current = ref.resolve(target)
                if current is None:
                    if complete:  # else the target may be in a file that failed to load
                        yield at(display, (kind, i, "derive_de", j), f"énoncé « {target} » introuvable"
                                 + suggestion(target, sorted(ref.index), cutoff=0.8))
                elif current != target:
                    yield at(display, (kind, i, "derive_de", j),
                             f"« {target} » est un ancien identifiant : écrivez « {current} »")
                elif not ref.index[current].acteur:
                    yield at(display, (kind, i, "derive_de", j),
                             f"« {target} » n'est pas un énoncé d'un acteur : « derive_de » renvoie aux chapitres des acteurs")

    # Versions: newest first, each once, the latest is referentiel.yaml's, every id named exists.
    if "versions.yaml" in shared:
        display = shared["versions.yaml"]
        listed = ref.versions.versions
        seen_versions: dict[str, int] = {}
        for i, version in enumerate(listed):
            if version.version in seen_versions:
                yield at(display, ("versions", i, "version"), f"version « {version.version} » déjà décrite "
                         f"(ligne {docs[display].line_of(('versions', seen_versions[version.version], 'version'))})")
            seen_versions.setdefault(version.version, i)
            if i and version.date > listed[i - 1].date:
                yield at(display, ("versions", i, "date"),
                         "les versions vont de la plus récente à la plus ancienne : placez celle-ci plus haut")
            for field_name in ("ajouts", "modifications"):
                for j, target in enumerate(getattr(version, field_name)):
                    current = ref.resolve(target)
                    if current is None and complete:
                        yield at(display, ("versions", i, field_name, j), f"énoncé « {target} » introuvable"
                                 + suggestion(target, sorted(ref.index), cutoff=0.8))
        meta = ref.meta
        if "referentiel.yaml" in shared and listed and (listed[0].version, listed[0].date) != (meta.version, meta.date):
            yield at(display, ("versions", 0, "version"),
                     f"la version la plus récente ({listed[0].version} du {listed[0].date}) doit être celle de "
                     f"referentiel.yaml ({meta.version} du {meta.date}) : mettez les deux fichiers d'accord")

    # Glossary: each acronym once.
    display = shared.get("glossaire.yaml", "")
    seen: dict[str, int] = {}
    for i, sigle in enumerate(ref.glossaire.sigles):
        if sigle.sigle in seen:
            first = docs[display].line_of(("sigles", seen[sigle.sigle], "sigle"))
            yield at(display, ("sigles", i, "sigle"), f"sigle « {sigle.sigle} » déjà défini (ligne {first})")
        seen.setdefault(sigle.sigle, i)


def _check_lexique(ref: Referentiel, doc: Document, display: str, sources_loaded: bool) -> Iterator[Probleme]:
    """The lexicon: each word (and form) once, no acronym of the glossary, known sources."""

    def at(path: tuple, message: str) -> Probleme:
        return Probleme(display, doc.line_of(path), format_path(path), message)

    sigles = {s.sigle.casefold() for s in ref.glossaire.sigles}
    seen_ids: dict[str, int] = {}
    seen_forms: dict[str, int] = {}
    for i, mot in enumerate(ref.lexique.mots):
        if mot.id in seen_ids:
            yield at(("mots", i, "id"), f"identifiant « {mot.id} » déjà utilisé (ligne {doc.line_of(('mots', seen_ids[mot.id], 'id'))})")
        seen_ids.setdefault(mot.id, i)
        for j, form in enumerate([mot.mot, *mot.formes]):
            path = ("mots", i, "mot") if j == 0 else ("mots", i, "formes", j - 1)
            key = form.casefold()
            if key in sigles:
                yield at(path, f"« {form} » est un sigle : il est déjà défini dans glossaire.yaml")
            elif key in seen_forms and seen_forms[key] != i:
                other = doc.line_of(("mots", seen_forms[key], "mot"))
                yield at(path, f"« {form} » est déjà défini dans ce lexique (ligne {other})")
            seen_forms.setdefault(key, i)
        document = mot.source.document
        if document is not None and sources_loaded and document not in ref.sources:
            yield at(("mots", i, "source", "document"),
                     f"source « {document} » inconnue (sources connues : {', '.join(sorted(ref.sources))})")


def _all_ids(ref: Referentiel, shared: dict[str, str], actors: list[tuple[str, FichierActeur]]):
    """(display, path, id) for every id and alias, in file order."""
    for display, actor in actors:
        for kind in ACTOR_LISTS:
            for i, item in enumerate(getattr(actor, kind)):
                yield display, (kind, i, "id"), item.id
                for j, alias in enumerate(item.alias):
                    yield display, (kind, i, "alias", j), alias
                for j, element in enumerate(item.elements if isinstance(item, (Enonce, Encadre)) else []):
                    if element.id:
                        yield display, (kind, i, "elements", j, "id"), element.id
    for rel, kind in ((f.nom, f.liste) for f in SHARED_LISTS):
        if rel not in shared:
            continue
        for i, item in enumerate(ref.shared_statements(rel)):
            yield shared[rel], (kind, i, "id"), item.id
            for j, alias in enumerate(item.alias):
                yield shared[rel], (kind, i, "alias", j), alias

    if "introduction.yaml" not in shared:
        sections_intro, chiffres = [], []
    else:
        sections_intro, chiffres = ref.introduction.sections, ref.introduction.chiffres

    def walk_sections(sections, path):
        for i, section in enumerate(sections):
            yield shared["introduction.yaml"], path + (i, "id"), section.id
            for j, element in enumerate(section.elements):
                if element.id:
                    yield shared["introduction.yaml"], path + (i, "elements", j, "id"), element.id
            yield from walk_sections(section.sous_sections, path + (i, "sous_sections"))

    yield from walk_sections(sections_intro, ("sections",))
    for i, chiffre in enumerate(chiffres):
        yield shared["introduction.yaml"], ("chiffres", i, "id"), chiffre.id
    for i, source in enumerate(ref.source_list):
        yield shared["sources.yaml"], ("sources", i, "id"), source.id

    # The derived ids of the authors' blocks that are not statements (blocs.py).
    for display, actor in actors:
        for bloc in blocs_acteur(actor):
            yield display, bloc.chemins[0], bloc.id
    for rel in LIST_PREFIXES:
        if rel in shared:
            for bloc in blocs_liste(rel, ref.shared_file(rel)):
                yield shared[rel], bloc.chemins[0], bloc.id
    if "enseignements.yaml" in shared:
        for bloc in blocs_enseignements(ref.enseignements):
            yield shared["enseignements.yaml"], bloc.chemins[0], bloc.id


def _all_sources(ref: Referentiel, shared: dict[str, str], actors: list[tuple[str, FichierActeur]]):
    for display, actor in actors:
        yield display, ("source",), actor.source
        for kind in ACTOR_LISTS:
            for i, item in enumerate(getattr(actor, kind)):
                if item.source:
                    yield display, (kind, i, "source", "document"), item.source.document
    for rel, kind in ((f.nom, f.liste) for f in SHARED_LISTS):
        if rel not in shared:
            continue
        yield shared[rel], ("source",), ref.shared_file(rel).source
        for i, item in enumerate(ref.shared_statements(rel)):
            if item.source:
                yield shared[rel], (kind, i, "source", "document"), item.source.document
    if "introduction.yaml" not in shared:
        return
    intro = shared["introduction.yaml"]
    yield intro, ("source",), ref.introduction.source

    def walk(sections, path):
        for i, section in enumerate(sections):
            if section.source:
                yield intro, path + (i, "source", "document"), section.source.document
            yield from walk(section.sous_sections, path + (i, "sous_sections"))

    yield from walk(ref.introduction.sections, ("sections",))


_CACHE: dict[Path, tuple[tuple, Referentiel]] = {}


def cached_load(data_dir: Path | str) -> Referentiel:
    """``load_referentiel``, reused while no file of ``data_dir`` changes (one load per build)."""
    data_dir = Path(data_dir).resolve()
    signature = tuple(
        sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in data_dir.rglob("*") if p.is_file())
    )
    hit = _CACHE.get(data_dir)
    if hit and hit[0] == signature:
        return hit[1]
    ref = load_referentiel(data_dir)
    _CACHE[data_dir] = (signature, ref)
    return ref
