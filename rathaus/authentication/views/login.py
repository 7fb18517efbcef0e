"""Login (password, throttle, unlock link) and logout, and the second factor at login or for
a session."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from rathaus.accounts.http import posted
from rathaus.accounts.services import TokenResult
from rathaus.authentication import registry, services
from rathaus.authentication.decorators import current_user, second_factor_exempt
from rathaus.authentication.forms import (
    LoginForm,
    ResendVerificationForm,
    SecondFactorForm,
)
from rathaus.authentication.services import CodeCheck, LoginAttempt, LoginOutcome
from rathaus.authentication.views.common import (
    landing,
    requested_next,
    too_many_attempts,
    wait_message,
)

# --- Login and logout ---------------------------------------------------------------------


def _login_methods(next_url: str) -> list[dict[str, object]]:
    return [
        {"method": method, "url": method.login_url(next_url)}
        for method in registry.all()
        if not method.renders_inline and method.available()
    ]


def _attempt_error(attempt: LoginAttempt) -> str:
    if attempt.outcome == LoginOutcome.THROTTLED:
        return wait_message(attempt.retry_after)
    if attempt.outcome == LoginOutcome.UNVERIFIED:
        return _(
            "Sie haben Ihre E-Mail-Adresse noch nicht bestätigt. Bitte öffnen Sie den Link "
            "in der E-Mail, die wir Ihnen nach der Registrierung geschickt haben. Sie "
            "können sich die E-Mail auch noch einmal schicken lassen."
        )
    message = _("Die E-Mail-Adresse oder das Passwort ist nicht richtig.")
    if attempt.retry_after:
        message = f"{message} {wait_message(attempt.retry_after)}"
    return message


def _handle_attempt(
    request: HttpRequest, form: LoginForm, attempt: LoginAttempt, next_url: str
) -> HttpResponse | None:
    user = attempt.user
    if attempt.outcome == LoginOutcome.SUCCESS and user is not None:
        services.complete_login(request, user, backend=getattr(user, "backend", ""))
        return redirect(landing(user, next_url))
    if attempt.outcome == LoginOutcome.SECOND_FACTOR and user is not None:
        services.begin_pending_login(request, user, next_url)
        return redirect("authentication:second_factor")
    form.add_error(None, _attempt_error(attempt))
    return None


@second_factor_exempt
@sensitive_post_parameters("password")
@never_cache
def login(request: HttpRequest) -> HttpResponse:
    next_url = requested_next(request)
    form = LoginForm(posted(request), initial={"next": next_url})
    resend_form = None
    attempt = None
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
    response = render(request, "authentication/login.html", context)
    if attempt is not None and attempt.outcome == LoginOutcome.THROTTLED:
        return too_many_attempts(response, attempt.retry_after)
    return response


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
        remaining = services.remaining_recovery_codes(current_user(request))
        message = ngettext(
            "Sie haben einen Wiederherstellungscode verwendet. Es ist noch %(count)d Code "
            "übrig. Erzeugen Sie neue Codes, wenn Sie nur noch wenige haben.",
            "Sie haben einen Wiederherstellungscode verwendet. Es sind noch %(count)d Codes "
            "übrig. Erzeugen Sie neue Codes, wenn Sie nur noch wenige haben.",
            remaining,
        )
        messages.warning(request, message % {"count": remaining})
    return redirect(landing(current_user(request), next_url))


def _code_error(form: SecondFactorForm, check: CodeCheck) -> None:
    if check.throttled:
        form.add_error(None, wait_message(check.retry_after))
        return
    message = _(
        "Der Code ist nicht richtig oder wurde schon verwendet. Bitte geben Sie den "
        "Code ein, den Ihre App jetzt anzeigt."
    )
    if check.retry_after:
        message = f"{message} {wait_message(check.retry_after)}"
    form.add_error("code", message)


def _check_code(
    request: HttpRequest, pending, form: SecondFactorForm, next_url: str
) -> tuple[HttpResponse | None, CodeCheck]:
    code = form.cleaned_data["code"]
    if pending is not None:
        source = services.login_source(request, pending.user.email)
        check = services.verify_second_factor(pending.user, code, source)
    else:
        check = services.verify_step_up(request, code)
    if check.ok:
        return _code_accepted(request, pending, check, next_url), check
    _code_error(form, check)
    return None, check


@second_factor_exempt
@sensitive_post_parameters("code")
@never_cache
def second_factor(request: HttpRequest) -> HttpResponse:
    pending = services.pending_login(request)
    user = current_user(request)
    step_up = pending is None and user.is_authenticated and services.has_confirmed_device(user)
    if pending is None and not step_up:
        if not user.is_authenticated:
            messages.info(request, _("Bitte melden Sie sich an."))
        return redirect("authentication:login")
    next_url = pending.next_url if pending is not None else requested_next(request)
    if step_up and services.is_second_factor_verified(request):
        return redirect(landing(user, next_url))
    form = SecondFactorForm(posted(request), initial={"next": next_url})
    check = None
    if request.method == "POST" and form.is_valid():
        response, check = _check_code(request, pending, form, next_url)
        if response is not None:
            return response
    response = render(request, "authentication/second_factor.html", {"form": form})
    if check is not None and check.throttled:
        return too_many_attempts(response, check.retry_after)
    return response


# --- Unlock link from the mail ----------------------------------------------------------------


@second_factor_exempt
@never_cache
def unlock_login(request: HttpRequest, token: str) -> HttpResponse:
    """The page the unlock link opens; its button uses the link (mail scanners only GET)."""
    if request.method == "POST":
        result = services.use_unlock_link(request, token)
        if result == TokenResult.DONE:
            messages.success(
                request, _("Die Wartezeit ist aufgehoben. Sie können sich jetzt anmelden.")
            )
            return redirect("authentication:login")
    else:
        result = services.unlock_link_state(token)
    status = 400 if result == TokenResult.INVALID else 200
    context = {"result": result.value}
    return render(request, "authentication/unlock_login.html", context, status=status)
