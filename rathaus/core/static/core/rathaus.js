// Progressive enhancement only: every page works without this file.
// Moves focus to an error summary when a form comes back with errors.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});

// Gemeinde inputs with a <datalist>: fill the suggestions from the territory search as
// the person types (the server-side list and the server's look-up work without this).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-suggest-url][list]").forEach((input) => {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const query = input.value.replace(/\s*\(\d{8}\)\s*$/, "").trim();
      if (query.length < 2) return;
      timer = setTimeout(async () => {
        const url = `${input.dataset.suggestUrl}?format=json&q=${encodeURIComponent(query)}`;
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const places = await response.json();
        list.replaceChildren(...places.map((place) => {
          const option = document.createElement("option");
          option.value = `${place.name} (${place.key})`;
          option.label = place.kreis ? `${place.name}, ${place.kreis}` : place.name;
          return option;
        }));
      }, 200);
    });
  });
});
