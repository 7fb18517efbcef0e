from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesignerConfig(AppConfig):
    name = "rathaus.designer"
    label = "designer"
    verbose_name = _("Dienstgestaltung")

    def ready(self) -> None:
        from rathaus.core import pagecache, retention
        from rathaus.designer.trials import purge_trial_runs

        retention.register("designer_trial_runs", purge_trial_runs)
        pagecache.private("designer.trialrun")  # no public page shows them
