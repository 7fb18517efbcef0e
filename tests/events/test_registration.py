"""Seats, the waiting list, offers and their expiry, double registrations, the window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from rathaus.audit.models import AuditEntry
from rathaus.events import registration as services
from rathaus.events.models import Event, Registration
from tests.events.helpers import make_event, person, sign_up, statuses

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_seats_then_waiting_list():
    event = make_event(capacity=2)
    first, second, third = (sign_up(event, n) for n in (1, 2, 3))
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waiting"]
    assert services.seats_left(event) == 0
    assert services.waiting_count(event) == 1
    verbs = AuditEntry.objects.filter(verb="events.registered").count()
    assert verbs == 3


def test_double_registration_is_refused_case_insensitively():
    event = make_event()
    sign_up(event, 1)
    with pytest.raises(services.Refused) as refused:
        services.register(event, person(9, email="PERSON1@Example.org"))
    assert "bereits" in str(refused.value.message)
    assert refused.value.field == "email"
    assert Registration.objects.count() == 1


def test_a_cancelled_person_may_register_again():
    event = make_event()
    services.cancel(sign_up(event, 1))
    again = sign_up(event, 1)
    assert again.status == Status.CONFIRMED


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"state": Event.State.DRAFT}, "keine Anmeldung"),
        ({"state": Event.State.CANCELLED}, "keine Anmeldung"),
        ({"starts_at": timezone.now() - timedelta(days=2)}, "vorbei"),
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "beginnt am"),
        ({"registration_closes_at": timezone.now() - timedelta(minutes=1)}, "geschlossen"),
    ],
)
def test_registration_only_while_open(fields, message):
    event = make_event(**fields)
    with pytest.raises(services.Refused, match=message):
        sign_up(event, 1)
    assert not Registration.objects.exists()


def test_cancel_moves_exactly_one_up_with_a_time_limited_offer(django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    first = sign_up(event, 1)
    waiting = [sign_up(event, n) for n in (2, 3)]
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
    offered = Registration.objects.get(pk=waiting[0].pk)
    assert offered.status == Status.OFFERED
    assert offered.offer_expires_at is not None
    assert offered.offer_expires_at <= timezone.now() + timedelta(hours=48, seconds=5)
    assert Registration.objects.get(pk=waiting[1].pk).status == Status.WAITING
    assert statuses(event) == {"cancelled": 1, "offered": 1, "waiting": 1}
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["Anmeldung storniert: Kongress", "Ein Platz ist frei: Kongress"]
    offer = next(m for m in mail.outbox if m.subject.startswith("Ein Platz"))
    assert f"/veranstaltungen/anmeldung/{offered.token}/" in offer.body
    assert offer.attachments == []


def test_cancelling_twice_or_a_waiting_place_moves_nobody(django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    sign_up(event, 1)
    second, third = sign_up(event, 2), sign_up(event, 3)
    # A seat stands free (the organiser raised the capacity): still, cancelling a place on
    # the waiting list frees no seat, so it must not be what hands one out.
    Event.objects.filter(pk=event.pk).update(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(second)
        services.cancel(second)
    assert Registration.objects.get(pk=third.pk).status == Status.WAITING
    assert AuditEntry.objects.filter(verb="events.cancelled").count() == 1
    assert [m.to for m in mail.outbox] == [[second.email]]  # one mail, to her only


def test_offer_deadline_is_the_start_when_sooner():
    event = make_event(capacity=1, starts_at=timezone.now() + timedelta(hours=10))
    first, second = sign_up(event, 1), sign_up(event, 2)
    services.cancel(first)
    second.refresh_from_db()
    assert second.offer_expires_at == event.starts_at


def test_confirm_offer_before_expiry(django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    first, second = sign_up(event, 1), sign_up(event, 2)
    services.cancel(first)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.confirm_offer(second)
    assert confirmed.status == Status.CONFIRMED and confirmed.offer_expires_at is None
    assert mail.outbox[0].subject == "Anmeldung bestätigt: Kongress"
    assert mail.outbox[0].attachments[0][0] == "kongress.ics"


def test_expired_offer_is_cancelled_and_the_next_one_offered():
    event = make_event(capacity=1)
    first, second, third = sign_up(event, 1), sign_up(event, 2), sign_up(event, 3)
    services.cancel(first)
    later = timezone.now() + timedelta(hours=49)
    with pytest.raises(services.Refused, match="abgelaufen"):
        Registration.objects.filter(pk=second.pk).update(offer_expires_at=timezone.now())
        services.confirm_offer(second)
    assert services.expire_offers(later) == 1
    assert Registration.objects.get(pk=second.pk).status == Status.CANCELLED
    assert Registration.objects.get(pk=third.pk).status == Status.OFFERED
    assert services.expire_offers(later) == 0
    assert AuditEntry.objects.filter(verb="events.offer_expired").count() == 1


def test_organiser_moves_up_only_into_a_free_seat():
    event = make_event(capacity=1)
    first, second = sign_up(event, 1), sign_up(event, 2)
    with pytest.raises(services.Refused, match="kein Platz frei"):
        services.move_up(None, second)
    services.move_to_waiting(None, first)
    assert services.seats_left(event) == 1
    moved = services.move_up(None, second, confirm=True)
    assert moved.status == Status.CONFIRMED
    assert statuses(event) == {"confirmed": 1, "waiting": 1}
    with pytest.raises(services.Refused):
        services.move_to_waiting(None, Registration.objects.get(pk=first.pk))


def test_move_up_without_confirm_offers_the_seat():
    event = make_event(capacity=2)
    sign_up(event, 1)
    sign_up(event, 2)
    third = sign_up(event, 3)
    Event.objects.filter(pk=event.pk).update(capacity=3)
    event.refresh_from_db()
    assert services.move_up(None, third).status == Status.OFFERED
    assert services.seats_left(event) == 0


def test_organiser_may_cancel_after_the_event_participant_not():
    event = make_event(starts_at=timezone.now() + timedelta(hours=1))
    registration = sign_up(event, 1)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=9), ends_at=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(services.Refused, match="vorbei"):
        services.cancel(registration)
    actor = None
    cancelled = services.cancel(registration, actor=actor or object())
    assert cancelled.status == Status.CANCELLED


def test_online_link_only_while_the_event_is_on_and_offers_end_with_it():
    from rathaus.events import seats

    event = make_event(format=Event.Format.ONLINE, online_link="https://stream.example/x")
    registration = sign_up(event, 1)
    assert seats.sees_online_link(registration)
    Event.objects.filter(pk=event.pk).update(state=Event.State.CANCELLED)
    registration.refresh_from_db()
    assert not seats.sees_online_link(registration)
    now = timezone.now()
    event.ends_at = now + timedelta(minutes=30)
    event.starts_at = now - timedelta(hours=1)
    assert seats.offer_deadline(event, now) == event.ends_at
