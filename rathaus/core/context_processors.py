"""Template context every page needs: branding of the Land and the language switch."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from rathaus.core.branding import branding


def site(request: HttpRequest) -> dict[str, object]:
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    switch = [
        {"code": code, "name": name, "url": translate_url(path, code), "active": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {"branding": branding(), "language_switch": switch}
