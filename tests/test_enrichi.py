"""In the browser, on the site enriched by contributions it has never seen (tests/fixtures/enrichissement):
what a contribution adds reads well on a phone, prints whole and stays accessible. (The other browser
tests read the repository's own data.)"""

from __future__ import annotations

import pytest

from conftest import served
from referentiel.model import ID_MAX_LENGTH
from referentiel.validate import load_referentiel
from referentiel.views.routes import enonce_href, fiche_href, paire_href
from test_browser import _axe_violations, describe_violations, horizontal_overflow
from test_lisibilite import BADGE_MIN, BADGES, SIZES, TEXT_MIN

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def enrichi(enriched_project, enriched_site):
    ref = load_referentiel(enriched_project / "data")
    with served(enriched_site) as url:
        yield url, ref, enriched_site


def _longest(ref) -> str:
    """The longest id of an expectation or a message (the fixture holds one of the longest allowed)."""
    ident = max((e.id for e in ref.entries() if e.kind in ("attente", "message")), key=len)
    assert len(ident) == ID_MAX_LENGTH, "l'enrichissement d'essai doit contenir un identifiant de 80 caractères"
    return ident


@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_card_never_clips_its_id(enrichi, new_context, media):
    url, ref, site = enrichi
    ident = _longest(ref)
    [route] = [p.parent.relative_to(site).as_posix() + "/" for p in (site / "imprimer" / "cartes").rglob("index.html")
               if f'id="carte-{ident}"' in p.read_text(encoding="utf-8")]
    page = new_context(viewport={"width": 360 if media == "screen" else 794, "height": 800}).new_page()
    page.goto(url + route)
    page.emulate_media(media=media)
    card = page.locator(f"article[aria-labelledby='carte-{ident}']")
    shown = card.locator(".r4f-carte-id")
    assert shown.inner_text().replace("\u00ad", "").replace("\n", "") == ident
    clipped = shown.evaluate("""e => {
        const c = e.closest('article').getBoundingClientRect(), r = e.getBoundingClientRect();
        return e.scrollWidth > e.clientWidth + 1 || r.left < c.left - 1 || r.right > c.right + 1;
    }""")
    assert not clipped, f"l'identifiant de {len(ident)} caractères est coupé sur la carte ({media})"


def test_an_enrichment_reads_on_a_phone_and_stays_accessible(enrichi, new_context):
    url, ref, _ = enrichi
    ident = _longest(ref)
    entry = ref.entry(ident)
    target = entry.envers[0] if entry.envers else entry.destinataire
    pages = {
        "page de l'acteur": enonce_href(ref, ident).split("#")[0],
        "matrice": "matrice/",
        "face-à-face": paire_href(ref, entry.acteur, target),
        "fiche": fiche_href(entry.acteur),
        "cartes": "imprimer/cartes/",
    }
    page = new_context(viewport={"width": 360, "height": 800}).new_page()
    found, small = {}, {}
    for name, route in pages.items():
        page.goto(url + route)
        mark = page.locator(".r4f-enrichi, .r4f-origine, .r4f-carte-origine").first
        assert mark.count() and mark.is_visible(), f"{name} : aucune marque d'enrichissement visible"
        assert mark.inner_text().startswith("Enrichissement"), name
        assert horizontal_overflow(page) <= 360 + 1, f"{name} : la page déborde sur un téléphone"
        if name != "cartes":  # cards are printed matter: their sizes are the print kit's (test_kit.py)
            tiny = [(t["where"], t["text"], round(t["size"], 1)) for t in page.evaluate(SIZES, [BADGES])
                    if t["size"] < (BADGE_MIN if t["badge"] else TEXT_MIN)]
            if tiny:
                small[name] = sorted(set(tiny))[:12]
        violations = _axe_violations(page)
        if violations:
            found[name] = violations
    assert not small, f"textes sous {TEXT_MIN} px (badges sous {BADGE_MIN} px) à 360 px : {small}"
    if found:
        pytest.fail("violations WCAG 2.1 A/AA :\n" + describe_violations(found), pytrace=False)
