/* The search worker: Material for MkDocs 9.8.1's own (workers/search.a7633da7.min.js, named once, in
   overrides/main.html, which points Material here), with accents optional. Same origin, no network.

   Material's worker (lunr) matches words as the index writes them: « etat » would not find « État ».
   This worker receives the page's messages, loads Material's at the first one and hands them on:
   - the index (SETUP): it lists the index's words by their folded form (`plier`);
   - each query (QUERY): each word is written as the index writes it (« etat » → « état », every form
     the index holds), little words (« l' », « de »: lunr's French list) left out; so Material finds,
     shows and highlights the same results with or without accents, and its `?h=` carries words the
     page a result opens really holds;
   - each result (RESULT), on its way back: a word found under one of its forms is not also
     « Non trouvé » under another, and a page listed only to group the sections found on it gets
     their words (Material would give its link an empty `?h=`).
   What it relies on in Material 9.8.1 is named once, here: the message types (SearchMessageType),
   the worker registering one "message" listener and answering with postMessage, `config.separator`,
   `config.fields`, `config.lang`, a result's `items` and their `terms`. tests/test_recherche.py
   fails when a Material update changes the worker's name or this behaviour.
   Under file:// (the offline pack) it runs in iframe-worker's iframe, where `importScripts` is
   asynchronous: the messages wait until Material's worker is there. */
(function (scope) {
  "use strict";

  var SETUP = 0, QUERY = 2, RESULT = 3;

  /* referentiel.francais.plier, step by step: lower case, ligatures and apostrophes, compatibility
     decomposition, no marks. Both are checked against tests/fixtures/pliage.json. */
  function plier(texte) {
    return String(texte).toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/[’ʼ‘]/g, "'")
      .normalize("NFKD").replace(/\p{M}/gu, "");
  }

  /* Every word of the index's fields, as lunr reads them (split by the separator, lower case), with
     the number of documents that hold it: [folded form, word, documents], sorted by folded form. */
  function vocabulaire(index) {
    var separateur = new RegExp(index.config.separator), vus = Object.create(null), entrees = [];
    var champs = Object.keys(index.config.fields);
    index.docs.forEach(function (doc) {
      var ici = Object.create(null);
      champs.forEach(function (champ) {
        if (doc[champ] == null) return;
        [].concat(doc[champ]).join(" ").replace(/<[^>]*>/g, " ").split(separateur).forEach(function (mot) {
          mot = mot.toLowerCase();
          if (!mot || ici[mot]) return;
          ici[mot] = true;
          if (!vus[mot]) entrees.push(vus[mot] = [plier(mot), mot, 0]);
          vus[mot][2] += 1;
        });
      });
    });
    return entrees.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
  }

  /* The start of `mot` whose folded form is `n` characters long (a ligature counts whole). */
  function debut(mot, n) {
    for (var i = 1; i < mot.length; i++) {
      if (plier(mot.slice(0, i)).length >= n) return mot.slice(0, i);
    }
    return mot;
  }

  /* The forms the index writes a word's start in, the most frequent first: « etat » → ["état", …];
     the word itself when the index holds none. */
  function formes(vocab, mot) {
    var cle = plier(mot), bas = 0, haut = vocab.length, poids = Object.create(null), out = [];
    while (bas < haut) {
      var milieu = (bas + haut) >> 1;
      if (vocab[milieu][0] < cle) bas = milieu + 1; else haut = milieu;
    }
    for (var i = bas; i < vocab.length && vocab[i][0].lastIndexOf(cle, 0) === 0; i++) {
      var forme = debut(vocab[i][1], cle.length);
      if (!(forme in poids)) out.push(forme);
      poids[forme] = (poids[forme] || 0) + vocab[i][2];
    }
    out.sort(function (a, b) { return poids[b] - poids[a] || (a < b ? -1 : a > b ? 1 : 0); });
    return out.length ? out : [mot.toLowerCase()];
  }

  /* The query Material receives, and the forms of each of its words (for `completer`). A part
     written in lunr's syntax (*, :, ~, ^, quotes) is left as it is. */
  function reecrire(requete, vocab, separateur, vide) {
    var parties = [];
    requete.trim().split(/\s+/).forEach(function (partie) {
      var signe = /^[+-]/.test(partie) ? partie.charAt(0) : "";
      var corps = partie.slice(signe.length);
      if (/[*:~^"]/.test(corps)) {
        parties.push(partie);
        return;
      }
      corps.split(separateur).forEach(function (mot) {
        if (mot) parties.push({ signe: signe, mot: mot });
      });
    });
    var pleines = parties.filter(function (p) { return typeof p === "string" || !vide(p.mot.toLowerCase()); });
    if (pleines.length) parties = pleines;  /* only little words: searched as typed */
    var groupes = [];
    var texte = parties.map(function (p) {
      if (typeof p === "string") return p;
      var f = formes(vocab, p.mot);
      groupes.push(f);
      return f.map(function (forme) { return p.signe + forme; }).join(" ");
    }).join(" ");
    return { requete: texte, groupes: groupes };
  }

  /* Material's result, made consistent with the forms: in each item, a word found under one form
     is not « Non trouvé » under the others (nor more than once when none is found); an item without
     a word found (a page shown to group its sections) takes those of its group. */
  function completer(items, groupes) {
    items.forEach(function (groupe) {
      var trouves = {};
      groupe.forEach(function (item) {
        groupes.forEach(function (f) {
          var une = f.some(function (forme) { return item.terms[forme] === true; });
          f.forEach(function (forme, i) {
            if (item.terms[forme] === false && (une || i > 0)) delete item.terms[forme];
          });
        });
        Object.keys(item.terms).forEach(function (t) { if (item.terms[t]) trouves[t] = true; });
      });
      groupe.forEach(function (item) {
        var aucun = !Object.keys(item.terms).some(function (t) { return item.terms[t]; });
        if (aucun) item.terms = Object.assign({}, item.terms, trouves);
      });
    });
  }

  scope.r4fRecherche = { plier: plier, vocabulaire: vocabulaire, formes: formes, reecrire: reecrire, completer: completer };
  if (typeof scope.importScripts !== "function") return;  /* read by a test page: nothing to start */

  var ici = scope.document && scope.document.currentScript ? scope.document.currentScript.src : scope.location.href;
  var moteur = /[?&]moteur=([^?&#]+)/.exec(ici)[1];
  var vocab = [], separateur = /\s+/, langues = [], attente = [];

  /* A word of lunr's stop-word lists (those of the index's languages, loaded by Material). */
  function vide(mot) {
    return langues.some(function (langue) {
      var filtre = langue === "en" ? scope.lunr.stopWordFilter : (scope.lunr[langue] || {}).stopWordFilter;
      return typeof filtre === "function" && !filtre(mot);
    });
  }

  var envoyer = scope.postMessage;
  scope.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && message.data.items) {
      completer(message.data.items, attente.shift() || []);
    }
    return envoyer.apply(scope, arguments);
  };

  /* Material's worker (39 KB) is loaded at the first message, the index, which the page sends
     only when the reader searches (overrides/partials/recherche-differee.html): a first visit does
     not download it. Its message handler is kept when it registers, and handed each message. */
  var materiel = null, enAttente = [], charge = null;
  var ecouter = scope.addEventListener;
  scope.addEventListener = function (type, listener) {
    if (type === "message" && materiel === null) {
      materiel = listener;
      return undefined;
    }
    return ecouter.apply(scope, arguments);
  };
  function charger() {
    charge = scope.importScripts(new URL(decodeURIComponent(moteur), ici).href) || true;
    if (typeof charge.then === "function") {  /* iframe-worker: loaded later */
      charge.then(function () { enAttente.splice(0).forEach(function (event) { materiel(event); }); });
    }
  }
  ecouter.call(scope, "message", function (event) {
    var message = event.data;
    if (message && message.type === SETUP) {
      separateur = new RegExp(message.data.config.separator);
      langues = message.data.config.lang;
      vocab = vocabulaire(message.data);
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      var reecrite = reecrire(message.data, vocab, separateur, vide);
      message.data = reecrite.requete;
      attente.push(reecrite.groupes);
    }
    if (charge === null) charger();
    if (materiel) materiel(event); else enAttente.push(event);
  });
})(self);
