"""Child of bench/http_pages.py: a signed-in demo citizen's session, a CSRF cookie with a
token for it, and a draft of the Eheurkunde, printed as JSON (run with the bench's
environment, after the demo content is loaded)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret  # noqa: E402

from rathaus.accounts.models import User  # noqa: E402
from rathaus.accounts.services import keep_staff_status  # noqa: E402
from rathaus.catalog.models import Service  # noqa: E402
from rathaus.core.models import Territory  # noqa: E402
from rathaus.submissions.services import start_draft  # noqa: E402
from rathaus.tenants import scope, services  # noqa: E402

with scope.activate(services.ensure(settings.RATHAUS_TENANT)):
    user = User.objects.get(email="buerger@demo.rathaus.invalid")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    keep_staff_status(user)  # what a login does (user_logged_in)
    service = Service.objects.get(slug="eheurkunde")
    draft = start_draft(service, Territory.objects.get(key="06411000"), user, session, "de")
    secret = _get_new_csrf_string()
    print(json.dumps({
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
                  f"{settings.CSRF_COOKIE_NAME}={secret}",
        "csrf": _mask_cipher_secret(secret),
        "step": f"/antrag/{draft.pk}/schritt/1/",
    }))  # fmt: skip
