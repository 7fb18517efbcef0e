"""Admin for login failure records (with an unlock action) and TOTP devices.

The TOTP secret is never shown; recovery codes exist only as hashes and are not listed.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rathaus.accounts.admin import AuditedAdminMixin
from rathaus.authentication import services
from rathaus.authentication.models import LoginFailureRecord, TOTPDevice


class LockedFilter(admin.SimpleListFilter):
    title = _("Sperre")
    parameter_name = "locked"

    def lookups(self, request, model_admin):
        return [("yes", _("gesperrt")), ("no", _("nicht gesperrt"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "yes":
            return queryset.filter(locked_until__gt=now)
        if self.value() == "no":
            return queryset.exclude(locked_until__gt=now)
        return queryset


@admin.register(LoginFailureRecord)
class LoginFailureRecordAdmin(admin.ModelAdmin):
    list_display = ["email", "failure_count", "last_failure_at", "locked_until"]
    list_filter = [LockedFilter]
    search_fields = ["email"]
    readonly_fields = [
        "email",
        "failure_count",
        "window_started_at",
        "last_failure_at",
        "locked_until",
    ]
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Sperre aufheben und Fehlversuche zurücksetzen"), permissions=["delete"]
    )
    def unlock(self, request, queryset):
        for record in queryset:
            services.clear_login_failures(record.email, "admin", force=True, actor=request.user)
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
