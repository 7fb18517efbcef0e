"""Settings shared by every environment. Values from outside come from ``env.ENV`` only."""

from __future__ import annotations

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from rathaus.conf.env import BASE_DIR, VAR_DIR, cache_settings, mailer_settings, read_environment
from rathaus.conf.federation import federation_settings

ENV = read_environment()

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts + sorted(ENV.tenant_hosts)
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

INSTALLED_APPS = [
    "rathaus.tenants",
    "rathaus.core",
    "rathaus.accounts",
    "rathaus.authentication",
    "rathaus.organisations",
    "rathaus.audit",
    "rathaus.workflow",
    "rathaus.definitions",
    "rathaus.catalog",
    "rathaus.cases",
    "rathaus.submissions",
    "rathaus.postbox",
    "rathaus.deliveries",
    "rathaus.api",
    "rathaus.search",
    "rathaus.projects",
    "rathaus.consulting",
    "rathaus.coverage",
    "rathaus.events",
    "rathaus.designer",
    "rathaus.plainlanguage",
    "rathaus.accounts.adminconfig.RathausAdminConfig",  # django.contrib.admin, our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_tasks_db",
]

MIDDLEWARE = [
    "rathaus.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "rathaus.tenants.middleware.TenantMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "rathaus.core.middleware.TenantLanguageMiddleware",
    "rathaus.core.pagecache_middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rathaus.authentication.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "rathaus.core.middleware.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "rathaus.urls"
FORM_RENDERER = "rathaus.core.formrendering.KernFormRenderer"
WSGI_APPLICATION = "rathaus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rathaus.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Kept open by each worker, like PostgreSQL's: opening a file and its PRAGMAs per
    # request costs more than a cached page.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_settings(ENV.cache_url)}
# Anonymous public pages, rendered once per content change (rathaus.core.pagecache).
RATHAUS_PAGE_CACHE = ENV.page_cache
RATHAUS_PAGE_CACHE_SECONDS = ENV.page_cache_seconds
SESSION_ENGINE = {
    "db": "rathaus.core.sessions",  # Django's database store, read by plain SQL
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}[ENV.session_store]
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True

_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
}
TASKS = {"default": _TASK_BACKENDS[ENV.tasks_backend]}
RQ_QUEUES = {"default": {"URL": ENV.redis_url}}
# The worker runs django-tasks' jobs (plain RQ jobs cannot call a Task): `rqworker default`.
RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}
if ENV.tasks_backend == "rq":
    INSTALLED_APPS += ["django_rq"]

MAILERS = {"default": mailer_settings(ENV.email_url or "console://")}
DEFAULT_FROM_EMAIL = ENV.default_from_email
SERVER_EMAIL = ENV.default_from_email

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["rathaus.authentication.backends.EmailBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "authentication:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Brute-force protection without locks (rathaus.authentication.throttle, docs/decisions/
# 0005): failed logins are counted per account and client address, per client address
# and per account. Each counter takes its number of failures per window; beyond, every
# failure doubles the wait before the next attempt (from 1 s, up to the cap). The
# per-account wait, the only one a stranger can cause for somebody else, stays short,
# and the owner gets a mail with a link that lifts it for her.
RATHAUS_LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
RATHAUS_LOGIN_SOURCE_MAX_FAILURES = 5  # one account from one address
RATHAUS_LOGIN_IP_MAX_FAILURES = 50  # one address, whichever accounts
RATHAUS_LOGIN_MAX_DELAY_SECONDS = 15 * 60  # cap of the two waits above
RATHAUS_LOGIN_MAX_FAILURES = 20  # one account from anywhere (waits from 5 s) ...
RATHAUS_LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 60  # ... up to this cap
RATHAUS_LOGIN_UNLOCK_LINK_SECONDS = 15 * 60  # unlock link valid; at most one mail per period
# E-mail verification and e-mail change links stay valid this long.
RATHAUS_EMAIL_TOKEN_MAX_AGE = 60 * 60 * 48
# Tenants: which tenant answers on which host (the rest go to the default tenant, or to
# the one named by a path prefix such as /hamburg/); see rathaus/tenants/routing.py.
RATHAUS_TENANT = ENV.default_tenant
RATHAUS_TENANT_HOSTS = ENV.tenant_hosts
# The site's address (scheme, host, port; no trailing slash) for every link read outside a
# request: mails, exports, feeds, calendar files. Never taken from the request's Host.
RATHAUS_SITE_URL = ENV.site_url
# Federated login per tenant (SAML 2.0 / BundID, OpenID Connect): rathaus/conf/federation.py,
# docs/guides/login.md. The xmlsec1 program signs and checks SAML messages.
RATHAUS_FEDERATION = federation_settings(ENV.federation_file)
RATHAUS_XMLSEC_BINARY = "/usr/bin/xmlsec1"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "rathaus" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ENV.static_root
STATICFILES_DIRS = [
    ("kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = ENV.media_root
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic writes content-hashed names with gzip copies: WhiteNoise serves them
    # compressed and "immutable" for ten years (a changed file gets a new name).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Request size limits: no request body above RATHAUS_MAX_REQUEST_BYTES is read at all
# (413), form data held in memory is capped, and so is the number of fields.
RATHAUS_MAX_REQUEST_BYTES = 25 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Security headers for every environment; production.py adds HTTPS-only settings.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],  # files only: no inline script, so no nonce (pages are cached)
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "rathaus.core.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

VAR_DIR.mkdir(exist_ok=True)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG

# The plain-language check (rathaus.plainlanguage): the highest first Wiener Sachtextformel
# (WSTF 1, roughly the school year a reader needs) a citizen-facing text should reach.
RATHAUS_PLAIN_LANGUAGE_TARGET = 10
