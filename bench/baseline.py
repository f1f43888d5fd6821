"""The baseline: a plain Material site with the same pages and the same text.

For every page of our build, the text of the article (headings, paragraphs,
list items, table cells) is written back as plain Markdown at the same path,
and a mkdocs.yml keeps our nav, theme features, search settings and Markdown
extensions, without macros, hooks, overrides or our CSS/JS. What remains of the
difference is the cost of our machinery.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

BLOCKS = {"p", "li", "td", "th", "dt", "dd", "figcaption", "summary", "blockquote", "caption"}
HEADINGS = {f"h{n}" for n in range(1, 7)}
SKIPPED = {"script", "style", "svg", "button"}
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}])")


class _ArticleText(HTMLParser):
    """Block texts of the page's article, as Markdown lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside the article
        self.skip = 0
        self.stack: list[tuple[str, list[str]]] = []
        self.lines: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "article" and "md-content__inner" in classes:
            self.depth = 1
            return
        if not self.depth:
            return
        if tag == "article":
            self.depth += 1
        if tag in SKIPPED or (tag == "a" and "headerlink" in classes):
            self.skip += 1
        elif tag in BLOCKS or tag in HEADINGS:
            self.stack.append((tag, []))

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        elif tag in SKIPPED or (tag == "a" and self.skip):
            self.skip = max(0, self.skip - 1)
        elif self.stack and self.stack[-1][0] == tag:
            _, parts = self.stack.pop()
            text = " ".join("".join(parts).split())
            if text:
                text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
                prefix = "#" * int(tag[1]) + " " if tag in HEADINGS else ("- " if tag == "li" else "")
                self.lines.append(prefix + text)

    def handle_data(self, data):
        if self.depth and not self.skip and self.stack:
            self.stack[-1][1].append(data)


def article_markdown(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    return "\n\n".join(parser.lines) + "\n"


def nav_pages(nav) -> list[str]:
    pages: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages.extend(nav_pages(value) if isinstance(value, list) else [value])
    return pages


_LOC = re.compile(r"<loc>([^<]*)</loc>")


def site_pages(site: Path, nav: list[str], site_url: str) -> list[str]:
    """Every page of our site, as a docs path: the navigation's, then those reached only by links
    (an actor's or a cell's pages beyond a threshold, the print pages), read from its sitemap:
    the baseline has the same pages, not only those of the menus."""
    known = {html_path(site, page) for page in nav}
    pages = list(nav)
    for loc in _LOC.findall((site / "sitemap.xml").read_text(encoding="utf-8")):
        url = loc.removeprefix(site_url)
        page = f"{url.rstrip('/')}.md" if url else "index.md"
        if html_path(site, page) not in known:
            known.add(html_path(site, page))
            pages.append(page)
    return pages


def html_path(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / stem.removesuffix("index") / "index.html"
    return site / stem / "index.html"


def write_baseline(project: Path, our_site: Path, dest: Path) -> Path:
    """A plain Material project at ``dest`` mirroring ``our_site`` (built from ``project``)."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch", "extra_css", "extra_javascript", "validation"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    plugins = config["plugins"]  # a mapping in mkdocs.yml (a list is allowed too)
    if isinstance(plugins, dict):
        config["plugins"] = {name: options for name, options in plugins.items() if name != "macros"}
    else:
        config["plugins"] = [p for p in plugins if "macros" not in (p if isinstance(p, dict) else {p: None})]
    # Our own Markdown extension (referentiel.pages_ecrites) is our work, not Material's.
    config["markdown_extensions"] = [e for e in config["markdown_extensions"]
                                     if not str(next(iter(e)) if isinstance(e, dict) else e).startswith("referentiel.")]
    docs = dest / "docs"
    for page in site_pages(our_site, nav_pages(config["nav"]), config["site_url"]):
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article_markdown(html_path(our_site, page).read_text(encoding="utf-8")), encoding="utf-8")
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest
