from django import template
from django.utils.translation import get_language

from rathaus.definitions.schema import localize

register = template.Library()


@register.filter
def localized(text) -> str:
    """A definition's text ("..." or {"de": ..., "en": ...}) in the page's language."""
    return localize(text, (get_language() or "de")[:2])
