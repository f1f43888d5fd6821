"""The origin guard: nothing on a page loads from another origin, whatever the content or the configuration.

The corpus (tests/fixtures/origines/) holds hostile pages, each loading one address from
another origin in one way (pages.json: the address, and whether Chromium fetches it by
itself, checked below), a harmless page full of look-alikes, and hostile configurations
(configs/, each a mkdocs.yml that INHERITs the project's and changes one setting).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from conftest import ROOT, build_env, copy_project, mkdocs_build, served

sys.path.insert(0, str(ROOT / "hooks"))

import origin_guard  # noqa: E402
from referentiel import origines  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "origines"
PAGES = json.loads((CORPUS / "pages.json").read_text(encoding="utf-8"))
CONFIGS = sorted((CORPUS / "configs").glob("*.yml"))
HOST = "cdn.example.org"


def _setting(variant: Path) -> str:
    """The setting a hostile configuration changes: its file name, before any « --variant »."""
    return variant.stem.split("--")[0]


# --- Addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize("url, external", [
    ("https://x.example/a.png", True), ("HTTP://X.EXAMPLE/", True), ("  //x.example/a.png\n", True),
    ("\\\\x.example/a.png", True), ("/\\x.example/a.png", True), ("ht\ttps://x.example/", True),
    ("https:x.example/a.png", True), ("ftp://x.example/", True), ("file:///etc/passwd", True),
    ("data:image/png;base64,AAAA", False), ("blob:https://x.example/1", False), ("about:blank", False),
    ("javascript:void(0)", False),
    ("images/a.png", False), ("/4-fantastiques/a.png", False), ("../a.png", False), ("#ancre", False),
    ("", False), ("./https://x.example/", False),
])
def test_une_adresse_d_un_autre_site(url, external):
    assert origines.is_external(url) is external


def test_srcset_lu_comme_le_lit_le_navigateur():
    """A comma ends an address only as its last character: data: addresses hold commas."""
    assert origines.srcset_urls("a.png 1x, data:image/png;base64,AA,BB 2x,//x.example/c.png 3x") == [
        "a.png", "data:image/png;base64,AA,BB", "//x.example/c.png"]
    assert origines.srcset_urls("a.png, b.png (max-width: 10px, 20px) 2x,c.png") == ["a.png", "b.png", "c.png"]


# --- Pages, stylesheets, SVG ------------------------------------------------------------------


@pytest.mark.parametrize("name", [name for name in PAGES if not name.endswith(".md")])
def test_chaque_page_hostile_est_refusee(name, tmp_path):
    """Each hostile file is reported, with the one address it would load, and nothing else."""
    shutil.copy(CORPUS / "pages" / name, tmp_path / name)
    found = origines.site_external_loads(tmp_path)
    assert [load.adresse for load in found.get(name, [])] == [PAGES[name]["adresse"]], found


def test_le_corpus_est_complet():
    """Every file of the corpus is described, and every description has its file."""
    assert sorted(p.name for p in (CORPUS / "pages").iterdir()) == sorted(PAGES)


def test_une_page_sans_chargement_exterieur_passe():
    """Links, canonical and prev/next, data: and blob:, about:blank, addresses in text, titles,
    comments, a textarea, JSON data and script comments are not loads."""
    assert origines.page_loads((CORPUS / "inoffensif.html").read_text(encoding="utf-8")) == []


def test_la_garde_relit_tout_a_chaque_fois(tmp_path):
    """A page changed since the last build (make serve) is read again (tests/test_caches.py)."""
    page = tmp_path / "index.html"
    page.write_text('<img src="qr/a.svg" alt="Code QR : https://exemple.fr/">', encoding="utf-8")
    assert origines.site_external_loads(tmp_path) == {}
    page.write_text('<img src="https://cdn.example/a.svg" alt="">', encoding="utf-8")
    assert [str(c) for c in origines.site_external_loads(tmp_path)["index.html"]] == [
        "https://cdn.example/a.svg (<img src>)"]


def test_material_ne_charge_d_ailleurs_que_ce_que_la_garde_connait():
    """Material's bundle (9.8.1) fetches from another origin only for a Mermaid diagram, its
    « source » component (forge APIs) and an old browser's ResizeObserver polyfill: the guard
    reads the first two on the page. A new Material that asks anything else fails here."""
    import material

    bundle, = (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
    addresses = set(re.findall(r"https?://[^\"'`\s)]+", bundle.read_text(encoding="utf-8")))
    assert addresses == {
        origines.MERMAID,
        "https://unpkg.com/resize-observer-polyfill",  # browsers without ResizeObserver (none today)
        "https://api.github.com/repos/${e}/${t}", "https://api.github.com/users/${e}",
        "https://${e}/api/v4/projects/${encodeURIComponent(t",  # GitLab
        "https://clipboardjs.com/",  # a licence notice
    }


# --- The configuration ------------------------------------------------------------------------


def _merged(base: dict, change: dict) -> dict:
    """``base`` with ``change`` laid over it, mappings merged key by key (MkDocs' INHERIT)."""
    out = dict(base)
    for key, value in change.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _config(name: str = "mkdocs.yml") -> dict:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_la_configuration_du_projet_ne_charge_rien():
    assert origines.config_external_loads(_config()) == []
    assert origines.config_external_loads(_merged(_config(), _config("mkdocs-offline.yml"))) == []


@pytest.mark.parametrize("variant", CONFIGS, ids=lambda p: p.stem)
def test_chaque_configuration_hostile_est_refusee(variant):
    """One French sentence, naming the setting (and the address, when there is one)."""
    change = yaml.safe_load(variant.read_text(encoding="utf-8"))
    assert change.pop("INHERIT") == "mkdocs.yml"
    problems = origines.config_external_loads(_merged(_config(), change))
    assert len(problems) == 1 and problems[0].startswith(f"{_setting(variant)} : "), problems
    address = re.search(r"(?:https?:)?//[^\s']+", variant.read_text(encoding="utf-8"), re.I)
    if address and _setting(variant) != "extra.analytics":
        assert address.group(0) in problems[0]


def test_un_script_ou_une_feuille_sous_forme_de_dictionnaire():
    config = {"theme": {"font": False}, "extra_javascript": [{"path": "https://x.example/a.js", "type": "module"}],
              "extra_css": [{"path": "local.css"}, "//x.example/b.css"]}
    assert [p.split(" :")[0] for p in origines.config_external_loads(config)] == ["extra_javascript", "extra_css"]


# --- The hook ---------------------------------------------------------------------------------


class _Config(dict):
    """What the hook reads of MkDocs' configuration: a mapping whose keys are also attributes."""

    __getattr__ = dict.__getitem__


def _hook_config(site_dir, polyfills=None, **settings):
    return _Config(site_dir=str(site_dir), extra={"polyfills": polyfills or []}, plugins={}, theme={"font": False},
                   config_file_path=str(ROOT / "mkdocs.yml"), **settings)


def test_garde_arrete_la_construction(tmp_path):
    (tmp_path / "index.html").write_text('<script src="https://unpkg.com/iframe-worker/shim"></script>', encoding="utf-8")
    with pytest.raises(PluginError) as error:
        origin_guard.on_post_build(_hook_config(tmp_path))
    assert "index.html : https://unpkg.com/iframe-worker/shim (<script src>)" in str(error.value)
    assert "autre site" in str(error.value)


def test_garde_arrete_une_configuration_hostile(tmp_path):
    config = _hook_config(tmp_path, extra_javascript=["https://cdn.example.org/evil.js"])
    with pytest.raises(PluginError) as error:
        origin_guard.on_config(config)
    assert "mkdocs.yml, extra_javascript : « https://cdn.example.org/evil.js »" in str(error.value)


def test_le_shim_unpkg_est_remplace_par_la_copie_locale(tmp_path):
    config = _hook_config(tmp_path, ["https://unpkg.com/iframe-worker/shim", "autre.js"])
    origin_guard.on_config(config)
    assert config.extra["polyfills"] == [origin_guard.SHIM_PATH, "autre.js"]
    if not (origin_guard.SHIM_PACKAGE / "shim" / "index.js").is_file():
        pytest.skip("module npm iframe-worker non installé (npm ci --prefix tools/offline)")
    (tmp_path / "index.html").write_text(f'<script src="{origin_guard.SHIM_PATH}"></script>', encoding="utf-8")
    origin_guard.on_post_build(config)
    assert (tmp_path / origin_guard.SHIM_PATH).read_text(encoding="utf-8").startswith('"use strict"')
    assert (tmp_path / "javascripts" / "iframe-worker" / "LICENSE").is_file()


# --- Builds -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def projet(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("garde") / "projet")


@pytest.mark.build
def test_une_construction_avec_les_pages_hostiles_echoue(projet, tmp_path):
    """All the hostile files in docs/ (pages copied as they are, a Markdown page, a stylesheet,
    an SVG): the strict build fails and lists every one of them with its address."""
    shutil.copytree(CORPUS / "pages", projet / "docs" / "hostile")
    config = projet / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("not_in_nav: |\n", "not_in_nav: |\n  /hostile/\n", 1), encoding="utf-8")
    try:
        result = mkdocs_build(projet, tmp_path / "site")
    finally:
        config.write_text(original, encoding="utf-8")
        shutil.rmtree(projet / "docs" / "hostile")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Des pages chargent des ressources d'un autre site" in output
    for name, expected in PAGES.items():
        built = name.replace(".md", "/index.html")
        assert f"hostile/{built} : {expected['adresse']} (" in output, name


@pytest.mark.build
@pytest.mark.parametrize("variant", CONFIGS, ids=lambda p: p.stem)
def test_une_configuration_hostile_arrete_la_construction(variant, projet, tmp_path):
    """Stopped in on_config, before any page is written."""
    shutil.copy(variant, projet / variant.name)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", variant.name, "--site-dir", str(tmp_path / "site")],
        cwd=projet, env=build_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "La configuration ferait charger des ressources d'un autre site" in result.stderr
    assert f"{variant.name}, {_setting(variant)} : " in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# --- In the browser ---------------------------------------------------------------------------


@pytest.mark.browser
def test_le_navigateur_charge_ce_que_la_garde_refuse(browser):
    """The corpus is real: every page marked « navigateur » makes Chromium ask the other site by
    itself (the rest need a script of Material or of ours, a click or an old browser), and the
    harmless page makes it ask nothing. Every page opens in a tab of its own, all at once; each
    tab records the hosts it asks for, then is refused."""
    context = browser.new_context()

    def open_tab(url: str) -> tuple:
        page, hosts = context.new_page(), set()

        def route(request_route):
            host = re.match(r"[a-z]+://([^/:]*)", request_route.request.url)
            if host and host.group(1) != "127.0.0.1":
                hosts.add(host.group(1))
                return request_route.abort()
            return request_route.continue_()

        page.route("**/*", route)
        page.goto(url, wait_until="commit")
        return page, hosts

    try:
        with served(CORPUS) as base:
            names = [name for name, expected in PAGES.items() if expected["navigateur"]]
            tabs = {name: open_tab(f"{base}pages/{name}") for name in names}
            harmless = open_tab(f"{base}inoffensif.html")
            for page, _ in [*tabs.values(), harmless]:
                page.wait_for_load_state("load")
            tabs[names[0]][0].wait_for_timeout(500)  # a worker, a module or a clone may ask a moment later
            missed = [name for name, (_, hosts) in tabs.items() if HOST not in hosts]
            assert not missed, f"Chromium ne charge rien d'un autre site pour : {missed}"
            assert harmless[1] == set()
    finally:
        context.close()
