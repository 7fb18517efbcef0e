"""Helpers for tests of other apps that need a logged-in staff member.

Staff pages (the admin site, ``/verwaltung/``, ``staff_required`` views) are only
reachable after the second factor; ``client.force_login()`` alone leads to the TOTP
setup. Use :func:`login_with_second_factor` instead::

    from rathaus.authentication.testing import login_with_second_factor

    login_with_second_factor(client, clerk)
    assert client.get("/verwaltung/").status_code == 200
"""

from __future__ import annotations

from rathaus.authentication.services import SECOND_FACTOR_SESSION_KEY

__all__ = ["login_with_second_factor"]


def login_with_second_factor(client, user) -> None:
    """Log ``user`` into a Django test client as if the second factor had been entered."""
    client.force_login(user)
    session = client.session
    session[SECOND_FACTOR_SESSION_KEY] = user.pk
    session.save()
