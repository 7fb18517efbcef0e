from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "rathaus.cases"
    label = "cases"
    verbose_name = _("Vorgänge")

    def ready(self) -> None:
        from rathaus.authentication import areas
        from rathaus.cases.processing import CaseProcessing
        from rathaus.cases.services import citizen_answers, may_work_cases
        from rathaus.core import pagecache
        from rathaus.postbox.replies import HANDLERS
        from rathaus.submissions.processing import PROCESSORS

        areas.register("cases", may_work_cases)
        PROCESSORS.register("cases", CaseProcessing())
        HANDLERS.register("cases", citizen_answers)
        pagecache.private(
            "cases.case", "cases.caseevent", "cases.apitoken"
        )  # no public page shows them
