"""The tenant's look as a small same-origin stylesheet (``/mandant.css``, mounted in
``rathaus/urls.py`` outside the language prefix: it has no language).

The Content-Security-Policy allows no inline styles, so a tenant's colour cannot go into
the page: ``base.html`` links this stylesheet after ``core/rathaus.css``, which uses the
custom properties it sets. The body depends only on the tenant of the request (its slug
and colour), so it is cached by ETag and ``Cache-Control``; the link carries the same
hash (``?v=``) so a changed colour is fetched at once.

Colours are checked against white (WCAG 2.1 contrast ratio): the accent and the brand
mark (non-text, 1.4.11) need 3:1, text (1.4.3) needs 4.5:1. A colour too light for
either use falls back to KERN's brand colour for that use.
"""

from __future__ import annotations

import functools
import hashlib
import re

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import condition, require_safe

from rathaus.tenants.scope import current_or_none

__all__ = [
    "KERN_BRAND",
    "MIN_NON_TEXT_CONTRAST",
    "MIN_TEXT_CONTRAST",
    "contrast_ratio",
    "theme",
    "theme_css",
    "theme_version",
    "tenant_look",
]

# KERN's --kern-color-decorative-brand-default in the light theme (neutral-700,
# oklch(42.13% 0.0539 275.67)); 8.5:1 on white.
KERN_BRAND = "#454b6b"
KERN_BRAND_VALUE = f"var(--kern-color-decorative-brand-default, {KERN_BRAND})"
WHITE = "#ffffff"
MIN_TEXT_CONTRAST = 4.5  # WCAG 2.1 SC 1.4.3, normal text
MIN_NON_TEXT_CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11, graphical objects
CACHE_SECONDS = 24 * 60 * 60
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _channel(value: int) -> float:
    share = value / 255
    return share / 12.92 if share <= 0.04045 else ((share + 0.055) / 1.055) ** 2.4


def _luminance(colour: str) -> float:
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(colour: str, background: str = WHITE) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours, from 1.0 to 21.0."""
    for value in (colour, background):
        if not HEX_COLOUR.fullmatch(value):
            raise ValueError(f"not a #rrggbb colour: {value!r}")
    lighter, darker = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _usable(colour: str, minimum: float) -> str:
    """``colour`` (lower case) if it is a valid colour with ``minimum`` contrast on white,
    else KERN's brand colour."""
    if HEX_COLOUR.fullmatch(colour or "") and contrast_ratio(colour) >= minimum:
        return colour.lower()
    return KERN_BRAND_VALUE


def theme_css(slug: str, colour: str) -> str:
    """The stylesheet of one tenant. Only a checked colour and the slug's safe characters
    reach it, whatever the database holds."""
    name = re.sub(r"[^a-z0-9-]", "", (slug or "").lower())
    accent = _usable(colour, MIN_NON_TEXT_CONTRAST)
    text = _usable(colour, MIN_TEXT_CONTRAST)
    return (
        f"/* Look of the tenant {name} (rathaus.core.views.theme). */\n"
        ":root {\n"
        f"  --rathaus-brand: {accent};\n"
        f"  --rathaus-brand-text: {text};\n"
        "}\n"
    )


@functools.lru_cache(maxsize=64)  # on every page (the stylesheet's link); few tenants
def theme_version(slug: str, colour: str) -> str:
    """A short hash of the stylesheet: its ETag and the ``?v=`` of its link."""
    return hashlib.sha256(theme_css(slug, colour).encode()).hexdigest()[:16]


def tenant_look(request: HttpRequest) -> tuple[str, str]:
    tenant = getattr(request, "tenant", None) or current_or_none()
    if tenant is None:
        return "", ""
    return tenant.slug, tenant.colour


def _etag(request: HttpRequest) -> str:
    return theme_version(*tenant_look(request))


@require_safe
@condition(etag_func=_etag)
def theme(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(theme_css(*tenant_look(request)), content_type="text/css")
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
