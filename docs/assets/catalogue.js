/* learnhub catalogue: filter the resource cards on the page. No framework, no remote requests.
 *
 * The filters are tick boxes rendered with the page (hidden until this script runs, so that
 * without JavaScript every card shows, grouped by topic). Rules, as in generator/catalogue.py:
 * AND across facets, OR within one; an option's count is what ticking it would show, honouring
 * the other facets only. The state lives in the query string (?format=podcast&topic=coaching),
 * so a filtered view can be shared and bookmarked.
 */
(function () {
  "use strict";

  var KEYS = ["format", "topic", "time", "cost", "language", "audience"];

  function words(text) {
    return text ? text.split(" ") : [];
  }

  /* The time band of a card: the first band whose limit it fits under (the last has none). */
  function bandOf(minutes, bands) {
    for (var i = 0; i < bands.length; i++) {
      if (bands[i].max === null || minutes <= bands[i].max) return bands[i].value;
    }
    return "";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function setup(root) {
    var box = root.querySelector(".lh-filterbox");
    var form = root.querySelector(".lh-filters");
    var results = root.querySelector(".lh-results");
    var status = root.querySelector(".lh-results__count");
    var active = root.querySelector(".lh-filterbox__active");
    var empty = root.querySelector(".lh-empty");
    var options = {};
    var bands = [];
    KEYS.forEach(function (key) { options[key] = []; });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (input) {
      if (!options[input.name]) return;
      var option = { input: input, value: input.value, count: input.parentNode.querySelector(".lh-count") };
      options[input.name].push(option);
      if (input.name === "time") {
        bands.push({ value: input.value, max: input.dataset.max ? Number(input.dataset.max) : null });
      }
    });

    var groups = [];
    var cards = [];
    Array.prototype.forEach.call(root.querySelectorAll(".lh-group"), function (el) {
      var group = { el: el, shown: true, visible: 0, n: -1 };
      groups.push(group);
      Array.prototype.forEach.call(el.querySelectorAll(".lh-resource-cards > article"), function (card) {
        var d = card.dataset;
        cards.push({
          el: card, group: group, shown: true,
          values: {
            format: [d.format], topic: words(d.topics), time: [bandOf(Number(d.minutes), bands)],
            cost: [d.cost], language: [d.language], audience: words(d.audience || "employees")  /* employees unless the card says */
          }
        });
      });
    });

    function selection() {
      var chosen = {};
      KEYS.forEach(function (key) {
        chosen[key] = new Set();
        options[key].forEach(function (o) { if (o.input.checked) chosen[key].add(o.value); });
      });
      return chosen;
    }

    function passes(values, chosen) {
      if (!chosen.size) return true;
      for (var i = 0; i < values.length; i++) if (chosen.has(values[i])) return true;
      return false;
    }

    /* Show the matching cards and refresh counts, the live status and (if asked) the URL. */
    function apply(updateUrl) {
      var chosen = selection();
      var counts = {};
      var shown = 0;
      var ticked = 0;
      KEYS.forEach(function (key) { counts[key] = Object.create(null); ticked += chosen[key].size; });
      groups.forEach(function (g) { g.visible = 0; });
      for (var c = 0; c < cards.length; c++) {
        var card = cards[c];
        var failing = null;
        var fails = 0;
        for (var k = 0; k < KEYS.length && fails < 2; k++) {
          if (!passes(card.values[KEYS[k]], chosen[KEYS[k]])) { failing = KEYS[k]; fails++; }
        }
        if (fails < 2) {
          var keys = fails ? [failing] : KEYS;
          for (var j = 0; j < keys.length; j++) {
            var vals = card.values[keys[j]];
            var tally = counts[keys[j]];
            for (var v = 0; v < vals.length; v++) tally[vals[v]] = (tally[vals[v]] || 0) + 1;
          }
        }
        var show = fails === 0;
        if (show) { shown++; card.group.visible++; }
        if (show !== card.shown) { card.shown = show; card.el.hidden = !show; }
      }
      groups.forEach(function (g) {
        var show = g.visible > 0;
        if (show !== g.shown) { g.shown = show; g.el.hidden = !show; }
        if (show && g.visible !== g.n) { g.n = g.visible; g.el.style.setProperty("--lh-n", String(g.n)); }
      });
      KEYS.forEach(function (key) {
        options[key].forEach(function (o) {
          var n = counts[key][o.value] || 0;
          if (o.count.textContent !== String(n)) o.count.textContent = String(n);
          o.input.parentNode.classList.toggle("is-empty", n === 0 && !o.input.checked);
        });
      });
      empty.hidden = shown > 0;
      /* The words come from the page (data-* on the status), so each language's hub has its own. */
      var say = status.dataset;
      var total = plural(cards.length, say.one || "resource", say.many || "resources");
      status.textContent = ticked
        ? (shown ? (say.some || "Showing {shown} of {n}").replace("{shown}", shown).replace("{n}", total)
                 : (say.none || "No resources match these filters"))
        : (say.all || "Showing all {n}").replace("{n}", total);
      active.textContent = ticked ? (active.dataset.selected || "({n} selected)").replace("{n}", ticked) : "";
      if (updateUrl) writeQuery(chosen);
    }

    function readQuery() {
      var params = new URLSearchParams(window.location.search);
      KEYS.forEach(function (key) {
        var wanted = {};
        params.getAll(key).forEach(function (raw) {
          raw.split(",").forEach(function (v) { if (v) wanted[v.trim()] = true; });
        });
        options[key].forEach(function (o) { o.input.checked = wanted[o.value] === true; });
      });
    }

    function writeQuery(chosen) {
      var params = new URLSearchParams(window.location.search);
      KEYS.forEach(function (key) {
        params.delete(key);
        options[key].forEach(function (o) { if (chosen[key].has(o.value)) params.append(key, o.value); });
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "");
      window.history.replaceState(window.history.state, "", url);
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector(".lh-clear").addEventListener("click", function () {
      KEYS.forEach(function (key) { options[key].forEach(function (o) { o.input.checked = false; }); });
      apply(true);
    });

    readQuery();
    apply(false);
    /* open beside the cards on wide screens; folded above them on phones */
    box.open = window.matchMedia("(min-width: 60em)").matches;
    box.hidden = false;
    results.hidden = false;
    root.classList.add("is-live");
  }

  function init() {
    var root = document.querySelector(".lh-catalogue");
    if (!root || root.dataset.lhReady) return;
    root.dataset.lhReady = "1";
    setup(root);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); /* Material's instant navigation swaps the page in */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
