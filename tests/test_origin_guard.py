"""The origin guard (hooks/origin_guard.py): a page that would load from another site stops the build."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

import origin_guard  # noqa: E402


def test_garde_refuse_un_chargement_externe(tmp_path):
    assert origin_guard.external_loads('<a href="https://example.org/">lien</a>') == []
    assert origin_guard.external_loads('<link rel="canonical" href="https://example.org/">') == []
    bad = ('<script src="https://unpkg.com/x"></script><img srcset="a.png 1x, //cdn.example/b.png 2x">'
           '<link rel="stylesheet" href="http://cdn.example/s.css"><div style="background:url(https://x.example/i.png)">'
           '<iframe src="https://www.youtube.com/embed/x"></iframe><svg><use href="https://x.example/s.svg#a"/></svg>')
    assert sorted(origin_guard.external_loads(bad)) == sorted([
        "https://unpkg.com/x", "//cdn.example/b.png", "http://cdn.example/s.css", "https://x.example/i.png",
        "https://www.youtube.com/embed/x", "https://x.example/s.svg#a"])
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text('<img src="https://x.example/i.png">', encoding="utf-8")
    (tmp_path / "style.css").write_text("@import 'https://fonts.example/f.css';", encoding="utf-8")
    assert origin_guard.site_external_loads(tmp_path) == {
        "page/index.html": ["https://x.example/i.png"], "style.css": ["https://fonts.example/f.css"]}


def _config(site_dir, polyfills=None):
    return SimpleNamespace(site_dir=str(site_dir), extra={"polyfills": polyfills or []}, plugins={})


def test_garde_arrete_la_construction(tmp_path):
    (tmp_path / "index.html").write_text('<script src="https://unpkg.com/iframe-worker/shim"></script>', encoding="utf-8")
    with pytest.raises(PluginError) as error:
        origin_guard.on_post_build(_config(tmp_path))
    assert "index.html : https://unpkg.com/iframe-worker/shim" in str(error.value)
    assert "autre site" in str(error.value)


def test_le_shim_unpkg_est_remplace_par_la_copie_locale(tmp_path):
    config = _config(tmp_path, ["https://unpkg.com/iframe-worker/shim", "autre.js"])
    origin_guard.on_config(config)
    assert config.extra["polyfills"] == [origin_guard.SHIM_PATH, "autre.js"]
    if not (origin_guard.SHIM_PACKAGE / "shim" / "index.js").is_file():
        pytest.skip("module npm iframe-worker non installé (npm ci --prefix tools/offline)")
    (tmp_path / "index.html").write_text(f'<script src="{origin_guard.SHIM_PATH}"></script>', encoding="utf-8")
    origin_guard.on_post_build(config)
    assert (tmp_path / origin_guard.SHIM_PATH).read_text(encoding="utf-8").startswith('"use strict"')
    assert (tmp_path / "javascripts" / "iframe-worker" / "LICENSE").is_file()


def test_garde_relit_une_page_modifiee_entre_deux_constructions(tmp_path):
    """Under make serve the guard skips files it has already found clean, never a changed one."""
    page = tmp_path / "index.html"
    page.write_text('<img src="qr/a.svg" alt="Code QR : https://exemple.fr/">', encoding="utf-8")
    assert origin_guard.site_external_loads(tmp_path) == {}
    assert origin_guard.site_external_loads(tmp_path) == {}
    page.write_text('<img src="https://cdn.example/a.svg" alt="">', encoding="utf-8")
    assert origin_guard.site_external_loads(tmp_path) == {"index.html": ["https://cdn.example/a.svg"]}
    assert origin_guard.site_external_loads(tmp_path) == {"index.html": ["https://cdn.example/a.svg"]}


# Markup that tries to slip a load past a quick reading, or looks like a load and is not one.
PIEGES = [
    '<img title=">" src="https://x.example/a.png">',
    "<IMG SRC=//x.example/a.png>",
    '<img src="https:&#x2F;&#x2F;x.example/a.png">',
    '<img\nsrc="//x.example/a.png">',
    '<img/src="//x.example/a.png">',
    '<!-- <img src="//x.example/a.png"> -->',
    '<script>var s = "<img src=//x.example/a.png>";</script>',
    '<svg><image href="//x.example/a.png"/><feImage xlink:href="//x.example/b.png"/></svg>',
    '<link rel="preload" href="//x.example/f.woff2">',
    '<link rel="canonical next" href="https://x.example/">',
    '<img src="a.png"><p style = "background: URL(//x.example/a.png)">',
    '<STYLE>@import "//x.example/s.css";</STYLE>',
    '<imgsrc="//x.example/a.png">',
    '<object data="//x.example/a.swf"></object><video poster="//x.example/p.png" src="v.mp4"></video>',
    '<img src="//x.example/a.png"',
]


def test_la_lecture_rapide_dit_ce_que_dit_la_lecture_complete(built_site):
    """The guard reads only the tags that can load, unless the page holds CSS: on every page of
    the site, and on every trap alone or slipped into a real page, it finds exactly what a
    reading of every tag finds."""
    from referentiel import origines

    pages = [p.read_text(encoding="utf-8") for p in sorted(built_site.rglob("*.html"))]
    assert not any(origines.external_loads(p) for p in pages)
    for html in PIEGES + [pages[0].replace("</body>", trap + "</body>") for trap in PIEGES]:
        assert sorted(origines.external_loads(html)) == sorted(origines._read_all(html)), html[-200:]
    found = {trap: origines.external_loads(trap) for trap in PIEGES}
    assert found[PIEGES[0]] == ["https://x.example/a.png"] and found[PIEGES[2]] == ["https://x.example/a.png"]
    assert found[PIEGES[5]] == found[PIEGES[6]] == found[PIEGES[9]] == found[PIEGES[12]] == []
    assert sum(bool(loads) for loads in found.values()) == 10
