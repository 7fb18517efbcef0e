// The designer with JavaScript: changes without a page reload (htmx swaps the part of the
// page that changed), the preview follows the typing, fields reorder by dragging. Every
// page works without this file: each change is then a plain form and a reload.
(() => {
  "use strict";

  // After a swap, focus goes back to the control that was used (found again by its id),
  // or to the message that reports the change, so keyboard and screen reader users
  // keep their place.
  let lastControl = null;
  document.addEventListener("htmx:beforeRequest", () => {
    const active = document.activeElement;
    lastControl = active && active.id ? active.id : null;
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.detail.requestConfig && event.detail.requestConfig.parameters &&
        event.detail.requestConfig.parameters._preview) {
      return; // typing in the form: leave the focus where it is
    }
    const again = lastControl && document.getElementById(lastControl);
    const summary = document.querySelector("[data-error-summary]");
    const message = document.querySelector("#designer-messages .kern-alert");
    const target = summary || again || message;
    if (target) {
      if (!target.hasAttribute("tabindex") && target.tabIndex < 0) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  });

  // Drag a field to another place in its step; the buttons "Nach oben"/"Nach unten"
  // are the keyboard way to do the same.
  function enableDragging(root) {
    root.querySelectorAll("ol.designer-fields").forEach((list) => {
      const items = Array.from(list.children).filter((item) => item.dataset.fieldId);
      items.forEach((item) => {
        item.draggable = true;
        item.addEventListener("dragstart", (event) => {
          event.dataTransfer.setData("text/plain", item.dataset.fieldId);
          event.dataTransfer.effectAllowed = "move";
          item.classList.add("designer-dragging");
        });
        item.addEventListener("dragend", () => item.classList.remove("designer-dragging"));
        item.addEventListener("dragover", (event) => event.preventDefault());
        item.addEventListener("drop", (event) => {
          event.preventDefault();
          const moved = event.dataTransfer.getData("text/plain");
          const from = items.findIndex((other) => other.dataset.fieldId === moved);
          const to = items.indexOf(item);
          if (from < 0 || from === to) return;
          const form = document.getElementById("designer-drag-form");
          form.querySelector("[name=id]").value = moved;
          form.querySelector("[name=delta]").value = String(to - from);
          form.requestSubmit();
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", () => enableDragging(document));
  document.addEventListener("htmx:afterSettle", (event) => enableDragging(event.detail.elt.parentNode || document));
})();
