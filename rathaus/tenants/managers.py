"""Row-level scoping: the one mechanism that keeps each tenant's rows to itself.

Every tenant-owned model uses ``TenantManager`` as its default manager. A queryset made
inside a scope carries the scope's filter (``Model.tenant_filter(tenant)``) from the
start. A queryset made outside any scope (the choices of a form field built at import
time) stays unfiltered and never runs as it is: every copy made of it inside a scope
(``.all()``, ``.filter()``, which is what forms and the admin do per request) gets that
scope's filter, and running it directly raises ``ScopeMissing``, as does any query
without a scope. So a forgotten scope is an error, never a leak, and a queryset shared
between requests never carries one request's tenant into another. A queryset that took
one tenant's filter raises when it is copied or run while another tenant is in scope
(a form field's choices made at import during one tenant's request, reused in the next
tenant's): an error again, never the first tenant's rows.

Related managers (``user.memberships``) use the same class, so they are scoped too;
forward foreign keys (``offer.authority``) read through the unscoped base manager, since
the object holding the key was already scoped.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from rathaus.tenants.scope import ScopeMissing, active

__all__ = ["TenantManager", "TenantQuerySet"]

# QuerySet methods that run SQL without caching rows on the queryset: on an unscoped
# queryset they run on a scoped copy.
_RUNNING = (
    "count",
    "exists",
    "contains",
    "aggregate",
    "update",
    "_update",
    "delete",
    "_raw_delete",
    "iterator",
    "aiterator",
    "in_bulk",
    "explain",
    "resolve_expression",
)


EVERY = 0  # ``_tenant_pk`` of a queryset made in the operator's view (no filter at all)


class TenantQuerySet(models.QuerySet):
    _tenant_done = False
    _tenant_pk: int | None = None  # the tenant whose filter it carries, or EVERY

    def _scope_now(self) -> None:
        """Add the active scope's filter, on a queryset nobody else holds yet."""
        scope = active()
        if self._tenant_done:
            self._check_tenant()
            return
        if scope is None:
            return
        self._tenant_done = True
        self._tenant_pk = EVERY if scope.tenant is None else scope.tenant.pk
        if scope.tenant is not None:
            self._query.add_q(self.model.tenant_filter(scope.tenant))  # type: ignore[attr-defined]

    def _check_tenant(self) -> None:
        """Refuse to go on with another tenant's filter, or with none (made in the
        operator's view), while one tenant is in scope."""
        scope = active()
        if self._tenant_pk is None or scope is None or scope.tenant is None:
            return
        if scope.tenant.pk != self._tenant_pk:
            raise ScopeMissing(
                f"a {self.model._meta.label} queryset made in another tenant's scope is used "
                "in this one (see rathaus/tenants/managers.py)"
            )

    def _clone(self):  # noqa: ANN202
        clone = super()._clone()  # type: ignore[misc]
        clone._tenant_done = self._tenant_done
        clone._tenant_pk = self._tenant_pk
        clone._scope_now()
        return clone

    def _scoped_copy(self) -> TenantQuerySet:
        if active() is None:
            raise ScopeMissing(
                f"{self.model._meta.label} queried without a tenant scope "
                "(see rathaus/tenants/scope.py)"
            )
        return self._chain()  # type: ignore[attr-defined]

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check_tenant()
        if not self._tenant_done and self._result_cache is None:
            self._scoped_copy()  # raises without a scope
            raise ScopeMissing(
                f"a {self.model._meta.label} queryset made outside a tenant scope is run "
                "inside one: run a copy of it (.all())"
            )
        super()._fetch_all()  # type: ignore[misc]


def _checked(name: str):  # noqa: ANN202
    original = getattr(models.QuerySet, name)

    def method(self: TenantQuerySet, *args: Any, **kwargs: Any) -> Any:
        self._check_tenant()
        target = self if self._tenant_done else self._scoped_copy()
        return original(target, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = original.__doc__
    return method


for _name in _RUNNING:
    setattr(TenantQuerySet, _name, _checked(_name))


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):  # type: ignore[misc]
    """The default manager of every tenant-owned model."""

    def get_queryset(self) -> TenantQuerySet:
        queryset = super().get_queryset()
        queryset._scope_now()
        return queryset
