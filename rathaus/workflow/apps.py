from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "rathaus.workflow"
    label = "workflow"
    verbose_name = _("Abläufe")

    def ready(self) -> None:
        from rathaus.core import pagecache

        pagecache.private("workflow.statechange")  # no public page shows them
