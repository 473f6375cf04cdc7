from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .events import connect
        from .models import WebhookDelivery
        from .permissions import ReadOnlyPermissionPolicy

        connect()
        register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))
