"""Security settings: TOTP second factor, recovery codes, switching TOTP off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe

from rathaus.accounts import services as accounts
from rathaus.accounts.http import posted
from rathaus.authentication import services
from rathaus.authentication.decorators import current_user, second_factor_exempt
from rathaus.authentication.forms import (
    PasswordConfirmForm,
    TOTPSetupForm,
)
from rathaus.authentication.views.common import (
    AFTER_CODES_KEY,
    SETUP_SECRET_KEY,
    SHOW_CODES_KEY,
    requested_next,
    safe_next,
)

# --- Security settings: TOTP and recovery codes ------------------------------------------


@login_required
@require_safe
def security(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    context = {
        "has_device": services.has_confirmed_device(user),
        "remaining_codes": services.remaining_recovery_codes(user),
        "mandatory": accounts.is_staff_member(user),
    }
    return render(request, "authentication/security.html", context)


def _setup_context(request: HttpRequest, secret: str, form: TOTPSetupForm) -> dict[str, object]:
    uri = services.totp_provisioning_uri(current_user(request), secret)
    return {
        "form": form,
        "qr_data_uri": services.totp_qr_data_uri(uri),
        "secret": services.format_secret(secret),
        "mandatory": accounts.is_staff_member(current_user(request)),
    }


@second_factor_exempt
@login_required
@sensitive_post_parameters("code")
@never_cache
def totp_setup(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    next_url = requested_next(request)
    if services.has_confirmed_device(user):
        messages.info(request, _("Die Zwei-Faktor-Authentisierung ist bereits eingerichtet."))
        return redirect(next_url or "authentication:security")
    secret = request.session.get(SETUP_SECRET_KEY) or services.new_totp_secret()
    request.session[SETUP_SECRET_KEY] = secret
    form = TOTPSetupForm(posted(request), initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp_device(user, secret, form.cleaned_data["code"])
        if codes is not None:
            request.session.pop(SETUP_SECRET_KEY, None)
            services.mark_session_verified(request)
            request.session[SHOW_CODES_KEY] = codes
            request.session[AFTER_CODES_KEY] = next_url
            messages.success(request, _("Die Zwei-Faktor-Authentisierung ist eingeschaltet."))
            return redirect("authentication:recovery_codes")
        form.add_error(
            "code",
            _(
                "Der Code passt nicht. Prüfen Sie, ob die Uhrzeit Ihres Geräts stimmt, und geben "
                "Sie den Code ein, den die App jetzt anzeigt."
            ),
        )
    return render(request, "authentication/totp_setup.html", _setup_context(request, secret, form))


@login_required
@sensitive_post_parameters("password")
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not services.has_confirmed_device(user):
        return redirect("authentication:security")
    form = PasswordConfirmForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        request.session[SHOW_CODES_KEY] = services.regenerate_recovery_codes(user)
        messages.success(request, _("Ihre neuen Wiederherstellungscodes sind erzeugt."))
        return redirect("authentication:recovery_codes")
    codes = request.session.pop(SHOW_CODES_KEY, None) if request.method == "GET" else None
    next_url = safe_next(request, request.session.pop(AFTER_CODES_KEY, "")) if codes else ""
    context = {
        "form": form,
        "codes": codes,
        "next_url": next_url or reverse("authentication:security"),
        "remaining_codes": services.remaining_recovery_codes(user),
    }
    return render(request, "authentication/recovery_codes.html", context)


@login_required
@sensitive_post_parameters("password")
@never_cache
def totp_disable(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if accounts.is_staff_member(user):
        return render(request, "authentication/totp_disable_forbidden.html", status=403)
    if not services.has_confirmed_device(user):
        return redirect("authentication:security")
    form = PasswordConfirmForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        services.disable_totp(user)
        messages.success(request, _("Die Zwei-Faktor-Authentisierung ist ausgeschaltet."))
        return redirect("authentication:security")
    return render(request, "authentication/totp_disable.html", {"form": form})
