"""Template context every page needs: branding of the Land and the language switch."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language, override

from rathaus.core.branding import Branding, branding


def _in_language(request: HttpRequest, code: str) -> str:
    """This page's address in language ``code``.

    Django's ``translate_url`` resolves the full path, which fails under a tenant's path
    prefix (``/hamburg/impressum/``): the resolver knows only ``request.path_info``, the
    path without it. Resolving that and reversing in the other language keeps the prefix,
    which the tenant middleware made the script prefix. A page that does not resolve (a
    404) keeps its own address. The match is the one the request was dispatched with when
    there is one: resolving again costs as much as a dozen ``reverse`` calls.
    """
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return request.get_full_path()
    with override(code):
        try:
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{iri_to_uri(query)}" if query else url


def _offered(look: Branding, current: str) -> list[tuple[str, object]]:
    """The tenant's languages in the order of ``LANGUAGES`` (all of them when the tenant
    names none), plus the page's own language so the switch says which one is shown."""
    wanted = set(look.languages) or {code for code, _name in settings.LANGUAGES}
    return [(code, name) for code, name in settings.LANGUAGES if code in wanted or code == current]


def site(request: HttpRequest) -> dict[str, object]:
    current = get_language() or settings.LANGUAGE_CODE
    look = branding()
    switch = [
        {"code": code, "name": name, "url": _in_language(request, code), "active": code == current}
        for code, name in _offered(look, current)
    ]
    return {"branding": look, "language_switch": switch}
