"""The service designer with large definitions, each figure against a baseline of the run.

Four targets (on p95), on SQLite and (when reachable) PostgreSQL, each database in a child
process with a fresh test database:

1. saving a definition of 200 fields and 60 rules through ``designer.services.save`` with a
   one-field change (canonical form, validation, a new version stored) <= 200 ms; beside
   it the whole form post of that change through the test client (the edit page's form as
   a browser sends it, redirected when saved); baseline: ``ServiceDefinition.model_validate``
   of the same document;
2. validating it (``problems_of``) <= 50 ms; baseline: the same pydantic validation;
3. the designer's pages of a 300-field definition with ``BENCH_VERSIONS`` versions (default
   60, each stored through the designer's service) <= 150 ms each, through Django's test
   client as a designer with publisher right who passed the second factor: the editor
   overview, the edit page of a field with rules and options (its step's preview, the
   guided rule rows), the versions page and the plain-language page, and the live
   preview the edit page posts while the designer types; baseline: a bare
   Django view rendering a template that loops over the same 300 fields (``/bench/bare``,
   the view doing nothing, is shown beside it). Up to ``BENCH_ROUNDS`` rounds, fewer (at
   least 10) when slow pages would take more than ``BENCH_PAGE_SECONDS`` (default 25);
4. importing the larger FIM sample (``fim.import_schema(fim.read_files(path))``) <= 2 s;
   baseline: ``xml.etree.ElementTree.fromstring`` of the same files (skipped, saying so,
   when ``/work/shared/data/fim`` is missing).

The definitions are generated: steps of 20 fields of every common type in turn (and one
repeating group), German labels and hints, 60 rules (``visible_if``/``required_if``, some
with two conditions) naming earlier fields, valid throughout (``problems_of`` is checked to
be empty before measuring). 2 and 4 do no database work and are measured once, in the
SQLite run. Prints p50/p95 (wall clock), the CPU time of the benchmark process (p50; the
PostgreSQL server's own work is not in it), the target with PASS or FAIL, and the p95
ratio to the baseline. Run: ``make bench`` (``BENCH_ROUNDS``, default 60).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "60"))
VERSIONS = int(os.environ.get("BENCH_VERSIONS", "60"))
PAGE_SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS", "25"))
FIM_ROUNDS = max(ROUNDS // 6, 5)
FIM_SAMPLE = Path("/work/shared/data/fim/S00000186v1.0_xdf2")
SAVE_FIELDS, PAGE_FIELDS, RULES, PER_STEP = 200, 300, 60, 20
sys.path.insert(0, str(ROOT))
from bench.application_pages import _figures  # noqa: E402
from bench.submit_throughput import POSTGRES, postgres_reachable  # noqa: E402
from bench.testdb import run_child, run_parent  # noqa: E402

PAGES = [
    "editor overview",
    "field edit page",
    "versions page",
    "plain-language page",
    "step edit page",
    "version diff page",
    "test run step",
    "live preview post",
]
TARGETS_MS = {"save": 200.0, "form post": 200.0, "problems_of": 50.0, "import": 2000.0,
              **dict.fromkeys(PAGES, 150.0)}  # fmt: skip
PASSWORD = "Ein-langes-Passwort-2026"
BARE_TEMPLATE = """<!doctype html><html lang="de"><head><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><table><tbody>{% for item in items %}<tr>
<th scope="row">{{ forloop.counter }}</th><td><a href="/bench/{{ item.id }}/">{{ item.label }}</a>
</td><td>{{ item.type }}</td><td>{% if item.required %}Pflichtangabe{% endif %}</td>
<td>{{ item.help|default:"" }}</td></tr>{% endfor %}</tbody></table></main></body></html>"""


# --- the output --------------------------------------------------------------------------


def parent() -> None:
    targets = [("SQLite", "")] + ([("PostgreSQL", POSTGRES)] if postgres_reachable() else [])
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"designer: save {SAVE_FIELDS} fields/{RULES} rules, pages of {PAGE_FIELDS} fields "
          f"and {VERSIONS} versions, up to {ROUNDS} rounds (FIM import {FIM_ROUNDS}); "
          f"load average {load} on {os.cpu_count()} CPUs")  # fmt: skip
    run_parent(__file__, targets, report)


def line(name: str, figures: dict, target: str | None, baseline: dict) -> str:
    p50, p95 = figures["wall"]
    verdict = ""
    if target:
        limit = TARGETS_MS[target]
        verdict = f"target <= {limit:4.0f} ms {'PASS' if p95 <= limit else 'FAIL'}"
    ratio = p95 / max(baseline["wall"][1], 0.001)
    return (f"    {name:<24} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  cpu p50 {figures['cpu']:7.1f} ms"
            f"  {verdict:<25} ratio p95/baseline {ratio:6.1f}")  # fmt: skip


def report(label: str, result: dict) -> None:
    print(f"  {label} (everything generated, stored and measured in {result['seconds']:.0f} s)")
    save = result["save"]
    print(f"   1. save with one field changed ({save['bytes']:,} bytes of JSON, "
          f"{save['rounds']} rounds):")  # fmt: skip
    print(line("services.save()", save["save"], "save", save["pydantic"]))
    print(line("form post (test client)", save["form post"], "form post", save["pydantic"]))
    print(line("pydantic (baseline)", save["pydantic"], None, save["pydantic"]))
    if "problems_of" in result:
        check = result["problems_of"]
        print(f"   2. validation ({check['rounds']} rounds; no database work, SQLite run only):")
        print(line("problems_of()", check["problems_of"], "problems_of", check["pydantic"]))
        print(line("pydantic (baseline)", check["pydantic"], None, check["pydantic"]))
    pages = result["pages"]
    sizes = ", ".join(f"{name} {size // 1000:,} kB" for name, size in pages["bytes"].items())
    print(f"   3. pages, test client, {pages['rounds']} rounds ({sizes}):")
    for name in PAGES:
        print(line(name, pages[name], name, pages["bare page"]))
    print(line("bare page (baseline)", pages["bare page"], None, pages["bare page"]))
    print(line("bare view /bench/bare", pages["bare view"], None, pages["bare page"]))
    if "fim" not in result:
        return
    fim = result["fim"]
    if fim is None:
        print(f"   4. FIM import: skipped, {FIM_SAMPLE} is missing")
        return
    print(f"   4. FIM import of {FIM_SAMPLE.name} ({fim['files']} files, {fim['bytes']:,} bytes, "
          f"{fim['fields']} fields imported; {fim['rounds']} rounds; no database work, "
          f"SQLite run only):")  # fmt: skip
    print(line("read_files+import_schema", fim["import"], "import", fim["parse"]))
    print(line("ElementTree (baseline)", fim["parse"], None, fim["parse"]))


# --- the definitions ---------------------------------------------------------------------

KINDS = ["text", "textarea", "number", "money", "date", "email", "phone", "iban", "select",
         "radio", "checkboxes", "yesno", "address", "file", "info"]  # fmt: skip
NAMEABLE = ("yesno", "number", "money", "select", "radio", "checkboxes", "text", "date")
LABELS = {
    "text": "Vorname der antragstellenden Person", "textarea": "Begründung Ihres Antrags",
    "number": "Anzahl der Personen im Haushalt", "money": "Monatliches Nettoeinkommen",
    "date": "Geburtsdatum", "email": "E-Mail-Adresse für Rückfragen",
    "phone": "Telefonnummer tagsüber", "iban": "IBAN des Kontos für die Erstattung",
    "select": "Staatsangehörigkeit", "radio": "Familienstand",
    "checkboxes": "Welche Nachweise liegen bei?", "yesno": "Wohnen Sie bei Ihren Eltern?",
    "address": "Anschrift der Wohnung", "file": "Nachweis als Datei",
    "info": "Hinweis zum Datenschutz",
}  # fmt: skip
HELP = [
    "Geben Sie die Angabe so an, wie sie in Ihrem Ausweis steht.",
    "Die Angabe brauchen wir, um über Ihren Antrag entscheiden zu können.",
    "Im Falle des Nichtvorliegens der erforderlichen Unterlagen erfolgt seitens der "
    "zuständigen Behörde eine Zurückweisung des Antrags unter Berücksichtigung der "
    "einschlägigen Vorschriften.",
    "Wenn Sie unsicher sind, rufen Sie uns an. Wir helfen Ihnen gern.",
]
OPTIONS = {
    "select": ["deutsch", "franzoesisch", "italienisch", "polnisch", "tuerkisch", "ukrainisch",
               "andere"],
    "radio": ["ledig", "verheiratet", "geschieden", "verwitwet"],
    "checkboxes": ["ausweis", "meldebescheinigung", "einkommensnachweis", "mietvertrag"],
}  # fmt: skip


def _field(kind: str, number: int) -> dict:
    field: dict = {"id": f"{kind}_{number:03d}", "type": kind,
                   "label": f"{LABELS[kind]} ({number})"}  # fmt: skip
    if kind == "info":
        field["text"] = HELP[number % len(HELP)]
        return field
    if number % 3 == 0:
        field["help"] = HELP[number % len(HELP)]
    if number % 4 != 0:
        field["required"] = True
    if kind in OPTIONS:
        field["options"] = [{"value": v, "label": v.capitalize()} for v in OPTIONS[kind]]
    if kind == "number":
        field.update(min=0, max=20)
    if kind == "text":
        field["max_length"] = 80
    return field


def _condition(field: dict) -> str:
    """One condition on an earlier field, written as the guided editor writes it."""
    name, kind = field["id"], field["type"]
    return {
        "yesno": f"{name} == true", "number": f"{name} >= 2", "money": f"{name} > 1000",
        "select": f'{name} == "{OPTIONS["select"][0]}"',
        "radio": f'{name} != "{OPTIONS["radio"][0]}"',
        "checkboxes": f'"{OPTIONS["checkboxes"][1]}" in {name}', "text": f"{name} != null",
        "date": f'{name} < "2000-01-01"',
    }[kind]  # fmt: skip


def generate(slug: str, count: int, rules: int = RULES) -> dict:
    """A valid definition of ``count`` fields (a repeating group and its members count) and
    ``rules`` rules: ``PER_STEP`` fields a step, every type in turn, one group mid-way."""
    top: list[dict] = []  # the fields of the steps
    total = 0
    while total < count:
        number = total + 1
        if number == count // 2:
            members = [_field("text", number + 1), _field("date", number + 2)]
            top.append({"id": f"gruppe_{number:03d}", "type": "group", "label": "Kinder",
                        "item_label": "Kind", "max_items": 8, "fields": members})  # fmt: skip
            total += 1 + len(members)
        else:
            top.append(_field(KINDS[number % len(KINDS)], number))
            total += 1
    # Rules on the fields past the first step that can carry one: visible_if on each of
    # them, required_if too on every third, each naming one or two earlier fields.
    position = {field["id"]: index for index, field in enumerate(top)}
    carriers = [f for f in top[PER_STEP:] if f["type"] not in ("info", "group")]
    named = [f for f in top if f["type"] in NAMEABLE]
    stride = max(len(carriers) // -(-rules * 3 // 4), 1)  # 3 fields carry 4 rules
    written = 0
    for index, field in enumerate(carriers[::stride]):
        earlier = [f for f in named if position[f["id"]] < position[field["id"]]]
        for attribute in ("visible_if", "required_if") if index % 3 == 0 else ("visible_if",):
            if written < rules:
                rule = _condition(earlier[-1 - written % len(earlier)])
                if written % 4 == 1:  # every fourth rule has two conditions
                    other = earlier[-1 - (written * 5 + 3) % len(earlier)]
                    rule += (" and " if written % 8 == 1 else " or ") + _condition(other)
                field[attribute] = rule
                written += 1
    assert written == rules, written
    steps = [
        {"id": f"schritt_{n}", "title": f"Angaben Teil {n}", "intro": HELP[n % len(HELP)],
         "fields": top[start : start + PER_STEP]}
        for n, start in enumerate(range(0, len(top), PER_STEP), start=1)
    ]  # fmt: skip
    return {
        "schema_version": 1, "slug": slug, "title": f"Großer Antrag ({count} Felder)",
        "summary": "Ein erzeugter Antrag für die Messung des Dienstdesigners.",
        "retention_days": 365,
        "fees": [{"id": "gebuehr", "label": "Verwaltungsgebühr", "amount": "25.00"}],
        "steps": steps,
        "decision_texts": [{"outcome": "bewilligt",
                            "text": "Ihr Antrag {reference} vom {date} ist bewilligt."}],
    }  # fmt: skip


def _count(document: dict) -> tuple[int, int]:
    """(fields, rules) of a document."""
    fields = [f for s in document["steps"] for f in s["fields"]]
    fields += [m for f in fields for m in f.get("fields", [])]
    rules = sum(1 for f in fields for key in ("visible_if", "required_if") if key in f)
    return len(fields), rules


class FormReader(HTMLParser):
    """What a browser posts for the form with the given id: inputs, checked boxes, the
    chosen options, text areas."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.data: list[tuple[str, str]] = []
        self.select: str | None = None
        self.first: str | None = None
        self.chosen = False
        self.text: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        at = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.inside = at.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and at.get("name"):
            self._input(at)
        elif tag == "select":
            self.select, self.first, self.chosen = at.get("name"), None, False
        elif tag == "option" and self.select:
            self._option(at)
        elif tag == "textarea":
            self.text = (at.get("name", ""), [])

    def _input(self, at: dict[str, str]) -> None:
        kind = at.get("type", "text")
        if kind in ("checkbox", "radio"):
            if "checked" in at:
                self.data.append((at["name"], at.get("value", "on")))
        elif kind not in ("submit", "button", "file"):
            self.data.append((at["name"], at.get("value", "")))

    def _option(self, at: dict[str, str]) -> None:
        self.first = at.get("value") if self.first is None else self.first
        if "selected" in at and self.select:
            self.data.append((self.select, at.get("value", "")))
            self.chosen = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            if not self.chosen and self.first is not None:
                self.data.append((self.select, self.first))
            self.select = None
        elif tag == "textarea" and self.text:
            self.data.append((self.text[0], "".join(self.text[1]).removeprefix("\n")))
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.text:
            self.text[1].append(data)

    def post(self) -> dict[str, list[str]]:
        posted: dict[str, list[str]] = {}
        for name, value in self.data:
            posted.setdefault(name, []).append(value)
        return posted


# --- measuring ---------------------------------------------------------------------------


def _sampled(call, expected: int | None = None) -> tuple[float, float]:
    """(wall, CPU of this process) in seconds; checks the status of a response."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if expected is not None:
        assert result.status_code == expected, (result.status_code, expected)
    return wall, cpu


def _interleaved(calls: dict, rounds: int, warm: int = 3, seconds: float = 0.0) -> dict:
    """p50/p95 (wall) and p50 (CPU) of each call in ms, taking turns so noise hits every
    call alike; ``seconds`` ends the run early (after at least 10 rounds)."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in calls}
    started, done = time.perf_counter(), 0
    for number in range(rounds + warm):
        for name, call in calls.items():
            sample = call()
            if number >= warm:
                samples[name].append(sample)
        done = max(number + 1 - warm, 0)
        if seconds and done >= 10 and time.perf_counter() - started > seconds:
            break
    figures: dict = {"rounds": done}
    for name, values in samples.items():
        cpu = statistics.median(c for _w, c in values) * 1000
        figures[name] = {"wall": _figures([w for w, _c in values]), "cpu": cpu}
    return figures


def _designer():
    from rathaus.accounts import services as accounts
    from rathaus.accounts.models import Membership, Role
    from rathaus.core.models import Authority, Territory

    land = Territory.objects.create(key="06", level="land", name="Hessen")
    authority = Authority.objects.create(name="Standesamt", slug="standesamt", territory=land)
    user = accounts.create_staff("design@bench.invalid", PASSWORD, authority, Role.DESIGNER)
    Membership.objects.create(user=user, authority=authority, role=Role.PUBLISHER)
    return user


def _stored(user, document: dict):
    """The document as a new definition, through the designer's file import."""
    from rathaus.definitions.problems import problems_of
    from rathaus.designer import services

    fields, rules = _count(document)
    assert problems_of(document) == [], problems_of(document)[:3]
    raw = json.dumps(document, ensure_ascii=False).encode()
    version = services.start_from_file(user, raw, f"{document['slug']}.json")
    assert version.problem_count == 0 and _count(version.document) == (fields, rules)
    return version


def _change(number: int, field_id: str):
    """One form post's change: the label of one field."""
    from rathaus.designer import editing

    label = f"Geänderte Bezeichnung Nr. {number}"
    return lambda document: editing.update_field(document, field_id, {"label": label})


def _logged_in(user):
    from django.test import Client

    from rathaus.authentication.testing import login_with_second_factor

    client = Client()
    login_with_second_factor(client, user)
    return client


def _edited(document: dict) -> dict:
    """The last field with both rules and options: guided rows, options, a full preview."""
    fields = [f for s in document["steps"] for f in s["fields"]]
    return next(f for f in reversed(fields) if f.get("required_if") and "options" in f)


def measure_save(user) -> dict:
    from rathaus.definitions.models import DefinitionVersion
    from rathaus.definitions.schema import ServiceDefinition
    from rathaus.designer import services

    document = generate("speichern", SAVE_FIELDS)
    assert _count(document) == (SAVE_FIELDS, RULES), _count(document)
    version = _stored(user, document)
    definition, field_id = version.definition, document["steps"][5]["fields"][7]["id"]
    state = {"base": version.number, "number": 0}
    stored = version.document

    def save() -> tuple[float, float]:
        state["number"] += 1
        change = _change(state["number"], field_id)
        sample = _sampled(lambda: services.save(user, definition, state["base"], change,
                                                "Bezeichnung geändert"))  # fmt: skip
        state["base"] += 1
        return sample

    client = _logged_in(user)
    url = f"/verwaltung/dienste/{definition.slug}/felder/{_edited(document)['id']}/"
    reader = FormReader("designer-form")
    reader.feed(client.get(url).content.decode())
    form = reader.post()
    assert "label_de" in form and "visible_if__field_0" in form, sorted(form)

    def form_post() -> tuple[float, float]:
        state["number"] += 1
        data = {**form, "base": [str(state["base"])],
                "label_de": [f"Staatsangehörigkeit, geändert Nr. {state['number']}"]}  # fmt: skip
        sample = _sampled(lambda: client.post(url, data), 302)
        state["base"] += 1
        return sample

    figures = _interleaved({
        "save": save, "form post": form_post,
        "pydantic": lambda: _sampled(lambda: ServiceDefinition.model_validate(stored)),
    }, ROUNDS)  # fmt: skip
    head = DefinitionVersion.objects.filter(definition=definition).order_by("-number").first()
    assert head.number == state["base"] and head.problem_count == 0, head
    return {**figures, "bytes": len(json.dumps(stored))}


def measure_problems() -> dict:
    from rathaus.definitions.problems import problems_of
    from rathaus.definitions.schema import ServiceDefinition

    document = generate("pruefen", SAVE_FIELDS)
    assert problems_of(document) == []
    return _interleaved({
        "problems_of": lambda: _sampled(lambda: problems_of(document)),
        "pydantic": lambda: _sampled(lambda: ServiceDefinition.model_validate(document)),
    }, ROUNDS * 3)  # fmt: skip


BARE_PAGE: dict = {}  # the compiled template and its items, set by measure_pages


def bare_page(request):
    """The baseline page: a bare Django view rendering a template that loops over the
    fields of the large definition."""
    from django.http import HttpResponse

    context = {"title": "Großer Antrag", "items": BARE_PAGE["items"]}
    return HttpResponse(BARE_PAGE["template"].render(context, request))


def _urlconf() -> str:
    """The URLconf of the run: ``bench/urls.py`` and /bench/bare-page."""
    import types

    from django.urls import path

    from bench import urls

    module = types.ModuleType("bench_designer_urls")
    module.urlpatterns = [path("bench/bare-page", bare_page), *urls.urlpatterns]  # type: ignore[attr-defined]
    for name in ("handler400", "handler403", "handler404", "handler500"):
        setattr(module, name, getattr(urls, name))
    sys.modules[module.__name__] = module
    return module.__name__


def _trial_step_url(user, version, base: str) -> str:
    """The first step of a test run of the newest version (the citizen's page)."""
    from rathaus.designer import trials

    run = trials.start(user, version)
    return f"{base}testlauf/{run.pk}/1/"


def measure_pages(user) -> dict:
    from django.template import engines

    from rathaus.designer import services

    document = generate("grosser-antrag", PAGE_FIELDS)
    version = _stored(user, document)
    definition = version.definition
    fields = [f for s in document["steps"] for f in s["fields"]]
    for number in range(1, VERSIONS):  # the history a designer leaves behind
        field_id = fields[number * 7 % len(fields)]["id"]
        version = services.save(user, definition, version.number, _change(number, field_id),
                                "Bezeichnung geändert")  # fmt: skip
    assert version.number == VERSIONS and version.problem_count == 0

    BARE_PAGE["template"] = engines["django"].from_string(BARE_TEMPLATE)
    BARE_PAGE["items"] = [{"id": f["id"], "label": f["label"], "type": f["type"],
                           "help": f.get("help"), "required": f.get("required", False)}
                          for f in fields]  # fmt: skip
    base = f"/verwaltung/dienste/{definition.slug}/"
    urls = {
        "editor overview": base,
        "field edit page": f"{base}felder/{_edited(document)['id']}/",
        "versions page": f"{base}versionen/",
        "plain-language page": f"{base}sprache/",
        "step edit page": f"{base}schritte/{document['steps'][0]['id']}/",
        "version diff page": f"{base}versionen/vergleich/?von=1&bis={VERSIONS}",
        "test run step": _trial_step_url(user, version, base),
        "bare page": "/bench/bare-page",
        "bare view": "/bench/bare",
    }
    client = _logged_in(user)
    sizes = {name: len(client.get(url).content) for name, url in urls.items()}
    page = client.get(urls["field edit page"]).content.decode()
    assert "Vorschau" in page and 'name="visible_if__field_0"' in page, "no preview or rows"
    calls = {name: lambda url=url: _sampled(lambda: client.get(url), 200)
             for name, url in urls.items()}  # fmt: skip
    reader = FormReader("designer-form")
    reader.feed(page)
    typing = {**reader.post(), "_preview": ["1"], "help_de": ["Wie im Ausweis, bitte"]}
    preview = client.post(urls["field edit page"], typing)
    assert preview.status_code == 200 and b"designer-preview" in preview.content
    calls["live preview post"] = lambda: _sampled(
        lambda: client.post(urls["field edit page"], typing), 200
    )
    figures = _interleaved(calls, ROUNDS, seconds=PAGE_SECONDS)
    return {**figures, "bytes": {k: v for k, v in sizes.items() if k != "bare view"}}


def measure_fim() -> dict | None:
    import xml.etree.ElementTree as ElementTree

    from rathaus.definitions import fim

    if not FIM_SAMPLE.is_dir():
        return None
    files = fim.read_files(FIM_SAMPLE)
    fields = _count(fim.import_schema(files).document)[0]
    figures = _interleaved({
        "import": lambda: _sampled(lambda: fim.import_schema(fim.read_files(FIM_SAMPLE))),
        "parse": lambda: _sampled(lambda: [ElementTree.fromstring(x) for x in files.values()]),
    }, FIM_ROUNDS, warm=1)  # fmt: skip
    return {**figures, "files": len(files), "bytes": sum(len(x) for x in files.values()),
            "fields": fields}  # fmt: skip


def measure() -> dict:
    from django.db import connection
    from django.test import override_settings

    start = time.perf_counter()
    user = _designer()
    with override_settings(ROOT_URLCONF=_urlconf()):
        result: dict = {"save": measure_save(user), "pages": measure_pages(user)}
    if connection.vendor == "sqlite":  # no database work: once is enough
        result["problems_of"] = measure_problems()
        result["fim"] = measure_fim()
    result["seconds"] = time.perf_counter() - start
    return result


if __name__ == "__main__":
    run_child("bench-designer", measure) if os.environ.get("BENCH_CHILD") else parent()
