// Progressive enhancement: show and hide conditional fields while a person types.
//
// The server renders every field whose `visible_if` looks at the same page, with the
// condition in words, so the page works without this file. Here each such field's rule
// (its syntax tree, made by rathaus/definitions/expressions/portable.py) is evaluated
// against the inputs on the page, read the way the server reads them
// (rathaus/definitions/fieldtypes.py). The server stays the authority: it ignores the
// answers of fields whose condition is false and checks everything again.
"use strict";

(() => {
  const { Day, decode, evaluate, isNumber, makeFunctions, truthy, validIso } = window.RathausRules;

  // --- reading inputs as the server does -----------------------------------------------
  // "1.234,50", "1234.5", "1 234" -> "1234.50" ... (fieldtypes.parse_decimal); else null.
  function decimalText(text) {
    let t = text.replace(/[ \u00a0]/g, "");
    if (t.includes(",")) t = t.replace(/\./g, "").replace(",", ".");
    return /^-?\d{1,15}(\.\d{1,6})?$/.test(t) ? t : null;
  }

  function inRange(spec, n) {
    const min = decode(spec.min ?? null), max = decode(spec.max ?? null);
    if (isNumber(min) && n < min) return null;
    if (isNumber(max) && n > max) return null;
    return n;
  }

  const READERS = {
    text: (spec, text) => {
      const t = text.trim();
      if (!t) return null;
      if (t.length < (spec.min_length ?? 0) || t.length > (spec.max_length ?? 200)) return null;
      return t;
    },
    number: (spec, text) => {
      const t = decimalText(text.trim());
      if (t === null || (spec.integer && !Number.isInteger(Number(t)))) return null;
      return inRange(spec, Number(t));
    },
    money: (spec, text) => {
      const t = decimalText(text.replace(/€|EUR/g, "").trim());
      if (t === null || (t.split(".")[1] || "").length > 2) return null;
      return inRange(spec, Number(t));
    },
    plain: (spec, text) => text.trim() || null,
  };

  function form(el) { return el.closest("form") || document; }

  function named(root, name) {
    return Array.from(root.querySelectorAll("[name]")).filter((el) => el.name === name);
  }

  function valueOf(root, name) {
    const el = named(root, name)[0];
    return el && typeof el.value === "string" ? el.value : "";
  }

  function readField(root, spec, name) {
    const inputs = named(root, name);
    switch (spec.type) {
      case "select": case "radio": case "yesno": {
        const chosen = inputs.find((el) => (el.type === "radio" ? el.checked : el.tagName === "SELECT"));
        const value = chosen ? chosen.value : "";
        if (!value) return null;
        if (spec.type === "yesno") return value === "yes" ? true : value === "no" ? false : null;
        return value;
      }
      case "checkboxes": {
        const chosen = inputs.filter((el) => el.checked).map((el) => el.value);
        if (!chosen.length) return null;
        if (chosen.length < (spec.min_selected ?? 0)) return null;
        if (spec.max_selected && chosen.length > spec.max_selected) return null;
        return chosen;
      }
      case "date": {
        const parts = ["day", "month", "year"].map((p) => valueOf(root, `${name}__${p}`).trim().slice(0, 4));
        if (!parts.some(Boolean) || !parts.every((p) => /^\d+$/.test(p))) return null;
        const iso = validIso(`${parts[2].padStart(4, "0")}-${parts[1].padStart(2, "0")}-${parts[0].padStart(2, "0")}`);
        return iso && Number(iso.slice(0, 4)) >= 1800 ? new Day(iso) : null;
      }
      case "address": {
        const parts = ["street", "house_number", "postal_code", "city", "municipality"];
        const value = Object.fromEntries(parts.map((p) => [p, valueOf(root, `${name}__${p}`).trim()]));
        if (!parts.some((p) => value[p])) return null;
        if (parts.slice(0, 4).some((p) => !value[p])) return null;
        return { ...value, municipality_key: "" };
      }
      case "file": {
        const removed = new Set(named(root, `${name}__remove`).filter((el) => el.checked).map((el) => el.value));
        const kept = named(root, `${name}__remove`).filter((el) => !removed.has(el.value)).map((el) => ({ id: el.value }));
        const chosen = inputs.flatMap((el) => Array.from(el.files || [], (f) => ({ name: f.name })));
        const files = [...kept, ...chosen];
        return files.length ? files : null;
      }
      case "group": {
        const n = Number(valueOf(root, `${name}__count`)) || 0;
        const items = [];
        for (let i = 0; i < n; i += 1) {
          items.push(Object.fromEntries(Object.entries(spec.members || {}).map(
            ([id, member]) => [id, readField(root, member, `${name}__${i}__${id}`)])));
        }
        return items;
      }
      default: {
        const reader = READERS[spec.type] || (spec.type === "textarea" ? READERS.text : READERS.plain);
        return reader(spec.type === "textarea" ? { max_length: 20000, ...spec } : spec, valueOf(root, name));
      }
    }
  }

  // --- the page ----------------------------------------------------------------------
  function config() {
    const data = document.getElementById("rule-context");
    try {
      return data ? JSON.parse(data.textContent) : {};
    } catch (_error) {
      return {};
    }
  }

  function start() {
    const wrappers = Array.from(document.querySelectorAll("[data-visible-if]"));
    if (!wrappers.length) return;
    const cfg = config();
    const scope = decode(cfg.scope || {});
    const fields = cfg.fields || {};
    const fns = makeFunctions(cfg.today ? decode(cfg.today) : null);
    const status = document.getElementById("rule-status");
    const rules = wrappers.map((el) => {
      let tree = null;
      try { tree = JSON.parse(el.dataset.visibleIf); } catch (_error) { tree = null; }
      return { el, tree };
    });

    function lookupFor(el) {
      const root = form(el);
      const prefix = el.dataset.itemPrefix || "";
      const group = prefix ? fields[prefix.split("__")[0]] : null;
      return (name) => {
        if (group && group.members && Object.hasOwn(group.members, name)) {
          return readField(root, group.members[name], `${prefix}${name}`);
        }
        if (Object.hasOwn(fields, name)) return readField(root, fields[name], name);
        return Object.hasOwn(scope, name) ? scope[name] : null;
      };
    }

    function update(first) {
      const changed = [];
      for (const rule of rules) {
        if (!rule.tree) continue;
        let show = truthy(evaluate(rule.tree, lookupFor(rule.el), fns));
        // After an error the server showed this field: keep it until the person changes something.
        if (first && !show && rule.el.hasAttribute("data-has-error")) show = true;
        if (rule.el.hidden === !show) continue;
        rule.el.hidden = !show;
        changed.push([rule.el.dataset.label || "", show]);
      }
      if (!first && status && changed.length) {
        status.textContent = changed.map(([label, shown]) =>
          (shown ? cfg.shown : cfg.hidden || "").replace("%(label)s", label)).join(" ");
      }
    }

    const forms = new Set(rules.map((rule) => form(rule.el)));
    forms.forEach((f) => {
      f.addEventListener("input", () => update(false));
      f.addEventListener("change", () => update(false));
    });
    update(true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
