from django.tasks import task

from rathaus.deliveries.services import attempt


@task
def deliver(delivery_id: str) -> str:
    return attempt(delivery_id).status
