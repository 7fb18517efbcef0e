"""Property test of the round trip render -> POST -> re-render of a step page (issue 12).

Requirement: whatever a person types into any field of any type — with or without
``visible_if`` / ``required_if``, whether the condition holds or not, in German and
English — comes back exactly as typed after any number of failed submits of its step;
files once uploaded stay listed. Definitions and answers are generated; the step always
fails because one required field is left empty; each retry posts what a browser would
send from the page shown (tests/submissions/formdata.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.submissions.formdata import form_data
from tests.submissions.helpers import document, offer_definition, start_draft

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TYPES = ["text", "textarea", "number", "money", "date", "email", "phone", "iban", "select",
         "radio", "checkboxes", "yesno", "file", "address"]  # fmt: skip
OPTIONS = [{"value": v, "label": {"de": f"Wahl {v}", "en": f"Choice {v}"}} for v in "xyz"]
ADDRESS_PARTS = ("street", "house_number", "postal_code", "city", "municipality")
# What a keyboard can type: no control characters, surrogates or unassigned code points.
TYPABLE = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"))
TYPED = st.text(TYPABLE, max_size=40)
NUMBERISH = st.from_regex(r"-?[0-9]{1,7}([.,][0-9]{1,3})?( ?€)?", fullmatch=True)


def _one(values: st.SearchStrategy) -> st.SearchStrategy:
    return values.map(lambda value: [value])


def _parts(name: str, parts: tuple[str, ...], values: st.SearchStrategy) -> st.SearchStrategy:
    return st.fixed_dictionaries({f"{name}__{part}": _one(values) for part in parts})


DATE_PART = st.one_of(st.from_regex(r"[0-9]{1,4}", fullmatch=True), st.text(TYPABLE, max_size=4))
# What a person can send for each field type: name -> list of values, as a browser posts.
TYPING = {
    "text": lambda n: st.fixed_dictionaries({n: _one(TYPED)}),
    "email": lambda n: st.fixed_dictionaries({n: _one(TYPED)}),
    "phone": lambda n: st.fixed_dictionaries({n: _one(st.one_of(NUMBERISH, TYPED))}),
    "iban": lambda n: st.fixed_dictionaries(
        {n: _one(st.one_of(st.just("DE02120300000000202051"), TYPED))}
    ),
    "textarea": lambda n: st.fixed_dictionaries(
        {n: _one(st.text(st.one_of(TYPABLE, st.just("\n")), max_size=60))}
    ),
    "number": lambda n: st.fixed_dictionaries({n: _one(st.one_of(NUMBERISH, TYPED))}),
    "money": lambda n: st.fixed_dictionaries({n: _one(st.one_of(NUMBERISH, TYPED))}),
    "date": lambda n: _parts(n, ("day", "month", "year"), DATE_PART),
    "select": lambda n: st.fixed_dictionaries({n: _one(st.sampled_from(["", "x", "y", "z"]))}),
    "radio": lambda n: st.fixed_dictionaries({n: st.sampled_from([[], ["x"], ["y"], ["z"]])}),
    "yesno": lambda n: st.fixed_dictionaries({n: st.sampled_from([[], ["yes"], ["no"]])}),
    "checkboxes": lambda n: st.fixed_dictionaries(
        {n: st.lists(st.sampled_from("xyz"), unique=True).map(lambda c: sorted(c))}
    ),
    "address": lambda n: _parts(n, ADDRESS_PARTS, st.one_of(TYPED, st.just("Darmstadt"))),
    "file": lambda n: st.just({}),
}


@st.composite
def field_and_typing(draw: Any, index: int) -> tuple[dict, dict[str, list[str]], bool]:
    kind = draw(st.sampled_from(TYPES))
    field: dict[str, Any] = {"id": f"feld{index}", "type": kind, "required": draw(st.booleans()),
                             "label": {"de": f"Feld {index}", "en": f"Field {index}"}}  # fmt: skip
    if draw(st.booleans()):
        field["visible_if"] = 'steuer == "a"'
    if draw(st.booleans()):
        field["required_if"] = 'steuer == "b"'
    if kind in ("select", "radio", "checkboxes"):
        field["options"] = OPTIONS
    typed = draw(TYPING[kind](field["id"]))
    return field, typed, kind == "file" and draw(st.booleans())


@st.composite
def cases(draw: Any) -> dict[str, Any]:
    count = draw(st.integers(1, 5))
    generated = [draw(field_and_typing(i)) for i in range(count)]
    steering = {"id": "steuer", "type": "radio", "label": "Steuerung",
                "options": [{"value": v, "label": v.upper()} for v in "ab"]}  # fmt: skip
    always_missing = {"id": "pflicht", "type": "text", "label": "Pflichtfeld", "required": True}
    fields = [steering, *(f for f, _t, _u in generated), always_missing]
    typed: dict[str, list[str]] = {"steuer": draw(st.sampled_from([[], ["a"], ["b"]]))}
    for _field, field_typed, _upload in generated:
        typed.update(field_typed)
    uploads = [f["id"] for f, _t, upload in generated if upload]
    return {"document": document(fields), "typed": typed, "uploads": uploads,
            "prefix": draw(st.sampled_from(["", "/en"]))}  # fmt: skip


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases())
def test_what_was_typed_survives_every_failed_submit(hessen, case):
    client = Client()
    draft = start_draft(client, offer_definition(case["document"]), case["prefix"])
    url = f"{case['prefix']}/antrag/{draft.pk}/schritt/1/"
    shown = form_data(client.get(url).content.decode(), having="pflicht")
    assert set(case["typed"]) <= set(shown), "every input of every field is rendered"
    files = {name: SimpleUploadedFile("nachweis.pdf", PDF, "application/pdf")
             for name in case["uploads"]}  # fmt: skip
    response = client.post(url, {**case["typed"], "pflicht": "", **files})
    for _retry in range(3):
        assert response.status_code == 400
        page = response.content.decode()
        sent = form_data(page, having="pflicht")
        for name, values in case["typed"].items():
            assert sent[name] == values, (name, sent[name], values)
        for name in case["uploads"]:
            assert f"{name}__remove" in sent and "nachweis.pdf" in page
        response = client.post(url, sent)
