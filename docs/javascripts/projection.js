/* Projection mode: a page shown on a projector, driven from the keyboard.
 *
 * CONTRACT (for templates and for other scripts)
 * ----------------------------------------------
 * Entering / leaving
 *   - `?projection` in the URL (any value) turns the mode on at load;
 *     `?projection=pas-a-pas` also turns the step-by-step reveal on.
 *     `…/page/?projection#some-id` starts on the item that has (or contains) id `some-id`.
 *   - Any element with `data-r4f-projeter` (the "Projeter" buttons) toggles the
 *     mode when clicked; `data-r4f-projeter="pas-a-pas"` enters it with the reveal on.
 *   - An item with `data-r4f-ancre="name other-name"` is also the start for
 *     `#name` (a matrix cell: `#cellule-agent-etat` or `#agent-etat`).
 *   - `window.r4fProjection` = { enter(options), leave(), toggle(), isOn(),
 *     move(delta), moveTo(index), items() }.
 *   - While on, <html> has the class `r4f-projection` (projection.css hides the
 *     chrome and applies the large AAA palette); with the reveal, also `r4f-pas-a-pas`.
 *
 * Items (what the arrow keys move between), in document order:
 *   `.r4f-enonce`, `.r4f-bulle`, `.r4f-encadre` (statements, existing templates)
 *   and any element with `data-r4f-item` (new markup, e.g. matrix cells).
 *   Hidden items (display: none) are skipped. The current item gets
 *   `tabindex="-1"`, focus, the class `r4f-courant` and is scrolled into view.
 *
 * Grids (phase 2's one-screen matrix): items that carry BOTH `data-ligne` and
 *   `data-colonne` (integers from 1) inside one container with `data-r4f-grille`
 *   move in two dimensions: ←/→ change column, ↑/↓ change row (no wrap).
 *   The grid is one Tab stop (roving tabindex: the current cell has tabindex 0,
 *   the others -1); a click on a cell opens it.
 *   All other items move linearly (→/↓ next, ←/↑ previous).
 *
 * Opening (Enter):
 *   - if the item has `data-r4f-ouvrir="URL-or-#id"`, that address is followed
 *     (keep `?projection` in it to stay in the mode);
 *   - otherwise a cancellable `r4f:ouvrir` event is dispatched on the item
 *     (detail: { item }); if no listener cancels it, the item is shown alone,
 *     full screen (class `r4f-ouvert` on it, `r4f-un-seul` on <html>).
 *   Esc closes the legend, then an opened item, then leaves the mode.
 *
 * Step-by-step reveal ("guess first, then show"): key `p` or `?projection=pas-a-pas`.
 *   Items after the current one inside the same reveal group are hidden
 *   (class `r4f-a-venir`, visibility only: the layout does not jump). A reveal
 *   group is the closest `[data-r4f-revele]` ancestor (a side of a pair), else
 *   the page's content. In an opened item, its `[data-r4f-etape]` parts (the
 *   statements of a matrix cell) are revealed one by one with the arrow keys.
 *
 * Keys (ignored while typing in a field or with Ctrl/Alt/Meta):
 *   ← → ↑ ↓, Home, End, Enter, Esc, p, ? (legend).
 */
(function () {
  "use strict";

  var ITEMS = ".r4f-enonce, .r4f-bulle, .r4f-encadre, [data-r4f-item]";
  var ROOT = document.documentElement;
  var state = { on: false, index: -1, stepwise: false, legend: null, opened: null, lastFocus: null };

  function content() {
    return document.querySelector(".md-content") || document.body;
  }

  function visible(el) {
    return el.getClientRects().length > 0 || el.classList.contains("r4f-a-venir");
  }

  function items() {
    return Array.prototype.filter.call(content().querySelectorAll(ITEMS), function (el) {
      // a statement nested in another item (e.g. in a cell) is not a stop of its own
      var parent = el.parentElement && el.parentElement.closest(ITEMS);
      return !parent && visible(el);
    });
  }

  function isGridItem(el) {
    return el.hasAttribute("data-ligne") && el.hasAttribute("data-colonne") && el.closest("[data-r4f-grille]");
  }

  function groupOf(el) {
    return el.closest("[data-r4f-revele]") || content();
  }

  function applyReveal(list) {
    list.forEach(function (el, i) {
      var hide = state.stepwise && i > state.index && groupOf(el) === groupOf(list[state.index] || el);
      el.classList.toggle("r4f-a-venir", hide);
      if (hide) { el.setAttribute("aria-hidden", "true"); } else { el.removeAttribute("aria-hidden"); }
    });
  }

  function moveTo(index) {
    var list = items();
    if (!list.length) { return; }
    index = Math.max(0, Math.min(list.length - 1, index));
    if (state.opened) { close(); }
    list.forEach(function (el) { el.classList.remove("r4f-courant"); });
    state.index = index;
    var el = list[index];
    el.classList.add("r4f-courant");
    if (isGridItem(el)) {
      // roving tabindex: the grid is one Tab stop, the current cell
      el.closest("[data-r4f-grille]").querySelectorAll("[data-r4f-item]").forEach(function (cell) {
        cell.setAttribute("tabindex", cell === el ? "0" : "-1");
      });
    } else if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "-1"); }
    applyReveal(list);
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "start", behavior: "auto" });
  }

  function current() {
    var list = items();
    var active = document.activeElement;
    var i = active ? list.indexOf(active.closest ? active.closest(ITEMS) : null) : -1;
    return i >= 0 ? i : state.index;
  }

  function moveGrid(el, dRow, dCol) {
    var grid = el.closest("[data-r4f-grille]");
    var row = parseInt(el.getAttribute("data-ligne"), 10) + dRow;
    var col = parseInt(el.getAttribute("data-colonne"), 10) + dCol;
    var target = grid.querySelector('[data-ligne="' + row + '"][data-colonne="' + col + '"]');
    if (target) { moveTo(items().indexOf(target)); }
  }

  function move(delta, axis) {
    var list = items();
    var i = current();
    var el = list[i];
    if (el && axis && isGridItem(el)) {
      moveGrid(el, axis === "ligne" ? delta : 0, axis === "colonne" ? delta : 0);
      return;
    }
    moveTo(i < 0 ? 0 : i + delta);
  }

  function open() {
    var el = items()[current()];
    if (!el) { return; }
    var target = el.getAttribute("data-r4f-ouvrir");
    if (target) { location.href = target; return; }
    var event = new CustomEvent("r4f:ouvrir", { bubbles: true, cancelable: true, detail: { item: el } });
    if (!el.dispatchEvent(event)) { return; }
    state.opened = el;
    el.classList.add("r4f-ouvert");
    el.classList.remove("r4f-a-venir");
    steps(el).forEach(function (step, i) { step.classList.toggle("r4f-a-venir", state.stepwise && i > 0); });
    ROOT.classList.add("r4f-un-seul");
    window.scrollTo(0, 0);
    el.focus({ preventScroll: true });
  }

  // Parts of an opened item revealed one by one in step-by-step mode (e.g. the statements of a cell).
  function steps(el) { return Array.prototype.slice.call(el.querySelectorAll("[data-r4f-etape]")); }

  // In an opened item, step-by-step: → shows the next part, ← hides the last shown. False when nothing changed.
  function step(delta) {
    if (!state.opened || !state.stepwise) { return false; }
    var list = steps(state.opened);
    var hidden = list.filter(function (s) { return s.classList.contains("r4f-a-venir"); });
    if (delta > 0 && hidden.length) {
      hidden[0].classList.remove("r4f-a-venir");
      hidden[0].scrollIntoView({ block: "nearest" });
      return true;
    }
    var shown = list.length - hidden.length;
    if (delta < 0 && shown > 1) { list[shown - 1].classList.add("r4f-a-venir"); return true; }
    return false;
  }

  function close() {
    if (!state.opened) { return; }
    steps(state.opened).forEach(function (s) { s.classList.remove("r4f-a-venir"); });
    state.opened.classList.remove("r4f-ouvert");
    ROOT.classList.remove("r4f-un-seul");
    var el = state.opened;
    state.opened = null;
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
  }

  function legend() {
    if (state.legend) { return state.legend; }
    var box = document.createElement("div");
    box.className = "r4f-legende-touches";
    box.id = "r4f-legende-touches";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", "r4f-legende-touches-titre");
    box.setAttribute("tabindex", "-1");
    box.hidden = true;
    var rows = [
      ["→ ou ↓", "énoncé suivant (dans la matrice : case suivante de la ligne ou de la colonne)"],
      ["← ou ↑", "énoncé précédent (dans la matrice : case précédente de la ligne ou de la colonne)"],
      ["Début / Fin", "premier / dernier énoncé"],
      ["Entrée", "ouvrir en plein écran"],
      ["Échap", "fermer, puis quitter la projection"],
      ["P", "dévoiler pas à pas (deviner d’abord, puis montrer)"],
      ["?", "afficher ou masquer cette légende"]
    ];
    var html = '<p class="r4f-legende-touches-titre" id="r4f-legende-touches-titre">Touches de la projection</p><dl>';
    rows.forEach(function (r) { html += "<dt><kbd>" + r[0] + "</kbd></dt><dd>" + r[1] + "</dd>"; });
    html += '</dl><p><button type="button" class="md-button" data-r4f-fermer-legende>Fermer</button></p>';
    box.innerHTML = html; // fixed text above, no data
    document.body.appendChild(box);
    state.legend = box;
    return box;
  }

  function toggleLegend(show) {
    var box = legend();
    show = show === undefined ? box.hidden : show;
    if (show) { state.lastFocus = document.activeElement; }
    box.hidden = !show;
    if (show) { box.focus(); } else if (state.lastFocus && state.lastFocus.focus) { state.lastFocus.focus({ preventScroll: true }); }
  }

  function setUrl(on) {
    var params = new URLSearchParams(location.search);
    var value = params.get("projection");
    params.delete("projection");
    var rest = params.toString();
    var search = on ? "?projection" + (value ? "=" + encodeURIComponent(value) : "") + (rest ? "&" + rest : "")
                    : (rest ? "?" + rest : "");
    history.replaceState(history.state, "", location.pathname + search + location.hash);
  }

  function startIndex() {
    var id = decodeURIComponent(location.hash.slice(1));
    // an item may answer to other names than its id (a matrix cell: « cellule-agent-etat », « agent-etat »)
    var named = id && document.querySelector('[data-r4f-ancre~="' + id.replace(/["\\]/g, "") + '"]');
    var el = named || (id && document.getElementById(id));
    if (!el) { return 0; }
    var list = items();
    var i = list.indexOf(el.closest(ITEMS));
    if (i < 0) {
      i = list.findIndex(function (item) { return el.contains(item) || (el.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING); });
    }
    return Math.max(0, i);
  }

  function enter(options) {
    options = options || {};
    state.on = true;
    state.stepwise = !!options.stepwise;
    ROOT.classList.add("r4f-projection");
    ROOT.classList.toggle("r4f-pas-a-pas", state.stepwise);
    setUrl(true);
    moveTo(options.index === undefined ? startIndex() : options.index);
  }

  function leave() {
    close();
    toggleLegend(false);
    state.on = false;
    state.stepwise = false;
    ROOT.classList.remove("r4f-projection", "r4f-pas-a-pas");
    items().forEach(function (el) {
      el.classList.remove("r4f-courant", "r4f-a-venir");
      el.removeAttribute("aria-hidden");
    });
    setUrl(false);
  }

  function toggle() { if (state.on) { leave(); } else { enter(); } }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (!state.on || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) { return; }
    var legendOpen = state.legend && !state.legend.hidden;
    var handled = true;
    switch (event.key) {
      case "?": toggleLegend(); break;
      case "Escape":
        if (legendOpen) { toggleLegend(false); } else if (state.opened) { close(); } else { leave(); }
        break;
      default:
        if (legendOpen) { handled = event.key !== "Tab"; break; }
        switch (event.key) {
          case "ArrowRight": if (!step(1)) { move(1, "colonne"); } break;
          case "ArrowLeft": if (!step(-1)) { move(-1, "colonne"); } break;
          case "ArrowDown": if (!step(1)) { move(1, "ligne"); } break;
          case "ArrowUp": if (!step(-1)) { move(-1, "ligne"); } break;
          case "Home": moveTo(0); break;
          case "End": moveTo(items().length - 1); break;
          case "Enter":
            if (event.target.closest && event.target.closest("a[href], button")) { handled = false; } else { open(); }
            break;
          case "p": case "P":
            state.stepwise = !state.stepwise;
            ROOT.classList.toggle("r4f-pas-a-pas", state.stepwise);
            moveTo(current());
            break;
          default: handled = false;
        }
    }
    if (handled) { event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-r4f-fermer-legende]")) { toggleLegend(false); return; }
    var button = event.target.closest("[data-r4f-projeter]");
    if (button) {
      event.preventDefault();
      if (state.on) { leave(); } else { enter({ stepwise: button.getAttribute("data-r4f-projeter") === "pas-a-pas" }); }
      return;
    }
    // a click on a cell of the one-screen matrix opens it, like Enter
    var cell = state.on && !state.opened && event.target.closest("[data-r4f-grille] [data-r4f-item]");
    if (cell && !event.target.closest("a[href], button")) {
      moveTo(items().indexOf(cell));
      open();
    }
  });

  window.r4fProjection = {
    enter: enter, leave: leave, toggle: toggle,
    isOn: function () { return state.on; },
    move: move, moveTo: moveTo, items: items
  };

  var params = new URLSearchParams(location.search);
  if (params.has("projection")) {
    enter({ stepwise: params.get("projection") === "pas-a-pas" });
  }
})();
