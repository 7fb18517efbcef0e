"""The registration workflow on the kernel: the declaration, the history of every step,
check-in as a transition, refusals, audit entries without names, append-only messages."""

from __future__ import annotations

import pytest
from django.core import mail

from rathaus.audit.models import AuditEntry
from rathaus.events import organising, participants, services
from rathaus.events import registration_flow as flow
from rathaus.events.models import EventMessage, Registration
from rathaus.events.registration_binding import move
from rathaus.workflow.services import HistoryIsAppendOnly, history_of
from tests.accounts.factories import citizen
from tests.events.helpers import make_event, sign_up

pytestmark = pytest.mark.django_db
Status = Registration.Status


def steps(registration: Registration) -> list[tuple[str, str, str]]:
    return [(h.transition, h.from_state, h.to_state) for h in history_of(registration)]


def test_the_declaration_is_sound():
    assert flow.REGISTRATION.problems() == []
    assert flow.REGISTRATION.final_states == {Status.CANCELLED}
    assert sorted(flow.HOLDS_SEAT) == ["confirmed", "offered"]
    assert flow.organiser_steps(Status.WAITING) == {flow.OFFER, flow.MOVE_UP, flow.CANCEL}
    assert flow.organiser_steps(Status.CANCELLED) == set()


def test_every_step_is_in_the_history(django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    first, second = sign_up(event, 1), sign_up(event, 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
        services.confirm_offer(second)
    assert steps(first) == [("register", "", "confirmed"), ("cancel", "confirmed", "cancelled")]
    assert steps(second) == [
        ("register", "", "waiting"),
        ("offer", "waiting", "offered"),
        ("accept_offer", "offered", "confirmed"),
    ]
    assert sorted(m.subject for m in mail.outbox) == [
        "Anmeldung bestätigt: Kongress", "Anmeldung storniert: Kongress",
        "Ein Platz ist frei: Kongress",
    ]  # fmt: skip


def test_check_in_is_a_transition_of_confirmed_registrations():
    event = make_event(capacity=1)
    confirmed, waiting = sign_up(event, 1), sign_up(event, 2)
    organiser = citizen()  # any account: who may manage is the views' concern
    assert participants.set_attended(organiser, confirmed, True).attended
    assert participants.set_attended(organiser, confirmed, True).attended  # no second step
    assert not participants.set_attended(organiser, confirmed, False).attended
    assert [s[0] for s in steps(confirmed)] == ["register", "check_in", "undo_check_in"]
    assert history_of(confirmed)[1].actor == organiser
    with pytest.raises(services.Refused, match="Nur bestätigte"):
        participants.set_attended(organiser, waiting, True)
    verbs = AuditEntry.objects.filter(verb__startswith="events.check").values_list("verb")
    assert sorted(v for (v,) in verbs) == ["events.check_in_undone", "events.checked_in"]


def test_the_workflow_refuses_what_it_does_not_declare():
    event = make_event(capacity=1)
    first, second = sign_up(event, 1), sign_up(event, 2)
    with pytest.raises(services.Refused, match="Warteliste"):
        move(second, flow.MOVE_UP, role=flow.PARTICIPANT)  # not the person's step
    services.cancel(first)
    with pytest.raises(services.Refused):
        move(first, flow.MOVE_TO_WAITING, role=flow.ORGANISER)  # cancelled is final
    assert Registration.objects.get(pk=first.pk).status == Status.CANCELLED


def test_calling_the_event_off_cancels_everyone_through_the_workflow(
    django_capture_on_commit_callbacks,
):
    event = make_event(capacity=1)
    first, second = sign_up(event, 1), sign_up(event, 2)
    with django_capture_on_commit_callbacks(execute=True):
        organising.cancel_event(citizen(), event)
    for registration in (first, second):
        assert steps(registration)[-1][0] == "cancel"
        assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED
    assert len(mail.outbox) == 2
    told = AuditEntry.objects.filter(verb="events.cancelled", target_type="events.Registration")
    assert [entry.data["event_cancelled"] for entry in told] == [True, True]


def test_audit_entries_name_no_person():
    event = make_event(capacity=1)
    first = sign_up(event, 1)
    sign_up(event, 2)
    services.cancel(first)
    entries = AuditEntry.objects.filter(target_type="events.Registration")
    assert entries.count() == 4  # registered twice, cancelled, offered
    assert all("Person" not in entry.target_label for entry in entries)
    assert {entry.data["event"] for entry in entries} == {event.pk}


def test_sent_messages_are_append_only():
    event = make_event()
    message = EventMessage.objects.create(event=event, subject="S", body="B", recipients=0)
    message.subject = "Anders"
    with pytest.raises(HistoryIsAppendOnly):
        message.save()


def test_the_public_api_exports_what_it_lists():
    assert all(hasattr(services, name) for name in services.__all__)
