"""Search that forgives missing accents and apostrophes, with clean, single results.

Material's search (lunr, in a web worker) neither folds diacritics nor splits
French elisions, and its index repeats every statement on every page that
shows it. This hook, after the build:

* rebuilds ``search/search_index.json`` from the built pages: each statement
  once, at its canonical place (its actor's page, or its shared page), titled
  and prefixed with its kind and actor ("Attente · Agents des collectivités →
  État"); pages that only regroup statements (matrix, pairs, fiches…) are
  indexed by their title only; helper text (copy buttons, visually-hidden
  labels, permalinks, sources) and code samples are left out; actor pages and
  glossary entries carry a boost so that a name or an acronym finds them first;
* writes a small worker, ``assets/javascripts/workers/recherche.js``, that
  loads Material's own worker at its first message (the index, sent only when
  the reader searches: a first visit does not download the search engine)
  and folds (é → e, ’ → ', œ → oe) every indexed
  token and every query the same way, so "elu", "élu", "l’élu" and "l'elu"
  give the same results while results still show the accented text;
* points Material's configuration (``__config.search``) at that worker.

Everything stays on the site's origin and works without a network.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from referentiel.errors import ReferentielInvalide
from referentiel.memo import Memo
from referentiel.typographie import BALISES
from referentiel.validate import cached_load

from referentiel.views import KINDS

WORKER = "assets/javascripts/workers/recherche.js"

# Pages that only regroup statements shown in full elsewhere: indexed by title only.
TITLE_ONLY = re.compile(r"^(?:|acteurs/|matrice/.*|mur-des-messages/|face-a-face/.*|fiches/.*|donnees/)$")
# Pages made to be printed (the print kit): nobody searches for them.
NOT_INDEXED = re.compile(r"^imprimer/")
# Boosts: an actor's name finds its page first, an acronym its glossary entry.
ACTOR_PAGE_BOOST = 2  # integers: "2" is shorter than "2.0" in an index read on every page
GLOSSARY_BOOST = 3
# Characters of a document's text shown in a result (and downloaded); the rest is matched only.
SNIPPET = 110
# Hidden words are cut to this length; the worker cuts query words the same way, and a
# query word matches every indexed word it starts ("cooperati" finds "coopération").
WORD_MAX = 8
# Sections that repeat statements indexed at their own place (ids of their headings).
REPEATS = {"attentes-par-acteur-titre", "messages-recus"}

# Elements whose text is never matched nor shown.
SKIP_CLASSES = {
    "md-visually-hidden", "r4f-copier", "r4f-contribuer", "r4f-propositions", "headerlink", "r4f-source", "r4f-alias", "r4f-pied",
    "r4f-envers", "r4f-synthese", "r4f-derive", "r4f-de-a", "r4f-sommaire", "md-source-file",
    # projection's copies (the one-screen matrix's cells, messages in full on a face-à-face) and the room's lists
    "r4f-une-page", "r4f-si-projection", "r4f-qr-zone", "r4f-projeter-zone", "r4f-liens-projection", "r4f-lecons", "r4f-kit", "r4f-touches",
    # the editors' marks and notes are not the authors' text: never matched nor shown as it
    "r4f-editorial", "r4f-editorial-court", "r4f-corrections", "r4f-note-editoriale",
    "r4f-source-mot",  # a lexicon word's source: its definition is what search shows
}
SKIP_TAGS = {"script", "style", "code", "pre", "kbd", "samp", "svg", "button", "nav", "figcaption", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figure", "article", "aside"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
STATEMENT_CLASSES = {"r4f-enonce", "r4f-bulle", "r4f-encadre"}

# Folding, the same as in the worker below: lower case, no diacritics, one apostrophe.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """What search compares: "L’Élu" and "l'elu" fold to the same string."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# ---------------------------------------------------------------------------
# A minimal DOM of the page's article, enough to walk headings and statements
# ---------------------------------------------------------------------------


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None"):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


# The article read as a flat run of tags and text: it is our own HTML (templates, Markdown,
# Material's article), attributes escaped, so no ">" inside a tag. Tag and attribute names as
# an HTML parser reads them (lower case), values and text with their entities decoded; script
# and style content kept as it is; comments and declarations dropped.
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)")
_ATTR = re.compile(r"""([^\s/>"'=][^\s/>=]*)(?:\s*=+\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_RAW = {name: re.compile(rf"</{name}", re.I) for name in ("script", "style")}


def _attrs(tag: str, name_end: int) -> dict[str, str]:
    out = {}
    for m in _ATTR.finditer(tag, name_end, len(tag) - 1):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        out[m.group(1).lower()] = html.unescape(value) if value and "&" in value else value or ""
    return out


def _article_of(page_html: str) -> Node | None:
    """A tree of the page's ``<article class="md-content__inner">`` (Material's one article, which
    ends at the page's last ``</article>``: statements may be articles of their own inside it)."""
    start = page_html.find('<article class="md-content__inner')
    end = page_html.rfind("</article>")
    if not 0 <= start < end:
        return None
    text = page_html[start:end + len("</article>")]
    root: Node | None = None
    current: Node | None = None
    last = 0
    for m in BALISES.finditer(text):
        if current is not None and m.start() > last:
            chunk = text[last:m.start()]
            current.children.append(html.unescape(chunk) if "&" in chunk else chunk)
        last = m.end()
        tag = m.group(0)
        name = _TAG_NAME.match(tag)
        if name is None or current is None and name.group(2).lower() != "article":
            continue  # a comment, a declaration; or outside the article
        tag_name = name.group(2).lower()
        if name.group(1):  # an end tag: close up to the element it ends
            node = current
            while node is not None and node.tag != tag_name:
                node = node.parent
            if node is not None:
                current = node.parent
                if current is None:
                    break
            continue
        attrs = _attrs(tag, name.end())
        if current is None:
            if "md-content__inner" in attrs.get("class", ""):
                root = current = Node(tag_name, attrs, None)
            continue
        node = Node(tag_name, attrs, current)
        current.children.append(node)
        if tag.endswith("/>") or tag_name in VOID:
            continue
        current = node
        if tag_name in _RAW:  # its content is text up to its end tag
            found = _RAW[tag_name].search(text, last)
            close = found.start() if found else len(text)
            if close > last:
                node.children.append(text[last:close])
            last = close
    return root


# Unchanged pages are not read again when `make serve` rebuilds (referentiel.memo).
article_of = Memo(_article_of)


def _skipped(node: Node) -> bool:
    return node.tag in SKIP_TAGS or bool(node.classes & SKIP_CLASSES) or node.attrs.get("aria-hidden") == "true"


def text_of(node: Node | str) -> str:
    """The readable text of a node: helper text, code and sources left out; blocks separated."""
    if isinstance(node, str):
        return node
    if _skipped(node):
        return ""
    inner = "".join(text_of(child) for child in node.children)
    return f" {inner} " if node.tag in BLOCKS else inner


def _squash(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# Building the documents
# ---------------------------------------------------------------------------


class _Labels:
    """Kind and actor of each statement, from the référentiel itself."""

    def __init__(self, ref):
        self.ref = ref
        self.courts = {a.id: a.libelles.court for a in ref.acteurs}
        self.actor_pages = {f"acteurs/{a.id}/": a.libelles.pluriel for a in ref.acteurs}

    def meta(self, ident: str) -> str | None:
        entry = self.ref.index.get(ident)
        if entry is None:
            return None
        label = KINDS[entry.kind].libelle
        if entry.acteur is None:
            return label
        who = self.courts[entry.acteur]
        if entry.destinataire:
            return f"{label} · {who} → {self.courts.get(entry.destinataire, entry.destinataire)}"
        envers = entry.envers
        if envers:
            if "tous" in envers:
                return f"{label} · {who} → tous"
            targets = ", ".join(self.courts.get(t, t) for t in envers)
            return f"{label} · {who} → {targets}"
        return f"{label} · {who}"


# Words too common to be worth matching in the hidden word list (folded).
_STOPWORDS = set(
    "les des une aux par pour sur dans avec sans sont est ont qui que quoi dont leur leurs nous vous ils elles "
    "mais plus moins tres tout tous toute toutes cette ces ses son sa mes nos vos elle lui entre aussi comme "
    "etre avoir fait faire peut peuvent etc ainsi alors donc encore deja bien meme autre autres chaque "
    "cela ceux celle celles celui car ici non oui pas peu ont etait sera notre votre avant apres lors sous vers "
    "chez quand comment pourquoi cet ceci parfois souvent toujours jamais rien trop beaucoup plusieurs certains "
    "certaines autant selon afin enfin puis aux ses sont nos leur elles soit sans aussi fois tant dire doit "
    "doivent pourrait pourraient permet permettent".split()
)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


def _has_longer(word: str, ordered: list[str]) -> bool:
    """Whether a word of ``ordered`` (sorted) starts with ``word`` and is longer."""
    from bisect import bisect_right

    i = bisect_right(ordered, word)
    return i < len(ordered) and ordered[i].startswith(word)


def _doc(location: str, title: str, text: str, boost: float | None = None) -> dict:
    """One search document. Only the first SNIPPET characters of the text are shown
    (and sent); the rest is matched through ``mots``, its other words once each."""
    text = _squash(text)
    doc = {"location": location, "title": html.escape(_squash(title), quote=False)}
    if len(text) > SNIPPET:
        shown = text[:SNIPPET].rsplit(" ", 1)[0]
        seen = set(_words(shown)) | set(_words(title))
        rest = []
        for word in _words(text[len(shown) :]):
            word = word[:WORD_MAX]
            if word not in seen and len(word) > 2 and word not in _STOPWORDS:
                seen.add(word)
                rest.append(word)
        # Queries match word prefixes: a word that starts another one is found through it.
        longer = sorted(seen | set(rest))
        rest = [w for w in rest if not _has_longer(w, longer)]
        doc["text"] = html.escape(shown, quote=False) + " …"
        if rest:
            doc["mots"] = " ".join(rest)
    else:
        doc["text"] = html.escape(text, quote=False)
    if boost:
        doc["boost"] = boost
    return doc


def page_docs(path: str, title: str, article: Node, labels: _Labels) -> list[dict]:
    """The search documents of one page: its sections, and each statement on its own."""
    boost = ACTOR_PAGE_BOOST if path in labels.actor_pages else None
    if TITLE_ONLY.match(path):
        return [_doc(path, title, "", boost)]

    docs = [_doc(path, title, "", boost)]
    current = docs[0]
    parts: list[str] = []

    def flush():
        if parts:
            current.update(_doc(current["location"], html.unescape(current["title"]), " ".join(parts)))
            parts.clear()

    def walk(node: Node | str):
        nonlocal current
        if isinstance(node, str):
            parts.append(node)
            return
        if _skipped(node):
            return
        ident = node.attrs.get("id")
        if ident and node.classes & STATEMENT_CLASSES:
            heading = next((c for c in node.children if isinstance(c, Node) and c.tag in HEADINGS), None)
            meta = labels.meta(ident)
            body = "".join(text_of(c) for c in node.children if c is not heading)
            if heading is not None:
                docs.append(_doc(f"{path}#{ident}", text_of(heading), f"{meta} — {body}" if meta and body else meta or body))
            else:  # a message or a quote: its kind and actors are its title
                docs.append(_doc(f"{path}#{ident}", meta or title, body))
            return
        if node.tag == "dl" and path == "glossaire/":  # one entry per acronym, boosted
            term = None
            for child in node.children:
                if isinstance(child, Node) and child.tag == "dt":
                    term = child
                elif isinstance(child, Node) and child.tag == "dd" and term is not None:
                    location = f"{path}#{term.attrs['id']}" if term.attrs.get("id") else path
                    docs.append(_doc(location, text_of(term), text_of(child), GLOSSARY_BOOST))
            return
        if node.tag in HEADINGS and ident:
            flush()
            current = _doc(f"{path}#{ident}", text_of(node), "")
            if ident not in REPEATS:
                docs.append(current)
            return
        text = text_of(node) if not any(isinstance(c, Node) for c in node.children) else None
        if text is not None:
            parts.append(text)
            return
        if node.tag in BLOCKS:
            parts.append(" ")
        for child in node.children:
            walk(child)
        if node.tag in BLOCKS:
            parts.append(" ")

    for child in article.children:
        walk(child)
    flush()
    # A heading whose section held only statements adds nothing: keep it only with text.
    return [d for i, d in enumerate(docs) if i == 0 or d["text"] or "#" in d["location"] and _is_statement(d, labels)]


def _is_statement(doc: dict, labels: _Labels) -> bool:
    return doc["location"].split("#", 1)[1] in labels.ref.index


# ---------------------------------------------------------------------------
# The worker that folds tokens and queries
# ---------------------------------------------------------------------------

WORKER_JS = """/* Search worker: Material's own, with accents and apostrophes folded.
   Generated by hooks/search.py; same origin, no network. */
(function () {
  "use strict";
  var ELISION = /(^|[\\s"(«])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=[a-z0-9])/g;
  function fold(text) {
    return String(text)
      .replace(/[œŒ]/g, "oe").replace(/[æÆ]/g, "ae").replace(/[’ʼ]/g, "'")
      .normalize("NFD").replace(/[\\u0300-\\u036f]/g, "")
      .toLowerCase();
  }
  self.__r4fFold = fold;
  /* Queries arrive as messages: fold them before Material's worker reads them. */
  /* Little words that every page holds: dropped from a query that has other words,
     so that they neither rank results nor show as "not found". */
  var LITTLE = { le: 1, la: 1, les: 1, de: 1, des: 1, du: 1, un: 1, une: 1, et: 1, ou: 1, a: 1, au: 1,
    aux: 1, en: 1, pour: 1, par: 1, sur: 1, dans: 1, ce: 1, ces: 1, se: 1, sa: 1, son: 1, ses: 1,
    qui: 1, que: 1, est: 1, sont: 1 };
  function query(text) {
    var words = fold(text).replace(ELISION, "$1").split(/\\s+/).map(function (w) {
      return /^[a-z0-9]+$/.test(w) ? w.slice(0, %(word_max)d) : w;
    });
    var kept = words.filter(function (w) { return w && !LITTLE[w]; });
    return (kept.length ? kept : words).join(" ");
  }
  self.__r4fQuery = query;
  /* Material's worker sits beside this one. Under file:// the offline pack runs workers in an
     iframe (iframe-worker), where relative URLs resolve against the page: resolve against this
     script instead. */
  var here = self.document && self.document.currentScript ? self.document.currentScript.src : self.location.href;
  /* Every token, indexed or searched, goes through lunr's pipelines: fold it first,
     and drop the elided articles (l', d', qu'…) that the separator leaves alone. */
  var ELIDED = { l: 1, d: 1, j: 1, m: 1, n: 1, s: 1, t: 1, c: 1, qu: 1 };
  function patch() {
    var run = self.lunr.Pipeline.prototype.run;
    self.lunr.Pipeline.prototype.run = function (tokens) {
      var kept = [];
      for (var i = 0; i < tokens.length; i++) {
        tokens[i].update(fold);
        if (!ELIDED[tokens[i].toString()]) kept.push(tokens[i]);
      }
      return run.call(this, kept);
    };
  }
  /* Material's worker (39 KB) is imported at the first message, not when the page opens: the
     first message is the index, sent only when the reader searches (overrides/main.html). That
     message is then handed again to Material's listener, added during this one's turn. A real
     worker imports at once; iframe-worker returns a promise. */
  var imported = false;
  self.addEventListener("message", function (event) {
    if (event.r4fAgain) return;
    var message = event.data;
    if (message && typeof message.data === "string") {
      message.data = query(message.data);
    }
    if (imported) return;
    imported = true;
    event.stopImmediatePropagation();
    function again() {
      var copy = new MessageEvent("message", { data: message });
      copy.r4fAgain = true;
      self.dispatchEvent(copy);
    }
    var loaded = importScripts(new URL(%(worker)s, here).href);
    if (loaded && typeof loaded.then === "function") { loaded.then(function () { patch(); again(); }); }
    else { patch(); again(); }
  });
})();
"""


def _material_worker(site_dir: Path) -> str:
    found = sorted((site_dir / "assets/javascripts/workers").glob("search.*.min.js"))
    if len(found) != 1:
        raise PluginError(f"recherche : worker de Material introuvable ou ambigu ({found})")
    return found[0].name


_CONFIG_SEARCH = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(")')


def on_post_page(output: str, page, config) -> str:
    """Point Material at the folding worker (same folder, so its relative paths still hold)."""
    return _CONFIG_SEARCH.sub(lambda m: f"{m.group(1)}{m.group(2)}{WORKER}{m.group(3)}", output, count=1)


def on_post_template(output: str, template_name: str, config) -> str:
    """The same for pages built from theme templates alone (404.html)."""
    return on_post_page(output, None, config)


# The pages to index, in build order: (location, title). Material's search plugin would
# parse every page to index its sections, which this hook then replaces: it is told to
# skip them (its cost grew with the référentiel: 4 s of a 100× build), and this hook
# reads only the pages that are not indexed by their title alone.
_PAGES: list[tuple[str, str]] = []
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_PERMALINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _title(page) -> str:
    """The page's title as Material's index gives it: its first h1, or its title."""
    found = _H1.search(page.content or "")
    if found:
        return " ".join(html.unescape(_TAG.sub("", _PERMALINK.sub("", found.group(1)))).split())
    return html.unescape(str(page.meta.get("title", page.title)))


def on_pre_build(config) -> None:
    _PAGES.clear()


@event_priority(100)  # before Material's search plugin, so that it skips the page
def on_page_context(context, page, config, nav):
    search = dict(page.meta.get("search") or {})
    if not search.get("exclude"):
        _PAGES.append((page.url, _title(page)))
        page.meta["search"] = {**search, "exclude": True}
    return context


def on_post_build(config) -> None:
    site_dir = Path(config.site_dir)
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists() or config.extra.get("r4f_erreurs"):  # serving broken data: no index
        return
    try:
        ref = cached_load(Path(config.config_file_path).resolve().parent / "data")
    except ReferentielInvalide as exc:  # pragma: no cover - on_config already stopped the build
        raise PluginError(exc.rapport()) from None
    labels = _Labels(ref)
    index = json.loads(index_path.read_text(encoding="utf-8"))
    docs: list[dict] = []
    for path, title in _PAGES:
        if NOT_INDEXED.match(path):
            continue
        if TITLE_ONLY.match(path):  # found by its title only: no need to read the page
            docs += page_docs(path, title, Node("article", {}, None), labels)
            continue
        built = site_dir / path / "index.html" if path.endswith("/") or not path else site_dir / path
        article = article_of(built.read_text(encoding="utf-8")) if built.is_file() else None
        docs += page_docs(path, title, article, labels) if article is not None else [_doc(path, title, "")]
    index["docs"] = docs
    index["config"]["fields"]["mots"] = {"boost": 1.0}
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    worker = json.dumps(_material_worker(site_dir))
    (site_dir / WORKER).write_text(WORKER_JS % {"worker": worker, "word_max": WORD_MAX}, encoding="utf-8")
