"""Thin views: login (with lockout and second factor), logout, registration, e-mail
verification, password reset and change, TOTP setup, and the staff landing page."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.dateformat import format as format_date
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.accounts.services import TokenResult
from rathaus.authentication import registry, services
from rathaus.authentication.decorators import second_factor_exempt, staff_required
from rathaus.authentication.forms import (
    ChangePasswordForm,
    LoginForm,
    PasswordConfirmForm,
    PasswordResetRequestForm,
    RegistrationForm,
    ResendVerificationForm,
    SecondFactorForm,
    SetNewPasswordForm,
    TOTPSetupForm,
)
from rathaus.authentication.services import LoginAttempt, LoginOutcome

_SETUP_SECRET_KEY = "rathaus.auth.totp_setup_secret"
_SHOW_CODES_KEY = "rathaus.auth.show_recovery_codes"
_AFTER_CODES_KEY = "rathaus.auth.after_recovery_codes"


# --- Helpers -----------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    """The logged-in user (of a view behind ``login_required`` or a similar check)."""
    return cast(User, request.user)


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def safe_next(request: HttpRequest, url: str | None) -> str:
    """``url`` if it stays on this site, else an empty string."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else ""


def _requested_next(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def locked_message(until: datetime) -> str:
    local = localtime(until)
    return _(
        "Ihr Konto ist aus Sicherheitsgründen vorübergehend gesperrt, weil zu oft falsche "
        "Anmeldedaten eingegeben wurden. Sie können sich am %(date)s ab %(time)s Uhr wieder "
        "anmelden."
    ) % {"date": format_date(local, "d.m.Y"), "time": format_date(local, "H:i")}


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _landing(user, next_url: str) -> str:
    """Where a user goes after login: staff without a device set one up first."""
    if accounts.is_staff_member(user) and not services.has_confirmed_device(user):
        return _with_next(reverse("authentication:totp_setup"), next_url)
    return next_url or resolve_url(settings.LOGIN_REDIRECT_URL)


# --- Login and logout ---------------------------------------------------------------------


def _login_methods(next_url: str) -> list[dict[str, object]]:
    return [
        {"method": method, "url": method.login_url(next_url)}
        for method in registry.all()
        if not method.renders_inline
    ]


def _finish_password_login(
    request: HttpRequest, form: LoginForm, attempt: LoginAttempt, next_url: str
) -> HttpResponse | None:
    user = attempt.user
    assert user is not None
    try:
        services.complete_login(request, user, backend=getattr(user, "backend", ""))
    except services.AccountLocked as locked:
        form.add_error(None, locked_message(locked.until))
        return None
    return redirect(_landing(user, next_url))


def _handle_attempt(
    request: HttpRequest, form: LoginForm, attempt: LoginAttempt, next_url: str
) -> HttpResponse | None:
    if attempt.outcome == LoginOutcome.SUCCESS:
        return _finish_password_login(request, form, attempt, next_url)
    if attempt.outcome == LoginOutcome.SECOND_FACTOR and attempt.user is not None:
        services.begin_pending_login(request, attempt.user, next_url)
        return redirect("authentication:second_factor")
    if attempt.outcome == LoginOutcome.LOCKED and attempt.locked_until is not None:
        form.add_error(None, locked_message(attempt.locked_until))
    elif attempt.outcome == LoginOutcome.UNVERIFIED:
        form.add_error(
            None,
            _(
                "Sie haben Ihre E-Mail-Adresse noch nicht bestätigt. Bitte öffnen Sie den Link "
                "in der E-Mail, die wir Ihnen nach der Registrierung geschickt haben. Sie "
                "können sich die E-Mail auch noch einmal schicken lassen."
            ),
        )
    else:
        form.add_error(None, _("Die E-Mail-Adresse oder das Passwort ist nicht richtig."))
    return None


@second_factor_exempt
@sensitive_post_parameters("password")
@never_cache
def login(request: HttpRequest) -> HttpResponse:
    next_url = _requested_next(request)
    form = LoginForm(_posted(request), initial={"next": next_url})
    resend_form = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = services.check_password_login(request, data["email"], data["password"])
        response = _handle_attempt(request, form, attempt, next_url)
        if response is not None:
            return response
        if attempt.outcome == LoginOutcome.UNVERIFIED:
            resend_form = ResendVerificationForm(initial={"email": data["email"]})
    context = {
        "form": form,
        "resend_form": resend_form,
        "methods": _login_methods(next_url),
        "password_method": registry.get("password"),
    }
    return render(request, "authentication/login.html", context)


@second_factor_exempt
@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    services.logout_user(request)
    messages.success(request, _("Sie haben sich abgemeldet."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- Second factor at login or for this session ----------------------------------------


def _code_accepted(request: HttpRequest, pending, check, next_url: str) -> HttpResponse:
    if pending is not None:
        services.complete_login(
            request, pending.user, backend=pending.backend, second_factor=check.method
        )
    if check.method == "recovery_code":
        remaining = services.remaining_recovery_codes(_user(request))
        message = ngettext(
            "Sie haben einen Wiederherstellungscode verwendet. Es ist noch %(count)d Code "
            "übrig. Erzeugen Sie neue Codes, wenn Sie nur noch wenige haben.",
            "Sie haben einen Wiederherstellungscode verwendet. Es sind noch %(count)d Codes "
            "übrig. Erzeugen Sie neue Codes, wenn Sie nur noch wenige haben.",
            remaining,
        )
        messages.warning(request, message % {"count": remaining})
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def _check_code(request: HttpRequest, pending, form: SecondFactorForm, next_url: str):
    code = form.cleaned_data["code"]
    if pending is not None:
        check = services.verify_second_factor(pending.user, code)
    else:
        check = services.verify_step_up(request, code)
    if check.ok:
        try:
            return _code_accepted(request, pending, check, next_url)
        except services.AccountLocked as locked:
            check = services.CodeCheck(locked_until=locked.until)
    if check.locked_until is not None and pending is not None:
        services.clear_pending_login(request)
        messages.error(request, locked_message(check.locked_until))
        return redirect("authentication:login")
    if check.locked_until is not None:
        form.add_error(None, locked_message(check.locked_until))
    else:
        form.add_error(
            "code",
            _(
                "Der Code ist nicht richtig oder wurde schon verwendet. Bitte geben Sie den "
                "Code ein, den Ihre App jetzt anzeigt."
            ),
        )
    return None


@second_factor_exempt
@sensitive_post_parameters("code")
@never_cache
def second_factor(request: HttpRequest) -> HttpResponse:
    pending = services.pending_login(request)
    user = _user(request)
    step_up = pending is None and user.is_authenticated and services.has_confirmed_device(user)
    if pending is None and not step_up:
        if not user.is_authenticated:
            messages.info(request, _("Bitte melden Sie sich an."))
        return redirect("authentication:login")
    next_url = pending.next_url if pending is not None else _requested_next(request)
    if step_up and services.is_second_factor_verified(request):
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    form = SecondFactorForm(_posted(request), initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        response = _check_code(request, pending, form, next_url)
        if response is not None:
            return response
    return render(request, "authentication/second_factor.html", {"form": form})


# --- Registration and e-mail verification ------------------------------------------------


@second_factor_exempt
@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        accounts.register_citizen(
            email=data["email"],
            password=data["new_password1"],
            given_names=data["given_names"],
            family_name=data["family_name"],
            base_url=_base_url(request),
        )
        return redirect("authentication:register_done")
    return render(request, "authentication/register.html", {"form": form})


@second_factor_exempt
@require_safe
def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "authentication/register_done.html")


@second_factor_exempt
@never_cache
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        result = accounts.verify_email(token)
    else:
        result = accounts.verification_link_state(token)
    status = 400 if result == TokenResult.INVALID else 200
    context = {"result": result.value, "resend_form": ResendVerificationForm()}
    return render(request, "authentication/verify_email.html", context, status=status)


@second_factor_exempt
@never_cache
def resend_verification(request: HttpRequest) -> HttpResponse:
    form = ResendVerificationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        accounts.resend_verification(form.cleaned_data["email"], _base_url(request))
        return redirect("authentication:register_done")
    return render(request, "authentication/resend_verification.html", {"form": form})


# --- Password reset and change -------------------------------------------------------------


@second_factor_exempt
@never_cache
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.request_password_reset(form.cleaned_data["email"], _base_url(request))
        return redirect("authentication:password_reset_done")
    return render(request, "authentication/password_reset.html", {"form": form})


@second_factor_exempt
@require_safe
def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "authentication/password_reset_done.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetNewPasswordForm  # type: ignore[assignment]
    template_name = "authentication/password_reset_confirm.html"
    success_url = reverse_lazy("authentication:password_reset_complete")


password_reset_confirm = second_factor_exempt(PasswordResetConfirmView.as_view())


@second_factor_exempt
@require_safe
def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "authentication/password_reset_complete.html")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm  # type: ignore[assignment]
    template_name = "authentication/password_change.html"
    success_url = reverse_lazy("authentication:security")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Ihr Passwort wurde geändert."))
        return response


password_change = PasswordChangeView.as_view()


# --- Security settings: TOTP and recovery codes ------------------------------------------


@login_required
@require_safe
def security(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = {
        "has_device": services.has_confirmed_device(user),
        "remaining_codes": services.remaining_recovery_codes(user),
        "mandatory": accounts.is_staff_member(user),
    }
    return render(request, "authentication/security.html", context)


def _setup_context(request: HttpRequest, secret: str, form: TOTPSetupForm) -> dict[str, object]:
    uri = services.totp_provisioning_uri(_user(request), secret)
    return {
        "form": form,
        "qr_data_uri": services.totp_qr_data_uri(uri),
        "secret": services.format_secret(secret),
        "mandatory": accounts.is_staff_member(_user(request)),
    }


@second_factor_exempt
@login_required
@sensitive_post_parameters("code")
@never_cache
def totp_setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if services.has_confirmed_device(user):
        messages.info(request, _("Die Zwei-Faktor-Authentisierung ist bereits eingerichtet."))
        return redirect("authentication:security")
    secret = request.session.get(_SETUP_SECRET_KEY) or services.new_totp_secret()
    request.session[_SETUP_SECRET_KEY] = secret
    next_url = _requested_next(request)
    form = TOTPSetupForm(_posted(request), initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp_device(user, secret, form.cleaned_data["code"])
        if codes is not None:
            request.session.pop(_SETUP_SECRET_KEY, None)
            services.mark_session_verified(request)
            request.session[_SHOW_CODES_KEY] = codes
            request.session[_AFTER_CODES_KEY] = next_url
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
    user = _user(request)
    if not services.has_confirmed_device(user):
        return redirect("authentication:security")
    form = PasswordConfirmForm(user, _posted(request))
    if request.method == "POST" and form.is_valid():
        request.session[_SHOW_CODES_KEY] = services.regenerate_recovery_codes(user)
        messages.success(request, _("Ihre neuen Wiederherstellungscodes sind erzeugt."))
        return redirect("authentication:recovery_codes")
    codes = request.session.pop(_SHOW_CODES_KEY, None) if request.method == "GET" else None
    next_url = safe_next(request, request.session.pop(_AFTER_CODES_KEY, "")) if codes else ""
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
    user = _user(request)
    if accounts.is_staff_member(user):
        return render(request, "authentication/totp_disable_forbidden.html", status=403)
    if not services.has_confirmed_device(user):
        return redirect("authentication:security")
    form = PasswordConfirmForm(user, _posted(request))
    if request.method == "POST" and form.is_valid():
        services.disable_totp(user)
        messages.success(request, _("Die Zwei-Faktor-Authentisierung ist ausgeschaltet."))
        return redirect("authentication:security")
    return render(request, "authentication/totp_disable.html", {"form": form})


# --- Staff ----------------------------------------------------------------------------------


@staff_required
@require_safe
def staff_home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    held = accounts.roles_of(user)
    admin = user.is_superuser
    context = {
        "roles": sorted(str(role.label) for role in held),
        "memberships": accounts.memberships_of(user),
        "designer": admin or Role.DESIGNER in held,
        "smart_region": admin or bool(held & {Role.SMART_REGION, Role.MUNICIPAL}),
        "consulting": admin or bool(held & {Role.SMART_REGION, Role.MUNICIPAL, Role.CONSULTANT}),
    }
    return render(request, "authentication/staff_home.html", context)
