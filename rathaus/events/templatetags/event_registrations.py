"""Template filters of the registration pages: what the workflow allows, not state names."""

from django import template

from rathaus.events.registration_flow import organiser_steps

register = template.Library()


@register.filter
def organiser_steps_from(status: str) -> set[str]:
    """The transitions an organiser may fire from ``status`` (ids of ``registration_flow``)."""
    return organiser_steps(status)
