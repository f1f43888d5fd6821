"""The one cache policy (referentiel.caches): each cache bounded, and a changed input never answered
from memory — a contributor who saves a file under `make serve` sees the change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from jinja2 import Environment, FileSystemLoader

from referentiel import caches, origines
from referentiel.errors import ReferentielInvalide
from referentiel.markup import Infobulles
from referentiel.pages_ecrites import _lexique
from referentiel.qr import codes_du_site
from referentiel.typographie import typographie

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def une_construction_a_part():
    """Each test is a build of its own: what it keeps (an address it made up) is forgotten after it."""
    caches.nouvelle_construction()
    yield
    caches.nouvelle_construction()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(ROOT / "data", dest)
    return dest


def _ajoute_un_sigle(data: Path, sigle: str, developpement: str) -> None:
    glossaire = data / "glossaire.yaml"
    contenu = yaml.safe_load(glossaire.read_text(encoding="utf-8"))
    contenu["sigles"].append({"sigle": sigle, "developpement": developpement})
    glossaire.write_text(yaml.safe_dump(contenu, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _developpements(ref) -> dict[str, str]:
    return {s.sigle: s.developpement for s in ref.glossaire.sigles}


def test_le_referentiel_est_relu_des_qu_un_fichier_change(data: Path):
    caches.nouvelle_construction()
    first = caches.referentiel(data)
    assert caches.referentiel(data) is first  # one load a build
    _ajoute_un_sigle(data, "ZQX", "Essai de cache")
    assert caches.referentiel(data) is first  # the files are looked at once a build
    caches.nouvelle_construction()
    second = caches.referentiel(data)
    assert second is not first and _developpements(second)["ZQX"] == "Essai de cache"
    caches.nouvelle_construction()
    assert caches.referentiel(data) is second  # unchanged files: the same référentiel (a `make serve` session)


def test_des_donnees_invalides_sont_dites_a_chaque_appel_puis_relues_une_fois_corrigees(data: Path):
    caches.nouvelle_construction()
    good = (data / "glossaire.yaml").read_text(encoding="utf-8")
    (data / "glossaire.yaml").write_text("sigles: [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ReferentielInvalide):
            caches.referentiel(data)
    (data / "glossaire.yaml").write_text(good, encoding="utf-8")
    caches.nouvelle_construction()
    assert caches.referentiel(data).glossaire.sigles


def test_deux_dossiers_de_donnees_au_plus(tmp_path: Path):
    for n in range(3):
        shutil.copytree(ROOT / "data", tmp_path / str(n))
        caches.nouvelle_construction()
        caches.referentiel(tmp_path / str(n))
    assert len(caches.REFERENTIELS) == 2
    assert caches.REFERENTIELS.get((tmp_path / "0").resolve()) is None


def test_une_construction_oublie_ce_que_la_precedente_a_garde(monkeypatch):
    """The repository's address (read from mkdocs.yml), the QR codes a build asks for: once a build."""
    from referentiel.views import propositions

    asked = []
    monkeypatch.setattr(propositions, "repo_url", lambda: asked.append(1) or f"https://exemple.org/depot-{len(asked)}")
    caches.nouvelle_construction()
    assert propositions.depot() == propositions.depot() == "https://exemple.org/depot-1"
    codes = codes_du_site("https://exemple.org/", ROOT)
    assert codes_du_site("https://exemple.org/", ROOT) is codes
    caches.nouvelle_construction()
    assert propositions.depot() == "https://exemple.org/depot-2"
    assert codes_du_site("https://exemple.org/", ROOT) is not codes


def test_un_gabarit_modifie_est_compile_de_nouveau(tmp_path: Path, monkeypatch):
    """Jinja's code is kept between environments (make serve's rebuilds), by template and settings;
    a template whose source changed is compiled and rendered anew."""
    compiled = []
    original = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: compiled.append(a[1]) or original(self, *a, **k))
    gabarit = tmp_path / "page.html"
    gabarit.write_text("{% if x %}\n{{ x }}\n{% endif %}", encoding="utf-8")

    def render(**settings) -> str:
        env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=caches.gabarits(), **settings)
        return env.get_template("page.html").render(x="a")

    assert render() == "\na\n"
    assert render() == "\na\n" and len(compiled) == 1  # a fresh environment reuses the code
    assert render(trim_blocks=True) == "a\n" and len(compiled) == 2  # other settings: other code
    gabarit.write_text("{% if x %}\n<{{ x }}>\n{% endif %}", encoding="utf-8")
    assert render() == "\n<a>\n" and len(compiled) == 3


def test_la_garde_relit_tout_fichier_dont_les_octets_changent(tmp_path: Path, monkeypatch):
    """Every file is read whole at every build; its content is parsed once per distinct content."""
    parsed = []
    page_loads = origines.page_loads
    monkeypatch.setitem(origines._READERS, ".html", lambda text: parsed.append(text) or page_loads(text))
    page = tmp_path / "index.html"
    page.write_text('<img src="qr/a.svg" alt="">', encoding="utf-8")
    assert origines.site_external_loads(tmp_path) == {}
    assert origines.site_external_loads(tmp_path) == {} and len(parsed) == 1
    page.write_text('<img src="https://cdn.example/a.svg" alt="">', encoding="utf-8")
    assert [str(c) for c in origines.site_external_loads(tmp_path)["index.html"]] == [
        "https://cdn.example/a.svg (<img src>)"]
    assert len(parsed) == 2


def test_les_infobulles_suivent_le_glossaire():
    """The tooltips' patterns and what they found in each text are kept while the glossary and the
    lexicon stay the same; a changed expansion gives new tooltips."""
    mots = {"régalien": ("regalien", "Qui relève de l'État.")}
    avant = _lexique({"DDT": "Direction départementale des territoires"}, mots)
    assert _lexique({"DDT": "Direction départementale des territoires"}, dict(mots)) is avant
    apres = _lexique({"DDT": "Direction départementale des territoires et de la mer"}, mots)
    texte = "La DDT et le régalien : la DDT."
    assert Infobulles(avant).html(texte) == Infobulles(avant).html(texte)  # read twice, same answer
    html = Infobulles(apres).html(texte)
    assert html.count('title="Direction départementale des territoires et de la mer"') == 2
    assert html.count("r4f-mot") == 1  # a word of the lexicon once a page
    assert len(caches.LEXIQUES) <= 2


def test_la_typographie_d_un_texte_ne_depend_que_du_texte():
    assert typographie("Attention: « oui »!") == "Attention\u00a0: «\u00a0oui\u00a0»\u202f!"
    assert typographie("Attention: « non »!") == "Attention\u00a0: «\u00a0non\u00a0»\u202f!"
    assert typographie("Attention: « oui »!") == "Attention\u00a0: «\u00a0oui\u00a0»\u202f!"


def test_une_borne_oublie_le_moins_recemment_utilise():
    borne = caches.Borne(2)
    calls = []
    for cle in ("a", "b", "a", "c", "a", "b"):
        borne.obtenir(cle, lambda cle=cle: calls.append(cle) or cle.upper())
    assert calls == ["a", "b", "c", "b"] and len(borne) == 2  # "b" forgotten when "c" came, "a" kept


def test_aucun_autre_cache_que_ceux_de_la_politique():
    """Every cache is declared in referentiel/caches.py: no functools cache elsewhere in the build's code."""
    found = [f"{path.relative_to(ROOT)}:{n}" for folder in ("macros", "hooks") for path in (ROOT / folder).rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\b(lru_cache|functools\.cache|@cache\b)", line)]
    assert not found, found
