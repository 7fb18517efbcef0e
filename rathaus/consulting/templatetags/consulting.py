"""Template filters of the consulting pages."""

from django import template
from django.utils.translation import get_language

from rathaus.consulting.models import ConsultingTopic

register = template.Library()


@register.filter
def topic_label(topic: ConsultingTopic) -> str:
    """The topic's name in the page's language."""
    return topic.label(get_language() or "de")
