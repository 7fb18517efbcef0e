"""Thin views of the organisation pages in "Mein Konto"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from rathaus.accounts.http import current_user, posted
from rathaus.organisations import services
from rathaus.organisations.forms import InviteForm, OrganisationForm, RoleForm
from rathaus.organisations.models import Member, MemberRole, Organisation
from rathaus.organisations.services import OrganisationError


def _member_organisation(request: HttpRequest, pk: int) -> tuple[Organisation, str]:
    """The organisation and the visitor's role in it; 404 for anyone not a member."""
    organisation = Organisation.objects.select_related("authority").filter(pk=pk).first()
    role = services.role_in(request.user, organisation) if organisation else None
    if organisation is None or role is None:
        raise Http404
    return organisation, role


@login_required
@never_cache
def index(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    context = {"memberships": services.memberships_of(user)}
    return render(request, "organisations/index.html", context)


@login_required
@never_cache
def create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create(
                current_user(request), form.cleaned_data["kind"], form.details()
            )
        except OrganisationError as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _("Die Organisation ist angelegt. Sie verwalten sie."))
            return redirect("organisations:detail", organisation.pk)
    status = 400 if form.errors else 200
    return render(request, "organisations/edit.html", {"form": form}, status=status)


def _detail(request: HttpRequest, organisation: Organisation, role: str, **forms: Any):
    is_admin = role == MemberRole.ADMIN
    members = organisation.members.select_related("user").order_by("user__email")
    context = {
        "organisation": organisation,
        "role": MemberRole(role),
        "is_admin": is_admin,
        "members": [(m, RoleForm(initial={"role": m.role}, prefix=f"m{m.pk}")) for m in members],
        "invitations": [i for i in organisation.invitations.all() if i.open] if is_admin else [],
        "invite_form": forms.get("invite_form") or InviteForm(),
        "may_apply": services.may(request.user, organisation, MemberRole.APPLY),
    }
    errors = any(f.errors for f in forms.values())
    return render(request, "organisations/detail.html", context, status=400 if errors else 200)


@login_required
@never_cache
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, role = _member_organisation(request, pk)
    return _detail(request, organisation, role)


@login_required
@never_cache
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, role = _member_organisation(request, pk)
    if role != MemberRole.ADMIN:
        raise Http404
    form = OrganisationForm(posted(request), instance=organisation, creating=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.update(current_user(request), organisation, form.details())
        except OrganisationError as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _("Die Angaben sind gespeichert."))
            return redirect("organisations:detail", organisation.pk)
    context = {"form": form, "organisation": organisation}
    return render(request, "organisations/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, role = _member_organisation(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite(
                current_user(request), organisation, form.cleaned_data["email"],
                form.cleaned_data["role"],
            )  # fmt: skip
        except OrganisationError as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(
                request, _("Die Einladung an %(email)s ist verschickt.")
                % {"email": form.cleaned_data["email"]},
            )  # fmt: skip
            return redirect("organisations:detail", organisation.pk)
    return _detail(request, organisation, role, invite_form=form)


def _member(organisation: Organisation, member_pk: int) -> Member:
    member = organisation.members.select_related("user").filter(pk=member_pk).first()
    if member is None:
        raise Http404
    return member


@login_required
@require_POST
def change_role(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    organisation, _role = _member_organisation(request, pk)
    member = _member(organisation, member_pk)
    form = RoleForm(request.POST, prefix=f"m{member.pk}")
    try:
        if not form.is_valid():
            raise OrganisationError(_("Bitte wählen Sie eine Rolle."))
        services.change_role(current_user(request), member, form.cleaned_data["role"])
        messages.success(request, _("Die Rolle ist geändert."))
    except OrganisationError as refused:
        messages.error(request, str(refused.message))
    return redirect("organisations:detail", organisation.pk)


@login_required
@never_cache
def remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Confirm, then remove a member (an administrator) or leave (oneself)."""
    organisation, _role = _member_organisation(request, pk)
    member = _member(organisation, member_pk)
    user = current_user(request)
    leaving = member.user_id == user.pk
    if not leaving and not services.may(user, organisation, MemberRole.ADMIN):
        raise Http404
    if request.method == "POST":
        try:
            services.remove(user, member)
        except OrganisationError as refused:
            messages.error(request, str(refused.message))
            return redirect("organisations:detail", organisation.pk)
        if leaving:
            messages.success(request, _("Sie haben die Organisation verlassen."))
            return redirect("organisations:index")
        messages.success(request, _("Das Mitglied ist entfernt."))
        return redirect("organisations:detail", organisation.pk)
    context = {"organisation": organisation, "member": member, "leaving": leaving}
    return render(request, "organisations/remove.html", context)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation, _role = _member_organisation(request, pk)
    invitation = organisation.invitations.filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    try:
        services.withdraw_invitation(current_user(request), invitation)
        messages.success(request, _("Die Einladung ist zurückgezogen."))
    except OrganisationError as refused:
        messages.error(request, str(refused.message))
    return redirect("organisations:detail", organisation.pk)


@login_required
@never_cache
def join(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for(token)
    if invitation is None:
        gone = {"days": services.INVITATION_DAYS}
        return render(request, "organisations/invitation_invalid.html", gone, status=410)
    error = ""
    if request.method == "POST":
        try:
            member = services.accept(current_user(request), token)
        except OrganisationError as refused:
            error = str(refused.message)
        else:
            messages.success(
                request, _("Sie sind jetzt Mitglied von %(name)s.")
                % {"name": member.organisation.name},
            )  # fmt: skip
            return redirect("organisations:detail", member.organisation_id)
    context = {"invitation": invitation, "error": error}
    return render(request, "organisations/join.html", context, status=400 if error else 200)
