"""Mails to participants: the .ics attachment, the online link only for the confirmed,
reminders the day before (once), and the scheduled commands."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from rathaus.core.mail import send_mail_after_commit
from rathaus.events import notify
from rathaus.events import registration as services
from rathaus.events.models import Event, Registration
from rathaus.events.reminders import send_reminders
from tests.events.helpers import make_event, sign_up, soon

pytestmark = pytest.mark.django_db(transaction=True)
LINK = "https://stream.example/geheim"


def online(capacity: int = 1, **fields) -> Event:
    return make_event(format=Event.Format.HYBRID, online_link=LINK, capacity=capacity, **fields)


def test_confirmation_carries_an_ics_and_the_online_link(settings):
    settings.RATHAUS_SITE_URL = "https://rathaus.example.org"
    event = online()
    registration = sign_up(event, 1)
    (message,) = mail.outbox
    assert message.to == ["person1@example.org"]
    assert LINK in message.body
    link = f"https://rathaus.example.org/veranstaltungen/anmeldung/{registration.token}/"
    assert link in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("kongress.ics", "text/calendar; charset=utf-8")
    assert content.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in content
    unfolded = content.replace("\r\n ", "")
    assert LINK in unfolded
    assert "URL:https://rathaus.example.org/veranstaltungen/kongress/" in unfolded
    assert f"UID:event-{event.pk}@rathaus.example.org" in unfolded


def test_waiting_list_mail_has_no_link_and_no_attachment():
    event = online()
    sign_up(event, 1)
    sign_up(event, 2)
    waiting = mail.outbox[-1]
    assert waiting.subject == "Warteliste: Kongress"
    assert LINK not in waiting.body and waiting.attachments == []


def test_attachments_survive_the_database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    files = [("a.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
             ('evil"\nname.txt', "x", "text/plain")]  # fmt: skip
    send_mail_after_commit("Mit Anhang", "Text", ["c@example.org"], files)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    (message,) = mail.outbox
    assert message.attachments[0][0] == "a.ics"
    assert message.attachments[1][0] == "evil name.txt"


def test_reminders_go_once_to_confirmed_people_of_tomorrows_events():
    tomorrow = online(capacity=2, slug="morgen", starts_at=soon(days=1, hour=10))
    later = online(capacity=2, slug="spaeter", starts_at=soon(days=3))
    confirmed = sign_up(tomorrow, 1)
    cancelled = sign_up(tomorrow, 2)
    services.cancel(cancelled)
    sign_up(later, 3)
    mail.outbox.clear()
    assert send_reminders() == 1
    assert send_reminders() == 0
    (message,) = mail.outbox
    assert message.subject == "Morgen: Morgen" and message.to == [confirmed.email]
    assert LINK in message.body and message.attachments
    assert Registration.objects.get(pk=confirmed.pk).reminded_at is not None


def test_commands_need_no_site_address_of_their_own():
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    call_command("expire_event_offers", stdout=out)
    assert "0 reminder(s)" in out.getvalue() and "0 expired" in out.getvalue()


def test_expire_command_offers_the_seat_to_the_next(settings):
    settings.RATHAUS_SITE_URL = "https://rathaus.example.org"
    event = online()
    first, second, third = (sign_up(event, n) for n in (1, 2, 3))
    services.cancel(first)
    Registration.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    mail.outbox.clear()
    call_command("expire_event_offers", stdout=StringIO())
    assert Registration.objects.get(pk=third.pk).status == "offered"
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["Angebot abgelaufen: Kongress", "Ein Platz ist frei: Kongress"]
    offer = next(m for m in mail.outbox if m.subject.startswith("Ein Platz"))
    assert f"https://rathaus.example.org/veranstaltungen/anmeldung/{third.token}/" in offer.body


def test_subjects_and_bodies_are_plain_text_not_html():
    event = make_event(title='Kommunen & Digitales <Forum> "2031"')
    sign_up(event, 1)
    (message,) = mail.outbox
    assert message.subject == 'Anmeldung bestätigt: Kommunen & Digitales <Forum> "2031"'
    assert "&amp;" not in message.body and 'Kommunen & Digitales <Forum> "2031"' in message.body


def test_a_cancelled_event_offers_no_seats_and_cannot_be_published_again():
    from rathaus.events import organising
    from rathaus.events.organising import EventError

    event = online(capacity=1)
    first, second = sign_up(event, 1), sign_up(event, 2)
    assert second.status == Registration.Status.WAITING
    actor = event.organiser.memberships.first()
    organising.cancel_event(actor.user if actor else None, event)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == Registration.Status.CANCELLED
    with pytest.raises(EventError, match="bleibt abgesagt"):
        organising.publish(None, event)
    event.refresh_from_db()
    assert event.state == Event.State.CANCELLED


def test_no_seat_is_offered_or_confirmed_for_a_cancelled_event():
    event = online(capacity=1)
    first, second = sign_up(event, 1), sign_up(event, 2)
    Event.objects.filter(pk=event.pk).update(state=Event.State.CANCELLED)  # registrations kept
    mail.outbox.clear()
    services.cancel(first)
    second.refresh_from_db()
    assert second.status == Registration.Status.WAITING
    assert not [m for m in mail.outbox if m.subject.startswith("Ein Platz ist frei")]
    Registration.objects.filter(pk=second.pk).update(
        status=Registration.Status.OFFERED, offer_expires_at=timezone.now() + timedelta(hours=5)
    )
    with pytest.raises(services.Refused):
        services.confirm_offer(second)


def test_the_worker_renders_the_mail_from_the_registration_as_it_is_then():
    """A change queues only the registration's number and the mail's name (the outbox row
    is written with the change); the worker renders it later, and sends nothing for a
    registration anonymised or deleted in between."""
    event = online()
    registration = sign_up(event, 1)
    mail.outbox.clear()
    assert notify.send_to_participant.call(registration.pk, "confirmed", True) == "confirmed"
    assert LINK in mail.outbox[-1].body and mail.outbox[-1].attachments
    Registration.objects.filter(pk=registration.pk).update(anonymised=True)
    assert notify.send_to_participant.call(registration.pk, "confirmed", True) == "skipped"
    Registration.objects.filter(pk=registration.pk).delete()
    assert notify.send_to_participant.call(registration.pk, "confirmed") == "gone"
    assert len(mail.outbox) == 1
