"""Build layer, issue 11: on the built pages, the editors' words say they are the
editors', every corrected typo shows the printed text, every block of the
authors' text has its id and a copy-link, every encadré is a quotation, and
every cross-reference the data makes is a link both ways."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from referentiel.blocs import blocs_auteurs
from referentiel.markup import escape, inline
from referentiel.model import Attente, Section
from referentiel.validate import load_referentiel
from referentiel.views import enonce
from referentiel.views.fidelity import DESTINATAIRE_DEDUIT, DETAIL_REFORMULE, TITRE_AJOUTE

from conftest import ROOT, copy_project, mkdocs_build
from test_fidelite import _corriges

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def ref(construit):
    """The data of the project built: the repository's, then the same enriched by contributions."""
    return construit.ref


@pytest.fixture(scope="module")
def built_site(construit) -> Path:
    return construit.site


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, str]:
    """Site path (« acteurs/etat/ ») → the page's HTML."""
    out = {}
    for path in sorted(built_site.rglob("index.html")):
        folder = path.parent.relative_to(built_site).as_posix()
        out["" if folder == "." else f"{folder}/"] = path.read_text(encoding="utf-8")
    return out


def element(html: str, ident: str) -> str:
    """The HTML of the element with id ``ident``, up to its closing tag (same tag, nesting counted)."""
    start = re.search(rf'<(\w+)[^>]*\sid="{re.escape(ident)}"', html)
    assert start, f"aucun élément d'identifiant « {ident} »"
    tag = start.group(1)
    depth, pos = 0, start.start()
    for m in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(html, pos):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return html[start.start(): m.end()]
    raise AssertionError(f"« {ident} » n'est pas fermé")


def page_with(pages: dict[str, str], ident: str) -> tuple[str, str]:
    found = [(p, h) for p, h in pages.items() if f'id="{ident}"' in h]
    assert len(found) == 1, f"« {ident} » est sur {len(found)} pages : {[p for p, _ in found]}"
    return found[0]


def marker(libelle: str, raison: str) -> str:
    """The editors' marker as the page shows it: its words, then the data's reason."""
    return (f'<details class="r4f-editorial"><summary><span class="r4f-editorial-signe" aria-hidden="true">✎</span> '
            f"{inline(libelle)}</summary><p>{inline(raison)}</p></details>")


# ---------------------------------------------------------------------------
# Every block of the authors' text: one id, a copy-link
# ---------------------------------------------------------------------------


def test_every_authors_block_has_its_id_once_and_a_copy_link(ref, pages):
    blocs = blocs_auteurs(ref)
    assert len(blocs) > 20
    for b in blocs:
        count = sum(h.count(f'id="{b.id}"') for h in pages.values())
        assert count == 1, f"« {b.id} » apparaît {count} fois dans le site"
        _, html = page_with(pages, b.id)
        assert f'data-ancre="{b.id}"' in html or f'class="headerlink" href="#{b.id}"' in html, (
            f"« {b.id} » n'a ni bouton « Copier le lien » ni lien permanent")


def test_the_states_chapeau_can_be_quoted_by_its_link(pages):
    html = element(pages["acteurs/etat/"], "etat-chapeau-attentes")
    assert "droit à l&#x27;innovation et donc à l&#x27;erreur" in html
    assert 'data-ancre="etat-chapeau-attentes"' in html and "Copier le lien" in html


def test_lessons_conclusion_is_where_the_publication_has_it(ref, pages):
    html = element(pages["enseignements/"], "enseignements-conclusion")
    assert escape(ref.enseignements.conclusion) in html
    last = ref.enseignements.enseignements[-1].id
    assert pages["enseignements/"].index(f'id="{last}"') < pages["enseignements/"].index('id="enseignements-conclusion"')


# ---------------------------------------------------------------------------
# What the editors add says so
# ---------------------------------------------------------------------------


def _sections(items: list[Section]):
    for s in items:
        yield s
        yield from _sections(s.sous_sections)


def test_every_editorial_heading_renders_with_its_marker(ref, pages):
    checked = 0
    for rel, bloc_id in (("principes.yaml", "principes-introduction"), ("freins.yaml", "freins-introduction"),
                         ("attentes-communes.yaml", "attentes-communes-introduction")):
        fichier = ref.shared_file(rel)
        _, html = page_with(pages, bloc_id)
        block = element(html, bloc_id)
        assert escape(fichier.titre) in block
        if fichier.titre_editorial:
            assert "r4f-titre-editorial" in block and marker(TITRE_AJOUTE, fichier.titre_editorial) in block
            checked += 1
        else:
            assert "r4f-editorial" not in block, f"{rel} : titre de la publication marqué comme éditorial"
    for s in _sections(ref.introduction.sections):
        if not s.titre_editorial:
            continue
        _, html = page_with(pages, s.id)
        block = element(html, s.id)
        assert re.search(rf'id="{s.id}-titre" class="r4f-titre-editorial">{re.escape(escape(s.titre))}', block)
        assert marker(TITRE_AJOUTE, s.titre_editorial) in block
        checked += 1
    assert checked >= 2  # freins, « La Fabrique des transitions, une alliance »


def test_a_paraphrased_figure_is_marked_like_a_heading(tmp_path):
    """No figure is paraphrased today: a copy of the data flags one, and the page marks it."""
    project = copy_project(tmp_path / "projet")
    intro = project / "data" / "introduction.yaml"
    text = intro.read_text(encoding="utf-8")
    assert "  - id: chiffre-allies\n" in text
    reason = "Reformulé pour le test : la publication le dit autrement."
    intro.write_text(text.replace("  - id: chiffre-allies\n", f'  - id: chiffre-allies\n    detail_editorial: "{reason}"\n'),
                     encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "a-propos" / "index.html").read_text(encoding="utf-8")
    figure = element(html, "chiffre-allies")
    assert 'class="r4f-detail-editorial"' in figure and marker(DETAIL_REFORMULE, reason) in figure
    assert "r4f-editorial" not in element(html, "chiffre-territoires-pilotes")


def _editorial_recipients(ref) -> list[Attente]:
    return [a for acteur in ref.acteurs for a in acteur.attentes if a.envers_editorial]


def test_recipients_chosen_by_the_editors_say_so_on_the_statement(ref, pages):
    chosen = _editorial_recipients(ref)
    assert {"agent-attente-cooperation-strategique", "agent-attente-tlm", "etat-attente-alliance-collectivites-pilotes",
            "etat-attente-se-connaitre"} <= {a.id for a in chosen}
    for a in chosen:
        html = element(page_with(pages, a.id)[1], a.id)
        assert marker(DESTINATAIRE_DEDUIT, a.envers_editorial) in html
    plain = next(a for acteur in ref.acteurs for a in acteur.attentes if not a.envers_editorial)
    assert escape(DESTINATAIRE_DEDUIT) not in element(page_with(pages, plain.id)[1], plain.id)


@pytest.mark.parametrize("prefix", ["matrice/", "face-a-face/", "fiches/"])
def test_recipients_chosen_by_the_editors_are_marked_wherever_listed(ref, pages, prefix):
    chosen = {a.id for a in _editorial_recipients(ref)}
    short = re.compile(r'<a href="[^"]*#([\w-]+)">[^<]*</a>( <span class="r4f-editorial-court" title="([^"]*)">'
                       r'<span aria-hidden="true">✎</span><span class="md-visually-hidden"> \(([^)]*)\)</span></span>)?')
    seen = set()
    for path, html in pages.items():
        if not path.startswith(prefix):
            continue
        listed = [m for m in short.finditer(html) if m.group(1) in chosen or m.group(2)]
        for m in listed:
            assert m.group(1) in chosen and m.group(2), f"/{path} : #{m.group(1)} mal marqué"
            assert m.group(4) == escape(DESTINATAIRE_DEDUIT)  # read by screen readers
            seen.add(m.group(1))
        if listed:
            assert 'class="r4f-legende-editoriale">✎' in html, f"/{path} : marque sans légende"
    assert seen, f"aucune attente au destinataire déduit n'est listée sous /{prefix}"


def test_a_poster_only_expectation_shows_the_posters_words_and_the_editors_note_apart(ref, pages):
    ident = "etat-attente-alliance-collectivites-pilotes"
    statement = ref.entry(ident).statement
    assert statement.texte is None and statement.note_editoriale
    html = element(pages["acteurs/etat/"], ident)
    note = str(inline(statement.note_editoriale))
    assert html.count(note) == 1
    aside = re.search(r'<aside class="r4f-note-editoriale"[^>]*>(.*?)</aside>', html, re.S)
    assert aside and "Note de l'équipe éditoriale&#160;:</strong> " + note in aside.group(1)
    assert re.search(rf'<h3 id="{ident}-titre" class="r4f-titre">{re.escape(escape(statement.titre))}', html)
    # Everywhere it is listed, it is named by the poster's words, never by the note.
    title = inline(enonce(ref, ident).titre_simple)
    for path in ("matrice/", "face-a-face/agent-etat/", "fiches/elu/"):
        # (a word of the lexicon in it may carry its tooltip)
        assert f"#{ident}\">{title}</a>" in re.sub(r"</?abbr\b[^>]*>", "", pages[path]), path
        assert note not in pages[path], path


def test_a_poster_only_expectation_in_search_and_open_data(ref, built_site):
    ident = "etat-attente-alliance-collectivites-pilotes"
    statement = ref.entry(ident).statement
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [d for d in index["docs"] if d["location"].endswith(f"#{ident}")]
    assert len(found) == 1 and found[0]["title"] == statement.titre
    # Found by its title, labelled with its kind and actors; the editors' note is never its text.
    assert found[0]["text"].startswith("Attente · État → ")
    assert statement.note_editoriale not in found[0]["text"]
    raw = (built_site / "donnees" / "referentiel.csv").read_text(encoding="utf-8")
    row = next(r for r in csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))) if r["id"] == ident)
    assert (row["titre"], row["texte"]) == (statement.titre, "")  # the note is never its text
    data = json.loads((built_site / "donnees" / "referentiel.json").read_text(encoding="utf-8"))
    etat = next(a for a in data["acteurs"] if a["id"] == "etat")
    exported = next(a for a in etat["attentes"] if a["id"] == ident)
    assert exported["note_editoriale"] == statement.note_editoriale and exported.get("texte") is None


# ---------------------------------------------------------------------------
# Corrected typos keep the printed text, visibly
# ---------------------------------------------------------------------------


def test_every_correction_is_shown_with_the_printed_text(ref, pages):
    shown = re.sub(r"<abbr[^>]*>|</abbr>", "", "\n".join(pages.values()))  # acronyms get a tooltip
    count = 0
    for holder, block in _corriges(ref):
        for c in block.corrections:
            note = (f"Coquille corrigée&#160;: «&#160;{inline(c.avant)}&#160;» <span aria-hidden=\"true\">→</span>"
                    f"<span class=\"md-visually-hidden\">devient</span> «&#160;{inline(c.apres)}&#160;»")
            assert note in shown, f"{holder} : la correction « {c.avant} » n'est pas montrée"
            count += 1
    assert count >= 15
    # On the statement itself, in its footer.
    pied = re.search(r'<div class="r4f-pied">(.*?)</div>', element(pages["acteurs/etat/"], "etat-verbatim-finesse"), re.S)
    assert pied and "Coquille corrigée" in pied.group(1)


# ---------------------------------------------------------------------------
# Encadrés are quotations; cross-references are links both ways
# ---------------------------------------------------------------------------


def test_every_encadre_is_a_quotation(ref, pages):
    encadres = [e for acteur in ref.acteurs for e in acteur.encadres]
    assert encadres
    for e in encadres:
        html = element(page_with(pages, e.id)[1], e.id)
        assert '<blockquote class="r4f-citation-encadre">' in html, e.id


def test_shared_statements_and_their_sources_link_both_ways(ref, pages):
    label = {"attente-commune": "Synthétise", "frein": "S&#x27;appuie sur", "enseignement": "S&#x27;appuie sur"}
    kinds = set()
    for entry in ref.index.values():
        if not entry.derive_de:
            continue
        kinds.add(entry.kind)
        view = enonce(ref, entry.id)
        html = element(page_with(pages, entry.id)[1], entry.id)
        assert f"<p>{label[entry.kind]}&#160;:</p>" in html, entry.id
        for source in entry.derive_de:
            target = ref.resolve(source)
            assert f'#{target}"' in html, f"{entry.id} ne mène pas à {target}"
            back = element(page_with(pages, target)[1], target)
            repris = re.search(r'<p class="r4f-synthese">Repris dans&#160;: (.*?)</p>', back, re.S)
            cite = f'#{entry.id}">«&#160;{inline(view.titre_simple)}&#160;»</a>'
            assert repris and cite in repris.group(1), (
                f"{target} ne dit pas qu'il est repris dans {entry.id}")
    assert kinds == {"attente-commune", "frein", "enseignement"}


def test_no_source_line_cites_an_editors_heading_as_the_publications(ref, pages):
    editorial = [f.titre for f in (ref.principes, ref.freins, ref.attentes_communes) if f.titre_editorial]
    editorial += [s.titre for s in _sections(ref.introduction.sections) if s.titre_editorial]
    assert editorial
    sources = re.findall(r'<p class="r4f-source">(.*?)</p>', "\n".join(pages.values()), re.S)
    assert sources
    for titre in editorial:
        assert not [s for s in sources if f"— {escape(titre)}" in s], f"« {titre} » cité comme section de la source"
    # The obstacles cite where the publication prints them: the section that inserts their list.
    holder = next(s for s in _sections(ref.introduction.sections) if s.bloc == "freins")
    freins = re.findall(r'<p class="r4f-source">(.*?)</p>', pages["freins/"], re.S)
    assert len(freins) == len(ref.freins.freins)
    assert all(f"— {escape(holder.titre)}" in s for s in freins)


# ---------------------------------------------------------------------------
# The editors' links, the fiche's questions and the transcription rules say whose they are
# ---------------------------------------------------------------------------


def test_every_link_between_statements_says_the_editors_drew_it(ref, pages):
    """« Synthétise », « S'appuie sur », « Repris dans »: the publication draws none of these links."""
    from referentiel.views.fidelity import RAPPROCHEMENTS

    mark = marker(RAPPROCHEMENTS.libelle, RAPPROCHEMENTS.raison)
    linked = [e.id for e in ref.entries() if e.derive_de or ref.backlinks.get(e.id)]
    assert linked, "aucun renvoi entre énoncés à vérifier"
    for ident in linked:
        html = element(page_with(pages, ident)[1], ident)
        assert re.search(r"(Synthétise|S&#x27;appuie sur|Repris dans)", html), ident
        assert mark in html, f"{ident} : renvoi sans la marque de l'équipe éditoriale"
    unlinked = next(e.id for e in ref.entries() if e.acteur and not ref.backlinks.get(e.id))
    assert mark not in element(page_with(pages, unlinked)[1], unlinked)


def test_the_fiches_questions_say_they_are_the_editors(ref, pages):
    from referentiel.views.fidelity import QUESTIONS

    for a in ref.acteurs:
        html = pages[f"fiches/{a.id}/"]
        questions = html[html.index('id="questions-titre"'):]
        assert (marker(QUESTIONS.libelle, QUESTIONS.raison) in questions) == bool(ref.meta.questions_preparation)


def test_a_propos_states_every_transcription_rule(pages):
    from referentiel.views.fidelity import TRANSCRIPTION

    from html import unescape

    from referentiel.markup import plain

    html = pages["a-propos/"]
    for r in TRANSCRIPTION:
        found = re.search(rf'<li id="transcription-{re.escape(r.cle)}">(.*?)</li>', html, re.S)
        assert found, f"règle « {r.cle} » absente de la page À propos"
        shown = " ".join(unescape(re.sub(r"<[^>]+>", "", found.group(1))).split())  # any space, typography apart
        assert shown == " ".join(f"{r.titre} : {plain(r.texte)}".split()), r.cle
