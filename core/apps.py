from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django_tasks.signals import task_started

        from core.caching import read_version_afresh

        task_started.connect(read_version_afresh, dispatch_uid="core.read_version_afresh")
