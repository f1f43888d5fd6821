"""Scale (issue 12): what a first visit downloads, and pages that stay readable as the
référentiel grows. Speed itself is measured by `make bench`, never here.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from test_browser import search


@pytest.mark.browser
def test_premiere_visite_sans_index_de_recherche_puis_recherche(new_context, site_url):
    """A first visit downloads neither the search index nor Material's search engine (39 KB);
    the reader who searches gets both."""
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(site_url + "matrice/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not [u for u in requested if "search_index" in u], "l'index de recherche est chargé sans recherche"
    material_worker = re.compile(r"/workers/search\.[0-9a-f]+\.min\.js$")
    assert not [u for u in requested if material_worker.search(u)], "le moteur de recherche est chargé sans recherche"
    results = search(page, "cooperation")
    assert results, "la recherche ne donne aucun résultat une fois l'index chargé"
    assert [u for u in requested if u.endswith("search/search_index.json")]
    assert [u for u in requested if material_worker.search(u)]
    context.close()


@pytest.mark.browser
def test_recherche_ouverte_par_l_adresse(new_context, site_url):
    """A link with ?q= (Material's search sharing) still opens with its results."""
    page = new_context().new_page()
    page.goto(site_url + "?q=cooperation")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.context.close()


def test_les_regles_d_impression_ne_retardent_pas_l_affichage(built_site):
    """A phone paints a page as soon as its HTML and screen CSS are in: the print rules are a
    stylesheet for print only (Lighthouse: « render-blocking resources »)."""
    pages = [p for p in sorted(built_site.rglob("*.html")) if "md-content" in p.read_text(encoding="utf-8")]
    assert len(pages) > 30
    for path in pages:
        sheets = re.findall(r"<link\b[^>]*rel=\"stylesheet\"[^>]*>", path.read_text(encoding="utf-8"))
        assert [s for s in sheets if "impression.css" in s and 'media="print"' in s], path
        assert not [s for s in sheets if "impression.css" not in s and "media=" in s], path


@pytest.mark.browser
def test_material_et_nos_scripts_demarrent(new_context, site_url):
    """Material's scripts and ours load as Material writes them: the search opens and finds, a
    statement's link is copied, the page projects."""
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + "acteurs/elu/")
    assert search(page, "cooperation"), "Material n'a pas démarré : la recherche ne répond pas"
    page.keyboard.press("Escape")
    page.locator(".r4f-copier").first.click()
    expect(page.locator("#r4f-annonce")).to_contain_text("Lien copié")
    page.get_by_role("button", name="Projeter", exact=True).click()
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b"))
    context.close()


@pytest.mark.build
@pytest.mark.browser
def test_un_module_de_extra_javascript_s_execute_une_fois(tmp_path, new_context):
    """A script declared in mkdocs.yml as a module keeps its one ``type`` and runs: ``export``
    is understood, and DOMContentLoaded reaches its listeners on document and window once."""
    from conftest import copy_project, mkdocs_build, served

    project = copy_project(tmp_path / "projet")
    (project / "docs" / "javascripts" / "essai.js").write_text(
        "export const essai = 1;\n"
        "window.r4fEssai = {document: 0, window: 0};\n"
        'document.addEventListener("DOMContentLoaded", () => { window.r4fEssai.document += 1; });\n'
        'window.addEventListener("DOMContentLoaded", () => { window.r4fEssai.window += 1; });\n',
        encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - javascripts/referentiel.js\n" in text
    config.write_text(text.replace("  - javascripts/referentiel.js\n", "  - javascripts/referentiel.js\n"
                                   "  - path: javascripts/essai.js\n    type: module\n"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "matrice" / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r"<script\b[^>]*essai\.js[^>]*>", html)
    assert len(tags) == 1 and len(re.findall(r"\stype=", tags[0])) == 1, tags
    page = new_context().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with served(tmp_path / "site") as url:
        page.goto(url + "matrice/")
        page.wait_for_function("() => window.r4fEssai !== undefined")
        page.wait_for_timeout(200)
        assert page.evaluate("window.r4fEssai") == {"document": 1, "window": 1}
    assert not errors, errors
    page.context.close()


PROJECTION = re.compile(r"\br4f-projection\b")


@pytest.mark.browser
def test_la_projection_se_charge_quand_on_projette(new_context, site_url):
    """Reading the matrix downloads neither projection.js nor its stylesheet; « Projeter » loads
    them and projects at once, as a link with ?projection does; the wall alone gets its filters."""
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(site_url + "matrice/", wait_until="networkidle")
    assert not [u for u in requested if "projection" in u or "mur.js" in u], requested
    expect(page.locator(".r4f-une-page")).to_be_hidden()
    page.get_by_role("button", name="Projeter", exact=True).click()
    expect(page.locator("html")).to_have_class(PROJECTION)
    expect(page.locator(".r4f-grille")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
    assert [u for u in requested if u.endswith("javascripts/projection.js")]
    page.keyboard.press("Escape")
    expect(page.locator("html")).not_to_have_class(PROJECTION)
    page.goto(site_url + "mur-des-messages/?projection")
    expect(page.locator("html")).to_have_class(PROJECTION)
    expect(page.locator("[data-r4f-mur]")).to_be_visible()  # mur.js shows its filters
    context.close()


@pytest.mark.browser
def test_un_lien_prepare_projette_des_le_premier_affichage(new_context, site_url):
    """A prepared link (?projection) opens projected, not the reading page first: even while
    no script file has arrived (here: never), Material's header is hidden and the one-screen
    grid shown; « pas-a-pas » too. Projection mode's stylesheet is fetched once."""
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.route(re.compile(r"\.js(\?|$)"), lambda route: route.abort())
    page.goto(site_url + "matrice/?projection=pas-a-pas")
    expect(page.locator("html")).to_have_class(re.compile(r"\br4f-projection\b.*\br4f-pas-a-pas\b"))
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
    expect(page.locator(".r4f-grille")).to_be_visible()
    expect(page.locator(".r4f-tableau")).to_be_hidden()
    page.unroute(re.compile(r"\.js(\?|$)"))
    requested.clear()
    page.goto(site_url + "matrice/?projection", wait_until="networkidle")
    expect(page.locator(".r4f-courant")).to_have_count(1)  # projection.js took over
    assert len([u for u in requested if u.endswith("stylesheets/projection.css")]) == 1, requested
    page.keyboard.press("Escape")
    expect(page.locator(".r4f-tableau")).to_be_visible()
    context.close()


# ---------------------------------------------------------------------------
# An actor whose statements do not fit one page (views.routes.decoupage)
# ---------------------------------------------------------------------------

from referentiel.views import acteur_vue, enonce, pages_generees, partie_vue  # noqa: E402
from referentiel.views import routes  # noqa: E402

from synthetic import acteur, attente, message, referentiel  # noqa: E402


def _grand_referentiel():
    enjeux = [{"id": f"a-enjeu-{i}", "titre": f"Enjeu {i}.", "texte": "Son texte."} for i in range(1, 6)]
    bulle = {"id": "a-verbatim", "texte": "Une bulle.", "section": "enjeux", "apres": "a-enjeu-5"}
    return referentiel(
        acteur("a", 1, enjeux=enjeux, attentes=[attente("a-att-1", "b"), attente("a-att-2", "b")],
               messages=[message("a-msg", "b")], verbatims=[bulle]),
        acteur("b", 2, messages=[message("b-msg-1", "a")]),
    )


def test_acteur_trop_grand_decoupe_en_pages_et_ancres_conservees(monkeypatch):
    monkeypatch.setattr(routes, "SEUIL", 4)
    ref = _grand_referentiel()
    parts = routes.decoupage(ref, "a")
    assert [(p.rubrique, p.numero, p.total, p.href) for p in parts] == [
        ("enjeux", 1, 2, "acteurs/a/enjeux/"), ("enjeux", 2, 2, "acteurs/a/enjeux/page-2/"),
        ("pouvoirs", 1, 1, "acteurs/a/pouvoirs/"), ("attentes", 1, 1, "acteurs/a/attentes/"),
        ("messages", 1, 1, "acteurs/a/messages/"),
    ]
    assert routes.decoupage(ref, "b") == [], "un acteur qui tient sur sa page n'est pas découpé"
    # Every link to a statement goes to the page that holds it; the bubble follows its statement.
    assert enonce(ref, "a-enjeu-4").href == "acteurs/a/enjeux/#a-enjeu-4"
    assert enonce(ref, "a-enjeu-5").href == "acteurs/a/enjeux/page-2/#a-enjeu-5"
    assert enonce(ref, "a-verbatim").href == "acteurs/a/enjeux/page-2/#a-verbatim"
    assert enonce(ref, "b-msg-1").href == "acteurs/b/#b-msg-1"
    # The actor's page is an index: no statement on it, links to its pages, and a map that
    # sends every old anchor to the page that now holds it.
    vue = acteur_vue(ref, "a")
    assert vue.decoupe
    enjeux = next(r for r in vue.rubriques if r.id == "enjeux")
    assert not enjeux.placements
    assert [(l.texte, l.detail) for l in enjeux.pages] == [("Page 1 sur 2", "énoncés 1 à 4"),
                                                          ("Page 2 sur 2", "énoncé 5")]
    pages, ancres = vue.ancres["pages"], vue.ancres["ancres"]
    assert pages[ancres["a-enjeu-5"]] == "acteurs/a/enjeux/page-2/"
    assert pages[ancres["a-verbatim"]] == "acteurs/a/enjeux/page-2/"
    assert pages[ancres["a-msg"]] == "acteurs/a/messages/"
    assert [(l.texte, l.detail) for l in vue.recus_par_acteur] == [("Bs", "1 message")]
    attentes = vue.attentes_par_cible[0]
    assert (attentes.attentes, attentes.resume, attentes.voir.href) == ([], "2 attentes", routes.paire_href(ref, "a", "b"))
    # Each page is generated, and shows its statements in order with their asides.
    chemins = [p.chemin for p in pages_generees(ref)]
    assert "acteurs/a/enjeux.md" in chemins and "acteurs/a/enjeux/page-2.md" in chemins
    page = partie_vue(ref, "a", "enjeux", 2)
    assert [p.enonce.id for p in page.placements] == ["a-enjeu-5"]
    assert [e.id for e in page.placements[-1].apres] == ["a-verbatim"]
    assert (page.position, page.precedente.href, page.suivante) == ("page 2 sur 2", "acteurs/a/enjeux/", None)


def test_la_fiche_d_un_acteur_decoupe_renvoie_aux_pages_de_ses_sections(monkeypatch):
    """Once an actor is split over pages, its fiche no longer lists more enjeux than a cell would
    (a fiche at 1,000× would pass 300 KB): their count and a link to the section's pages."""
    from referentiel.views import fiche

    monkeypatch.setattr(routes, "SEUIL", 4)
    ref = _grand_referentiel()
    vue = fiche(ref, "a")
    assert [l.texte for l in vue.enjeux] == [f"Enjeu {i}." for i in range(1, 6)] and vue.enjeux_renvoi is None
    monkeypatch.setattr(routes, "SEUIL_CASE", 3)
    vue = fiche(ref, "a")
    assert vue.enjeux == []
    r = vue.enjeux_renvoi
    section = f"{ref.acteur('a').libelles.pluriel}\u00a0: enjeux, 2 pages"
    assert (r.texte, r.lien.texte, r.lien.href) == ("5 enjeux, sur les pages de la section\u00a0:", section,
                                                     "acteurs/a/enjeux/")
    assert [l.href for l in vue.pouvoirs] == ["acteurs/a/pouvoirs/#a-pouvoir"]  # one: still listed
    assert vue.pouvoirs_renvoi is None
    assert fiche(ref, "b").enjeux_renvoi is None  # b fits its page


def _case_pleine():
    """« a » expects five things of « b » and tells it two: seven statements in one cell."""
    return referentiel(
        acteur("a", 1, attentes=[attente(f"a-att-{i}", "b") for i in range(1, 6)] + [attente("a-tous", "tous")],
               messages=[message("a-msg-1", "b"), message("a-msg-2", "b")]),
        acteur("b", 2, attentes=[attente("b-att", "a")], messages=[message("b-msg", "a")]),
    )


def test_une_case_trop_pleine_a_ses_pages_et_les_vues_y_renvoient(monkeypatch):
    from referentiel.views import case, fiche, matrice, paire

    monkeypatch.setattr(routes, "SEUIL_CASE", 3)
    monkeypatch.setattr(routes, "PAR_PAGE_CASE", 4)
    ref = _case_pleine()
    pages = routes.pages_case(ref, "a", "b")
    assert [(t.numero, t.total, t.ids, t.href) for t in pages] == [
        (1, 2, ("a-att-1", "a-att-2", "a-att-3", "a-att-4"), "matrice/a-b/"),
        (2, 2, ("a-att-5", "a-msg-1", "a-msg-2"), "matrice/a-b/page-2/"),
    ]
    assert routes.pages_case(ref, "b", "a") == [], "une case qui tient où on la montre reste listée"
    # The matrix, the pair page and both fiches give the count and the link, and list nothing of it.
    cell = matrice(ref).lignes[0].cellules[1]
    assert (cell.attentes, cell.messages, cell.resume, cell.vide) == ([], [], "5 attentes, 2 messages", False)
    assert cell.renvoi.texte == "5 attentes, 2 messages, sur les pages de la case\u00a0:"
    assert (cell.renvoi.lien.texte, cell.renvoi.lien.href) == ("A → B, 2 pages", "matrice/a-b/")
    assert [e.id for e in matrice(ref).lignes[1].cellules[0].attentes] == ["b-att"]
    assert paire(ref, "a", "b").a_vers_b.renvoi == cell.renvoi
    recue = fiche(ref, "b")
    assert [(g.attentes, [r.lien.href for r in g.renvois]) for g in recue.attendu_de_moi[:1]] == [([], ["matrice/a-b/"])]
    assert recue.ils_me_disent == [] and [r.lien.href for r in recue.ils_me_disent_renvois] == ["matrice/a-b/"]
    assert [m.enonce.id for m in fiche(ref, "a").ils_me_disent] == ["b-msg"]
    # Each page of the cell is generated and holds its statements in full, in order.
    chemins = {p.chemin: p.appel for p in pages_generees(ref)}
    assert chemins["matrice/a-b/page-2.md"] == 'page_case("a", "b", 2)'
    deux = case(ref, "a", "b", 2)
    assert [e.id for e in deux.attentes] == ["a-att-5"] and [e.id for e in deux.messages] == ["a-msg-1", "a-msg-2"]
    assert deux.situation == "Ce que les as attendent des bs, page 2 sur 2 (énoncés 5 à 7)."
    assert (deux.precedente.href, deux.suivante, deux.retour.href) == ("matrice/a-b/", None, "matrice/#cellule-a-b")


def test_les_attentes_envers_tous_et_le_mur_et_les_cartes_suivent(monkeypatch):
    from referentiel.views import fiche, matrice, mur, planches, sommaire_cartes

    monkeypatch.setattr(routes, "SEUIL_CASE", 0)  # every non-empty cell has its page
    monkeypatch.setattr(routes, "SEUIL_MUR", 2)
    monkeypatch.setattr(routes, "SEUIL_CARTES", 5)
    monkeypatch.setattr(routes, "PAR_PAGE_CARTES", 4)
    ref = _case_pleine()
    ligne = matrice(ref).lignes[0]
    assert ligne.generales == [] and ligne.generales_renvoi.lien.href == "matrice/a-tous/"
    assert [r.lien.href for r in fiche(ref, "b").attendu_de_moi[-1].renvois] == ["matrice/a-tous/"]
    # The wall: three messages are more than two; it leads to the two cells that hold them.
    wall = mur(ref)
    assert wall.messages == [] and wall.total == "3 messages"
    assert wall.cases_texte == "3 messages\u00a0: trop pour un seul mur. Lisez-les case par case, de l'expéditeur au destinataire."
    assert [(l.texte, l.href, l.detail) for l in wall.cases] == [("A → B", "matrice/a-b/", "2 messages"),
                                                                 ("B → A", "matrice/b-a/", "1 message")]
    # The cards: ten are more than five; one page per actor and four cards a page.
    assert planches(ref) == []
    assert sommaire_cartes(ref).texte.endswith("rangées par acteur, 1 feuille par page.")
    assert [l.href for l in sommaire_cartes(ref).pages] == ["imprimer/cartes/a/", "imprimer/cartes/a/page-2/",
                                                       "imprimer/cartes/b/"]
    assert [c.enonce.id for p in planches(ref, "a", 2) for c in p.cartes] == ["a-att-5", "a-tous", "a-msg-1", "a-msg-2"]
    chemins = {p.chemin for p in pages_generees(ref)}
    assert {"imprimer/cartes/a/page-2.md", "imprimer/cartes/b.md", "matrice/a-tous.md"} <= chemins


@pytest.fixture(scope="module")
def site_10x(tmp_path_factory):
    """The site built from a référentiel ten times today's (bench/synth.py), served locally."""
    import sys

    from conftest import ROOT, mkdocs_build, served

    sys.path.insert(0, str(ROOT))
    from bench.synth import scale_project

    tmp = tmp_path_factory.mktemp("dix-fois")
    project = tmp / "projet"
    scale_project(project, 10)
    site = tmp / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    with served(site) as url:
        yield site, url


@pytest.mark.build
@pytest.mark.browser
def test_a_dix_fois_les_pages_d_acteur_restent_legeres_et_les_liens_tiennent(site_10x, new_context):
    site, url = site_10x
    actors = sorted((site / "acteurs").glob("*/index.html"))
    assert actors
    for path in site.glob("**/*.html"):
        assert path.stat().st_size <= 300 * 1024, f"{path.relative_to(site)} : {path.stat().st_size} octets"
    assert (site / "acteurs" / "agent" / "enjeux" / "page-2" / "index.html").is_file()
    # The fiche sends to the enjeux' pages instead of listing 90 titles.
    fiche_html = (site / "fiches" / "agent" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="r4f-renvoi">\d+ enjeux, sur les pages de la section.{0,40} <a href="\.\./\.\./acteurs/agent/enjeux/">',
                     fiche_html), "la fiche ne renvoie pas aux pages des enjeux"
    # A permanent link to a statement on the actor's page lands on the page that now holds it.
    page = new_context().new_page()
    page.goto(url + "acteurs/agent/#agent-attente-role-etat-x9")
    page.wait_for_url("**/acteurs/agent/attentes/**#agent-attente-role-etat-x9")
    expect(page.locator("#agent-attente-role-etat-x9")).to_be_visible()
    page.context.close()


@pytest.mark.build
@pytest.mark.browser
def test_a_dix_fois_les_cases_pleines_ont_leurs_pages(site_10x, new_context):
    """At 10×, the matrix lists no full cell: it counts it and leads to the cell's pages, which hold
    every statement of the cell in full; the wall and the cards lead on the same way; no WCAG fault."""
    from test_browser import _axe_violations, describe_violations

    site, url = site_10x
    page = new_context().new_page()
    page.goto(url + "matrice/")
    cell = page.locator("td#cellule-elu-agent")
    expect(cell.locator(".r4f-renvoi")).to_contain_text("attentes")
    assert cell.locator(".r4f-attentes li").count() == 0
    cell.locator(".r4f-renvoi a").click()
    page.wait_for_url("**/matrice/elu-agent/")
    expect(page.locator("h1")).to_contain_text("Élus → Agents")
    listed = page.locator("article.r4f-enonce").count()
    assert listed > 12 and listed == page.locator("article.r4f-attente").count()
    assert page.locator(".r4f-bulle").count() > 0, "les messages de la case manquent"
    # every statement of the cell links to its canonical place
    first = page.locator("article.r4f-enonce").first.get_attribute("id")
    assert first.startswith("elu-attente")
    expect(page.locator(f"#{first} .r4f-pied a").first).to_have_attribute("href", re.compile(r"\.\./\.\./a-propos/"))
    found = {}
    for path in ("matrice/", "matrice/elu-agent/", "face-a-face/elu-agent/", "fiches/elu/", "mur-des-messages/",
                 "imprimer/cartes/", "imprimer/cartes/elu/"):
        page.goto(url + path)
        violations = _axe_violations(page)
        if violations:
            found[path] = violations
    assert not found, describe_violations(found)
    page.goto(url + "mur-des-messages/")
    page.locator(".r4f-mur a").first.click()
    expect(page.locator(".r4f-bulle").first).to_be_visible()
    page.context.close()


@pytest.mark.build
def test_les_ancres_des_pages_generees_restent_verifiees(tmp_path):
    """MkDocs knows the ids of the macros' HTML (a raw HTML block for Markdown): a hand-written
    link to a cell of the matrix builds, a link to an anchor that is not there fails."""
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "projet")
    page = project / "docs" / "animer.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n[La case](matrice.md#cellule-elu-agent)\n", encoding="utf-8")
    ok = mkdocs_build(project, tmp_path / "site")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    page.write_text(original + "\n[Nulle part](matrice.md#cellule-inexistante)\n", encoding="utf-8")
    broken = mkdocs_build(project, tmp_path / "site-2")
    assert broken.returncode != 0 and "cellule-inexistante" in broken.stdout + broken.stderr
