"""Scale (issue 12): what a first visit downloads, and pages that stay readable as the
référentiel grows. Speed itself is measured by `make bench`, never here.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_browser import search


@pytest.mark.browser
def test_premiere_visite_sans_index_de_recherche_puis_recherche(new_context, site_url):
    """A first visit does not download the search index; the reader who searches gets it."""
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(site_url + "matrice/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not [u for u in requested if "search_index" in u], "l'index de recherche est chargé sans recherche"
    results = search(page, "cooperation")
    assert results, "la recherche ne donne aucun résultat une fois l'index chargé"
    assert [u for u in requested if u.endswith("search/search_index.json")]
    context.close()


@pytest.mark.browser
def test_recherche_ouverte_par_l_adresse(new_context, site_url):
    """A link with ?q= (Material's search sharing) still opens with its results."""
    page = new_context().new_page()
    page.goto(site_url + "?q=cooperation")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.context.close()


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
    for path in site.glob("acteurs/**/index.html"):
        assert path.stat().st_size <= 300 * 1024, f"{path.relative_to(site)} : {path.stat().st_size} octets"
    assert (site / "acteurs" / "agent" / "enjeux" / "page-2" / "index.html").is_file()
    # A permanent link to a statement on the actor's page lands on the page that now holds it.
    page = new_context().new_page()
    page.goto(url + "acteurs/agent/#agent-attente-role-etat-x9")
    page.wait_for_url("**/acteurs/agent/attentes/**#agent-attente-role-etat-x9")
    expect(page.locator("#agent-attente-role-etat-x9")).to_be_visible()
    page.context.close()
