"""Background sending through django-tasks, on the "webhooks" backend (see TASKS in settings)."""

from django_tasks import task

from .models import WebhookDelivery


@task(backend="webhooks")
def deliver(delivery_id):
    """One attempt per run: a retry is queued for later rather than sleeping in the worker."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING)
        .first()
    )
    if delivery is None:  # already settled, or deleted along with its endpoint
        return
    delivery.attempt()
    if delivery.status == WebhookDelivery.Status.PENDING:
        deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
