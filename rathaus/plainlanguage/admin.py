from django.contrib import admin

from rathaus.plainlanguage.models import OfficialeseTerm


@admin.register(OfficialeseTerm)
class OfficialeseTermAdmin(admin.ModelAdmin):
    """The office keeps its officialese list here; a change takes effect at once."""

    list_display = ["term", "suggestion", "active"]
    list_editable = ["active"]
    list_filter = ["active"]
    search_fields = ["term", "suggestion"]
    fields = ["term", "suggestion", "active"]
