"""Admin for the login throttle's counters (with an action that lifts a wait), TOTP
devices and linked identities (federated login).

The TOTP secret is never shown; recovery codes exist only as hashes and are not listed.
Linked identities belong to users, not to a tenant: only operators (superusers) see
them, and may delete a wrong link.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rathaus.audit.adminaudit import AuditedAdminMixin
from rathaus.authentication import services, throttle
from rathaus.authentication.models import ExternalIdentity, LoginFailureRecord, TOTPDevice


class LockedFilter(admin.SimpleListFilter):
    """Counters that make the next attempt wait now (``?locked=yes``, the old name)."""

    title = _("Wartezeit")
    parameter_name = "locked"

    def lookups(self, request, model_admin):
        return [("yes", _("läuft")), ("no", _("keine"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "yes":
            return queryset.filter(blocked_until__gt=now)
        if self.value() == "no":
            return queryset.exclude(blocked_until__gt=now)
        return queryset


@admin.register(LoginFailureRecord)
class LoginFailureRecordAdmin(admin.ModelAdmin):
    list_display = ["key", "hits", "last_hit_at", "blocked_until"]
    list_filter = [LockedFilter]
    search_fields = ["key"]
    readonly_fields = ["key", "hits", "window_started_at", "last_hit_at", "blocked_until"]
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Wartezeit aufheben und Fehlversuche zurücksetzen"), permissions=["delete"]
    )
    def unlock(self, request, queryset):
        for record in queryset:
            throttle.clear_record(record, "admin", request.user)
        count = queryset.count()
        message = ngettext(
            "%(count)d Eintrag zurückgesetzt.", "%(count)d Einträge zurückgesetzt.", count
        ) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)


DEVICE_FIELDS = ("user", "confirmed_at", "last_used_at", "created_at", "recovery_codes_left")


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Read-only; deleting a device lets a user who lost the phone set up a new one."""

    list_display = ["user", "confirmed_at", "last_used_at", "created_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = DEVICE_FIELDS
    readonly_fields = DEVICE_FIELDS

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Unbenutzte Wiederherstellungscodes"))
    def recovery_codes_left(self, obj):
        return services.remaining_recovery_codes(obj.user)


IDENTITY_FIELDS = ("user", "method", "provider", "issuer", "subject", "level", "linked_at",
                   "last_login_at", "attributes")  # fmt: skip


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Read-only, for operators only: a link is made by the person's own first login (with
    the account's password or a new account); deleting it unlinks a wrong one, audit-logged
    (``admin.deleted``). The person can link again by logging in with the provider."""

    list_display = ["user", "method", "provider", "issuer", "linked_at", "last_login_at"]
    list_filter = ["method"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = IDENTITY_FIELDS
    readonly_fields = IDENTITY_FIELDS

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
