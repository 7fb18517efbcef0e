"""Login methods behind a small typed registry.

Each way to log in (local password now; OIDC, SAML later) is a :class:`LoginMethod`
registered under a unique identifier; the login page lists every registered method.
A method plugs in by subclassing and registering an instance, typically in its app's
``AppConfig.ready()``::

    class BundIdMethod(LoginMethod):
        identifier = "bundid"
        label = _("Mit BundID anmelden")

        def login_url(self, next_url: str = "") -> str:
            return reverse("bundid:start")

    registry.register(BundIdMethod())
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

__all__ = ["LoginMethod", "PasswordLoginMethod", "register", "unregister", "get", "all"]


class LoginMethod:
    """Base class of a login method. ``identifier`` is unique; ``label`` is shown."""

    identifier: str = ""
    label: str | Promise = ""
    #: Methods with a form of their own on the login page (only the local password).
    renders_inline: bool = False

    def login_url(self, next_url: str = "") -> str:
        """Where the visitor starts logging in with this method."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.identifier!r}>"


class PasswordLoginMethod(LoginMethod):
    """E-mail address and password, checked locally (with throttle and second factor)."""

    identifier = "password"
    label = _("Mit E-Mail-Adresse und Passwort")
    renders_inline = True

    def login_url(self, next_url: str = "") -> str:
        url = reverse("authentication:login")
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url


_methods: dict[str, LoginMethod] = {}


def register(method: LoginMethod) -> LoginMethod:
    """Add a method; its identifier must be new. Returns the method."""
    if not isinstance(method, LoginMethod):
        raise TypeError(f"{method!r} is not a LoginMethod")
    if not method.identifier:
        raise ValueError("A login method needs an identifier.")
    if method.identifier in _methods:
        raise ValueError(f"Login method {method.identifier!r} is already registered.")
    _methods[method.identifier] = method
    return method


def unregister(identifier: str) -> None:
    """Remove a method (mainly for tests); unknown identifiers are ignored."""
    _methods.pop(identifier, None)


def get(identifier: str) -> LoginMethod:
    """The method with this identifier; raises KeyError if there is none."""
    return _methods[identifier]


def all() -> list[LoginMethod]:  # the public name shadows the builtin on purpose
    """Every registered method, in registration order."""
    return list(_methods.values())
