"""Data is text, never code: how a data value becomes safe HTML.

Every value is HTML-escaped first. Then, and only then, the two marks the
publication uses (``*italique*`` and ``**gras**``) become ``<em>``/``<strong>``.
Characters that another layer could still interpret — Jinja's ``{``/``}``,
Markdown's snippet marker ``--8<--`` at the start of a line — are turned
into entities, so that the text stays text whatever reads it next.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

from .typographie import BALISES, typographie

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
_NEUTRALISE = str.maketrans({"{": "&#123;", "}": "&#125;", "`": "&#96;", "[": "&#91;", "]": "&#93;"})


def escape(text: str, *, quote: bool = True) -> str:
    """HTML-escape ``text`` and neutralise characters other layers interpret.

    ``quote=False`` leaves apostrophes and double quotes as they are: for a page title,
    which Material escapes again where it puts one in an attribute (« l'État » would
    otherwise be read « l&#x27;État » in the footer's labels).
    """
    out = html.escape(str(text), quote=quote)
    out = out.translate(_NEUTRALISE)
    # A snippet include is "--8<--" at the start of a line; break the marker.
    return out.replace("--8&lt;--", "-&#45;8&lt;--")


def inline(text: str) -> Markup:
    """One paragraph of data text as safe inline HTML."""
    out = escape(text)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    out = _EM.sub(r"<em>\1</em>", out)
    return Markup(out)


def plain(text: str) -> str:
    """The text without its ``*``/``**`` marks (for titles, JSON, CSV, search)."""
    return _EM.sub(r"\1", _STRONG.sub(r"\1", str(text)))


def paragraphs(text: str | None) -> list[str]:
    """Split a text into paragraphs (one or more newlines separate them)."""
    if not text:
        return []
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


# ---------------------------------------------------------------------------
# Acronyms: wrap every occurrence in <abbr title="…"> inside rendered HTML.
# ---------------------------------------------------------------------------

_SKIP = {"abbr", "code", "pre", "script", "style", "textarea", "title", "svg", "kbd", "head", "button", "select", "option"}
_INTERACTIVE = {"a", "button", "summary", "label", "select", "textarea"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "dt"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# A page's HTML read as a flat run of tags and text (typographie.BALISES), three times faster
# than HTMLParser.
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
_ENTITY = re.compile(r"&(?:#[xX]?[0-9a-fA-F]+|\w+);")
# Elements whose content is text up to their end tag, whatever it holds.
_RAW_TEXT = {name: re.compile(rf"</{name}", re.I) for name in ("script", "style", "textarea", "title")}


class _Annotator:
    """One reading of a page's HTML for both kinds of tooltip: acronyms (every occurrence) and
    words of the lexicon (first use outside headings). The same result as giving acronyms their
    ``<abbr>`` first, then the lexicon the text left between them: a lexicon word never spans an
    acronym, and nothing inside an ``<abbr>`` is annotated again. Entities split text as an
    HTML parser would (no word is matched across ``&#x27;``)."""

    def __init__(self, sigles: re.Pattern[str] | None, sigle_titles: dict[str, str],
                 mots: re.Pattern[str] | None, mot_titles: dict[str, tuple[str, str]]) -> None:
        self.sigles, self.sigle_titles = sigles, sigle_titles
        self.mots = mots
        self.mot_titles = {form.lower(): value for form, value in mot_titles.items()}
        self.out: list[str] = []
        self.skip_depth = 0
        self.headings = 0  # open headings (no lexicon tooltip there)
        self.interactive = 0  # open links, buttons… (nothing focusable inside)
        self.stack: list[str] = []
        self.sigles_focusables: set[str] = set()  # first acronym of each kind on the page: focusable
        self.mots_focusables: set[str] = set()
        self.mots_faits: set[str] = set()  # a word of the lexicon gets its tooltip once a page

    def feed(self, page: str) -> None:
        out, last = self.out, 0
        while True:
            m = BALISES.search(page, last)
            if m is None:
                break
            if m.start() > last:
                self.text(page[last:m.start()])
            tag = m.group(0)
            out.append(tag)
            last = m.end()
            name = _TAG_NAME.match(tag)
            if name is None:  # a comment, a doctype
                continue
            tag_name = name.group(2).lower()
            if name.group(1):
                self.end(tag_name)
            elif tag_name in _RAW_TEXT:  # verbatim up to its end tag
                found = _RAW_TEXT[tag_name].search(page, last)
                close = found.start() if found else len(page)
                out.append(page[last:close])
                last = close
            elif tag_name not in _VOID and not tag.endswith("/>"):
                self.stack.append(tag_name)
                self.skip_depth += tag_name in _SKIP
                self.headings += tag_name in _HEADINGS
                self.interactive += tag_name in _INTERACTIVE
        if last < len(page):
            self.text(page[last:])

    def end(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack:
                top = self.stack.pop()
                self.skip_depth -= top in _SKIP
                self.headings -= top in _HEADINGS
                self.interactive -= top in _INTERACTIVE
                if top == tag:
                    break

    def text(self, data: str) -> None:
        if self.skip_depth or "&" not in data:
            self.data(data)
            return
        last = 0
        for m in _ENTITY.finditer(data):
            self.data(data[last:m.start()])
            self.out.append(m.group(0))
            last = m.end()
        self.data(data[last:])

    def data(self, data):
        if self.skip_depth or not data.strip():
            self.out.append(data)
            return
        if self.sigles is None:
            self.out.append(self._mots(data))
            return
        last = 0
        for match in self.sigles.finditer(data):
            self.out.append(self._mots(data[last:match.start()]))
            self.out.append(self._sigle(match.group(0)))
            last = match.end()
        self.out.append(self._mots(data[last:]))

    def _mots(self, text: str) -> str:
        if self.mots is None or not text or self.headings:
            return text
        return self.mots.sub(self._mot, text)

    def _focus(self, key: str, done: set[str]) -> str:
        """The first occurrence on the page can take keyboard focus, so that its tooltip is
        reachable without a mouse; the others stay out of the tab order. Never inside a link
        or a button: a focusable element inside another is invalid, and the link's own focus
        already reads the tooltip's title."""
        if key in done or self.interactive:
            return ""
        done.add(key)
        return ' tabindex="0"'

    def _sigle(self, sigle: str) -> str:
        title = html.escape(self.sigle_titles[sigle], quote=True)
        return f'<abbr title="{title}"{self._focus(sigle, self.sigles_focusables)}>{sigle}</abbr>'

    def _mot(self, match: re.Match[str]) -> str:
        text = match.group(0)
        ident, title = self.mot_titles[text.lower()]
        if ident in self.mots_faits:
            return text
        self.mots_faits.add(ident)
        focus = self._focus(ident, self.mots_focusables)
        return f'<abbr class="r4f-mot" title="{html.escape(title, quote=True)}"{focus}>{text}</abbr>'

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):  # pragma: no cover - no processing instructions in pages
        self.out.append(f"<?{data}>")


def _alternatives(forms, flags: int = 0) -> re.Pattern[str] | None:
    if not forms:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


def annotate(html_text: str, sigles: dict[str, str], mots: dict[str, tuple[str, str]]) -> str:
    """Acronym tooltips (``sigles``: sigle → expansion, every occurrence in text nodes) and lexicon
    tooltips (``mots``: form → (id, definition), any case, first use outside headings), in one reading."""
    if not sigles and not mots:
        return html_text
    parser = _Annotator(_alternatives(sigles), sigles, _alternatives(mots, re.IGNORECASE), mots)
    parser.feed(html_text)
    return "".join(parser.out)


def abbreviate(html_text: str, titles: dict[str, str]) -> str:
    """Wrap each acronym of ``titles`` (sigle → expansion) found in text nodes."""
    return annotate(html_text, titles, {})


def annotate_lexicon(html_text: str, titles: dict[str, tuple[str, str]]) -> str:
    """Give each word of the lexicon (any of its forms, any case) a tooltip at its first use."""
    return annotate(html_text, {}, titles)


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
