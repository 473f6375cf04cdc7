import os

from django.core.wsgi import get_wsgi_application

from core.page_cache import PageCacheFront

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = PageCacheFront(get_wsgi_application())
