from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
