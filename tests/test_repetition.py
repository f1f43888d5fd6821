"""The contribution rehearsal (issues 9 and 18), in a temporary git copy of the project, as three new
contributors and the editorial team would go:

(a) a filled issue form → ``propose`` (what the bot runs) → a commit → the check's data and id steps
    green, and its French summary (the check's other steps, builds included, run in (d) on a result
    that holds it);
(b) an edit at a « Modifier » line (GitHub's web editor) → the pull request's check green;
(c) ``make new`` with a title → the text filled in → green;
(d) two peer-group days proposed on two branches, same actor and same kind of statement, and a second
    statement of the first day on a third branch (the same journée file written twice) → merged into
    main without a conflict, ``make verifier`` green on the result (every step: two engines, links);
(e) the version published (``make version``), the site built: each statement, sourced as its journée,
    on its actor's page, its matrix cell, its pair page, the fiches, the cards, the open data,
    « Nouveautés » and the Atom feed; in the browser, the origin filter and a former id.

Nothing here depends on today's content: the actor, the ids and the pages come from the data.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT, build_env, copy_project, mkdocs_build, run_make, served
from referentiel.contribution import actor_option, option_id
from referentiel.francais import date_fr, pluriel
from referentiel.validate import load_referentiel
from referentiel.views.routes import SEUIL, enonce_href, fiche_href, paire_href

TICKET = Path(__file__).parent / "fixtures" / "ticket-attente.md"
SITE_URL = "https://fabrique-des-transitions.github.io/4-fantastiques/"
ATOM = "{http://www.w3.org/2005/Atom}"
GIT = ["git", "-c", "user.name=Contributrice", "-c", "user.email=c@exemple.org", "-c", "commit.gpgsign=false"]
FORMER = "ancien-identifiant-d-un-enonce"  # recorded at a « Modifier » line, route (b)

# Two journées no data declares (a contributor's, tests/fixtures/enrichissement, may hold others).
LYON = {"date": "14/03/2027", "lieu": "Villeurbanne", "organisation": "Organisation des essais"}
DIJON = {"date": "2 avril 2027", "lieu": "Chenôve", "organisation": "Une association d'élus des essais"}

pytestmark = pytest.mark.build


def git(project: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=project, check=True, capture_output=True, text=True).stdout


def referentiel(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(build_env(), PYTHONPATH=str(project / "macros"))
    return subprocess.run([sys.executable, "-m", "referentiel", *args], cwd=project, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``make`` in the copy: the copy's code, reading the copy's data."""
    return run_make(project, *args, env=dict(build_env(), PYTHONPATH=str(project / "macros")))


def ticket(tmp: Path, name: str, de: str, vers: str, titre: str, journee: dict[str, str], labels: dict[str, str]) -> Path:
    """The fixture form, as GitHub renders it, filled for ``de`` → ``vers`` at ``journee``."""
    text = TICKET.read_text(encoding="utf-8")
    text = re.sub(r"(### Qui exprime cette attente \?\n\n).*", lambda m: m.group(1) + actor_option(de, labels[de]), text)
    text = re.sub(r"(### Envers qui \?\n\n).*", lambda m: m.group(1) + actor_option(vers, labels[vers]), text)
    text = re.sub(r"(### Titre\n\n).*", lambda m: m.group(1) + titre, text)
    for label, key in (("Date de la journée", "date"), ("Lieu", "lieu"), ("Organisation qui anime", "organisation")):
        text = re.sub(rf"(### {label}\n\n).*", lambda m, k=key: m.group(1) + journee[k], text)
    path = tmp / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def propose(project: Path, body: Path) -> str:
    """What the bot does (proposition.yml): the form becomes files; returns the statement's id."""
    result = referentiel(project, "propose", "--from-issue", str(body), "--data", str(project / "data"))
    assert result.returncode == 0, result.stderr
    return re.search(r"Énoncé « ([a-z0-9-]+) »", result.stdout).group(1)


def verifier(project: Path, base: str) -> str:
    result = make(project, "verifier", f"BASE={base}")
    resume = (project / ".verification" / "resume.md").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert resume.startswith("## Vérification de la proposition : ✅ tout est en ordre"), resume
    return resume


def quick_check(project: Path, base: str) -> None:
    """The steps of the check a one-file edit can break (the data, the ids of the base), without the builds."""
    for args in (("check",), ("ids", "--base", base)):
        result = referentiel(project, *args, "--data", str(project / "data"))
        assert result.returncode == 0, result.stdout + result.stderr


def summary(project: Path, base: str) -> str:
    """The French summary the check posts on the pull request (``referentiel diff``, as make verifier runs it)."""
    result = referentiel(project, "diff", "--base", base, "--data", str(project / "data"))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def repetition(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("repetition")
    project = copy_project(tmp / "depot")
    for name in ("Makefile", "pyproject.toml", "requirements.lock", ".gitignore"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / ".github", project / ".github")  # the forms the bot reads
    (project / "tools").mkdir()
    shutil.copy2(ROOT / "tools" / "verifier.py", project / "tools" / "verifier.py")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Le référentiel publié")
    base = git(project, "rev-parse", "HEAD").strip()
    ref = load_referentiel(project / "data")
    labels = {a.id: a.libelles.pluriel for a in ref.acteurs}
    # The actor whose page is furthest from being split over pages, and another one.
    de = min(ref.acteurs, key=lambda a: len(ref.entries(acteur=a.id))).id
    vers = next(a.id for a in ref.acteurs if a.id != de)
    ids: dict[str, str] = {}

    # (a) The form route: the bot's branch, then the pull request's check.
    git(project, "switch", "-q", "-c", "proposition-1")
    ids["lyon"] = propose(project, ticket(tmp, "lyon", de, vers, "Être associés dès l'amont des projets.", LYON, labels))
    git(project, "add", "data")
    git(project, "commit", "-qm", "Ajoute l'énoncé proposé dans le ticket n° 1")
    quick_check(project, "main")
    resume_a = summary(project, "main")

    # (b) The web editor: at the « Modifier » line of a statement of the publication, a typo fixed and a
    # former id recorded (as when two statements are merged into one).
    edited = next(e for e in ref.entries(kind="attente", acteur=vers))
    path, line = ref.emplacements[edited.id]
    lines = (project / path).read_text(encoding="utf-8").split("\n")
    assert lines[line - 1].strip() == f"- id: {edited.id}"
    lines.insert(line, f"    alias: [{FORMER}]")
    (project / path).write_text("\n".join(lines), encoding="utf-8")
    git(project, "commit", "-qam", "Corrige un énoncé (éditeur de GitHub)")
    quick_check(project, "main")

    # (c) On a computer: make new with a title; the text written afterwards.
    created = make(project, "new", "KIND=attente", f"DE={vers}", f"VERS={de}",
                   "TITRE=Un calendrier partagé avec les autres.", "SOURCE=" + load_referentiel(
                       project / "data").entry(ids["lyon"]).provenance.document)
    assert created.returncode == 0, created.stderr
    ids["new"] = re.search(r"Énoncé « ([a-z0-9-]+) »", created.stdout).group(1)
    draft = next((project / "data" / "sources").rglob(f"{ids['new']}.yaml"))
    refused = referentiel(project, "check", "--data", str(project / "data"))
    assert refused.returncode == 1 and "texte à compléter" in refused.stderr
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "À COMPLÉTER : le texte, en phrases.", "Que chacun publie ses échéances."), encoding="utf-8")
    git(project, "add", "data")
    git(project, "commit", "-qm", "Ajoute une attente (make new)")
    quick_check(project, "main")

    # (d) Two other peer-group days' proposals, from main, same actor and kind: one from Chenôve, one more
    # from Villeurbanne (the same journée file, written again).
    git(project, "switch", "-q", "main")
    git(project, "switch", "-q", "-c", "proposition-2")
    ids["dijon"] = propose(project, ticket(tmp, "dijon", de, vers, "Des calendriers qui laissent le temps de coopérer.",
                                          DIJON, labels))
    git(project, "add", "data")
    git(project, "commit", "-qm", "Ajoute l'énoncé proposé dans le ticket n° 2")
    git(project, "switch", "-q", "main")
    git(project, "switch", "-q", "-c", "proposition-3")
    ids["lyon-bis"] = propose(project, ticket(tmp, "lyon-bis", de, vers, "Partager les retours d'expérience.", LYON, labels))
    git(project, "add", "data")
    git(project, "commit", "-qm", "Ajoute l'énoncé proposé dans le ticket n° 3")
    git(project, "switch", "-q", "main")
    for branch in ("proposition-1", "proposition-2", "proposition-3"):
        merged = subprocess.run([*GIT, "merge", "--no-ff", "--no-edit", branch], cwd=project, capture_output=True, text=True)
        assert merged.returncode == 0, f"conflit en fusionnant {branch} :\n{merged.stdout}{merged.stderr}"
    resume_d = verifier(project, base)

    # (e) The editorial team publishes the version, and the site is built.
    published = referentiel(project, "version", "2999.1", "--date", "2999-04-10", "--resume",
                            "Ce qu'ont dit les journées de Villeurbanne et de Chenôve.", "--data", str(project / "data"))
    assert published.returncode == 0, published.stderr
    site = project / "site"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stdout + built.stderr
    return {"project": project, "site": site, "ids": ids, "de": de, "vers": vers, "edited": edited.id,
            "resume_a": resume_a, "resume_d": resume_d, "ref": load_referentiel(project / "data")}


def html(site: Path, route: str) -> str:
    """A built page as a reader reads its text: entities decoded, every space a plain one (ids unchanged)."""
    text = (site / route.split("#")[0] / "index.html").read_text(encoding="utf-8")
    return unescape(text).replace("\u00a0", " ").replace("\u202f", " ")


def test_a_the_form_becomes_a_green_pull_request_with_a_french_summary(repetition):
    resume = repetition["resume_a"]
    assert "+1 attente " in resume and "Être associés dès l'amont des projets." in resume
    assert "+1 source : « Journée de groupe de pairs des agents » (2027-03-14, Villeurbanne, Organisation des essais)" in resume


def test_b_an_edit_at_a_modifier_line_keeps_the_statement_and_its_former_id(repetition):
    ref = repetition["ref"]
    assert ref.resolve(FORMER) == repetition["edited"]


def test_d_two_peer_group_days_merged_and_summed_up(repetition):
    ref, ids = repetition["ref"], repetition["ids"]
    sources = {key: ref.entry(ident).provenance.document for key, ident in ids.items()}
    assert sources["lyon"] == sources["lyon-bis"] == sources["new"] != sources["dijon"]
    # Same actor, same kind: both days' expectations, after the publication's, by date (whatever else the
    # data of the day holds: a statement listed after Dijon's comes from a later source).
    listed = [a.id for a in ref.acteur(repetition["de"]).attentes]
    date = {ident: ref.sources[ref.entry(ident).provenance.document].date or "" for ident in listed}
    lyon, dijon = listed.index(ids["lyon"]), listed.index(ids["dijon"])
    assert lyon < dijon
    assert all(date[i] <= date[ids["lyon"]] for i in listed[:lyon])
    assert all(date[i] > date[ids["dijon"]] for i in listed[dijon + 1:])
    for ident in (ids["lyon"], ids["dijon"], ids["lyon-bis"], ids["new"]):
        assert ref.entry(ident).titre in repetition["resume_d"]


@pytest.mark.parametrize("key", ["lyon", "dijon", "lyon-bis", "new"])
def test_e_each_statement_is_sourced_everywhere_it_is_shown(repetition, key):
    ref, site = repetition["ref"], repetition["site"]
    ident = repetition["ids"][key]
    entry = ref.entry(ident)
    source = ref.sources[entry.provenance.document]
    mark = f"Enrichissement : journée du {date_fr(source.date)}, {source.lieu}"
    line = f"{source.lieu}, {date_fr(source.date)}, animée par {source.organisation}"
    href = enonce_href(ref, ident)

    page = html(site, href)  # its actor's page: its source line names the journée, not a chapter
    assert f'id="{ident}" data-origine="enrichissement"' in page
    article = page[page.index(f'id="{ident}"'):]
    article = article[:article.index("</article>")]
    assert line in article and "Chapitre" not in article
    target = entry.envers[0]
    matrix = html(site, "matrice/")
    cell = matrix[matrix.index(f'id="cellule-{entry.acteur}-{target}"'):]
    cell = cell[:cell.index("</td>")]
    assert href.split("#")[1] in cell and mark in cell
    if target != entry.acteur:
        pair = html(site, paire_href(ref, entry.acteur, target))
        assert f"#{ident}" in pair and mark in pair
        assert f"#{ident}" in html(site, fiche_href(target)) and mark in html(site, fiche_href(target))
    assert f"#{ident}" in html(site, fiche_href(entry.acteur))
    [cards] = [html(site, p.parent.relative_to(site).as_posix()) for p in (site / "imprimer" / "cartes").rglob("index.html")
               if f'aria-labelledby="carte-{ident}"' in p.read_text(encoding="utf-8")]
    card = cards[cards.index(f'aria-labelledby="carte-{ident}"'):]
    assert mark in card[:card.index("</article>")]
    data = json.loads((site / "donnees" / "referentiel.json").read_text(encoding="utf-8"))
    [exported] = [s for a in data["acteurs"] for s in a["attentes"] if s["id"] == ident]
    assert exported["source"] == {"document": source.id}
    rows = csv.DictReader(io.StringIO((site / "donnees" / "referentiel.csv").read_text(encoding="utf-8-sig")))
    assert {r["id"]: r["source"] for r in rows}[ident] == source.id
    news = html(site, "nouveautes/")
    assert f"#{ident}" in news


def test_e_the_version_and_its_feed(repetition):
    site, ref = repetition["site"], repetition["ref"]
    news = html(site, "nouveautes/")
    assert 'id="version-2999-1"' in news and "Version 2999.1 du 10 avril 2999" in news
    added = ref.derniere_version.ajouts  # the four statements of the rehearsal, and any never published before
    assert set(repetition["ids"].values()) <= set(added)
    assert f"{pluriel(len(added), 'énoncé ajouté', 'énoncés ajoutés')}, 0 modifié." in news
    feed = ET.fromstring((site / "nouveautes.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "nouveautes.xml"
    latest = feed.findall(f"{ATOM}entry")[0]
    assert latest.find(f"{ATOM}title").text == "Version 2999.1 du 10 avril 2999"
    links = {a.get("href") for a in latest.find(f"{ATOM}content").iter("{http://www.w3.org/1999/xhtml}a")}
    assert links == {SITE_URL + enonce_href(ref, i) for i in ref.derniere_version.ajouts}
    assert 'rel="alternate"' not in html(site, "")  # linked from « Nouveautés » only (see test_build)


@pytest.fixture(scope="module")
def repetition_url(repetition):
    with served(repetition["site"]) as url:
        yield url


@pytest.mark.browser
def test_e_the_reader_shows_only_the_original_or_only_the_enrichments(repetition_url, repetition, page):
    ref, de = repetition["ref"], repetition["de"]
    if len(ref.entries(acteur=de)) > SEUIL:
        pytest.skip("l'acteur est découpé en pages : ses énoncés ne sont pas sur sa page")
    page.goto(repetition_url + f"acteurs/{de}/")
    new = page.locator(f"[id='{repetition['ids']['dijon']}']")
    original = page.locator("[data-origine='originale']").first
    page.get_by_role("group", name="Afficher").wait_for()
    page.get_by_label("Les enrichissements (").check()
    assert new.is_visible() and not original.is_visible()
    page.get_by_label("Tout (").check()
    page.get_by_label("Tout (").focus()
    page.keyboard.press("ArrowRight")  # from the keyboard, as radios do: the next choice
    assert page.get_by_label("La publication d'origine").is_checked()
    assert not new.is_visible() and original.is_visible()
    page.get_by_label("Tout (").check()
    assert new.is_visible() and original.is_visible()


@pytest.mark.browser
def test_b_a_former_id_lands_on_its_statement(repetition_url, repetition, page):
    ref = repetition["ref"]
    current = ref.resolve(FORMER)
    other = next(a.id for a in ref.acteurs if a.id != ref.entry(current).acteur)
    page.goto(repetition_url + f"acteurs/{other}/#{FORMER}")
    page.wait_for_url("**/" + enonce_href(ref, current))
    assert page.locator(f"[id='{current}']").is_visible()
