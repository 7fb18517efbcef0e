"""The baseline of bench/http_pages.py: a one-file Django app with one templated page
(a heading, a paragraph and a list from a context variable), served by gunicorn with the
same workers as Rathaus. What a page costs beyond this is Rathaus's own work."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.shortcuts import render
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [__file__.rsplit("/", 1)[0]],
    }],
)  # fmt: skip


def page(request):
    items = [f"Eintrag {n}" for n in range(10)]
    return render(request, "page.html", {"title": "Startseite", "items": items})


urlpatterns = [path("", page)]
application = get_wsgi_application()
