"""``/favicon.ico``: a small town-hall mark in the tenant's colour (KERN's brand colour for
a colour too light), drawn once per colour with Pillow, cached by ETag and
``Cache-Control`` like ``/mandant.css``. Browsers ask for it on every first page view;
without it each one logged a 404."""

from __future__ import annotations

import functools
import hashlib
import io

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import condition, require_safe
from PIL import Image, ImageDraw

from rathaus.core.views.theme import (
    CACHE_SECONDS,
    HEX_COLOUR,
    KERN_BRAND,
    MIN_NON_TEXT_CONTRAST,
    contrast_ratio,
    tenant_look,
)

__all__ = ["favicon", "favicon_bytes"]


def _colour(colour: str) -> str:
    usable = HEX_COLOUR.fullmatch(colour or "") and contrast_ratio(colour) >= MIN_NON_TEXT_CONTRAST
    return colour.lower() if usable else KERN_BRAND


@functools.lru_cache(maxsize=16)
def favicon_bytes(colour: str) -> bytes:
    """An ICO (16, 32, 48 px): a white roof and four columns on the colour."""
    size = 48
    image = Image.new("RGBA", (size, size), _colour(colour))
    draw = ImageDraw.Draw(image)
    draw.polygon([(6, 20), (24, 7), (42, 20)], fill="white")  # the roof
    for left in (10, 18, 26, 34):
        draw.rectangle([left, 23, left + 4, 37], fill="white")  # the columns
    draw.rectangle([6, 39, 42, 42], fill="white")  # the steps
    out = io.BytesIO()
    image.save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def _etag(request: HttpRequest) -> str:
    return hashlib.sha256(_colour(tenant_look(request)[1]).encode()).hexdigest()[:16]


@require_safe
@condition(etag_func=_etag)
def favicon(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(favicon_bytes(tenant_look(request)[1]), content_type="image/x-icon")
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
