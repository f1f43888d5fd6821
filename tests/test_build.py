"""Build layer: a strict build, then assertions on the HTML a reader gets."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from referentiel.markup import escape, inline
from referentiel.model import SCHEMA_VERSION, FichierActeur
from referentiel.registry import FILE_MODELS
from referentiel.francais import date_fr
from referentiel.liens import liens_casses
from referentiel.markup import plain
from referentiel.validate import load_referentiel
from referentiel.views.routes import page_of

from conftest import ROOT, copy_project, mkdocs_build

pytestmark = pytest.mark.build


class Page(HTMLParser):
    """The ids, links, resources and visible text of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attrs.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "audio", "video", "source") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") != "canonical":  # a canonical link loads nothing
            self.resources.append(a["href"])
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def visible_text(page: Page) -> str:
    return " ".join(" ".join(page.text).split())


@pytest.fixture(scope="module")
def ref(construit):
    """The data of the project built: the repository's, then the same enriched by contributions."""
    return construit.ref


@pytest.fixture(scope="module")
def built_site(construit) -> Path:
    return construit.site


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, Page]:
    return {p.relative_to(built_site).as_posix(): parse(p) for p in html_pages(built_site)}


def test_site_is_french_and_has_every_page(built_site, ref, pages):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert "Made with" not in visible_text(pages["index.html"])
    for actor in ref.acteurs:
        assert (built_site / "acteurs" / actor.id / "index.html").exists()
        assert (built_site / "fiches" / actor.id / "index.html").exists()
    for first, second in combinations(ref.acteurs, 2):  # one page per pair, whatever their number
        assert (built_site / "face-a-face" / f"{first.id}-{second.id}" / "index.html").exists()
    for page in ("matrice", "principes", "attentes-communes", "freins", "enseignements",
                 "glossaire", "donnees", "a-propos", "introduction", "contribuer", "animer"):
        assert (built_site / page / "index.html").exists(), page


def test_no_template_syntax_left_in_output(built_site):
    for path in html_pages(built_site):
        text = path.read_text(encoding="utf-8")
        for marker in ("{{", "{%", "{#"):
            assert marker not in text, f"{marker} reste dans {path.relative_to(built_site)}"


def test_no_text_escaped_twice(built_site):
    # « l'État » read aloud as « l&#x27;État »: a title escaped by us, then again by Material.
    for path in html_pages(built_site):
        text = path.read_text(encoding="utf-8")
        twice = re.search(r".{0,60}&amp;(?:#\d+|#x[0-9a-fA-F]+|[a-z]+);", text)
        assert not twice, f"texte échappé deux fois dans {path.relative_to(built_site)} : {twice.group(0)}"


def test_every_internal_link_and_anchor_resolves(built_site, root):
    # The 404 page, served at any depth, links from the site's own path (site_url).
    site_path = urlsplit(yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
    assert liens_casses(built_site, site_path) == []


def test_a_link_that_leads_nowhere_is_told(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="ici"><a href="../b/">b</a> <a href="#ici">ici</a> '
                                               '<a href="#ailleurs">x</a> <a href="https://exemple.org/">y</a>',
                                               encoding="utf-8")
    assert liens_casses(tmp_path) == ["a/index.html → ../b/ (page absente)", "a/index.html → #ailleurs (ancre absente)"]


def test_a_site_opened_from_the_disk_names_files(tmp_path):
    """The offline pack (file://): a link to a folder lists its files, not its page; a missing script is told."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<p id="x">b</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="b/">b</a> <a href="b/index.html#x">x</a> <a href="b/index.html#y">y</a>'
                                         '<script src="js/absent.js"></script><img src="b/index.html">', encoding="utf-8")
    assert liens_casses(tmp_path, hors_ligne=True) == [
        "index.html → b/ (dossier : hors ligne, le navigateur en liste les fichiers)",
        "index.html → b/index.html#y (ancre absente)", "index.html → js/absent.js (page absente)"]
    assert liens_casses(tmp_path) == ["index.html → b/index.html#y (ancre absente)"]


def statement_text(site: Path, page_key: str, ident: str) -> str:
    """The visible text of the statement ``ident`` on its page, spaces plain (no-break ones included)."""
    from test_build_fidelite import element

    page = Page()
    page.feed(element((site / page_key).read_text(encoding="utf-8"), ident))
    return " ".join(" ".join(page.text).replace("\u00a0", " ").replace("\u202f", " ").split())


def test_every_statement_is_on_its_page_with_its_anchor_and_source(built_site, ref, pages):
    for entry in ref.index.values():
        # Its actor's page, or the part of it that holds it once the actor is split over pages.
        page_key = page_of(entry, ref) + "index.html"
        page = pages[page_key]
        assert entry.id in page.ids, f"ancre {entry.id} absente de {page_key}"
        text = statement_text(built_site, page_key, entry.id)
        source = ref.sources[entry.provenance.document]
        assert f"Source : {plain(source.titre).rstrip('.')}" in text, (entry.id, text[-300:])
        if source.type == "journee":  # a peer-group day: its place, full date and organisation; no chapter
            assert f"{source.lieu}, {date_fr(source.date)}, animée par {source.organisation}" in text
            assert "Chapitre" not in text


def _cell_html(site: Path, row: str, col: str) -> str:
    html = (site / "matrice" / "index.html").read_text(encoding="utf-8")
    match = re.search(rf'<td id="cellule-{row}-{col}".*?</td>', html, re.S)
    assert match, f"cellule {row}→{col} absente"
    return match.group(0)


def test_expectations_and_messages_sit_in_the_right_matrix_cell(built_site, ref):
    for row in ref.acteurs:
        for col in ref.acteurs:
            cell = _cell_html(built_site, row.id, col.id)
            expected = [a.id for a in row.attentes if col.id in a.envers]
            expected += [m.id for m in row.messages if m.destinataire == col.id]
            found = re.findall(r'href="[^"#]*#([a-z0-9-]+)"', cell)
            assert [f for f in found if f in ref.index] == expected, f"cellule {row.id}→{col.id}"
            if not expected:
                assert "Rien pour l'instant" in cell and "contribuer/" in cell


def test_matrix_diagonal_holds_peer_expectations(built_site):
    cell = _cell_html(built_site, "elu", "elu")
    assert "#elu-attente-numero-1" in cell
    assert "Ce que les élus attendent de leurs pairs" in cell


def test_pair_pages_show_both_directions_and_related_boxes(built_site, ref, pages):
    html = (built_site / "face-a-face" / "elu-agent" / "index.html").read_text(encoding="utf-8")
    for attente in ref.acteur("elu").attentes:
        if "agent" in attente.envers:
            assert f"#{attente.id}" in html
    for attente in ref.acteur("agent").attentes:
        if "elu" in attente.envers:
            assert f"#{attente.id}" in html
    # the message shown whole (one paragraph): no « Lire le message » link under it
    assert "Agents, ne prenez pas la place des élus" in visible_text(pages["face-a-face/elu-agent/index.html"])
    assert "Le Binôme élus-agents." in visible_text(pages["face-a-face/elu-agent/index.html"])
    agent_etat = visible_text(pages["face-a-face/agent-etat/index.html"])
    assert "Agents, mettez-nous dans la boucle de vos projets, bien en amont !" in agent_etat
    assert "Ce que les agents des collectivités attendent des agents de l'État" in agent_etat


def test_fiche_gathers_what_the_others_expect_of_me(built_site, ref):
    html = (built_site / "fiches" / "etat" / "index.html").read_text(encoding="utf-8")
    for other in ref.acteurs:
        for attente in other.attentes:
            if other.id != "etat" and "etat" in attente.envers:
                assert f"#{attente.id}" in html
    assert "Pour préparer la journée" in html
    for question in ref.meta.questions_preparation:  # the questions come from data/referentiel.yaml
        assert str(inline(question)) in html
    etat = ref.acteur("etat").libelles.en_phrase
    assert f"<h1>Ma fiche\u00a0: {escape(etat, quote=False)}</h1>" in html


def test_common_expectations_link_both_ways(ref, pages):
    communes = pages["attentes-communes/index.html"]
    elu = pages["acteurs/elu/index.html"]
    assert any(l.endswith("#elu-attente-espaces-evaluation") for l in communes.links)
    assert any(l.endswith("#commune-espaces-evaluation") for l in elu.links)


def test_acronyms_are_explained_wherever_they_appear(built_site):
    html = (built_site / "acteurs" / "etat" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Direction départementale des territoires et de la mer" tabindex="0">DDTM</abbr>' in html
    assert re.search(r'<abbr title="[^"]+">ADEME</abbr>', html), "ADEME non expliqué à sa 2e occurrence"
    glossary = (built_site / "glossaire" / "index.html").read_text(encoding="utf-8")
    assert 'id="sigle-tlm"' in glossary


def test_nothing_loads_from_another_origin(built_site, pages):
    for rel, page in pages.items():
        for url in page.resources:
            assert not re.match(r"(https?:)?//", url), f"{rel} charge {url}"
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", text), css
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
    # Material fetches Mermaid from unpkg.com when a page holds a diagram: none may.
    for rel, page in pages.items():
        assert not any(name == "class" and "mermaid" in (value or "") for _, name, value in page.attrs), rel


def test_qr_codes_are_files_fetched_only_when_shown(built_site, pages):
    """QR codes are lazy <img> of their own file, not inline <svg> doubling the pages' weight."""
    img = re.compile(r'<img class="r4f-qr" src="([^"]+)" alt="([^"]*)" width="\d+" height="\d+" loading="(lazy|eager)"')
    referenced = set()
    for rel in ("matrice/index.html", "acteurs/elu/index.html", "acteurs/agent/index.html", "imprimer/cartes/index.html"):
        html = (built_site / rel).read_text(encoding="utf-8")
        assert not re.search(r'<svg[^>]*(r4f-qr|Code QR)|transform="scale\(', html), \
            f"{rel} : code QR encore en <svg> dans la page"
        codes = img.findall(html)
        assert codes, f"{rel} : aucun code QR"
        for src, alt, loading in codes:
            target = (built_site / rel).parent / src
            assert target.resolve().is_file(), f"{rel} : code QR introuvable {src}"
            assert target.resolve().parent == (built_site / "qr").resolve(), src
            assert alt.startswith("Code QR du lien permanent\u00a0: https://"), alt
            assert loading == ("eager" if rel.startswith("imprimer/") else "lazy"), f"{rel} : {src} {loading}"
            referenced.add(target.resolve())
    svg = next(iter(referenced)).read_text(encoding="utf-8")
    assert svg.startswith("<svg ") and 'xmlns="http://www.w3.org/2000/svg"' in svg and "viewBox=" in svg
    # every code any page asks for is in the site
    for rel, page in pages.items():
        for url in page.resources:
            if "qr/" in url:
                assert ((built_site / rel).parent / url).resolve().is_file(), f"{rel} : {url} absent"


def test_search_splits_french_elisions(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
    separator = re.compile(index["config"]["separator"])
    assert separator.split("l'élu") == ["l", "élu"]
    assert separator.split("d’orthographe") == ["d", "orthographe"]


def test_json_export_round_trips_to_the_model(built_site, ref):
    data = json.loads((built_site / "donnees" / "referentiel.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["referentiel"]["version"] == ref.meta.version
    donnees = visible_text(parse(built_site / "donnees" / "index.html"))
    assert f"version {ref.meta.version}, schéma {SCHEMA_VERSION}" in donnees
    actors = [FichierActeur.model_validate(a) for a in data["acteurs"]]
    assert actors == ref.acteurs
    assert FILE_MODELS["glossaire.yaml"].model_validate(data["glossaire"]) == ref.glossaire
    assert FILE_MODELS["attentes-communes.yaml"].model_validate(data["attentes_communes"]) == ref.attentes_communes


def test_csv_export_has_one_row_per_statement(built_site, ref):
    raw = (built_site / "donnees" / "referentiel.csv").read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    assert [r["id"] for r in rows] == list(ref.index)
    for row, entry in zip(rows, ref.index.values()):
        assert (row["acteur"], row["type"], row["source"]) == (entry.acteur or "", entry.kind, entry.provenance.document)
        assert "*" not in row["titre"] + row["texte"], f"{row['id']} : balisage laissé dans l'export"
    message = next(r for r in rows if r["id"] == "elu-message-agents")
    assert message["cibles"] == "agent"
    commune = next(r for r in rows if r["type"] == "attente-commune")
    assert commune["cibles"].split() == ref.entry(commune["id"]).derive_de
    first = next(r for r in rows if r["id"] == "elu-attente-numero-1")
    assert first["acteur"] == "elu" and first["type"] == "attente" and first["cibles"] == "elu"
    assert first["texte"].startswith("Ce qui n'est pas toujours le cas !")


def test_schemas_are_published(built_site):
    schema = json.loads((built_site / "donnees" / "schema" / "acteur.schema.json").read_text(encoding="utf-8"))
    assert "enjeux" in schema["properties"]


# ---------------------------------------------------------------------------
# Data is text, never code
# ---------------------------------------------------------------------------

PAYLOADS = {
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "lien": "[cliquez](javascript:alert(1))",
    "attributs": "Texte {: onclick=\"alert(1)\" }",
    "jinja": "{{ 7*7 }} {% if true %}JINJA{% endif %} {# commentaire #}",
    "snippet": "--8<-- \"mkdocs.yml\"",
    "markdown": "<div markdown=\"1\">_souligné_</div> `code` <!-- commentaire -->",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    elu = project / "data" / "acteurs" / "elu.yaml"
    text = elu.read_text(encoding="utf-8")
    body = "\n\n".join(PAYLOADS.values())
    hostile = "    texte: |-\n" + "".join(f"      {line}\n" for line in body.splitlines())
    # The first expectation's text and title, and a message, carry every payload.
    text = text.replace(
        "  - id: elu-attente-numero-1\n",
        "  - id: elu-attente-numero-1\n    alias: [elu-attente-ancien-numero-1]\n"
        "    notes:\n      - texte: " + json.dumps(PAYLOADS["html"]) + "\n",
        1,
    )
    text = re.sub(
        r"(  - id: elu-message-agents\n    destinataire: agent\n)    texte: .*?\n(?=  - id:|\S)",
        lambda m: m.group(1) + hostile,
        text,
        count=1,
        flags=re.S,
    )
    # Labels reach page titles, the navigation, the search index and the diagram.
    text = text.replace("  pluriel: Élus\n", '  pluriel: "Élus<script>alert(2)</script>{{ 6*7 }}"\n', 1)
    text = text.replace("  court: Élus\n", '  court: "Élus<img src=y onerror=alert(3)>"\n', 1)
    elu.write_text(text, encoding="utf-8")
    glossary = project / "data" / "glossaire.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace(
            "developpement: Direction départementale des territoires\n",
            'developpement: "Direction <b onmouseover=alert(1)>départementale</b> des territoires"\n',
            1,
        ),
        encoding="utf-8",
    )
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_hostile_text_is_shown_as_inert_text(hostile_site):
    page = parse(hostile_site / "acteurs" / "elu" / "index.html")
    text = visible_text(page)
    for name, payload in PAYLOADS.items():
        shown = " ".join(payload.split())
        assert shown in text, f"charge « {name} » non affichée telle quelle"
    assert not any("alert" in s for s in page.scripts)
    assert not any(tag == "img" and value == "x" for tag, name, value in page.attrs if name == "src")
    assert not any(name.startswith("on") for _, name, _ in page.attrs)
    assert not any(l.lower().startswith("javascript:") for l in page.links)
    assert "49" not in text.split("{{ 7*7 }}")[0][-5:]
    assert "site_name: Les 4 Fantastiques" not in text, "un fichier a été inclus par --8<--"


def test_a_renamed_statement_keeps_its_old_anchor(hostile_site):
    page = parse(hostile_site / "acteurs" / "elu" / "index.html")
    assert {"elu-attente-numero-1", "elu-attente-ancien-numero-1"} <= page.ids
    html = (hostile_site / "acteurs" / "elu" / "index.html").read_text(encoding="utf-8")
    old = html.index('id="elu-attente-ancien-numero-1"')
    assert html.rindex('id="elu-attente-numero-1"', 0, old) > html.rindex("<article", 0, old)


def test_hostile_labels_stay_text_in_titles_navigation_and_search(hostile_site):
    page = parse(hostile_site / "acteurs" / "elu" / "index.html")
    assert "Élus<script>alert(2)</script>" in visible_text(page)  # shown, as text
    assert not any(tag == "img" and value == "y" for tag, name, value in page.attrs if name == "src")
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "<script>" not in doc["title"] and "<img" not in doc["title"], doc["title"]
        assert "<script>alert" not in doc["text"] and "<img src=y" not in doc["text"]


def test_hostile_text_reaches_no_page_as_code(hostile_site):
    for path in html_pages(hostile_site):
        rel = path.relative_to(hostile_site).as_posix()
        page = parse(path)
        assert not [n for _, n, _ in page.attrs if n.startswith("on")], f"attribut d'événement dans {rel}"
        assert not any("alert" in script for script in page.scripts), f"script injecté dans {rel}"
        assert not [v for t, n, v in page.attrs if t == "img" and n == "src" and v in ("x", "y")], rel
        assert not [v for _, n, v in page.attrs if n == "href" and (v or "").lower().startswith("javascript:")], rel
        html = path.read_text(encoding="utf-8")
        assert "{{" not in html and "{%" not in html, rel
    matrix = visible_text(parse(hostile_site / "matrice" / "index.html"))
    assert "« <script>alert('x')</script>" in matrix  # the message's excerpt, as text


# ---------------------------------------------------------------------------
# Bad data publishes nothing
# ---------------------------------------------------------------------------


def test_build_with_bad_data_fails_in_french_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "projet")
    elu = project / "data" / "acteurs" / "elu.yaml"
    lines = elu.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == "envers: [elu]")
    lines[index] = lines[index].replace("[elu]", "[maire]")
    elu.write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    statement = max(i for i in range(index) if lines[i].startswith("  - id:")) + 1
    assert (f"data/acteurs/elu.yaml:{index + 1} › 1re attente (ligne {statement}), champ envers : "
            "« maire » n'est pas un acteur connu") in output
    assert "Traceback" not in output
    assert not site.exists() or not any(site.iterdir())
