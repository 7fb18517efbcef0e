"""Row-level scoping: each tenant sees only its own rows, a query without a scope raises,
and querysets built before a scope existed take the scope of the code that runs them."""

import contextvars
from concurrent.futures import ThreadPoolExecutor

import pytest
from django import forms

from rathaus.accounts.models import Membership, Role, User
from rathaus.core.models import Authority
from rathaus.definitions.models import Definition
from rathaus.tenants import scope, services
from rathaus.tenants.scope import ScopeMissing

pytestmark = pytest.mark.django_db


def without_scope(function):
    """Run ``function`` in a fresh context: no tenant scope at all."""
    return contextvars.Context().run(function)


def names():
    return sorted(Authority.objects.values_list("name", flat=True))


def test_each_tenant_sees_only_its_own_rows(two_authorities, hamburg_tenant):
    assert names() == ["Hessisches Amt"]
    with scope.activate(hamburg_tenant):
        assert names() == ["Hamburger Amt"]
    with scope.every_tenant():
        assert names() == ["Hamburger Amt", "Hessisches Amt"]


def test_a_query_without_scope_raises_instead_of_leaking(two_authorities):
    for run in (
        lambda: list(Authority.objects.all()),
        lambda: Authority.objects.count(),
        lambda: Authority.objects.exists(),
        lambda: Authority.objects.filter(slug="hh-amt").update(name="x"),
        lambda: Authority.objects.get(slug="he-amt"),
    ):
        with pytest.raises(ScopeMissing):
            without_scope(run)


def test_another_tenants_row_cannot_be_read_changed_or_deleted(two_authorities):
    _, hamburgian = two_authorities
    with pytest.raises(Authority.DoesNotExist):
        Authority.objects.get(pk=hamburgian.pk)
    assert Authority.objects.filter(pk=hamburgian.pk).update(name="gekapert") == 0
    assert Authority.objects.filter(pk=hamburgian.pk).delete()[0] == 0
    with scope.every_tenant():
        assert Authority.objects.get(pk=hamburgian.pk).name == "Hamburger Amt"


def test_a_queryset_made_without_scope_takes_the_scope_that_runs_it(
    two_authorities, hamburg_tenant
):
    # As a form field's choices are made at import time, before any request.
    field = without_scope(lambda: forms.ModelChoiceField(queryset=Authority.objects.all()))
    with scope.activate(hamburg_tenant):
        copy = field.__deepcopy__({})
        assert [str(a) for a in copy.queryset] == ["Hamburger Amt"]
    assert [a.name for a in field.__deepcopy__({}).queryset] == ["Hessisches Amt"]


def test_subqueries_are_scoped_too(two_authorities, hamburg_tenant):
    hessian, _ = two_authorities
    inner = without_scope(lambda: Authority.objects.values("pk"))
    with scope.activate(hamburg_tenant):
        assert not Authority.objects.filter(pk__in=inner).filter(pk=hessian.pk).exists()


def test_related_managers_are_scoped(two_authorities, hamburg_tenant):
    hessian, hamburgian = two_authorities
    user = User.objects.create_user("beide@example.org", "pw-long-enough-1")
    Membership.objects.create(user=user, authority=hessian, role=Role.CLERK)
    with scope.activate(hamburg_tenant):
        Membership.objects.create(user=user, authority=hamburgian, role=Role.DESIGNER)
        assert [m.role for m in user.memberships.all()] == [Role.DESIGNER]
    assert [m.role for m in user.memberships.all()] == [Role.CLERK]


def test_a_row_takes_the_tenant_of_its_source_not_of_the_scope(two_authorities, hamburg_tenant):
    _, hamburgian = two_authorities
    user = User.objects.create_user("quelle@example.org", "pw-long-enough-1")
    membership = Membership.objects.create(user=user, authority=hamburgian, role=Role.CLERK)
    assert membership.tenant == hamburg_tenant  # made in Hessen's scope, belongs to Hamburg


def test_saving_without_any_tenant_raises(two_authorities):
    hessian, _ = two_authorities
    with scope.every_tenant(), pytest.raises(ScopeMissing):
        Authority.objects.create(name="Niemandes Amt", slug="niemand", territory=hessian.territory)


def test_reusable_definitions_are_shared_the_others_not(two_authorities, hamburg_tenant):
    hessian, _ = two_authorities
    Definition.objects.create(slug="geheim", title="Nur Hessen", authority=hessian)
    Definition.objects.create(slug="efa", title="Für alle", authority=hessian, reusable=True)
    with scope.activate(hamburg_tenant):
        assert list(Definition.objects.values_list("slug", flat=True)) == ["efa"]


def test_carried_work_in_a_thread_keeps_the_callers_scope(hamburg_tenant):
    with scope.activate(hamburg_tenant), ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(scope.carried(scope.current)).result() == hamburg_tenant
        with pytest.raises(ScopeMissing):
            pool.submit(scope.current).result()  # a bare thread has no scope


def test_scope_of_a_row_is_its_tenants(two_authorities, hamburg_tenant):
    _, hamburgian = two_authorities
    with services.scope_of(Authority, hamburgian.pk) as tenant:
        assert tenant == hamburg_tenant and names() == ["Hamburger Amt"]
    with pytest.raises(Authority.DoesNotExist), services.scope_of(Authority, 999999):
        pass


def test_a_queryset_made_without_scope_is_never_bound_to_one_tenant(two_authorities):
    shared = without_scope(lambda: Authority.objects.all())
    assert shared.count() == 1  # runs on a scoped copy
    with pytest.raises(ScopeMissing, match="run a copy"):
        list(shared)  # would cache one tenant's rows on a queryset others use
    assert [a.name for a in shared.all()] == ["Hessisches Amt"]


def test_a_queryset_of_the_operators_view_is_not_run_for_one_tenant(
    two_authorities, hamburg_tenant
):
    with scope.every_tenant():
        everything = Authority.objects.all()
    with scope.activate(hamburg_tenant), pytest.raises(ScopeMissing, match="another tenant"):
        list(everything.all())  # would show every tenant's rows inside Hamburg's request
