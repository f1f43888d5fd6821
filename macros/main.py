"""mkdocs-macros module: each macro hands one view to one template.

The views (``referentiel.views``) do all the work; templates in
``overrides/referentiel/`` only place values. Every value a template prints is
typeset in French, then escaped (``finalize``); ``|texte`` also writes the two
inline marks and the page's tooltips; ``|lien`` prints an address, never
typeset: data never becomes HTML, Markdown or Jinja.

The page's tooltips (``markup.Infobulles``) are started for each page
(``on_pre_page_macros``) and handed on to the Markdown of its written text
(``referentiel.pages_ecrites``), so that a word is explained once a page.
"""

from __future__ import annotations

from pathlib import Path
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from referentiel import caches, views
from referentiel.adresses import adresse
from referentiel.markup import Infobulles, escape, inline
from referentiel.pages_ecrites import BLOC_DEBUT, BLOC_FIN, PAGE, lexique
from referentiel.printing import edition, telechargements
from referentiel.qr import codes_du_site
from referentiel.typographie import typographie
from referentiel.views.routes import ANIMER, SECTIONS_PAR_PAGE

ROOT = Path(__file__).resolve().parent.parent


def _finalize(value):
    """Every value a template prints is typeset, then escaped (unless already safe markup)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(escape(typographie(value)))
    return value


@pass_context
def _texte(context, value, titre: bool = False, lien: bool = False) -> Markup:
    """Data text in a page's text: ``titre=True`` in a heading, ``lien=True`` inside a link or a button."""
    return inline(value, context["infobulles"], titre=titre, lien=lien)


def _verbatim(value) -> Markup:
    """A value shown as it is written (code, a file name): escaped, never typeset."""
    return Markup(escape(value))


TEMPLATES = Environment(
    loader=FileSystemLoader(ROOT / "overrides" / "referentiel"),
    autoescape=True,
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    bytecode_cache=caches.gabarits(),  # compiled once per process: make serve's rebuilds reuse it
)
TEMPLATES.filters["texte"] = _texte
TEMPLATES.filters["verbatim"] = _verbatim
# What projection says, on every page that projects (the `projeter` macro of _enonce.html).
TEMPLATES.globals["projection"] = {"touches": views.TOUCHES, "aide": views.AIDE_PROJECTION, "suite": views.SUITE_CASE}


def _projet(env) -> Path:
    """The folder of mkdocs.yml (mkdocs-macros and Zensical both give it)."""
    return Path(env.project_dir)


def _data_dir(env) -> Path:
    return _projet(env) / "data"


def on_pre_page_macros(env) -> None:
    """Each page: its title and description typeset (the theme prints them in the navigation, the
    footer, the tab's title and the meta tags), and its tooltips started."""
    meta = env.page.meta
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = typographie(meta[key])
    PAGE.commencer(Infobulles(lexique(_data_dir(env))))


def define_env(env) -> None:
    """Once per build (every engine that runs mkdocs-macros modules calls it as a build starts)."""
    caches.nouvelle_construction()
    projet = _projet(env)
    data_dir = _data_dir(env)

    def ref():
        return caches.referentiel(data_dir)

    # What mkdocs.yml itself says to readers (header, footer, meta tags), typeset once.
    for key in ("site_name", "site_description", "copyright"):
        if env.conf.get(key):
            env.conf[key] = typographie(env.conf[key])

    @pass_context
    def lien(context, href: str) -> Markup:
        files = None if env.conf["use_directory_urls"] else env.variables["files"]
        return Markup(escape(adresse(href, context["racine"], files)))

    TEMPLATES.filters["lien"] = lien

    codes = codes_du_site(env.conf["site_url"], projet)

    class Qr:
        """``qr.img(href, racine)`` in a template: the ``<img>`` of a permanent link's QR code, built by
        referentiel.qr, which keeps the code for hooks/referentiel_hooks.py to write into the site."""

        def img(self, href: str, racine: str, lazy: bool = True) -> Markup:
            return Markup(codes.img(href, racine, lazy=lazy))

    TEMPLATES.globals["qr"] = Qr()

    def render(template: str, **view) -> str:
        depth = env.page.url.count("/") if env.page.url else 0
        html = TEMPLATES.get_template(template).render(racine="../" * depth, infobulles=PAGE.infobulles, **view)
        # One raw HTML block for Markdown, between the lines referentiel.pages_ecrites keeps it aside by.
        return f"\n{BLOC_DEBUT}\n{html.strip()}\n{BLOC_FIN}\n"

    @env.macro
    def page_acteur(acteur_id: str) -> str:
        return render("acteur.html", vue=views.acteur_vue(ref(), acteur_id))

    @env.macro
    def page_partie(acteur_id: str, rubrique: str, numero: int) -> str:
        return render("acteur_partie.html", vue=views.partie_vue(ref(), acteur_id, rubrique, numero))

    @env.macro
    def page_fiche(acteur_id: str) -> str:
        return render("fiche.html", vue=views.fiche(ref(), acteur_id))

    @env.macro
    def page_paire(a: str, b: str) -> str:
        return render("paire.html", vue=views.paire(ref(), a, b))

    @env.macro
    def matrice() -> str:
        return render("matrice.html", vue=views.matrice(ref()))

    @env.macro
    def mur() -> str:
        return render("mur.html", vue=views.mur(ref()))

    @env.macro
    def page_case(de: str, envers: str, numero: int) -> str:
        return render("case.html", vue=views.case(ref(), de, envers, numero))

    @env.macro
    def cartes() -> str:
        return render("cartes.html", planches=views.planches(ref()), sommaire=views.sommaire_cartes(ref()))

    @env.macro
    def cartes_acteur(acteur_id: str, numero: int) -> str:
        return render("cartes.html", planches=views.planches(ref(), acteur_id, numero), sommaire=None)

    @env.macro
    def affiche_matrice() -> str:
        return render("affiche.html", vue=views.matrice(ref()))

    @env.macro
    def liens_projection() -> str:
        return render("liens-projection.html", liens=views.liens_projection(ref()))

    @env.macro
    def lecons() -> str:
        return render("lecons.html", vue=views.liste_partagee(ref(), "enseignement"))

    @env.macro
    def kit_impression() -> str:
        site = env.conf.get("site_url") or ""
        return render("kit.html", fichiers=telechargements(ref(), projet), edition=edition(ref()),
                      hors_ligne=not env.conf["use_directory_urls"], publie=f"{site}{ANIMER}#telecharger" if site else "")

    @env.macro
    def touches() -> str:
        return render("touches.html")

    @env.macro
    def accueil() -> str:
        return render("accueil.html", personas=views.personas(ref()), diagramme=views.diagramme(ref()),
                      principes=views.liste_partagee(ref(), "principe"))

    @env.macro
    def liste(kind: str) -> str:
        return render("liste.html", vue=views.liste_partagee(ref(), kind))

    @env.macro
    def sections(page: str) -> str:
        """The introduction's sections that the page at route ``page`` shows (``routes.SECTIONS_PAR_PAGE``)."""
        return render("sections.html", sections=views.sections(ref(), list(SECTIONS_PAR_PAGE[page])))

    @env.macro
    def acteurs() -> str:
        return render("acteurs.html", personas=views.personas(ref()))

    @env.macro
    def index_paires() -> str:
        return render("paires.html", paires=views.index_paires(ref()))

    @env.macro
    def glossaire() -> str:
        return render("glossaire.html", sigles=views.glossaire(ref()), mots=views.lexique(ref()))

    @env.macro
    def sources() -> str:
        return render("sources.html", sources=views.sources(ref()), chiffres=views.chiffres(ref()))

    @env.macro
    def transcription() -> str:
        return render("transcription.html", regles=views.TRANSCRIPTION)

    @env.macro
    def donnees() -> str:
        return render("donnees.html", vue=views.donnees(ref()))

    @env.macro
    def page_nouveautes() -> str:
        return render("nouveautes.html", vue=views.nouveautes(ref()))

    @env.macro
    def version() -> str:
        return escape(ref().meta.version)
