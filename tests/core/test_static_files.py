"""Static files in production: content-hashed names, served compressed and cached for
years by browsers (a changed file gets a new name), as collectstatic and WhiteNoise make
them with the production storage."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.http import HttpResponse
from django.templatetags.static import static
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

PRODUCTION = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


def test_the_production_storage_is_the_compressed_manifest():
    from rathaus.conf import base

    assert base.STORAGES["staticfiles"] == PRODUCTION


def test_a_collected_file_is_served_compressed_and_immutable(settings, tmp_path: Path):
    source, root = tmp_path / "source", tmp_path / "static"
    (source / "core").mkdir(parents=True)
    (source / "core" / "site.css").write_text(".kern-btn { color: #123456; }\n" * 200)
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = root
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION}
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", "--noinput", "-v", "0")
    url = static("core/site.css")
    assert url != "/static/core/site.css" and url.endswith(".css")  # a hashed name
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    request = RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    response = middleware(request)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "Accept-Encoding" in response["Vary"]
    assert settings.STATIC_URL == "/static/"
