"""The home page and the per-site settings that feed the header and footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page
from wagtail_headless_preview.models import HeadlessPreviewMixin

from articles.models import FrontendPreviewMixin, RepresentedPage
from core.themes import theme_choices

ICP_URL = "https://beian.miit.gov.cn/"


class HomePage(FrontendPreviewMixin, RepresentedPage, Page, HeadlessPreviewMixin):
    featured_count = models.PositiveSmallIntegerField(
        _("number of featured articles"),
        default=5,
        help_text=_("How many featured (推荐) articles the slideshow and headlines show."),
    )
    notices_section = models.ForeignKey(
        "articles.SectionPage",
        verbose_name=_("notices section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The section whose articles the notices list (通知公告) shows."),
    )
    notices_count = models.PositiveSmallIntegerField(_("number of notices"), default=8)

    content_panels = Page.content_panels + [
        FieldPanel("featured_count"),
        MultiFieldPanel(
            [FieldPanel("notices_section"), FieldPanel("notices_count")],
            heading=_("Notices"),
        ),
        InlinePanel("home_sections", heading=_("Section blocks"), label=_("Section block")),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage", "articles.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class HomeSection(Orderable):
    """A block on the home page listing one section's latest articles."""

    page = ParentalKey(HomePage, related_name="home_sections", on_delete=models.CASCADE)
    section = models.ForeignKey(
        "articles.SectionPage", verbose_name=_("section"), on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveSmallIntegerField(_("number of articles"), default=8)

    panels = [FieldPanel("section"), FieldPanel("count")]

    class Meta(Orderable.Meta):
        verbose_name = _("section block")
        verbose_name_plural = _("section blocks")


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    name = models.CharField(_("organisation name"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    icp_record = models.CharField(
        _("ICP record number"), max_length=100, blank=True, help_text=_("For example 湘ICP备17017769号.")
    )
    police_record = models.CharField(_("public security record number"), max_length=100, blank=True)
    police_record_url = models.URLField(_("public security record link"), blank=True)
    copyright = models.CharField(_("copyright line"), max_length=255, blank=True)
    theme = models.CharField(_("theme"), max_length=50, default="default", choices=theme_choices)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("logo"), FieldPanel("address"), FieldPanel("postcode")],
            heading=_("Organisation"),
        ),
        InlinePanel("phone_numbers", heading=_("Phone numbers"), label=_("Phone number")),
        MultiFieldPanel([FieldPanel("fax"), FieldPanel("email")], heading=_("Contact")),
        MultiFieldPanel(
            [
                FieldPanel("icp_record"),
                FieldPanel("police_record"),
                FieldPanel("police_record_url"),
                FieldPanel("copyright"),
            ],
            heading=_("Records and copyright"),
        ),
        InlinePanel("footer_links", heading=_("Footer links"), label=_("Link")),
        FieldPanel("theme"),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    @classmethod
    def base_queryset(cls):
        return (
            super().base_queryset().select_related("logo").prefetch_related("phone_numbers", "footer_links")
        )


class PhoneNumber(Orderable):
    settings = ParentalKey(SiteSettings, related_name="phone_numbers", on_delete=models.CASCADE)
    label = models.CharField(_("label"), max_length=50, blank=True, help_text=_("For example 值班室."))
    number = models.CharField(_("number"), max_length=50)

    panels = [FieldPanel("label"), FieldPanel("number")]

    class Meta(Orderable.Meta):
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")


class FooterLink(Orderable):
    settings = ParentalKey(SiteSettings, related_name="footer_links", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=100)
    url = models.URLField(_("address"))

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")
