/* Le mur des messages: filter the bubbles by sender and by recipient.
 * Markup (overrides/referentiel/mur.html): a form `[data-r4f-mur]` (hidden until this script runs) with
 * two selects `[data-r4f-filtre="de"|"a"]`, a status line `[data-r4f-mur-compte]`, the words of every
 * count in `#r4f-mur-comptes` (JSON, from views.salle.mur: comptes[n] says n messages shown), the bubbles
 * in `.r4f-mur-case[data-de][data-a]`.
 * The filters live in the address (`?de=elu&a=etat`): a filtered wall can be prepared, bookmarked,
 * projected (`?projection&de=elu&a=etat`). Works offline (no request); without the script every message
 * is shown. After a change, the form sends `r4f:filtre` (projection.js then starts at the first bubble). */
(function () {
  "use strict";
  var form = document.querySelector("[data-r4f-mur]");
  if (!form) { return; }
  var cases = Array.prototype.slice.call(document.querySelectorAll(".r4f-mur-case"));
  var count = form.querySelector("[data-r4f-mur-compte]");
  var words = JSON.parse(document.getElementById("r4f-mur-comptes").textContent);
  var none = document.querySelector("[data-r4f-mur-aucun]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("[data-r4f-filtre]"));

  function apply() {
    var want = {};
    selects.forEach(function (s) { want[s.getAttribute("data-r4f-filtre")] = s.value; });
    var shown = 0;
    cases.forEach(function (c) {
      var ok = (!want.de || c.getAttribute("data-de") === want.de) && (!want.a || c.getAttribute("data-a") === want.a);
      c.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = words[shown];
    none.hidden = shown > 0;
    return want;
  }

  /* The address says the filters: read once here, written at each change (other parameters kept). */
  function write(want) {
    var kept = location.search.slice(1).split("&").filter(function (p) { return p && !/^(de|a)(=|$)/.test(p); });
    Object.keys(want).forEach(function (k) { if (want[k]) { kept.push(k + "=" + encodeURIComponent(want[k])); } });
    history.replaceState(history.state, "", location.pathname + (kept.length ? "?" + kept.join("&") : "") + location.hash);
  }

  var asked = new URLSearchParams(location.search);
  selects.forEach(function (s) {
    var value = asked.get(s.getAttribute("data-r4f-filtre"));
    if (value && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) { s.value = value; }
    s.addEventListener("change", function () {
      write(apply());
      form.dispatchEvent(new CustomEvent("r4f:filtre", { bubbles: true }));  // projection.js starts again
    });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
