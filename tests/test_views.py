"""Unit tests of the pure layers: text rendering and view objects."""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel import views
from referentiel.markup import abbreviate, escape, inline, paragraphs, plain
from referentiel.validate import load_referentiel

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ref():
    return load_referentiel(ROOT / "data")


# -- text -----------------------------------------------------------------------


def test_inline_escapes_html_then_applies_the_two_marks():
    assert inline("<b>a</b> *titre* et **fort**") == "&lt;b&gt;a&lt;/b&gt; <em>titre</em> et <strong>fort</strong>"


def test_inline_neutralises_jinja_markdown_and_snippets():
    out = str(inline("{{ 7*7 }} [x](javascript:alert(1)) `c`"))
    assert "{" not in out and "[" not in out and "`" not in out
    assert "&#123;&#123; 7*7 &#125;&#125;" in out
    assert "-&#45;8&lt;--" in escape('--8<-- "secret"')


def test_lone_stars_are_not_emphasis():
    assert inline("3 * 4 = 12 et 5*6") == "3 * 4 = 12 et 5*6"


def test_paragraphs_and_plain():
    assert paragraphs("Un.\n\nDeux.\nTrois.") == ["Un.", "Deux.", "Trois."]
    assert paragraphs(None) == []
    assert plain("Voir *Les 4 fondamentaux*, **2022**") == "Voir Les 4 fondamentaux, 2022"


def test_abbreviate_wraps_acronyms_in_text_only():
    html = '<p>La DDT et la DDTM.</p><a href="/DDT" title="DDT">DDT</a><code>DDT</code><p>DDT</p>'
    out = abbreviate(html, {"DDT": "Direction départementale des territoires", "DDTM": "… et de la mer"})
    assert out.count('<abbr title="Direction départementale des territoires" tabindex="0">DDT</abbr>') == 1
    assert '<abbr title="… et de la mer" tabindex="0">DDTM</abbr>' in out
    assert 'href="/DDT" title="DDT"' in out  # attributes untouched
    assert "<code>DDT</code>" in out  # code untouched
    assert out.endswith('<p><abbr title="Direction départementale des territoires">DDT</abbr></p>')


def test_abbreviate_escapes_the_expansion():
    out = abbreviate("<p>XYZ</p>", {"XYZ": '"><script>alert(1)</script>'})
    assert "<script>" not in out and "&lt;script&gt;" in out


# -- views ----------------------------------------------------------------------


def test_matrix_has_sixteen_cells_with_expectations_by_target(ref):
    m = views.matrice(ref)
    assert [c.id for c in m.colonnes] == ["elu", "agent", "socio-economique", "etat"]
    cells = {(c.de.id, c.envers.id): c for line in m.lignes for c in line.cellules}
    assert len(cells) == 16
    cell = cells[("agent", "etat")]
    assert [e.id for e in cell.attentes] == ["agent-attente-role-etat", "agent-attente-etat-territorial"]
    assert [e.id for e in cell.messages] == ["agent-message-etat"]
    assert cell.legende == "Ce que les agents des collectivités attendent des agents de l'État"
    assert cell.paire_href == "paires/agent-etat/"
    assert cells[("elu", "elu")].diagonale and cells[("elu", "elu")].paire_href is None
    assert len(m.communes) == 8


def test_general_expectations_are_a_row_summary_not_a_cell(ref):
    m = views.matrice(ref)
    socio = next(line for line in m.lignes if line.acteur.id == "socio-economique")
    assert "socio-attente-droit-experimentation" in [e.id for e in socio.generales]
    assert all("socio-attente-droit-experimentation" not in [e.id for e in c.attentes] for c in socio.cellules)


def test_pair_is_symmetric_and_gathers_related_boxes(ref):
    p = views.paire(ref, "agent", "elu")
    q = views.paire(ref, "elu", "agent")
    assert p.slug == q.slug == "elu-agent"
    assert [e.id for e in p.lies] == [e.id for e in q.lies]
    assert "agent-encadre-binome-elus-agents" in [e.id for e in p.lies]
    assert p.titre == "Agents des collectivités ↔ Élus"


def test_actor_view_places_bubbles_after_their_statement(ref):
    vue = views.acteur_vue(ref, "elu")
    enjeux = next(r for r in vue.rubriques if r.id == "enjeux")
    bloc = next(b for b in enjeux.blocs if b.enonce.id == "elu-enjeu-exemplarite")
    assert [e.id for e in bloc.apres] == ["elu-verbatim-marteau-enclume"]
    received = {e.id for e in vue.messages_recus}
    assert "agent-message-elus" in received and "etat-message-elus" in received
    assert all(e.destinataire.id == "elu" for e in vue.messages_recus)


def test_expectations_grouped_by_target_with_peers_first(ref):
    groups = views.groupes_attentes(ref, ref.acteur("elu"))
    assert groups[0].titre == "Envers les autres élus (les pairs)"
    assert [g.cible.id for g in groups if g.cible] == ["elu", "agent", "socio-economique", "etat"]


def test_backlinks_from_statements_to_common_expectations(ref):
    back = views.backlinks(ref)
    assert back["elu-attente-espaces-evaluation"] == ["commune-espaces-evaluation"]
    e = views.enonce(ref, "elu-attente-espaces-evaluation")
    assert [l.href for l in e.synthetise_par] == ["attentes-communes/#commune-espaces-evaluation"]
    c = views.enonce(ref, "commune-espaces-evaluation")
    assert c.derive_de[0].href == "acteurs/elu/#elu-attente-espaces-evaluation"


def test_fiche_lists_what_each_other_actor_expects_of_me(ref):
    f = views.fiche(ref, "etat")
    assert [c.de.id for c in f.attendu_de_moi] == ["elu", "agent", "socio-economique"]
    agents = f.attendu_de_moi[1]
    assert [e.id for e in agents.attentes] == ["agent-attente-role-etat", "agent-attente-etat-territorial"]
    assert len(f.enjeux) == 5 and len(f.pouvoirs) == 2


def test_diagram_counts_expectations_in_each_direction(ref):
    s = views.schema(ref)
    assert len(s.noeuds) == 4 and len(s.aretes) == 6
    edge = next(a for a in s.aretes if a.paire.href == "paires/agent-etat/")
    assert (edge.a_vers_b, edge.b_vers_a) == (2, 2)
    assert edge.description == (
        "Agents des collectivités ↔ État : 2 attentes des agents des collectivités envers les agents de l'État, 2 attentes en retour"
    )
    for node in s.noeuds:  # every actor box stays inside the drawing
        assert 100 <= node.x <= s.largeur - 100 and 30 <= node.y <= s.hauteur - 30


def test_generated_pages_cover_actors_fiches_and_pairs(ref):
    paths = [p.chemin for p in views.pages_generees(ref)]
    assert len(paths) == 4 + 4 + 6
    assert "paires/socio-economique-etat.md" in paths


def test_statement_source_names_document_and_section(ref):
    e = views.enonce(ref, "etat-attente-alliance-collectivites-pilotes")
    assert e.source.href == "a-propos/#source-poster-2022"
    assert e.source.texte.startswith("Attentes et enjeux croisés")
    e = views.enonce(ref, "elu-enjeu-contradictions")
    assert e.source.detail.startswith("Chapitre 1 : Je suis l'élu") and e.source.detail.endswith("› Mes enjeux")


def test_model_and_views_import_nothing_from_mkdocs():
    import subprocess
    import sys

    code = (
        "import sys, referentiel.validate, referentiel.views, referentiel.exports, referentiel.schema;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'mkdocs_macros'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"le modèle importe MkDocs : {result.stdout}{result.stderr}"


def test_source_dates_read_in_french(ref):
    assert views.date_fr("2022-07") == "juillet 2022"
    assert views.date_fr("2027-03-01") == "1er mars 2027"
    assert views.date_fr("2023") == "2023"
    assert views.sources(ref)[0]["date"] == "juillet 2022"
