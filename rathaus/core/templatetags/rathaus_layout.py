"""Template helpers of the site layout (header branding slot, the tenant's stylesheet)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.text import slugify

from rathaus.core.branding import branding
from rathaus.core.views.theme import theme_version

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


@register.simple_tag
def tenant_stylesheet() -> str:
    """The address of the tenant's stylesheet (``core.views.theme``): under the
    request's path prefix, versioned by its content so a changed colour shows at once."""
    look = branding()
    return f"{reverse('tenant_theme')}?v={theme_version(look.slug, look.colour)}"
