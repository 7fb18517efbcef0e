from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rathaus.audit.adminaudit import AuditedAdminMixin
from rathaus.core import feedback, services
from rathaus.core.models import Authority, Feedback, Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    """The territory comes from ``manage.py load_territory``; the key of a saved row is fixed."""

    list_display = ["key", "short_name", "level", "kind_display", "parent", "population"]
    list_filter = ["level"]
    search_fields = ["key", "name", "short_name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    ordering = ["key"]

    @admin.display(description=_("Art"), ordering="kind")
    def kind_display(self, obj: Territory) -> str:
        return services.kind_label(obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "key"] if obj is not None else readonly


@admin.register(Authority)
class AuthorityAdmin(AuditedAdminMixin):
    list_display = ["name", "territory", "city", "is_active", "four_eyes_publishing"]
    list_filter = ["is_active", "four_eyes_publishing", "territory__level"]
    search_fields = ["name", "slug", "city", "territory__name", "territory__key"]
    list_select_related = ["territory"]
    autocomplete_fields = ["territory"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read the messages and mark them handled; the content itself cannot be changed."""

    list_display = ["reference", "kind", "created_at", "page_url", "reply_requested", "handled"]
    list_filter = ["kind", "handled"]
    search_fields = ["reference", "page_url", "message", "email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "reference",
        "kind",
        "created_at",
        "page_url",
        "message",
        "name",
        "email",
        "language",
        "handled",
        "handled_at",
    ]
    actions = ["mark_handled"]

    @admin.display(description=_("Antwort erbeten"), boolean=True)
    def reply_requested(self, obj: Feedback) -> bool:
        return bool(obj.email)

    @admin.action(description=_("Als erledigt markieren"))
    def mark_handled(self, request, queryset):
        for entry in queryset.filter(handled=False):
            feedback.mark_handled(entry, request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
