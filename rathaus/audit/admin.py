from django.contrib import admin

from rathaus.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: entries can be searched and read, never added, changed or deleted."""

    list_display = ["shard", "sequence", "created_at", "actor_label", "verb", "target_label"]
    list_filter = ["verb", "shard"]
    search_fields = ["actor_label", "verb", "target_label", "target_id"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    # Newest first across the tenant's chains, as they were written (the model's order
    # groups the entries by chain, for verifying)
    ordering = ["-pk"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
