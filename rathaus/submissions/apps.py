from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "rathaus.submissions"
    label = "submissions"
    verbose_name = _("Anträge")

    def ready(self) -> None:
        from rathaus.core import pagecache, personal_data, retention
        from rathaus.submissions import privacy

        personal_data.register("submissions", privacy.export, privacy.erase)
        retention.register("submissions", privacy.purge)
        pagecache.private(
            "submissions.draft",
            "submissions.submission",
            "submissions.attachment",
            "submissions.referencesequence",
        )  # no public page shows them
