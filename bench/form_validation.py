"""Validating one step of 100 fields and 30 rules, against plain pydantic on the same data.

The form engine parses every input from the raw POST strings, applies the rules
(visibility, required-ness) and collects messages; the baseline validates the same,
already typed data with a pydantic model of the same 100 fields. The target is at most
2 ms per step; the ratio to pydantic shows the engine's own cost on this machine.

Run: ``make bench`` (or ``python bench/form_validation.py``).
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rathaus.conf.test")

import django  # noqa: E402

django.setup()

from pydantic import create_model  # noqa: E402

from rathaus.definitions.documents import validate_document  # noqa: E402
from rathaus.definitions.engine import DictData, read_step  # noqa: E402

FIELDS, RULES, ROUNDS = 100, 30, 2000
KINDS = [
    "text",
    "number",
    "date",
    "email",
    "radio",
    "money",
    "yesno",
    "textarea",
    "select",
    "phone",
]


def field(index: int) -> dict:
    kind = KINDS[index % len(KINDS)]
    spec: dict = {"id": f"f{index}", "type": kind, "label": f"Feld {index}", "required": True}
    if kind in ("radio", "select"):
        spec["options"] = [{"value": v, "label": v} for v in ("a", "b", "c")]
    if kind == "number":
        spec.update(min=0, max=1000)
    if index >= FIELDS - RULES:  # the last 30 fields carry a rule on an earlier field
        spec["visible_if"] = f'f{index - 60} != "" and count(f{index - 61}) >= 0'
        spec["required_if"] = f"f{index - 59} >= 0 or not f{index - 54}"
    return spec


def raw_value(index: int) -> dict[str, str]:
    kind = KINDS[index % len(KINDS)]
    name = f"f{index}"
    values = {
        "text": "Mustermann", "number": "42", "email": "a@example.org", "radio": "b",
        "money": "1.250,50", "yesno": "yes", "textarea": "Ein längerer Text.", "select": "c",
        "phone": "06151 12345",
    }  # fmt: skip
    if kind == "date":
        return {f"{name}__day": "3", f"{name}__month": "4", f"{name}__year": "1985"}
    return {name: values[kind]}


def typed_value(index: int):
    kind = KINDS[index % len(KINDS)]
    return {
        "text": (str, "Mustermann"), "number": (int, 42), "date": (date, date(1985, 4, 3)),
        "email": (str, "a@example.org"), "radio": (str, "b"),
        "money": (Decimal, Decimal("1250.50")), "yesno": (bool, True),
        "textarea": (str, "Ein längerer Text."), "select": (str, "c"),
        "phone": (str, "06151 12345"),
    }[kind]  # fmt: skip


def per_call(function, rounds: int) -> float:
    function()  # warm caches (parsed rules, compiled patterns)
    start = time.perf_counter()
    for _ in range(rounds):
        function()
    return (time.perf_counter() - start) / rounds


def main() -> None:
    document = {
        "slug": "bench",
        "title": "Bench",
        "retention_days": 365,
        "steps": [{"id": "s", "title": "S", "fields": [field(i) for i in range(FIELDS)]}],
    }
    definition = validate_document(document)
    step = definition.steps[0]
    post = DictData({k: [v] for i in range(FIELDS) for k, v in raw_value(i).items()})
    result = read_step(definition, step, post, {})
    assert result.valid, result.errors
    model = create_model("Bench", **{f"f{i}": typed_value(i) for i in range(FIELDS)})
    data = {f"f{i}": typed_value(i)[1] for i in range(FIELDS)}

    engine_s = per_call(lambda: read_step(definition, step, post, {}), ROUNDS)
    pydantic_s = per_call(lambda: model.model_validate(data), ROUNDS * 10)
    print(f"form_validation: {FIELDS} fields, {RULES} fields with rules, {ROUNDS} rounds")
    print(f"  engine read_step       {engine_s * 1000:8.3f} ms per step (target <= 2 ms)")
    print(f"  plain pydantic         {pydantic_s * 1000:8.3f} ms per step (baseline)")
    print(f"  ratio engine/pydantic  {engine_s / pydantic_s:8.1f}")


if __name__ == "__main__":
    main()
