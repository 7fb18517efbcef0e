"""Settings come from one environment reader: defaults for a fresh machine, typed values,
clear errors for bad values, and production settings that refuse to start unconfigured
but pass `manage.py check --deploy` when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from rathaus.conf.env import VAR_DIR, cache_settings, mailer_settings, read_environment

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_for_a_fresh_machine():
    env = read_environment({})
    assert env.database_url == f"sqlite:///{VAR_DIR / 'rathaus.sqlite3'}"
    assert env.tasks_backend == "database"
    assert env.session_store == "db"
    assert env.media_root == VAR_DIR / "media"
    assert env.allowed_hosts == []
    assert env.site_url == "http://127.0.0.1:8000"
    assert env.debug is False


def test_values_are_typed():
    env = read_environment(
        {
            "ALLOWED_HOSTS": "rathaus.hessen.de, www.rathaus.hessen.de",
            "TASKS_BACKEND": "rq",
            "SESSION_STORE": "cache",
            "DEBUG": "yes",
            "MEDIA_ROOT": "/srv/media",
        }
    )
    assert env.allowed_hosts == ["rathaus.hessen.de", "www.rathaus.hessen.de"]
    assert env.tasks_backend == "rq"
    assert env.debug is True
    assert env.media_root == Path("/srv/media")


@pytest.mark.parametrize(
    "variables",
    [{"TASKS_BACKEND": "celery"}, {"SESSION_STORE": "file"}, {"DEBUG": "maybe"}],
)
def test_bad_values_are_refused(variables):
    with pytest.raises(ImproperlyConfigured):
        read_environment(variables)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://rathaus.example.org", "https://rathaus.example.org"),
        ("https://rathaus.example.org/", "https://rathaus.example.org"),
        (" http://localhost:8000/ ", "http://localhost:8000"),
        ("https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443"),
    ],
)
def test_the_site_url_is_an_origin_without_trailing_slash(value, expected):
    assert read_environment({"RATHAUS_SITE_URL": value}).site_url == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "rathaus.example.org",
        "ftp://rathaus.example.org",
        "https://",
        "https://rathaus.example.org/portal",
        "https://rathaus.example.org?x=1",
        "https://rathaus.example.org#top",
        "https://user:secret@rathaus.example.org",
        "https://rathaus.example.org:port",
        "https://rathaus example.org",
    ],
)
def test_a_site_url_with_more_or_less_than_an_origin_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="RATHAUS_SITE_URL must be"):
        read_environment({"RATHAUS_SITE_URL": value})


def test_mailer_urls():
    assert mailer_settings("console://")["BACKEND"].endswith("ReadableConsoleBackend")
    assert mailer_settings("file:///tmp/mail")["OPTIONS"] == {"file_path": "/tmp/mail"}
    smtp = mailer_settings("smtp://user%40x:p%3Ass@mail.example.org:2525")["OPTIONS"]
    assert smtp["host"] == "mail.example.org" and smtp["port"] == 2525
    assert smtp["username"] == "user@x" and smtp["password"] == "p:ss"
    assert smtp["use_tls"] is True and smtp["use_ssl"] is False
    assert mailer_settings("smtps://mail.example.org")["OPTIONS"]["port"] == 465
    with pytest.raises(ImproperlyConfigured):
        mailer_settings("pigeon://home")


def test_cache_urls():
    assert cache_settings("redis://127.0.0.1:6379/1")["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert cache_settings("locmem://")["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ImproperlyConfigured):
        cache_settings("memcached://x")


def _manage(args, extra_env):
    # Nothing of the test run's own environment may leak into the production check.
    leaked = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DEBUG",
        "RATHAUS_SITE_URL",
    }
    env = {k: v for k, v in os.environ.items() if k not in leaked}
    env.update(extra_env, DJANGO_SETTINGS_MODULE="rathaus.conf.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage(["check"], {"ALLOWED_HOSTS": "x.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


PRODUCTION = {
    "SECRET_KEY": "k" * 20 + "Zq8#pL2@vN5!rT9$wX3%yB6^" + "m" * 20,
    "ALLOWED_HOSTS": "rathaus.example.org",
    "EMAIL_URL": "smtp://mail.example.org:587",
    "RATHAUS_SITE_URL": "https://rathaus.example.org",
}


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        (None, "RATHAUS_SITE_URL must be the site's https:// address"),  # the dev default
        ("http://rathaus.example.org", "RATHAUS_SITE_URL must be the site's https:// address"),
        ("https://other.example.org", "RATHAUS_SITE_URL must name one of the ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_a_site_url_that_is_not_its_own(site_url, message):
    variables = {**PRODUCTION, "RATHAUS_SITE_URL": site_url}
    result = _manage(["check"], {k: v for k, v in variables.items() if v is not None})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_passes_check_deploy():
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_console_mail_is_readable():
    import io

    from django.core.mail import EmailMessage

    from rathaus.core.mailbackends import ReadableConsoleBackend

    stream = io.StringIO()
    link = "http://127.0.0.1:8000/registrieren/bestaetigen/" + "x" * 120 + "/"
    body = f"Bitte bestätigen Sie Ihre Adresse: {link}"
    backend = ReadableConsoleBackend(stream=stream)
    backend.send_messages([EmailMessage("Bestätigung", body, "a@b.de", ["c@d.de"])])
    printed = stream.getvalue()
    assert "Subject: Bestätigung" in printed
    assert link in printed  # one piece, clickable
