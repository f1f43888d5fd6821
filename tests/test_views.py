"""Unit tests of the pure layers: text rendering and view objects.

The views are tested on tiny référentiels built here (``tests/synthetic.py``),
not on today's content: adding a statement to data/ never breaks them.
"""

from __future__ import annotations

import pytest

from synthetic import acteur, attente, message, referentiel

from referentiel import views
from referentiel.markup import Infobulles, Lexique, escape, inline, paragraphs, plain
from referentiel.registry import ACTOR_LISTS, EXPORTS, SHARED_LISTS
from referentiel.francais import accord, debut, extrait, milliers
from referentiel.views.routes import TOUS


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


DDT = "Direction départementale des territoires"


def test_inline_typesets_then_escapes_and_keeps_marks_across_pieces():
    assert inline("**Attention** : « *cité* » !") == (
        "<strong>Attention</strong>\u00a0: «\u00a0<em>cité</em>\u00a0»\u202f!")
    # the data's own private-use characters stay text, never a tag
    assert inline("a\ue000b\ue001 *c*") == "a\ufffdb\ufffd <em>c</em>"
    assert inline("a\ue000b\ue001") == "a\ue000b\ue001"


def test_acronyms_explained_every_time_the_first_one_focusable():
    page = Infobulles(Lexique({"DDT": DDT, "DDTM": "… et de la mer"}, {}))
    out = inline("La DDT et la DDTM, puis la DDT.", page)
    assert out.count(f'<abbr title="{DDT}" tabindex="0">DDT</abbr>') == 1
    assert out.count(f'<abbr title="{DDT}">DDT</abbr>') == 1
    assert '<abbr title="… et de la mer" tabindex="0">DDTM</abbr>' in out
    # the same page goes on: nothing more is focusable, and never inside a link
    assert inline("DDTM", page) == '<abbr title="… et de la mer">DDTM</abbr>'
    other = Infobulles(page.lexique)
    assert inline("DDT", other, lien=True) == f'<abbr title="{DDT}">DDT</abbr>'
    assert inline("DDT", other) == f'<abbr title="{DDT}" tabindex="0">DDT</abbr>', "first outside a link"


def test_tooltips_on_data_that_looks_like_markup():
    """A value is text: tag-like text, an entity-like word or a comment is escaped and read as
    words; nothing is matched inside what escaping writes (« amp » in &amp;)."""
    page = Infobulles(Lexique({"DDT": DDT}, {"amp": ("piege", "piège")}))
    out = inline('<script>var s = "</p><p>DDT";</script><!-- DDT --> R&D, l\'DDT', page)
    assert "<script>" not in out and "<!--" not in out and "piège" not in out
    assert out.count("<abbr") == 3 and "R&amp;D" in out and "l&#x27;<abbr" in out


def test_the_tooltips_text_is_escaped_and_typeset():
    out = inline("XYZ", Infobulles(Lexique({"XYZ": '"><script>alert(1)</script> Sigle : x'}, {})))
    assert "<script>" not in out and "&lt;script&gt;" in out and "\u00a0: x" in out


# -- a small référentiel: three actors, one common expectation ------------------------


@pytest.fixture(scope="module")
def ref():
    a = acteur(
        "alpha", 1,
        attentes=[
            attente("alpha-pairs", "alpha"),
            attente("alpha-vers-beta", "beta"),
            attente("alpha-vers-beta-et-gamma", "beta", "gamma"),
            attente("alpha-tous", TOUS),
        ],
        messages=[message("alpha-dit-beta", "beta", "Premier paragraphe.\n\nSecond paragraphe.")],
        verbatims=[
            {"id": "alpha-parole", "texte": "Une parole.", "section": "enjeux", "apres": "alpha-enjeu"},
            {"id": "alpha-parole-suite", "texte": "Sa suite.", "section": "enjeux", "apres": "alpha-parole"},
            {"id": "alpha-parole-ouverture", "texte": "D'abord.", "section": "attentes"},
        ],
        encadres=[
            {"id": "alpha-encadre-beta", "titre": "Avec beta.", "texte": "Un encadré.", "section": "pouvoirs",
             "concerne": ["beta"]},
            {"id": "alpha-encadre-seul", "texte": "Seul.", "section": "pouvoirs"},
        ],
    )
    b = acteur("beta", 2, en_phrase="bêta de l'Olympe",
               attentes=[attente("beta-vers-alpha", "alpha")],
               messages=[message("beta-dit-alpha", "alpha")])
    g = acteur("gamma", 3,
               verbatims=[{"id": "gamma-parole-ab", "texte": "Eux deux.", "section": "enjeux",
                           "concerne": ["alpha", "beta"]}])
    commune = {"id": "commune-une", "titre": "Une attente *commune*.", "texte": "Son texte.",
               "derive_de": ["alpha-vers-beta", "beta-vers-alpha"]}
    # Actors given out of order: the référentiel sorts them by chapter number.
    return referentiel(g, b, a, communes=[commune], questions=["Première question ?", "Seconde ?"])


def ids(views_list):
    return [v.id for v in views_list]


def test_actors_are_in_chapter_order_and_looked_up_once(ref):
    assert [a.id for a in ref.acteurs] == ["alpha", "beta", "gamma"]
    assert ref.acteurs_par_id is ref.acteurs_par_id  # cached on the référentiel
    with pytest.raises(KeyError, match="acteur inconnu"):
        ref.acteur("delta")


def test_expectations_toward_one_actor_or_toward_all(ref):
    alpha = ref.acteur("alpha")
    assert [a.id for a in views.attentes_envers(alpha, "beta")] == ["alpha-vers-beta", "alpha-vers-beta-et-gamma"]
    assert [a.id for a in views.attentes_envers(alpha, "gamma")] == ["alpha-vers-beta-et-gamma"]
    assert [a.id for a in views.attentes_envers(alpha, TOUS)] == ["alpha-tous"]


def test_matrix_cells_hold_expectations_and_messages_by_target(ref):
    m = views.matrice(ref)
    assert [c.id for c in m.colonnes] == ["alpha", "beta", "gamma"]
    cells = {(c.de.id, c.envers.id): c for line in m.lignes for c in line.cellules}
    assert len(cells) == 3 * 3
    ab = cells[("alpha", "beta")]
    assert ids(ab.attentes) == ["alpha-vers-beta", "alpha-vers-beta-et-gamma"]
    assert ids(ab.messages) == ["alpha-dit-beta"]
    assert ab.legende == "Ce que les alphas attendent des betas"
    assert ab.resume == "2 attentes, 1 message"
    assert ab.paire_href == "face-a-face/alpha-beta/" and ab.id == "cellule-alpha-beta"
    assert ids(cells[("alpha", "gamma")].attentes) == ["alpha-vers-beta-et-gamma"]
    peers = cells[("alpha", "alpha")]
    assert peers.diagonale and peers.paire_href is None and ids(peers.attentes) == ["alpha-pairs"]
    assert peers.legende == "Ce que les alphas attendent de leurs pairs"
    empty = cells[("gamma", "beta")]
    assert empty.vide and empty.resume == "0 attente, 0 message"
    assert [l.href for l in m.communes] == ["attentes-communes/#commune-une"]
    assert [l.texte for l in m.communes] == ["Une attente commune."]


def test_general_expectations_are_a_row_summary_not_a_cell(ref):
    m = views.matrice(ref)
    alpha = next(line for line in m.lignes if line.acteur.id == "alpha")
    assert ids(alpha.generales) == ["alpha-tous"]
    assert all("alpha-tous" not in ids(c.attentes) for c in alpha.cellules)


def test_pair_is_the_same_both_ways_and_gathers_what_concerns_both(ref):
    p, q = views.paire(ref, "beta", "alpha"), views.paire(ref, "alpha", "beta")
    assert p.slug == q.slug == "alpha-beta"  # the earlier chapter first
    assert p.href == "face-a-face/alpha-beta/"
    assert p.titre == "Beta ↔ Alpha" and q.titre == "Alpha ↔ Beta"
    assert ids(p.a_vers_b.attentes) == ["beta-vers-alpha"] and ids(p.b_vers_a.messages) == ["alpha-dit-beta"]
    # alpha's box about beta, gamma's bubble about both; not alpha's box about nobody.
    assert ids(p.lies) == ids(q.lies) == ["alpha-encadre-beta", "gamma-parole-ab"]
    assert [x.slug for x in views.index_paires(ref)] == ["alpha-beta", "alpha-gamma", "beta-gamma"]


def test_actor_page_places_bubbles_after_their_statement_recursively(ref):
    vue = views.acteur_vue(ref, "alpha")
    assert [r.id for r in vue.rubriques] == ["enjeux", "pouvoirs", "attentes"]
    enjeux, pouvoirs, attentes = vue.rubriques
    assert [(p.enonce.id, ids(p.apres)) for p in enjeux.placements] == [
        ("alpha-enjeu", ["alpha-parole", "alpha-parole-suite"])
    ]
    assert ids(pouvoirs.avant) == ["alpha-encadre-beta", "alpha-encadre-seul"]  # no « apres »: first
    assert ids(attentes.avant) == ["alpha-parole-ouverture"]
    assert ids(vue.messages_envoyes) == ["alpha-dit-beta"]
    assert ids(vue.messages_recus) == ["beta-dit-alpha"]
    assert vue.fiche_href == "fiches/alpha/" and [a.id for a in vue.autres] == ["beta", "gamma"]


def test_expectations_grouped_by_target_peers_first_everyone_last(ref):
    groups = views.groupes_attentes(ref, ref.acteur("alpha"))
    assert [g.titre for g in groups] == [
        "Envers les autres alphas (les pairs)", "Envers les betas", "Envers les gammas", "Envers tous les acteurs",
    ]
    assert [g.cible.id if g.cible else None for g in groups] == ["alpha", "beta", "gamma", None]
    assert ids(groups[2].attentes) == ["alpha-vers-beta-et-gamma"]


def test_backlinks_are_computed_once_and_link_both_ways(ref):
    assert ref.backlinks is ref.backlinks
    assert ref.backlinks["alpha-vers-beta"] == ["commune-une"]
    e = views.enonce(ref, "alpha-vers-beta")
    assert [(l.texte, l.href, l.detail) for l in e.repris_dans] == [
        ("Une attente commune.", "attentes-communes/#commune-une", "attente commune")]
    c = views.enonce(ref, "commune-une")
    assert [(l.href, l.detail) for l in c.derive_de] == [
        ("acteurs/alpha/#alpha-vers-beta", "Alpha · attente"),
        ("acteurs/beta/#beta-vers-alpha", "Beta · attente"),
    ]


def test_the_editors_links_and_questions_are_marked_as_theirs(ref):
    """« Synthétise », « S'appuie sur », « Repris dans »: the publication draws none of these links."""
    for ident in ("commune-une", "alpha-vers-beta", "beta-vers-alpha"):
        mark = views.enonce(ref, ident).liens_editoriaux
        assert mark and "équipe éditoriale" in mark.libelle and mark.raison, ident
    assert views.enonce(ref, "alpha-tous").liens_editoriaux is None  # no link, no mark
    mark = views.fiche(ref, "alpha").questions_editoriales
    assert mark and "équipe éditoriale" in mark.libelle and mark.raison
    alone = referentiel(acteur("a", 1))
    assert views.fiche(alone, "a").questions_editoriales is None  # no question, no mark


def test_each_kind_names_its_layout_and_label(ref):
    assert views.enonce(ref, "alpha-dit-beta").gabarit == "bulle"
    assert views.enonce(ref, "alpha-parole").gabarit == "bulle"
    assert views.enonce(ref, "alpha-encadre-beta").gabarit == "encadre"
    assert views.enonce(ref, "alpha-vers-beta").gabarit == "article"
    assert views.enonce(ref, "alpha-parole").kind_label == "Parole"
    kinds = {*ACTOR_LISTS.values(), *(f.kind for f in SHARED_LISTS)}
    assert kinds == set(views.KINDS), "chaque genre d'énoncé a son libellé et son gabarit"


def test_statement_view_reads_every_kind_without_guessing(ref):
    bulle = views.enonce(ref, "alpha-dit-beta")
    assert bulle.titre is None and bulle.envers == [] and bulle.destinataire.id == "beta"
    assert bulle.titre_simple == "Premier paragraphe.\n\nSecond paragraphe."  # short: whole text
    assert bulle.debut == "Premier paragraphe. …"  # the pair page shows this start only
    attente_view = views.enonce(ref, "alpha-vers-beta-et-gamma")
    assert [a.id for a in attente_view.envers] == ["beta", "gamma"] and not attente_view.envers_tous
    assert views.enonce(ref, "alpha-tous").envers_tous
    assert views.enonce(ref, "beta-vers-alpha").debut == "Le texte."


def test_statement_source_names_document_and_chapter(ref):
    e = views.enonce(ref, "alpha-vers-beta")
    assert e.source.href == "a-propos/#source-livre"
    assert e.source.texte == "Le livre (2022)"
    assert e.source.detail == "Chapitre 1 : Je suis alpha. › Mes attentes"


def test_fiche_lists_what_each_other_actor_expects_of_me_and_the_questions(ref):
    f = views.fiche(ref, "beta")
    assert [g.acteur.id for g in f.attendu_de_moi if g.acteur] == ["alpha", "gamma"]
    assert ids(f.attendu_de_moi[0].attentes) == ["alpha-vers-beta", "alpha-vers-beta-et-gamma"]
    assert f.attendu_de_moi[-1].acteur is None
    assert ids(f.attendu_de_moi[-1].attentes) == ["alpha-tous", "gamma-attente-tous"]
    assert [l.href for l in f.enjeux] == ["acteurs/beta/#beta-enjeu"]
    assert f.questions == ["Première question ?", "Seconde ?"]
    assert len(f.lignes_reponse) >= 2


def test_fiche_answers_both_directions_with_messages_labelled_in_full(ref):
    f = views.fiche(ref, "beta")
    # What they tell me, and what I tell them: each message in full, sender → recipient.
    assert [(m.de_a, m.enonce.id) for m in f.ils_me_disent] == [("Alphas → Betas", "alpha-dit-beta")]
    assert f.ils_me_disent[0].enonce.paragraphes == ["Premier paragraphe.", "Second paragraphe."]
    assert [(m.de_a, m.enonce.id) for m in f.je_leur_dis] == [("Betas → Alphas", "beta-dit-alpha")]
    # What I expect, grouped by recipient in chapter order, my peers included (an empty group says so).
    assert [(g.titre, ids(g.attentes)) for g in f.j_attends] == [
        ("Envers les alphas", ["beta-vers-alpha"]), ("Envers les autres betas (mes pairs)", []),
        ("Envers les gammas", [])]
    assert f.j_attends[1].vide == "Aucune attente pour l'instant."
    alpha = views.fiche(ref, "alpha")
    assert alpha.j_attends[0].titre == "Envers les autres alphas (mes pairs)" and ids(alpha.j_attends[0].attentes) == ["alpha-pairs"]
    assert alpha.j_attends[-1].titre == "Envers tous les acteurs" and ids(alpha.j_attends[-1].attentes) == ["alpha-tous"]


def test_fiche_lists_every_expectation_of_its_actor_toward_peers_others_and_all(ref):
    for a in ref.acteurs:
        listed = [e.id for g in views.fiche(ref, a.id).j_attends for e in g.attentes]
        assert set(listed) == {s.id for s in a.attentes}, a.id
        # one listing a recipient: an expectation toward two actors is under each
        assert len(listed) == sum(len(s.envers) for s in a.attentes), a.id


def test_peers_keep_the_data_s_words_proper_nouns_included():
    from referentiel.francais import les_autres

    assert les_autres("les agents de l'État") == "les autres agents de l'État"
    assert les_autres("les élus") == "les autres élus"
    etat = acteur("etat", 1, attentes=[attente("etat-pairs", "etat")])
    etat = etat.model_copy(update={"libelles": etat.libelles.model_copy(update={"les": "les agents de l'État"})})
    vue = views.fiche(referentiel(etat), "etat")
    assert vue.j_attends[0].titre == "Envers les autres agents de l'État (mes pairs)"
    assert views.groupes_attentes(referentiel(etat), etat)[0].titre == "Envers les autres agents de l'État (les pairs)"


def test_generated_pages_take_their_titles_from_the_data(ref):
    pages = {p.chemin: p for p in views.pages_generees(ref)}
    assert set(pages) == {
        "acteurs/alpha.md", "acteurs/beta.md", "acteurs/gamma.md",
        "fiches/alpha.md", "fiches/beta.md", "fiches/gamma.md",
        "face-a-face/alpha-beta.md", "face-a-face/alpha-gamma.md", "face-a-face/beta-gamma.md",
    }
    # The fiche's title uses « en_phrase » as written: a capital inside it is kept.
    assert pages["fiches/beta.md"].titre == "Ma fiche : bêta de l'Olympe"
    assert pages["fiches/alpha.md"].titre == "Ma fiche : alpha"
    assert pages["face-a-face/beta-gamma.md"].appel == 'page_paire("beta", "gamma")'


def test_diagram_counts_each_direction_and_keeps_boxes_inside(ref):
    d = views.diagramme(ref)
    assert len(d.noeuds) == 3 and len(d.aretes) == 3
    edge = next(a for a in d.aretes if a.paire.href == "face-a-face/alpha-beta/")
    assert (edge.a_vers_b, edge.b_vers_a) == (2, 1)
    assert edge.description == "Alpha ↔ Beta : 2 attentes des alphas envers les betas, 1 attente en retour"
    assert d.centre.texte == "1 attente commune"
    assert [l.texte for l in d.centre_lignes] == ["1", "attente", "commune"]
    for node in d.noeuds:
        assert d.largeur_noeud / 2 <= node.x <= d.largeur - d.largeur_noeud / 2
        assert d.hauteur_noeud / 2 <= node.y <= d.hauteur - d.hauteur_noeud / 2
    # Each count sits outside its actor's box, on the edge's side.
    start = next(n for n in d.noeuds if n.acteur.id == "alpha")
    assert not (start.gauche <= edge.pastille_a.x <= start.gauche + d.largeur_noeud
                and start.haut <= edge.pastille_a.y <= start.haut + d.hauteur_noeud)


def test_sources_count_their_statements_in_words(ref):
    (source,) = views.sources(ref)
    assert source.id == "source-livre"
    assert source.mention == f"juillet 2022. {len(ref.index)} énoncés du référentiel en proviennent."
    assert source.enonces == f"{len(ref.index)} énoncés du référentiel en proviennent"
    alone = referentiel(acteur("solo", 1), autres_sources=["inutile"])
    assert {s.id: s.enonces for s in views.sources(alone)} == {
        "source-livre": "3 énoncés du référentiel en proviennent",
        "source-inutile": "Aucun énoncé du référentiel n'en provient",
    }


def test_open_data_page_links_the_exported_files(ref):
    d = views.donnees(ref)
    assert (d.json_href, d.csv_href) == (EXPORTS.json, EXPORTS.csv)
    assert d.lignes == f"{len(ref.index)} lignes"
    assert all(l.href == EXPORTS.schema(l.texte) for l in d.schemas)
    assert "acteur.schema.json" in [l.texte for l in d.schemas]


# -- French formatting -------------------------------------------------------------------


def test_plurals_agree_from_two_on():
    assert views.pluriel(0, "attente") == "0 attente"
    assert views.pluriel(1, "attente") == "1 attente"
    assert views.pluriel(2, "attente commune") == "2 attentes communes"
    assert views.pluriel(3, "travail", "travaux") == "3 travaux"
    assert accord(12345, "ligne") == "lignes" and milliers(12345) == "12\u202f345"


def test_excerpts_cut_at_a_word():
    assert extrait("court") == "court"
    cut = extrait("mot " * 40)
    assert cut.endswith("mot…") and len(cut) <= 90
    assert debut([]) == "" and debut(["Un."]) == "Un." and debut(["Un.", "Deux."]) == "Un. …"


def test_source_dates_read_in_french():
    assert views.date_fr("2022-07") == "juillet 2022"
    assert views.date_fr("2027-03-01") == "1er mars 2027"
    assert views.date_fr("2027-03-12") == "12 mars 2027"
    assert views.date_fr("2023") == "2023"


def test_model_and_views_import_nothing_from_mkdocs():
    import subprocess
    import sys

    code = (
        "import sys, referentiel.validate, referentiel.views, referentiel.exports, referentiel.schema,"
        " referentiel.registry;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'mkdocs_macros'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"le modèle importe MkDocs : {result.stdout}{result.stderr}"


def test_editors_marks_and_corrections_reach_the_statement_and_the_matrix():
    chosen = {**attente("a-choisie", "b", titre="Un intitulé du schéma.", texte=None),
              "envers_editorial": "La source ne nomme personne.", "note_editoriale": "Vue sur le schéma seul."}
    del chosen["texte"]
    typo = {**attente("a-coquille", "b", texte="Un texte corrigé."),
            "corrections": [{"avant": "Un texte corigé", "apres": "Un texte corrigé"}]}
    r = referentiel(acteur("a", 1, attentes=[chosen, typo]), acteur("b", 2))
    e = views.enonce(r, "a-choisie")
    assert e.paragraphes == [] and e.titre_simple == "Un intitulé du schéma."
    assert e.note_editoriale == "Vue sur le schéma seul."
    assert (e.envers_editorial.libelle, e.envers_editorial.raison) == (
        "Destinataire déduit par l'équipe éditoriale", "La source ne nomme personne.")
    t = views.enonce(r, "a-coquille")
    assert t.envers_editorial is None and [(c.avant, c.apres) for c in t.corrections] == [
        ("Un texte corigé", "Un texte corrigé")]
    assert views.matrice(r).legende.startswith("✎\u00a0: destinataire déduit par l'équipe éditoriale")
    assert views.paire(r, "a", "b").legende == views.matrice(r).legende
    # a's fiche lists what a expects of b (marked): the key is there; b's lists it too, as received.
    assert views.fiche(r, "a").legende == views.matrice(r).legende
    assert views.fiche(r, "b").legende == views.matrice(r).legende
    r2 = referentiel(acteur("a", 1, attentes=[typo]), acteur("b", 2))
    assert views.fiche(r2, "a").legende is None  # nothing marked on that page: no key


def test_an_actors_blocks_carry_their_derived_ids():
    v = views.acteur_vue(referentiel(acteur("a", 1, chapeaux={"attentes": "Un chapeau."})), "a")
    assert (v.titre.id, v.persona.id, v.introduction.id, v.profil.id) == ("a-titre", "a-persona", "a-introduction", "a-profil")
    assert v.chapeau is None and v.chapeau_messages is None
    assert [r.chapeau.id if r.chapeau else None for r in v.rubriques] == [None, None, "a-chapeau-attentes"]
    assert v.rubriques[2].chapeau.titre_simple == "Un chapeau."


# -- the room (issue 8) ------------------------------------------------------------


def test_matrix_cells_carry_their_short_title_and_permanent_link(ref):
    m = views.matrice(ref)
    cells = {(c.de.id, c.envers.id): c for line in m.lignes for c in line.cellules}
    ab = cells[("alpha", "beta")]
    assert ab.titre_court == "Alpha → Beta" and ab.href == "matrice/#cellule-alpha-beta"
    assert ab.resume == "2 attentes, 1 message" and cells[("gamma", "beta")].vide


def test_wall_holds_every_message_with_its_filters(ref):
    wall = views.mur(ref)
    assert ids(wall.messages) == ["alpha-dit-beta", "beta-dit-alpha"]
    assert wall.total == "2 messages"
    assert [f.valeur for f in wall.expediteurs] == ["", "alpha", "beta", "gamma"]
    assert wall.destinataires[0].texte == "Tous les acteurs"


def test_cards_one_per_expectation_and_message_four_to_a_sheet(ref):
    cards = views.cartes(ref)
    # the synthetic gamma has one expectation toward all (synthetic.acteur's default)
    assert ids([c.enonce for c in cards]) == ["alpha-pairs", "alpha-vers-beta", "alpha-vers-beta-et-gamma",
                                              "alpha-tous", "alpha-dit-beta", "beta-vers-alpha", "beta-dit-alpha",
                                              "gamma-attente-tous"]
    vers = {c.enonce.id: c.vers for c in cards}
    assert vers["alpha-vers-beta-et-gamma"] == "Alpha → Beta, Gamma"
    assert vers["alpha-tous"] == "Alpha → tous les acteurs"
    assert vers["alpha-dit-beta"] == "Alpha → Beta"
    sheets = views.planches(ref)
    assert [len(s.cartes) for s in sheets] == [4, 4]


def test_prepared_projection_links_open_projection_at_a_place(ref):
    links = {l.href: l.texte for l in views.liens_projection(ref)}
    assert all("?projection" in href for href in links)
    assert links["matrice/?projection#beta-gamma"] == "La matrice, sur la case Beta → Gamma"
    assert links["face-a-face/alpha-beta/?projection=pas-a-pas"] == "Le face-à-face Alpha ↔ Beta, en devinant d'abord"
    # the last actor's expectations, on its page at « Mes attentes »; the wall, filtered on the first
    # sender and recipient with messages (labels from the actors' own words: « des gammas », « aux betas »)
    assert links["acteurs/gamma/?projection#attentes"] == "Les attentes des gammas"
    assert links["mur-des-messages/?projection&de=alpha&a=beta"] == "Les messages des alphas aux betas"


def test_prepared_links_follow_an_actor_split_over_pages(ref, monkeypatch):
    from referentiel.views import routes

    monkeypatch.setattr(routes, "SEUIL", 1)  # every actor beyond one page: its expectations have pages of their own
    hrefs = [l.href for l in views.liens_projection(ref)]
    assert "acteurs/gamma/attentes/?projection" in hrefs, hrefs


def test_the_wall_says_every_count_in_words(ref):
    assert views.mur(ref).comptes == ["0 message affiché sur 2", "1 message affiché sur 2", "2 messages affichés sur 2"]


def test_an_address_is_printed_as_it_is_never_typeset():
    """``|lien`` (macros/main.py) and the build's own files (referentiel.adresses): a route from the page, and in the offline pack (no directory URLs)
    the page's own file, query and anchor kept; an address elsewhere or an anchor as it is."""
    from types import SimpleNamespace

    from referentiel.adresses import adresse

    class Files:
        pages = {"acteurs/elu.md": "acteurs/elu.html", "face-a-face/index.md": "face-a-face/index.html",
                 "index.md": "index.html", "matrice.md": "matrice.html"}

        def get_file_from_path(self, src):
            url = self.pages.get(src)
            return url and SimpleNamespace(url=url, is_documentation_page=lambda: True)

    assert adresse("matrice/?projection=pas-a-pas#a : b", "../") == "../matrice/?projection=pas-a-pas#a : b"
    assert adresse("https://exemple.org/a?b=1;c=2", "../") == "https://exemple.org/a?b=1;c=2"
    assert adresse("mailto:x@y.fr", "../") == "mailto:x@y.fr" and adresse("#x", "../") == "#x"
    offline = Files()
    assert adresse("acteurs/elu/#x", "../", offline) == "../acteurs/elu.html#x"
    assert adresse("matrice/?projection#agent-etat", "", offline) == "matrice.html?projection#agent-etat"
    assert adresse("face-a-face/", "../../", offline) == "../../face-a-face/index.html"
    assert adresse("", "../", offline) == "../index.html"
    assert adresse("qr/abc.svg", "../", offline) == "../qr/abc.svg"
    assert adresse("pdf/", "", offline) == "pdf/", "a folder that is no page stays as it is"
