"""Prefill of the registration form for signed-in people: name and e-mail from the
account, organisation and municipality from a municipal membership (else the profile)."""

from __future__ import annotations

from typing import Any

from rathaus.core.municipalities import datalist_options
from rathaus.projects.access import municipal_authorities

__all__ = ["initial_for"]


def _profile(user: Any) -> Any:
    return getattr(user, "citizen_profile", None)


def initial_for(user: Any) -> dict[str, str]:
    if user is None or not user.is_authenticated:
        return {}
    initial = {"email": user.email}
    profile = _profile(user)
    if profile is not None:
        initial.update(given_name=profile.given_names, family_name=profile.family_name)
    authorities = municipal_authorities(user)
    territory = authorities[0].territory if authorities else None
    if authorities:
        initial["organisation"] = authorities[0].name
    if territory is None and profile is not None:
        territory = profile.municipality
    if territory is not None and territory.level == "gemeinde":
        initial["municipality"] = datalist_options([territory])[0]["value"]
    return {key: value for key, value in initial.items() if value}
