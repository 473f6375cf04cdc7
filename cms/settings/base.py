"""Settings shared by every environment; everything that varies comes from the environment."""

from datetime import timedelta
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
    # Before Wagtail's apps: its locale completes Wagtail's own zh_Hans catalogue.
    "editorial",
    "home",
    "articles",
    "hits",
    "search",
    "transfer",
    "webhooks",
    "publishing",
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
    "axes",
    "csp",
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
    # First, so that a cached page is answered before any other work; it stores the headers every
    # middleware below added (security headers, Content-Security-Policy) with the page.
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app itself (compressed, cached forever under their hashed names).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.csp.ContentSecurityPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "core.caching.PublicAPICacheMiddleware",
    "core.routing.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.middleware.SiteThemeMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout answer.
    "axes.middleware.AxesMiddleware",
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
                    "core.themes.CachedThemeLoader",
                    [
                        "core.themes.ThemeLoader",
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
# The cache only saves work: with Redis down, reads miss and writes are dropped (each logged, logger
# "django_redis.cache") and the site and API go on from the database.
REDIS_CACHE_OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="cms"),
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    # Local memory, one per process. Django's default of 300 entries is fewer than one home page of a
    # large site stores (renditions, fragments, representations): culling then dropped the content
    # version, which restarted it and left every cached page stale.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env.int("LOCAL_CACHE_ENTRIES", default=10_000)},
        }
    }

# Admin logins (django-axes): after AXES_FAILURE_LIMIT failed attempts for one user name from one
# client address, further attempts with that pair are refused (429, even with the right password) for
# LOGIN_LOCKOUT_MINUTES. Attempts are logged (logger "axes", and 设置 › Access attempts in django-admin);
# `manage.py axes_reset` unlocks everyone. The address is core.clients.client_address (TRUSTED_PROXIES).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "core.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
# The log names who failed from where (axes masks both by default); passwords are never logged.
AXES_SENSITIVE_PARAMETERS = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE", default="zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# The project's catalogue, then the strings Wagtail's own zh_Hans catalogue lacks (editorial app).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "editorial" / "wagtail_zh" / "locale"]
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
# The admin calls no outside host: no release check, no gravatar avatars.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
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
# Full-page cache of anonymous HTML answers (core.page_cache), keyed by the content version.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)  # browsers revalidate (304) every time
PAGE_CACHE_CDN_SECONDS = env.int("PAGE_CACHE_CDN_SECONDS", default=60)  # s-maxage for a CDN in front
# With Redis, each process keeps up to this many current pages in memory (core.near_cache; 0: none).
PAGE_CACHE_NEAR_ENTRIES = env.int("PAGE_CACHE_NEAR_ENTRIES", default=1000)
# Static publishing (publishing app): live public pages as files for nginx (deploy/nginx.conf).
STATIC_PUBLISH_ENABLED = env.bool("STATIC_PUBLISH", default=True)
STATIC_PUBLISH_ROOT = env.path("STATIC_PUBLISH_ROOT", default=BASE_DIR / "var" / "published")
PAGE_CACHE_EXCLUDED_PATHS = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/_util/",
    "/documents/",
    "/static/",
    "/media/",
)
WAGTAILAPI_LIMIT_MAX = 100
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_RATES": {
        "hits": env("HIT_RATE", default="30/minute"),
        "search": env("SEARCH_RATE", default="60/minute"),
    },
    # JSON only: no browsable HTML API (?format=api), in production or anywhere else.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
# PostgreSQL cancels a search's statements that run longer than this (0: no limit); the visitor
# gets a 503 asking for narrower terms.
SEARCH_STATEMENT_TIMEOUT_MS = env.int("SEARCH_STATEMENT_TIMEOUT_MS", default=3000)
# Hit counting (hits app): one visitor counts once per article per HIT_WINDOW seconds. With a Redis
# (HITS_REDIS_URL, default REDIS_URL) hits are buffered there and `manage.py flush_hits` adds them to
# the database; give that Redis persistence (appendonly yes) so a crash loses no pending views.
HIT_WINDOW = env.int("HIT_WINDOW", default=30 * 60)
HITS_REDIS_URL = env("HITS_REDIS_URL", default=REDIS_URL)
HITS_REDIS_TIMEOUT = 0.5
HITS_REDIS_RETRY_SECONDS = env.float("HITS_REDIS_RETRY_SECONDS", default=5)
# 热门文章 lists are recomputed at most this often.
POPULAR_CACHE_SECONDS = 60
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
    # Static publishing (publishing app): immediate here, so files are current when publish returns;
    # production runs it in the background (`manage.py db_worker --backend publishing`).
    "publishing": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# import_legacy refuses an article body larger than this (bytes of UTF-8): it would take gigabytes of
# memory to import and make every search that matches it slow.
IMPORT_MAX_BODY_BYTES = env.int("IMPORT_MAX_BODY_BYTES", default=4 * 1024 * 1024)
WEBHOOKS_TIMEOUT = env.float("WEBHOOKS_TIMEOUT", default=5)
# Webhooks go only to public addresses (webhooks.addresses); these host names (or IP addresses) are
# allowed although they resolve to a private or internal one, e.g. WEBHOOK_ALLOWED_HOSTS=intranet.school.cn
WEBHOOK_ALLOWED_HOSTS = env.list("WEBHOOK_ALLOWED_HOSTS", default=[])
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

# Management commands run every so many seconds by `manage.py run_periodic`, which the production
# start command (scripts/serve.py) runs beside the web server: (command name, interval in seconds).
PERIODIC_COMMANDS = [
    # Wagtail's scheduled go-live and expiry take effect within a minute.
    ("publish_scheduled", 60),
    # Views buffered in Redis reach the database (and lists ordered by views).
    ("flush_hits", 10),
]

# Content-Security-Policy (django-csp; core.csp adds the admin's relaxations). Scripts and styles come
# only from our own static files: no inline <script>, event handlers or style="" in templates. Editors'
# embeds (video sites) may frame https pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https:"] + ([HEADLESS_PREVIEW_URL] if HEADLESS_PREVIEW_URL else []),
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# What the Wagtail admin needs on top: its widgets and panels still carry inline scripts and styles.
CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
CSP_ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}
