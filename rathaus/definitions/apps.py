from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefinitionsConfig(AppConfig):
    name = "rathaus.definitions"
    label = "definitions"
    verbose_name = _("Dienstdefinitionen")

    def ready(self) -> None:
        from rathaus.authentication import areas
        from rathaus.definitions import compound  # noqa: F401  (registers address and file)
        from rathaus.definitions.services import may_design

        areas.register("definitions", may_design)
