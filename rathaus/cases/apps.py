from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "rathaus.cases"
    label = "cases"
    verbose_name = _("Vorgänge")

    def ready(self) -> None:
        from rathaus.authentication import areas
        from rathaus.cases.services import may_work_cases

        areas.register("cases", may_work_cases)
