"""Shared fixtures: the project root, a strict build of the site, a local server."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from referentiel.referentiel import Referentiel

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "hooks", "data", "schema")


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run_make(cwd: Path, *args: str, env: dict[str, str] | None = None,
             timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """``make`` in ``cwd`` with the repository's virtual environment, never set up again there
    (``-o``: a copy's set-up would point the shared .venv at the copy)."""
    venv = ROOT / ".venv"
    return subprocess.run(["make", "--no-print-directory", "-o", str(venv / ".installed"), f"VENV={venv}", *args],
                          cwd=cwd, env=env or build_env(), capture_output=True, text=True, timeout=timeout)


def copy_project(dest: Path) -> Path:
    """A copy of everything a build reads, to change its data without touching the repository."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The site built from the repository's own data, in strict mode."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, f"la construction stricte a échoué :\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def built_site(repo_site) -> Path:
    """The repository's site (browser tests read it; the build tests read ``construit``'s, both ways)."""
    return repo_site


# What contributors add after a peer-group day, as they would add it (one file per statement in
# the folder of its source): a journée and a later publication, statements of every kind for every
# actor, toward peers, toward another actor and toward all, an 80-character id.
ENRICHISSEMENT = Path(__file__).parent / "fixtures" / "enrichissement"


def enrich(project: Path) -> Path:
    """Add the fixture enrichment to a project's data (a copy: never the repository's)."""
    assert project.resolve() != ROOT.resolve(), "l'enrichissement d'essai ne s'applique qu'à une copie"
    shutil.copytree(ENRICHISSEMENT, project / "data", dirs_exist_ok=True)
    return project


@pytest.fixture(scope="session")
def enriched_project(tmp_path_factory) -> Path:
    """A copy of the project whose data holds the fixture enrichment as well."""
    return enrich(copy_project(tmp_path_factory.mktemp("enrichi") / "projet"))


@pytest.fixture(scope="session")
def enriched_site(enriched_project, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site-enrichi")
    result = mkdocs_build(enriched_project, site)
    assert result.returncode == 0, f"la construction stricte a échoué :\n{result.stdout}\n{result.stderr}"
    return site


@dataclass(frozen=True)
class Construit:
    """A project, its data loaded and its site built: the repository's, or its enriched copy."""

    projet: Path
    site: Path
    ref: Referentiel


@pytest.fixture(scope="session", params=["depot", "enrichi"])
def construit(request) -> Construit:
    """The build tests run on the repository's data and on the same data enriched by contributions
    they have never seen: whatever the content, they hold."""
    from referentiel.validate import load_referentiel

    if request.param == "depot":
        projet, site = ROOT, request.getfixturevalue("repo_site")
    else:
        projet, site = request.getfixturevalue("enriched_project"), request.getfixturevalue("enriched_site")
    return Construit(projet, site, load_referentiel(projet / "data"))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def served(directory: Path, handler: type[SimpleHTTPRequestHandler] = _QuietHandler, path: str = "/"):
    """``directory`` served on a free loopback port while the block runs: yields its URL (``path`` appended)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on a free loopback port for the session."""
    with served(built_site) as url:
        yield url


# One Chromium (Debian's, never downloaded) for the whole session, shared by every browser test module.


@pytest.fixture(scope="session")
def browser() -> Browser:
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        pytest.fail(
            f"Chromium est introuvable ou non exécutable : « {executable} ».\n"
            "Les tests navigateur utilisent le Chromium de Debian (aucun navigateur n'est téléchargé).\n"
            "Installez-le : sudo apt-get install chromium\n"
            "ou indiquez son chemin : CHROMIUM=/chemin/vers/chromium",
            pytrace=False,
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Make fresh contexts (light palette, French, desktop size unless told); all closed after the test."""
    contexts: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        settings = {"locale": "fr-FR", "color_scheme": "light", "viewport": {"width": 1280, "height": 900}}
        settings.update(options)
        context = browser.new_context(**settings)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


