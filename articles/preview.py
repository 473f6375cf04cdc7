"""``/api/v2/page_preview/``: an unpublished revision, shaped as ``/api/v2/pages/{id}/``, for token holders.

The admin's preview stores the draft with wagtail-headless-preview and sends the editor to the
frontend with ``content_type`` and ``token``; the frontend asks here with both. Answers are private
and never stored by caches.
"""

from datetime import timedelta

from django import forms
from django.apps import apps
from django.core.signing import BadSignature
from django.http import Http404
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet
from wagtail.api.v2.utils import BadRequestError
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from core.api import StrictParametersMixin
from core.params import Parameters

from .api import page_detail

# The package keeps stored previews for at least a day; tokens expire then, not whenever it cleans up.
TOKEN_MAX_AGE = timedelta(days=1)


class PreviewParameters(Parameters):
    content_type = forms.CharField()
    token = forms.CharField()


def preview_model(label):
    """The page model named ``app.model``, if its pages can be previewed."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        model = None
    if model is None or not issubclass(model, HeadlessPreviewMixin):
        raise BadRequestError(
            _("content_type must name a page type that can be previewed, for example articles.articlepage.")
        )
    return model


class PagePreviewAPIViewSet(StrictParametersMixin, ViewSet):
    """The draft a preview token was issued for; a missing, bad or expired token shows nothing."""

    parameters = {"detail_view": PreviewParameters}

    model = PagePreview  # the router maps models to endpoints; no page model may point here
    name = "page_preview"

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "detail_view"}), name="detail")]

    def detail_view(self, request):
        model = preview_model(self.params["content_type"])
        token = self.params["token"]
        try:
            model.get_preview_signer().unsign(token, max_age=TOKEN_MAX_AGE)
        except BadSignature:
            page = None
        else:
            page = model.get_page_from_preview_token(token)
        if page is None:
            raise Http404(_("This preview link is invalid or has expired; preview the page again."))
        request.is_preview = True  # representations cached per content version are never used for drafts
        return Response(page_detail(page, request))

    def finalize_response(self, request, response, *args, **kwargs):
        """Drafts must not reach shared caches, nor outlive the editor's session in the browser's."""
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response
