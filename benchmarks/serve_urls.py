from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

CONSTANT = b"x" * 20_000


def constant(request):
    """The same server doing no work: the ceiling of Django behind gunicorn here."""
    return HttpResponse(CONSTANT, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench-constant/", constant), *site_urlpatterns]
