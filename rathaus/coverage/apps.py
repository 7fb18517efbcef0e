from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    name = "rathaus.coverage"
    label = "coverage"
    verbose_name = _("OZG-Abdeckung")

    def ready(self) -> None:
        from rathaus.core import demo as core_demo
        from rathaus.coverage import demo

        core_demo.register("coverage", demo.load_demo_coverage)
