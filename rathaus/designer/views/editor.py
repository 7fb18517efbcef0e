"""The editor: the overview of a definition with its problems, one page per element, and
the structural changes (add, move, delete). Every save is a new draft version; a form
made from an older version than the newest is refused, its input kept."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, get_args

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rathaus.authentication.decorators import staff_required
from rathaus.definitions.models import CodeList
from rathaus.definitions.problems import locate, problems_of
from rathaus.definitions.schema import (
    DecisionText,
    Fee,
    GroupField,
    ServiceDefinition,
    SimpleField,
    Step,
    text_of,
)
from rathaus.definitions.services import head_of
from rathaus.definitions.vocabulary import FIELD_TYPES, field_type_label
from rathaus.designer import editing, services
from rathaus.designer.forms.elements import element_form
from rathaus.designer.preview import step_preview
from rathaus.designer.structure import read_change
from rathaus.designer.views.common import Opened, base_of, opened
from rathaus.plainlanguage.services import assess_many

FIELD_MODELS: dict[str, Any] = {
    get_args(model.model_fields["type"].annotation)[0]: model
    for model in (*get_args(get_args(SimpleField)[0]), GroupField)
}


def place_url(slug: str, document: dict[str, Any], path: str) -> tuple[str, str]:
    """Where a problem is fixed: the edit page of its element, and the place in words."""
    place = locate(document, path)
    anchor = f"#id_{place.attribute}" if place.attribute else ""
    if place.area == "field" and place.field_id:
        url = reverse("designer:field", args=[slug, place.field_id]) + anchor
    elif place.area == "step" and place.step_id:
        url = reverse("designer:step", args=[slug, place.step_id]) + anchor
    elif place.area == "fee" and getattr(place, "fee_index", None) is not None:
        url = reverse("designer:editor", args=[slug]) + "#gebuehren"
    elif place.area == "decision_text" and getattr(place, "decision_index", None) is not None:
        url = reverse("designer:decision", args=[slug, place.decision_index])
    elif place.area == "step" and place.step_index is not None:
        url = reverse("designer:editor", args=[slug]) + "#schritte"
    else:
        url = reverse("designer:meta", args=[slug]) + anchor
    return url, place.describe()


def problem_rows(slug: str, document: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for problem in problems_of(document):
        url, where = place_url(slug, document, problem.path)
        place = locate(document, problem.path)
        rows.append({"message": problem.message, "where": where, "url": url, "place": place})
    return rows


def _outline(document: dict[str, Any], slug: str = "-") -> list[dict[str, Any]]:
    """Steps and their fields as the overview lists them, with their edit pages' URLs
    (reversed once: an overview of hundreds of fields must stay fast)."""
    field_url = reverse("designer:field", args=[slug, "__id__"])
    step_url = reverse("designer:step", args=[slug, "__id__"])
    steps = []
    for step in document.get("steps") or []:
        if not isinstance(step, dict):
            continue
        fields = []
        for field in step.get("fields") or []:
            if isinstance(field, dict):
                entry = _field_entry(field, field_url)
                entry["members"] = [
                    _field_entry(m, field_url) for m in field.get("fields") or []
                    if isinstance(m, dict)
                ]  # fmt: skip
                fields.append(entry)
        step_id = str(step.get("id"))
        steps.append({
            "id": step.get("id"), "title": text_of(step.get("title")), "fields": fields,
            "rule": bool(step.get("visible_if")), "url": step_url.replace("__id__", step_id),
        })  # fmt: skip
    return steps


def _field_entry(field: dict[str, Any], url: str) -> dict[str, Any]:
    kind = str(field.get("type"))
    return {
        "id": field.get("id"), "label": text_of(field.get("label")), "kind": kind,
        "type": field_type_label(kind), "required": bool(field.get("required")),
        "rule": bool(field.get("visible_if") or field.get("required_if")),
        "url": url.replace("__id__", str(field.get("id"))),
    }  # fmt: skip


REPORT_ORDER = {"decision": 0, "mapped": 1, "note": 2}


def _import_report(page: Opened) -> tuple[int | None, list[dict[str, Any]]]:
    """The report of the newest import (it stays readable after later saves)."""
    versions = page.definition.versions.filter(number__lte=page.head.number)
    for number, report in versions.order_by("-number").values_list("number", "report")[:200]:
        if report:
            return number, report
    return None, []


@staff_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    page = opened(request, slug)
    document = page.document
    report_version, report = _import_report(page)
    context = {
        "page": page,
        "document": document,
        "title": text_of(document.get("title")) or page.definition.title,
        "steps": _outline(document, slug),
        "change_url": reverse("designer:change", args=[slug]),
        "fees": [f for f in document.get("fees") or [] if isinstance(f, dict)],
        "decisions": [d for d in document.get("decision_texts") or [] if isinstance(d, dict)],
        "problems": problem_rows(slug, document),
        "report": sorted(report, key=lambda line: REPORT_ORDER.get(str(line.get("kind")), 3)),
        "report_version": report_version,
        "field_types": [(key, term.label) for key, term in FIELD_TYPES.items()],
        "member_types": [
            (key, term.label) for key, term in FIELD_TYPES.items() if key not in ("group", "file")
        ],
        "versions": page.definition.versions.select_related("created_by")
        .defer("document", "report")
        .order_by("-number")[:5],
        "may_offer": not page.can_edit and services.may_offer(page.user, page.definition),
    }
    return render(request, "designer/editor.html", context)


def _save(
    request: HttpRequest,
    page: Opened,
    change: Callable[[dict[str, Any]], dict[str, Any]],
    summary: str,
) -> Any:
    """Store one change; returns the new version, or an error message (nothing stored)."""
    try:
        return services.save(page.user, page.definition, base_of(request, page.head.number),
                             change, summary)  # fmt: skip
    except services.EditConflict as conflict:
        return conflict
    except (editing.EditRefused, services.Refused) as refused:
        return str(refused.message)


def conflict_message(conflict: services.EditConflict) -> str:
    newest = conflict.newest
    who = newest.created_by.email if newest.created_by else _("jemand")
    return _(
        "Inzwischen hat %(who)s Version %(n)d gespeichert (%(time)s). Ihre Änderung ist "
        "noch nicht gespeichert; Ihre Eingaben stehen unten. Sehen Sie sich die andere "
        "Änderung an und speichern Sie dann erneut."
    ) % {
        "who": who,
        "n": newest.number,
        "time": date_format(localtime(newest.created_at), "d.m.Y H:i"),
    }


def _edit(
    request: HttpRequest,
    slug: str,
    *,
    model: Any,
    element_of: Callable[[dict[str, Any]], dict[str, Any]],
    apply: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]],
    describe: Callable[[dict[str, Any]], str],
    concerns: Callable[[Any], bool],
    preview_step: str | None = None,
    extra: dict[str, Any] | None = None,
    page: Opened | None = None,
) -> HttpResponse:
    """The one edit page for every element: form, save with version check, preview."""
    page = page or opened(request, slug, edit=request.method == "POST")
    try:
        element = element_of(page.document)
    except editing.EditRefused as refused:
        messages.error(request, str(refused.message))
        return redirect("designer:editor", slug)
    form_class = element_form(model)
    is_field, is_step = model in FIELD_MODELS.values(), model is Step
    rule_fields = {
        key: value
        for key, value in _rule_fields(page.document, preview_step, with_step=not is_step).items()
        if not (is_field and key == element.get("id"))
    }  # a field's rule cannot name the field itself
    code_lists = {str(c.pk): c for c in CodeList.objects.all()} if "options" in element else {}
    form = form_class(
        request.POST or None, element=element, rule_fields=rule_fields, code_lists=code_lists
    )
    base, conflict, status = page.head.number, None, 200
    if request.method == "POST" and request.POST.get("_preview"):
        return _live_preview(request, page, form, apply, preview_step)
    if request.method == "POST":
        base = base_of(request, page.head.number)
        if form.is_valid() and form.check_element() is not None:
            values = form.values_of()
            summary = _("%(what)s geändert") % {"what": describe(element)}
            result = _save(request, page, lambda doc: apply(doc, values), summary)
            if isinstance(result, services.EditConflict):
                conflict, base = {"since": base, "newest": result.newest}, result.newest.number
                messages.error(request, conflict_message(result))
            elif isinstance(result, str):
                messages.error(request, result)
            else:
                messages.success(
                    request, _("Gespeichert als Version %(n)d.") % {"n": result.number}
                )
                return redirect(request.get_full_path())
        status = 409 if conflict else 400
    preview = step_preview(page.document, preview_step) if preview_step else None
    context = {
        "page": page, "form": form, "heading": describe(element), "base": base,
        "inputs": _with_assessments(form),
        "conflict": conflict, "preview": preview, "element": element, **(extra or {}),
        "problems": [p for p in problem_rows(slug, page.document) if concerns(p["place"])],
    }  # fmt: skip
    return render(request, "designer/element.html", context, status=status)


def _live_preview(
    request: HttpRequest,
    page: Opened,
    form: Any,
    apply: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]],
    step_id: str | None,
) -> HttpResponse:
    """The preview of what the form holds now, not saved (htmx asks while she types)."""
    document = page.document
    if form.is_valid() and form.check_element() is not None:
        with contextlib.suppress(editing.EditRefused):
            document = apply(document, form.values_of())
    preview = step_preview(document, step_id) if step_id else None
    return render(request, "designer/_preview.html", {"preview": preview})


@staff_required
@require_http_methods(["GET", "POST"])
def edit_meta(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(
        request, slug, model=ServiceDefinition, element_of=lambda doc: doc,
        apply=editing.update_document, describe=lambda _doc: _("Angaben zum Dienst"),
        concerns=lambda place: place.area == "definition",
    )  # fmt: skip


@staff_required
@require_http_methods(["GET", "POST"])
def edit_step(request: HttpRequest, slug: str, step_id: str) -> HttpResponse:
    return _edit(
        request, slug, model=Step,
        element_of=lambda doc: editing.find_step(doc, step_id),
        apply=lambda doc, values: editing.update_step(doc, step_id, values),
        describe=lambda step: _("Schritt „%(t)s“") % {"t": text_of(step.get("title")) or step_id},
        concerns=lambda place: place.area == "step" and place.step_id == step_id,
        preview_step=step_id,
    )  # fmt: skip


def _rule_fields(
    document: dict[str, Any], upto: str | None = None, *, with_step: bool = True
) -> dict[str, tuple[str, str]]:
    """The fields a rule may name: id -> (label for people, field type). Rules look back:
    up to the step ``upto`` (its own fields only ``with_step``), or all for a fee."""
    found: dict[str, tuple[str, str]] = {}
    for step in _outline(document):
        if step["id"] == upto and not with_step:
            break
        for field in step["fields"]:
            if field["id"]:
                found[field["id"]] = (f"{field['label']} ({step['title']})", field["kind"])
        if step["id"] == upto:
            break
    return found


def _with_assessments(form: Any) -> list[dict[str, Any]]:
    """The visible inputs in order: each German text with its plain-language check, and
    each rule's guided rows together (a fieldset with a legend in the page)."""
    inputs = list(form.visible_fields())
    local = [f for f in inputs if f.name.endswith("_de") and f.name[:-3] in form.spec
             and form.spec[f.name[:-3]][0] == "local"]  # fmt: skip
    checked = dict(zip((f.name for f in local), assess_many(str(f.value() or "") for f in local),
                       strict=True))  # fmt: skip
    entries: list[dict[str, Any]] = []
    for field in inputs:
        rule, _sep, _part = field.name.partition("__")
        if _sep and rule in form.spec:
            if not entries or entries[-1].get("rule") != rule:
                legend = _("Regel „%(rule)s“ geführt zusammenstellen") % {
                    "rule": form.fields[rule].label
                }
                entries.append({"rule": rule, "legend": legend, "fields": []})
            entries[-1]["fields"].append(field)
        else:
            entries.append({"field": field, "assessment": checked.get(field.name)})
    return entries


def _field_step(document: dict[str, Any], field_id: str) -> str | None:
    for step in document.get("steps") or []:
        if isinstance(step, dict):
            for field in step.get("fields") or []:
                members = field.get("fields") if isinstance(field, dict) else None
                ids = {field.get("id")} if isinstance(field, dict) else set()
                ids |= {m.get("id") for m in members or [] if isinstance(m, dict)}
                if field_id in ids:
                    return str(step.get("id"))
    return None


def _field(document: dict[str, Any], field_id: str) -> dict[str, Any]:
    fields, index = editing.find_field(document, field_id)
    return fields[index]


@staff_required
@require_http_methods(["GET", "POST"])
def edit_field(request: HttpRequest, slug: str, field_id: str) -> HttpResponse:
    page = opened(request, slug, edit=request.method == "POST")
    document = page.document
    try:
        kind = str(_field(document, field_id).get("type"))
    except editing.EditRefused as refused:
        messages.error(request, str(refused.message))
        return redirect("designer:editor", slug)
    return _edit(
        request, slug, model=FIELD_MODELS.get(kind, FIELD_MODELS["text"]),
        element_of=lambda doc: _field(doc, field_id),
        apply=lambda doc, values: editing.update_field(doc, field_id, values),
        describe=lambda f: _("Feld „%(t)s“") % {"t": text_of(f.get("label")) or field_id},
        concerns=lambda place: place.area == "field" and place.field_id == field_id,
        preview_step=_field_step(document, field_id), page=page,
    )  # fmt: skip


@staff_required
@require_http_methods(["GET", "POST"])
def edit_fee(request: HttpRequest, slug: str, fee_id: str) -> HttpResponse:
    return _edit(
        request, slug, model=Fee, element_of=lambda doc: editing.find_fee(doc, fee_id),
        apply=lambda doc, values: editing.update_fee(doc, fee_id, values),
        describe=lambda fee: _("Gebühr „%(t)s“") % {"t": text_of(fee.get("label")) or fee_id},
        concerns=lambda place: place.area == "fee" and _fee_id(place) == fee_id,
    )  # fmt: skip


def _placeholders(document: dict[str, Any]) -> list[tuple[str, str]]:
    """What a decision text may contain: the fixed placeholders and one per field."""
    fixed = [
        ("{reference}", _("Aktenzeichen des Antrags")), ("{service}", _("Name des Dienstes")),
        ("{authority}", _("zuständige Behörde")), ("{date}", _("Datum der Entscheidung")),
        ("{outcome}", _("Ergebnis")),
    ]  # fmt: skip
    answers = [
        (f"{{answer.{key}}}", _("Antwort: %(label)s") % {"label": label})
        for key, (label, _kind) in _rule_fields(document).items()
    ]
    return fixed + answers


def _fee_id(place: Any) -> Any:
    return getattr(place, "fee_id", None)


@staff_required
@require_http_methods(["GET", "POST"])
def edit_decision(request: HttpRequest, slug: str, index: int) -> HttpResponse:
    page = opened(request, slug, edit=request.method == "POST")
    return _edit(
        request, slug, model=DecisionText,
        element_of=lambda doc: editing.find_decision(doc, index),
        apply=lambda doc, values: editing.update_decision(doc, index, values),
        describe=lambda _d: _("Bescheidtext Nr. %(n)d") % {"n": index + 1},
        extra={"placeholders": _placeholders(page.document)}, page=page,
        concerns=lambda place: place.area == "decision_text"
        and getattr(place, "decision_index", None) == index,
    )  # fmt: skip


@staff_required
@require_POST
def change(request: HttpRequest, slug: str) -> HttpResponse:
    """Add, move or delete a step, field, fee or decision text: one change per request."""
    page = opened(request, slug, edit=True)
    requested = read_change(request.POST)
    if requested is None:
        messages.error(request, _("Bitte füllen Sie alle Angaben aus."))
        return redirect("designer:editor", slug)
    result = _save(request, page, requested.apply, requested.summary)
    if isinstance(result, services.EditConflict):
        messages.error(request, conflict_message(result))
    elif isinstance(result, str):
        messages.error(request, result)
    else:
        note = _("%(what)s – gespeichert als Version %(n)d.")
        messages.success(request, note % {"what": requested.summary, "n": result.number})
    return redirect(reverse("designer:editor", args=[slug]) + requested.anchor)


def _workflow_sources(page: Opened) -> dict[str, tuple[str, Any]]:
    """Definitions the designer sees whose newest version declares a workflow of its own."""
    found: dict[str, tuple[str, Any]] = {}
    for definition in services.visible_definitions(page.user).exclude(pk=page.definition.pk):
        head = head_of(definition)
        workflow = head.document.get("workflow") if head else None
        if isinstance(workflow, dict):
            found[definition.slug] = (definition.title, workflow)
    return found


@staff_required
@require_http_methods(["GET", "POST"])
def edit_workflow(request: HttpRequest, slug: str) -> HttpResponse:
    """The workflow choice: the default one, or the declared workflow of another service."""
    page = opened(request, slug, edit=request.method == "POST")
    sources = _workflow_sources(page)
    current = page.document.get("workflow", "default")
    if request.method == "POST":
        chosen = request.POST.get("workflow", "")
        if chosen == "default" or chosen in sources:
            workflow = "default" if chosen == "default" else sources[chosen][1]
            summary = _("Bearbeitungsablauf gewählt")
            result = _save(
                request, page, lambda d: editing.update_document(d, {"workflow": workflow}), summary
            )
            if isinstance(result, services.EditConflict):
                messages.error(request, conflict_message(result))
            elif isinstance(result, str):
                messages.error(request, result)
            else:
                messages.success(
                    request, _("Gespeichert als Version %(n)d.") % {"n": result.number}
                )
            return redirect("designer:editor", slug)
        messages.error(request, _("Bitte wählen Sie einen Ablauf."))
    states = current.get("states", []) if isinstance(current, dict) else []
    context = {"page": page, "sources": sources, "own": isinstance(current, dict), "states": states}
    return render(request, "designer/workflow.html", context)
