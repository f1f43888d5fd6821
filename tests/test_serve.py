"""`make serve` with broken data (issue 9): the browser shows the French errors instead of a tab that
hangs, the terminal prints them too, and the site comes back as soon as the file is fixed."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from referentiel.validate import load_referentiel
from referentiel.views.routes import page_of
from conftest import build_env, copy_project

pytestmark = pytest.mark.build

MESSAGE = ("data/acteurs/agent.yaml:{line} › {n}e attente (ligne {start}), champ envers : « État » n'est pas un "
           "acteur connu (elu, agent, socio-economique, etat ou « tous ») : vouliez-vous dire « etat » ?")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, needle: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if needle in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"« {needle} » n'est jamais apparu sur {url}")


def test_serve_shows_data_errors_in_the_page_and_recovers(tmp_path: Path):
    project = copy_project(tmp_path / "projet")
    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=build_env(), stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    try:
        agent = project / "data" / "acteurs" / "agent.yaml"
        good = agent.read_text(encoding="utf-8")
        lines = good.split("\n")
        line = lines.index("    envers: [etat]") + 1
        # The page of that expectation: the agents' page, or its part once the actor is split over pages.
        ident = next(l for l in reversed(lines[:line]) if l.startswith("  - id: ")).split(": ", 1)[1]
        ref = load_referentiel(project / "data")
        url = f"http://127.0.0.1:{port}/4-fantastiques/" + page_of(ref.entry(ident), ref)
        wait_for(url, 'class="r4f-enonce')
        broken = lines.copy()
        broken[line - 1] = "    envers: [État]"
        agent.write_text("\n".join(broken), encoding="utf-8")

        page = wait_for(url, "r4f-erreurs-donnees")
        assert "Les données contiennent" in page and 'class="r4f-enonce' not in page
        start = max(i for i in range(line) if lines[i].startswith("  - id: ")) + 1
        n = sum(1 for l in lines[lines.index("attentes:"):start] if l.startswith("  - id: "))
        expected = MESSAGE.format(line=line, n=n, start=start)
        assert expected.replace("'", "&#x27;") in page
        assert "Données à corriger" in page
        # The other pages too, generated ones included: the reader is never left with a stale page or a 404.
        assert "r4f-erreurs-donnees" in fetch(f"http://127.0.0.1:{port}/4-fantastiques/matrice/")
        log.flush()
        deadline = time.monotonic() + 10
        while expected not in Path(log.name).read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert expected in Path(log.name).read_text(encoding="utf-8")

        agent.write_text(good, encoding="utf-8")
        page = wait_for(url, 'class="r4f-enonce')
        assert "r4f-erreurs-donnees" not in page

        # A rebuild reflects a change of the data on every page that shows it: a new expansion
        # of an acronym reaches the home page, whose own text has not changed.
        glossary = project / "data" / "glossaire.yaml"
        glossary.write_text(glossary.read_text(encoding="utf-8").replace(
            "Agence de l'environnement et de la maîtrise de l'énergie", "Agence de la transition écologique", 1),
            encoding="utf-8")
        home = wait_for(f"http://127.0.0.1:{port}/4-fantastiques/", 'title="Agence de la transition écologique"', 60)
        assert "maîtrise de l&#x27;énergie" not in home
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
