"""Data is text, never code: how a data value becomes safe HTML.

The two marks the publication uses (``*italique*`` and ``**gras**``) are found
in the text, which is typeset in French, HTML-escaped and, on a page, given its
tooltips (``Infobulles``: acronyms, words of the lexicon); then, and only then,
the marks become ``<em>``/``<strong>``. Characters that another layer could
still interpret — Jinja's ``{``/``}``, Markdown's snippet marker ``--8<--`` at
the start of a line — are turned into entities, so that the text stays text
whatever reads it next. Nothing here reads HTML.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from markupsafe import Markup

from .caches import REPERES_MAX, Borne
from .typographie import Suite, typographie

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
# Jinja's and Markdown's characters, and the marker lines of a macro's HTML (referentiel.pages_ecrites).
_NEUTRALISE = {"{": "&#123;", "}": "&#125;", "`": "&#96;", "[": "&#91;", "]": "&#93;",
               "\ue020": "&#57376;", "\ue021": "&#57377;"}
_A_NEUTRALISER = re.compile("[" + re.escape("".join(_NEUTRALISE)) + "]")


def escape(text: str, *, quote: bool = True) -> str:
    """HTML-escape ``text`` and neutralise characters other layers interpret.

    ``quote=False`` leaves apostrophes and double quotes as they are: for a page title,
    which Material escapes again where it puts one in an attribute (« l'État » would
    otherwise be read « l&#x27;État » in the footer's labels).
    """
    out = html.escape(str(text), quote=quote)
    out = _A_NEUTRALISER.sub(lambda m: _NEUTRALISE[m.group(0)], out)
    # A snippet include is "--8<--" at the start of a line; break the marker.
    return out.replace("--8&lt;--", "-&#45;8&lt;--")


# The two marks, found on the raw text (as on the escaped text before: the same matches) and
# written as private-use characters while the text between them is typeset, annotated and escaped.
_BALISES = {"\ue000": "<strong>", "\ue001": "</strong>", "\ue002": "<em>", "\ue003": "</em>"}
_ENTRE_BALISES = re.compile("([\ue000-\ue003])")
_PRIVES = re.compile("[\ue000-\ue003]")  # the data's own such characters stay text


def inline(text: str, infobulles: Infobulles | None = None, *, titre: bool = False, lien: bool = False) -> Markup:
    """One paragraph of data text as safe inline HTML: French typography, then escaping, the two
    marks and, given the page's ``infobulles``, its tooltips (``titre``: in a heading; ``lien``:
    inside a link or a button, where nothing may take focus)."""
    text = str(text)
    if "*" not in text:  # most values: one piece, no mark
        text = Suite().typographie(text)
        return Markup(infobulles.html(text, titre=titre, lien=lien) if infobulles else escape(text))
    marked = _EM.sub("\ue002\\1\ue003", _STRONG.sub("\ue000\\1\ue001", _PRIVES.sub("\ufffd", text)))
    suite = Suite()
    out = []
    for piece in _ENTRE_BALISES.split(marked):
        if piece in _BALISES:
            out.append(_BALISES[piece])
        elif piece:
            piece = suite.typographie(piece)
            out.append(infobulles.html(piece, titre=titre, lien=lien) if infobulles else escape(piece))
    return Markup("".join(out))


def plain(text: str) -> str:
    """The text without its ``*``/``**`` marks (for titles, JSON, CSV, search)."""
    return _EM.sub(r"\1", _STRONG.sub(r"\1", str(text)))


def paragraphs(text: str | None) -> list[str]:
    """Split a text into paragraphs (one or more newlines separate them)."""
    if not text:
        return []
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


# ---------------------------------------------------------------------------
# Tooltips: acronyms (every occurrence) and words of the lexicon (first use on a page)
# ---------------------------------------------------------------------------


def _alternatives(forms, flags: int = 0) -> re.Pattern[str] | None:
    if not forms:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


class Lexique:
    """The tooltips the data gives: ``sigles`` (acronym → expansion) and ``mots`` (every form of a
    word of the lexicon, any case → (the word's id, its definition)), their texts typeset."""

    def __init__(self, sigles: dict[str, str], mots: dict[str, tuple[str, str]]) -> None:
        self.sigles = _alternatives(sigles)
        self.sigle_titres = {sigle: typographie(titre) for sigle, titre in sigles.items()}
        self.mots = _alternatives(mots, re.IGNORECASE)
        self.mot_titres = {form.lower(): (ident, typographie(titre)) for form, (ident, titre) in mots.items()}
        self._reperes: Borne[tuple] = Borne(REPERES_MAX)  # caches.py: by the text, as long as these patterns

    def reperes(self, text: str) -> tuple[tuple[int, int, str | None, str | None], ...]:
        """Where ``text``'s acronyms and words of the lexicon are, in order: (start, end, the acronym,
        None) or (start, end, None, the word's form in lower case). A word never spans an acronym."""
        return self._reperes.obtenir(text, lambda: tuple(self._cherche(text)))

    def _cherche(self, text: str):
        last = 0
        for match in self.sigles.finditer(text) if self.sigles else ():
            yield from self._formes(text, last, match.start())
            yield match.start(), match.end(), match.group(0), None
            last = match.end()
        yield from self._formes(text, last, len(text))

    def _formes(self, text: str, start: int, end: int):
        if self.mots is None or start == end:
            return
        for match in self.mots.finditer(text[start:end]):  # the piece alone: nothing before it counts
            yield start + match.start(), start + match.end(), None, match.group(0).lower()


@dataclass(frozen=True)
class Infobulle:
    titre: str  # the tooltip's text
    mot: bool  # a word of the lexicon (class r4f-mot), else an acronym
    focus: bool  # reachable from the keyboard (tabindex="0")

    def attributs(self) -> dict[str, str]:
        """The ``<abbr>``'s attributes, in order, unescaped: one markup for the macros' HTML (``abbr``)
        and the written pages' tree (``referentiel.pages_ecrites``)."""
        out = {"class": "r4f-mot"} if self.mot else {}
        out["title"] = self.titre
        if self.focus:
            out["tabindex"] = "0"
        return out


class Infobulles:
    """The tooltips of one page, whoever writes its text (the macros' templates, the Markdown of
    a written page): every acronym, and each word of the lexicon at its first use outside the
    headings. The first of each on the page takes keyboard focus, so that its tooltip is reachable
    without a mouse; never inside a link or a button (a focusable element inside another is invalid,
    and the link's own focus already reads the title). Text is given in reading order."""

    def __init__(self, lexique: Lexique | None) -> None:
        self.lexique = lexique
        self.sigles_focusables: set[str] = set()
        self.mots_focusables: set[str] = set()
        self.mots_faits: set[str] = set()  # a word of the lexicon gets its tooltip once a page

    def morceaux(self, text: str, *, titre: bool = False, lien: bool = False) -> list[tuple[str, Infobulle | None]]:
        """``text`` cut into its pieces, each with the tooltip it carries, if any: every acronym; a word
        of the lexicon at its first use on the page, never in a heading."""
        lexique = self.lexique
        if lexique is None or not text.strip():
            return [(text, None)]
        out: list[tuple[str, Infobulle | None]] = []
        last = 0
        for start, end, sigle, forme in lexique.reperes(text):
            bulle = self._sigle(sigle, lien) if sigle is not None else None if titre else self._mot(forme, lien)
            if bulle is None:
                continue
            if start > last:
                out.append((text[last:start], None))
            out.append((text[start:end], bulle))
            last = end
        if last < len(text) or not out:
            out.append((text[last:], None))
        return out

    def html(self, text: str, *, titre: bool = False, lien: bool = False) -> str:
        """``text`` escaped, its tooltips as ``<abbr>``."""
        pieces = self.morceaux(text, titre=titre, lien=lien)
        if len(pieces) == 1 and pieces[0][1] is None:
            return escape(pieces[0][0])
        return "".join(escape(piece) if bulle is None else abbr(piece, bulle) for piece, bulle in pieces)

    def _sigle(self, sigle: str, lien: bool) -> Infobulle:
        return Infobulle(self.lexique.sigle_titres[sigle], False, self._focus(sigle, self.sigles_focusables, lien))

    def _mot(self, forme: str, lien: bool) -> Infobulle | None:
        """A word of the lexicon's tooltip, at its first use on the page only."""
        ident, definition = self.lexique.mot_titres[forme]
        if ident in self.mots_faits:
            return None
        self.mots_faits.add(ident)
        return Infobulle(definition, True, self._focus(ident, self.mots_focusables, lien))

    @staticmethod
    def _focus(key: str, done: set[str], lien: bool) -> bool:
        if key in done or lien:
            return False
        done.add(key)
        return True


def abbr(text: str, bulle: Infobulle) -> str:
    attributs = "".join(f' {nom}="{html.escape(valeur, quote=True)}"' for nom, valeur in bulle.attributs().items())
    return f"<abbr{attributs}>{escape(text)}</abbr>"


def redirection_html(href: str, canonical: str, titre: str) -> str:
    """A page kept at an old address: it sends the reader on at once (meta refresh, and the
    fragment kept by a line of script), names the new address for search engines (canonical,
    noindex) and shows a French link for anyone it does not send on."""
    h, c, t = escape(href), escape(canonical), escape(typographie(titre))
    return (
        '<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Page déplacée\u00a0: {t}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{c}">\n'
        f'<meta http-equiv="refresh" content="0; url={h}">\n'
        f"<script>location.replace({json.dumps(href)} + location.search + location.hash)</script>\n"
        "</head>\n<body>\n"
        f'<p>Cette page a changé d\'adresse\u00a0: <a href="{h}">{t}</a>.</p>\n'
        "</body>\n</html>\n"
    )
