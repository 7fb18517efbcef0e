"""Every step page of every shipped service, and its check page, passes axe-core
(WCAG 2.1 A/AA) in the browser, without third-party requests or CSP violations."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from rathaus.accounts import services as accounts
from rathaus.catalog.loading import load_catalog
from rathaus.catalog.models import Offer, Service
from rathaus.core.models import Authority, Territory
from rathaus.definitions.services import SHIPPED_DIR, load_shipped
from rathaus.submissions import services

pytestmark = pytest.mark.e2e
SLUGS = sorted(path.stem for path in SHIPPED_DIR.glob("*.yaml"))


def signed_in_context(make_context, live_server, user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context = make_context()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key,
                          "url": live_server.url}])  # fmt: skip
    return context


def every_step_open(make_context, live_server, slug):
    """A signed-in citizen's draft of ``slug`` in Darmstadt with every step reachable (the
    steps marked done, nothing answered): (page, draft, steps). Needs ``hessen``."""
    load_shipped()
    load_catalog()
    darmstadt = Territory.objects.get(key="06411000")
    authority = Authority.objects.create(name="Stadt Darmstadt", slug="da", territory=darmstadt)
    service = Service.objects.get(definition_slug=slug)
    Offer.objects.create(service=service, authority=authority, territory=darmstadt)
    user = accounts.create_citizen("a11y@example.org", "Ein-langes-Passwort-2026", "Ada", "L")
    draft = services.start_draft(service, darmstadt, user, {})
    steps = services.navigation(draft).steps
    draft.completed_steps = [step.id for step in steps]
    draft.save()
    return signed_in_context(make_context, live_server, user).new_page(), draft, steps


@pytest.mark.parametrize("slug", SLUGS)
def test_every_step_page_is_accessible(make_context, live_server, assert_accessible, hessen, slug):
    page, draft, steps = every_step_open(make_context, live_server, slug)
    for number in range(1, len(steps) + 1):
        page.goto(f"/antrag/{draft.pk}/schritt/{number}/")
        assert f"Schritt {number} von {len(steps)}" in page.content()
        assert_accessible(page)
    page.goto(f"/antrag/{draft.pk}/pruefen/")
    assert_accessible(page)
