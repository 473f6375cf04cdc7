from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self):
        from .permissions import name_permissions

        post_migrate.connect(name_permissions, dispatch_uid="editorial.name_permissions")
