"""Who is staff is kept on the user row (``User.staff_cache``, stored at login) so that the
check costs no query on most requests. Every path that makes a person staff or not forgets
it in its transaction: authority memberships (created, changed, deleted, also by cascade),
memberships of a municipality's organisation (joined, left, erased, an organisation's
kind); until the next login the check asks the database without storing (a GET never
writes). A stale value can never let someone skip the second factor."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rathaus.accounts import services
from rathaus.accounts.models import Membership, Role, User
from rathaus.core.models import Authority
from rathaus.organisations import privacy as organisation_privacy
from rathaus.organisations import services as organisations
from rathaus.organisations.models import Kind, Member, MemberRole, Organisation
from tests.accounts.factories import authority, citizen, hessen

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("accounts:overview")
SETUP_PATH = "/konto/sicherheit/zwei-faktor/einrichten/"


def kept(user: User) -> bool | None:
    return User.objects.values_list("staff_cache", flat=True).get(pk=user.pk)


def fresh(user: User) -> User:
    """The user as a request loads her."""
    return User.objects.get(pk=user.pk)


def second_factor_asked(user: User) -> bool:
    """Whether "Mein Konto" sends her to the second factor (a fresh request, signed in)."""
    client = Client()
    client.force_login(fresh(user))  # her current password hash
    response = client.get(OVERVIEW)
    if response.status_code == 302:
        assert SETUP_PATH in response.url
        return True
    assert response.status_code == 200
    return False


def assert_staff(user: User, expected: bool) -> None:
    assert services.is_staff_member(fresh(user)) is expected
    assert second_factor_asked(user) is expected  # signs in: keeps the answer
    assert kept(user) is expected
    assert second_factor_asked(user) is expected  # the kept answer


def test_the_answer_is_kept_at_login_and_then_costs_no_query(django_assert_num_queries):
    person = citizen()
    assert kept(person) is None  # not known yet
    loaded = fresh(person)
    with django_assert_num_queries(1):  # asked, not stored
        assert services.is_staff_member(loaded) is False
    assert kept(person) is None
    assert not second_factor_asked(person)  # the login keeps it
    assert kept(person) is False
    loaded = fresh(person)
    with django_assert_num_queries(0):
        assert services.is_staff_member(loaded) is False


def test_a_get_request_never_writes_it():
    person = citizen()
    client = Client()
    client.force_login(person)
    Membership.objects.create(user=person, authority=authority(), role=Role.CLERK)
    assert kept(person) is None
    response = client.get(OVERVIEW)
    assert response.status_code == 302 and SETUP_PATH in response.url  # asked: staff
    assert kept(person) is None  # and not stored by the GET


def test_an_authority_membership_makes_staff_and_its_deletion_ends_it():
    person = citizen()
    assert_staff(person, False)
    where = authority()
    membership = Membership.objects.create(user=person, authority=where, role=Role.CLERK)
    assert kept(person) is None
    assert_staff(person, True)

    membership.role = Role.DESIGNER  # a change keeps her staff
    membership.save()
    assert_staff(person, True)

    membership.delete()
    assert kept(person) is None
    assert_staff(person, False)


def test_create_staff_and_a_deleted_authority():
    where = authority()
    person = citizen()
    assert_staff(person, False)
    services.create_staff(person.email, "irrelevant-password-2026", where, Role.CLERK)
    assert_staff(person, True)

    Authority.objects.filter(pk=where.pk).delete()  # the memberships go by cascade
    assert not Membership._base_manager.filter(user=person).exists()
    assert_staff(person, False)


def test_a_membership_moved_to_another_person_resets_both():
    first, second = citizen("erste@example.org"), citizen("zweite@example.org")
    membership = Membership.objects.create(user=first, authority=authority(), role=Role.CLERK)
    assert_staff(first, True)
    assert_staff(second, False)
    membership.user = second
    membership.save()
    assert_staff(first, False)
    assert_staff(second, True)


def test_a_queryset_delete_of_memberships():
    person = citizen()
    Membership.objects.create(user=person, authority=authority(), role=Role.CLERK)
    assert_staff(person, True)
    Membership._base_manager.filter(user=person).delete()
    assert_staff(person, False)


def test_joining_and_leaving_a_municipality():
    person = citizen()
    where = authority()
    assert_staff(person, False)
    member = organisations.add_municipal_member(person, where, MemberRole.APPLY)
    assert_staff(person, True)

    organisations.remove(person, member)  # she leaves
    assert not Member.objects.filter(pk=member.pk).exists()
    assert_staff(person, False)


def test_erasing_her_organisation_memberships():
    person = citizen()
    organisations.add_municipal_member(person, authority())
    assert_staff(person, True)
    organisation_privacy.erase(person)
    assert_staff(person, False)


def test_an_organisation_that_becomes_a_municipality_and_is_deleted():
    person = citizen()
    organisation = organisations.create(
        person, "association", {"name": "Heimatverein Musterstadt e. V."}
    )
    assert organisation.kind != Kind.MUNICIPALITY
    assert_staff(person, False)  # members of an association are no staff

    organisation.kind = Kind.MUNICIPALITY
    organisation.authority = authority(hessen()["darmstadt"], "Gemeinde Musterstadt")
    organisation.save()
    assert_staff(person, True)

    Organisation.objects.filter(pk=organisation.pk).delete()  # members go by cascade
    assert_staff(person, False)


def test_a_stale_instance_never_writes_its_answer_back():
    person = citizen()
    assert_staff(person, False)
    loaded = fresh(person)  # e.g. request.user of a request still running
    assert loaded.staff_cache is False

    Membership.objects.create(user=person, authority=authority(), role=Role.CLERK)
    loaded.email = "neu@example.org"
    loaded.save()  # a full save of the stale instance
    assert User.objects.get(pk=person.pk).email == "neu@example.org"
    assert kept(person) is None  # not the stale False
    assert second_factor_asked(person)  # the next request asks for the second factor

    User.objects.filter(pk=person.pk).update(staff_cache=True)
    loaded.save(update_fields=["staff_cache", "email"])  # not even when named
    assert kept(person) is True


def test_admins_are_staff_whatever_is_kept():
    person = citizen()
    assert_staff(person, False)
    User.objects.filter(pk=person.pk).update(is_staff=True)  # admin-site access
    assert kept(person) is False  # says nothing about admins
    assert services.is_staff_member(fresh(person)) is True
    assert second_factor_asked(person)


def test_forget_staff_status_for_changes_without_save():
    person = citizen()
    assert_staff(person, False)
    # a bulk path that bypasses the signals must call forget_staff_status itself
    Membership.objects.bulk_create(
        [Membership(user=person, authority=authority(), role=Role.CLERK)]
    )
    services.forget_staff_status([person.pk])
    assert_staff(person, True)
    Membership._base_manager.filter(user=person).update(role=Role.DESIGNER)
    services.forget_staff_status(User.objects.filter(pk=person.pk))
    assert_staff(person, True)
