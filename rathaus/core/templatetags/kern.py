"""Template helpers for KERN UX forms (see rathaus.core.formrendering)."""

from django import template

from rathaus.core import formrendering

register = template.Library()


@register.simple_tag
def kern_prepare(bound_field):
    """Set KERN classes/ARIA on the widget and return its kind for the template."""
    return formrendering.prepare_widget(bound_field)


@register.simple_tag
def kern_hint_id(bound_field):
    return formrendering.hint_id(bound_field)


@register.simple_tag
def kern_error_id(bound_field):
    return formrendering.error_id(bound_field)


@register.simple_tag
def kern_error_summary(form):
    return formrendering.error_summary(form)


@register.filter
def summary_entry(item):
    """An error summary line: "Label: message", without a colon after a label that ends
    in its own punctuation ("Wofür brauchen Sie die Urkunde? Bitte wählen Sie ...")."""
    return formrendering.summary_entry(_part(item, "label"), _part(item, "message"))


def _part(item, key: str) -> str:
    return str(item.get(key, "") if isinstance(item, dict) else getattr(item, key, ""))
