"""Run code as ``manage.py`` runs a command: with no tenant scope at all.

Tests run in the default tenant's scope (``tests/conftest.py``), but a command has to
open its own. ``unscoped(function, ...)`` runs ``function`` in a copy of the test's
context (the same database connection, inside the test's transaction) with the tenant
scope cleared.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from rathaus.tenants import scope

SCOPE_VARIABLE = "rathaus_tenant_scope"  # the ContextVar's name in rathaus.tenants.scope


def unscoped[R](function: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    context = contextvars.copy_context()
    for variable in context:
        if variable.name == SCOPE_VARIABLE:
            context.run(variable.set, None)
    assert context.run(scope.active) is None, "the scope's context variable was renamed"
    return context.run(function, *args, **kwargs)
