from wagtail.admin.forms import WagtailAdminPageForm

from .checks import check_content

# The editor's buttons that make a page live, now or after review.
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class CheckedPageForm(WagtailAdminPageForm):
    """Publishing and submitting for review are refused while the pre-publish checks find errors;
    saving a draft is not. A blank slug is made by the page (a Chinese title gives no slug in the
    browser), so that editors never have to invent one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        if "slug" in self.fields and not self.cleaned_data.get("slug"):
            self.fill_slug()
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

    def fill_slug(self):
        page = self.instance
        for name in ("title", "publish_time"):
            if self.cleaned_data.get(name):
                setattr(page, name, self.cleaned_data[name])
        slug = page.generated_slug(page.get_parent() if page.path else self.parent_page)
        if slug:
            self.cleaned_data["slug"] = slug
