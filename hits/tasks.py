"""The flush as a django-tasks task, for sites that run a task worker instead of ``run_periodic``."""

from django_tasks import task

from . import counter


@task()
def flush_hits():
    return counter.flush()
