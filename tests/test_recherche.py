"""Search as a reader on a phone uses it: no accents, either apostrophe, clean results.

Browser tests in Debian's Chromium (fixtures from test_browser.py), plus build
checks on the search index the hook writes (hooks/search.py).
"""

from __future__ import annotations

import importlib.util
import json
import re

import pytest
from playwright.sync_api import expect

from referentiel.validate import cached_load
from referentiel.views.routes import enonce_href

from test_browser import search

# Each query, typed with and without accents / with either apostrophe, gives the same
# results, and the first results are what the reader looks for.
PAIRS = [
    ("élu", "elu"),
    ("coopération", "cooperation"),
    ("État", "etat"),
    ("évaluation", "evaluation"),
    ("déconcentré", "deconcentre"),
    ("l’élu", "l'elu"),
]


def _locations(page) -> list[str]:
    """Result links, without the `?h=` highlight parameter (it carries the matched term)."""
    hrefs = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return [re.sub(r"\?h=[^#]*", "", href) for href in hrefs]


@pytest.mark.browser
@pytest.mark.parametrize(("accented", "plain"), PAIRS, ids=[p[1] for p in PAIRS])
def test_recherche_sans_accents_memes_resultats(new_context, site_url, accented, plain):
    found = {}
    for query in (accented, plain):
        page = new_context().new_page()
        page.goto(site_url)
        texts = search(page, query)
        assert texts, f"la recherche « {query} » ne donne aucun résultat"
        found[query] = (_locations(page), page.locator(".md-search-result__meta").inner_text())
        # The results still show the accented text of the site, never folded text.
        word = re.escape(accented.replace("’", "'").split("'")[-1])
        joined = "\n".join(texts)
        assert re.search(word, joined, re.IGNORECASE), f"« {query} » : les résultats ne montrent pas « {accented} »"
        # Nothing shows a missing word: the query matched as typed.
        expect(page.locator(".md-search-result__item del")).to_have_count(0)
        # Helper text never shows.
        assert "Copier le lien" not in joined, f"« {query} » montre « Copier le lien » dans les résultats"
        assert "Lien permanent" not in joined
        page.context.close()
    assert found[accented] == found[plain], (
        f"« {accented} » et « {plain} » ne donnent pas les mêmes résultats :\n{found[accented]}\n---\n{found[plain]}"
    )


@pytest.mark.browser
def test_recherche_nom_d_acteur_donne_sa_page_en_premier(page, site_url):
    page.goto(site_url)
    search(page, "agents de l'etat")
    first = _locations(page)[0]
    assert first.rstrip("/").endswith("acteurs/etat"), f"premier résultat : {first}"


@pytest.mark.browser
def test_recherche_sigle_donne_le_glossaire_en_premier(page, site_url):
    page.goto(site_url)
    search(page, "epci")
    first = page.locator(".md-search-result__item").first
    expect(first).to_contain_text("Établissement public de coopération intercommunale")
    links = first.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert all("/glossaire/" in link for link in links), f"premier résultat : {links}"
    others = _locations(page)[len(links) :]
    assert any("/acteurs/" in loc for loc in others), f"aucun énoncé utilisant EPCI ensuite : {others}"


@pytest.mark.browser
def test_resultat_d_un_enonce_montre_son_acteur_et_sa_nature(page, site_url):
    page.goto(site_url)
    texts = search(page, "clarifier le role de l'etat")
    assert any(re.search(r"Attente · Agents des collectivités → État", t) for t in texts), "\n---\n".join(texts)


# ---------------------------------------------------------------------------
# The index itself (build)
# ---------------------------------------------------------------------------


def _index(built_site):
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.build
def test_index_leger_et_propre(built_site, root):
    # Its size budget (100 Ko at 1×) is checked by `make bench`, on a synthetic référentiel
    # that does not grow with contributions; here, what keeps it light: a result shows an
    # excerpt, never a whole text, and no helper text is indexed.
    spec = importlib.util.spec_from_file_location("search_hook", root / "hooks" / "search.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    SNIPPET = hook.SNIPPET

    index = _index(built_site)
    long = [d["location"] for d in index["docs"] if len(d["text"]) > SNIPPET + 1]
    assert not long, f"documents de l'index avec plus qu'un extrait : {long[:5]}"
    text = json.dumps(index, ensure_ascii=False)
    for helper in ("Copier le lien", "Lien permanent", "<code"):
        assert helper not in text, f"l'index contient « {helper} »"
    assert not re.search(r"Source\s?:", text), "l'index contient les lignes « Source : »"


@pytest.mark.build
def test_chaque_enonce_indexe_une_fois_a_sa_place(built_site, root):
    docs = _index(built_site)["docs"]
    statements = set(cached_load(root / "data").index)
    ids = [d["location"].split("#", 1)[1] for d in docs if "#" in d["location"]]
    ids = [i for i in ids if i in statements]
    assert len(set(ids)) == len(statements), f"énoncés absents de l'index : {sorted(statements - set(ids))}"
    assert len(ids) == len(set(ids)), "un énoncé est indexé plusieurs fois"
    by_id = {d["location"].split("#", 1)[1]: d for d in docs if "#" in d["location"]}
    ref = cached_load(root / "data")
    assert by_id["agent-attente-role-etat"]["location"] == enonce_href(ref, "agent-attente-role-etat")
    # Pages that regroup statements are found by their title only.
    for d in docs:
        if re.match(r"^(matrice|face-a-face|fiches)/", d["location"]):
            assert "#" not in d["location"] and not d.get("text"), d
    # The message of the State to the agents is found once, on the State's page.
    holding = [d["location"] for d in docs if "mettez-nous dans la boucle" in d.get("text", "")]
    assert holding == [enonce_href(ref, "etat-message-agents")], holding


@pytest.mark.build
def test_le_worker_de_recherche_est_celui_du_site(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home, re.S).group(1))
    assert config["search"].endswith("assets/javascripts/workers/recherche.js")
    assert (built_site / "assets/javascripts/workers/recherche.js").is_file()
