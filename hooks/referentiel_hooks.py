"""MkDocs hooks: validate the data before anything else, then derive from it
the generated pages and the open-data files.

While serving (``make serve``), broken data does not stop the server: every page
shows the French errors instead (and the terminal prints them), and the next save
that fixes the data brings the site back. A build (``make build``) fails as before.

The logic lives in ``referentiel`` (engine-independent); this file only
connects it to MkDocs events.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from referentiel import caches, exports, views
from referentiel.adresses import adresse
from referentiel.errors import ReferentielInvalide
from referentiel.flux import atom
from referentiel.markup import escape, redirection_html
from referentiel.printing import telechargements
from referentiel.qr import codes_du_site
from referentiel.registry import EXPORTS
from referentiel.schema import schema_files
from referentiel.typographie import typographie
from referentiel.views.nouveautes import FLUX, NOUVEAUTES


# Former ids → where their statement now lives; read by docs/javascripts/referentiel.js.
ALIAS_SCRIPT = "javascripts/alias.js"
# config.extra key holding the problems while serving broken data (hooks/search.py reads it too).
ERREURS = "r4f_erreurs"


def _serve() -> dict:
    """What one `make serve` keeps across its rebuilds (caches.session): whether this process serves,
    and the pages of its last good build."""
    return caches.session("serve", lambda: {"actif": False, "pages": None})


def _projet(config) -> Path:
    """The folder of mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def _data_dir(config) -> Path:
    return _projet(config) / "data"


def _ref(config):
    try:
        return caches.referentiel(_data_dir(config))
    except ReferentielInvalide as exc:
        raise PluginError(exc.rapport()) from None


def on_startup(command: str, dirty: bool) -> None:
    _serve()["actif"] = command == "serve"


def on_config(config):
    config.extra.pop(ERREURS, None)
    try:
        ref = caches.referentiel(_data_dir(config))
    except ReferentielInvalide as exc:
        # Building: bad data stops the build here, before any page is written. Serving (once a good
        # build has given the list of pages): every page shows the errors until the data is fixed.
        if not _serve()["actif"] or _serve()["pages"] is None:
            raise PluginError(exc.rapport()) from None
        sys.stderr.write(exc.rapport() + "\nLes pages ouvertes dans le navigateur affichent ces erreurs ; "
                         "enregistrez le fichier corrigé et elles se rechargeront.\n")
        config.extra[ERREURS] = [str(p) for p in exc.problemes]
        return config
    config.extra["edition"] = typographie(views.edition_texte(ref))  # the footer's line (partials/copyright.html)
    return config


def _page_erreurs(problemes: list[str]) -> str:
    """The Markdown of every page while the data is broken (serve only): French, escaped, no macro."""
    count = views.pluriel(len(problemes), "erreur")
    items = "\n".join(f"<li><code>{escape(p)}</code></li>" for p in problemes)
    front = {"title": "Données à corriger", "render_macros": False, "hide": ["toc"]}
    return (
        f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n\n"
        f'<div class="r4f-erreurs-donnees" role="alert">\n'
        f"<p><strong>Les données contiennent {count}.</strong> Le site ne peut pas être affiché tant "
        f"qu'elles ne sont pas corrigées&#160;:</p>\n<ul>\n{items}\n</ul>\n"
        f"<p>Corrigez le fichier indiqué, à la ligne indiquée, puis enregistrez&#160;: cette page se rechargera "
        f"d'elle-même. Les mêmes messages sont affichés dans le terminal.</p>\n</div>\n"
    )


def on_env(env, config, files):
    """Material's templates compiled once per process (``make serve`` rebuilds reuse them)."""
    env.bytecode_cache = caches.gabarits()
    return env


def on_post_build(config) -> None:
    """Every QR code the pages asked for (``<img src="…/qr/<slug>.svg">``), one small file a code."""
    codes_du_site(config.site_url, _projet(config)).write(config.site_dir)


def on_page_read_source(page, config) -> str | None:
    problemes = config.extra.get(ERREURS)
    return _page_erreurs(problemes) if problemes else None


def on_files(files: Files, config) -> Files:
    if config.extra.get(ERREURS):
        # The pages of the last good build, so that the open page and the navigation stay in place.
        for chemin in _serve()["pages"]:
            files.append(File.generated(config, chemin, content=""))
        return files
    ref = _ref(config)
    generees = views.pages_generees(ref)
    _serve()["pages"] = [page.chemin for page in generees]
    for page in generees:
        # Search documents them from the data (referentiel.views.recherche), not from their HTML.
        front = {"title": escape(page.titre, quote=False), "description": escape(page.description), "hide": ["toc"],
                 "search": {"exclude": True}}
        content = f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n\n{{{{ {page.appel} }}}}\n"
        files.append(File.generated(config, page.chemin, content=content))
    files.append(File.generated(config, EXPORTS.json, content=exports.to_json(ref)))
    files.append(File.generated(config, EXPORTS.csv, content=exports.to_csv(ref)))
    files.append(File.generated(config, FLUX, content=atom(ref, config.site_url or "/")))
    for name, text in schema_files().items():
        files.append(File.generated(config, EXPORTS.schema(name), content=text))
    if config.use_directory_urls:  # the published site; the offline pack holds its PDFs in its own pdf/
        projet = _projet(config)
        for t in telechargements(ref, projet).tous:
            if t.present:  # made by `make print` / `make offline` for this edition (the Animer page links them)
                files.append(File(t.chemin, src_dir=str(projet), dest_dir=config.site_dir, use_directory_urls=False,
                                  dest_uri=t.route))
    # Former ids → their statement's page and anchor, as this build writes addresses (the offline pack's
    # are files): every page is listed by now.
    pages = None if config.use_directory_urls else files
    former = {a.ancien: adresse(a.href, "", pages) for a in views.alias(ref)}
    config.extra["nouveautes"] = adresse(NOUVEAUTES, "", pages)  # the footer's link (partials/copyright.html)
    files.append(File.generated(config, ALIAS_SCRIPT, content=f"window.R4F_ALIAS = {json.dumps(former)};\n"))
    # Old addresses (pages that moved) answer with a small page that sends readers on:
    # static files, so neither the sitemap nor the search index lists them.
    for r in views.redirections(ref):
        target = files.get_file_from_path(r.cible)
        if target is None:
            raise PluginError(f"Redirection de « {r.ancien} » : la page « {r.cible} » n'existe pas.")
        back = "../" * r.ancien.count("/")
        canonical = (config.site_url or "") + target.url
        files.append(File.generated(config, r.ancien, content=redirection_html(back + target.url, canonical, r.titre)))
    return files
