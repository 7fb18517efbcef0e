"""Row-level scoping: the one mechanism that keeps each tenant's rows to itself.

Every tenant-owned model uses ``TenantManager`` as its default manager. Its querysets
add the scope's filter (``Model.tenant_filter(tenant)``) to the query the first time the
query is built or run inside a scope, and raise ``ScopeMissing`` when a query runs with
no scope at all. Because the filter is added lazily, querysets made at import time (the
choices of a form field, the admin) are safe: they take the scope of the request that
finally runs them. Related managers (``user.memberships``) use the same class, so they
are scoped too; forward foreign keys (``offer.authority``) read through the unscoped
base manager, since the object holding the key was already scoped.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from rathaus.tenants.scope import ScopeMissing, active

__all__ = ["TenantManager", "TenantQuerySet"]

# QuerySet methods that run SQL: each checks the scope before it runs.
_RUNNING = (
    "_fetch_all",
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


class TenantQuerySet(models.QuerySet):
    _tenant_done = False

    def _scope_query(self, *, require: bool) -> None:
        if self._tenant_done:
            return
        scope = active()
        if scope is None:
            if require:
                raise ScopeMissing(
                    f"{self.model._meta.label} queried without a tenant scope "
                    "(see rathaus/tenants/scope.py)"
                )
            return
        self._tenant_done = True
        if scope.tenant is not None:
            self._query.add_q(self.model.tenant_filter(scope.tenant))  # type: ignore[attr-defined]

    @property  # type: ignore[override]
    def query(self):  # noqa: ANN201 - Django's own type
        self._scope_query(require=False)
        return models.QuerySet.query.fget(self)  # type: ignore[attr-defined]

    @query.setter
    def query(self, value: Any) -> None:
        models.QuerySet.query.fset(self, value)  # type: ignore[attr-defined]

    def _clone(self):  # noqa: ANN202
        clone = super()._clone()  # type: ignore[misc]
        clone._tenant_done = self._tenant_done
        return clone


def _checked(name: str):  # noqa: ANN202
    original = getattr(models.QuerySet, name)

    def method(self: TenantQuerySet, *args: Any, **kwargs: Any) -> Any:
        self._scope_query(require=True)
        return original(self, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = original.__doc__
    return method


for _name in _RUNNING:
    setattr(TenantQuerySet, _name, _checked(_name))


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):  # type: ignore[misc]
    """The default manager of every tenant-owned model."""
