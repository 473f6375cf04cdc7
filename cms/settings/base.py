"""Settings shared by every environment; everything that varies comes from the environment."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
THEMES_DIR = BASE_DIR / "themes"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "core",
    "home",
    "articles",
    "search",
    "transfer",
    "webhooks",
    "wagtail_headless_preview",
    "wagtail.api.v2",
    # Write API for integrations at /api/v3/, with its bearer tokens (admin: Settings > API tokens).
    "wagtail.api.v3",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    # OpenAPI document of the v2 API at /api/schema/ (see cms.openapi) and Swagger UI at /api/docs/.
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # django-ninja, under the v3 API: /api/v3/docs/ serves Swagger UI from our static files, not a CDN.
    "ninja",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# No LocaleMiddleware: the public site and the API speak LANGUAGE_CODE whatever the browser asks
# for, so answers can be cached; the Wagtail admin follows each editor's own language setting.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "cms.caching.PublicAPICacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.themes.ThemeMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site",
            ],
            "loaders": [
                (
                    "cms.themes.CachedThemeLoader",
                    [
                        "cms.themes.ThemeLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="cms"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE", default="zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [
    (theme.name, theme / "static") for theme in sorted(THEMES_DIR.iterdir()) if (theme / "static").is_dir()
]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="新闻门户")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "doc",
    "docx",
    "mp3",
    "mp4",
    "odt",
    "pdf",
    "ppt",
    "pptx",
    "rar",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

DEFAULT_THEME = "default"

# The public API: Wagtail's v2 endpoints, cached by browsers and proxies for API_CACHE_SECONDS.
PUBLIC_API_PREFIX = "/api/v2/"
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)
SITE_DATA_CACHE_SECONDS = 3600
WAGTAILAPI_LIMIT_MAX = 100
REST_FRAMEWORK = {"DEFAULT_THROTTLE_RATES": {"hits": env("HIT_RATE", default="30/minute")}}
# Proxies (addresses or networks) whose X-Forwarded-For is believed (core.clients.client_address);
# from anyone else the header is ignored. E.g. TRUSTED_PROXIES=127.0.0.1 behind a local nginx.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

# Headless preview (wagtail-headless-preview). With HEADLESS_PREVIEW_URL set to the frontend's
# preview route (e.g. https://www.example.com/preview/), the admin's preview shows that route with
# ?content_type=app.model&token=...; the frontend fetches the draft from /api/v2/page_preview/ with
# the same two parameters (its origin must be in CORS_ALLOWED_ORIGINS). Unset, previews render in
# the site's own theme.
HEADLESS_PREVIEW_URL = env("HEADLESS_PREVIEW_URL", default="")
WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL} if HEADLESS_PREVIEW_URL else {}}

# Publish webhooks (webhooks app). Deliveries go through a django-tasks backend of their own that
# keeps them in the database, so publishing never waits on the network: run a worker beside the
# web process, `manage.py db_worker --backend webhooks`. Wagtail's own tasks stay immediate.
INSTALLED_APPS += ["django_tasks_db"]
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "webhooks": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WEBHOOKS_TIMEOUT = env.float("WEBHOOKS_TIMEOUT", default=5)
# Seconds to wait before each retry; a delivery fails for good after len(delays) + 1 attempts.
WEBHOOKS_RETRY_DELAYS = [10, 60, 300]

# OpenAPI (drf-spectacular): /api/schema/ serves the document cms.openapi writes by hand (Wagtail's
# endpoints cannot be introspected), YAML by default or JSON with ?format=json; /api/docs/ is
# Swagger UI from our own static files (drf-spectacular-sidecar), never a CDN. Both are anonymous.
SPECTACULAR_SETTINGS = {
    "DEFAULT_GENERATOR_CLASS": "cms.openapi.PortalSchemaGenerator",
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No validator badge: Swagger UI's default validator is an outside service (validator.swagger.io).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}
