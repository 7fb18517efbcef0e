"""``{% staff_areas as areas %}``: the staff areas of the signed-in user, for the header
and the pages that link into the staff area (see ``services.staff_areas``)."""

from __future__ import annotations

from django import template

from rathaus.authentication import services

register = template.Library()

_CACHE_ATTR = "_rathaus_staff_areas"


@register.simple_tag(takes_context=True)
def staff_areas(context) -> services.StaffAreas:
    """Computed once per request: the header and the page both ask."""
    request = context.get("request")
    user = context.get("user")
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return services.StaffAreas()
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is None or cached[0] != user.pk:
        cached = (user.pk, services.staff_areas(user))
        if request is not None:
            setattr(request, _CACHE_ATTR, cached)
    return cached[1]
