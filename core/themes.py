"""Theme selection: templates resolve from the active theme first, then the default theme.

The middleware puts the request in a context variable so that template lookups made anywhere
during the request (pages, includes, error pages) see the request's theme. Which theme a request
gets is the middleware's ``theme_for`` (the home app's subclass reads the site setting); it is
asked only when a template is first looked up, so API requests never pay for it.
"""

from contextvars import ContextVar

from django.conf import settings
from django.template.loaders import cached, filesystem

_current_request: ContextVar = ContextVar("current_request", default=None)


def available_themes():
    return sorted(path.name for path in settings.THEMES_DIR.iterdir() if (path / "templates").is_dir())


def current_theme():
    current = _current_request.get()
    if current is None:
        return settings.DEFAULT_THEME
    request, theme_for = current
    if not hasattr(request, "theme"):
        request.theme = theme_for(request)
    return request.theme


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

    def theme_for(self, request):
        return settings.DEFAULT_THEME

    def __call__(self, request):
        token = _current_request.set((request, self.theme_for))
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
