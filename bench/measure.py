"""Timed runs of the tools a contributor uses: build, serve rebuild, check."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import urlsplit
from dataclasses import dataclass
from pathlib import Path

ENGINES = ("mkdocs", "properdocs")


def env_for(project: Path) -> dict[str, str]:
    """The build environment; the project's own copy of ``referentiel`` comes first."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    macros = project / "macros"
    if macros.is_dir():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(macros), env.get("PYTHONPATH")]))
    return env


@dataclass
class Run:
    wall: float  # seconds on the clock
    cpu: float  # user + system seconds of the child (stable when other jobs share the cores)
    peak_kib: int  # peak resident memory of the child
    result: subprocess.CompletedProcess


def run(cmd: list[str], cwd: Path) -> Run:
    """Run one child process and measure it (``os.wait4`` gives that child's own usage)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env_for(cwd), stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
               subprocess.CompletedProcess(cmd, proc.returncode, output, ""))


def build_command(engine: str, site: Path) -> list[str]:
    cmd = [sys.executable, "-m", engine, "build", "--strict", "--site-dir", str(site)]
    return cmd + (["--config-file", "mkdocs.yml"] if engine == "properdocs" else [])


@dataclass
class Build:
    times: list[float]
    cpu_times: list[float]
    peak_kib: int
    site: Path

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpu_times)


def build(project: Path, site: Path, runs: int, engine: str = "mkdocs", froid: bool = True) -> Build:
    """``runs`` cold strict builds of ``project`` into ``site``; raises if one fails.

    Cold: each build is a fresh ``python -m <engine>`` process (nothing kept in memory), with an
    empty site folder and no ``.cache/`` (removed before each run: no QR code kept on disk). The
    project's own code is read from source every time (``PYTHONDONTWRITEBYTECODE``, and
    ``copy_project`` leaves no ``__pycache__``). ``froid=False`` keeps the project's ``.cache/`` from one run to the next (the QR codes on disk)."""
    runs_ = []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        if froid:
            shutil.rmtree(project / ".cache", ignore_errors=True)
        one = run(build_command(engine, site), project)
        if one.result.returncode != 0:
            raise SystemExit(f"échec de la construction ({engine}, {project}) :\n{one.result.stdout[-4000:]}")
        runs_.append(one)
    return Build([r.wall for r in runs_], [r.cpu for r in runs_], max(r.peak_kib for r in runs_), site)


def check_time(project: Path, runs: int = 5) -> tuple[float, float]:
    """Median (wall, CPU) seconds of ``make check`` (``python -m referentiel check``), interpreter included."""
    runs_ = [run([sys.executable, "-m", "referentiel", "check", "--data", str(project / "data")], project)
             for _ in range(runs)]
    if any(r.result.returncode != 0 for r in runs_):
        raise SystemExit(f"make check a échoué :\n{runs_[0].result.stdout}")
    return statistics.median(r.wall for r in runs_), statistics.median(r.cpu for r in runs_)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def _site_path(project: Path) -> str:
    """The path part of ``site_url`` in the project's mkdocs.yml, '/' if none."""
    found = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = urlsplit(found.group(1).strip("'\"")).path if found else "/"
    return path if path.endswith("/") else path + "/"


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Edition:
    """What one save changes, and where the change shows: ``fichier``'s first ``avant`` becomes
    ``avant`` + a marker, which the page at ``page`` (a route of the site) must then show."""

    fichier: Path
    avant: str
    page: str


def edition_yaml(project: Path) -> Edition:
    """The save a contributor makes: the title of an elected officials' statement, in its YAML file. A
    title that typography, escaping and Markdown leave as it is, so that its page shows it with its marker."""
    from referentiel.validate import load_referentiel
    from referentiel.views.routes import page_of

    ref = load_referentiel(project / "data")
    yaml = project / "data" / "acteurs" / "elu.yaml"
    text = yaml.read_text(encoding="utf-8")
    entry = next(e for e in ref.entries(acteur="elu") if e.statement.titre and f"titre: {e.statement.titre}\n" in text
                 and not set(e.statement.titre) & set(";:!?«»&<>\"'`*_[]#|{}\\"))
    return Edition(yaml, entry.statement.titre, page_of(entry, ref))


def serve_rebuild(project: Path, edition: Edition, edits: int = 5, timeout: float = 120.0) -> list[tuple[float, float]]:
    """Seconds from saving a file to ``mkdocs serve`` serving the page with the change, end to end.

    This is what a contributor waits for under ``make serve``: MkDocs' watcher noticing the save
    (it polls every 0.5 s), its 0.1 s wait for more changes, the full rebuild, then the page served.
    Returns (wall, CPU) seconds per save; CPU is the server process's own time (the page requests
    of this measure, every 25 ms, included).
    """
    port = _free_port()
    # mkdocs serve mounts the site under the path of site_url (e.g. /4-fantastiques/).
    url = f"http://127.0.0.1:{port}{_site_path(project)}{edition.page}"
    original = edition.fichier.read_text(encoding="utf-8")
    assert edition.avant in original, "le texte modifié par la mesure a disparu"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env_for(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    times: list[tuple[float, float]] = []
    try:
        deadline = time.monotonic() + timeout
        while _get(url) is None:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit(f"mkdocs serve n'a pas démarré ({project})")
            time.sleep(0.05)
        for n in range(edits):
            marker = f"{edition.avant} mesure{n}"
            time.sleep(0.7)  # let the watcher settle after the previous build
            cpu = _cpu_seconds(proc.pid)
            start = time.perf_counter()
            edition.fichier.write_text(original.replace(edition.avant, marker, 1), encoding="utf-8")
            while marker not in (_get(url) or ""):
                if time.perf_counter() - start > timeout:
                    raise SystemExit(f"la page servie n'a pas changé après la modification ({url})")
                time.sleep(0.025)
            times.append((time.perf_counter() - start, _cpu_seconds(proc.pid) - cpu))
    finally:
        edition.fichier.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=10)
    return times


def fr(value: float, digits: int = 2) -> str:
    """A number the French way: decimal comma, thin no-break space between thousands."""
    text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text


def output_size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def heaviest_page(site: Path) -> tuple[Path, int]:
    page = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return page.relative_to(site), page.stat().st_size


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))
