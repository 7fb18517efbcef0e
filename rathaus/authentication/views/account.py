"""Registration with e-mail verification, and resetting or changing the password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe

from rathaus.accounts import services as accounts
from rathaus.accounts.http import posted
from rathaus.accounts.services import TokenResult
from rathaus.authentication import services
from rathaus.authentication.decorators import second_factor_exempt
from rathaus.authentication.forms import (
    ChangePasswordForm,
    PasswordResetRequestForm,
    RegistrationForm,
    ResendVerificationForm,
    SetNewPasswordForm,
)

# --- Registration and e-mail verification ------------------------------------------------


@second_factor_exempt
@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        accounts.register_citizen(
            email=data["email"],
            password=data["new_password1"],
            given_names=data["given_names"],
            family_name=data["family_name"],
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
    form = ResendVerificationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        accounts.resend_verification(form.cleaned_data["email"])
        return redirect("authentication:register_done")
    return render(request, "authentication/resend_verification.html", {"form": form})


# --- Password reset and change -------------------------------------------------------------


@second_factor_exempt
@never_cache
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.request_password_reset(form.cleaned_data["email"])
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
