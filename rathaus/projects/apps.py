from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "rathaus.projects"
    label = "projects"
    verbose_name = _("Smart-Region-Projekte")

    def ready(self) -> None:
        from rathaus.core import demo as core_demo
        from rathaus.projects import demo

        core_demo.register(demo.load_demo_projects)
