"""Workshop seats: capacity per workshop, never two at overlapping times, only with a seat."""

from __future__ import annotations

import pytest

from rathaus.events import registration as services
from rathaus.events.models import Registration, WorkshopSeat
from tests.events.helpers import make_event, sign_up, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def congress():
    event = make_event(capacity=10)
    return event, {
        "a": workshop(event, "A", 13, 15, capacity=1),
        "b": workshop(event, "B", 13, 15),
        "c": workshop(event, "C", 14, 16),
        "d": workshop(event, "D", 15, 17),
    }


def test_workshop_seats_are_kept_with_the_registration(congress):
    event, rooms = congress
    registration = sign_up(event, 1, workshops=[rooms["a"].pk, rooms["d"].pk])
    assert set(registration.workshops.values_list("session__title", flat=True)) == {"A", "D"}


def test_overlapping_workshops_are_refused(congress):
    event, rooms = congress
    with pytest.raises(services.Refused, match="zur selben Zeit") as refused:
        sign_up(event, 1, workshops=[rooms["b"].pk, rooms["c"].pk])
    assert refused.value.field == "workshops"
    assert not Registration.objects.exists()


def test_a_full_workshop_is_refused_with_its_name(congress):
    event, rooms = congress
    sign_up(event, 1, workshops=[rooms["a"].pk])
    with pytest.raises(services.Refused, match="„A“ ist ausgebucht"):
        sign_up(event, 2, workshops=[rooms["a"].pk])
    assert Registration.objects.count() == 1


def test_foreign_or_plain_sessions_are_refused(congress):
    event, rooms = congress
    other = make_event(slug="anderes")
    foreign = workshop(other, "X", 10, 11)
    plain = workshop(event, "Ohne Anmeldung", 9, 10, capacity=None)
    for chosen in ([foreign.pk], [plain.pk], [999999]):
        with pytest.raises(services.Refused, match="aus der Liste"):
            sign_up(event, 1, workshops=chosen)


def test_cancelling_frees_the_workshop_seat(congress):
    event, rooms = congress
    first = sign_up(event, 1, workshops=[rooms["a"].pk])
    services.cancel(first)
    assert not WorkshopSeat.objects.exists()
    assert sign_up(event, 2, workshops=[rooms["a"].pk]).workshops.count() == 1


def test_waiting_list_holds_no_workshop_seat_and_chooses_after_confirmation(congress):
    event, rooms = congress
    event.capacity = 1
    event.save()
    sign_up(event, 1)
    waiting = sign_up(event, 2, workshops=[rooms["a"].pk])
    assert waiting.status == "waiting" and not waiting.workshops.exists()
    with pytest.raises(services.Refused, match="sobald Ihr Platz bestätigt"):
        services.choose_workshops(waiting, [rooms["a"].pk])
    services.move_to_waiting(None, Registration.objects.get(email="person1@example.org"))
    services.move_up(None, waiting, confirm=True)
    services.choose_workshops(waiting, [rooms["a"].pk, rooms["d"].pk])
    assert waiting.workshops.count() == 2
    services.choose_workshops(waiting, [rooms["d"].pk])
    assert list(waiting.workshops.values_list("session__title", flat=True)) == ["D"]
    with pytest.raises(services.Refused, match="zur selben Zeit"):
        services.choose_workshops(waiting, [rooms["c"].pk, rooms["d"].pk])
    assert list(waiting.workshops.values_list("session__title", flat=True)) == ["D"]


def test_editing_a_workshop_never_breaks_the_seats_already_given(congress):
    from rathaus.events import programme_editing as editing

    event, rooms = congress
    sign_up(event, 1, workshops=[rooms["b"].pk, rooms["d"].pk])
    sign_up(event, 2, workshops=[rooms["b"].pk])
    b = rooms["b"]
    with pytest.raises(editing.ProgrammeRefused, match="2 Plätze"):
        editing.save_session(None, event, b, {"capacity": 1})
    with pytest.raises(editing.ProgrammeRefused):
        editing.save_session(None, event, b, {"kind": "vortrag"})
    with pytest.raises(editing.ProgrammeRefused, match="zwei Workshops"):
        editing.save_session(None, event, b, {"starts_at": rooms["d"].starts_at,
                                              "ends_at": rooms["d"].ends_at})  # fmt: skip
    with pytest.raises(editing.ProgrammeRefused):
        editing.delete_item(None, event, b)
    b.refresh_from_db()
    assert (b.kind, b.capacity) == ("workshop", 2) and WorkshopSeat.objects.count() == 3
    editing.save_session(None, event, b, {"capacity": 5, "room": "Saal 2"})  # still fine
    b.refresh_from_db()
    assert (b.capacity, b.room) == (5, "Saal 2")
