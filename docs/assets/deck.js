/* learnhub: a deck of your own on the prompt library. No framework, no remote requests.
 *
 * Without this script the page prints as a list, as before. With it, every prompt gets a tick box,
 * every day and theme a box that ticks all of its prompts, and the choice is kept in the query
 * string (?deck=id,id,...) so a deck can be shared as a link. Printing the page with a deck chosen
 * prints only those prompts, as cards nine to a page with cut lines (learnhub.css, @media print).
 */
(function () {
  "use strict";

  var PARAM = "deck";

  function chosenFromUrl() {
    var value = new URLSearchParams(location.search).get(PARAM);
    return new Set(value ? value.split(",") : []);
  }

  function box(label, extraClass) {
    var wrap = document.createElement("label");
    wrap.className = "lh-pick " + extraClass;
    var input = document.createElement("input");
    input.type = "checkbox";
    var text = document.createElement("span");
    text.textContent = label;
    wrap.appendChild(input);
    wrap.appendChild(text);
    return { wrap: wrap, input: input };
  }

  function setup() {
    var bar = document.querySelector(".lh-deckbar");
    var deck = document.querySelector(".lh-deck");
    if (!bar || !deck || bar.dataset.ready) return;
    bar.dataset.ready = "1";
    var count = bar.querySelector(".lh-deckbar__count");
    var link = bar.querySelector(".lh-deckbar__link");
    var prompts = [];   /* {id, text, listen, label, input} in page order */
    var byId = {};
    var groups = [];    /* {input, ids} */
    var current = null;

    var article = bar.closest("article") || document;
    Array.prototype.forEach.call(article.querySelectorAll("h2[id], h3.lh-prompt, ul.lh-also a"), function (el) {
      if (el.tagName === "H2") {
        var title = el.firstChild ? el.textContent.replace(/¶$/, "").trim() : "";
        var pick = box("Add all of " + title + " to my deck", "lh-pick--group");
        el.parentNode.insertBefore(pick.wrap, el.nextSibling);
        current = { title: title, input: pick.input, ids: [] };
        groups.push(current);
        return;
      }
      if (el.tagName === "A") {  /* a prompt of another group that is also on this theme */
        if (current) current.ids.push(el.getAttribute("href").slice(1));
        return;
      }
      var listen = el.nextElementSibling;
      var question = el.textContent.replace(/¶$/, "").trim();
      var pick = box("Add to my deck", "lh-pick--prompt");
      pick.input.value = el.id;
      pick.input.setAttribute("aria-label", "Add to my deck: " + question);
      el.parentNode.insertBefore(pick.wrap, el.nextSibling);
      var prompt = {
        id: el.id, text: question, input: pick.input, label: current ? current.title : "",
        listen: listen && listen.classList.contains("lh-listen") ? listen.textContent : ""
      };
      prompts.push(prompt);
      byId[prompt.id] = prompt;
      if (current) current.ids.push(prompt.id);
    });

    function chosen() {
      return prompts.filter(function (p) { return p.input.checked; });
    }

    function card(prompt) {
      var el = document.createElement("div");
      el.className = "lh-deck__card";
      [["lh-deck__label", prompt.label], ["lh-deck__question", prompt.text],
       ["lh-deck__listen", prompt.listen], ["lh-deck__id", prompt.id]].forEach(function (part) {
        if (!part[1]) return;
        var p = document.createElement("p");
        p.className = part[0];
        p.textContent = part[1];
        el.appendChild(p);
      });
      return el;
    }

    /* Refresh the count, the group boxes, the printable sheets and (if asked) the URL. */
    function apply(updateUrl) {
      var picked = chosen();
      count.textContent = String(picked.length);
      groups.forEach(function (g) {
        var n = g.ids.filter(function (id) { return byId[id] && byId[id].input.checked; }).length;
        g.input.checked = n > 0 && n === g.ids.length;
        g.input.indeterminate = n > 0 && n < g.ids.length;
      });
      while (deck.firstChild) deck.removeChild(deck.firstChild);
      for (var i = 0; i < picked.length; i += 9) {
        var sheet = document.createElement("div");
        sheet.className = "lh-deck__sheet";
        picked.slice(i, i + 9).forEach(function (p) { sheet.appendChild(card(p)); });
        deck.appendChild(sheet);
      }
      document.documentElement.classList.toggle("lh-has-deck", picked.length > 0);
      var params = new URLSearchParams(location.search);
      if (picked.length) {
        params.set(PARAM, picked.map(function (p) { return p.id; }).join(","));
      } else {
        params.delete(PARAM);
      }
      var query = params.toString().replace(/%2C/g, ",");
      var url = location.pathname + (query ? "?" + query : "");
      link.setAttribute("href", url);
      if (updateUrl) {
        try {
          history.replaceState(history.state, "", url + location.hash);
        } catch (e) {
          /* some browsers refuse to rewrite a file:// address; the link above still holds the deck */
        }
      }
    }

    prompts.forEach(function (p) {
      p.input.addEventListener("change", function () { apply(true); });
    });
    groups.forEach(function (g) {
      g.input.addEventListener("change", function () {
        var on = g.input.checked;
        g.ids.forEach(function (id) { if (byId[id]) byId[id].input.checked = on; });
        apply(true);
      });
    });
    bar.querySelector(".lh-deckbar__print").addEventListener("click", function () { window.print(); });
    bar.querySelector(".lh-deckbar__clear").addEventListener("click", function () {
      prompts.forEach(function (p) { p.input.checked = false; });
      apply(true);
    });

    var wanted = chosenFromUrl();
    prompts.forEach(function (p) { p.input.checked = wanted.has(p.id); });
    bar.hidden = false;
    apply(false);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup); /* Material's instant navigation */
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
