// Progressive enhancement only: every page works without this file.
// Moves focus to an error summary when a form comes back with errors.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
