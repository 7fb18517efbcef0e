"""Thin views of the account pages: overview, Servicekonto profile, e-mail change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe

from rathaus.accounts import privacy, services
from rathaus.accounts.forms import (
    MUNICIPALITY_DATALIST_ID,
    DeleteAccountForm,
    EmailChangeForm,
    ProfileForm,
)
from rathaus.accounts.http import current_user, is_staff, posted, second_factor_exempt
from rathaus.accounts.overview import context_for
from rathaus.accounts.services import TokenResult


@login_required
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    memberships = services.memberships_of(user)
    context = {
        "roles": sorted(str(role.label) for role in services.roles_of(user, memberships)),
        "memberships": memberships,
        "profile": services.citizen_profile_of(user),
        "is_staff_member": is_staff(request),
        **context_for(user),  # what other apps register (unread messages, second factor)
    }
    return render(request, "accounts/overview.html", context)


@login_required
@never_cache
def profile(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = ProfileForm(posted(request), initial=ProfileForm.initial_for(user))
    if request.method == "POST" and form.is_valid():
        services.update_profile(user, **form.profile_values())
        messages.success(request, _("Ihre Angaben sind gespeichert."))
        return redirect("accounts:overview")
    context = {"form": form, "datalist_id": MUNICIPALITY_DATALIST_ID}
    return render(request, "accounts/profile.html", context)


@login_required
@sensitive_post_parameters("password")
@never_cache
def email_change(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = EmailChangeForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        services.request_email_change(user, form.cleaned_data["new_email"])
        return redirect("accounts:email_change_sent")
    return render(request, "accounts/email_change.html", {"form": form})


@login_required
@require_safe
def email_change_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/email_change_sent.html")


@second_factor_exempt
@never_cache
def email_change_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the mail: GET shows what will change, POST (the button) changes it."""
    result, new_email = services.email_change_link_state(token)
    if request.method == "POST" and result == TokenResult.VALID:
        result = services.confirm_email_change(token)
    status = 400 if result == TokenResult.INVALID else 200
    context = {"result": result.value, "new_email": new_email}
    return render(request, "accounts/email_change_confirm.html", context, status=status)


@login_required
@require_safe
def my_data(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    context = {"form": DeleteAccountForm(user), "can_delete": privacy.can_delete_itself(user)}
    return render(request, "accounts/my_data.html", context)


@login_required
@require_POST
def export_data(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    response = HttpResponse(privacy.export_zip(user), content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="rathaus-daten-{stamp}.zip"'
    return response


@login_required
@sensitive_post_parameters("password")
@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = DeleteAccountForm(user, request.POST)
    if not privacy.can_delete_itself(user):
        messages.error(request, _("Konten von Beschäftigten schließt die Plattformverwaltung."))
        return redirect("accounts:my_data")
    if not form.is_valid():
        context = {"form": form, "can_delete": True}
        return render(request, "accounts/my_data.html", context, status=400)
    privacy.delete_account(user)
    logout(request)
    messages.success(request, _("Ihr Servicekonto ist gelöscht."))
    return redirect("core:home")
