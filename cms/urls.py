from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v3.urls import api as v3_api
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from articles.views import site_feed
from cms.api import api_router
from cms.openapi import TITLE as API_TITLE
from cms.views import robots_txt
from core import routing
from search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        # Split view: its script and (our template) its styles are files, for the Content-Security-Policy.
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", title=API_TITLE, template_name="core/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("api/v3/", v3_api.urls),
    path("search/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("feed/", site_feed, name="feed"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages resolve through core.routing (one query, then Wagtail's own serve view); Wagtail's
# password and login views follow.
urlpatterns += [re_path(serve_pattern, routing.serve), path("", include(wagtail_urls))]

handler500 = "cms.views.server_error"
