"""The organisation pages in "Mein Konto": register, invite, join, roles, leave."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rathaus.organisations.models import Invitation, Member, MemberRole, Organisation
from tests.accounts.factories import link_in
from tests.organisations.helpers import COMPANY, company, person, signed_in

pytestmark = pytest.mark.django_db

INDEX = reverse("organisations:index")
CREATE = reverse("organisations:create")


def test_a_person_registers_her_company_in_the_browser():
    client = signed_in(person("eva@example.org"))
    assert "Unternehmen oder Verein anlegen" in client.get(INDEX).content.decode()
    response = client.post(CREATE, {"kind": "company", **COMPANY})
    organisation = Organisation.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "organisations:detail", args=[organisation.pk]
    )
    page = client.get(response.url).content.decode()
    assert "HRB 12345, Amtsgericht Darmstadt" in page and "Mitglied einladen" in page
    assert "Muster Bau GmbH" in client.get(reverse("accounts:overview")).content.decode()


def test_a_mistake_is_named_and_everything_typed_comes_back():
    client = signed_in(person("eva@example.org"))
    sent = {**COMPANY, "kind": "company", "register_number": "", "postal_code": "6428"}
    response = client.post(CREATE, sent)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte korrigieren Sie" in page
    assert "Registernummer aus dem Handelsregister" in page
    assert "fünfstellige Postleitzahl" in page
    for name in ("name", "register_court", "street", "city", "email"):
        assert f'value="{escape(COMPANY[name])}"' in page
    assert 'value="6428"' in page
    assert not Organisation.objects.exists()


TYPABLE = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"))
FIELDS = ["name", "register_court", "register_number", "street", "house_number",
          "postal_code", "city", "email", "phone"]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(typed=st.fixed_dictionaries({n: st.text(TYPABLE, max_size=30) for n in FIELDS}),
       kind=st.sampled_from(["company", "association", "municipality", "", "x"]))  # fmt: skip
def test_whatever_is_typed_is_kept_or_stored_never_a_crash(typed, kind):
    client = signed_in(person("eva@example.org"))
    response = client.post(CREATE, {**typed, "kind": kind, "register_type": "HRB"})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        stored = Organisation.objects.get()
        assert stored.name == typed["name"].strip()
        stored.delete()
        return
    page = response.content.decode()
    for name, value in typed.items():
        if value:  # shown exactly as typed, spaces and all
            assert f'value="{escape(value)}"' in page, (name, value)


def test_an_administrator_invites_and_the_colleague_joins_by_the_link(committed, mailoutbox):
    eva, ben = person("eva@example.org"), person("ben@example.org")
    organisation = company(eva)
    detail = reverse("organisations:detail", args=[organisation.pk])
    invite = reverse("organisations:invite", args=[organisation.pk])
    with committed():
        response = signed_in(eva).post(invite, {"email": "ben@example.org", "role": "apply"})
    assert response.status_code == 302
    assert "ben@example.org" in signed_in(eva).get(detail).content.decode()  # open invitation
    link = link_in(mailoutbox[0])

    anonymous = signed_in(person("mallory@example.org"))
    wrong = anonymous.post(link)
    assert wrong.status_code == 400 and "andere E-Mail-Adresse" in wrong.content.decode()
    client = signed_in(ben)
    assert "Muster Bau GmbH" in client.get(link).content.decode()
    joined = client.post(link)
    assert joined.status_code == 302 and joined.url == detail
    assert Member.objects.get(user=ben).role == MemberRole.APPLY
    assert client.get(link).status_code == 410  # used


def test_an_invitation_with_a_bad_address_keeps_what_was_typed():
    eva = person("eva@example.org")
    organisation = company(eva)
    invite = reverse("organisations:invite", args=[organisation.pk])
    response = signed_in(eva).post(invite, {"email": "ben(at)example", "role": "read"})
    assert response.status_code == 400
    assert 'value="ben(at)example"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_strangers_and_readers_cannot_manage_the_organisation():
    eva = person("eva@example.org")
    organisation = company(eva, ben=MemberRole.READ)
    ben = Member.objects.get(user__email="ben@example.org")
    pk = organisation.pk
    stranger = signed_in(person("mallory@example.org"))
    for url in (reverse("organisations:detail", args=[pk]),
                reverse("organisations:edit", args=[pk]),
                reverse("organisations:remove", args=[pk, ben.pk])):  # fmt: skip
        assert stranger.get(url).status_code == 404
    reader = signed_in(ben.user)
    assert reader.get(reverse("organisations:edit", args=[pk])).status_code == 404
    reader.post(reverse("organisations:invite", args=[pk]), {"email": "x@example.org",
                                                              "role": "admin"})  # fmt: skip
    assert not Invitation.objects.exists()
    admin = Member.objects.get(user=eva)
    reader.post(reverse("organisations:change_role", args=[pk, admin.pk]), {f"m{admin.pk}-role":
                                                                            "read"})  # fmt: skip
    assert Member.objects.get(user=eva).role == MemberRole.ADMIN
    assert (
        "Mitglied einladen"
        not in reader.get(reverse("organisations:detail", args=[pk])).content.decode()
    )


def test_roles_change_members_go_after_confirming():
    eva = person("eva@example.org")
    organisation = company(eva, ben=MemberRole.READ)
    ben = Member.objects.get(user__email="ben@example.org")
    client = signed_in(eva)
    client.post(reverse("organisations:change_role", args=[organisation.pk, ben.pk]),
                {f"m{ben.pk}-role": "admin"})  # fmt: skip
    assert Member.objects.get(pk=ben.pk).role == MemberRole.ADMIN
    remove = reverse("organisations:remove", args=[organisation.pk, ben.pk])
    assert "Mitglied entfernen" in client.get(remove).content.decode()  # a confirmation first
    assert Member.objects.filter(pk=ben.pk).exists()
    client.post(remove)
    assert not Member.objects.filter(pk=ben.pk).exists()
    own = Member.objects.get(user=eva)
    leave = client.post(reverse("organisations:remove", args=[organisation.pk, own.pk]))
    assert leave.status_code == 302 and Member.objects.filter(pk=own.pk).exists() is False
