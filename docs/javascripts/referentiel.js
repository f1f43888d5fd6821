/* Copy a statement's permanent link; print a fiche. No request leaves the page. */
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("r4f-annonce");
    if (!region) {
      region = document.createElement("div");
      region.id = "r4f-annonce";
      region.className = "md-visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copie impossible")); }
    });
  }

  /* The button's own visible words say it worked ("Lien copié"), then come back. */
  function showCopied(button) {
    var label = button.firstChild;
    if (!label || label.nodeType !== Node.TEXT_NODE) return;
    if (!button.hasAttribute("data-libelle")) button.setAttribute("data-libelle", label.nodeValue);
    label.nodeValue = "Lien copié";
    window.clearTimeout(button.r4fTimer);
    button.r4fTimer = window.setTimeout(function () {
      label.nodeValue = button.getAttribute("data-libelle");
      button.removeAttribute("data-copie");
    }, 4000);
  }

  /* An actor whose statements no longer fit one page links to pages of its own; a permanent
     link to the actor's page (#statement-id) still lands: its map names the page that now
     holds the anchor (views/routes.py, decoupage). */
  function followAnchor() {
    var map = document.getElementById("r4f-ancres");
    if (!map || location.hash.length < 2) return;
    var id = decodeURIComponent(location.hash.slice(1));
    if (document.getElementById(id)) return;
    var data = JSON.parse(map.textContent);
    var page = data.pages[data.ancres[id]];
    if (page === undefined) return;
    location.replace(page + location.hash);  // printed by the template as this build addresses pages
  }
  followAnchor();
  window.addEventListener("hashchange", followAnchor);

  /* Material's search dialog has no accessible name (axe/Lighthouse: aria-dialog-name). */
  var dialog = document.querySelector(".md-search[role='dialog']");
  if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
    dialog.setAttribute("aria-label", "Recherche dans le référentiel");
  }

  /* Ids never die: an anchor that names a former id (#old-id) absent from this page lands on the
     statement it now names, whatever its page (window.R4F_ALIAS, written by the build). */
  var script = document.currentScript;
  var racine = script ? script.src.replace(/javascripts\/referentiel\.js(\?.*)?$/, "") : null;
  function suivreAlias() {
    var ancre;
    try { ancre = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!ancre || !racine || document.getElementById(ancre)) return;
    var cible = (window.R4F_ALIAS || {})[ancre];
    if (!cible) return;
    location.replace(racine + cible);  // the build wrote it as its pages are addressed (files, offline)
  }
  suivreAlias();
  window.addEventListener("hashchange", suivreAlias);

  /* Projection (projection.css, then projection.js) and the wall's filters (mur.js) load only
     where and when they serve: most visits never project. A « Projeter » button (its only handler is
     here) asks the browser for full screen (its click is the gesture the browser wants), waits for them,
     then enters projection. An address with ?projection is read once, by overrides/main.html's head
     script: its class on <html> says so. */
  function charger(nom) {
    return new Promise(function (resolve, reject) {
      var css = /\.css$/.test(nom);
      var el = document.createElement(css ? "link" : "script");
      el.onload = resolve;
      el.onerror = reject;
      if (css) { el.rel = "stylesheet"; el.href = racine + nom; document.head.appendChild(el); }
      else { el.src = racine + nom; document.body.appendChild(el); }
    });
  }
  var projection = null;
  var mur = null;
  function chargerProjection() {
    if (!projection) {
      // ?projection: overrides/main.html has already linked the stylesheet, before the first paint
      var css = document.getElementById("r4f-projection-css") ? Promise.resolve() : charger("stylesheets/projection.css");
      // the wall filters first (?de=…&a=…): projection starts on what the room is shown
      projection = Promise.all([css, mur]).then(function () { return charger("javascripts/projection.js"); });
    }
    return projection;
  }
  if (racine) {
    if (document.querySelector("[data-r4f-mur]")) mur = charger("javascripts/mur.js");
    if (document.documentElement.classList.contains("r4f-projection")) chargerProjection();
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-r4f-projeter]");
      if (!button) return;
      var ecran = document.documentElement;
      if (!document.fullscreenElement && ecran.requestFullscreen) ecran.requestFullscreen().catch(function () {});
      event.preventDefault();
      var pasAPas = button.getAttribute("data-r4f-projeter") === "pas-a-pas";
      chargerProjection().then(function () {
        if (!window.r4fProjection.isOn()) window.r4fProjection.enter({ stepwise: pasAPas });
      });
    });
  }

  /* Provenance filter of an actor page (hidden without script): every statement, only the original
     publication's, or only the enrichments. Statements carry data-origine. */
  var filtre = document.querySelector(".r4f-filtre-origine");
  if (filtre) {
    filtre.hidden = false;
    filtre.addEventListener("change", function (event) {
      var choix = event.target.value;
      Array.prototype.forEach.call(document.querySelectorAll("[data-origine]"), function (item) {
        item.hidden = choix !== "tout" && item.getAttribute("data-origine") !== choix;
      });
      announce(event.target.getAttribute("data-annonce"));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".r4f-copier");
    if (button) {
      var url = location.href.split("#")[0] + "#" + button.getAttribute("data-ancre");
      copyText(url).then(function () {
        button.setAttribute("data-copie", "oui");
        showCopied(button);
        announce("Lien copié : " + url);
      }, function () {
        history.replaceState(null, "", "#" + button.getAttribute("data-ancre"));
        announce("Copie impossible : le lien est maintenant dans la barre d'adresse.");
      });
      return;
    }
    if (event.target.closest(".r4f-ouvrir-recherche")) {
      var toggle = document.getElementById("__search");
      var input = document.querySelector(".md-search__input");
      if (toggle && !toggle.checked) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
      if (input) input.focus();
      return;
    }
    if (event.target.closest(".r4f-imprimer")) {
      window.print();
    }
  });
})();
