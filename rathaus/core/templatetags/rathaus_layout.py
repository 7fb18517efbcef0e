"""Template helpers of the site layout (header branding slot, the tenant's stylesheet,
parts of the layout kept per process)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language

from rathaus.core.branding import branding
from rathaus.core.views.theme import theme_version
from rathaus.tenants.scope import current_or_none

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


KEPT_PER_NODE = 256  # different keys of one {% keep %} before it starts afresh


class KeepNode(template.Node):
    """Renders its body once per key and process and then repeats the HTML."""

    def __init__(self, nodelist: NodeList, vary: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.vary = vary
        self.kept: dict[tuple[Any, ...], SafeString] = {}

    def render(self, context: template.Context) -> str:
        tenant = current_or_none()
        key = (
            tenant.pk if tenant is not None else None,  # each Land its own, by host too
            get_language(),
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
            context.autoescape,
            *(str(value.resolve(context)) for value in self.vary),
        )
        html = self.kept.get(key)
        if html is None:
            html = mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered HTML
            if len(self.kept) >= KEPT_PER_NODE:
                self.kept.clear()
            self.kept[key] = html
        return html


@register.tag
def keep(parser: Parser, token: Token) -> KeepNode:
    """``{% keep value ... %}…{% endkeep %}``: a part of the layout rendered once per
    process for each tenant, language, address prefix (``SCRIPT_NAME``), URLconf and
    combination of the values named, then repeated from memory (the header's navigation,
    the footer: dozens of ``{% url %}`` and translations on every page).

    The body may depend only on these: translations, ``{% url %}`` and the values named.
    Never on the user, the session, a CSRF token, messages or the database — those stay
    outside the block.
    """
    vary = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(nodelist, vary)
