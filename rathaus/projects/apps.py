from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "rathaus.projects"
    label = "projects"
    verbose_name = _("Smart-Region-Projekte")

    def ready(self) -> None:
        from rathaus.authentication import areas
        from rathaus.core import demo as core_demo
        from rathaus.core import pagecache, personal_data, retention, territory_sections
        from rathaus.projects import access, demo, privacy, sections

        core_demo.register("projects", demo.load_demo_projects)
        personal_data.register("projects", privacy.export, privacy.erase)
        retention.register("projects", privacy.purge)
        territory_sections.register("projects", sections.territory_projects)
        areas.register("projects", access.has_desk)
        pagecache.private("projects.transfermessage")  # no public page shows them
