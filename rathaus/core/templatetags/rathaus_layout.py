"""Template helpers of the site layout (header branding slot)."""

from __future__ import annotations

from django import template
from django.utils.text import slugify

from rathaus.core.branding import branding

register = template.Library()

DEFAULT_BRANDING_TEMPLATE = "includes/branding/default.html"


@register.simple_tag
def branding_templates() -> list[str]:
    """Candidates for the header's branding slot, for ``{% include %}`` to pick from.

    ``includes/branding/<tenant slug>.html`` if a Land ships one, else the default, so
    another Land brands the portal with a template and its tenant row, not with code.
    """
    slug = slugify(branding().slug)
    candidates = [f"includes/branding/{slug}.html"] if slug else []
    return [*candidates, DEFAULT_BRANDING_TEMPLATE]
