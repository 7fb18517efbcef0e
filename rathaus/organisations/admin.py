"""Organisations in the platform administration.

Operators (superusers) see every organisation. A Land's administration sees and creates
the municipalities of its own Land only (companies and associations register themselves)
and invites their first administrator by e-mail. Every change is audit-logged.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from rathaus.audit.adminaudit import AuditedAdminMixin
from rathaus.core.models import Authority
from rathaus.organisations import services
from rathaus.organisations.models import Kind, Member, Organisation
from rathaus.tenants.scope import current_or_none


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["user", "role", "joined_at"]
    readonly_fields = ["joined_at"]
    raw_id_fields = ["user"]


class OrganisationAdminForm(forms.ModelForm):
    invite = forms.EmailField(
        label=_("Verwaltung einladen"),
        required=False,
        help_text=_("Die Person erhält eine Einladung als Verwaltung der Organisation."),
    )

    class Meta:
        model = Organisation
        fields = ["kind", "name", "authority", "register_type", "register_court",
                  "register_number", "street", "house_number", "postal_code", "city", "email",
                  "phone"]  # fmt: skip


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "register_entry", "authority"]
    list_filter = ["kind"]
    search_fields = ["name", "register_number", "register_court"]
    raw_id_fields = ["authority"]
    inlines = [MemberInline]

    def get_queryset(self, request: Any) -> Any:
        found = super().get_queryset(request).select_related("authority")
        if request.user.is_superuser:
            return found
        return found.filter(kind=Kind.MUNICIPALITY, authority__tenant=current_or_none())

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "authority":  # the Land's own administrations (scoped manager)
            kwargs["queryset"] = Authority.objects.all()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "kind" and not request.user.is_superuser:
            kwargs["choices"] = [(Kind.MUNICIPALITY.value, Kind.MUNICIPALITY.label)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        email = form.cleaned_data.get("invite")
        if email:
            try:
                services.invite_for_land(request.user, form.instance, email)
            except services.OrganisationError as refused:
                messages.error(request, str(refused.message))
            else:
                messages.success(request, _("Die Einladung ist verschickt."))
