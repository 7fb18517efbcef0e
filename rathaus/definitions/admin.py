from django.contrib import admin

from rathaus.definitions.models import Definition, DefinitionVersion


class VersionInline(admin.TabularInline):
    model = DefinitionVersion
    extra = 0
    can_delete = False
    fields = ["number", "status", "source", "created_at", "published_at"]
    readonly_fields = ["number", "status", "source", "created_at", "published_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Definition)
class DefinitionAdmin(admin.ModelAdmin):
    """Read-only here: definitions are uploaded and published at /verwaltung/dienste/."""

    list_display = ["title", "slug", "created_at"]
    readonly_fields = ["slug", "title", "created_at"]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
