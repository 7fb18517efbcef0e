"""The scheduled event commands run for every active tenant, each in its own scope: its
events only, its portal's name and address in the mails, its audit chain; ``--tenant``
runs one tenant."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from rathaus.audit.models import AuditEntry
from rathaus.core.models import Authority, Territory
from rathaus.events import registration as services
from rathaus.events.models import Event, Registration
from rathaus.tenants import services as tenants
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import activate, every_tenant
from tests.events.helpers import make_event, sign_up, soon
from tests.unscoped import unscoped

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hamburg_tenant() -> Tenant:
    return tenants.ensure("hamburg")


def hamburg_event(tenant: Tenant, slug: str, capacity: int = 3, days: int = 30) -> Event:
    """An event of Hamburg's Smart Region office (made in Hamburg's scope)."""
    with activate(tenant):
        land, _created = Territory.objects.get_or_create(
            key="02", defaults={"name": "Hamburg", "short_name": "Hamburg", "level": "land"}
        )
        office, _created = Authority.objects.get_or_create(
            slug="digitale-stadt-test", defaults={"name": "Digitale Stadt", "territory": land}
        )
        starts = soon(days=days, hour=10)
        return Event.objects.create(
            slug=slug, title=slug.title(), kind=Event.Kind.WORKSHOP, format=Event.Format.ONLINE,
            state=Event.State.PUBLISHED, summary="Kurz.", starts_at=starts,
            ends_at=starts + timedelta(hours=2), capacity=capacity, organiser=office,
            retention_until=(starts + timedelta(days=90)).date(),
        )  # fmt: skip


def run(name: str, **options) -> str:
    out = StringIO()
    unscoped(call_command, name, stdout=out, **options)
    return out.getvalue()


def chains(verb: str) -> list[str]:
    with every_tenant():
        entries = AuditEntry.objects.filter(verb=verb)
        return sorted(entries.values_list("tenant__slug", flat=True))


def test_reminders_go_out_in_every_tenant_each_in_its_portals_name(hamburg_tenant):
    hessian = make_event(slug="morgen-he", starts_at=soon(days=1, hour=10))
    sign_up(hessian, 1)
    hamburgian = hamburg_event(hamburg_tenant, "morgen-hh", days=1)
    with activate(hamburg_tenant):
        sign_up(hamburgian, 2)
    mail.outbox.clear()
    assert "2 reminder(s) queued." in run("send_event_reminders")
    sent = {message.to[0]: message.body for message in mail.outbox}
    assert "Rathaus Hessen" in sent["person1@example.org"]
    assert "Rathaus Hamburg" in sent["person2@example.org"]
    assert f"{tenants.site_url(hamburg_tenant)}/veranstaltungen/" in sent["person2@example.org"]
    assert chains("events.reminders_sent") == ["hamburg", "hessen"]
    assert "0 reminder(s)" in run("send_event_reminders")


def test_reminders_of_one_tenant_only(hamburg_tenant):
    hessian = make_event(slug="morgen-he", starts_at=soon(days=1, hour=10))
    first = sign_up(hessian, 1)
    hamburgian = hamburg_event(hamburg_tenant, "morgen-hh", days=1)
    with activate(hamburg_tenant):
        second = sign_up(hamburgian, 2)
    assert "1 reminder(s) queued." in run("send_event_reminders", tenant="hamburg")
    with activate(hamburg_tenant):
        assert Registration.objects.get(pk=second.pk).reminded_at is not None
    assert Registration.objects.get(pk=first.pk).reminded_at is None
    with pytest.raises(CommandError, match="No tenant"):
        run("send_event_reminders", tenant="atlantis")


def _offer_expired(event: Event) -> Registration:
    """Three people for one seat: the first cancels, the second's offer runs out."""
    first, second, third = (sign_up(event, n) for n in (1, 2, 3))
    services.cancel(first)
    Registration.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    return third


def test_expired_offers_go_to_the_next_person_in_every_tenant(hamburg_tenant):
    hessian_third = _offer_expired(make_event(capacity=1))
    with activate(hamburg_tenant):
        hamburg_third = _offer_expired(hamburg_event(hamburg_tenant, "werkstatt", capacity=1))
    mail.outbox.clear()
    assert "2 expired offer(s) cancelled." in run("expire_event_offers")
    with every_tenant():
        offered = Registration.objects.filter(pk__in=[hessian_third.pk, hamburg_third.pk])
        assert set(offered.values_list("status", flat=True)) == {"offered"}
    # to the second (expired) and the third (offered) person of each tenant, in its name
    assert len([m for m in mail.outbox if "Rathaus Hamburg" in m.body]) == 2
    assert len([m for m in mail.outbox if "Rathaus Hessen" in m.body]) == 2
