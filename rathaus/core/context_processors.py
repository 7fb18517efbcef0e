"""Template context every page needs: branding of the Land and the language switch."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

BRANDINGS = {
    "hessen": {"land": "Hessen", "portal": "Rathaus Hessen", "land_key": "06"},
}


def site(request: HttpRequest) -> dict[str, object]:
    branding = BRANDINGS.get(settings.RATHAUS_BRANDING, BRANDINGS["hessen"])
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    switch = [
        {"code": code, "name": name, "url": translate_url(path, code), "active": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {"branding": branding, "language_switch": switch}
