from django.conf import settings

from core.caching import cached_for_site
from core.themes import ThemeMiddleware

from .models import SiteSettings


class SiteThemeMiddleware(ThemeMiddleware):
    """Each site's pages in the theme its settings name."""

    def theme_for(self, request):
        return cached_for_site(request, "theme", lambda: self.site_theme(request))

    @staticmethod
    def site_theme(request):
        try:
            return SiteSettings.for_request(request).theme or settings.DEFAULT_THEME
        except SiteSettings.DoesNotExist:
            return settings.DEFAULT_THEME
