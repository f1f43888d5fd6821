"""The contributors' links of the site (issue 9): « Modifier » a statement at its line in
GitHub's editor, « Proposer » a statement through an issue form already filled with the actors."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from referentiel import views
from referentiel.contribution import FORMS, load_form
from referentiel.validate import load_referentiel

ROOT = Path(__file__).resolve().parent.parent
REPO = "https://github.com/fabrique-des-transitions/4-fantastiques"
EDIT = f"{REPO}/edit/main/"

# A statement's opening tag; its id is absent where a page repeats it without its anchor (the messages wall).
STATEMENT = re.compile(r'<(?:article|figure|aside) class="r4f-(?:enonce|bulle|encadre)[^"]*"(?: id="([^"]+)")?')
MODIFIER = re.compile(r'class="r4f-contribuer r4f-modifier" href="([^"]+)"')


@pytest.fixture(scope="module")
def ref():
    return load_referentiel(ROOT / "data")


def form_fields(name: str) -> dict[str, tuple[str, ...]]:
    """Field id → options (empty for a text field) of one issue form."""
    return {f.id: f.options for f in load_form(name)}


def check_form_url(url: str, template: str, **expected: str) -> None:
    """``url`` opens ``template`` with exactly the ``expected`` fields prefilled, each an existing
    field whose value (for a dropdown) is one of its options."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query.pop("template") == template
    fields = form_fields(template)
    for field_id, value in query.items():
        assert field_id in fields, f"{template} n'a pas de champ « {field_id} »"
        assert not fields[field_id] or value in fields[field_id], (field_id, value)
    assert {k: v for k, v in query.items() if k in expected} == expected
    assert set(expected) <= set(query)


@pytest.mark.build
def test_every_modifier_link_opens_the_file_at_the_statements_id_line(built_site):
    seen = set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        events = sorted([(m.start(), "enonce", m.group(1) or "") for m in STATEMENT.finditer(html)]
                        + [(m.start(), "lien", unescape(m.group(1))) for m in MODIFIER.finditer(html)])
        current = None
        for _, what, value in events:
            if what == "enonce":
                current = value
                continue
            assert current is not None, f"lien « Modifier » hors d'un énoncé dans {page}"
            assert value.startswith(EDIT), value
            path, _, line = value.removeprefix(EDIT).partition("#L")
            lines = (ROOT / path).read_text(encoding="utf-8").split("\n")
            if current and not line:  # a statement of its own file (data/sources/<source>/<id>.yaml): the file
                assert Path(path).stem == current and Path(path).parts[:2] == ("data", "sources"), (page, value)
                seen.add(current)
            elif current:
                assert lines[int(line) - 1].strip() in (f"- id: {current}", f"id: {current}"), (page, current, value)
                seen.add(current)
            else:
                assert lines[int(line) - 1].strip().startswith("- id: "), (page, value)
            current = None
    ref = load_referentiel(ROOT / "data")
    actor_statements = {e.id for e in ref.entries() if e.acteur}
    assert actor_statements <= seen, sorted(actor_statements - seen)[:5]


def test_modifier_link_names_the_file_and_line_in_words(ref):
    view = views.enonce(ref, "elu-message-agents")
    path, line = ref.emplacements["elu-message-agents"]
    assert view.modifier.href == f"{EDIT}{path}#L{line}"
    # Its visible words speak to every reader; the file and the line, to the contributor who points at it.
    assert view.modifier.texte == "Proposer une correction"
    assert view.modifier.detail == f"sur GitHub, dans data/acteurs/elu.yaml, ligne {line}"


def test_matrix_cells_propose_an_expectation_for_their_pair(ref):
    labels = {a.id: f"{a.libelles.pluriel} ({a.id})" for a in ref.acteurs}
    matrice = views.matrice(ref)
    for ligne in matrice.lignes:
        for c in ligne.cellules:
            check_form_url(c.proposer_attente.href, FORMS["attente"], de=labels[c.de.id], vers=labels[c.envers.id])
            if c.diagonale:
                assert c.proposer_message is None  # a message goes to another actor
            else:
                check_form_url(c.proposer_message.href, FORMS["message"], de=labels[c.de.id],
                               vers=labels[c.envers.id])


def test_thin_and_empty_cells_say_so():
    from synthetic import acteur, attente, referentiel

    ref = referentiel(
        acteur("a", 1, attentes=[attente("a-1", "b"), attente("a-2", "b"), attente("a-3", "c")]),
        acteur("b", 2),
        acteur("c", 3),
    )
    cells = {(c.de.id, c.envers.id): c for l in views.matrice(ref).lignes for c in l.cellules}
    assert cells["a", "b"].invitation is None
    assert cells["a", "c"].invitation == "Une seule attente pour l'instant — proposez-en d'autres."
    assert cells["b", "a"].invitation == "Aucune attente pour l'instant — proposez-en une."
    assert cells["b", "a"].proposer_attente.detail == "une attente des bs envers les as, sur GitHub"
    assert cells["a", "a"].proposer_attente.detail == "une attente des as envers leurs pairs, sur GitHub"


def test_actor_page_offers_every_form_prefilled_with_the_actor(ref):
    vue = views.acteur_vue(ref, "etat")
    option = "Agents de l'État territorial (etat)"
    texts = [l.texte for l in vue.propositions]
    assert texts == ["Proposer un enjeu", "Proposer un pouvoir", "Proposer une attente", "Proposer un message"]
    enjeu, pouvoir, attente, message = (l.href for l in vue.propositions)
    check_form_url(enjeu, FORMS["enjeu"], de=option, genre="Enjeu : ce à quoi l'acteur fait face (enjeu)")
    check_form_url(pouvoir, FORMS["pouvoir"], de=option, genre="Pouvoir : ce que l'acteur peut faire (pouvoir)")
    check_form_url(attente, FORMS["attente"], de=option)
    check_form_url(message, FORMS["message"], de=option)
    assert "vers" not in parse_qs(urlsplit(attente).query)


def test_pair_page_proposes_in_both_directions(ref):
    paire = views.paire(ref, "elu", "agent")
    elu, agent = "Élus (elu)", "Agents des collectivités (agent)"
    check_form_url(paire.a_vers_b.proposer_attente.href, FORMS["attente"], de=elu, vers=agent)
    check_form_url(paire.b_vers_a.proposer_attente.href, FORMS["attente"], de=agent, vers=elu)
    check_form_url(paire.b_vers_a.proposer_message.href, FORMS["message"], de=agent, vers=elu)


@pytest.mark.build
def test_built_pages_carry_the_proposer_links(built_site):
    matrix = (built_site / "matrice" / "index.html").read_text(encoding="utf-8")
    assert matrix.count('class="r4f-contribuer r4f-proposer"') == 16
    actor = (built_site / "acteurs" / "agent" / "index.html").read_text(encoding="utf-8")
    assert 'id="proposer"' in actor and actor.count('class="r4f-contribuer r4f-proposer"') == 4
    assert "template=proposer-enjeu-pouvoir.yml&amp;de=Agents+des+collectivit%C3%A9s+%28agent%29" in actor
