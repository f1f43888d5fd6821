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

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".r4f-copier");
    if (button) {
      var url = location.href.split("#")[0] + "#" + button.getAttribute("data-ancre");
      copyText(url).then(function () {
        button.setAttribute("data-copie", "oui");
        announce("Lien copié : " + url);
      }, function () {
        history.replaceState(null, "", "#" + button.getAttribute("data-ancre"));
        announce("Copie impossible : le lien est maintenant dans la barre d'adresse.");
      });
      return;
    }
    if (event.target.closest(".r4f-imprimer")) {
      window.print();
    }
  });
})();
