"""Production: everything secret or site-specific must come from the environment."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port, validate_host

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
if urlsplit(ENV.site_url).scheme != "https":
    raise ImproperlyConfigured(
        "RATHAUS_SITE_URL must be the site's https:// address in production "
        "(it is the address in every link of mails, exports and feeds)."
    )
if not validate_host(split_domain_port(urlsplit(ENV.site_url).netloc)[0], ENV.allowed_hosts):
    raise ImproperlyConfigured("RATHAUS_SITE_URL must name one of the ALLOWED_HOSTS.")

# The development host names (*.localhost) never answer in production.
RATHAUS_TENANT_HOSTS = {
    host: slug for host, slug in ENV.tenant_hosts.items() if not host.endswith(".localhost")
}
ALLOWED_HOSTS = ENV.allowed_hosts + sorted(RATHAUS_TENANT_HOSTS)

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
