/* Projection mode: a page shown on a projector, driven from the keyboard.
 *
 * CONTRACT (for templates and for other scripts)
 * ----------------------------------------------
 * Entering / leaving
 *   - The address is read once, by the script in overrides/main.html's head: `?projection` (any value)
 *     sets the class `r4f-projection` on <html>, `?projection=pas-a-pas` also `r4f-pas-a-pas`; this
 *     script starts in the mode they say. `…/page/?projection#some-id` starts at the item that has (or
 *     contains, or follows) id `some-id`.
 *   - An element with `data-r4f-projeter` (the « Projeter » buttons) enters the mode when clicked;
 *     `data-r4f-projeter="pas-a-pas"` with the reveal on. referentiel.js handles that click: it asks the
 *     browser for full screen (the user's gesture), loads this script, then calls enter(); leaving
 *     projection leaves full screen.
 *   - An item with `data-r4f-ancre="name other-name"` is also the start for `#name`.
 *   - `window.r4fProjection` = { enter(options), leave(), isOn(), items(), step() }.
 *   - What it says comes from the page (views/projection.py, printed by _enonce.html's `projeter`):
 *     the key legend `#r4f-legende-touches`, the words `[data-r4f-aide]` shown when it starts.
 *
 * Items (what the keys move between), in document order: `.r4f-enonce`, `.r4f-bulle`, `.r4f-encadre`
 *   and any element with `data-r4f-item`; hidden ones (display: none) are skipped; an item inside another
 *   is not a stop of its own. The current item gets focus and the class `r4f-courant`.
 *
 * Nothing is hidden without a cue. The text of a page belongs to the item it precedes (its headings,
 *   its introduction; what follows the last item, to the last item). When an item and its text do not
 *   fit the screen, → ↓ and Page suivante walk them in steps, line by line never cut, before moving on;
 *   the cue `.r4f-etapes` says « 2/3 ». An opened item (Enter: it alone, full screen) is first scaled down
 *   to fit, never below 28 px, then walked the same way.
 *
 * Grids (the one-screen matrix): items that carry `data-ligne` and `data-colonne` (from 1) inside
 *   `[data-r4f-grille]` move in two dimensions (no wrap), one Tab stop (roving tabindex); a click opens a
 *   cell. Each cell's `.r4f-case-boite` holds its titles: the grid takes the screen, and each cell's text
 *   the largest size that fits its cell, 20 px at the least; a cell that cannot hold them all at 20 px
 *   shows those that fit whole and its `.r4f-case-suite` (« La suite : Entrée »).
 *
 * Opening (Enter, or a click on a cell): the item alone, full screen (`r4f-ouvert`; `r4f-un-seul` on
 *   <html>); its `.r4f-detail`, if any, stands for it (the whole statement where only its title is listed).
 *   Esc closes the legend, then an opened item, then leaves the mode.
 *
 * Guess first (key `p`, `?projection=pas-a-pas`): every item not yet shown is hidden (`r4f-a-venir`:
 *   visibility hidden, so neither seen nor in the accessibility tree; a grid cell keeps its frame). It starts
 *   with none shown, the current one too: → ↓ shows it, then moves on to the next, hidden until shown; in
 *   the grid, a cell is shown when the arrows reach it (or it is opened). In an opened item, its
 *   `[data-r4f-etape]` parts (the statements of a cell) are shown one by one.
 */
(function () {
  "use strict";

  var ITEMS = ".r4f-enonce, .r4f-bulle, .r4f-encadre, [data-r4f-item]";
  var ROOT = document.documentElement;
  var GRILLE_MIN = 20;   // px: the smallest text of the one-screen matrix
  var OUVERT_MIN = 28;   // px: the smallest text of an opened item
  var state = { on: false, index: -1, stepwise: false, opened: null, lastFocus: null, seen: [], aide: null,
                start: null, shown: null };

  function content() { return document.querySelector(".md-content") || document.body; }
  function legend() { return document.getElementById("r4f-legende-touches"); }
  function px(el) { return parseFloat(getComputedStyle(el).fontSize); }
  function base() { return px(content().querySelector(".md-typeset") || document.body); }  // the page's text size

  function items() {
    return Array.prototype.filter.call(content().querySelectorAll(ITEMS), function (el) {
      var parent = el.parentElement && el.parentElement.closest(ITEMS);
      return !parent && (el.getClientRects().length > 0 || el.classList.contains("r4f-a-venir"));
    });
  }

  function isGridItem(el) {
    return el.hasAttribute("data-ligne") && el.hasAttribute("data-colonne") && el.closest("[data-r4f-grille]");
  }

  /* The largest whole size in [min, max] for which fits(size) holds (fits is true at min, or min). */
  function largest(min, max, fits) {
    var lo = min, hi = Math.max(min, Math.floor(max));
    while (lo < hi) {
      var mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) { lo = mid; } else { hi = mid - 1; }
    }
    fits(lo);
    return lo;
  }

  // -- steps: lines of text, never cut -------------------------------------------------------------

  /* Top and bottom of every line of text under `nodes`, in the scroller's coordinates. */
  function lines(nodes, scroller) {
    var range = document.createRange();
    var origin = scroller === document.scrollingElement ? -window.scrollY : scroller.getBoundingClientRect().top - scroller.scrollTop;
    var out = [];
    nodes.forEach(function (node) {
      range.selectNodeContents(node);
      Array.prototype.forEach.call(range.getClientRects(), function (r) {
        if (r.height > 0) { out.push({ top: r.top - origin, bottom: r.bottom - origin }); }
      });
    });
    return out.sort(function (a, b) { return a.top - b.top; });
  }

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT; }
    });
    var out = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) { out.push(n); }
    return out;
  }

  /* The text of the page that goes with item i: from the end of the previous item to the end of this one
     (the last item also takes what follows it). */
  function regionNodes(list, i) {
    var prev = list[i - 1], own = list[i], last = i === list.length - 1;
    return textNodes(content()).filter(function (n) {
      var afterPrev = !prev || (!prev.contains(n) && (prev.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING));
      var upToOwn = last || own.contains(n) || (own.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING);
      return afterPrev && upToOwn;
    });
  }

  function cue() {
    var box = document.querySelector(".r4f-etapes");
    if (!box) {
      box = document.createElement("p");
      box.className = "r4f-etapes";
      box.setAttribute("role", "status");
      document.body.appendChild(box);
    }
    return box;
  }

  /* Where each step starts: a new step at the first line that would not be whole on screen. */
  function stepStarts(all, height) {
    var starts = [];
    all.forEach(function (line) {
      if (!starts.length || line.bottom > starts[starts.length - 1] + height) { starts.push(line.top); }
    });
    return starts.length ? starts : [0];
  }

  /* The band at the bottom of the screen that the step cue and the words shown at the start may cover:
     text there belongs to the next step. */
  function reserve() {
    var tops = [cue()].concat(Array.prototype.slice.call(document.querySelectorAll("[data-r4f-aide]:not([hidden])")))
      .map(function (el) { return el.getBoundingClientRect().top; })
      .filter(function (top) { return top > window.innerHeight / 2; });  // a box at the top covers no step's end
    return Math.max(0, window.innerHeight - Math.min.apply(null, tops.concat(window.innerHeight)));
  }

  function view() {
    var scroller = state.opened || document.scrollingElement;
    var pad = base() * 0.4;
    var height = (state.opened ? scroller.clientHeight : window.innerHeight) - reserve() - 2 * pad;
    var nodes = state.opened ? textNodes(state.opened) : regionNodes(items(), state.index);
    var all = lines(nodes, scroller);
    var starts = stepStarts(all, height);
    var current = 0;
    var shown = state.shown;
    if (shown && shown.scroller === scroller && Math.abs(scroller.scrollTop - shown.top) < 2) {
      current = Math.min(shown.k, starts.length - 1);  // where the keys left it (the page may not scroll that far)
    } else {
      starts.forEach(function (s, k) { if (s <= scroller.scrollTop + pad + 1) { current = k; } });
    }
    var top = scroller.scrollTop;
    var onScreen = all.every(function (l) { return l.top >= top && l.bottom <= top + height + 2 * pad; });
    return { scroller: scroller, starts: starts, current: current, pad: pad, onScreen: onScreen };
  }

  function showStep(v, k) {
    v.scroller.scrollTop = Math.max(0, v.starts[k] - v.pad);
    state.shown = { scroller: v.scroller, k: k, top: v.scroller.scrollTop };
    var box = cue();
    box.classList.toggle("r4f-etapes-vide", v.starts.length < 2);
    box.textContent = (k + 1) + "/" + v.starts.length + (k + 1 < v.starts.length ? " ↓" : "");
  }

  function firstStep() {
    if (!state.on || !stepping()) { cue().classList.add("r4f-etapes-vide"); return; }
    var v = view();
    if (state.start) {
      // a prepared link to a heading: the step that shows it
      var top = state.start.getBoundingClientRect().top + v.scroller.scrollTop;
      var k = 0;
      v.starts.forEach(function (s, j) { if (s <= top + 1) { k = j; } });
      state.start = null;
      showStep(v, k);
      return;
    }
    if (v.onScreen && v.starts.length === 1) {  // already whole on the screen: the page stays where it is
      state.shown = { scroller: v.scroller, k: 0, top: v.scroller.scrollTop };
      cue().classList.add("r4f-etapes-vide");
      return;
    }
    showStep(v, 0);
  }

  /* Steps belong to an opened item, or to a page's item; the one-screen matrix has none. */
  function stepping() { return state.opened || !isGridItem(items()[state.index] || document.body); }

  /* → ↓ Page suivante: reveal (guess first, opened), then the next step; false when there is none. */
  function stepForward() {
    if (!stepping()) { return false; }
    if (state.opened && revealNextPart()) { return true; }
    var v = view();
    if (v.current + 1 < v.starts.length) { showStep(v, v.current + 1); return true; }
    return false;
  }

  function stepBack() {
    if (!stepping()) { return false; }
    var v = view();
    if (v.current > 0) { showStep(v, v.current - 1); return true; }
    return false;
  }

  // -- guess first ---------------------------------------------------------------------------------

  function applyReveal(list) {
    list.forEach(function (el) {
      el.classList.toggle("r4f-a-venir", state.stepwise && state.seen.indexOf(el) < 0);
    });
  }

  function parts(el) { return Array.prototype.slice.call(el.querySelectorAll("[data-r4f-etape]")); }

  function revealNextPart() {
    var next = parts(state.opened).filter(function (p) { return p.classList.contains("r4f-a-venir"); })[0];
    if (!next) { return false; }
    next.classList.remove("r4f-a-venir");
    var v = view();
    var top = next.getBoundingClientRect().top - state.opened.getBoundingClientRect().top + state.opened.scrollTop;
    var bottom = top + next.getBoundingClientRect().height;
    if (bottom > state.opened.scrollTop + state.opened.clientHeight - reserve()) {
      var k = 0;
      v.starts.forEach(function (s, j) { if (s <= top + 1) { k = j; } });
      showStep(v, k);
    } else {
      showStep(v, v.current);
    }
    return true;
  }

  // -- moving ----------------------------------------------------------------------------------------

  function reveal(el) {
    if (state.seen.indexOf(el) < 0) { state.seen.push(el); }
    applyReveal(items());
  }

  /* Guess first: the current item, not shown yet, is what → ↓ shows (false when it is shown). */
  function revealCurrent() {
    var el = items()[state.index];
    if (!state.stepwise || state.opened || !el || state.seen.indexOf(el) >= 0 || isGridItem(el)) { return false; }
    reveal(el);
    firstStep();
    return true;
  }

  function moveTo(index, veiled) {
    var list = items();
    if (!list.length) { return; }
    index = Math.max(0, Math.min(list.length - 1, index));
    if (state.opened) { close(); }
    list.forEach(function (el) { el.classList.remove("r4f-courant"); });
    state.index = index;
    var el = list[index];
    if (!veiled && state.seen.indexOf(el) < 0) { state.seen.push(el); }
    el.classList.add("r4f-courant");
    if (isGridItem(el)) {
      el.closest("[data-r4f-grille]").querySelectorAll("[data-r4f-item]").forEach(function (cell) {
        cell.setAttribute("tabindex", cell === el ? "0" : "-1");
      });
    } else if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "-1"); }
    applyReveal(list);
    el.focus({ preventScroll: true });
    firstStep();
  }

  function current() {
    var list = items();
    var active = document.activeElement;
    var i = active && active.closest ? list.indexOf(active.closest(ITEMS)) : -1;
    return i >= 0 ? i : state.index;
  }

  function moveGrid(el, dRow, dCol) {
    var grid = el.closest("[data-r4f-grille]");
    var row = parseInt(el.getAttribute("data-ligne"), 10) + dRow;
    var col = parseInt(el.getAttribute("data-colonne"), 10) + dCol;
    var target = grid.querySelector('[data-ligne="' + row + '"][data-colonne="' + col + '"]');
    if (target) { moveTo(items().indexOf(target)); }
  }

  /* A move of the keys: delta ±1; axis "ligne" or "colonne" in a grid (no wrap), null for Page keys. */
  function move(delta, axis) {
    if (delta > 0 && revealCurrent()) { return; }
    if (delta > 0 ? stepForward() : stepBack()) { return; }
    var list = items();
    var i = current();
    var el = state.opened || list[i];
    if (el && isGridItem(el)) {
      if (axis) { moveGrid(el, axis === "ligne" ? delta : 0, axis === "colonne" ? delta : 0); }
      return;
    }
    // no wrap: the ends stay put; guess first, the next item is reached hidden (the room guesses, → shows it)
    if (i < 0) { moveTo(0, state.stepwise); } else if (list[i + delta]) { moveTo(i + delta, state.stepwise); }
  }

  // -- opening ---------------------------------------------------------------------------------------

  function open() {
    var el = items()[current()];
    if (!el) { return; }
    var target = el.getAttribute("data-r4f-ouvrir");
    if (target) { location.href = target; return; }
    state.opened = el;
    reveal(el);
    el.classList.add("r4f-ouvert");
    parts(el).forEach(function (p, i) { p.classList.toggle("r4f-a-venir", state.stepwise && i > 0); });
    ROOT.classList.add("r4f-un-seul");
    fitOpened(el);
    el.scrollTop = 0;
    el.focus({ preventScroll: true });
    firstStep();
  }

  /* An opened item: a quarter larger than the page's text, scaled down to fit the screen, never below
     OUVERT_MIN. */
  function fitOpened(el) {
    largest(OUVERT_MIN, base() * 1.25, function (size) {
      el.style.fontSize = size + "px";
      return el.scrollHeight <= el.clientHeight;
    });
  }

  function close() {
    if (!state.opened) { return; }
    var el = state.opened;
    parts(el).forEach(function (p) { p.classList.remove("r4f-a-venir"); });
    el.classList.remove("r4f-ouvert");
    el.style.fontSize = "";
    ROOT.classList.remove("r4f-un-seul");
    state.opened = null;
    el.focus({ preventScroll: true });
    firstStep();
  }

  // -- the one-screen matrix -------------------------------------------------------------------------

  /* Row heights when the grid cannot fit at the floor: each row its need, the tallest sharing what is left. */
  function shareRows(needs, room) {
    var order = needs.map(function (n, i) { return i; }).sort(function (a, b) { return needs[a] - needs[b]; });
    var heights = needs.slice();
    var left = room;
    order.forEach(function (row, k) {
      heights[row] = Math.min(needs[row], left / (order.length - k));
      left -= heights[row];
    });
    return heights;
  }

  function boxFits(box) { return box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1; }

  /* A cell that cannot hold all its titles at the floor shows those that fit whole, and says so. */
  function cutCell(box) {
    var more = box.querySelector(".r4f-case-suite");
    var entries = Array.prototype.slice.call(box.querySelectorAll("li, .r4f-case-messages"));
    more.hidden = false;
    for (var i = entries.length - 1; i >= 0 && !boxFits(box); i -= 1) { entries[i].hidden = true; }
    box.closest("[data-r4f-item]").setAttribute("data-r4f-suite", "");
  }

  function resetGrid(grid, boxes) {
    grid.style.fontSize = "";
    grid.style.height = "";
    Array.prototype.forEach.call(grid.tBodies[0].rows, function (row) { row.style.height = ""; });
    boxes.forEach(function (box) {
      box.style.height = "";
      box.style.fontSize = "";
      box.querySelectorAll("[hidden]:not(.r4f-case-suite)").forEach(function (e) { e.hidden = false; });
      box.querySelector(".r4f-case-suite").hidden = true;
      box.closest("[data-r4f-item]").removeAttribute("data-r4f-suite");
    });
  }

  function fitGrid() {
    var grid = document.querySelector("[data-r4f-grille]");
    if (!grid || !state.on || !grid.getClientRects().length) { return; }
    var boxes = Array.prototype.slice.call(grid.querySelectorAll(".r4f-case-boite"));
    var rows = Array.prototype.slice.call(grid.tBodies[0].rows);
    resetGrid(grid, boxes);
    var max = base();
    var room = window.innerHeight - grid.getBoundingClientRect().top - window.scrollY - max * 0.3;
    // one size for the whole grid: the largest at which it takes no more than the screen
    var size = largest(GRILLE_MIN, max, function (s) { grid.style.fontSize = s + "px"; return grid.offsetHeight <= room; });
    var needs = rows.map(function (row) { return row.offsetHeight; });
    var body = room - grid.tHead.offsetHeight;
    var heights = grid.offsetHeight <= room ? null : shareRows(needs, body);
    if (!heights) { grid.style.height = room + "px"; }  // the screen's height, shared by the rows
    heights = heights || rows.map(function (row) { return row.offsetHeight; });
    rows.forEach(function (row, i) { row.style.height = heights[i] + "px"; });
    // each cell: its box is its row's height, its text the largest size that fits it
    boxes.forEach(function (box) {
      var cell = box.closest("td");
      var padding = cell.offsetHeight - cell.clientHeight + parseFloat(getComputedStyle(cell).paddingTop) + parseFloat(getComputedStyle(cell).paddingBottom);
      box.style.height = Math.floor(heights[rows.indexOf(cell.parentElement)] - padding) + "px";
      largest(size, max, function (s) { box.style.fontSize = s + "px"; return boxFits(box); });
      if (!boxFits(box)) { cutCell(box); }
    });
  }

  // -- legend, words, address, full screen -----------------------------------------------------------

  function toggleLegend(show) {
    var box = legend();
    if (!box) { return; }
    show = show === undefined ? box.hidden : show;
    if (show) { state.lastFocus = document.activeElement; }
    box.hidden = !show;
    if (show) { box.focus(); } else if (state.lastFocus && state.lastFocus.focus) { state.lastFocus.focus({ preventScroll: true }); }
  }

  /* The words shown when projection starts: until the first key, eight seconds at most. */
  function say(show) {
    var aide = document.querySelector("[data-r4f-aide]");
    if (!aide || aide.hidden === !show) { return; }
    aide.hidden = !show;
    window.clearTimeout(state.aide);
    if (show) { state.aide = window.setTimeout(function () { say(false); }, 8000); }
  }

  /* The address keeps the mode (a prepared link is copied from it) and every other parameter. */
  function setUrl() {
    var kept = location.search.slice(1).split("&").filter(function (p) { return p && !/^projection(=|$)/.test(p); });
    if (state.on) { kept.unshift(state.stepwise ? "projection=pas-a-pas" : "projection"); }
    history.replaceState(history.state, "", location.pathname + (kept.length ? "?" + kept.join("&") : "") + location.hash);
  }

  /* The item a link starts at (`#id`, or a name of `data-r4f-ancre`), and the heading it names. */
  function startIndex() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return 0; }
    var named = id && document.querySelector('[data-r4f-ancre~="' + id.replace(/["\\]/g, "") + '"]');
    var el = named || (id && document.getElementById(id));
    if (!el) { return 0; }
    var list = items();
    var i = list.indexOf(el.closest(ITEMS));
    if (i < 0) {
      i = list.findIndex(function (item) { return el.contains(item) || (el.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING); });
      state.start = el;
    }
    return Math.max(0, i);
  }

  function enter(options) {
    options = options || {};
    state.on = true;
    state.stepwise = !!options.stepwise;
    state.seen = [];
    ROOT.classList.add("r4f-projection");
    ROOT.classList.toggle("r4f-pas-a-pas", state.stepwise);
    setUrl();
    fitGrid();
    say(true);
    moveTo(options.index === undefined ? startIndex() : options.index, state.stepwise);
  }

  function leave() {
    close();
    toggleLegend(false);
    state.on = false;
    state.stepwise = false;
    ROOT.classList.remove("r4f-projection", "r4f-pas-a-pas");
    items().forEach(function (el) { el.classList.remove("r4f-courant", "r4f-a-venir"); });
    var grid = document.querySelector("[data-r4f-grille]");
    if (grid) { resetGrid(grid, Array.prototype.slice.call(grid.querySelectorAll(".r4f-case-boite"))); }
    cue().classList.add("r4f-etapes-vide");
    say(false);
    setUrl();
    if (document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen().catch(function () {}); }
  }

  function toggleStepwise() {
    state.stepwise = !state.stepwise;
    state.seen = [];
    ROOT.classList.toggle("r4f-pas-a-pas", state.stepwise);
    setUrl();
    moveTo(current(), state.stepwise);
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  var KEYS = {
    ArrowRight: function () { move(1, "colonne"); },
    ArrowLeft: function () { move(-1, "colonne"); },
    ArrowDown: function () { move(1, "ligne"); },
    ArrowUp: function () { move(-1, "ligne"); },
    PageDown: function () { move(1, null); },
    PageUp: function () { move(-1, null); },
    Home: function () { moveTo(0, state.stepwise); },
    End: function () { moveTo(items().length - 1, state.stepwise); },
    p: toggleStepwise,
    P: toggleStepwise
  };

  document.addEventListener("keydown", function (event) {
    if (!state.on || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) { return; }
    say(false);
    var box = legend();
    var legendOpen = box && !box.hidden;
    var handled = true;
    if (event.key === "?") {
      toggleLegend();
    } else if (event.key === "Escape") {
      if (legendOpen) { toggleLegend(false); } else if (state.opened) { close(); } else { leave(); }
    } else if (legendOpen) {
      handled = event.key !== "Tab";
    } else if (event.key === "Enter") {
      handled = !(event.target.closest && event.target.closest("a[href], button, summary"));
      if (handled) { open(); }
    } else if (KEYS[event.key]) {
      KEYS[event.key]();
    } else {
      handled = false;
    }
    if (handled) { event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-r4f-fermer-legende]")) { toggleLegend(false); return; }
    var cell = state.on && !state.opened && event.target.closest("[data-r4f-grille] [data-r4f-item]");
    if (cell && !event.target.closest("a[href], button")) {
      moveTo(items().indexOf(cell));
      open();
    }
  });

  // the wall's filters changed (mur.js): start again at the first bubble shown
  document.addEventListener("r4f:filtre", function () { if (state.on) { moveTo(0, state.stepwise); } });

  window.addEventListener("resize", function () {
    if (!state.on) { return; }
    fitGrid();
    if (state.opened) { fitOpened(state.opened); }
    firstStep();
  });

  window.r4fProjection = {
    enter: enter, leave: leave, items: items,
    isOn: function () { return state.on; },
    step: function () { var v = view(); return { numero: v.current + 1, total: v.starts.length }; }
  };

  if (ROOT.classList.contains("r4f-projection")) {
    enter({ stepwise: ROOT.classList.contains("r4f-pas-a-pas") });
  }
})();
