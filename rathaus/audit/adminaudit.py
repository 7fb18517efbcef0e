"""Admin pages that write an audit entry wherever Django's admin writes its own LogEntry."""

from __future__ import annotations

from django.contrib import admin

from rathaus.audit.services import log_action

__all__ = ["AuditedAdminMixin"]


class AuditedAdminMixin(admin.ModelAdmin):
    def log_addition(self, request, obj, message):
        log_action(request.user, "admin.added", obj, {"change": message})
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        log_action(request.user, "admin.changed", obj, {"change": message})
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            log_action(request.user, "admin.deleted", obj, {})
        return super().log_deletions(request, queryset)
