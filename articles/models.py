"""Sections (栏目), articles and single pages: the section hierarchy of a news portal."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from pypinyin import lazy_pinyin
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings

from core.representations import RepresentationField, representation
from core.visibility import private_q

from .blocks import RICH_TEXT_FEATURES, BodyBlock
from .feeds import serve_feed
from .forms import CheckedPageForm
from .panels import PublishChecksPanel


def pinyin_slug(text):
    """A Latin slug for a Chinese title: 学校概况 -> xue-xiao-gai-kuang."""
    return slugify(" ".join(lazy_pinyin(text)))[:80].strip("-")


def free_slug(base, taken):
    """``base``, or with the first suffix from -2 up that is not ``taken``, as Wagtail numbers the
    slugs it makes from titles."""
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


class GeneratedSlugMixin:
    """Fill a blank slug from ``default_slug_base()`` before Wagtail validates and saves."""

    def default_slug_base(self):
        return pinyin_slug(self.title)

    def generated_slug(self, parent):
        """A slug from ``default_slug_base()`` that no other child of ``parent`` has, or ""."""
        base = self.default_slug_base()
        if not base:
            return ""
        siblings = parent.get_children().filter(slug__startswith=base)
        if self.pk is not None:
            siblings = siblings.exclude(pk=self.pk)
        return free_slug(base, set(siblings.values_list("slug", flat=True)))

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.path:
            self.slug = self.generated_slug(self.get_parent())
        super().full_clean(*args, **kwargs)


class RepresentedPage:
    """A page whose template receives ``data``, the same representation the API returns."""

    def representation(self, request):
        return representation(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["data"] = self.representation(request)
        return context

    def get_view_restrictions(self):
        """None, without a query, for a page that ``core.routing`` found public; else Wagtail's check."""
        if getattr(self, "known_public", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class FrontendPreviewMixin:
    """Previews open in the headless frontend when one is configured, else in the theme as usual.

    Page types list ``HeadlessPreviewMixin`` after ``Page``, so that their own preview is the
    ordinary one and the frontend's is chosen here.
    """

    def serve_preview(self, request, mode_name):
        if headless_preview_settings.CLIENT_URLS:
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        return super().serve_preview(request, mode_name)


class SectionPage(
    FrontendPreviewMixin, RoutablePageMixin, RepresentedPage, GeneratedSlugMixin, Page, HeadlessPreviewMixin
):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    page_size = models.PositiveSmallIntegerField(
        _("articles per page"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = Page.settings_panels + [FieldPanel("page_size")]
    promote_panels = Page.promote_panels
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "articles.SectionPage"]
    subpage_types = ["articles.SectionPage", "articles.ArticlePage", "articles.StandardPage"]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def articles(self):
        """Live, public articles anywhere below this section, in list order."""
        return ArticlePage.objects.listed().descendant_of(self)

    @path("feed/")
    def feed(self, request):
        """RSS 2.0 of the section's latest articles."""
        return serve_feed(request, self, self.articles())


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


def private_pages():
    """Pages in a private section as one subquery; Wagtail's ``public()`` runs a query to build its filter."""
    restrictions = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Exists(restrictions)


class ArticlePageQuerySet(PageQuerySet):
    def visible(self):
        """Live and public, as ``live().public()``; search querysets keep Wagtail's ``public()``."""
        return self.live().exclude(private_q())

    def listed(self):
        """Live, public articles in list order: pinned first, then newest publish time."""
        return self.visible().order_by("-pinned", "-publish_time", "-pk")

    def chronological(self):
        return self.visible().order_by("publish_time", "pk")


class ArticlePage(FrontendPreviewMixin, RepresentedPage, GeneratedSlugMixin, Page, HeadlessPreviewMixin):
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    publish_time = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        help_text=_("The date shown on the article and used to order lists; may be in the past."),
    )
    author = models.CharField(_("author"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    hits = models.PositiveIntegerField(_("hits"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=ArticleTag, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Shown first in lists."))
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown in the home page slideshow and headlines.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    objects = PageManager.from_queryset(ArticlePageQuerySet)()
    # Joined when core.routing loads the article to serve it.
    serve_select_related = ("cover",)

    api_fields = [
        APIField("subtitle", writable=True),
        APIField("publish_time", writable=True),
        APIField("author", writable=True),
        APIField("source", writable=True),
        APIField("hits", serializer=RepresentationField()),
        APIField("summary", writable=True),
        APIField("tags", serializer=RepresentationField()),
        APIField("pinned"),
        APIField("featured"),
        APIField("cover", serializer=RepresentationField()),
        APIField("section", serializer=RepresentationField()),
    ]

    base_form_class = CheckedPageForm
    content_panels = [
        PublishChecksPanel(heading=_("Checks before publishing")),
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publish_time"), FieldPanel("hits", read_only=True)]),
                FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
                FieldRowPanel([FieldPanel("pinned"), FieldPanel("featured")]),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("publish_time"),
        index.FilterField("expire_at"),
        index.FilterField("pinned"),
        index.FilterField("featured"),
    ]

    parent_page_types = ["articles.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["-pinned", "-publish_time"], name="article_list_order"),
            models.Index(fields=["publish_time"], name="article_publish_time"),
            models.Index(fields=["-hits", "-page_ptr"], name="article_hits_order"),
            models.Index(fields=["featured", "-pinned", "-publish_time"], name="article_featured_order"),
        ]

    def default_slug_base(self):
        return timezone.localtime(self.publish_time).strftime("%Y%m%d")

    def save(self, *args, **kwargs):
        """Saving an edited article never writes ``hits``: views counted meanwhile would be lost."""
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                *(field.name for field in self._meta.concrete_fields if not field.primary_key),
                *(relation.get_accessor_name() for relation in get_all_child_relations(self)),
                *(field.name for field in get_all_child_m2m_relations(self)),
            ]
            kwargs["update_fields"].remove("hits")
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """Publishing an older revision must not roll back the hit counter."""
        page = super().with_content_json(content)
        if self.pk:
            page.hits = ArticlePage.objects.filter(pk=self.pk).values_list("hits", flat=True).first() or 0
        return page


class StandardPage(FrontendPreviewMixin, RepresentedPage, GeneratedSlugMixin, Page, HeadlessPreviewMixin):
    """A single page such as 学校简介 or 联系我们."""

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    base_form_class = CheckedPageForm
    content_panels = [
        PublishChecksPanel(heading=_("Checks before publishing")),
        *Page.content_panels,
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body"), index.FilterField("expire_at")]

    parent_page_types = ["home.HomePage", "articles.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("single page")
        verbose_name_plural = _("single pages")
