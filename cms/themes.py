"""Theme selection: templates resolve from the active theme first, then the default theme.

The active theme is a site setting. The middleware puts the request in a context variable so
that template lookups made anywhere during the request (pages, includes, error pages) see the
request's theme; the setting is read only when a template is first looked up, so API requests
never load it.
"""

from contextvars import ContextVar

from django.conf import settings
from django.template.loaders import cached, filesystem

from cms.caching import cached_for_site

_current_request: ContextVar = ContextVar("current_request", default=None)


def available_themes():
    return sorted(path.name for path in settings.THEMES_DIR.iterdir() if (path / "templates").is_dir())


def current_theme():
    request = _current_request.get()
    if request is None:
        return settings.DEFAULT_THEME
    if not hasattr(request, "theme"):
        request.theme = cached_for_site(request, "theme", lambda: _site_theme(request))
    return request.theme


def _site_theme(request):
    from home.models import SiteSettings

    try:
        return SiteSettings.for_request(request).theme or settings.DEFAULT_THEME
    except SiteSettings.DoesNotExist:
        return settings.DEFAULT_THEME


def theme_choices():
    return [(name, name) for name in available_themes()]


class ThemeLoader(filesystem.Loader):
    def get_dirs(self):
        themes = dict.fromkeys([current_theme(), settings.DEFAULT_THEME])
        return [settings.THEMES_DIR / name / "templates" for name in themes]


class CachedThemeLoader(cached.Loader):
    """Django's cached loader, keyed by theme so two sites with different themes never share an entry."""

    def cache_key(self, template_name, skip=None):
        return f"{current_theme()}:{super().cache_key(template_name, skip)}"


class ThemeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
