"""The site's URLs plus ``/benchmark/noop/``: the same middleware and server, no work."""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from cms.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def noop(request):
    return JsonResponse({"id": 0, "hits": 0})


urlpatterns = [path("benchmark/noop/", noop), *site_urlpatterns]
