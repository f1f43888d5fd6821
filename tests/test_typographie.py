"""French typography: one function, on a table of cases; and the pieces of one text that markup splits."""

from __future__ import annotations

import pytest

from referentiel.typographie import NBSP, NNBSP, Suite, typographie

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


# One text split by markup (a strong word, a link, a quote opening on an abbreviation) is
# typeset as the whole text would be, each piece in its place.
SUITE_CASES = [
    (["mot", " !"], ["mot", f"{NNBSP}!"]),
    (["«", "cité", "»"], ["«", f"{NBSP}cité", f"{NBSP}»"]),
    (["du « ", "TLM", " »"], [f"du «{NBSP}", "TLM", f"{NBSP}»"]),
    (["Attention", " : la suite"], ["Attention", f"{NBSP}: la suite"]),
    (["socio-éco.", " : x"], ["socio-éco.", f"{NBSP}: x"]),
    (["A & B ; C"], [f"A & B{NNBSP}; C"]),
    (["Pourquoi ? ", "lien : ici"], [f"Pourquoi{NNBSP}? ", f"lien{NBSP}: ici"]),
    (["12:30", " : voir"], ["12:30", f"{NBSP}: voir"]),
]


def typographie_suite(pieces: list[str]) -> list[str]:
    suite = Suite()
    return [suite.typographie(p) for p in pieces]


@pytest.mark.parametrize(("pieces", "expected"), SUITE_CASES)
def test_typographie_suite(pieces, expected):
    assert typographie_suite(pieces) == expected
    assert typographie_suite(expected) == expected
    assert "".join(expected) == typographie("".join(pieces)), "the pieces read as the whole text"


def test_apres_du_code_les_deux_points_suivent_un_mot():
    suite = Suite()
    assert suite.typographie("un ") == "un "
    suite.mot()  # <code>id</code>
    assert suite.typographie(" : x") == f"{NBSP}: x"
    suite.apres("\u00a0")  # an entity, already written as it should be (&#160;)
    assert suite.typographie(": y") == ": y"
    suite.apres("«")  # &laquo;
    assert suite.typographie(" cité") == f"{NBSP}cité"


def test_un_morceau_sans_marque_pres_du_debut_se_compose_seul():
    """A piece is typeset on its own unless the text before it can change it: the shortcut
    gives what typesetting it after the two characters before it gives, on every pairing of
    short texts around the marks (markup splits text anywhere: "mot<em> !</em>", "«<abbr>")."""
    from itertools import product

    from referentiel.typographie import _OPEN_AT_END, _suite

    def with_context(before: str, chunk: str) -> str:  # every piece, as before the shortcut
        done = typographie(chunk)
        full, head = typographie(before + chunk), typographie(before)
        if full.startswith(head):
            done = full[len(head):]
        return _OPEN_AT_END.sub("«" + NBSP, done)

    pieces = ["", " ", "   ", "a", "1", ".", "c.", "!", "«", "»", ":", ";", "?", ")", "&amp;", "’", "www.", "x:"]
    befores = {a + b for a, b in product(["", " ", "a", "1", ".", "!", "«", "»", ":", ")", "&"], repeat=2) if a + b}
    chunks = {a + b + c for a, b, c in product(pieces, pieces, ["", " !"])}
    differ = [(before, chunk) for before in befores for chunk in chunks
              if _suite(before, chunk) != with_context(before, chunk)]
    assert not differ, differ[:10]
