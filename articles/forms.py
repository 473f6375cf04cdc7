from wagtail.admin.forms import WagtailAdminPageForm

from .checks import check_content

# The editor's buttons that make a page live, now or after review.
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class CheckedPageForm(WagtailAdminPageForm):
    """Publishing and submitting for review are refused while the pre-publish checks find errors;
    saving a draft is not."""

    def clean(self):
        cleaned_data = super().clean()
        if any(action in self.data for action in PUBLISHING_ACTIONS):
            findings = check_content(
                cleaned_data.get("title"),
                cleaned_data.get("body"),
                cleaned_data.get("publish_time"),
                cleaned_data.get("go_live_at"),
            )
            for finding in findings:
                if finding.is_error:
                    self.add_error(None, finding.message)
        return cleaned_data
