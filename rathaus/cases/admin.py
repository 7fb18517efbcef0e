from django.contrib import admin, messages
from django.utils.translation import gettext as _

from rathaus.cases.models import ApiToken, Case, CaseEvent
from rathaus.cases.tokens import create_token


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "kind", "state", "visible_to_citizen", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["submission", "authority", "state", "created_at"]
    list_filter = ["state", "authority"]
    readonly_fields = ["submission", "authority", "state", "created_at"]
    inlines = [CaseEventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Create a token for a specialist system; it is shown once, after saving."""

    list_display = ["authority", "name", "active", "created_at", "last_used_at"]
    list_filter = ["active"]
    fields = ["authority", "name", "active"]
    autocomplete_fields = ["authority"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        record, token = create_token(obj.authority, obj.name, request.user)
        obj.pk, obj.token_hash = record.pk, record.token_hash
        shown = _("Der Token wird nur jetzt angezeigt: %(token)s") % {"token": token}
        messages.warning(request, shown)
