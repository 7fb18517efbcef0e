"""The office edits the lists (Handlungsfelder, technologies) here; projects themselves are
edited through the editorial pages, so the admin shows them read-only."""

from django.contrib import admin

from rathaus.projects.models import FieldOfAction, ModelProject, Project, Technology


@admin.register(FieldOfAction)
class FieldOfActionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "name_en"]


@admin.register(Technology)
class TechnologyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the editorial workflow (audit log, search
    index, files); taking a project offline is "Nicht mehr veröffentlichen"."""

    list_display = ["__str__", "state", "authority", "is_example", "first_published_at"]
    list_filter = ["state", "is_example"]
    search_fields = ["slug", "draft__title", "published__title"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ModelProject)
class ModelProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "category", "states", "key", "territory"]
    list_filter = ["year", "category"]
    search_fields = ["name", "key"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
