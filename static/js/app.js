/* Concerto: the only first-party script. No inline scripts anywhere (CSP script-src 'self').
   htmx is configured through <meta name="htmx-config"> in templates/base.html. */
(function () {
  "use strict";

  function confirmed(message, event) {
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return false;
    }
    return true;
  }

  // <form data-confirm="..."> or a submit button with data-confirm: ask before submitting.
  // Capture phase, so a refusal also stops htmx from sending hx-post forms.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    confirmed(message, event);
  }, true);

  // Links and non-submit controls with data-confirm (e.g. hx-delete buttons).
  document.addEventListener("click", function (event) {
    var element = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (!element || element.tagName === "FORM") return;
    if (element.form && (element.type === "submit" || element.type === "image")) return; // handled on submit
    confirmed(element.getAttribute("data-confirm"), event);
  }, true);

  // Secret links (includes/secret_link.html): a copy button, shown only where the browser can
  // copy; the status next to it says whether it worked.
  function copyButtons(root) {
    // Browsers without CSS field-sizing: grow the field to the whole link.
    (root || document).querySelectorAll(".secret-link-value").forEach(function (field) {
      if (field.scrollHeight > field.clientHeight) field.style.height = (field.scrollHeight + 4) + "px";
    });
    if (!navigator.clipboard || !window.isSecureContext) return;
    (root || document).querySelectorAll("button[data-copy]").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", function () { copyButtons(document); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".secret-link-status");
    if (!source) return;
    navigator.clipboard.writeText(source.value || source.textContent).then(function () {
      if (status) status.textContent = button.getAttribute("data-copied");
    }, function () {
      source.select();
      if (status) status.textContent = button.getAttribute("data-copy-failed");
    });
  });

  // Move focus to the error summary so keyboard and screen-reader users hear it first.
  function focusErrors(root) {
    var summary = (root || document).querySelector(".form-errors");
    if (summary) summary.focus();
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrors(document); });
  document.addEventListener("htmx:afterSwap", function (event) { focusErrors(event.target); });

  // A list's results region replaced (a page link followed): the link that had the focus is
  // gone, so keyboard and screen-reader users continue from the top of the new results.
  document.addEventListener("htmx:afterSwap", function (event) {
    var active = document.activeElement;
    var lost = !active || active === document.body || !document.contains(active);
    if (lost && event.target.hasAttribute && event.target.hasAttribute("data-results")) event.target.focus();
  });

  // A table wider than its region scrolls inside it (.table-wrap), not the page: the region
  // takes the keyboard focus (arrow keys scroll it) and is named after the table's caption, as
  // WCAG asks (axe "scrollable-region-focusable"). Regions that fit stay out of the tab order.
  function regionName(wrap) {
    var caption = wrap.querySelector("caption");
    var section = wrap.closest("section, main");
    var heading = section ? section.querySelector("h2, h1") : null;
    var text = (caption && caption.textContent) || (heading && heading.textContent) || document.title;
    return text.replace(/\s+/g, " ").trim();
  }
  function markScrollRegions() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("data-scroll-region", "");
        if (!wrap.hasAttribute("role")) wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
          wrap.setAttribute("aria-label", regionName(wrap));
        }
      } else if (!scrolls && wrap.hasAttribute("data-scroll-region")) {
        ["tabindex", "data-scroll-region", "role", "aria-label"].forEach(function (name) { wrap.removeAttribute(name); });
      }
    });
  }
  var resizing = 0;
  document.addEventListener("DOMContentLoaded", markScrollRegions);
  document.addEventListener("htmx:afterSettle", markScrollRegions);
  window.addEventListener("resize", function () {
    window.cancelAnimationFrame(resizing);
    resizing = window.requestAnimationFrame(markScrollRegions);
  });
})();
