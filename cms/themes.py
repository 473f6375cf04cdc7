"""Theme selection: templates resolve from the active theme first, then the default theme.

The active theme is a site setting; the middleware puts it in a context variable so that
template lookups made anywhere during the request (pages, includes, error pages) see it.
"""

from contextvars import ContextVar

from django.conf import settings
from django.template.loaders import cached, filesystem

_current_theme: ContextVar[str] = ContextVar("current_theme", default="")


def available_themes():
    return sorted(path.name for path in settings.THEMES_DIR.iterdir() if (path / "templates").is_dir())


def current_theme():
    return _current_theme.get() or settings.DEFAULT_THEME


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
        from home.models import SiteSettings

        try:
            theme = SiteSettings.for_request(request).theme
        except SiteSettings.DoesNotExist:
            theme = ""
        token = _current_theme.set(theme)
        try:
            return self.get_response(request)
        finally:
            _current_theme.reset(token)
