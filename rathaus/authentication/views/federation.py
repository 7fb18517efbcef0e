"""Federated login: BundID (SAML 2.0), the tenant's OpenID Connect provider, the first
login's linking page and the step-up page. Every refused answer of an identity provider
gets the same page (400), is logged, and logs nobody in."""

from __future__ import annotations

import logging

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe

from rathaus.accounts.http import posted
from rathaus.audit.services import log_action
from rathaus.authentication import assurance, oidc, saml, services
from rathaus.authentication.decorators import second_factor_exempt
from rathaus.authentication.forms import FederatedCreateForm, FederatedLinkForm
from rathaus.authentication.services import FederatedOutcome, FederatedRefusal, LoginOutcome
from rathaus.authentication.views.common import landing, requested_next, wait_message
from rathaus.core.errors import DomainError

logger = logging.getLogger("rathaus.authentication")


def _refused(request: HttpRequest, method: str, refusal: FederatedRefusal) -> HttpResponse:
    logger.warning(
        "Refused %s login from %s: %s", method, request.META.get("REMOTE_ADDR"), refusal.reason
    )
    with transaction.atomic():
        log_action(None, "authentication.federated_refused", None,
                   {"method": method, "reason": refusal.reason[:200]})  # fmt: skip
    context = {"message": refusal.message}
    return render(request, "authentication/federated_refused.html", context, status=400)


def _logged_in_or_link(request: HttpRequest, method: str, identity, next_url: str) -> HttpResponse:
    try:
        outcome = services.complete_federated_login(request, identity, next_url)
    except FederatedRefusal as refusal:
        return _refused(request, method, refusal)
    if outcome == FederatedOutcome.LINK_NEEDED:
        return redirect("authentication:federated_link")
    return redirect(landing(request.user, next_url))


# --- SAML (BundID) -------------------------------------------------------------------------


@second_factor_exempt
@require_safe
def saml_metadata(request: HttpRequest) -> HttpResponse:
    if not saml.is_available():
        raise Http404
    return HttpResponse(saml.metadata_xml(request), content_type="application/samlmetadata+xml")


@second_factor_exempt
@require_safe
@never_cache
def saml_start(request: HttpRequest) -> HttpResponse:
    if not saml.is_available():
        raise Http404
    try:
        url = saml.start_login(request, requested_next(request), request.GET.get("niveau"))
    except FederatedRefusal as refusal:
        return _refused(request, "saml", refusal)
    return redirect(url)


@csrf_exempt  # the IdP posts across sites; the response's signature and request ID count
@second_factor_exempt
@require_POST
@never_cache
def saml_acs(request: HttpRequest) -> HttpResponse:
    if not saml.is_available():
        raise Http404
    try:
        ticket = saml.consume_response(request, str(request.POST.get("SAMLResponse", "")))
    except FederatedRefusal as refusal:
        return _refused(request, "saml", refusal)
    finish = reverse("authentication:saml_finish")
    response = redirect(f"{finish}?{urlencode({'ticket': ticket})}")
    response.status_code = 303  # the browser fetches the result with GET, and its session
    return response


@second_factor_exempt
@require_safe
@never_cache
def saml_finish(request: HttpRequest) -> HttpResponse:
    if not saml.is_available():
        raise Http404
    try:
        identity, next_url = saml.claim_result(request, str(request.GET.get("ticket", "")))
    except FederatedRefusal as refusal:
        return _refused(request, "saml", refusal)
    return _logged_in_or_link(request, "saml", identity, next_url)


# --- OpenID Connect --------------------------------------------------------------------------


@second_factor_exempt
@require_safe
@never_cache
def oidc_start(request: HttpRequest) -> HttpResponse:
    if not oidc.is_available():
        raise Http404
    try:
        url = oidc.start_login(request, requested_next(request))
    except FederatedRefusal as refusal:
        return _refused(request, "oidc", refusal)
    return redirect(url)


@second_factor_exempt
@require_safe
@never_cache
def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not oidc.is_available():
        raise Http404
    try:
        identity, next_url = oidc.finish_login(request)
    except FederatedRefusal as refusal:
        return _refused(request, "oidc", refusal)
    return _logged_in_or_link(request, "oidc", identity, next_url)


# --- A first login: link an existing account or create one --------------------------------


@second_factor_exempt
@sensitive_post_parameters("password")
@never_cache
def federated_link(request: HttpRequest) -> HttpResponse:
    identity, next_url = services.pending_identity(request)
    if identity is None:
        return render(request, "authentication/federated_expired.html", status=410)
    action = request.POST.get("action") if request.method == "POST" else ""
    link_form = FederatedLinkForm(posted(request) if action == "link" else None)
    create_form = FederatedCreateForm(
        posted(request) if action == "create" else None,
        initial={"email": identity.attributes.get("email", "")},
    )
    if action == "link" and link_form.is_valid():
        response = _link(request, link_form, next_url)
        if response is not None:
            return response
    if action == "create" and create_form.is_valid():
        try:
            services.create_account_for_pending(request, create_form.cleaned_data["email"])
        except DomainError as error:
            create_form.add_error(error.field, str(error.message))
        else:
            return redirect(landing(request.user, next_url))
    context = {
        "identity": identity,
        "level": assurance.label_of(identity.level),
        "link_form": link_form,
        "create_form": create_form,
    }
    status = 400 if (link_form.errors or create_form.errors) else 200
    return render(request, "authentication/federated_link.html", context, status=status)


def _link(request: HttpRequest, form: FederatedLinkForm, next_url: str) -> HttpResponse | None:
    data = form.cleaned_data
    attempt = services.check_password_login(request, data["email"], data["password"])
    password_right = attempt.outcome in (LoginOutcome.SUCCESS, LoginOutcome.SECOND_FACTOR)
    if password_right and attempt.user is not None:
        try:
            services.link_pending_identity(request, attempt.user)
        except FederatedRefusal as refusal:
            return _refused(request, "link", refusal)
        return redirect(landing(request.user, next_url))
    if attempt.outcome == LoginOutcome.THROTTLED:
        form.add_error(None, wait_message(attempt.retry_after))
    elif attempt.outcome == LoginOutcome.UNVERIFIED:
        form.add_error(None, _("Bitte bestätigen Sie zuerst die E-Mail-Adresse dieses Kontos."))
    else:
        form.add_error(None, _("Die E-Mail-Adresse oder das Passwort ist nicht richtig."))
    return None


# --- Step-up: a login at the level a service needs ------------------------------------------


@second_factor_exempt
@require_safe
@never_cache
def step_up(request: HttpRequest) -> HttpResponse:
    required = assurance.rank_of(request.GET.get("niveau"))
    next_url = requested_next(request)
    if not services.step_up_needed(request, assurance.name_of(required)) and next_url:
        return redirect(next_url)
    context = {
        "required": assurance.label_of(required),
        "reached": assurance.label_of(services.session_level(request)),
        "logged_in": request.user.is_authenticated,
        "methods": services.step_up_methods(assurance.name_of(required), next_url),
    }
    return render(request, "authentication/step_up.html", context)
