from wagtail.admin.panels import Panel

from .checks import check_page


class PublishChecksPanel(Panel):
    """The pre-publish checks of the page as last saved, at the top of the editor."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/publish_checks.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["saved"] = self.instance.pk is not None
            context["findings"] = check_page(self.instance) if context["saved"] else []
            return context
