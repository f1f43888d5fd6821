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
