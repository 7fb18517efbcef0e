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
  // --- values ------------------------------------------------------------------------
  class Day {
    constructor(iso) { this.iso = iso; }
  }
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
  const isDict = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Day);

  function validIso(iso) {
    if (!ISO_DATE.test(iso)) return null;
    const [y, m, d] = iso.split("-").map(Number);
    const day = new Date(Date.UTC(y, m - 1, d));
    const ok = y >= 1 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
    return ok ? iso : null;
  }

  function decode(value) {
    if (Array.isArray(value)) return value.map(decode);
    if (isDict(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === "$n") return Number(value.$n);
      if (keys.length === 1 && keys[0] === "$d") return new Day(value.$d);
      return Object.fromEntries(keys.map((k) => [k, decode(value[k])]));
    }
    return value;
  }

  function truthy(v) {
    if (v === null || v === undefined || v === false) return false;
    if (isNumber(v)) return v !== 0;
    if (typeof v === "string" || Array.isArray(v)) return v.length > 0;
    if (isDict(v)) return Object.keys(v).length > 0;
    return true;
  }

  function asDay(v) {
    if (v instanceof Day) return v.iso;
    return typeof v === "string" ? validIso(v) : null;
  }

  function comparable(a, b) {
    if (isNumber(a) && isNumber(b)) return [a, b];
    if (a instanceof Day || b instanceof Day) {
      const x = asDay(a), y = asDay(b);
      return x !== null && y !== null ? [x, y] : null;
    }
    if (typeof a === "string" && typeof b === "string") return [a, b];
    return null;
  }

  function sameNumber(a, b) {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }

  function equal(a, b, depth = 0) {
    if (a === b) return true;
    const pair = comparable(a, b);
    if (pair) return isNumber(pair[0]) ? sameNumber(pair[0], pair[1]) : pair[0] === pair[1];
    if (depth >= 32) return false;
    if (Array.isArray(a) && Array.isArray(b)) {
      return a.length === b.length && a.every((x, i) => equal(x, b[i], depth + 1));
    }
    if (isDict(a) && isDict(b)) {
      const keys = Object.keys(a);
      return keys.length === Object.keys(b).length
        && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k], depth + 1));
    }
    return false;
  }

  function order(a, b) {
    const pair = comparable(a, b);
    if (!pair) return null;
    if (isNumber(pair[0]) && sameNumber(pair[0], pair[1])) return 0;
    return pair[0] > pair[1] ? 1 : pair[0] < pair[1] ? -1 : 0;
  }

  function contains(container, item) {
    if (typeof container === "string") return typeof item === "string" && container.includes(item);
    if (Array.isArray(container)) return container.some((x) => equal(x, item));
    if (isDict(container)) return Object.keys(container).some((k) => equal(k, item));
    return false;
  }

  const ordered = (test) => (a, b) => { const o = order(a, b); return o !== null && test(o); };
  const COMPARE = {
    "==": equal, "!=": (a, b) => !equal(a, b),
    "<": ordered((o) => o < 0), "<=": ordered((o) => o <= 0),
    ">": ordered((o) => o > 0), ">=": ordered((o) => o >= 0),
    "in": (a, b) => contains(b, a), "not in": (a, b) => !contains(b, a),
  };

  function calculate(op, a, b) {
    if (!isNumber(b) || (op === "/" && b === 0)) return null;
    const r = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : a / b;
    return Number.isFinite(r) ? r : null;
  }

  function dayNumber(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d) / 86400000;
  }

  function makeFunctions(today) {
    const count = (v) => (v === null || v === undefined ? 0
      : typeof v === "string" || Array.isArray(v) ? v.length
      : isDict(v) ? Object.keys(v).length : null);
    return {
      age: [1, 1, (v) => {
        const born = asDay(v);
        if (born === null || !today) return null;
        const [by, bm, bd] = born.split("-").map(Number);
        const [ty, tm, td] = today.iso.split("-").map(Number);
        return ty - by - ((tm < bm || (tm === bm && td < bd)) ? 1 : 0);
      }],
      contains: [2, 2, contains],
      count: [1, 1, count],
      days_between: [2, 2, (a, b) => {
        const x = asDay(a), y = asDay(b);
        return x === null || y === null ? null : dayNumber(y) - dayNumber(x);
      }],
      empty: [1, 1, (v) => v === null || v === undefined || count(v) === 0],
      lower: [1, 1, (v) => (typeof v === "string" ? v.toLowerCase() : null)],
      number: [1, 1, (v) => {
        if (typeof v === "string" && /^[+-]?[0-9]+(?:[.,][0-9]+)?$/.test(v.trim())) {
          return Number(v.trim().replace(",", "."));
        }
        return isNumber(v) ? v : null;
      }],
      today: [0, 0, () => today],
    };
  }

  function evaluate(node, lookup, fns) {
    const ev = (n) => evaluate(n, lookup, fns);
    switch (node[0]) {
      case "lit": return decode(node[1]);
      case "list": return node.slice(1).map(ev);
      case "path": {
        let value = lookup(node[1]);
        for (const part of node.slice(2)) value = isDict(value) && Object.hasOwn(value, part) ? value[part] : null;
        return value === undefined ? null : value;
      }
      case "call": {
        const spec = fns[node[1]], args = node.slice(2);
        if (!spec || args.length < spec[0] || args.length > spec[1]) return null;
        return spec[2](...args.map(ev));
      }
      case "not": return !truthy(ev(node[1]));
      case "neg": { const v = ev(node[1]); return isNumber(v) ? -v : null; }
      case "and": return node.slice(1).every((n) => truthy(ev(n)));
      case "or": return node.slice(1).some((n) => truthy(ev(n)));
      case "arith": {
        let result = ev(node[1]);
        if (!isNumber(result)) return null;
        for (const [op, operand] of node.slice(2)) {
          if (result === null) return null;
          result = calculate(op, result, ev(operand));
        }
        return result;
      }
      case "cmp": return COMPARE[node[1]](ev(node[2]), ev(node[3]));
      default: return null;
    }
  }

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

  // The evaluator, for the tests that compare it with the server's.
  window.RathausRules = Object.freeze({
    check: (tree, scope, today) => truthy(evaluate(tree, (name) => {
      const values = decode(scope);
      return Object.hasOwn(values, name) ? values[name] : null;
    }, makeFunctions(today ? decode(today) : null))),
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
