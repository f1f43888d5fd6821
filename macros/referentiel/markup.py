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
from html.parser import HTMLParser

from markupsafe import Markup

from .typographie import typographie

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


class _Abbreviator(HTMLParser):
    def __init__(self, pattern: re.Pattern[str], titles: dict[str, str]) -> None:
        super().__init__(convert_charrefs=False)
        self.pattern = pattern
        self.titles = titles
        self.out: list[str] = []
        self.skip_depth = 0
        self.stack: list[str] = []
        self.focusable_done: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag in _SKIP:
            self.skip_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in self.stack:
            while self.stack:
                top = self.stack.pop()
                if top in _SKIP:
                    self.skip_depth -= 1
                if top == tag:
                    break

    def handle_data(self, data):
        if self.skip_depth or not data.strip():
            self.out.append(data)
            return
        self.out.append(self.pattern.sub(self._wrap, data))

    def _focus(self, key: str) -> str:
        """The first occurrence on the page can take keyboard focus, so that its tooltip is
        reachable without a mouse; the others stay out of the tab order. Never inside a link
        or a button: a focusable element inside another is invalid, and the link's own focus
        already reads the tooltip's title."""
        if key in self.focusable_done or self.inside_interactive():
            return ""
        self.focusable_done.add(key)
        return ' tabindex="0"'

    def inside_interactive(self) -> bool:
        return any(tag in _INTERACTIVE for tag in self.stack)

    def _wrap(self, match: re.Match[str]) -> str:
        sigle = match.group(0)
        title = html.escape(self.titles[sigle], quote=True)
        return f'<abbr title="{title}"{self._focus(sigle)}>{sigle}</abbr>'

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


class _Lexicon(_Abbreviator):
    """A word of the lexicon gets its tooltip once a page, at its first use outside headings."""

    def __init__(self, pattern, titles: dict[str, tuple[str, str]]) -> None:
        super().__init__(pattern, {})
        self.words = {form.lower(): value for form, value in titles.items()}
        self.done: set[str] = set()

    def handle_data(self, data):
        if any(tag in _HEADINGS for tag in self.stack):
            self.out.append(data)
            return
        super().handle_data(data)

    def _wrap(self, match: re.Match[str]) -> str:
        text = match.group(0)
        ident, title = self.words[text.lower()]
        if ident in self.done:
            return text
        self.done.add(ident)
        return f'<abbr class="r4f-mot" title="{html.escape(title, quote=True)}"{self._focus(ident)}>{text}</abbr>'


def abbreviate(html_text: str, titles: dict[str, str]) -> str:
    """Wrap each acronym of ``titles`` (sigle → expansion) found in text nodes."""
    if not titles:
        return html_text
    alternatives = "|".join(re.escape(s) for s in sorted(titles, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    parser = _Abbreviator(pattern, titles)
    parser.feed(html_text)
    parser.close()
    return "".join(parser.out)


def annotate_lexicon(html_text: str, titles: dict[str, tuple[str, str]]) -> str:
    """Give each word of the lexicon (any of its forms, any case) a tooltip at its first use."""
    if not titles:
        return html_text
    alternatives = "|".join(re.escape(s) for s in sorted(titles, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    parser = _Lexicon(pattern, titles)
    parser.feed(html_text)
    parser.close()
    return "".join(parser.out)


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
