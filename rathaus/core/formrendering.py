"""Django forms rendered with KERN UX markup, and the error summary every form shows.

Set as ``FORM_RENDERER``: ``{{ form }}`` then renders an error summary (one link per
error, to the field), KERN labels, hints, error messages next to the fields, and
``aria-invalid`` / ``aria-describedby`` on the inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.forms.renderers import TemplatesSetting

CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


class KernFormRenderer(TemplatesSetting):
    form_template_name = "forms/kern_form.html"
    field_template_name = "forms/kern_field.html"


def widget_kind(bound_field: forms.BoundField) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, CHOICE_WIDGETS):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def hint_id(bound_field: forms.BoundField) -> str:
    return f"{bound_field.auto_id}-hint"


def error_id(bound_field: forms.BoundField) -> str:
    return f"{bound_field.auto_id}-error"


def prepare_widget(bound_field: forms.BoundField) -> str:
    """The KERN classes and ARIA attributes for one field's widget."""
    kind = widget_kind(bound_field)
    invalid = bool(bound_field.errors)
    base = {
        "choices": "kern-form-check__radio",
        "checkbox": "kern-form-check__checkbox",
        "select": "kern-form-input__select",
        "textarea": "kern-form-input__input",
        "input": "kern-form-input__input",
    }[kind]
    if isinstance(bound_field.field.widget, forms.CheckboxSelectMultiple):
        base = "kern-form-check__checkbox"
    classes = [base] + ([f"{base}--error"] if invalid else [])
    described = []
    if bound_field.help_text:
        described.append(hint_id(bound_field))
    if invalid:
        described.append(error_id(bound_field))
    attrs = dict(bound_field.field.widget.attrs)
    attrs["class"] = " ".join(classes)
    if kind != "choices":
        if described:
            attrs["aria-describedby"] = " ".join(described)
        if invalid:
            attrs["aria-invalid"] = "true"
    bound_field.field.widget.attrs = attrs
    return kind


@dataclass(frozen=True)
class SummaryItem:
    anchor: str
    label: str
    message: str


def first_input_id(bound_field: forms.BoundField) -> str:
    """Radio and checkbox groups: link to the first option, as the UI guide asks."""
    if widget_kind(bound_field) == "choices":
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


def error_summary(form: forms.BaseForm) -> list[SummaryItem]:
    items = [SummaryItem("", "", str(e)) for e in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            anchor = first_input_id(bound_field)
            items.append(SummaryItem(anchor, str(bound_field.label), str(message)))
    for name in form.errors:
        if name not in form.fields and name != "__all__":
            items.extend(SummaryItem("", "", str(e)) for e in form.errors[name])
    return items


def summary_entry(label: str, message: str) -> str:
    """One error summary line: the field's label, then what is wrong."""
    label = label.strip()
    if not label:
        return message
    return f"{label} {message}" if label[-1] in "?!:.…" else f"{label}: {message}"
