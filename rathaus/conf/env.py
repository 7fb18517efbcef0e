"""The one place where Rathaus reads its environment.

Every variable is read here once, with its type and default; settings modules use the
resulting :class:`Environment` and never touch ``os.environ`` themselves. The table in
README.md ("Configuration") documents the same variables.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
DEFAULT_SITE_URL = "http://127.0.0.1:8000"  # the development server


@dataclass(frozen=True)
class Environment:
    database_url: str
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    email_url: str
    default_from_email: str
    cache_url: str
    session_store: str
    tasks_backend: str
    redis_url: str
    media_root: Path
    static_root: Path
    default_tenant: str
    tenant_hosts: dict[str, str]
    site_url: str
    log_level: str
    debug: bool
    federation_file: str
    devidp_host: str
    page_cache: bool
    page_cache_seconds: int


def _list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _bool(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def _choice(name: str, value: str, choices: set[str]) -> str:
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {sorted(choices)}, not {value!r}")
    return value


def _is_origin(url: str) -> bool:
    """``http(s)://host[:port]`` and nothing else: no path, query, fragment or user."""
    if any(char in "?#" or char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    extras = (parts.path, parts.username, parts.password)
    return parts.scheme in {"http", "https"} and bool(parts.hostname) and not any(extras)


DEFAULT_TENANT_HOSTS = (
    "hessen.localhost=hessen,hamburg.localhost=hamburg,sh.localhost=schleswig-holstein"
)


def _tenant_hosts(name: str, value: str) -> dict[str, str]:
    """``host=slug`` pairs, comma-separated: which tenant answers on which host name."""
    hosts: dict[str, str] = {}
    for pair in _list(value):
        host, sep, slug = (part.strip().lower() for part in pair.partition("="))
        if not sep or not host or not slug or ":" in host or "/" in host:
            raise ImproperlyConfigured(
                f"{name} must be host=tenant pairs separated by commas, "
                f"e.g. portal.hamburg.de=hamburg, not {pair!r}"
            )
        if hosts.get(host, slug) != slug:
            raise ImproperlyConfigured(f"{name} names the host {host} for two tenants")
        hosts[host] = slug
    return hosts


def _site_url(name: str, value: str) -> str:
    """The site's address as people reach it, for links in mails, exports and feeds."""
    url = value.strip().rstrip("/")
    if not _is_origin(url):
        raise ImproperlyConfigured(
            f"{name} must be the site's address as http(s)://host[:port] without a path, "
            f"e.g. https://rathaus.example.org, not {value!r}"
        )
    return url


def _host(name: str, value: str) -> str:
    """A bare host name or IPv4 address (no scheme, port or path)."""
    host = value.strip().lower()
    if not host or not re.fullmatch(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?", host):
        raise ImproperlyConfigured(
            f"{name} must be a host name or IPv4 address such as 127.0.0.1, not {value!r}"
        )
    return host


def _seconds(name: str, value: str) -> int:
    """A whole number of seconds, 1 to one day."""
    if not value.strip().isdigit() or not 1 <= int(value) <= 86400:
        raise ImproperlyConfigured(f"{name} must be seconds from 1 to 86400, not {value!r}")
    return int(value)


def read_environment(environ: Mapping[str, str] | None = None) -> Environment:
    """Read and type-check every variable Rathaus understands."""
    env = os.environ if environ is None else environ
    get = env.get
    return Environment(
        database_url=get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rathaus.sqlite3'}"),
        secret_key=get("SECRET_KEY", ""),
        allowed_hosts=_list(get("ALLOWED_HOSTS", "")),
        csrf_trusted_origins=_list(get("CSRF_TRUSTED_ORIGINS", "")),
        email_url=get("EMAIL_URL", ""),
        default_from_email=get("DEFAULT_FROM_EMAIL", "Rathaus <noreply@rathaus.invalid>"),
        cache_url=get("CACHE_URL", "locmem://"),
        session_store=_choice(
            "SESSION_STORE", get("SESSION_STORE", "db"), {"db", "cache", "cached_db"}
        ),
        tasks_backend=_choice(
            "TASKS_BACKEND", get("TASKS_BACKEND", "database"), {"database", "rq", "immediate"}
        ),
        redis_url=get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        media_root=Path(get("MEDIA_ROOT", str(VAR_DIR / "media"))),
        static_root=Path(get("STATIC_ROOT", str(VAR_DIR / "static"))),
        default_tenant=get("RATHAUS_TENANT", "") or get("RATHAUS_BRANDING", "") or "hessen",
        tenant_hosts=_tenant_hosts(
            "RATHAUS_TENANT_HOSTS", get("RATHAUS_TENANT_HOSTS", DEFAULT_TENANT_HOSTS)
        ),
        site_url=_site_url("RATHAUS_SITE_URL", get("RATHAUS_SITE_URL", DEFAULT_SITE_URL)),
        log_level=get("LOG_LEVEL", "INFO").upper(),
        debug=_bool("DEBUG", get("DEBUG", "")),
        federation_file=get("RATHAUS_FEDERATION_FILE", "").strip(),
        devidp_host=_host("RATHAUS_DEVIDP_HOST", get("RATHAUS_DEVIDP_HOST", "127.0.0.1")),
        page_cache=_bool("PAGE_CACHE", get("PAGE_CACHE", "on")),
        page_cache_seconds=_seconds("PAGE_CACHE_SECONDS", get("PAGE_CACHE_SECONDS", "300")),
    )


def mailer_settings(url: str) -> dict[str, object]:
    """Translate EMAIL_URL into a Django ``MAILERS`` entry.

    ``console://`` (readable plain text, for development), ``file:///path/to/dir``, ``locmem://``, ``smtp://user:pass@host:587``
    (STARTTLS; ``?tls=0`` for none) and ``smtps://user:pass@host:465`` (implicit TLS).
    """
    parts = urlsplit(url)
    scheme = parts.scheme
    backends = "django.core.mail.backends."
    if scheme == "console":
        return {"BACKEND": "rathaus.core.mailbackends.ReadableConsoleBackend"}
    if scheme == "locmem":
        return {"BACKEND": f"{backends}locmem.EmailBackend"}
    if scheme == "file":
        path = unquote(parts.path) or str(VAR_DIR / "mail")
        return {"BACKEND": f"{backends}filebased.EmailBackend", "OPTIONS": {"file_path": path}}
    if scheme in {"smtp", "smtps"}:
        query = parse_qs(parts.query)
        return {
            "BACKEND": f"{backends}smtp.EmailBackend",
            "OPTIONS": {
                "host": parts.hostname or "localhost",
                "port": parts.port or (465 if scheme == "smtps" else 587),
                "username": unquote(parts.username or ""),
                "password": unquote(parts.password or ""),
                "use_ssl": scheme == "smtps",
                "use_tls": scheme == "smtp" and query.get("tls", ["1"])[0] != "0",
                "timeout": 10,
            },
        }
    raise ImproperlyConfigured(f"EMAIL_URL scheme {scheme!r} is not supported")


def cache_settings(url: str) -> dict[str, object]:
    """Translate CACHE_URL (``locmem://``, ``dummy://``, ``redis://host:6379/1``)."""
    parts = urlsplit(url)
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if parts.scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(f"CACHE_URL scheme {parts.scheme!r} is not supported")
