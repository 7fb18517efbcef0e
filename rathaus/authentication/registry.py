"""Login methods behind a small typed registry.

Each way to log in (local password now; OIDC, SAML later) is a :class:`LoginMethod`
registered under a unique identifier in ``METHODS`` (a ``core.registry.Registry``); the
login page lists every registered method. A method plugs in by subclassing and
registering an instance, typically in its app's ``AppConfig.ready()``::

    class BundIdMethod(LoginMethod):
        identifier = "bundid"
        label = _("Mit BundID anmelden")

        def login_url(self, next_url: str = "") -> str:
            return reverse("bundid:start")

    registry.register(BundIdMethod())

The login page shows the methods by ``order`` (lower first), methods with the same
``order`` by identifier, so the page never depends on the order of ``INSTALLED_APPS``.
The local password comes first (``order = 0``).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from rathaus.core.registry import Registry

__all__ = ["LoginMethod", "PasswordLoginMethod", "METHODS", "register", "unregister", "get",
           "all"]  # fmt: skip


class LoginMethod:
    """Base class of a login method. ``identifier`` is unique; ``label`` is shown."""

    identifier: str = ""
    label: str | Promise = ""
    #: Methods with a form of their own on the login page (only the local password).
    renders_inline: bool = False
    #: Place on the login page: lower first; the same order sorts by identifier.
    order: int = 100

    def login_url(self, next_url: str = "", level: str = "") -> str:
        """Where the visitor starts logging in with this method (at least at ``level``,
        an eIDAS name, where the method can ask for one)."""
        raise NotImplementedError

    def available(self) -> bool:
        """Whether the tenant in scope offers this method (federated ones are per tenant)."""
        return True

    def reaches(self, level: str) -> bool:
        """Whether a login with this method can reach the level of assurance ``level``."""
        return False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.identifier!r}>"


class PasswordLoginMethod(LoginMethod):
    """E-mail address and password, checked locally (with throttle and second factor)."""

    identifier = "password"
    label = _("Mit E-Mail-Adresse und Passwort")
    renders_inline = True
    order = 0

    def login_url(self, next_url: str = "", level: str = "") -> str:
        url = reverse("authentication:login")
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url


METHODS: Registry[LoginMethod] = Registry("login method")


def register(method: LoginMethod) -> LoginMethod:
    """Add a method; its identifier must be new. Returns the method."""
    if not isinstance(method, LoginMethod):
        raise TypeError(f"{method!r} is not a LoginMethod")
    if not method.identifier:
        raise ValueError("A login method needs an identifier.")
    if method.identifier in METHODS:
        raise ValueError(f"Login method {method.identifier!r} is already registered.")
    return METHODS.register(method.identifier, method)


def unregister(identifier: str) -> None:
    """Remove a method (mainly for tests); unknown identifiers are ignored."""
    METHODS.unregister(identifier)


def get(identifier: str) -> LoginMethod:
    """The method with this identifier; raises LookupError if there is none."""
    return METHODS.get(identifier)


def all() -> list[LoginMethod]:  # the public name shadows the builtin on purpose
    """Every registered method as the login page shows them: by ``order``, then by
    identifier (a stable sort of the registry's name order)."""
    return sorted(METHODS.values(), key=lambda method: method.order)
