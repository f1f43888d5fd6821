"""`make lighthouse`: Lighthouse (mobile, its default: simulated slow 4G and a mid-range
phone) on the home page and the matrix, with Debian's Chromium, offline.

Builds the site strictly into a temporary folder, serves it gzip-compressed on a
free loopback port and runs the npm package pinned in tools/lighthouse/. Lighthouse
simulates the slow network from one real page load, and from run to run that load
varies (whether the deferred scripts were requested before the first paint or not):
each page is audited RUNS times and the median run counts, as Lighthouse's own
documentation advises ("Lighthouse variability": the median of five or so runs).
Prints a French table (performance ≥ 95, largest contentful paint ≤ 1.8 s: issue 19's budgets;
accessibility 100) and exits 1 when a target is missed. Never run by `make test`.
"""

from __future__ import annotations

import functools
import gzip
import json
import mimetypes
import os
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from . import measure
from .synth import ROOT
from .weight import _Quiet


class _Gzip(_Quiet):
    """Serves files gzip-compressed over kept-alive connections, as any production web server
    would (Python's does neither by default). Lighthouse simulates the slow network from the
    connections it saw: with HTTP/1.0, every file would pay a new connection's round trips."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the redirect to the trailing slash
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = {"accueil": "", "matrice": "matrice/"}
MIN_SCORE, MAX_LCP_MS, MIN_A11Y = 95, 1800, 100
RUNS = 5


def audit(url: str, report: Path) -> tuple[float, float, float]:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance,accessibility", "--output=json",
         f"--output-path={report}", "--chrome-flags=--headless --no-sandbox --disable-gpu"],
        env=env, check=True, timeout=300,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise SystemExit(f"Lighthouse a échoué : {data['runtimeError']}")
    categories = data["categories"]
    return (100 * categories["performance"]["score"], data["audits"]["largest-contentful-paint"]["numericValue"],
            100 * categories["accessibility"]["score"])


def _s(ms: float) -> str:
    return f"{ms / 1000:.2f}".replace(".", ",") + "\u00a0s"


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse n'est pas installé : lancez « make lighthouse » (npm ci dans tools/lighthouse).")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        site = measure.build(ROOT, Path(tmp) / "site", 1, froid=False).site
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            print(f"Médiane de {RUNS} passages par page (LCP de chaque passage entre crochets).")
            print(f"{'Page':10}  {'Performance':>11}  {'LCP':>8}  {'Accessibilité':>13}  "
                  f"Verdict (performance ≥ {MIN_SCORE}, LCP ≤ {_s(MAX_LCP_MS)}, accessibilité {MIN_A11Y})")
            for name, path in PAGES.items():
                url = f"http://127.0.0.1:{server.server_address[1]}/{path}"
                runs = sorted((audit(url, Path(tmp) / f"{name}-{n}.json") for n in range(RUNS)), key=lambda r: r[1])
                score, lcp, a11y = runs[len(runs) // 2]  # the median run, by its LCP
                a11y = min(r[2] for r in runs)
                ok = score >= MIN_SCORE and lcp <= MAX_LCP_MS and a11y >= MIN_A11Y
                failed += not ok
                print(f"{name:10}  {score:>11.0f}  {_s(lcp):>8}  {a11y:>13.0f}  {'OK' if ok else 'ÉCHEC'}  "
                      f"[{', '.join(_s(r[1]) for r in runs)}]")
        finally:
            server.shutdown()
            server.server_close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
