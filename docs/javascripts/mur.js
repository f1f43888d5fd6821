/* Le mur des messages: filter the bubbles by sender and by recipient.
 * Markup (overrides/referentiel/mur.html): a form `[data-r4f-mur]` (hidden until
 * this script runs) with two selects `[data-r4f-filtre="de"|"a"]`, a status line
 * `[data-r4f-mur-compte]`, the bubbles in `.r4f-mur-case[data-de][data-a]`.
 * Works offline (no request), and without the script every message is shown. */
(function () {
  "use strict";
  var form = document.querySelector("[data-r4f-mur]");
  if (!form) { return; }
  var cases = Array.prototype.slice.call(document.querySelectorAll(".r4f-mur-case"));
  var count = form.querySelector("[data-r4f-mur-compte]");
  var none = document.querySelector("[data-r4f-mur-aucun]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("[data-r4f-filtre]"));

  function words(n) {
    var s = n > 1 ? "s" : "";
    return n + " message" + s + " affiché" + s + " sur " + cases.length;
  }

  function apply() {
    var want = {};
    selects.forEach(function (s) { want[s.getAttribute("data-r4f-filtre")] = s.value; });
    var shown = 0;
    cases.forEach(function (c) {
      var ok = (!want.de || c.getAttribute("data-de") === want.de) && (!want.a || c.getAttribute("data-a") === want.a);
      c.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = words(shown);
    none.hidden = shown > 0;
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
