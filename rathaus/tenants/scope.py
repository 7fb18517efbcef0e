"""Which tenant the running code acts for: one context variable, set once per unit of work.

A request gets its tenant from the host (``tenants.middleware``); a task or a command
says it with ``activate(tenant)``; the operator's cross-tenant work says
``every_tenant()``. Queries of tenant-owned models read the scope
(``tenants.managers``) and raise ``ScopeMissing`` when there is none, so a forgotten
scope is an error, never a leak.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    from rathaus.tenants.models import Tenant

P = ParamSpec("P")
R = TypeVar("R")

__all__ = [
    "carried",
    "Scope",
    "ScopeMissing",
    "activate",
    "active",
    "current",
    "current_or_none",
    "every_tenant",
    "active_tenant_id",
]


class ScopeMissing(RuntimeError):
    """Tenant-owned data was touched without saying for which tenant."""


@dataclass(frozen=True)
class Scope:
    """One tenant, or every tenant (``tenant is None``: the operator's view)."""

    tenant: Tenant | None

    @property
    def every(self) -> bool:
        return self.tenant is None


_scope: ContextVar[Scope | None] = ContextVar("rathaus_tenant_scope", default=None)


def active() -> Scope | None:
    return _scope.get()


@contextmanager
def _entered(scope: Scope) -> Iterator[Scope]:
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def activate(tenant: Tenant):  # noqa: ANN201 - a context manager
    """``with activate(tenant):`` run the block for this tenant only."""
    if tenant is None:
        raise ScopeMissing("activate() needs a tenant; use every_tenant() for all")
    return _entered(Scope(tenant))


def every_tenant():  # noqa: ANN201 - a context manager
    """``with every_tenant():`` the operator's view across all tenants (commands, retention)."""
    return _entered(Scope(None))


def carried[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """``function`` run in the scope active now, from whichever thread calls it (threads
    do not inherit context variables)."""
    scope = _scope.get()

    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if scope is None:
            return function(*args, **kwargs)
        with _entered(scope):
            return function(*args, **kwargs)

    return run


def current() -> Tenant:
    """The one tenant in scope; raises when there is none or the scope spans all tenants."""
    scope = _scope.get()
    if scope is None or scope.tenant is None:
        raise ScopeMissing("this needs one tenant in scope (tenants.scope.activate)")
    return scope.tenant


def current_or_none() -> Tenant | None:
    scope = _scope.get()
    return scope.tenant if scope is not None else None


def active_tenant_id() -> int | None:
    """Default of every ``tenant`` field: the tenant in scope, if exactly one is."""
    tenant = current_or_none()
    return tenant.pk if tenant is not None else None
