// The rule language of service definitions, in the browser: evaluates the syntax tree
// the server parsed (rathaus/definitions/expressions/portable.py) with the semantics of
// rathaus/definitions/expressions/values.py. Used by rules.js; a browser test compares
// it with the server over every operator and function (tests/e2e/test_rules_in_the_browser.py).
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

  window.RathausRules = Object.freeze({
    Day, decode, evaluate, isNumber, makeFunctions, truthy, validIso,
    check: (tree, scope, today) => {
      const values = decode(scope);
      const lookup = (name) => (Object.hasOwn(values, name) ? values[name] : null);
      return truthy(evaluate(tree, lookup, makeFunctions(today ? decode(today) : null)));
    },
  });
})();
