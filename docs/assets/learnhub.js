/* learnhub: small progressive enhancements. No framework, no remote requests. */
(function () {
  "use strict";

  /* During the campaign week, point to today's conversation on the home page. */
  function markToday() {
    var week = document.getElementById("lh-week");
    if (!week || week.dataset.lhToday) return;
    week.dataset.lhToday = "1";
    var now = new Date();
    var today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
      String(now.getDate()).padStart(2, "0");
    var items = week.querySelectorAll("li[data-date]");
    for (var i = 0; i < items.length; i++) {
      if (items[i].dataset.date !== today) continue;
      var item = items[i];
      var link = item.querySelector("a");
      item.classList.add("is-today");
      var note = document.createElement("p");
      note.className = "lh-today";
      note.setAttribute("role", "status");
      var strong = document.createElement("strong");
      strong.textContent = week.dataset.today || "Today's conversation: ";
      var a = document.createElement("a");
      a.href = link.getAttribute("href");
      a.textContent = item.querySelector(".lh-week__title").textContent;
      note.appendChild(strong);
      note.appendChild(a);
      week.parentNode.insertBefore(note, week);
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(markToday); /* Material's instant navigation */
  } else {
    document.addEventListener("DOMContentLoaded", markToday);
  }
})();
