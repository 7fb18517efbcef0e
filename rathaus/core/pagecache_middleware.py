"""The shared cache of public pages: what anonymous visitors see, rendered once (decision
0009; invalidation in ``rathaus.core.pagecache``).

A GET (or HEAD) without a session or messages cookie is anonymous for certain: its page
is the same for every such visitor of the tenant, language, host, path and query. The
middleware serves it from the cache (``CACHES["default"]``: local memory per process by
default, Redis with ``CACHE_URL``) when it has it, else renders it and keeps it if the
answer is a plain 200 that sets no cookie but the CSRF one and is not marked private.

A page with a form that posts (the service page's "Online beantragen") carries a CSRF
token, which belongs to one visitor. Such a page is kept with its tokens taken out; each
hit puts in a token of the visitor's own secret (from his CSRF cookie, or a new one set
with the answer), exactly as Django's ``{% csrf_token %}`` and ``CsrfViewMiddleware``
would. Those answers are ``private``: the body is one visitor's.

A page the same for every visitor is kept gzip-compressed too (once, when stored) and
served so to browsers that accept it, as every browser does: the OZG coverage page goes
from 380 KB to a tenth of it on the wire. Pages with a visitor's token are not compressed
(the token is put in per hit).
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language

from rathaus.core.pagecache import generations
from rathaus.tenants.scope import current_or_none

__all__ = ["HEADER", "PageCacheMiddleware"]

HEADER = "X-Rathaus-Page-Cache"
MAX_QUERY = 256  # longer queries (no form of Rathaus makes them) are rendered, not kept
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
_HOLE = b"\x00csrf\x00"  # never in HTML
# body, headers (as Django's ResponseHeaders keeps them), CSRF holes, gzipped body
Entry = tuple[bytes, dict[str, tuple[str, str]], bool, bytes | None]
MIN_GZIP = 1024  # smaller bodies gain nothing on the wire
_GZIP = re.compile(r"\bgzip\b")


def _eligible(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        settings.RATHAUS_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY
    )


def _key(request: HttpRequest, tenant_id: int) -> str:
    """Tenant, both generations, host, language and path, and the query in one order
    (``?b=2&a=1`` is ``?a=1&b=2``; empty fields dropped) so that spelling variants of one
    search share their page."""
    shared, own = generations(tenant_id)
    query = sorted((k, v) for k, v in parse_qsl(request.META.get("QUERY_STRING", "")) if v)
    where = f"{request.get_host()}|{get_language()}|{request.path}|{urlencode(query)}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"rathaus:page3:{tenant_id}:{shared}:{own}:{digest}"  # 3: headers as kept


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        and not settings.CSRF_USE_SESSIONS
        and not any(word in control for word in ("private", "no-cache", "no-store"))
        and "'nonce-" not in response.get("Content-Security-Policy", "")  # one visitor's
        and not (hasattr(request, "session") and request.session.modified)
    )


def _entry(response: HttpResponse) -> Entry | None:
    """What is kept: the body and headers, not the pickled response (cheaper both ways).
    None when a CSRF token may be left in the body in a form not recognised (a visitor's
    token must never reach another): the cookie is set but no token field was taken out,
    or the token's field name stands anywhere else."""
    body, holes = _TOKEN.subn(rb"\1" + _HOLE + rb"\2", response.content)
    if (response.cookies and not holes) or body.count(b"csrfmiddlewaretoken") != holes:
        return None
    per_visitor = bool(holes or response.cookies)
    compressed = None
    if per_visitor:
        patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    else:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        set_response_etag(response)
        response["Last-Modified"] = http_date()
        if len(body) >= MIN_GZIP and not response.has_header("Content-Encoding"):
            compressed = gzip.compress(body, compresslevel=6, mtime=0)
            patch_vary_headers(response, ("Accept-Encoding",))
    patch_vary_headers(response, ("Cookie",))
    return body, dict(response.headers._store), per_visitor, compressed


def _respond(body: bytes, headers: dict[str, tuple[str, str]]) -> HttpResponse:
    """A response with the kept headers as they were checked and encoded when the page was
    rendered: put in whole rather than set one by one (a tenth of a hit's time)."""
    response = HttpResponse(body)
    response.headers._store = dict(headers)
    return response


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _replay(request: HttpRequest, entry: Entry) -> HttpResponse:
    body, headers, per_visitor, compressed = entry
    if compressed is not None and _accepts_gzip(request):
        response = _respond(compressed, headers)
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(compressed))
        if (etag := response.get("ETag", "")).startswith('"'):
            response["ETag"] = f"W/{etag}"  # another byte sequence, as GZipMiddleware does
        response[HEADER] = "hit"
        return response
    if not per_visitor:
        response = _respond(body, headers)
        response[HEADER] = "hit"
        return response
    csrf = CsrfViewMiddleware(lambda request: HttpResponse())
    csrf.process_request(request)  # the visitor's secret, if his cookie has a valid one
    token = get_token(request).encode()  # masked, as {% csrf_token %} renders it
    response = _respond(body.replace(_HOLE, token), headers)
    response["Content-Length"] = str(len(response.content))
    response[HEADER] = "hit"
    csrf.process_response(request, response)  # sets the cookie with its settings
    return response


class PageCacheMiddleware:
    """Serves and keeps anonymous pages. After ``LocaleMiddleware`` (the tenant and the
    language are known) and before the session, CSRF, authentication and the view, which a
    hit skips. ``ConditionalGetMiddleware`` outside it answers ``304 Not Modified`` to a
    browser that has the page (its ``ETag``), hit or not. A response to a visitor with a
    session is marked ``private``: no shared cache on the way keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tenant = current_or_none()
        if tenant is None or not _eligible(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True)
            return response
        key = _key(request, tenant.pk)
        cache = caches["default"]
        found = cache.get(key)
        if found is not None:
            return _replay(request, found)
        response = self.get_response(request)
        entry = _entry(response) if _storable(request, response) else None
        if entry is not None:
            cache.set(key, entry, settings.RATHAUS_PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response
