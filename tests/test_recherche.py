"""Search as a participant uses it on a phone: no accent to type, each statement once with its actor
and kind, and results that lead all the way (the page a result opens highlights the words).

Unit tests of the documents built from the data (``referentiel.views.recherche``, on synthetic
référentiels), build tests of the index the hook writes, browser tests in Debian's Chromium. No test
holds today's content: queries and expected pages are derived from the built référentiel.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from referentiel.francais import extrait, plier, slug
from referentiel.markup import plain
from referentiel import caches
from referentiel.views import enonce, paires, recherche
from referentiel.views.actors import filtre_origine
from referentiel.views.routes import IMPRIMER, acteur_href, pages_generees, paire_href, route_de_page
from synthetic import acteur, attente, message, referentiel
from test_browser import search

ROOT = Path(__file__).resolve().parent.parent
PLIAGE = json.loads((ROOT / "tests" / "fixtures" / "pliage.json").read_text(encoding="utf-8"))["cas"]
WORKER = ROOT / "docs" / "assets" / "javascripts" / "workers" / "recherche.js"
SEPARATEUR = r'[\s\-,;:!?=\[\]()"/«»\'’]+|\.(?!\d)'
# The pages a synthetic référentiel describes from its data besides the generated ones.
PAGES = {route: (f"Titre {route}", f"Description de {route}")
         for route in ("principes/", "freins/", "attentes-communes/", "enseignements/", "glossaire/", "introduction/")}


@pytest.fixture(scope="module")
def ref():
    return caches.referentiel(ROOT / "data")


def _words(text: str) -> list[str]:
    return [w for w in re.split(SEPARATEUR, plier(text)) if w]


# ---------------------------------------------------------------------------
# One fold, in Python and in the worker
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("texte", "plie"), PLIAGE, ids=[c[0] or "vide" for c in PLIAGE])
def test_le_pliage_python_suit_la_table(texte, plie):
    assert plier(texte) == plie


def test_un_seul_slug_fait_des_mots_du_pliage():
    """Ids proposed from a title, names compared whatever their spelling and QR code files: one slug,
    the fold's letters and digits joined by dashes."""
    from referentiel.contribution import _mots_du_titre
    from referentiel.errors import closest
    from referentiel.qr import nom_de_fichier

    for texte, plie in PLIAGE:
        assert slug(texte) == "-".join(re.findall(r"[a-z0-9]+", plie))
    assert slug("L’Œuvre de l'État, en région") == "l-oeuvre-de-l-etat-en-region"
    assert _mots_du_titre("Associer les agents de l’État très en amont, avant tout") == "associer-agents-etat-tres-amont"
    assert closest("Socio_Économique", ["elu", "socio-economique"]) == ["socio-economique"]
    assert nom_de_fichier("acteurs/elu/#elu-enjeu-x").startswith("acteurs-elu-elu-enjeu-x-")
    assert nom_de_fichier("a/b") != nom_de_fichier("a-b")


@pytest.mark.browser
def test_le_pliage_javascript_suit_la_table(page):
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=WORKER.read_text(encoding="utf-8"))
    got = page.evaluate("cases => cases.map(c => self.r4fRecherche.plier(c[0]))", PLIAGE)
    differ = [(c[0], g, c[1]) for c, g in zip(PLIAGE, got) if g != c[1]]
    assert not differ, f"le pliage du worker diffère de la table : {differ}"


# ---------------------------------------------------------------------------
# The documents built from the data
# ---------------------------------------------------------------------------


def _synthetic():
    common = " ".join(f"mot{i}" for i in range(60))
    long = f"Un début. {common} ; et enfin la cohérence — oui."
    a = acteur("a", 1, attentes=[attente("a-vers-b", "b", texte=long), attente("a-tous", "tous", texte=common)],
               messages=[message("a-message", "b")])
    return referentiel(a, acteur("b", 2, attentes=[attente("b-vers-a", "a", titre="Être entendus des a.")]))


def test_chaque_enonce_une_fois_a_sa_place_avec_sa_nature():
    ref = _synthetic()
    docs = recherche.documents(ref, SEPARATEUR, PAGES)
    for ident in ref.index:
        e = enonce(ref, ident)
        found = [d for d in docs if d.location == e.href]
        assert len(found) == 1, f"{ident} : {len(found)} documents"
        shown = found[0].titre if e.titre is None else found[0].texte
        assert shown.startswith(recherche.nature(e)), (ident, shown)
    by_location = {d.location: d for d in docs}
    assert by_location[enonce(ref, "a-vers-b").href].texte.startswith("Attente · A → B — Un début.")
    assert by_location[enonce(ref, "a-tous").href].texte.startswith("Attente · A → tous les acteurs — ")
    assert by_location[enonce(ref, "a-message").href].titre == "Message · A → B"


def test_un_texte_long_montre_un_extrait_et_garde_ses_mots_les_plus_rares():
    ref = _synthetic()
    doc = next(d for d in recherche.documents(ref, SEPARATEUR, PAGES) if d.location.endswith("#a-vers-b"))
    assert len(doc.texte) <= len("Attente · A → B — ") + recherche.EXTRAIT and doc.texte.endswith("…")
    hidden = doc.mots.split()
    assert 0 < len(hidden) <= recherche.MOTS_MAX
    shown = set(_words(f"{doc.titre} {doc.texte}"))
    assert not [w for w in hidden if plier(w) in shown], "un mot montré est aussi caché"
    assert "cohérence" in hidden, "le mot le plus rare du texte n'est pas cherchable"


def test_un_extrait_ne_finit_jamais_sur_un_tiret_ni_deux_points():
    for sign in ("—", "–", "-", ":", "«"):
        text = "mot " * 20 + sign + " suite de la phrase"
        cut = extrait(text, 84)
        assert cut.endswith("mot…"), (sign, cut)


def test_les_pages_des_donnees_disent_ce_qu_elles_tiennent():
    ref = _synthetic()
    docs = {d.location: d for d in recherche.documents(ref, SEPARATEUR, PAGES)}
    for page in pages_generees(ref):
        route = route_de_page(page.chemin)
        if route.startswith(IMPRIMER):
            assert route not in docs, f"page d'impression indexée : {route}"
            continue
        assert docs[route].titre and docs[route].texte, route
    for a, b in paires(ref):
        doc = docs[paire_href(ref, a.id, b.id)]
        assert set(_words(doc.acteurs)) == set(_words(f"{a.libelles.court} {b.libelles.court}"))
    pair = docs[paire_href(ref, "a", "b")]
    assert "entendus" in _words(f"{pair.texte} {pair.mots}"), "le face-à-face ne nomme pas les attentes de b envers a"
    assert docs[acteur_href("a")].acteurs == "A" and docs[acteur_href("a")].boost


def test_la_route_d_une_page_est_sa_forme_de_dossier():
    assert route_de_page("acteurs/elu.md") == "acteurs/elu/"
    assert route_de_page("face-a-face/index.md") == "face-a-face/"
    assert route_de_page("index.md") == ""
    assert route_de_page("matrice/elu-agent/page-2.md") == "matrice/elu-agent/page-2/"


def test_une_page_decrite_par_les_donnees_n_est_pas_indexee_deux_fois():
    pages = {route: v for route, v in PAGES.items() if route != "freins/"}
    with pytest.raises(ValueError, match="freins/.*search: exclude: true"):
        recherche.documents(_synthetic(), SEPARATEUR, pages)


# ---------------------------------------------------------------------------
# The index the hook writes
# ---------------------------------------------------------------------------


def _index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").split())


@pytest.mark.build
def test_l_index_tient_chaque_enonce_une_fois_avec_son_acteur_et_sa_nature(built_site, ref):
    docs = _index(built_site)["docs"]
    for ident in ref.index:
        e = enonce(ref, ident)
        found = [d for d in docs if d["location"] == e.href]
        assert len(found) == 1, f"{ident} : {len(found)} documents à {e.href}"
        shown = _plain(found[0]["title"] if e.titre is None else found[0]["text"])
        assert unicodedata.normalize("NFC", shown).startswith(recherche.nature(e)), (ident, shown)
    elsewhere = [d["location"] for d in docs if d["location"].split("#")[-1] in ref.index
                 and d["location"] != enonce(ref, d["location"].split("#")[-1]).href]
    assert not elsewhere, f"énoncés indexés hors de leur page : {elsewhere[:5]}"


@pytest.mark.build
def test_les_pages_generees_sont_indexees_avec_un_texte_utile(built_site, ref):
    docs = {d["location"]: d for d in _index(built_site)["docs"]}
    for page in pages_generees(ref):
        route = route_de_page(page.chemin)
        if route.startswith(IMPRIMER):
            assert route not in docs
            continue
        assert route in docs and _plain(docs[route]["text"]), f"page sans texte dans l'index : {route}"
    for a, b in paires(ref):
        doc = docs[paire_href(ref, a.id, b.id)]
        assert plier(a.libelles.court) in plier(doc["acteurs"]) and plier(b.libelles.court) in plier(doc["acteurs"])


@pytest.mark.build
def test_les_extraits_sont_propres(built_site, ref):
    filters = {o.libelle for a in ref.acteurs for o in filtre_origine(ref, a).options}
    for doc in _index(built_site)["docs"]:
        text = _plain(doc["text"])
        assert not re.search(r"(^|\s)[—–:-]\s*…?$", text), f"extrait finissant sur un tiret : {doc['location']} « {text} »"
        assert not any(f in text for f in filters), f"texte du filtre dans l'index : {doc['location']}"
        for helper in ("Copier le lien", "Lien permanent", "Modifier (ligne", "Proposer un énoncé"):
            # (a written page may name a button, in quotes: « Copier le lien »)
            assert not re.search(rf"(?<!«\s){re.escape(helper)}", text), f"« {helper} » dans l'extrait de {doc['location']}"
        if "mots" in doc:  # ours: an excerpt, never a whole text
            assert len(text) <= recherche.EXTRAIT + 80, doc["location"]


@pytest.mark.build
def test_material_est_dirige_vers_le_worker_de_recherche_de_sa_version(built_site, root):
    """The worker of docs/assets/javascripts/workers/recherche.js loads Material's, named once in
    overrides/main.html: after a Material update, this fails until that name is the new one."""
    named = re.search(r'set moteur = "([^"]+)"', (root / "overrides" / "main.html").read_text(encoding="utf-8")).group(1)
    import material

    theme = Path(material.__file__).parent / "templates"
    assert f'"assets/javascripts/workers/{named}"' in (theme / "base.html").read_text(encoding="utf-8"), (
        f"Material ne nomme plus son worker « {named} » : mettez à jour overrides/main.html (block config)")
    assert (theme / "assets" / "javascripts" / "workers" / named).is_file()
    html = (built_site / "acteurs" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert config["search"] == f"../assets/javascripts/workers/recherche.js?moteur={named}"
    workers = built_site / "assets" / "javascripts" / "workers"
    assert (workers / "recherche.js").is_file() and (workers / named).is_file()
    assert config["translations"]["search.result.term.missing"] == "Non trouvé\u00a0"


# ---------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------

# Each query, typed with and without accents / with either apostrophe, gives the same results.
PAIRS = [
    ("élu", "elu"),
    ("coopération", "cooperation"),
    ("État", "etat"),
    ("évaluation", "evaluation"),
    ("déconcentré", "deconcentre"),
    ("l’élu", "l'elu"),
    ("agents de l’État", "agents de l'etat"),
]


def _links(page) -> list[str]:
    return page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def _locations(page) -> list[str]:
    """Result links without the `?h=` highlight parameter, relative to the site."""
    return [urlsplit(h).path.split("/", 1)[-1] + (f"#{urlsplit(h).fragment}" if urlsplit(h).fragment else "")
            for h in _links(page)]


@pytest.mark.browser
@pytest.mark.parametrize(("accented", "plain_query"), PAIRS, ids=[p[1] for p in PAIRS])
def test_recherche_sans_accents_memes_resultats(new_context, site_url, accented, plain_query):
    found = {}
    for query in (accented, plain_query):
        page = new_context().new_page()
        page.goto(site_url)
        texts = search(page, query)
        found[query] = (_locations(page), page.locator(".md-search-result__meta").inner_text())
        # The results show the site's accented words; « Non trouvé » names only whole words typed.
        word = accented.replace("’", "'").split("'")[-1].split()[-1]
        assert re.search(re.escape(word), "\n".join(texts), re.IGNORECASE), f"« {query} » ne montre pas « {word} »"
        missing = {plier(t) for t in page.locator(".md-search-result__item del").all_text_contents()}
        assert missing <= set(_words(query)), f"« {query} » : non trouvés {missing}"
        if len(_words(query)) == 1:
            assert not missing
        page.context.close()
    assert found[accented] == found[plain_query], f"« {accented} » et « {plain_query} » diffèrent"


@pytest.mark.browser
def test_les_premiers_mots_de_deux_acteurs_donnent_leur_face_a_face_en_premier(page, site_url, ref):
    """« agents etat » (and every pair alike, typed without accents) opens on their face-à-face."""
    page.goto(site_url)
    for a, b in paires(ref):  # one search after the other, as a reader would
        query = f"{_words(a.libelles.court)[0]} {_words(b.libelles.court)[0]}"
        search(page, query)
        assert _locations(page)[0] == paire_href(ref, a.id, b.id), f"« {query} » : {_locations(page)[:3]}"


@pytest.mark.browser
def test_le_nom_d_un_acteur_donne_sa_page_en_premier(page, site_url, ref):
    page.goto(site_url)
    for a in ref.acteurs:  # one search after the other, as a reader would
        query = plier(a.libelles.pluriel)
        search(page, query)
        assert _locations(page)[0] == acteur_href(a.id), f"« {query} » : {_locations(page)[:3]}"


@pytest.mark.browser
def test_un_sigle_donne_le_glossaire_en_premier(page, site_url, ref):
    sigle = sorted(ref.glossaire.sigles, key=lambda s: s.sigle)[0]
    page.goto(site_url)
    search(page, plier(sigle.sigle))
    first = page.locator(".md-search-result__item").first
    expect(first).to_contain_text(plain(sigle.developpement))
    assert all("/glossaire/" in link for link in first.locator("a").evaluate_all("els => els.map(e => e.href)"))


@pytest.mark.browser
def test_un_resultat_d_enonce_montre_son_acteur_et_sa_nature(page, site_url, ref):
    e = next(enonce(ref, i) for i, entry in ref.index.items() if entry.kind == "attente" and entry.titre)
    query = " ".join(sorted(_words(plain(e.titre)), key=len, reverse=True)[:3])  # its longest words, typed plain
    page.goto(site_url)
    texts = [" ".join(unicodedata.normalize("NFC", t).split()) for t in search(page, query)]  # spaces of any kind
    assert any(" ".join(plain(e.titre).split()) in t and recherche.nature(e) in t for t in texts), f"« {query} » :\n" + "\n---\n".join(texts)


@pytest.mark.browser
def test_la_page_ouverte_depuis_un_resultat_surligne_les_mots(page, site_url, ref):
    a, b = next(p for p in paires(ref) if plier(p[1].libelles.court) != p[1].libelles.court.lower())
    query = f"{_words(a.libelles.court)[0]} {_words(b.libelles.court)[0]}"  # typed without accents
    page.goto(site_url)
    search(page, query)
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url(re.compile(r"\?h=."))
    marks = page.locator("mark[data-md-highlight]")
    expect(marks.first).to_be_visible()
    marked = {plier(t) for t in marks.all_inner_texts()}
    assert set(query.split()) <= {w for t in marked for w in _words(t)}, f"surlignés : {marked}"


@pytest.mark.browser
@pytest.mark.parametrize("query", ["cooperation", "elus etat", "transition"])
def test_aucun_resultat_n_ouvre_une_page_sans_ses_mots(page, site_url, query):
    page.goto(site_url)
    search(page, query)
    links = _links(page)
    assert links
    empty = [link for link in links if not parse_qs(urlsplit(link).query).get("h", [""])[0].strip()]
    assert not empty, f"liens de résultat sans mots à surligner : {empty[:3]}"


@pytest.mark.browser
def test_non_trouve_en_mots_entiers_et_a_la_francaise(page, site_url, ref):
    word = _words(ref.acteurs[0].libelles.pluriel)[0]
    page.goto(site_url)
    search(page, f"{word} l'zzzqx")
    line = page.locator(".md-search-result__terms").first
    expect(line).to_be_visible()
    assert line.inner_text().replace("\n", " ").startswith("Non trouvé\u00a0: ")
    assert line.locator("del").all_inner_texts() == ["zzzqx"]
