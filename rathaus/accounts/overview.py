"""The "Mein Konto" page shows what other apps know about the person.

An app registers a provider in its ``AppConfig.ready()``: a function of the user that
returns template variables for the overview (the postbox its unread count, the
authentication app whether a second factor is set up). The page renders whatever is
registered; accounts itself knows none of those apps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rathaus.accounts.models import User
from rathaus.core.registry import Registry

__all__ = ["SECTIONS", "context_for"]

SECTIONS: Registry[Callable[[User], dict[str, Any]]] = Registry("account overview section")


def context_for(user: User) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in SECTIONS.values():
        context.update(provider(user))
    return context
