from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
