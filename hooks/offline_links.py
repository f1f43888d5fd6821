"""Offline pack: links written by the templates end in ``.html`` under ``file://``.

The templates print root-relative routes in directory form (``acteurs/elu/#x``,
``matrice/?projection#agent-etat``). Material's offline plugin turns directory
URLs off, so MkDocs writes ``acteurs/elu.html``: a directory link opened from
disk would show a folder listing. When directory URLs are off (the offline
build, ``mkdocs-offline.yml``), this hook rewrites every such link of a page's
content to the page's file, keeping its query and anchor. The normal build is
untouched.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.plugins import event_priority

from referentiel.views.routes import route_de_page

_HREF = re.compile(r'href="([^"#?:]*)((?:\?[^"#]*)?)((?:#[^"]*)?)"')


@event_priority(-100)  # after the macros have written the page's HTML
def on_page_content(html: str, page, config, files) -> str:
    if config.use_directory_urls:
        return html
    targets = {route_de_page(f.src_uri): f.url for f in files.documentation_pages()}
    here = posixpath.dirname(page.file.url)

    def rewrite(match: re.Match) -> str:
        path, query, anchor = match.groups()
        if not (path.endswith("/") or (path == "" and query)) :
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(here, path or "./"))
        key = "" if resolved == "." else resolved.rstrip("/") + "/"
        target = targets.get(key)
        if target is None:
            return match.group(0)
        relative = posixpath.relpath(target, here or ".")
        return f'href="{relative}{query}{anchor}"'

    return _HREF.sub(rewrite, html)
