"""The office keeps the event regions as data here; events themselves are run in the back
office (/veranstaltungen/verwaltung/), so the admin shows them read-only."""

from django.contrib import admin

from rathaus.events.models import Event, EventMessage, EventRegion


@admin.register(EventRegion)
class EventRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "territory", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]
    autocomplete_fields = ["territory"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "format", "state", "starts_at", "capacity", "organiser"]
    list_filter = ["state", "kind", "format", "region"]
    search_fields = ["title", "slug"]
    date_hierarchy = "starts_at"
    exclude = ["organisers"]  # who organises is decided on the back office's team page


@admin.register(EventMessage)
class EventMessageAdmin(ReadOnlyAdmin):
    list_display = ["subject", "event", "recipients", "sender", "sent_at"]
    search_fields = ["subject", "event__title"]

    def get_queryset(self, request):
        # Messages are not tenant-owned: those of the events in scope (all for operators).
        return super().get_queryset(request).filter(event__in=Event.objects.all())
