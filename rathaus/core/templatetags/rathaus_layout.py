"""Template helpers of the site layout (header branding slot)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.text import slugify

register = template.Library()

DEFAULT_BRANDING_TEMPLATE = "includes/branding/default.html"


@register.simple_tag
def branding_templates() -> list[str]:
    """Candidates for the header's branding slot, for ``{% include %}`` to pick from.

    ``includes/branding/<RATHAUS_BRANDING>.html`` if a Land ships one, else the default,
    so another Land brands the portal with a template and a setting, not with code.
    """
    slug = slugify(getattr(settings, "RATHAUS_BRANDING", "") or "")
    candidates = [f"includes/branding/{slug}.html"] if slug else []
    return [*candidates, DEFAULT_BRANDING_TEMPLATE]
