"""Organisation accounts: create, invite and join, roles, leaving, municipalities."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from rathaus.accounts.services import is_staff_member
from rathaus.audit.models import AuditEntry
from rathaus.core.models import Authority, Territory
from rathaus.organisations import services
from rathaus.organisations.models import Invitation, Kind, Member, MemberRole
from rathaus.organisations.services import OrganisationError
from rathaus.tenants import scope
from rathaus.tenants.services import ensure
from tests.accounts.factories import link_in
from tests.organisations.helpers import COMPANY, company, person

pytestmark = pytest.mark.django_db


def test_a_person_registers_a_company_and_administers_it():
    eva = person("eva@example.org")
    organisation = services.create(eva, "company", COMPANY)
    assert organisation.register_entry == "HRB 12345, Amtsgericht Darmstadt"
    assert services.role_in(eva, organisation) == MemberRole.ADMIN
    assert AuditEntry.objects.filter(verb="organisations.created").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"register_number": ""}, "register_number"),  # a company is in the register
        ({"register_court": ""}, "register_court"),  # a number needs its court
        ({"register_type": ""}, "register_type"),
        ({"name": ""}, "name"),
    ],
)
def test_a_company_without_its_register_entry_is_refused(changes, field):
    with pytest.raises(ValidationError) as refused:
        services.create(person("eva@example.org"), "company", {**COMPANY, **changes})
    assert field in refused.value.message_dict


def test_an_association_may_be_unregistered_but_nobody_registers_a_municipality():
    eva = person("eva@example.org")
    unregistered = {**COMPANY, "register_type": "", "register_court": "", "register_number": ""}
    assert services.create(eva, "association", unregistered).kind == Kind.ASSOCIATION
    with pytest.raises(OrganisationError):
        services.create(eva, "municipality", COMPANY)


def test_an_invitation_is_sent_and_accepted_once_by_its_addressee(committed, mailoutbox):
    eva, ben = person("eva@example.org"), person("ben@example.org")
    organisation = company(eva)
    with committed():
        services.invite(eva, organisation, "Ben@Example.org", MemberRole.READ)
    assert [m.to for m in mailoutbox] == [["ben@example.org"]]
    assert "Muster Bau GmbH" in mailoutbox[0].subject
    token = link_in(mailoutbox[0]).rstrip("/").rsplit("/", 1)[-1]
    assert Invitation.objects.get().token_hash != token  # only the hash is stored

    member = services.accept(ben, token)
    assert member.role == MemberRole.READ
    with pytest.raises(OrganisationError):
        services.accept(ben, token)  # used
    assert services.invitation_for(token) is None


def test_an_invitation_is_only_for_the_address_it_went_to(committed, mailoutbox):
    eva, mallory = person("eva@example.org"), person("mallory@example.org")
    unverified = person("ben@example.org", verified=False)
    organisation = company(eva)
    with committed():
        services.invite(eva, organisation, "ben@example.org", MemberRole.ADMIN)
    token = link_in(mailoutbox[0]).rstrip("/").rsplit("/", 1)[-1]
    for stranger in (mallory, unverified):  # another account, or an unconfirmed address
        with pytest.raises(OrganisationError):
            services.accept(stranger, token)
    assert services.role_in(mallory, organisation) is None
    assert services.role_in(unverified, organisation) is None


def test_an_expired_or_withdrawn_invitation_does_not_work(committed, mailoutbox):
    eva, ben = person("eva@example.org"), person("ben@example.org")
    organisation = company(eva)
    with committed():
        services.invite(eva, organisation, "ben@example.org", MemberRole.APPLY)
        services.invite(eva, organisation, "ben@example.org", MemberRole.READ)  # replaces it
    first, second = (link_in(m).rstrip("/").rsplit("/", 1)[-1] for m in mailoutbox)
    with pytest.raises(OrganisationError):
        services.accept(ben, first)
    Invitation.objects.filter(withdrawn_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(OrganisationError):
        services.accept(ben, second)


def test_only_an_administrator_invites_and_members_are_not_invited_twice():
    eva = person("eva@example.org")
    organisation = company(eva, reader=MemberRole.READ, clerk=MemberRole.APPLY)
    for who in ("reader@example.org", "clerk@example.org"):
        user = Member.objects.get(user__email=who).user
        with pytest.raises(OrganisationError):
            services.invite(user, organisation, "new@example.org", MemberRole.READ)
    with pytest.raises(OrganisationError) as twice:
        services.invite(eva, organisation, "clerk@example.org", MemberRole.READ)
    assert twice.value.field == "email"


def test_the_last_administrator_cannot_go_or_step_down():
    eva = person("eva@example.org")
    organisation = company(eva, ben=MemberRole.APPLY)
    own = Member.objects.get(user=eva)
    with pytest.raises(OrganisationError):
        services.change_role(eva, own, MemberRole.READ)
    with pytest.raises(OrganisationError):
        services.remove(eva, own)
    ben = Member.objects.get(user__email="ben@example.org")
    services.change_role(eva, ben, MemberRole.ADMIN)
    services.remove(eva, own)  # now she may leave
    assert services.role_in(eva, organisation) is None
    assert AuditEntry.objects.filter(verb="organisations.left").exists()


def test_a_member_leaves_and_only_an_administrator_removes_others():
    eva = person("eva@example.org")
    organisation = company(eva, ben=MemberRole.APPLY, cleo=MemberRole.READ)
    ben, cleo = (Member.objects.get(user__email=f"{n}@example.org") for n in ("ben", "cleo"))
    with pytest.raises(OrganisationError):
        services.remove(ben.user, cleo)
    services.remove(cleo.user, cleo)  # leaving needs no role
    services.remove(eva, ben)
    assert list(organisation.members.values_list("user", flat=True)) == [eva.pk]


def test_a_person_belongs_to_several_organisations():
    eva = person("eva@example.org")
    first = company(eva)
    second = services.create(eva, "association", {**COMPANY, "name": "Sportverein e.V.",
                                                   "register_type": "VR"})  # fmt: skip
    assert set(services.organisations_of(eva)) == {first, second}
    assert [m.organisation.name for m in services.memberships_of(eva)] == [
        "Muster Bau GmbH",
        "Sportverein e.V.",
    ]


def test_roles_are_ordered(db):
    eva = person("eva@example.org")
    organisation = company(eva, ben=MemberRole.READ)
    ben = Member.objects.get(user__email="ben@example.org").user
    assert services.may(eva, organisation, MemberRole.APPLY)
    assert services.may(ben, organisation, MemberRole.READ)
    assert not services.may(ben, organisation, MemberRole.APPLY)
    assert list(services.organisations_of(ben, MemberRole.APPLY)) == []


# --- Municipalities: the Smart Region hub's municipal staff --------------------------------


def _town(key: str = "06411000") -> Authority:
    return Authority.objects.create(
        name=f"Verwaltung {key}", slug=f"verwaltung-{key}", territory=Territory.objects.get(key=key)
    )


def test_municipal_staff_are_members_of_their_municipality_and_count_as_staff(hessen):
    town = _town()
    member = services.create_municipal_staff("kommune@example.org", "Pw-2026-lang!", town)
    organisation = services.ensure_municipality(town)
    assert organisation.kind == Kind.MUNICIPALITY and organisation.authority == town
    assert services.role_in(member, organisation) == MemberRole.ADMIN
    assert is_staff_member(member)  # second factor like every employee
    assert list(services.municipal_authorities(member)) == [town]
    reader = person("leser@example.org")
    services.add_municipal_member(reader, town, MemberRole.READ)
    assert list(services.municipal_authorities(reader)) == []  # reading is not acting


def test_a_municipality_acts_in_its_own_land_only(hessen, hamburg):
    town = _town()
    member = services.create_municipal_staff("kommune@example.org", "Pw-2026-lang!", town)
    organisation = services.ensure_municipality(town)
    with scope.activate(ensure("hamburg")):
        assert list(services.organisations_of(member)) == []
        assert services.role_in(member, organisation) is None
    eva = person("eva@example.org")
    firm = company(eva)
    with scope.activate(ensure("hamburg")):
        assert list(services.organisations_of(eva)) == [firm]  # companies act everywhere


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_municipal_staff_into_members_of_their_municipality():
    """The former staff role ``municipal`` becomes a membership (administrator) of the
    organisation of that authority; the old role rows go (organisations/0002)."""
    before = [("organisations", "0001_initial"), ("accounts", "0005_tenant_admin_role")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    land = old.get_model("tenants", "Tenant")._base_manager.get(land_key="06")
    town, _ = old.get_model("core", "Territory")._base_manager.get_or_create(
        key="06411000", defaults={"name": "Darmstadt", "level": "gemeinde"}
    )
    authority = old.get_model("core", "Authority").objects.create(
        name="Digitalstadt", slug="digital", territory=town, tenant=land
    )
    user = old.get_model("accounts", "User").objects.create(email="k@example.org", password="!")
    membership = old.get_model("accounts", "Membership")
    membership.objects.create(user=user, authority=authority, role="municipal", tenant=land)
    membership.objects.create(user=user, authority=authority, role="clerk", tenant=land)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    with scope.every_tenant():
        member = Member.objects.select_related("organisation").get(user_id=user.pk)
        assert member.role == MemberRole.ADMIN
        assert member.organisation.kind == Kind.MUNICIPALITY
        assert member.organisation.authority_id == authority.pk
        from rathaus.accounts.models import Membership

        assert list(Membership.objects.values_list("role", flat=True)) == ["clerk"]
