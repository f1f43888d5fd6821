"""French typography: one function, on a table of cases."""

from __future__ import annotations

import pytest

from referentiel.typographie import NBSP, NNBSP, typographie, typographie_html

CASES = [
    # (written, expected)
    ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
    ("Pourquoi?", f"Pourquoi{NNBSP}?"),
    ("Allons-y !", f"Allons-y{NNBSP}!"),
    ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
    ("un point ; un autre", f"un point{NNBSP}; un autre"),
    ("des ressources humaines ! ; reconnaître", f"des ressources humaines{NNBSP}!{NNBSP}; reconnaître"),
    ("Envers tous : les pairs", f"Envers tous{NBSP}: les pairs"),
    ("Envers tous: les pairs", f"Envers tous{NBSP}: les pairs"),
    ("article 3 : le texte", f"article 3{NBSP}: le texte"),
    ("« mettez-nous dans la boucle »", f"«{NBSP}mettez-nous dans la boucle{NBSP}»"),
    ("«dans la boucle»", f"«{NBSP}dans la boucle{NBSP}»"),
    ("« Faites-le ! »", f"«{NBSP}Faites-le{NNBSP}!{NBSP}»"),
    ("(« x ») ?", f"(«{NBSP}x{NBSP}»){NNBSP}?"),
    # Untouched: URLs, e-mail, times, ratios, identifiers, already-correct text.
    ("Voir https://example.org/a?b=1;c=2 pour tout", "Voir https://example.org/a?b=1;c=2 pour tout"),
    ("Écrire à contact@exemple.fr.", "Écrire à contact@exemple.fr."),
    ("mailto:x@y.fr", "mailto:x@y.fr"),
    ("Rendez-vous à 12:30 précises", "Rendez-vous à 12:30 précises"),
    ("un rapport de 1:2", "un rapport de 1:2"),
    ("a;b et x?y", "a;b et x?y"),
    ("(?)", "(?)"),
    (f"Déjà{NNBSP}? Oui{NBSP}: «{NBSP}bien{NBSP}»", f"Déjà{NNBSP}? Oui{NBSP}: «{NBSP}bien{NBSP}»"),
    (f"Déjà{NBSP}! correct", f"Déjà{NBSP}! correct"),
    ("Sans ponctuation", "Sans ponctuation"),
    ("", ""),
    ("Lien : https://example.org/ !", f"Lien{NBSP}: https://example.org/{NNBSP}!"),
]


@pytest.mark.parametrize(("written", "expected"), CASES, ids=[c[0] or "vide" for c in CASES])
def test_typographie(written, expected):
    assert typographie(written) == expected


@pytest.mark.parametrize("written", [c[0] for c in CASES], ids=[c[0] or "vide" for c in CASES])
def test_typographie_idempotente(written):
    once = typographie(written)
    assert typographie(once) == once


def test_aucun_point_d_exclamation_ni_guillemet_en_debut_de_ligne():
    text = typographie("Un texte « cité » avec des questions ? et des cris ! et : deux points ; enfin.")
    for mark in "!?;:»":
        i = text.index(mark)
        assert text[i - 1] in (NBSP, NNBSP), f"« {mark} » suit une espace sécable : {text!r}"
    i = text.index("«")
    assert text[i + 1] == NBSP


HTML_CASES = [
    ('<p>Pourquoi ? <a href="https://x.fr/?a=1">lien : ici</a></p>', f'<p>Pourquoi{NNBSP}? <a href="https://x.fr/?a=1">lien{NBSP}: ici</a></p>'),
    ('<abbr title="Quoi ? Rien : tout">EPCI</abbr> !', f'<abbr title="Quoi ? Rien : tout">EPCI</abbr>{NNBSP}!'),
    ("<p><em>mot</em> !</p>", f"<p><em>mot</em>{NNBSP}!</p>"),
    ("<p>«<em>cité</em>»</p>", f"<p>«<em>{NBSP}cité</em>{NBSP}»</p>"),
    ("<code>a ? b : c</code> et <pre>x ! y</pre> puis z ?", f"<code>a ? b : c</code> et <pre>x ! y</pre> puis z{NNBSP}?"),
    ("<script>if (a ? b : c) {}</script>", "<script>if (a ? b : c) {}</script>"),
    ("<p>A &amp; B ; C</p>", f"<p>A &amp; B{NNBSP}; C</p>"),
    ("<!-- note : rien --><p>ok !</p>", f"<!-- note : rien --><p>ok{NNBSP}!</p>"),
]


@pytest.mark.parametrize(("written", "expected"), HTML_CASES)
def test_typographie_html(written, expected):
    assert typographie_html(written) == expected
    assert typographie_html(expected) == expected


def test_un_noeud_sans_marque_pres_du_debut_se_compose_seul():
    """A text node is typeset on its own unless the text before it can change it: the shortcut
    gives what typesetting it after the two characters before it gives, on every pairing of
    short texts around the marks (tags split text anywhere: "mot<em> !</em>", "«<abbr>")."""
    from itertools import product

    from referentiel.typographie import _OPEN_AT_END, _text_node

    def with_context(before: str, chunk: str) -> str:  # every node, as before the shortcut
        done = typographie(chunk)
        full, head = typographie(before + chunk), typographie(before)
        if full.startswith(head):
            done = full[len(head):]
        return _OPEN_AT_END.sub("«" + NBSP, done)

    pieces = ["", " ", "   ", "a", "1", ".", "c.", "!", "«", "»", ":", ";", "?", ")", "&amp;", "’", "www.", "x:"]
    befores = {a + b for a, b in product(["", " ", "a", "1", ".", "!", "«", "»", ":", ")", "&"], repeat=2) if a + b}
    chunks = {a + b + c for a, b, c in product(pieces, pieces, ["", " !"])}
    differ = [(before, chunk) for before in befores for chunk in chunks
              if _text_node(before, chunk) != with_context(before, chunk)]
    assert not differ, differ[:10]
