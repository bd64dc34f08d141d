/* @mention suggestions in a comment box: <section data-mentions="<JSON URL>"> holding the
   comment form's textarea. Typing "@" and a few letters lists the people who may read the
   thread (the server decides); arrows choose, Enter or Tab inserts "@Full Name", Escape closes.
   Without this script, typing "@Full Name" or "@email" by hand still notifies them. */
(function () {
  "use strict";
  var uid = 0;

  function enhance(section) {
    var box = section.querySelector("textarea");
    if (!box || box.hasAttribute("data-mentions-ready")) return;
    box.setAttribute("data-mentions-ready", "");
    var list = document.createElement("ul");
    list.id = "mentions-" + (++uid);
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.insertAdjacentElement("afterend", list);
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-controls", list.id);
    var results = [], active = -1, timer = 0, asked = "";

    function typed() {  // the "@text" just before the caret, if any
      var before = box.value.slice(0, box.selectionStart);
      var match = /(?:^|\s)@([^@\n]{1,40})$/.exec(before);
      return match ? match[1] : null;
    }
    function close() {
      list.hidden = true;
      list.textContent = "";
      results = [];
      active = -1;
      box.removeAttribute("aria-activedescendant");
    }
    function show() {
      list.textContent = "";
      results.forEach(function (person, index) {
        var item = document.createElement("li");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", index === active ? "true" : "false");
        item.textContent = person.name + (person.organization ? " — " + person.organization : "");
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
        list.appendChild(item);
      });
      list.hidden = !results.length;
      if (active >= 0) box.setAttribute("aria-activedescendant", list.id + "-" + active);
      else box.removeAttribute("aria-activedescendant");
    }
    function choose(index) {
      var text = typed();
      if (text === null || !results[index]) return close();
      var start = box.selectionStart - text.length - 1;
      var insert = results[index].mention + " ";
      box.value = box.value.slice(0, start) + insert + box.value.slice(box.selectionStart);
      box.selectionStart = box.selectionEnd = start + insert.length;
      close();
      box.focus();
    }
    function ask() {
      var text = typed();
      if (text === null) return close();
      asked = text;
      var url = section.getAttribute("data-mentions") + "&q=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (asked !== text) return;  // an older answer
          results = data.results || [];
          active = results.length ? 0 : -1;
          show();
        })
        .catch(close);
    }
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 200);
    });
    box.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        active = (active + (event.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
        show();
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    box.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function enhanceAll() { document.querySelectorAll("section[data-mentions]").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();
