"""``{% staff_areas as areas %}``: the staff areas of the signed-in user, for the header
and the pages that link into the staff area (see :mod:`rathaus.authentication.areas`)."""

from __future__ import annotations

from django import template

from rathaus.authentication import areas

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_areas(context) -> areas.StaffAreas:
    """One object per request: the header and the page both ask."""
    request = context.get("request")
    return areas.for_request(request) if request is not None else areas.StaffAreas()
