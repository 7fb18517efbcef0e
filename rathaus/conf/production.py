"""Production: everything secret or site-specific must come from the environment."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from rathaus.conf.base import *  # noqa: F403
from rathaus.conf.base import ENV

DEBUG = False

if len(ENV.secret_key) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50+ characters.")
SECRET_KEY = ENV.secret_key
if not ENV.allowed_hosts:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the host(s) Rathaus is served under.")
if urlsplit(ENV.email_url).scheme not in {"smtp", "smtps"}:
    raise ImproperlyConfigured("EMAIL_URL must be an smtp:// or smtps:// URL in production.")

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
