"""Admin screens: endpoints are edited like any snippet, deliveries are an inspect-only log."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Action, WebhookDelivery, WebhookEndpoint


class WebhookEndpointViewSet(SnippetViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Endpoints")
    list_display = ["name", "url", "active", "created_at"]
    list_filter = ["active"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        FieldPanel("active"),
        MultiFieldPanel(
            [FieldPanel(f"on_{action}") for action in Action.values],
            heading=_("Send on"),
        ),
    ]


class WebhookDeliveryViewSet(SnippetViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Delivery log")
    list_display = ["endpoint", "action", "status", "status_code", "attempts", "created_at"]
    list_filter = ["status", "action", "endpoint"]
    copy_view_enabled = False
    inspect_view_enabled = True


class WebhooksGroup(SnippetViewSetGroup):
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet)
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    menu_name = "webhooks"


register_snippet(WebhooksGroup)
