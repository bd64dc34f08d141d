/* The entry grid (templates/indicators/entry_grid.html): keyboard moves between cells like a
   spreadsheet, and each input says whether the last save found an error in it. htmx saves the
   row (hx-trigger="change from:#t-<row>"); this file sends nothing itself. No inline script:
   the Content Security Policy allows scripts from 'self' only. */
(function () {
  "use strict";

  function fields(grid) {
    return Array.prototype.filter.call(
      grid.querySelectorAll("input[data-col], select[data-col]"),
      function (field) { return !field.disabled && field.type !== "hidden"; }
    );
  }

  // The next (step 1) or previous (step -1) field of the same column, else the next in order.
  function neighbour(grid, field, step) {
    var all = fields(grid);
    var index = all.indexOf(field);
    var column = field.getAttribute("data-col");
    for (var i = index + step; i >= 0 && i < all.length; i += step) {
      if (all[i].getAttribute("data-col") === column) return all[i];
    }
    return all[index + step] || null;
  }

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    var grid = field.closest ? field.closest("table.entry-grid") : null;
    if (!grid || !field.hasAttribute("data-col")) return;
    var step = 0;
    if (event.key === "Enter" && !event.altKey && !event.ctrlKey && !event.metaKey) step = event.shiftKey ? -1 : 1;
    // Up and down arrows move between rows in text inputs; in a list they choose an option.
    if (field.tagName === "INPUT" && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      step = event.key === "ArrowDown" ? 1 : -1;
    }
    if (!step) return;
    event.preventDefault();  // Enter would submit the row's form: leaving the cell saves it
    var next = neighbour(grid, field, step);
    if (next) {
      next.focus();
      if (next.select) next.select();
    } else {
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  // After a save: aria-invalid on the inputs whose error slot holds a message.
  function markErrors() {
    document.querySelectorAll("table.entry-grid .cell-error[id]").forEach(function (slot) {
      var field = document.querySelector('[aria-describedby="' + slot.id + '"]');
      if (!field) return;
      if (slot.textContent.trim()) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    });
  }
  document.addEventListener("htmx:afterSettle", markErrors);
  document.addEventListener("DOMContentLoaded", markErrors);
})();
