"""The written pages (``docs/*.md``): French typography and tooltips on their text, as Markdown
builds it.

A Python-Markdown extension (``markdown_extensions: - referentiel.pages_ecrites``): once
Markdown has built a page's tree, it typesets every text node (``typographie.Suite``, in reading
order) and gives acronyms and words of the lexicon their tooltips (``markup.Infobulles``), the same
functions the macros use for generated values. It never touches an attribute, nor the text of
code, preformatted blocks, keys or scripts, nor raw HTML (Markdown keeps it aside, as written).

The tooltips of a page are one set (a word is explained once a page, the first acronym of each
kind takes focus): the macros, which write a page's generated part before Markdown reads it,
hand theirs over (``PAGE``); without them, the extension reads the glossary and the lexicon from
``donnees`` (the data folder) with the project's loader.

The macros' HTML is raw HTML for Markdown: the macros write it between two marker lines
(``BLOC_DEBUT``, ``BLOC_FIN``) and the extension keeps it aside as it is (Markdown's own
``htmlStash``) rather than have Markdown read it again to find where it ends. MkDocs has read
its ids first (anchor validation), as it reads any raw HTML.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import caches
from .errors import ReferentielInvalide
from .markup import Infobulle, Infobulles, Lexique
from .typographie import Suite, typographie
from .views import glossary_titles, lexicon_titles

# Text never typeset nor annotated; tooltips never inside these either, nor in a heading's lexicon.
_BRUT = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "math"}
_SANS_INFOBULLE = _BRUT | {"abbr", "svg", "title", "button", "select", "option"}
_TITRES = {"h1", "h2", "h3", "h4", "h5", "h6", "dt"}
_INTERACTIFS = {"a", "button", "summary", "label", "select", "textarea"}
# What Markdown holds aside inside text, left as it is: raw HTML and entities (its stash), and
# characters escaped by a backslash (their code).
_RESERVE = re.compile("(\x02[^\x03]*\x03)")
_STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
_ECHAPPE = re.compile("\x02(\\d+)\x03")
_ENTITE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")


# The lines around a macro's HTML (characters escaping never leaves in a value: markup.escape).
BLOC_DEBUT, BLOC_FIN = "\ue020", "\ue021"


class _PageEnCours:
    """The tooltips of the page being built, from its macros to its Markdown. MkDocs (and every
    engine that runs mkdocs-macros) renders a page's macros, then its Markdown, page after page."""

    def __init__(self) -> None:
        self.infobulles: Infobulles | None = None  # what the macros of the page use

    def commencer(self, infobulles: Infobulles) -> None:
        self.infobulles = infobulles

    def prendre(self) -> Infobulles | None:
        """The page's tooltips, for its Markdown, once: a page whose macros did not run starts its own."""
        infobulles, self.infobulles = self.infobulles, None
        return infobulles


PAGE = _PageEnCours()


def lexique(donnees: Path) -> Lexique | None:
    """The glossary's and the lexicon's tooltips, from the data folder (``None`` while the data are
    broken: the build has already stopped, or `make serve` shows the errors instead)."""
    try:
        ref = caches.referentiel(donnees)
    except ReferentielInvalide:
        return None
    # Once per référentiel (its titles typeset, its patterns built: 1.5 ms a page otherwise), and the
    # same for a `make serve` session while the glossary and the lexicon do not change (caches.LEXIQUES).
    return ref.memo(("infobulles",), lambda: _lexique(glossary_titles(ref), lexicon_titles(ref)))


def _lexique(sigles: dict[str, str], mots: dict[str, tuple[str, str]]) -> Lexique:
    cle = (tuple(sigles.items()), tuple(mots.items()))
    return caches.LEXIQUES.obtenir(cle, lambda: Lexique(sigles, mots))


class _Lecture:
    """One walk of a page's tree, in reading order."""

    def __init__(self, infobulles: Infobulles, stash: list[str]) -> None:
        self.infobulles = infobulles
        self.stash = stash
        self.suite = Suite()

    def reserve(self, placeholder: str) -> None:
        """The text before and after what Markdown holds aside reads as one: through an inline tag,
        and an entity or an escaped character read as the character it stands for."""
        stashed, escaped = _STASH.fullmatch(placeholder), _ECHAPPE.fullmatch(placeholder)
        if stashed and int(stashed.group(1)) < len(self.stash):
            raw = str(self.stash[int(stashed.group(1))])
            if _ENTITE.fullmatch(raw):
                self.suite.apres(html.unescape(raw))
        elif escaped:
            self.suite.apres(chr(int(escaped.group(1))))

    def element(self, el: etree.Element, brut: bool, sans: bool, titre: bool, lien: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        brut, sans = brut or tag in _BRUT, sans or tag in _SANS_INFOBULLE
        titre, lien = titre or tag in _TITRES, lien or tag in _INTERACTIFS
        el.text, nodes = self.texte(el.text, brut, sans, titre, lien)
        for i, node in enumerate(nodes):
            el.insert(i, node)
        at = len(nodes)
        for child in list(el)[at:]:
            self.element(child, brut, sans, titre, lien)
            if not brut and child.tag in _BRUT:
                self.suite.mot()  # "<code>id</code> :" — code reads as a word before the colon
            child.tail, nodes = self.texte(child.tail, brut, sans, titre, lien)
            at += 1
            for node in nodes:
                el.insert(at, node)
                at += 1

    def texte(self, text: str | None, brut: bool, sans: bool, titre: bool, lien: bool) -> tuple[str | None, list]:
        """A text slot typeset and annotated: its new text, and the ``<abbr>`` elements (each with
        the text that follows it as its tail) that now follow it."""
        if not text or brut:
            return text, []
        head, nodes = [], []
        for i, piece in enumerate(_RESERVE.split(text)):
            if i % 2:
                self.reserve(piece)
                parts = [(piece, None)]
            else:
                piece = self.suite.typographie(piece)
                parts = [(piece, None)] if sans else self.infobulles.morceaux(piece, titre=titre, lien=lien)
            for part, bulle in parts:
                if bulle is not None:
                    nodes.append(_abbr(part, bulle))
                elif nodes:
                    nodes[-1].tail = (nodes[-1].tail or "") + part
                else:
                    head.append(part)
        return "".join(head), nodes


def _abbr(text: str, bulle: Infobulle) -> etree.Element:
    node = etree.Element("abbr", bulle.attributs())
    node.text = text
    return node


class _BlocsGeneres(Preprocessor):
    """Each macro's HTML, between its marker lines, kept aside as one raw HTML block."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        bloc: list[str] | None = None
        for line in lines:
            if line == BLOC_DEBUT:
                bloc = []
            elif line == BLOC_FIN and bloc is not None:
                out += ["", self.md.htmlStash.store("\n".join(bloc)), ""]
                bloc = None
            elif bloc is not None:
                bloc.append(line)
            else:
                out.append(line)
        return out if bloc is None else out + [BLOC_DEBUT, *bloc]


class _Typographe(Treeprocessor):
    def __init__(self, md, donnees: str) -> None:
        super().__init__(md)
        self.donnees = donnees

    def run(self, root: etree.Element) -> None:
        infobulles = PAGE.prendre() or Infobulles(lexique(Path(self.donnees)) if self.donnees else None)
        _Lecture(infobulles, self.md.htmlStash.rawHtmlBlocks).element(root, False, False, False, False)


class _TableDesMatieres(Treeprocessor):
    """The table of contents' titles typeset again: the toc extension reads each heading's text with
    its spaces collapsed, no-break ones included."""

    def run(self, root: etree.Element) -> None:
        todo = list(getattr(self.md, "toc_tokens", []))
        while todo:
            token = todo.pop()
            token["name"] = typographie(token["name"])
            todo.extend(token.get("children", []))


class PagesEcrites(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"donnees": ["", "the data folder (glossary and lexicon); empty: typography only"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # After attr_list (8), so that "{: … }" is read first; before toc (5), so that the table
        # of contents and the page's title (MkDocs reads the first h1 later) are typeset.
        md.treeprocessors.register(_Typographe(md, str(self.getConfig("donnees"))), "r4f_typographie", 7)
        md.treeprocessors.register(_TableDesMatieres(md), "r4f_table_des_matieres", 4)
        # After MkDocs reads the raw HTML's ids (21), before Markdown looks for raw HTML blocks (20).
        md.preprocessors.register(_BlocsGeneres(md), "r4f_blocs_generes", 20.5)


def makeExtension(**kwargs) -> PagesEcrites:  # noqa: N802 - Python-Markdown's entry point
    return PagesEcrites(**kwargs)
