"""The whole road of a contribution (issue 9): a filled issue form → `propose` → YAML with its comments
→ a new version in versions.yaml → strict build → the statement, sourced as an enrichment, on its actor
page, its matrix cell, its pair page, the exports, « Nouveautés » and the Atom feed. Then, in the browser,
the provenance filter and a former id that lands on its statement's new page."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build, served
from referentiel.validate import load_referentiel
from referentiel.views.routes import paire_href

ROOT = Path(__file__).resolve().parent.parent
TICKET = Path(__file__).parent / "fixtures" / "ticket-attente.md"
IDENT = "agent-attente-etre-associes-amont-appels-projets"
SITE_URL = "https://fabrique-des-transitions.github.io/4-fantastiques/"
ATOM = "{http://www.w3.org/2005/Atom}"
MOVED = "etat-ancien-identifiant"  # a former id, recorded as an alias of an État statement


@pytest.fixture(scope="module")
def parcours(tmp_path_factory) -> tuple[Path, Path]:
    """The project with one proposed expectation, published as version 2027.1, built."""
    project = copy_project(tmp_path_factory.mktemp("parcours") / "projet")
    data = project / "data"
    agent = data / "acteurs" / "agent.yaml"
    before = agent.read_text(encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "macros"))
    result = subprocess.run([sys.executable, "-m", "referentiel", "propose", "--from-issue", str(TICKET),
                             "--data", str(data)], env=env, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    after = agent.read_text(encoding="utf-8")
    rest = iter(after.split("\n"))  # every line kept, in order (comments included): lines only added
    assert all(any(n == o for n in rest) for o in before.split("\n")), "propose doit garder le fichier"
    assert after.startswith("# yaml-language-server: $schema=")
    # The editors publish it: a new version in versions.yaml, the same in referentiel.yaml.
    versions = data / "versions.yaml"
    versions.write_text(versions.read_text(encoding="utf-8").replace("versions:\n", (
        "versions:\n"
        '  - version: "2027.1"\n'
        "    date: 2027-03-20\n"
        "    resume: Ce qu'a dit la journée des agents du 14 mars 2027 à Lyon.\n"
        f"    ajouts: [{IDENT}]\n"), 1), encoding="utf-8")
    meta = data / "referentiel.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('version: "2022.1"', 'version: "2027.1"')
                    .replace("date: 2022-07-01", "date: 2027-03-20"), encoding="utf-8")
    # An État statement keeps a former id, once published on another page.
    etat = data / "acteurs" / "etat.yaml"
    text = etat.read_text(encoding="utf-8")
    first = text.index("\n  - id: ", text.index("\nattentes:")) + 1
    end = text.index("\n", first)
    etat.write_text(text[:end] + f"\n    alias: [{MOVED}]" + text[end:], encoding="utf-8")
    load_referentiel(data)  # valid
    site = project / "site"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stdout + built.stderr
    return project, site


def read(site: Path, route: str) -> str:
    return (site / route / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_proposed_statement_is_published_everywhere(parcours):
    project, site = parcours
    ref = load_referentiel(project / "data")
    actor = read(site, "acteurs/agent")
    assert f'id="{IDENT}" data-origine="enrichissement"' in actor
    start = actor.index(f'id="{IDENT}"')
    article = actor[start:actor.index("</article>", start)]
    for space in ("\xa0", "\u202f", "&#160;", "&#8239;"):  # no-break spaces, as characters or entities
        article = article.replace(space, " ")
    assert "Être associés dès l&#x27;amont des appels à projets." in article
    assert '<span class="r4f-origine">Enrichissement</span> · Source : <a href="../../a-propos/#source-' in article
    assert "Journée de groupe de pairs des agents (2027)" in article
    path, line = ref.emplacements[IDENT]
    assert f"/edit/main/{path}#L{line}" in article and path == "data/acteurs/agent.yaml"

    matrix = read(site, "matrice")
    cell = matrix[matrix.index('id="cellule-agent-etat"'):]
    cell = cell[:cell.index("</td>")]
    assert f"acteurs/agent/#{IDENT}" in cell

    pair = read(site, paire_href(ref, "agent", "etat").rstrip("/"))
    assert f"acteurs/agent/#{IDENT}" in pair

    data = json.loads((site / "donnees" / "referentiel.json").read_text(encoding="utf-8"))
    agent = next(a for a in data["acteurs"] if a["id"] == "agent")
    assert any(a["id"] == IDENT for a in agent["attentes"])
    assert data["referentiel"]["version"] == "2027.1"
    assert data["versions"]["versions"][0]["ajouts"] == [IDENT]
    rows = list(csv.DictReader(io.StringIO((site / "donnees" / "referentiel.csv").read_text(encoding="utf-8-sig"))))
    assert any(r["id"] == IDENT for r in rows)

    news = read(site, "nouveautes")
    assert 'id="version-2027-1"' in news and f"../acteurs/agent/#{IDENT}" in news
    assert "1 énoncé ajouté, 0 modifié." in news
    assert "Version 2027.1 du 20 mars 2027" in news
    assert '<div class="r4f-edition">Version 2027.1 du 20 mars 2027' in read(site, "acteurs/agent")


@pytest.mark.build
def test_the_feed_is_valid_atom_linking_to_the_new_statement(parcours):
    _, site = parcours
    feed = ET.fromstring((site / "nouveautes.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "nouveautes.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Version 2027.1 du 20 mars 2027", "Version 2022.1 du 1er juillet 2022"]
    latest = entries[0]
    assert latest.find(f"{ATOM}updated").text == "2027-03-20T00:00:00Z"
    assert latest.find(f"{ATOM}id").text == SITE_URL + "nouveautes/#version-2027-1"
    content = latest.find(f"{ATOM}content")
    assert content.get("type") == "xhtml"
    links = [a.get("href") for a in content.iter("{http://www.w3.org/1999/xhtml}a")]
    assert links == [f"{SITE_URL}acteurs/agent/#{IDENT}"]
    # Linked from the Nouveautés page, never as <link rel="alternate">: Material would fetch
    # sitemap.xml beside it on every page, a failed request in the offline pack.
    assert 'href="../nouveautes.xml" type="application/atom+xml"' in read(site, "nouveautes/")
    assert 'rel="alternate"' not in read(site, "")


@pytest.fixture(scope="module")
def parcours_url(parcours):
    with served(parcours[1]) as url:
        yield url


@pytest.mark.browser
def test_reader_shows_only_the_original_or_only_the_enrichments(parcours_url, page):
    page.goto(parcours_url + "acteurs/agent/")
    new = page.locator(f"[id='{IDENT}']")
    original = page.locator("[data-origine='originale']").first
    page.get_by_role("group", name="Afficher").wait_for()
    page.get_by_label("Les enrichissements (1)").check()
    assert new.is_visible() and not original.is_visible()
    assert page.locator("#r4f-annonce").inner_text(timeout=2000) in ("", "1 énoncé affiché")
    page.get_by_label("Tout (").check()
    page.get_by_label("Tout (").focus()
    page.keyboard.press("ArrowRight")  # from the keyboard, as radios do: the next choice
    assert page.get_by_label("La publication d'origine").is_checked()
    assert not new.is_visible() and original.is_visible()
    page.get_by_label("Tout (").check()
    assert new.is_visible() and original.is_visible()


@pytest.mark.browser
def test_a_former_id_lands_on_its_statement_on_another_page(parcours_url, page, parcours):
    ref = load_referentiel(parcours[0] / "data")
    current = ref.resolve(MOVED)
    page.goto(parcours_url + f"acteurs/elu/#{MOVED}")
    page.wait_for_url(f"**/acteurs/etat/#{current}")
    assert page.locator(f"[id='{current}']").is_visible()
